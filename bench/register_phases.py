"""Where the register import's time goes: CPU seconds per phase of `govinfo import requests`
on the generated 100 000-row register, and per column of the row check.

    python bench/register_phases.py            # after bench_registers.py made bench/out/reg100k.csv

Phases are measured in-process (``time.process_time`` around the functions named; the
wrappers add a little). Columns: every row read once, then each column's check run alone
over all rows, as ``_parse_row`` runs it.
"""

from __future__ import annotations

import collections
import datetime as dt
import resource
import subprocess
import sys
import time
from pathlib import Path

from common import OUT, PY, TODAY

PHASES = r"""
import collections, resource, sys, time
T = collections.Counter()
def wrap(obj, name, key):
    f = getattr(obj, name)
    def g(*a, **k):
        t = time.process_time()
        try:
            return f(*a, **k)
        finally:
            T[key] += time.process_time() - t
    setattr(obj, name, g)
t0 = time.process_time()
from govinfo_cli.cli import main
from govinfo_cli.store import registers as R
from govinfo_cli.app import register_import as I
import sqlalchemy.engine.base as EB
T["start-up: imports"] = time.process_time() - t0
wrap(I, "_parse_row", "read: check cells (_parse_row)")
wrap(I, "_prepared", "read: events, payload texts, chains, deadline rows")
wrap(R.RegisterWriter, "_write", "write: batches (rows, binding, executemany)")
wrap(R, "insert_columns", "  of which executemany events + deadlines")
wrap(R, "insert_rows", "  of which executemany cases")
wrap(R, "restore_indexes", "write: build secondary indexes")
wrap(EB.Connection, "_commit_impl", "write: commit")
wrap(I, "_events_of", "events of each row (in this process)")
sys.argv = ["govinfo"] + sys.argv[2:]
def report():
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    T["TOTAL"] = s.ru_utime + s.ru_stime
    for k, v in sorted(T.items(), key=lambda kv: -kv[1]):
        print(f"PHASE\t{k}\t{v:.2f}", file=sys.stderr)
import atexit
atexit.register(report)
main()
"""


def phases(mode: str, empty: Path) -> None:
    db = OUT / f"phases-{mode}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(empty.read_bytes())
    args = ["--db", str(db), "--today", TODAY.isoformat(), "import", "requests", str(OUT / "reg100k.csv")]
    p = subprocess.run([PY, "-c", PHASES, mode, *args], capture_output=True, text=True, check=True)
    print("\nCPU seconds")
    for line in p.stderr.splitlines():
        if line.startswith("PHASE\t"):
            _, name, secs = line.split("\t")
            print(f"  {name:55s} {float(secs):6.2f}")


def columns() -> None:
    from govinfo_cli.app.register_import import CELL_TYPES, _events_of, _parse_row, read_register
    from govinfo_cli.app.registers import PERSONAL, REQUIRED, VALUE_MAPS, VALUE_TABLES
    from govinfo_cli.core import codes, fields, personal
    from govinfo_cli.core.dates import parse_date

    t = time.process_time()
    rows = [raw for _, raw in read_register(OUT / "reg100k.csv") if not isinstance(raw, str)]
    times = collections.Counter({"read: decode, CSV, strip (read_register)": time.process_time() - t})

    def each(name: str, fn) -> None:  # noqa: ANN001
        t = time.process_time()
        for raw in rows:
            fn(raw)
        times[name] = time.process_time() - t

    each("required cells present", lambda raw: [raw.get(c) for c in REQUIRED])
    for code in ("received", "replied"):
        each(f"date {code}", lambda raw, code=code: raw.get(code) and fields.check_year(parse_date(raw[code])))
    for code, table in VALUE_TABLES.items():
        each(
            f"value {code}",
            lambda raw, code=code, table=table: (
                raw.get(code) and (VALUE_MAPS[code].get(raw[code]) or codes.parse(table, raw[code]))
            ),
        )
    for code, parse in CELL_TYPES.items():
        each(f"text {code}", lambda raw, code=code, parse=parse: raw.get(code) and parse(raw[code]))
    each("masked personal cells", lambda raw: [personal.is_masked(c, raw.get(c, "")) for c in PERSONAL])
    out: list = []
    each("_parse_row, whole", lambda raw: out.append(_parse_row("f", 1, raw, [], today=TODAY)))
    t = time.process_time()
    for v in out:
        _events_of(v)
    times["_events_of (payloads, Event objects)"] = time.process_time() - t
    print("\nper column of the row check, 100 000 rows: CPU seconds")
    for name, secs in times.items():
        print(f"  {name:55s} {secs:6.2f}")


def main() -> None:
    import os

    empty = OUT / "floor-empty.db"
    if not empty.exists() or not (OUT / "reg100k.csv").exists():
        raise SystemExit("run bench/bench_registers.py first (it makes the register and the empty database)")
    print(f"load average {os.getloadavg()[0]:.1f}; {dt.date.today()}")
    phases("one", empty)
    columns()
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")


if __name__ == "__main__":
    sys.exit(main())
