"""Issue 19: a log that shows tampering, a cache that db check proves, an audit trail
that shows every reveal, foreign and future databases left alone, one spreadsheet guard,
and no half-written output file. Bypasses are tried with plain SQL, as someone with a
database shell beside govinfo would; on SQLite and (GOVINFO_TEST_PG) PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import new_db, ok, query


def _add(cli, case: str = "T-1", received: str = "2026-11-02", applicant: str = "王芳") -> None:  # noqa: ANN001
    ok(
        cli(
            "request", "add", "--case", case, "--received", received, "--channel", "online",
            "--applicant", applicant, "--type", "natural_person", "--subject", "医保基金支出明细",
            "--id-number", "11010519491231002X", "--contact", "13800138000",
        )
    )  # fmt: skip


def _check(cli, *args: str):  # noqa: ANN001, ANN202
    return cli("db", "check", "--json", *args)


def _refused(sql: str, **params: object) -> None:
    import sqlalchemy as sa

    with pytest.raises(sa.exc.DatabaseError, match="append-only"):
        query(sql, **params)


# --- 1. the hash chain and the guards -------------------------------------------------


def test_every_recorded_event_carries_a_chain_and_db_check_verifies_it(cli) -> None:
    _add(cli)
    ok(cli("request", "reply", "T-1", "--date", "2026-11-10", "--outcome", "disclosed"))
    chains = [r[0] for r in query("SELECT chain FROM events ORDER BY seq")]
    assert len(chains) == 2 and all(len(c) == 64 for c in chains) and chains[0] != chains[1]
    info = ok(_check(cli)).json()
    assert info["healthy"] and info["chain_breaks"] == [] and info["events"] == 2
    head = ok(cli("db", "check", "--head")).stdout.strip()
    assert head == info["head_hash"] and len(head) == 64


def test_the_chain_is_the_one_the_core_computes_from_the_stored_event(cli) -> None:
    from govinfo_cli.core.chain import event_chain

    _add(cli)
    (kind, number, seq, type_, date, payload, operator, at, chain) = query(
        "SELECT c.kind, c.number, e.seq, e.type, e.date, e.payload, e.operator, e.recorded_at, e.chain "
        "FROM events e JOIN cases c ON c.id = e.case_id"
    )[0]
    assert event_chain(None, kind, number, seq, type_, date, payload, operator, at) == chain


def test_insert_or_replace_upsert_update_and_delete_of_an_event_are_refused(cli, backend) -> None:
    _add(cli)
    before = query("SELECT payload, operator, chain FROM events")
    if backend == "sqlite":  # REPLACE deletes without firing delete triggers: the insert is refused
        _refused(
            "INSERT OR REPLACE INTO events (id, case_id, seq, type, date, payload, operator, recorded_at, chain) "
            "SELECT id, case_id, seq, type, date, json_set(payload, '$.applicant', '被篡改'), '伪造者', "
            "recorded_at, chain FROM events WHERE id = 1"
        )
        _refused(  # the same (case, seq) under a new id
            "REPLACE INTO events (case_id, seq, type, date, payload, operator, recorded_at, chain) "
            "SELECT case_id, seq, type, date, payload, '伪造者', recorded_at, chain FROM events"
        )
        _refused(
            "INSERT INTO events SELECT * FROM events WHERE id = 1 ON CONFLICT(id) DO UPDATE SET operator = '伪造者'"
        )
    else:
        _refused("INSERT INTO events SELECT * FROM events ON CONFLICT (id) DO UPDATE SET operator = '伪造者'")
    _refused("UPDATE events SET operator = '伪造者'")
    _refused("DELETE FROM events")
    assert query("SELECT payload, operator, chain FROM events") == before


def test_truncate_of_events_and_audit_is_refused_on_postgresql(cli, backend) -> None:
    if backend != "postgresql":
        pytest.skip("TRUNCATE is PostgreSQL's")
    _add(cli)
    ok(cli("show", "T-1", "--reveal"))
    for sql in ("TRUNCATE events CASCADE", "TRUNCATE audit", "TRUNCATE cases CASCADE"):
        _refused(sql)
    assert query("SELECT count(*) FROM events") == [(1,)]
    assert query("SELECT count(*) FROM audit") == [(1,)]


def test_the_audit_log_cannot_be_rewritten_or_emptied(cli, backend) -> None:
    _add(cli)
    ok(cli("show", "T-1", "--reveal"))
    _refused("UPDATE audit SET operator = '别人'")
    _refused("DELETE FROM audit")
    if backend == "sqlite":
        _refused("INSERT OR REPLACE INTO audit (id, at, operator, action, target, detail) "
                 "SELECT id, at, '别人', action, target, detail FROM audit")  # fmt: skip
    assert query("SELECT operator FROM audit") == [("测试员",)]


def test_a_forged_event_breaks_the_chain_at_its_number(cli, backend) -> None:
    _add(cli)
    ok(cli("request", "reply", "T-1", "--date", "2026-11-10", "--outcome", "disclosed"))
    _add(cli, "T-2", applicant="李四")
    # someone with the file drops the guard and rewrites the second event's operator
    if backend == "sqlite":
        query("DROP TRIGGER events_no_update")
    else:
        query("ALTER TABLE events DISABLE TRIGGER events_append_only")
    query("UPDATE events SET operator = '伪造者' WHERE seq = 2")
    r = _check(cli)
    assert r.exit_code == 1
    info = r.json()
    assert [(b["case"], b["seq"]) for b in info["chain_breaks"]] == [("T-1", 2)]
    assert info["missing_guards"] == ["events_no_update" if backend == "sqlite" else "events_append_only"]
    text = cli("db", "check")
    assert text.exit_code == 1 and "哈希链断裂 T-1：第 2 个事件" in text.stdout
    assert "防篡改保护异常 events_" in text.stdout


def test_a_removed_event_is_detected_even_with_its_chain_rewritten_around_it(cli, backend) -> None:
    _add(cli)
    ok(cli("request", "reply", "T-1", "--date", "2026-11-10", "--outcome", "disclosed"))
    if backend == "sqlite":
        query("DROP TRIGGER events_no_delete")
    else:
        query("ALTER TABLE events DISABLE TRIGGER events_append_only")
    head = ok(cli("db", "check", "--head")).stdout.strip()
    query("DELETE FROM events WHERE seq = 2")
    r = _check(cli)
    assert r.exit_code == 1
    # the last event gone: the chain that is left is intact, but the cache (and the head) says otherwise
    assert any(d["case"] == "T-1" for d in r.json()["cache_differences"])
    assert ok(cli("db", "check", "--head")).stdout.strip() != head


# --- 2. db check proves the cache ------------------------------------------------------


def test_a_hand_edited_cache_makes_db_check_fail_naming_the_case_and_repair_rewrites_it(cli) -> None:
    _add(cli)
    _add(cli, "T-2", applicant="李四")
    query("UPDATE deadlines SET due = '2027-06-30' WHERE case_id = (SELECT id FROM cases WHERE number = 'T-1')")
    query("UPDATE cases SET status = 'closed' WHERE number = 'T-2'")
    r = cli("db", "check")
    assert r.exit_code == 1
    assert "缓存与重放不符 T-1：期限 reply" in r.stdout and "2027-06-30" in r.stdout
    assert "缓存与重放不符 T-2：status 缓存 closed，重放 open" in r.stdout
    info = _check(cli).json()
    assert {d["case"] for d in info["cache_differences"]} == {"T-1", "T-2"}
    fixed = cli("db", "check", "--repair", "--json")
    assert fixed.exit_code == 0, fixed.stdout
    assert sorted(fixed.json()["repaired"]) == ["T-1", "T-2"]
    assert ok(_check(cli)).json()["healthy"]
    trail = ok(cli("audit", "--json")).json()
    assert {(a["action"], a["target"]) for a in trail if a["action"] == "repair"} == {
        ("repair", "T-1"),
        ("repair", "T-2"),
    }


def test_a_cached_deadline_whose_copy_of_its_case_differs_fails_db_check_and_repair_rewrites_it(cli) -> None:
    """Each cached deadline carries its case's number, kind, status, department and party
    (what `due` shows, read without the cases table): a copy that differs from a replay is
    a cache difference like any other, and --repair rewrites it."""
    _add(cli)
    query("UPDATE deadlines SET party = '李四', status = 'closed' WHERE code = 'reply'")
    r = cli("db", "check")
    assert r.exit_code == 1
    assert "缓存与重放不符 T-1：期限 reply 缓存的案件列 status 为 closed，重放 open" in r.stdout
    assert ok(cli("due", "--json", "--within", "30")).json() == []  # `due` trusts the cache…
    fixed = cli("db", "check", "--repair", "--json")
    assert fixed.exit_code == 0 and fixed.json()["repaired"] == ["T-1"], fixed.stdout
    assert ok(_check(cli)).json()["healthy"]
    assert [r["case"] for r in ok(cli("due", "--json", "--within", "30")).json()] == ["T-1"]  # …repaired


def test_db_check_quick_skips_the_replay(cli) -> None:
    _add(cli)
    query("UPDATE cases SET status = 'closed'")
    info = ok(cli("db", "check", "--quick", "--json")).json()
    assert "cache_differences" not in info and info["missing_guards"] == []


# --- 3. the audit trail ---------------------------------------------------------------


def test_audit_shows_an_export_reveal_a_list_reveal_and_a_show_reveal_with_their_operator(cli, tmp_path) -> None:
    _add(cli)
    ok(cli("--by", "李四", "export", "requests", "--reveal", "--out", str(tmp_path / "r.csv")))
    ok(cli("--by", "王五", "request", "list", "--reveal"))
    ok(cli("show", "T-1", "--reveal"))
    trail = ok(cli("audit", "--json")).json()
    got = [(a["operator"], a["action"], a["target"]) for a in trail]
    assert got == [
        ("测试员", "record", "T-1"),
        ("李四", "export_reveal", "export requests"),
        ("王五", "reveal", "request list"),
        ("测试员", "reveal", "T-1"),
    ]
    assert [a["target"] for a in ok(cli("audit", "--by", "李四", "--json")).json()] == ["export requests"]
    assert [a["action"] for a in ok(cli("audit", "--case", "T-1", "--json")).json()] == ["record", "reveal"]
    assert "导出（含个人信息）" in ok(cli("audit")).stdout


def test_audit_filters_by_local_recording_day(cli) -> None:
    import datetime as dt

    _add(cli)
    today = dt.date.today()
    assert len(ok(cli("audit", "--from", today.isoformat(), "--to", today.isoformat(), "--json")).json()) == 1
    later = (today + dt.timedelta(days=1)).isoformat()
    assert ok(cli("audit", "--from", later, "--json")).json() == []


@pytest.mark.parametrize("how", ["option", "env"])
def test_a_blank_operator_name_is_refused(cli, monkeypatch, how) -> None:
    if how == "env":
        monkeypatch.setenv("GOVINFO_USER", "   ")
        r = cli("show", "T-1", "--reveal")
    else:
        r = cli("--by", "   ", "request", "add", "--applicant", "王芳", "--type", "natural_person",
                "--subject", "x", "--channel", "online")  # fmt: skip
    assert r.exit_code == 1 and "经办人" in r.stderr and "空白" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1


# --- 4. foreign and future databases ---------------------------------------------------


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_foreign_sqlite_file_is_refused_in_one_line_and_left_byte_for_byte(cli, tmp_path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers VALUES (1, '甲')")
    con.commit()
    con.close()
    before = _digest(other)
    for args in (("due",), ("db", "check"), ("db", "upgrade"), ("show", "X")):
        r = cli("--db", str(other), *args)
        assert r.exit_code == 1, args
        assert len(r.stderr.strip().splitlines()) == 1 and "不是 govinfo 数据库" in r.stderr
        assert _digest(other) == before
    ok(cli("--db", str(other), "db", "upgrade", "--adopt"))
    names = {r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"customers", "events", "cases"} <= names


def test_a_newer_govinfo_database_is_refused_in_one_line_and_left_byte_for_byte(cli, tmp_path) -> None:
    newer = Path(new_db(tmp_path / "newer.db"))
    con = sqlite3.connect(newer)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("UPDATE alembic_version SET version_num = '0099'")
    con.commit()
    con.close()
    before = _digest(newer)
    for args in (("due",), ("db", "check"), ("db", "upgrade")):
        r = cli("--db", str(newer), *args)
        assert r.exit_code == 1, args
        assert len(r.stderr.strip().splitlines()) == 1
        assert "0099" in r.stderr and "更新版本的 govinfo" in r.stderr
        assert _digest(newer) == before


def test_a_newer_or_foreign_postgresql_database_is_refused(cli, backend) -> None:
    if backend != "postgresql":
        pytest.skip("the server variant")
    query("UPDATE alembic_version SET version_num = '0099'")
    r = cli("due")
    assert r.exit_code == 1 and "0099" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert query("SELECT version_num FROM alembic_version") == [("0099",)]


# --- 5. one spreadsheet guard ----------------------------------------------------------


@pytest.mark.parametrize("text", ["-inf", "+nan", "-1_0", "=1+1", "@SUM(A1)", "+x", "'=1+1", "'abc"])
def test_the_guard_quotes_formula_like_text_and_import_takes_off_only_that_quote(text) -> None:
    from govinfo_cli.core.text import safe_cell, unsafe_cell

    guarded = safe_cell(text)
    assert guarded.startswith("'")
    assert unsafe_cell(guarded) == text


@pytest.mark.parametrize("number", ["-1", "+2.5", "-1e5", "0.5"])
def test_plain_numbers_are_left_as_numbers(number) -> None:
    from govinfo_cli.core.text import safe_cell

    assert safe_cell(number) == number


def test_an_exported_register_round_trips_a_real_leading_quote(cli, tmp_path, monkeypatch) -> None:
    ok(
        cli(
            "request", "add", "--case", "Q-1", "--received", "2026-11-02", "--channel", "online",
            "--applicant", "'=1+1", "--type", "natural_person", "--subject", "=HYPERLINK(\"x\")",
        )
    )  # fmt: skip
    out = tmp_path / "r.csv"
    ok(cli("export", "requests", "--reveal", "--out", str(out)))
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert "''=1+1" in rows[1] and '\'=HYPERLINK("x")' in rows[1]
    monkeypatch.setenv("GOVINFO_DB", new_db(tmp_path / "fresh.db"))
    ok(cli("import", "requests", str(out)))
    shown = ok(cli("show", "Q-1", "--json", "--reveal")).json()
    assert shown["facts"]["applicant"] == "'=1+1" and shown["facts"]["subject"] == '=HYPERLINK("x")'


def test_an_agency_name_formula_is_text_in_the_annual_report_xlsx_and_csv(cli, tmp_path) -> None:
    import openpyxl

    ok(cli("config", "set", "agency.name", '=HYPERLINK("x")'))
    out = tmp_path / "a.xlsx"
    cli("report", "annual", "2026", "--format", "xlsx", "--out", str(out))
    cell = openpyxl.load_workbook(out).active["A1"]
    assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")
    text = cli("report", "annual", "2026", "--csv").stdout
    assert text.lstrip("\ufeff").startswith("\"'=HYPERLINK")


def test_register_xlsx_headers_and_cells_are_text(cli, tmp_path) -> None:
    import openpyxl

    ok(
        cli(
            "request", "add", "--case", "X-1", "--received", "2026-11-02", "--channel", "online",
            "--applicant", "=cmd|' /C calc'!A0", "--type", "natural_person", "--subject", "-inf",
        )
    )  # fmt: skip
    out = tmp_path / "r.xlsx"
    ok(cli("export", "requests", "--format", "xlsx", "--out", str(out)))
    ws = openpyxl.load_workbook(out).active
    assert all(c.data_type == "s" for c in ws[1])
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)


# --- 6. no half-written output file ---------------------------------------------------


_SLOW_EXPORT = """
import signal, sys, time
# Ctrl-C as at a terminal, even when the suite itself was started where SIGINT is ignored
# (a background job of a non-interactive shell: its children inherit SIG_IGN)
signal.signal(signal.SIGINT, signal.default_int_handler)
import govinfo_cli.app.register_export as rx
real = rx.request_rows
def slow(*a, **k):
    for i, row in enumerate(real(*a, **k)):
        yield row
        if i == 0:
            print("WRITING", file=sys.stderr, flush=True)
            time.sleep(30)
rx.request_rows = slow
from govinfo_cli.cli import main
sys.argv = ["govinfo", "export", "requests", "--reveal", "--out", sys.argv[1]]
main()
"""


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_an_interrupted_export_leaves_no_file_and_no_part_file(cli, tmp_path, sig) -> None:
    import signal
    import subprocess
    import sys

    _add(cli)
    _add(cli, "T-2", applicant="李四")
    out = tmp_path / "out" / "r.csv"
    out.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_EXPORT, str(out)], stderr=subprocess.PIPE, text=True)
    assert proc.stderr.readline().strip() == "WRITING"
    assert any(out.parent.iterdir())  # the hidden temporary file exists while writing
    proc.send_signal(getattr(signal, sig))
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == (143 if sig == "SIGTERM" else 130), err
    assert list(out.parent.iterdir()) == []


def test_a_case_whose_whole_log_was_removed_is_reported(cli, backend) -> None:
    _add(cli)
    _add(cli, "T-2", applicant="李四")
    if backend == "sqlite":
        query("DROP TRIGGER events_no_delete")
    else:
        query("ALTER TABLE events DISABLE TRIGGER events_append_only")
    query("DELETE FROM events WHERE case_id = (SELECT id FROM cases WHERE number = 'T-2')")
    r = _check(cli)
    assert r.exit_code == 1
    assert [(b["case"], b["seq"]) for b in r.json()["chain_breaks"]] == [("T-2", 1)]


# --- 7. the whole trail chained (issue 24, item 2) ---------------------------------------
# Each attempt below is made as someone with write access to the file (SQLite) or the
# owner role (PostgreSQL) would: switch the guard off, change the table, switch it back on
# exactly as govinfo installed it. Then `db check` and the head kept outside the database.


@contextmanager
def _unguarded(table: str):  # noqa: ANN202
    """The table's append-only guards off for the block, then back exactly as installed."""
    from govinfo_cli.store.guards import GUARDS

    backend = "postgresql" if pg.SERVER else "sqlite"
    mine = [g for g in GUARDS if g.backend == backend and g.kind == "trigger" and g.table == table]
    for g in mine:
        query(f"DROP TRIGGER {g.name}" if backend == "sqlite" else f"ALTER TABLE {table} DISABLE TRIGGER {g.name}")
    yield
    for g in mine:
        query(g.definition if backend == "sqlite" else f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {g.name}")


def _head(cli) -> dict:  # noqa: ANN001
    return ok(cli("db", "check", "--head", "--json")).json()


def _head_at(cli, moment: str) -> str:  # noqa: ANN001
    """The head as of ``moment``, computed from what the database holds now (exit 1 when
    stored chain values disagree with the content: the value is printed all the same)."""
    return cli("db", "check", "--head", "--at", moment, "--json").json()["head"]


def _trail(cli, reveals: int = 3) -> None:  # noqa: ANN001
    """A case, a setting changed, then ``reveals`` reveals by three clerks: the audit log."""
    _add(cli)
    ok(cli("config", "set", "agency.name", "昌宁县医疗保障局"))
    for i in range(reveals):
        ok(cli("--by", ["张三", "李四", "王五"][i % 3], "show", "T-1", "--reveal"))


def _locked(cli) -> None:  # noqa: ANN001
    """Years 2024 and 2025 locked (2024 along with 2025: two lock rows, one audit entry)."""
    _add(cli, "L-1", received="2024-06-03", applicant="周七")
    ok(cli("report", "lock", "2025", "--note", "2025 年度报告已公布"))


def test_a_fresh_database_has_every_guard_exactly_as_installed(cli, backend) -> None:
    from govinfo_cli.store.guards import GUARDS

    _add(cli)
    info = ok(_check(cli)).json()
    assert info["guard_problems"] == [] and info["missing_guards"] == []
    assert info["trail_breaks"] == [] and info["damaged_records"] == []
    if backend == "sqlite":
        stored = dict(query("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        assert {g.name: g.definition for g in GUARDS if g.backend == "sqlite"} == stored
    else:
        states = dict(query("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal"))
        assert states == {g.name: "A" for g in GUARDS if g.backend == "postgresql" and g.kind == "trigger"}


def test_every_audit_entry_and_year_lock_carries_a_chain_the_core_computes(cli) -> None:
    from govinfo_cli.core.chain import audit_chain, lock_chain

    _trail(cli)
    _locked(cli)
    prev = None
    for at, operator, action, target, detail, chain in query(
        "SELECT at, operator, action, target, detail, chain FROM audit ORDER BY id"
    ):
        prev = audit_chain(prev, at, operator, action, target, detail)
        assert chain == prev
    locks = query("SELECT seq, year, operator, locked_at, note, chain FROM year_locks ORDER BY seq")
    assert [(s, y) for s, y, *_ in locks] == [(1, 2024), (2, 2025)]
    prev = None
    for seq, year, operator, at, note, chain in locks:
        prev = lock_chain(prev, seq, year, operator, at, note)
        assert chain == prev


def test_year_locks_are_append_only_in_the_database(cli) -> None:
    import sqlalchemy as sa

    _locked(cli)
    for sql in ("UPDATE year_locks SET note = 'x'", "DELETE FROM year_locks WHERE year = 2025"):
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            query(sql)
    assert [y for (y,) in query("SELECT year FROM year_locks ORDER BY year")] == [2024, 2025]


def test_deleting_a_reveal_record_in_the_middle_breaks_the_audit_chain_and_the_head(cli) -> None:
    _trail(cli)
    before = _head(cli)
    with _unguarded("audit"):
        query("DELETE FROM audit WHERE id = (SELECT id FROM audit WHERE operator = '李四')")
    r = _check(cli)
    assert r.exit_code == 1
    (brk,) = r.json()["trail_breaks"]
    assert brk["kind"] == "audit" and "审计日志第 4 条（reveal T-1）" in brk["what"]  # the entry after the gap
    assert r.json()["guard_problems"] == []  # the guards are back as installed: only the chain shows it
    assert "哈希链断裂 审计日志：审计日志第 4 条" in cli("db", "check").stdout
    assert _head_at(cli, before["at"]) != before["head"]


@pytest.mark.parametrize("column", ["operator", "target", "detail", "at", "action"])
def test_rewriting_an_audit_entry_breaks_the_audit_chain_at_that_entry(cli, column) -> None:
    _trail(cli)
    before = _head(cli)
    value = {"at": "2026-01-01 00:00:00", "action": "config"}.get(column, "伪造")
    with _unguarded("audit"):
        query(f"UPDATE audit SET {column} = :v WHERE operator = '李四'", v=value)
    info = _check(cli).json()
    assert [(b["kind"], b["seq"]) for b in info["trail_breaks"]] == [("audit", 3)]
    assert _head_at(cli, before["at"]) != before["head"]
    r = cli("db", "check", "--head")  # the head is computed from the content; the stored chain disagrees
    assert r.exit_code == 1 and "1 条哈希链与数据库中保存的链值不符" in r.stderr


def test_deleting_the_last_audit_entry_passes_db_check_but_not_the_head_written_down(cli) -> None:
    """The limit of a chain kept in the same file: the last entry removed leaves a whole
    chain. Only a head taken after it, kept outside the database, shows the removal."""
    _trail(cli)
    before = _head(cli)
    with _unguarded("audit"):
        query("DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
    assert ok(_check(cli)).json()["healthy"]  # not caught by db check (docs/integrity.md says so)
    assert _head_at(cli, before["at"]) != before["head"]  # caught by the head


def test_an_audit_log_rewritten_consistently_with_every_chain_recomputed_is_caught_only_by_the_head(cli) -> None:
    from govinfo_cli.core.chain import audit_chain

    _trail(cli)
    before = _head(cli)
    rows = query("SELECT id, at, operator, action, target, detail FROM audit ORDER BY id")
    with _unguarded("audit"):
        query("DELETE FROM audit WHERE operator = '李四'")
        prev = None
        for i, at, operator, action, target, detail in rows:
            if operator == "李四":
                continue
            prev = audit_chain(prev, at, operator, action, target, detail)
            query("UPDATE audit SET chain = :c WHERE id = :i", c=prev, i=i)
    assert ok(_check(cli)).json()["healthy"]
    assert _head_at(cli, before["at"]) != before["head"]


def test_deleting_a_year_lock_is_caught_by_db_check_and_the_head(cli) -> None:
    _locked(cli)
    before = _head(cli)
    with _unguarded("year_locks"):
        query("DELETE FROM year_locks WHERE year = 2025")  # the last one: its chain stays whole
    r = _check(cli)
    assert r.exit_code == 1
    (brk,) = r.json()["trail_breaks"]
    assert brk["kind"] == "year_lock" and "审计日志记有锁定 2025 年度" in brk["what"]
    assert _head_at(cli, before["at"]) != before["head"]


def test_deleting_an_earlier_year_lock_leaves_a_gap_in_the_lock_chain(cli) -> None:
    _locked(cli)
    with _unguarded("year_locks"):
        query("DELETE FROM year_locks WHERE year = 2024")
    (brk,) = _check(cli).json()["trail_breaks"]
    assert brk["kind"] == "year_lock" and "第 1 个锁定记录缺失" in brk["what"]


def test_rewriting_a_year_lock_breaks_the_lock_chain(cli) -> None:
    _locked(cli)
    before = _head(cli)
    with _unguarded("year_locks"):
        query("UPDATE year_locks SET operator = '伪造者' WHERE year = 2024")
    (brk,) = _check(cli).json()["trail_breaks"]
    assert brk["kind"] == "year_lock" and brk["seq"] == 1 and "2024 年度的锁定记录与链值不符" in brk["what"]
    assert _head_at(cli, before["at"]) != before["head"]


def test_a_year_lock_and_its_audit_entry_both_removed_are_caught_by_the_head(cli) -> None:
    _locked(cli)
    before = _head(cli)
    with _unguarded("year_locks"), _unguarded("audit"):
        query("DELETE FROM year_locks WHERE year = 2025")
        query("DELETE FROM audit WHERE action = 'lock'")
    assert ok(_check(cli)).json()["healthy"]  # the last of each: both chains whole
    assert _head_at(cli, before["at"]) != before["head"]


def test_a_same_name_no_op_guard_trigger_is_caught_by_its_definition(cli, backend) -> None:
    if backend != "sqlite":
        pytest.skip("SQLite's triggers; PostgreSQL's guard function: the next test")
    _trail(cli)
    query("DROP TRIGGER audit_no_delete")
    query("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END")
    query("DELETE FROM audit WHERE operator = '李四'")  # the no-op lets it through
    r = _check(cli)
    assert r.exit_code == 1
    info = r.json()
    assert info["missing_guards"] == ["audit_no_delete"]
    assert [p["name"] for p in info["guard_problems"]] == ["audit_no_delete"]
    assert "定义被改动" in info["guard_problems"][0]["what"]
    assert [b["kind"] for b in info["trail_breaks"]] == ["audit"]


def test_a_guard_function_replaced_by_a_no_op_is_caught_by_its_definition(cli, backend) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL's guard function")
    _trail(cli)
    query(
        "CREATE OR REPLACE FUNCTION govinfo_append_only() RETURNS trigger "
        "AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    query("UPDATE events SET operator = '伪造者'")  # no longer refused
    info = _check(cli).json()
    assert info["missing_guards"] == ["govinfo_append_only"]
    assert "防篡改函数的定义被改动" in info["guard_problems"][0]["what"]
    assert [b["case"] for b in info["chain_breaks"]] == ["T-1"]


def test_session_replication_role_replica_neither_switches_the_guards_off_nor_goes_unreported(cli, backend) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL's setting")
    _trail(cli)
    for sql in ("UPDATE events SET operator = '伪造者'", "DELETE FROM audit", "TRUNCATE events CASCADE"):
        _refused(f"SET session_replication_role = replica; {sql}")  # the guards fire ALWAYS
    (name,) = query("SELECT current_database()")[0]
    query(f"ALTER DATABASE {name} SET session_replication_role = replica")
    info = _check(cli).json()
    said = [p["what"] for p in info["guard_problems"] if p["name"] == "session_replication_role"]
    assert any("本会话 session_replication_role = replica" in w for w in said)
    assert any(f"为数据库 {name}" in w for w in said)
    assert not info["healthy"] and info["chain_breaks"] == []


def test_a_disabled_guard_is_reported_on_postgresql(cli, backend) -> None:
    if backend != "postgresql":
        pytest.skip("ALTER TABLE … DISABLE TRIGGER is PostgreSQL's")
    _locked(cli)
    query("ALTER TABLE year_locks DISABLE TRIGGER year_locks_append_only")
    query("ALTER TABLE audit ENABLE TRIGGER audit_append_only")  # origin only: replica would skip it
    info = _check(cli).json()
    got = {p["name"]: p["what"] for p in info["guard_problems"]}
    assert info["missing_guards"] == ["year_locks_append_only"]
    assert "已停用" in got["year_locks_append_only"] and "ENABLE ALWAYS" in got["audit_append_only"]


def test_a_trigger_govinfo_did_not_install_on_a_guarded_table_is_reported(cli, backend) -> None:
    _add(cli)
    if backend == "sqlite":
        query("CREATE TRIGGER aaa_skip BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END")
    else:
        query("CREATE FUNCTION skip() RETURNS trigger AS $$ BEGIN RETURN NULL; END $$ LANGUAGE plpgsql")
        query("CREATE TRIGGER aaa_skip BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION skip()")
    info = _check(cli).json()
    assert [(p["name"], p["what"]) for p in info["guard_problems"]] == [
        ("aaa_skip", "audit 表上有 govinfo 未安装的触发器")
    ]


def test_the_head_at_a_moment_is_reproduced_later_after_more_is_recorded(cli) -> None:
    _trail(cli)
    _locked(cli)
    before = _head(cli)
    assert (before["cases"], before["audit_entries"], before["year_locks"]) == (2, 5, 2)
    _add(cli, "T-9", applicant="赵六")
    ok(cli("show", "T-9", "--reveal"))
    now = _head(cli)
    assert now["head"] != before["head"] and now["audit_entries"] == 6
    assert _head_at(cli, before["at"]) == before["head"]  # what was recorded by then is unchanged
    text = ok(cli("db", "check", "--head")).stdout
    assert text.splitlines()[0] == _head(cli)["head"]
    assert ok(_check(cli)).json()["head_hash"] == _head(cli)["head"]


def test_the_head_before_the_audit_log_was_chained_is_still_given(cli) -> None:
    """Heads written down before this version covered the cases alone: ``events_head``."""
    from govinfo_cli.core.chain import Head

    _trail(cli)
    h = Head()
    for kind, number, seq, chain in query(
        "SELECT c.kind, c.number, e.seq, e.chain FROM events e JOIN cases c ON c.id = e.case_id "
        "WHERE e.seq = (SELECT max(seq) FROM events WHERE case_id = e.case_id) ORDER BY c.id"
    ):
        h.add(kind, number, seq, chain)
    assert _head(cli)["events_head"] == h.events_hexdigest()


@pytest.mark.parametrize("bad", ["2026-13-40", "昨天"])
def test_a_head_moment_that_is_not_one_is_a_usage_error(cli, bad) -> None:
    r = cli("db", "check", "--head", "--at", bad)
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    assert cli("db", "check", "--at", "2026-11-20").exit_code == 2


def test_the_migration_chains_the_audit_log_and_the_year_locks_already_recorded(cli, tmp_path, backend) -> None:
    """0008 back-fills: the audit log in id order, the year locks in the order they were
    locked (lock time, then year); the database is then whole and its guards as installed."""
    import contextlib

    import sqlalchemy as sa

    from govinfo_cli.store import db

    with pg.fresh_database() if backend == "postgresql" else contextlib.nullcontext(None) as url:
        url = url or f"sqlite:///{tmp_path / 'old.db'}"
        engine = db.make_engine(url, migrate=False)
        db.upgrade(engine, "0007")
        with engine.begin() as conn:
            for at, who, action, target in (
                ("2026-01-05 08:00:00", "甲", "reveal", "X-1"),
                ("2026-01-06 09:00:00", "乙", "lock", "2025"),
            ):
                conn.execute(
                    sa.text("INSERT INTO audit (at, operator, action, target, detail) VALUES (:a, :o, :c, :t, '')"),
                    {"a": at, "o": who, "c": action, "t": target},
                )
            for year, at in ((2025, "2026-01-06 09:00:00.000002"), (2024, "2026-01-06 09:00:00.000001")):
                conn.execute(
                    sa.text("INSERT INTO year_locks (year, operator, locked_at, note) VALUES (:y, '乙', :a, '')"),
                    {"y": year, "a": at},
                )
        engine.dispose()
        info = ok(cli("--db", url, "db", "check", "--json")).json()  # migrates on first use
        assert info["revision"] == db.HEAD and info["healthy"]
        assert (info["audit_entries"], info["year_locks"]) == (2, 2)
        engine = db.make_engine(url, migrate=False)
        with engine.connect() as conn:
            locks = conn.execute(sa.text("SELECT year, seq FROM year_locks ORDER BY seq")).all()
            assert [tuple(r) for r in locks] == [(2024, 1), (2025, 2)]
            assert all(c for (c,) in conn.execute(sa.text("SELECT chain FROM audit")))
        engine.dispose()
