"""The register import writes in batches inside one transaction (issue 17): all or nothing
whatever stops it (a bad row found late, Ctrl-C, SIGTERM), and the batch writer's chains are
the event log's own. (The reader process that read rows ahead in a second process was
removed in issue 26: measured slower, and off.)"""

from __future__ import annotations

import datetime as dt
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


def _batches(monkeypatch, batch: int = 40) -> None:  # noqa: ANN001
    from govinfo_cli.store import registers

    monkeypatch.setattr(registers, "BATCH", batch)


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


def test_a_bad_row_found_after_batches_were_written_leaves_nothing(cli, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from govinfo_cli.store import registers

    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(
        tmp_path / "late-bad.csv",
        600,
        bad={597: "重叠〔2024〕597号,2024-02-30,互联网,申请人,自然人,,,事项,,,,,"},
    )
    _batches(monkeypatch)
    written = []
    real = registers.RegisterWriter._write
    monkeypatch.setattr(registers.RegisterWriter, "_write", lambda self, *a: (written.append(1), real(self, *a)))
    r = cli("import", "requests", str(src))
    assert r.exit_code == 1
    assert f'{src}:599: 列 收到日期: "2024-02-30" 不是有效日期' in r.stderr
    assert len(written) >= 10  # batches of 40 rows were written before the bad row was read
    assert dump() == before


def test_ctrl_c_after_batches_were_written_leaves_nothing(tmp_path, monkeypatch, cli) -> None:  # noqa: ANN001
    from govinfo_cli.app.context import Context
    from govinfo_cli.app.register_import import import_requests

    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(tmp_path / "reg.csv", 2500)
    _batches(monkeypatch, batch=100)

    def interrupt(rows: int) -> None:
        if rows >= 2000:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_requests(Context(db=os.environ["GOVINFO_DB"], today_opt="2026-11-20"), src, progress=interrupt)
    assert dump() == before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_during_an_import_leaves_nothing(cli, tmp_path) -> None:  # noqa: ANN001
    ok(cli("db", "upgrade"))
    before = dump()
    src = _register(tmp_path / "big.csv", 40_000)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govinfo_cli", "--today", "2026-11-20", "import", "requests", str(src)],
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
