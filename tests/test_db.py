"""Foundation: the database is created, migrated, checked and backed up safely, and the
event log is append-only."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.builders import add_request

if TYPE_CHECKING:
    import sqlalchemy as sa


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_db_upgrade_on_empty_path_creates_private_wal_database_at_head(cli, tmp_path) -> None:
    path = tmp_path / "new" / "office.db"
    r = cli("--db", str(path), "db", "upgrade")
    assert r.exit_code == 0, r.stderr
    assert _mode(path) == 0o600
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    from govinfo_cli.store.db import HEAD

    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    check = cli("--db", str(path), "db", "check", "--json").json()
    assert check["healthy"] and check["integrity"] == "ok" and check["file_mode"] == "0o600"


def test_head_constant_is_the_alembic_script_head() -> None:
    import sqlalchemy as sa
    from alembic.script import ScriptDirectory

    from govinfo_cli.store import db

    script = ScriptDirectory.from_config(db.alembic_config(sa.create_engine("sqlite://")))
    assert script.get_current_head() == db.HEAD


def test_migrated_schema_matches_the_models(tmp_path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import govinfo_cli.store.models  # noqa: F401
    from govinfo_cli.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, SQLModel.metadata)
    assert diff == []


def test_the_core_tables_the_queries_use_are_generated_from_the_models_and_current() -> None:
    """store/schema.py (the tables as Core tables, which every query uses) is generated from
    store/models.py: the file is what the generator writes now, and each table has the same
    DDL on both backends, the same Python-side defaults and the same partial index."""
    from pathlib import Path

    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from govinfo_cli.store import models, schema

    text = Path(schema.__file__).read_text(encoding="utf-8")
    assert text == models.core_schema_source(), f"store/schema.py is stale: {models.SCHEMA_COMMAND}"
    assert set(schema.metadata.tables) == set(SQLModel.metadata.tables)
    for name, table in SQLModel.metadata.tables.items():
        core = schema.metadata.tables[name]
        for dialect in (sqlite.dialect(), postgresql.dialect()):
            assert str(CreateTable(core).compile(dialect=dialect)) == str(CreateTable(table).compile(dialect=dialect))
            ddl = sorted(str(CreateIndex(i).compile(dialect=dialect)) for i in core.indexes)
            assert ddl == sorted(str(CreateIndex(i).compile(dialect=dialect)) for i in table.indexes), name
        for c in table.columns:  # Python-side defaults: the same value, or a function giving the same type
            want, got = c.default, core.c[c.name].default
            assert (want is None) == (got is None), (name, c.name)
            if want is not None and got is not None:
                assert want.is_callable == got.is_callable, (name, c.name)
                if want.is_callable:
                    assert type(got.arg(None)) is type(want.arg(None)), (name, c.name)  # type: ignore[attr-defined]
                else:
                    assert got.arg == want.arg, (name, c.name)  # type: ignore[attr-defined]


def test_the_default_database_is_created_on_first_use_owner_only(cli, tmp_path, monkeypatch, fresh_db) -> None:
    monkeypatch.delenv("GOVINFO_DB")
    default = tmp_path / "xdg" / "govinfo" / "govinfo.db"  # XDG_DATA_HOME is the test's
    assert not default.exists()
    r = cli("due")
    assert r.exit_code == 0, r.stderr
    assert default.exists() and _mode(default) == 0o600


def test_db_init_creates_a_named_database_owner_only(cli, db_path, fresh_db) -> None:
    assert not db_path.exists()
    r = cli("db", "init")
    assert r.exit_code == 0, r.stderr
    assert db_path.exists() and _mode(db_path) == 0o600


def test_sqlite_connections_have_the_pragmas(tmp_path) -> None:
    from govinfo_cli.store.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        get = lambda p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()  # noqa: E731
        assert get("foreign_keys") == 1
        assert get("journal_mode") == "wal"
        assert get("busy_timeout") >= 5000
        assert get("synchronous") == 1  # NORMAL


def test_events_cannot_be_updated_or_deleted_through_the_library(cli) -> None:
    from sqlmodel import Session, select

    from govinfo_cli.core.errors import StorageError
    from govinfo_cli.store.db import make_engine, resolve_url
    from govinfo_cli.store.models import Event

    add_request(cli, "T-1", "2026-11-02", applicant="王芳", subject="医保基金支出明细")
    engine = make_engine(resolve_url(None))  # the test's database (GOVINFO_DB), either backend
    with Session(engine) as s:
        ev = s.exec(select(Event)).first()
        ev.type = "withdrawn"
        s.add(ev)
        with pytest.raises(StorageError):
            s.flush()
    with Session(engine) as s:
        ev = s.exec(select(Event)).first()
        s.delete(ev)
        with pytest.raises(StorageError):
            s.flush()


def test_events_cannot_be_updated_or_deleted_in_the_database_either(cli) -> None:
    import sqlalchemy as sa

    from tests.conftest import query

    add_request(
        cli, "T-1", "2026-11-02", applicant="王芳", subject="医保基金支出明细"
    )  # SQLite: triggers raising ABORT; PostgreSQL: a PL/pgSQL trigger
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        query("UPDATE events SET type='withdrawn'")
    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        query("DELETE FROM events")


def test_backup_is_private_complete_and_healthy(cli, db_path, tmp_path) -> None:  # SQLite file
    add_request(cli, "T-1", "2026-11-02", applicant="王芳", subject="医保基金支出明细")
    dest = tmp_path / "backup.db"
    r = cli("db", "backup", str(dest), "--json")
    assert r.exit_code == 0, r.stderr
    assert _mode(dest) == 0o600
    info = r.json()
    assert info["healthy"] and info["counts"]["events"] == 1
    again = cli("db", "backup", str(dest))
    assert again.exit_code == 1 and "已存在" in again.stderr


def test_backup_while_another_connection_writes_is_consistent(cli, db_path, tmp_path) -> None:
    add_request(cli, "T-1", "2026-11-02", applicant="王芳", subject="医保基金支出明细")
    writer = sqlite3.connect(db_path, timeout=10)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO settings(key, value) VALUES ('x', 'uncommitted')")
    dest = tmp_path / "b.db"
    r = cli("db", "backup", str(dest), "--json")
    writer.rollback()
    assert r.exit_code == 0, r.stderr
    copy = sqlite3.connect(dest)
    assert copy.execute("SELECT count(*) FROM settings WHERE key='x'").fetchone()[0] == 0
    assert copy.execute("SELECT count(*) FROM events").fetchone()[0] == 1


def test_db_path_follows_option_then_environment(cli, tmp_path, monkeypatch) -> None:
    assert cli("--db", str(tmp_path / "a.db"), "db", "path").stdout.strip() == str(tmp_path / "a.db")
    monkeypatch.setenv("GOVINFO_DB", str(tmp_path / "b.db"))
    assert cli("db", "path").stdout.strip() == str(tmp_path / "b.db")


def test_db_path_defaults_to_the_user_data_directory(cli, monkeypatch) -> None:
    monkeypatch.delenv("GOVINFO_DB")
    from govinfo_cli.store.db import default_path

    assert cli("db", "path").stdout.strip() == str(default_path())


def test_a_user_error_prints_one_line_and_exits_1(cli) -> None:
    r = cli("show", "不存在的编号")
    assert r.exit_code == 1
    assert r.stderr.strip().count("\n") == 0
    assert r.stderr.startswith("错误：") and "Traceback" not in r.stderr


def test_a_bad_today_is_a_usage_error(cli) -> None:
    r = cli("--today", "2026-02-30", "due")
    assert r.exit_code == 2
    assert "--today" in r.stderr


def test_a_directory_as_database_is_one_clear_line(cli, tmp_path) -> None:
    r = cli("--db", str(tmp_path), "due")
    assert r.exit_code == 1 and "目录" in r.stderr


@pytest.mark.parametrize("old", ["0001", "0002"])
def test_upgrade_from_a_previous_revision_keeps_the_data(cli, tmp_path, old) -> None:
    from govinfo_cli.store import db

    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}", migrate=False)
    db.upgrade(engine, old)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO cases (id, kind, number, status, event_count, created_at) "
            "VALUES (1, 'request', 'OLD-1', 'open', 1, '2026-01-05 08:00:00')"
        )
        conn.exec_driver_sql(
            "INSERT INTO events (case_id, seq, type, date, payload, operator, recorded_at) "
            "VALUES (1, 1, 'received', '2026-01-05', "
            '\'{"channel": "online", "applicant": "张伟", '
            '"applicant_type": "natural_person", "subject": "x"}\', \'老科员\', '
            "'2026-01-05 08:00:00')"
        )
    assert db.current_revision(engine) == old
    r = cli("--db", str(path), "show", "OLD-1", "--json", "--audit")  # migrates on first use
    assert r.exit_code == 0, r.stderr
    assert db.current_revision(engine) == db.HEAD
    ev = r.json()["events"][0]
    assert ev["operator"] == "老科员" and ev["applicant"] == "张伟"
    assert r.json()["deadlines"]["reply"]["due"] == "2026-02-02"  # replayed after the upgrade
    assert cli("--db", str(path), "disclosure", "catalogue", "list", "--json").json() == []


def _plan(conn: sa.Connection, stmt: sa.Select) -> str:  # type: ignore[type-arg]
    """The database's plan of ``stmt`` (PostgreSQL: with sequential scans discouraged, so
    the plan says whether an index can serve it even on a table of a few rows)."""
    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    if conn.dialect.name == "sqlite":
        return "\n".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
    conn.exec_driver_sql("SET enable_seqscan = off")
    return "\n".join(str(r[0]) for r in conn.exec_driver_sql("EXPLAIN " + sql))


@pytest.mark.parametrize("kind", [None, "request"])
def test_finding_a_case_by_its_number_goes_through_an_index(cli, kind) -> None:
    """Issue 26: a case number with or without its kind (show 依申〔2026〕1号, every command
    that takes a case) is found by an index, never by scanning the cases table."""
    from govinfo_cli.store.cases import case_select
    from tests.conftest import engine_of

    add_request(cli, "T-1", "2026-11-02", applicant="王芳", subject="医保基金支出明细")
    engine = engine_of()
    try:
        with engine.connect() as conn:
            plan = _plan(conn, case_select("T-1", kind))
    finally:
        engine.dispose()
    assert "SCAN cases" not in plan and "Seq Scan on cases" not in plan, plan
    assert "USING INDEX" in plan or "Index Scan" in plan, plan  # (SQLite; PostgreSQL: Index Scan, Bitmap …)
