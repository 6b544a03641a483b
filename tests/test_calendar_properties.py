"""Properties of the working-day calendar (docs/rules.md §1) over random dates 2001–2030 and
random counts, plus the counting rules by name. Every property is checked against the
real ``holidays`` data (the package's China calendar, with its 调休 tables)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cache

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from govinfo_cli.core.calendar import CalendarSource, Override, WorkCalendar, load_source
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import count_days, count_wd, replay

D = dt.date.fromisoformat
ONE = dt.timedelta(days=1)

FIRST_YEAR, LAST_YEAR = 2000, 2032  # wide enough for every count from a date in 2001–2030


@cache
def source() -> CalendarSource:
    return load_source(FIRST_YEAR, LAST_YEAR)


@cache
def cal() -> WorkCalendar:
    return WorkCalendar.build(source())


def with_override(day: dt.date, working: bool) -> WorkCalendar:
    """The same calendar plus one clerk's override (as `calendar add` stores it)."""
    return WorkCalendar.build(replace(source(), overrides=(Override(day, working, "测试"),)))


dates = st.dates(min_value=D("2001-01-01"), max_value=D("2030-12-31"))
counts = st.integers(min_value=1, max_value=60)
EXAMPLES = settings(max_examples=400, deadline=None)


# ---------------------------------------------------------------------------
# The rules by name
# ---------------------------------------------------------------------------


def test_receipt_day_never_counts_minfadian_201() -> None:
    # 期间开始的日不计算在内: the first working day is strictly after the receipt day,
    # whatever kind of day the receipt day is
    assert cal().add_working_days(D("2026-11-02"), 1) == D("2026-11-03")  # a Monday
    assert cal().add_working_days(D("2026-11-07"), 1) == D("2026-11-09")  # a Saturday
    assert cal().add_working_days(D("2026-10-01"), 1) == D("2026-10-08")  # 国庆节
    assert cal().add_working_days(D("2026-02-14"), 1) == D("2026-02-24")  # a make-up Saturday
    assert cal().working_days_between(D("2026-11-02"), D("2026-11-02")) == 0


def test_makeup_saturday_counts_2026_02_14() -> None:
    # 2026 春节: Saturday 14 February is a 调休上班日, 15–23 February are rest days
    assert cal().is_working_day(D("2026-02-14"))
    assert cal().day_kind(D("2026-02-14")) == "makeup"
    assert cal().add_working_days(D("2026-02-13"), 1) == D("2026-02-14")
    assert cal().add_working_days(D("2026-02-13"), 2) == D("2026-02-24")
    assert cal().working_days_between(D("2026-02-13"), D("2026-02-24")) == 2
    # the engine's explanation names it as a make-up day that counted
    reply = count_wd(cal(), "reply", D("2026-02-10"), 20, rule="第33条")
    assert D("2026-02-14") in reply.explain.made_up
    assert D("2026-02-17") in reply.explain.skipped
    # by hand: 02-11..13 (3), 02-14 (4), 02-24..27 (8), 02-28 (9), 03-02..06 (14),
    # 03-09..13 (19), 03-16 (20)
    assert reply.due == D("2026-03-16")
    assert reply.explain.made_up == (D("2026-02-14"), D("2026-02-28"))


def test_ordinary_saturday_does_not_count() -> None:
    assert not cal().is_working_day(D("2026-02-21"))
    assert cal().add_working_days(D("2026-11-20"), 1) == D("2026-11-23")  # Friday → Monday


def test_calendar_days_roll_over_minfadian_203() -> None:
    # 15 日 ending on a Saturday ends on the Monday
    assert cal().add_days(D("2025-06-13"), 15) == D("2025-06-30")
    # ending inside 国庆: the first working day after the holiday
    assert cal().add_days(D("2024-09-16"), 15) == D("2024-10-08")
    # ending on a make-up Saturday: it is a working day, no roll-over
    assert cal().add_days(D("2026-01-30"), 15) == D("2026-02-14")
    # ending on a working day: exactly D + N
    assert cal().add_days(D("2026-11-02"), 15) == D("2026-11-17")
    # the engine's explanation says where it rolled from
    defense = count_days(cal(), "defense", D("2024-09-16"), 15, rule="行政诉讼法第67条")
    assert defense.due == D("2024-10-08")
    assert defense.explain.rolled_from == D("2024-10-01")


def test_reconsideration_law_article_88_counts_working_days() -> None:
    # 行政复议法第88条: its 十日 are working days. A copy received on 2025-09-26 (Friday)
    # across 国庆/中秋 2025: 10 working days end on 2025-10-16 (09-28 and 10-11 are make-up
    # Saturdays that count), where ten calendar days would end on 2025-10-09.
    events = [Event("reconsideration_copy_received", D("2025-09-26"), {})]
    due = replay("appeal", events, cal()).deadlines["agency_reply"].due
    assert due == cal().add_working_days(D("2025-09-26"), 10) == D("2025-10-16")
    assert cal().add_days(D("2025-09-26"), 10) == D("2025-10-09")
    simplified = [Event("reconsideration_copy_received", D("2025-09-26"), {"simplified": True})]
    assert replay("appeal", simplified, cal()).deadlines["agency_reply"].due == D("2025-10-10")


# ---------------------------------------------------------------------------
# Properties over random dates and counts
# ---------------------------------------------------------------------------


@EXAMPLES
@given(dates, counts)
def test_nth_working_day_is_strictly_increasing_in_n(d: dt.date, n: int) -> None:
    assert cal().add_working_days(d, n) < cal().add_working_days(d, n + 1)


@EXAMPLES
@given(dates, counts)
def test_working_days_between_inverts_add_working_days(d: dt.date, n: int) -> None:
    assert cal().working_days_between(d, cal().add_working_days(d, n)) == n


@EXAMPLES
@given(dates, counts)
def test_add_working_days_lands_on_a_working_day_after_d(d: dt.date, n: int) -> None:
    end = cal().add_working_days(d, n)
    assert end != d and end > d
    assert cal().is_working_day(end)
    # and nothing between d and the end was skipped that should have counted
    assert len(cal().working_days_in(d, end)) == n


@EXAMPLES
@given(dates, counts)
def test_add_days_rolls_to_the_first_working_day_on_or_after_d_plus_n(d: dt.date, n: int) -> None:
    end = cal().add_days(d, n)
    raw = d + dt.timedelta(days=n)
    assert end >= raw and cal().is_working_day(end)
    day = raw
    while day < end:  # every day in [d+n, end) is a rest day
        assert not cal().is_working_day(day), day
        day += ONE


@EXAMPLES
@given(dates, dates)
def test_working_days_between_is_antisymmetric_and_additive(a: dt.date, b: dt.date) -> None:
    assert cal().working_days_between(a, b) == -cal().working_days_between(b, a)
    mid = min(a, b) + (max(a, b) - min(a, b)) / 2
    assert cal().working_days_between(a, b) == cal().working_days_between(a, mid) + cal().working_days_between(mid, b)


# ---------------------------------------------------------------------------
# An override moves exactly the deadlines that count across it
# ---------------------------------------------------------------------------


@st.composite
def override_and_deadlines(draw: st.DrawFn) -> tuple[dt.date, list[tuple[dt.date, int]]]:
    """An override day and a batch of deadlines started around it (before and after), so
    that some intervals contain the day and some do not."""
    day = draw(st.dates(min_value=D("2001-04-01"), max_value=D("2030-09-30")))
    offsets = st.integers(min_value=-100, max_value=30)
    batch = draw(st.lists(st.tuples(offsets, counts), min_size=1, max_size=40))
    return day, [(day + dt.timedelta(days=o), n) for o, n in batch]


@settings(max_examples=80, deadline=None)
@given(override_and_deadlines())
def test_a_holiday_override_moves_exactly_the_deadlines_whose_interval_contains_it(
    case: tuple[dt.date, list[tuple[dt.date, int]]],
) -> None:
    day, batch = case
    assume(cal().is_working_day(day))
    moved_cal = with_override(day, working=False)  # a working day declared a rest day
    assert not moved_cal.is_working_day(day)
    for start, n in batch:
        before = count_wd(cal(), "reply", start, n, rule="").due
        after = count_wd(moved_cal, "reply", start, n, rule="").due
        if start < day <= before:  # (start, due] contains the day: one working day less
            assert after == cal().add_working_days(before, 1), (start, n)
        else:
            assert after == before, (start, n)


@settings(max_examples=80, deadline=None)
@given(override_and_deadlines())
def test_a_workday_override_moves_exactly_the_deadlines_whose_interval_contains_it(
    case: tuple[dt.date, list[tuple[dt.date, int]]],
) -> None:
    day, batch = case
    assume(not cal().is_working_day(day))
    moved_cal = with_override(day, working=True)  # a rest day declared a working day
    assert moved_cal.is_working_day(day)
    for start, n in batch:
        before = cal().add_working_days(start, n)
        after = moved_cal.add_working_days(start, n)
        if start < day <= before:  # one working day more: the deadline comes earlier
            assert after < before, (start, n)
            assert start < day <= after
            assert cal().working_days_between(start, after) == n - 1
        else:
            assert after == before, (start, n)


# ---------------------------------------------------------------------------
# The snapshot `due` reads gives the same answers as the full calendar
# ---------------------------------------------------------------------------


@cache
def snapshot() -> WorkCalendar:
    full = cal()
    return WorkCalendar.from_bits(full.first.year, full.to_bits(), full.confirmed_years)


def test_snapshot_round_trip_is_identical() -> None:
    snap = snapshot()
    assert snap.to_bits() == cal().to_bits()
    assert (snap.first, snap.last) == (cal().first, cal().last)
    assert snap.confirmed_years == cal().confirmed_years
    assert snap._ords == cal()._ords  # noqa: SLF001 - the arrays every answer comes from


@EXAMPLES
@given(dates, counts, dates)
def test_snapshot_gives_identical_answers(d: dt.date, n: int, other: dt.date) -> None:
    full, snap = cal(), snapshot()
    assert snap.is_working_day(d) == full.is_working_day(d)
    assert snap.add_working_days(d, n) == full.add_working_days(d, n)
    assert snap.add_days(d, n) == full.add_days(d, n)
    assert snap.working_days_between(d, other) == full.working_days_between(d, other)
    assert snap.skipped_in(d, other) == full.skipped_in(d, other)
    a = count_wd(full, "reply", d, n, rule="")
    b = count_wd(snap, "reply", d, n, rule="")
    assert (a.due, a.provisional) == (b.due, b.provisional)


@settings(max_examples=30, deadline=None)
@given(dates, st.booleans(), dates, counts)
def test_snapshot_keeps_overrides(day: dt.date, working: bool, d: dt.date, n: int) -> None:
    full = with_override(day, working)
    snap = WorkCalendar.from_bits(full.first.year, full.to_bits(), full.confirmed_years)
    assert snap.is_working_day(day) == working
    assert snap.add_working_days(d, n) == full.add_working_days(d, n)
    assert snap.add_days(d, n) == full.add_days(d, n)
