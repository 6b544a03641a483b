"""The yearly duties' share of `govinfo due`: `duties.ensure` (the existence query `due`
runs every time; the duty cases already exist) against the rest of `due_list` (the one
indexed query over the cache plus working-day counting), in-process, interleaved, on the
100 000-request register plus the sample year (built once into bench/out/duties100k.db).

    python bench/bench_duties.py [REPEAT]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from common import BIN, OUT, ROOT, TODAY, machine, register


def build() -> str:
    db = OUT / "duties100k.db"
    if db.exists():
        return str(db)
    OUT.mkdir(exist_ok=True)
    csv = register(OUT / "reg100k-duties.csv", 100_000)
    env = ["--db", str(db), "--today", TODAY.isoformat()]
    subprocess.run([str(BIN / "govinfo"), *env, "import", "requests", str(csv)], check=True)
    subprocess.run(
        [str(BIN / "govinfo"), *env, "import", "events", str(ROOT / "sample_data" / "events.jsonl")], check=True
    )
    return str(db)


def main() -> None:
    from govinfo_cli.app import duties
    from govinfo_cli.app.context import Context
    from govinfo_cli.app.due import due_list

    db = build()
    for today in (TODAY.isoformat(), "2026-12-15", "2027-01-20"):
        ctx = Context(db=db, today_opt=today)
        made = duties.ensure(ctx)  # creates the missing duty cases once
        repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 51
        t_ensure, t_due = [], []
        for _ in range(repeat):
            t0 = time.perf_counter()
            assert duties.ensure(ctx) == 0
            t1 = time.perf_counter()
            n = len(due_list(ctx).items)  # includes its own ensure
            t2 = time.perf_counter()
            t_ensure.append(t1 - t0)
            t_due.append(t2 - t1)
        e, d = statistics.median(t_ensure), statistics.median(t_due)
        print(
            f"today {today}: duty cases created on first run {made}; due rows {n}; "
            f"ensure {e * 1000:.2f} ms, due_list {d * 1000:.2f} ms, ensure/due_list {e / d:.1%}"
        )
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
