"""The engine's n-th working day against the `holidays` package's own, on the same
100 000 random inputs, side by side in one run, with identical answers required.

    python bench/bench_calendar.py [ROUNDS]

Aligned semantics (docs/rules.md §1, "N working days from D" = the N-th working day strictly
after D, D itself never counted):
  * govinfo  ``WorkCalendar.add_working_days(d, n)``  (n ≥ 1), bisect over working-day ordinals;
  * holidays ``holidays.China(...).get_nth_working_day(d, n)`` (holidays ≥ 0.76): for n > 0
    it steps one day forward n times, each time skipping days that are not working days
    (``is_working_day``: a weekday not in the holiday table, or a weekend day listed in
    ``weekend_workdays``), so it too returns the n-th working day strictly after d.
Both read the same data (the package's China tables; no overrides). Side checks, untimed
on the side: n = 0 (the package: d if working, else the next working day) against
``next_working_day_on_or_after``, and ``working_days_between(a, b)`` (working days in
(a, b]) against ``get_working_days_count(a + 1 day, b)`` (closed interval).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from importlib.metadata import version

import holidays

from govinfo_cli.core.calendar import WorkCalendar, load_source

N = 100_000
FIRST, LAST = 2000, 2031  # inputs are 2001–2030; n ≤ 60 never leaves the range


def inputs(seed: int = 42) -> list[tuple[dt.date, int]]:
    rnd = random.Random(seed)
    lo, hi = dt.date(2001, 1, 1).toordinal(), dt.date(2030, 12, 31).toordinal()
    return [(dt.date.fromordinal(rnd.randint(lo, hi)), rnd.randint(1, 60)) for _ in range(N)]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    data = inputs()

    t = time.perf_counter()
    cal = WorkCalendar.build(load_source(FIRST, LAST))
    t_build = time.perf_counter() - t
    t = time.perf_counter()
    cn = holidays.China(years=range(FIRST, LAST + 1))
    t_pkg = time.perf_counter() - t

    ours_f, theirs_f = cal.add_working_days, cn.get_nth_working_day
    times: dict[str, list[float]] = {"govinfo": [], "holidays": []}
    ours: list[dt.date] = []
    theirs: list[dt.date] = []
    for _ in range(rounds):  # interleaved rounds, median
        t = time.perf_counter()
        ours = [ours_f(d, n) for d, n in data]
        times["govinfo"].append(time.perf_counter() - t)
        t = time.perf_counter()
        theirs = [theirs_f(d, n) for d, n in data]
        times["holidays"].append(time.perf_counter() - t)
    diff = [(d, n, a, b) for (d, n), a, b in zip(data, ours, theirs, strict=True) if a != b]

    # side checks (untimed): n = 0, and counting between two dates
    zero_diff = sum(1 for d, _ in data[:20_000] if cal.next_working_day_on_or_after(d) != cn.get_nth_working_day(d, 0))
    between_diff = sum(
        1
        for d, n in data[:20_000]
        if cal.working_days_between(d, d + dt.timedelta(days=n))
        != cn.get_working_days_count(d + dt.timedelta(days=1), d + dt.timedelta(days=n))
    )

    t_ours, t_theirs = statistics.median(times["govinfo"]), statistics.median(times["holidays"])
    print(
        f"machine: {_machine()}; holidays {version('holidays')}; {N} inputs "
        f"(dates 2001–2030, n = 1…60, seed 42); {rounds} interleaved rounds, median"
    )
    print(
        f"  govinfo  WorkCalendar.add_working_days : {t_ours:8.3f} s  "
        f"({t_ours / N * 1e6:6.2f} µs/call)  rounds: {_fmt(times['govinfo'])}"
    )
    print(
        f"  holidays China.get_nth_working_day     : {t_theirs:8.3f} s  "
        f"({t_theirs / N * 1e6:6.2f} µs/call)  rounds: {_fmt(times['holidays'])}"
    )
    print(
        f"ratio: govinfo is {t_theirs / t_ours:.0f}× faster (goal ≥ 50×); "
        f"including the one-off build: {t_theirs / (t_ours + t_build):.0f}×"
    )
    print(
        f"one-off setup: govinfo WorkCalendar.build(load_source({FIRST}, {LAST})) {t_build:.3f} s; "
        f"baseline holidays.China(years={FIRST}–{LAST}) {t_pkg:.3f} s"
    )
    print(
        f"different answers: {len(diff)} of {N}; side checks on 20 000: n = 0 → {zero_diff} "
        f"different, working_days_between vs get_working_days_count → {between_diff} different"
    )
    if diff or zero_diff or between_diff:
        for row in diff[:10]:
            print("  differs:", *row)
        raise SystemExit("answers differ")


def _fmt(values: list[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values)


def _machine() -> str:
    return f"{__import__('os').cpu_count()} cores, Python {sys.version.split()[0]}, {dt.date.today()}"


if __name__ == "__main__":
    main()
