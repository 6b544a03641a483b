"""The register import's two halves at once (issue 17): a reader process checks rows (and
makes their payload texts, chains, deadline rows) ahead of the writer. Same database as
reading here; all or nothing whatever stops it."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import dump, ok, query
from tests.test_registers import HEADER_CN, write

NOW = dt.datetime(2026, 11, 27, 8, 30, 15, 123456, tzinfo=dt.UTC)


def _register(path: Path, n: int, *, bad: dict[int, str] | None = None) -> Path:
    """n rows (every 7th still open), some rows replaced by ``bad`` (index -> row)."""
    rows = []
    for i in range(n):
        day = dt.date(2023, 1, 2) + dt.timedelta(days=i % 600)
        replied = "" if i % 7 == 0 else (day + dt.timedelta(days=5 + i % 30)).isoformat()
        outcome = "" if not replied else ("予以公开" if i % 3 else "部分公开")
        note = "涉及商业秘密" if outcome == "部分公开" else ""
        rows.append(
            f"重叠〔{day.year}〕{i}号,{day},互联网,申请人{i},自然人,,,事项{i % 13},办公室,,{replied},{outcome},{note}"
        )
    for i, row in (bad or {}).items():
        rows[i] = row
    write(path, HEADER_CN, rows, "utf-8-sig")
    return path


@pytest.fixture
def fixed_now(monkeypatch):  # noqa: ANN001, ANN201
    """One recording time for every import (the chains include it), so two databases compare."""
    from govinfo_cli.app.context import Context

    monkeypatch.setattr(Context, "now", lambda self: NOW)


def _overlap(monkeypatch, *, ahead: bool, batch: int = 40) -> None:  # noqa: ANN001
    from govinfo_cli.app import register_reader
    from govinfo_cli.store import registers

    monkeypatch.setattr(register_reader, "AHEAD_BYTES", 0 if ahead else 10**12)
    monkeypatch.setattr(register_reader, "READ_AHEAD", True)  # off as shipped; tested all the same
    monkeypatch.setattr(register_reader, "spare_core", lambda: True)  # whatever the machine's load
    monkeypatch.setattr(registers, "BATCH", batch)


def test_the_reader_process_is_used_only_when_a_core_is_free(monkeypatch) -> None:
    from govinfo_cli.app import register_reader

    monkeypatch.setattr(register_reader.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(register_reader.os, "getloadavg", lambda: (1.2, 1.0, 1.0))
    assert register_reader.spare_core()
    monkeypatch.setattr(register_reader.os, "getloadavg", lambda: (3.5, 3.0, 3.0))
    assert not register_reader.spare_core()


def _no_helpers_left() -> None:
    assert not multiprocessing.active_children()


def test_linker_gives_the_same_chains_as_event_chain() -> None:
    from govinfo_cli.core.chain import Linker, event_chain
    from govinfo_cli.core.events import Event

    text = st.text(max_size=12)
    payload = st.dictionaries(text, st.one_of(text, st.integers(), st.booleans(), st.none()), max_size=5)

    @settings(max_examples=200, deadline=None)
    @given(
        kind=text,
        number=text,
        operator=text,
        prev=st.one_of(st.none(), st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
        first=st.integers(1, 50),
        events=st.lists(st.tuples(st.sampled_from(["received", "replied", "amended"]), st.dates(), payload)),
    )
    def agree(kind, number, operator, prev, first, events) -> None:  # noqa: ANN001
        evs = [Event(t, d, p) for t, d, p in events]
        got = Linker(operator, NOW).chains(prev, kind, number, first, evs)
        want, last = [], prev
        for seq, ev in enumerate(evs, start=first):
            last = event_chain(last, kind, number, seq, ev.type, ev.date, ev.data, operator, NOW)
            want.append(last)
        assert got == want

    agree()


def test_reading_ahead_gives_the_same_database_as_reading_here(cli, tmp_path, monkeypatch, fixed_now) -> None:  # noqa: ANN001
    src = _register(tmp_path / "reg.csv", 530)
    ok(cli("db", "upgrade"))
    _overlap(monkeypatch, ahead=False)
    ok(cli("import", "requests", str(src)))
    serial = dump()
    _fresh_database(cli, monkeypatch)
    _overlap(monkeypatch, ahead=True)
    r = ok(cli("import", "requests", str(src), "--json")).json()
    assert r["imported"] == 530
    assert dump() == serial
    assert ok(cli("db", "check", "--json")).json()["healthy"]
    _no_helpers_left()


def _fresh_database(cli, monkeypatch) -> None:  # noqa: ANN001
    """Point the test at a second, empty database of the same backend."""
    import uuid

    url = os.environ["GOVINFO_DB"]
    if url.startswith("postgresql"):
        pytest.skip("compared on SQLite (the PostgreSQL run checks the overlap by the tests below)")
    fresh = str(Path(url).with_name(f"second-{uuid.uuid4().hex[:8]}.db"))
    monkeypatch.setenv("GOVINFO_DB", fresh)
    ok(cli("db", "upgrade"))


@pytest.mark.parametrize("ahead", [True, False])
def test_a_bad_row_found_after_batches_were_written_leaves_nothing(cli, tmp_path, monkeypatch, ahead) -> None:  # noqa: ANN001
    from govinfo_cli.store import registers

    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(
        tmp_path / "late-bad.csv",
        600,
        bad={597: "重叠〔2024〕597号,2024-02-30,互联网,申请人,自然人,,,事项,,,,,"},
    )
    _overlap(monkeypatch, ahead=ahead)
    written = []
    real = registers.RegisterWriter._write
    monkeypatch.setattr(registers.RegisterWriter, "_write", lambda self, *a: (written.append(1), real(self, *a)))
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert f'{src}:599: 列 收到日期: "2024-02-30" 不是有效日期' in r.stderr
    assert len(written) >= 10  # batches of 40 rows were written before the bad row was read
    assert dump() == before
    _no_helpers_left()


def test_the_reader_process_reports_the_same_problems_as_reading_here(cli, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    ok(cli("db", "upgrade"))
    bad = {
        3: "重叠〔2023〕3号,2023-01-05,飞鸽传书,申请人,自然人,,,事项,,,,,",
        200: "重叠〔2023〕200号,,互联网,申请人,自然人,,,事项,,,,,",
        201: "重叠〔2023〕201号,2023-07-21,互联网",
        450: "重叠〔2023〕10号,2023-01-05,互联网,申请人,自然人,,,事项,,,,,",  # row 10 again
        470: "重叠〔1990〕470号,1990-01-05,互联网,申请人,自然人,,,事项,,,,,",  # before the calendar's years
    }
    src = _register(tmp_path / "bad.csv", 500, bad=bad)
    said = []
    for ahead in (False, True):
        _overlap(monkeypatch, ahead=ahead)
        r = cli("import", "requests", str(src))
        assert r.exit_code == 1
        said.append(r.stderr)
    assert said[0] == said[1]
    assert all(f"{src}:{i + 2}:" in said[0] for i in bad), said[0]
    assert "工作日历范围" in said[0]
    _no_helpers_left()


def test_a_header_error_found_by_the_reader_process_is_the_same_one_clear_error(cli, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    ok(cli("db", "upgrade"))
    src = tmp_path / "header.csv"
    write(src, HEADER_CN.replace("申请人类型", "类型不明"), ["x"] * 10, "utf-8-sig")
    _overlap(monkeypatch, ahead=True)
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1 and r.stderr.startswith("错误：") and "未知列名" in r.stderr
    assert "Traceback" not in r.stderr
    _no_helpers_left()


def test_ctrl_c_after_batches_were_written_leaves_nothing_and_no_reader_running(tmp_path, monkeypatch, cli) -> None:  # noqa: ANN001
    from govinfo_cli.app.context import Context
    from govinfo_cli.app.register_import import import_requests

    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(tmp_path / "reg.csv", 2500)
    _overlap(monkeypatch, ahead=True, batch=100)

    def interrupt(rows: int) -> None:
        if rows >= 2000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_requests(Context(db=os.environ["GOVINFO_DB"], today_opt="2026-11-20"), src, progress=interrupt)
    assert dump() == before
    _no_helpers_left()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_an_overlapped_import_leaves_nothing(cli, tmp_path) -> None:  # noqa: ANN001
    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(tmp_path / "big.csv", 40_000)  # read ahead by the second process (forced below)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    forced = (
        "import sys; from govinfo_cli.app import register_reader as r; "
        "r.READ_AHEAD = True; r.spare_core = lambda: True; "
        "from govinfo_cli.cli import main; sys.argv[0] = 'govinfo'; main()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", forced, "--today", "2026-11-20", "import", "requests", str(src)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while query("SELECT count(*) FROM cases") == [(0,)] and not _wal_grew(os.environ["GOVINFO_DB"]):
        assert proc.poll() is None, "the import finished before it could be stopped"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    proc.communicate(timeout=120)
    assert proc.returncode != 0, "the import finished before SIGTERM: make it longer"
    assert dump() == before
    assert ok(cli("db", "check", "--json")).json()["healthy"]


def _wal_grew(url: str) -> bool:
    """SQLite: the import's batches are in the write-ahead log (not yet committed). PostgreSQL:
    the batches are invisible until commit, so give the import a moment instead."""
    if url.startswith("postgresql"):
        time.sleep(3)
        return True
    wal = Path(url + "-wal")
    return wal.exists() and wal.stat().st_size > 4_000_000
