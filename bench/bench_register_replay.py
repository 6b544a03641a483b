"""The register rows' deadlines computed by replay once per receipt day (core/rules/register.py
since issue 26) against the second statement of the law that computed them directly before
issue 26, in-process, on the 100 000 rows of the generated register (bench/common.py
`register`), side by side.

    git show f7226ef~1:govinfo_cli/core/rules/register.py > bench/out/register_before.py
    python bench/bench_register_replay.py ROUNDS --before bench/out/register_before.py [--every-row]

``--every-row`` also times ``replay`` run on every row (no memo: what "replay alone" costs),
once.

Both get the same rows (received, replied) in file order and one memo each, as the import
does; CPU seconds (time.process_time), median of interleaved rounds. The answers are compared
row by row.
"""

from __future__ import annotations

import csv
import importlib.util
import statistics
import sys
import time
from pathlib import Path

from common import OUT, machine, register


def rows() -> list[tuple]:
    from govinfo_cli.core.dates import parse_date

    path = register(OUT / "reg100k.csv", 100_000)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        head = next(reader)
        r, p = head.index("收到日期"), head.index("答复日期")
        return [(parse_date(x[r]), parse_date(x[p]) if x[p] else None) for x in reader]


def main() -> None:
    args = sys.argv[1:]
    before = None
    if "--before" in args:
        i = args.index("--before")
        before = Path(args[i + 1])
        del args[i : i + 2]
    every_row = "--every-row" in args
    if every_row:
        args.remove("--every-row")
    rounds = int(args[0]) if args else 5
    from govinfo_cli.app.calendar import CALENDAR_FIRST_YEAR
    from govinfo_cli.core.calendar import WorkCalendar, load_source
    from govinfo_cli.core.rules import NATIONAL, fast_register_deadlines

    cal = WorkCalendar.build(load_source(CALENDAR_FIRST_YEAR, 2027))
    data = rows()
    fns = {"replay once per receipt day (now)": lambda r, p, m: fast_register_deadlines(cal, r, p, m, NATIONAL)}
    if before is not None:
        spec = importlib.util.spec_from_file_location("register_before", before)
        assert spec is not None and spec.loader is not None
        old = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(old)
        fns["a second statement of the law (before)"] = lambda r, p, m: old.fast_register_deadlines(cal, r, p, m)
    times: dict[str, list[float]] = {k: [] for k in fns}
    answers: dict[str, list] = {}
    for _ in range(rounds):
        for name, fn in fns.items():
            memo: dict = {}
            t = time.process_time()
            got = [fn(r, p, memo) for r, p in data]
            times[name].append(time.process_time() - t)
            answers[name] = got
    print(f"machine: {machine()}; {len(data)} register rows; {rounds} interleaved rounds (median CPU)")
    for name, ts in times.items():
        print(f"  {name:42s} {statistics.median(ts):6.2f} s")
    if before is not None:
        a, b, *_ = answers.values()
        print(f"same deadlines on every row: {a == b}")
    if every_row:
        from govinfo_cli.core.rules.register import _replayed

        t = time.process_time()
        for r, p in data:
            _replayed(cal, NATIONAL, r, p)  # the row's own events, replayed
        print(f"  {'replay on every row (no memo), once':42s} {time.process_time() - t:6.2f} s")


if __name__ == "__main__":
    main()
