"""The engine's n-th working day vs the `holidays` package's own get_nth_working_day,
on the same 100 000 random inputs, in one run, with identical answers required.

    python bench/bench_calendar.py
"""

from __future__ import annotations

import datetime as dt
import random
import time

import holidays

from govinfo_cli.core.calendar import WorkCalendar, load_source

N = 100_000


def main() -> None:
    rnd = random.Random(42)
    inputs = [(dt.date(2005, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 20)), rnd.randint(1, 40))
              for _ in range(N)]
    t = time.perf_counter()
    cal = WorkCalendar.build(load_source(2000, 2030))
    build = time.perf_counter() - t
    cn = holidays.China(years=range(2000, 2031))

    t = time.perf_counter()
    ours = [cal.add_working_days(d, n) for d, n in inputs]
    t_ours = time.perf_counter() - t

    t = time.perf_counter()
    theirs = [cn.get_nth_working_day(d, n) for d, n in inputs]
    t_theirs = time.perf_counter() - t

    diff = sum(1 for a, b in zip(ours, theirs, strict=True) if a != b)
    print(f"inputs: {N}; govinfo WorkCalendar.add_working_days: {t_ours:.3f} s "
          f"({t_ours / N * 1e6:.2f} µs each); holidays get_nth_working_day: {t_theirs:.3f} s "
          f"({t_theirs / N * 1e6:.1f} µs each)")
    print(f"ratio: govinfo is {t_theirs / t_ours:.0f}× faster; different answers: {diff}; "
          f"one-off calendar build 2000–2030: {build:.3f} s")
    if diff:
        raise SystemExit("answers differ")


if __name__ == "__main__":
    main()
