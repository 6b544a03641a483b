"""Issue 19: a log that shows tampering, a cache that db check proves, an audit trail
that shows every reveal, foreign and future databases left alone, one spreadsheet guard,
and no half-written output file. Bypasses are tried with plain SQL, as someone with a
database shell beside govinfo would; on SQLite and (GOVINFO_TEST_PG) PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

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
    from govinfo_cli.store.db import make_engine

    newer = tmp_path / "newer.db"
    make_engine(f"sqlite:///{newer}").dispose()
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
import sys, time
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
