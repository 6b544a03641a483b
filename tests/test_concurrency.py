"""Many clerks at once, on SQLite and on PostgreSQL (issue 9).

Each test runs on the database of the run: SQLite, or PostgreSQL when GOVINFO_TEST_PG
names a server (then every test has a fresh database of its own). The tests that compare
the two backends need both and skip without a server.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import pg
from tests.builders import event_lines
from tests.conftest import acceptance_cases, new_db, ok

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "events.jsonl"
CATALOGUE = ROOT / "sample_data" / "catalogue.csv"
needs_pg = pytest.mark.skipif(not pg.SERVER, reason="needs a PostgreSQL server (GOVINFO_TEST_PG)")


def _stress():  # bench/stress.py: the stress run and the consistency check it ends with
    spec = importlib.util.spec_from_file_location("govinfo_bench_stress", ROOT / "bench" / "stress.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _url() -> str:
    from govinfo_cli.store.db import resolve_url

    return resolve_url(os.environ["GOVINFO_DB"])


# --------------------------------------------------------------------------
# Eight clerks at once
# --------------------------------------------------------------------------


@pytest.mark.slow
def test_eight_clerks_recording_200_events_each_at_once_lose_nothing(backend) -> None:
    stress = _stress()
    report = stress.run(_url(), procs=8, events=200)
    assert report["crashed_workers"] == []
    assert report["user_errors"] == []  # no "database is locked", no duplicate key, nothing
    assert report["events_stored"] == report["events_expected"] == 1600
    assert report["duplicate_sequence_numbers"] == 0
    assert report["cases_with_sequence_gaps"] == []
    assert report["cases_with_wrong_event_count"] == []
    assert report["cases_whose_cache_differs_from_replay"] == []
    assert report["request_numbers_ok"] and report["numbers_handed_twice"] == []
    assert sorted(report["events_by_operator"].values()) == [200] * 8


@pytest.mark.slow
def test_several_first_commands_at_once_on_a_new_database_all_succeed(tmp_path) -> None:
    """Clerks who start at the same moment on a database nobody has opened yet: one of
    them creates and migrates it, the others wait and find it ready. (Slow: a race of four
    new interpreters, ~4 s of CPU.)"""
    env = dict(os.environ)
    env.pop("GOVINFO_DB", None)  # SQLite: the default data-directory database, created on first use
    env["XDG_DATA_HOME"] = str(tmp_path / "new")
    with pg.fresh_database() if pg.SERVER else _nullcontext("") as db:
        if db:
            env["GOVINFO_DB"] = db
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "govinfo_cli", "due", "--json"],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0, 0], [e for _, e in outs]
        assert all(json.loads(o) == [] for o, _ in outs)


class _nullcontext:
    def __init__(self, value: str) -> None:
        self.value = value

    def __enter__(self) -> str:
        return self.value

    def __exit__(self, *_: object) -> None:
        return None


# --------------------------------------------------------------------------
# Retry
# --------------------------------------------------------------------------


class _Orig(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"sqlstate {sqlstate}")
        self.sqlstate = sqlstate


def test_a_write_that_collides_with_another_clerk_is_run_again_from_the_start(tmp_path) -> None:
    import sqlalchemy as sa

    from govinfo_cli.store import db

    engine = db.make_engine(f"sqlite:///{new_db(tmp_path / 'r.db')}")
    calls = []

    def work(conn: sa.Connection) -> str:
        calls.append(1)
        if len(calls) < 3:  # a case number taken meanwhile, then a deadlock
            raise sa.exc.IntegrityError("INSERT", {}, _Orig("23505" if len(calls) == 1 else "40P01"))
        return "written"

    assert db.run_write(engine, work) == "written" and len(calls) == 3


def test_a_refusal_or_a_genuine_error_is_not_retried(tmp_path) -> None:
    import sqlalchemy as sa

    from govinfo_cli.core.errors import Refusal
    from govinfo_cli.store import db

    engine = db.make_engine(f"sqlite:///{new_db(tmp_path / 'r.db')}")
    calls = []

    def refuse(conn: sa.Connection) -> None:
        calls.append(1)
        raise Refusal("不允许")

    with pytest.raises(Refusal):
        db.run_write(engine, refuse)
    assert len(calls) == 1

    def broken(conn: sa.Connection) -> None:
        calls.append(1)
        conn.exec_driver_sql("SELECT * FROM no_such_table")

    with pytest.raises(sa.exc.OperationalError):
        db.run_write(engine, broken)
    assert len(calls) == 2


def test_a_collision_that_never_clears_is_reported_after_a_bounded_number_of_attempts(tmp_path, monkeypatch) -> None:
    import sqlalchemy as sa

    from govinfo_cli.store import db

    engine = db.make_engine(f"sqlite:///{new_db(tmp_path / 'r.db')}")
    calls, pauses = [], []
    monkeypatch.setattr(db.time, "sleep", pauses.append)  # the pauses between attempts, not taken

    def always(conn: sa.Connection) -> None:
        calls.append(1)
        raise sa.exc.OperationalError("BEGIN", {}, _Orig("40001"))

    with pytest.raises(sa.exc.OperationalError):
        db.run_write(engine, always)
    assert len(calls) == db.WRITE_ATTEMPTS
    assert len(pauses) == db.WRITE_ATTEMPTS - 1 and all(0 <= p <= 0.5 for p in pauses)  # short, random pauses


def test_postgresql_urls_use_the_psycopg_driver() -> None:
    from govinfo_cli.store.db import resolve_url

    assert resolve_url("postgresql://clerk@db.example/govinfo") == "postgresql+psycopg://clerk@db.example/govinfo"
    assert resolve_url("postgres://clerk@db/govinfo") == "postgresql+psycopg://clerk@db/govinfo"
    assert resolve_url("postgresql+psycopg://c@h/d") == "postgresql+psycopg://c@h/d"


def test_an_unreachable_server_is_one_line_and_exit_1(cli) -> None:
    r = cli("--db", "postgresql+psycopg://nobody@127.0.0.1:1/govinfo", "due")
    assert r.exit_code == 1
    assert r.stderr.startswith("错误：") and "Traceback" not in r.stderr


# --------------------------------------------------------------------------
# SIGKILL in the middle of a bulk import
# --------------------------------------------------------------------------


def _bulk(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1, n + 1):
            case = f"批量〔2026〕{i}号"
            fh.write(
                json.dumps(
                    {
                        "case": case,
                        "kind": "request",
                        "type": "received",
                        "date": "2026-10-12",
                        "channel": "online",
                        "applicant": f"申请人{i}",
                        "applicant_type": "natural_person",
                        "subject": f"批量事项{i}",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
            fh.write(
                json.dumps(
                    {"case": case, "kind": "request", "type": "replied", "date": "2026-10-20", "outcome": "disclosed"},
                    ensure_ascii=False,
                )
                + "\n"
            )
    return path


def _writing(url: str, wal_before: int) -> bool:
    """Has the import reached its writing phase (past validation)?"""
    import sqlalchemy as sa

    from govinfo_cli.store.db import sqlite_path

    path = sqlite_path(url)
    if path is not None:
        wal = Path(f"{path}-wal")
        return wal.exists() and wal.stat().st_size > wal_before + 256 * 1024
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return bool(
                conn.execute(
                    sa.text(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                        "AND application_name = 'govinfo' AND query ILIKE 'INSERT INTO events%'"
                    )
                ).scalar()
            )
    finally:
        engine.dispose()


def _bulk_cases(url: str) -> int:
    import sqlalchemy as sa

    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM cases WHERE number LIKE '批量%'")).scalar()
    finally:
        engine.dispose()


@pytest.mark.slow
def test_a_bulk_import_killed_halfway_leaves_none_or_all_of_its_cases(cli, tmp_path) -> None:
    from govinfo_cli.store.db import sqlite_path

    n = 3000
    ok(cli("import", "events", str(SAMPLE)))  # the office's earlier work, which must survive
    before = ok(cli("db", "check", "--json")).json()["counts"]
    url = _url()
    path = sqlite_path(url)
    wal = Path(f"{path}-wal") if path else None
    wal_before = wal.stat().st_size if wal and wal.exists() else 0
    src = _bulk(tmp_path / "bulk.jsonl", n)
    proc = subprocess.Popen(
        [sys.executable, "-m", "govinfo_cli", "import", "events", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not _writing(url, wal_before):
        assert proc.poll() is None, "the import finished before it could be killed"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    time.sleep(0.1)  # inside the writing phase, which lasts ≈ 0.85 s after it is detected here
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the import finished before the kill: make it longer"

    check = ok(cli("db", "check", "--json")).json()
    assert check["healthy"]
    assert _bulk_cases(url) in (0, n)
    stress = _stress()
    state = stress.consistency(url)
    assert stress.consistent(state), state
    if _bulk_cases(url) == 0:
        assert check["counts"] == before  # nothing of the killed import, everything before it

    again = ok(cli("import", "events", str(src), "--json")).json()  # nothing left locked
    assert _bulk_cases(url) == n
    assert again["added"] + again["unchanged"] == 2 * n
    assert stress.consistent(stress.consistency(url))


# --------------------------------------------------------------------------
# The same events on both backends
# --------------------------------------------------------------------------


def _office(cli, db: str, tmp_path: Path) -> None:  # noqa: ANN001
    """A year of a bureau, and then some clerk's work on it."""
    accept = tmp_path / "acceptance.jsonl"
    accept.write_text(event_lines(acceptance_cases()), encoding="utf-8")
    ok(cli("--db", db, "import", "events", str(SAMPLE)))
    ok(cli("--db", db, "import", "events", str(accept)))
    ok(cli("--db", db, "disclosure", "catalogue", "import", str(CATALOGUE)))
    ok(cli("--db", db, "calendar", "add", "2026-11-23", "--holiday", "--note", "停电停业一天"))
    ok(
        cli(
            "--db",
            db,
            "--by",
            "科员乙",
            "request",
            "add",
            "--channel",
            "online",
            "--applicant",
            "王某",
            "--type",
            "natural_person",
            "--subject",
            "医保基金年度决算",
            "--id-number",
            "11010519491231002X",
        )
    )


def _documents(cli, db: str) -> dict:  # noqa: ANN001
    numbers = [(r["kind"], r["case"]) for r in _all_cases(db)]
    out = {}
    for kind, number in numbers:
        doc = ok(cli("--db", db, "show", number, "--kind", kind, "--json", "--reveal")).json()
        out[f"{kind}:{number}"] = doc
    return out


def _all_cases(db: str) -> list[dict]:
    import sqlalchemy as sa

    from govinfo_cli.store.db import resolve_url

    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return [
                {"kind": k, "case": n}
                for k, n in conn.execute(sa.text("SELECT kind, number FROM cases ORDER BY kind, number"))
            ]
    finally:
        engine.dispose()


@needs_pg
def test_the_annual_report_of_the_same_events_is_identical_on_sqlite_and_postgresql(cli, tmp_path) -> None:
    lite = new_db(tmp_path / "office.db")
    with pg.fresh_database() as server:
        _office(cli, lite, tmp_path)
        _office(cli, server, tmp_path)
        for year in ("2025", "2026"):
            a = ok(cli("--db", lite, "report", "annual", year, "--json")).json()
            b = ok(cli("--db", server, "report", "annual", year, "--json")).json()
            assert a == b and a["section3"]["new"]["total"] > 0
            assert (
                ok(cli("--db", lite, "report", "timeliness", year, "--json")).json()
                == ok(cli("--db", server, "report", "timeliness", year, "--json")).json()
            )
        assert (
            ok(cli("--db", lite, "due", "--json", "--within", "40")).json()
            == ok(cli("--db", server, "due", "--json", "--within", "40")).json()
        )
        a, b = _documents(cli, lite), _documents(cli, server)
        assert len(a) > 100 and a == b


# --------------------------------------------------------------------------
# db copy
# --------------------------------------------------------------------------


def _rows(db: str) -> dict[str, list]:
    """Every row of every table, backend-neutral (times in UTC)."""
    import sqlalchemy as sa

    from govinfo_cli.store.copy import digest, tables  # the copy's own digest, table by table
    from govinfo_cli.store.db import resolve_url

    engine = sa.create_engine(resolve_url(db), poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return {
                t.name: [conn.execute(sa.select(sa.func.count()).select_from(t)).scalar(), digest(conn, t)]
                for t in tables()
            }
    finally:
        engine.dispose()


def test_db_copy_to_an_empty_file_is_verified_row_by_row_and_case_by_case(cli, tmp_path) -> None:
    _office(cli, os.environ["GOVINFO_DB"], tmp_path)
    dest = tmp_path / "copy.db"
    report = ok(cli("db", "copy", "--to", str(dest), "--json")).json()
    assert report["ok"] and report["case_mismatches"] == []
    assert report["cases_compared"] > 100
    assert all(t["source"] == t["target"] and t["rows_identical"] for t in report["tables"].values())
    assert report["tables"]["events"]["source"] > 300
    assert _rows(str(dest)) == _rows(os.environ["GOVINFO_DB"])
    text = ok(cli("db", "copy", "--to", str(tmp_path / "copy2.db"))).stdout
    assert "全部一致" in text


def test_db_copy_refuses_a_target_that_is_not_empty_and_writes_nothing(cli, tmp_path) -> None:
    ok(cli("import", "events", str(SAMPLE)))
    other = tmp_path / "other.db"
    new_db(other)
    ok(cli("--db", str(other), "calendar", "add", "2026-11-23", "--holiday", "--note", "x"))
    before = _rows(str(other))
    r = cli("db", "copy", "--to", str(other))
    assert r.exit_code == 1 and "不是空的" in r.stderr and "calendar_overrides 1 行" in r.stderr
    assert _rows(str(other)) == before
    same = cli("db", "copy", "--to", os.environ["GOVINFO_DB"])
    assert same.exit_code == 1 and "相同" in same.stderr


@needs_pg
def test_db_copy_sqlite_to_postgresql_and_back_preserves_every_event_operator_and_timestamp(cli, tmp_path) -> None:
    lite = new_db(tmp_path / "office.db")
    back = str(tmp_path / "back.db")
    _office(cli, lite, tmp_path)
    shown = _documents(cli, lite)
    audit = {
        k: ok(cli("--db", lite, "show", d["case"], "--kind", d["kind"], "--json", "--audit")).json()
        for k, d in shown.items()
    }
    with pg.fresh_database() as server:
        there = ok(cli("--db", lite, "db", "copy", "--to", server, "--json")).json()
        assert there["ok"] and there["cases_compared"] == len(shown)
        assert _rows(server) == _rows(lite)  # ids, operators, timestamps: every row
        for key, doc in audit.items():  # before the reveals below, which the audit log records
            assert (
                ok(cli("--db", server, "show", doc["case"], "--kind", doc["kind"], "--json", "--audit")).json() == doc
            ), key
        assert _documents(cli, server) == shown
        server_rows = _rows(server)  # (the reveals above were audited: the log grew)
        ok(cli("--db", server, "db", "copy", "--to", back))
        # the office goes on working on PostgreSQL: ids continue after the copied ones
        r = ok(
            cli(
                "--db",
                server,
                "--by",
                "科员丙",
                "request",
                "add",
                "--channel",
                "post",
                "--applicant",
                "赵某",
                "--type",
                "business",
                "--subject",
                "定点药店名单",
            )
        )
        assert "依申〔2026〕" in r.stdout
        assert ok(cli("--db", server, "db", "check", "--json")).json()["counts"]["cases"] == len(shown) + 1
    assert _rows(back) == server_rows
    assert _documents(cli, back) == shown


# --------------------------------------------------------------------------
# The schema on either backend
# --------------------------------------------------------------------------


def test_migrations_run_up_down_and_up_again_on_the_database_of_the_run(tmp_path) -> None:
    import sqlalchemy as sa
    from alembic import command

    from govinfo_cli.store import db

    with pg.fresh_database() if pg.SERVER else _nullcontext(f"sqlite:///{tmp_path / 'm.db'}") as url:
        engine = db.make_engine(url, migrate=False)
        db.upgrade(engine)
        assert db.current_revision(engine) == db.HEAD
        command.downgrade(db.alembic_config(engine), "base")
        assert db.current_revision(engine) is None
        with engine.connect() as conn:
            assert "events" not in sa.inspect(conn).get_table_names()
        db.upgrade(engine)
        assert db.current_revision(engine) == db.HEAD
        engine.dispose()


def test_events_are_append_only_in_the_database_itself_on_either_backend(cli) -> None:
    import sqlalchemy as sa

    ok(
        cli(
            "request",
            "add",
            "--channel",
            "online",
            "--applicant",
            "李四",
            "--type",
            "natural_person",
            "--subject",
            "医保目录",
        )
    )
    engine = sa.create_engine(_url(), poolclass=sa.pool.NullPool)
    try:
        for sql in ("UPDATE events SET operator = 'x'", "DELETE FROM events"):
            with pytest.raises(sa.exc.DatabaseError, match="append-only"), engine.begin() as conn:
                conn.exec_driver_sql(sql)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT operator FROM events").scalars().all() == ["测试员"]
    finally:
        engine.dispose()
