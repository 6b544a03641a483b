"""Issue 24, item 3: a damaged database is diagnosed, never crashes. A corruption harness:
bytes flipped inside stored payloads, dates and times through SQL; a file cut short, an
empty one, one that is not SQLite, bytes flipped anywhere in the file; a file size limit
(ulimit -f) and a file the user cannot read. Every command ends in one clear line (or
does its job); `db check` lists every damaged record and goes on.

SQLite only where the damage is made inside the database: PostgreSQL checks a json, date
or timestamp value on the way in, so it cannot hold a malformed one."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests import pg
from tests.conftest import ok, query

pytestmark = pytest.mark.skipif(bool(pg.SERVER), reason="damage made in the SQLite file itself")

ID_NUMBER = "11010519491231002X"
# every command a clerk runs that reads the event log, the audit log or the cache
COMMANDS = [
    ("db", "check"),
    ("show", "T-1"),
    ("show", "T-1", "--json", "--audit", "--reveal"),
    ("export", "events", "--reveal"),
    ("audit",),
    ("due",),
    ("request", "list"),
    ("export", "requests", "--reveal"),
    ("report", "annual", "2026"),
    ("report", "timeliness", "2026"),
]


def _office(cli) -> None:  # noqa: ANN001
    for case, applicant in (("T-1", "王芳"), ("T-2", "李四")):
        ok(
            cli(
                "request", "add", "--case", case, "--received", "2026-11-02", "--channel", "online",
                "--applicant", applicant, "--type", "natural_person", "--subject", "医保基金支出明细",
                "--id-number", ID_NUMBER, "--contact", "13800138000",
            )
        )  # fmt: skip
    ok(cli("request", "reply", "T-2", "--date", "2026-11-10", "--outcome", "disclosed"))
    ok(cli("show", "T-1", "--reveal"))
    ok(
        cli(
            "request", "add", "--case", "L-1", "--received", "2025-06-02", "--channel", "online",
            "--applicant", "周七", "--type", "natural_person", "--subject", "x", "--yes",
        )
    )  # fmt: skip
    ok(cli("report", "lock", "2025"))


def _set(sql: str, **params: object) -> None:
    """Change stored values behind govinfo's back, as the file's owner with sqlite3 would:
    the guard off, the change, the guard back exactly as installed."""
    from govinfo_cli.store.guards import GUARDS

    names = ("events_no_update", "audit_no_update", "year_locks_no_update")
    for name in names:
        query(f"DROP TRIGGER {name}")
    query(sql, **params)
    for g in GUARDS:
        if g.name in names and g.backend == "sqlite":
            query(g.definition)


def _payload(case: str, seq: int) -> str:
    return query(
        "SELECT e.payload FROM events e JOIN cases c ON c.id = e.case_id WHERE c.number = :n AND e.seq = :s",
        n=case,
        s=seq,
    )[0][0]


def _store_payload(case: str, seq: int, text: str) -> None:
    _set(
        "UPDATE events SET payload = :p WHERE seq = :s AND case_id = (SELECT id FROM cases WHERE number = :n)",
        p=text,
        s=seq,
        n=case,
    )


def _run(cli, *args: str):  # noqa: ANN001, ANN202
    """Run a command; a Python exception escaping it (a traceback) fails the test."""
    try:
        r = cli(*args)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{' '.join(args)}: traceback {type(exc).__name__}: {exc}")
    assert r.exit_code in (0, 1), (args, r.exit_code, r.stderr)
    checking = "check" in args  # db check lists its findings on stdout
    if r.exit_code == 1 and not (checking and not r.stderr):
        assert len(r.stderr.strip().splitlines()) == 1, (args, r.stderr)
    return r


# --- one decoder, naming the case, the event and the column -----------------------------


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_payload_that_is_not_json_ends_every_command_in_one_line_naming_case_event_and_column(cli, args) -> None:
    _office(cli)
    _store_payload("T-1", 1, _payload("T-1", 1).replace('"channel"', '"chan"nel"'))
    r = _run(cli, *args)
    if r.exit_code == 1 and args[:2] != ("db", "check"):
        assert "数据库记录无法读取：案件 T-1 " in r.stderr and "payload 列" in r.stderr
        assert "不是有效的 JSON" in r.stderr and "govinfo db check" in r.stderr
        assert ID_NUMBER not in r.stderr and "13800138000" not in r.stderr  # the payload is not echoed
    if args in (("show", "T-1"), ("export", "events", "--reveal"), ("audit",)):
        assert r.exit_code == 1 and "案件 T-1 第 1 个事件（received）的 payload 列" in r.stderr


@pytest.mark.parametrize(
    ("sql", "named", "readers"),
    [
        (
            "UPDATE events SET date = '2026-13-02' WHERE seq = 2",
            "案件 T-2 第 2 个事件（replied）的 date 列 '2026-13-02'",
            (("audit",), ("export", "events"), ("show", "T-2")),
        ),
        (
            "UPDATE events SET recorded_at = '2026-1x-07 15:02:10' WHERE seq = 2",
            "案件 T-2 第 2 个事件（replied）的 recorded_at 列 '2026-1x-07 15:02:10'",
            (("audit",), ("show", "T-2")),  # export events carries no recording time
        ),
        (
            "UPDATE audit SET at = 'garbage' WHERE action = 'reveal'",
            "审计日志第 1 条（reveal T-1）的 at 列 'garbage'",
            (("audit",), ("db", "check", "--head")),
        ),
    ],
    ids=["event date", "recording time", "audit time"],
)
def test_a_damaged_date_or_time_names_its_record(cli, sql, named, readers) -> None:
    _office(cli)
    _set(sql)
    for args in readers:
        r = _run(cli, *args)
        assert r.exit_code == 1 and named in r.stderr, (args, r.stderr)
    info = _run(cli, "db", "check", "--json").json()
    column = named.split("的 ", 1)[1].split(" ")[0]
    assert [column in d["what"] for d in info["damaged_records"]] == [True], info


def test_a_damaged_cached_date_names_its_table_and_column_and_repair_rewrites_it(cli) -> None:
    _office(cli)
    _set("UPDATE cases SET opened = '2026-1-1' WHERE number = 'T-1'")
    _set("UPDATE deadlines SET due = 'soon' WHERE case_id = (SELECT id FROM cases WHERE number = 'T-2')")
    r = _run(cli, "request", "list")
    assert r.exit_code == 1 and "数据库记录无法读取：cases.opened 列 '2026-1-1'" in r.stderr
    info = _run(cli, "db", "check", "--json").json()
    diffs = {(d["case"], d["what"]) for d in info["cache_differences"]}
    assert ("T-1", "缓存的 opened 列 '2026-1-1'：不是有效的日期") in diffs
    assert any(case == "T-2" and "'soon'" in what for case, what in diffs)
    assert info["damaged_records"] == []  # the log itself is whole: the cache is derived
    fixed = _run(cli, "db", "check", "--repair", "--json")
    assert fixed.exit_code == 0 and sorted(fixed.json()["repaired"]) == ["T-1", "T-2"]
    assert ok(cli("due", "--json"))


def test_db_check_lists_every_damaged_record_and_goes_on(cli) -> None:
    _office(cli)
    _store_payload("T-1", 1, "{not json")
    _set("UPDATE events SET date = '2026-02-30' WHERE seq = 2")  # T-2's reply
    _set("UPDATE audit SET at = 'x' WHERE action = 'lock'")
    _set("UPDATE year_locks SET locked_at = 'y' WHERE year = 2025")
    r = _run(cli, "db", "check", "--json")
    assert r.exit_code == 1
    info = r.json()
    got = {(d["case"], d.get("seq")) for d in info["damaged_records"]}
    lock_audit_id = query("SELECT id FROM audit WHERE action = 'lock'")[0][0]
    assert got == {("T-1", 1), ("T-2", 2), ("审计日志", lock_audit_id), ("年度锁定", 1)}
    assert info["cases"] == 3 and info["chain_breaks"] == []  # L-1 and the rest still verified
    assert len(info["head_hash"]) == 64
    text = cli("db", "check").stdout
    assert text.count("\n  记录无法读取 ") == 4 and "（4 条记录无法读取）" in text


# --- bytes flipped inside a stored payload ----------------------------------------------


def _flip_sweep(cli, step: int) -> None:  # noqa: ANN001
    _office(cli)
    original = _payload("T-1", 1)
    for pos in range(0, len(original), step):
        flipped = original[:pos] + chr(ord(original[pos]) ^ 1) + original[pos + 1 :]
        _store_payload("T-1", 1, flipped)
        try:
            json.loads(flipped)
            readable = True
        except ValueError:
            readable = False
        check = _run(cli, "db", "check", "--json")
        assert check.exit_code == 1, (pos, flipped)  # every flip is found: unreadable, or a broken chain
        info = check.json()
        if readable:
            assert [(b["case"], b["seq"]) for b in info["chain_breaks"]] == [("T-1", 1)], (pos, flipped)
        else:
            assert [(d["case"], d["seq"]) for d in info["damaged_records"]] == [("T-1", 1)], (pos, flipped)
        for args in (("show", "T-1", "--json"), ("export", "events"), ("audit",)):
            r = _run(cli, *args)  # readable: done, or refused in one line (a code that is no code)
            if not readable:
                assert r.exit_code == 1, (pos, args)
                assert "案件 T-1 第 1 个事件（received）的 payload 列" in r.stderr, (pos, args, r.stderr)


def test_a_flipped_byte_anywhere_in_a_payload_is_found_by_db_check_and_never_a_traceback(cli) -> None:
    _flip_sweep(cli, step=17)


@pytest.mark.slow
def test_every_flipped_byte_of_a_payload_is_found_by_db_check_and_never_a_traceback(cli) -> None:
    _flip_sweep(cli, step=1)


# --- files that are not a whole database -------------------------------------------------


def _digest(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p, good: p.write_bytes(b""), "是空文件（0 字节），不是 govinfo 数据库"),
        (lambda p, good: p.write_bytes(good.read_bytes()[:5000]), "已损坏或不完整"),
        (lambda p, good: p.write_bytes(good.read_bytes()[: -4096 * 3]), "已损坏或不完整"),
        (lambda p, good: p.write_bytes(good.read_bytes()[:60]), "不完整（只有 60 字节"),
        (lambda p, good: p.write_text("不是数据库" * 100), "不是 SQLite 数据库"),
    ],
    ids=["empty", "truncated", "last pages cut off", "truncated inside the header", "not SQLite"],
)
def test_a_file_that_is_not_a_whole_database_is_refused_in_one_line_and_left_alone(
    cli, db_path, tmp_path, make, said
) -> None:
    _office(cli)
    with sqlite3.connect(db_path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    bad = tmp_path / "bad.db"
    make(bad, db_path)
    before = _digest(bad)
    for args in (("due",), ("db", "check"), ("db", "init"), ("db", "upgrade"), ("show", "T-1")):
        r = _run(cli, "--db", str(bad), *args)
        assert r.exit_code == 1 and said in r.stderr, (args, r.stderr)
        assert "db init" not in r.stderr  # db init is offered only for a path that does not exist
        assert _digest(bad) == before


def test_an_empty_file_is_taken_over_only_with_adopt_and_made_private(cli, tmp_path) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    os.chmod(empty, 0o644)
    assert "--adopt" in _run(cli, "--db", str(empty), "db", "init").stderr
    ok(cli("--db", str(empty), "db", "upgrade", "--adopt"))
    assert oct(empty.stat().st_mode & 0o777) == "0o600"
    assert ok(cli("--db", str(empty), "db", "check", "--json")).json()["healthy"]


def test_a_missing_database_is_still_offered_db_init(cli, tmp_path) -> None:
    r = _run(cli, "--db", str(tmp_path / "nowhere.db"), "due")
    assert r.exit_code == 1 and "db init" in r.stderr


def _govinfo(*args: str, limit: int | None = None) -> subprocess.CompletedProcess:
    def cap() -> None:
        import resource

        if limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "govinfo_cli", *args], capture_output=True, text=True, preexec_fn=cap, timeout=120
    )


def test_a_file_size_limit_is_reported_as_an_io_error_not_as_a_foreign_file(cli, db_path) -> None:
    _office(cli)
    with sqlite3.connect(db_path) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    for args in (("due",), ("request", "reply", "T-1", "--date", "2026-11-12", "--outcome", "disclosed")):
        p = _govinfo(*args, limit=16 * 1024)  # ulimit -f 16: the shared-memory file cannot grow
        assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
        assert "I/O 错误" in p.stderr and "不是 SQLite" not in p.stderr, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
    assert ok(cli("db", "check", "--json")).json()["healthy"]  # nothing was written


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_a_database_the_user_cannot_read_is_said_so(cli, db_path) -> None:
    _office(cli)
    os.chmod(db_path, 0)
    try:
        r = _run(cli, "due")
        assert r.exit_code == 1 and "没有读取权限" in r.stderr
    finally:
        os.chmod(db_path, 0o600)


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (10 | (19 << 8), "I/O 错误"),
        (13, "I/O 错误"),
        (11, "已损坏或不完整"),
        (26, "不是 SQLite 数据库"),
        (14, "无法打开数据库"),
    ],
    ids=["IOERR_SHMSIZE", "FULL", "CORRUPT", "NOTADB", "CANTOPEN"],
)
def test_sqlites_refusal_is_read_by_its_result_code(code, said) -> None:
    from govinfo_cli.store.db import _sqlite_says

    exc = sqlite3.OperationalError("driver text")
    exc.sqlite_errorcode = code
    assert said in _sqlite_says(Path("x.db"), exc).message


# --- bytes flipped anywhere in the file --------------------------------------------------


def _file_fuzz(cli, db_path, tmp_path, seeds: range) -> None:  # noqa: ANN001
    _office(cli)
    whole = tmp_path / "whole.db"
    src, dst = sqlite3.connect(db_path), sqlite3.connect(whole)
    src.backup(dst)
    dst.execute("PRAGMA journal_mode=DELETE")  # one file: no WAL beside it
    src.close()
    dst.close()
    good = whole.read_bytes()
    bad = tmp_path / "flipped.db"
    for seed in seeds:
        rnd = random.Random(seed)
        data = bytearray(good)
        for _ in range(rnd.choice((1, 2, 4))):
            data[rnd.randrange(100, len(data))] ^= 1 << rnd.randrange(8)
        for args in COMMANDS:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{bad}{suffix}").unlink(missing_ok=True)
            bad.write_bytes(data)
            _run(cli, "--db", str(bad), *args)


def test_bytes_flipped_anywhere_in_the_file_never_end_in_a_traceback(cli, db_path, tmp_path) -> None:
    _file_fuzz(cli, db_path, tmp_path, range(3))


@pytest.mark.slow
def test_bytes_flipped_anywhere_in_the_file_never_end_in_a_traceback_240_files(cli, db_path, tmp_path) -> None:
    _file_fuzz(cli, db_path, tmp_path, range(240))


def test_the_harness_itself_sees_a_traceback(cli, monkeypatch) -> None:
    """The harness's assertion can fail: a ValueError escaping a command is reported."""
    import govinfo_cli.store.decode as decode

    _office(cli)
    monkeypatch.setattr(decode, "payload", lambda *a, **k: (_ for _ in ()).throw(ValueError("boom")))
    with pytest.raises(pytest.fail.Exception, match="traceback ValueError"):
        _run(cli, "show", "T-1")


def test_recognising_an_existing_database_never_opens_it_outside_sqlite(cli, db_path, monkeypatch) -> None:
    """Closing any other descriptor of a database file drops the locks this process's SQLite
    connections hold on it (POSIX advisory locks belong to the process): with several
    clerks in WAL mode that corrupts the database. So a file is looked at through SQLite
    only (the 8-clerk run in tests/test_concurrency.py caught a header read doing this)."""
    import builtins

    from govinfo_cli.store.db import make_engine, resolve_url

    _office(cli)
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def spy(file, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(file))
        return real_open(file, *a, **k)

    def os_spy(file, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        opened.append(str(file))
        return real_os_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(os, "open", os_spy)
    make_engine(resolve_url(str(db_path))).dispose()
    assert str(db_path) not in opened


def test_a_stored_event_whose_content_a_rule_cannot_use_is_a_damaged_record_not_a_traceback(cli) -> None:
    """A flipped bit can leave valid JSON that is no longer the event recorded (a field's
    name changed: working_days → workinf_days); replaying it names the event."""
    _office(cli)
    ok(cli("request", "extend", "T-1", "--date", "2026-11-10", "--reason", "需协调汇总", "--days", "20"))
    text = _payload("T-1", 2)
    _store_payload("T-1", 2, text.replace("working_days", "workinf_days"))
    r = _run(cli, "show", "T-1")
    assert r.exit_code == 1 and "第 2 个事件（extended）的 payload 列的内容无法重放" in r.stderr
    info = _run(cli, "db", "check", "--json").json()
    assert [(d["case"], d["what"].split("的 ")[0]) for d in info["damaged_records"]] == [
        ("T-1", "第 2 个事件（extended）")
    ]
    assert [b["case"] for b in info["chain_breaks"]] == ["T-1"]  # and the chain shows it was changed


def test_text_that_is_not_utf8_is_shown_replaced_and_db_check_names_the_event(cli) -> None:
    """A flipped high bit inside Chinese text leaves bytes that are not UTF-8: read with
    U+FFFD in their place (never a UnicodeDecodeError), and the chain shows the change."""
    _office(cli)
    _set("UPDATE events SET operator = CAST(X'E6B58BE8AF95E5' AS TEXT) WHERE seq = 2")  # 测试 + a cut-off byte
    r = _run(cli, "show", "T-2", "--json", "--audit")
    assert r.exit_code == 0 and r.json()["events"][1]["operator"] == "测试\ufffd"
    info = _run(cli, "db", "check", "--json").json()
    assert [(b["case"], b["seq"]) for b in info["chain_breaks"]] == [("T-2", 2)]
