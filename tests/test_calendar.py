"""The working-day calendar: rules by name, and properties over random dates."""

from __future__ import annotations

import datetime as dt
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.core.rules import count_wd

D = dt.date.fromisoformat


@cache
def cal() -> WorkCalendar:
    return WorkCalendar.build(load_source(2000, 2032))


dates = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.integers(min_value=1, max_value=60)


def test_makeup_saturday_is_a_working_day_and_spring_festival_is_not() -> None:
    assert cal().is_working_day(D("2026-02-14"))  # 调休上班日 (Saturday)
    assert cal().is_working_day(D("2026-02-28"))
    assert not cal().is_working_day(D("2026-02-17"))  # 春节
    assert not cal().is_working_day(D("2026-02-21"))  # ordinary Saturday


def test_receipt_day_never_counts_minfadian_201() -> None:
    assert cal().add_working_days(D("2026-11-02"), 1) == D("2026-11-03")
    assert cal().add_working_days(D("2026-02-14"), 1) == D("2026-02-24")  # from a make-up Saturday


def test_calendar_day_period_rolls_over_minfadian_203() -> None:
    assert cal().add_days(D("2025-06-13"), 15) == D("2025-06-30")  # Saturday → Monday
    assert cal().add_days(D("2024-09-16"), 15) == D("2024-10-08")  # 国庆 → first working day


def test_reconsideration_law_article_88_counts_working_days() -> None:
    assert cal().add_working_days(D("2025-09-26"), 10) == D("2025-10-16")  # 09-28 make-up counts


def test_snapshot_bits_round_trip_gives_identical_answers() -> None:
    full = WorkCalendar.build(load_source(2024, 2027))
    snap = WorkCalendar.from_bits(2024, full.to_bits(), full.confirmed_years)
    for start in (D("2024-01-01"), D("2025-09-26"), D("2026-12-15")):
        for n in (1, 7, 20, 40):
            assert snap.add_working_days(start, n) == full.add_working_days(start, n)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_nth_working_day_is_strictly_increasing_in_n(d: dt.date, n: int) -> None:
    assert cal().add_working_days(d, n) < cal().add_working_days(d, n + 1)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_between_inverts_add(d: dt.date, n: int) -> None:
    end = cal().add_working_days(d, n)
    assert cal().working_days_between(d, end) == n
    assert end > d and cal().is_working_day(end)


@settings(max_examples=300, deadline=None)
@given(dates, counts)
def test_calendar_days_land_on_the_first_working_day_on_or_after_d_plus_n(d: dt.date, n: int) -> None:
    end = cal().add_days(d, n)
    raw = d + dt.timedelta(days=n)
    assert end >= raw and cal().is_working_day(end)
    assert all(not cal().is_working_day(raw + dt.timedelta(days=i)) for i in range((end - raw).days))


@settings(max_examples=150, deadline=None)
@given(
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 10, 31)),
    st.integers(min_value=1, max_value=40),
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
)
def test_an_override_moves_exactly_the_deadlines_that_count_across_it(start: dt.date, n: int, day: dt.date) -> None:
    base = WorkCalendar.build(load_source(2024, 2028))
    if not base.is_working_day(day):
        return
    moved = WorkCalendar.build(load_source(2024, 2028, overrides=[Override(day, False, "测试")]))
    before = count_wd(base, "reply", start, n, rule="").due
    after = count_wd(moved, "reply", start, n, rule="").due
    assert before is not None and after is not None
    if start < day <= before:
        assert after == base.add_working_days(before, 1)  # one working day less: one later
    else:
        assert after == before


def test_snapshot_bits_keep_every_weekday_off_and_every_weekend_working_day() -> None:
    """``from_bits`` reads the weekday from the ordinal: the snapshot knows the same days off
    and the same 调休 make-up days as the calendar it was taken from, every year."""
    full = WorkCalendar.build(load_source(2000, 2031))
    snap = WorkCalendar.from_bits(2000, full.to_bits(), full.confirmed_years)
    assert set(snap._nonwork_weekdays) == set(full._nonwork_weekdays)
    assert snap._work_weekends == full._work_weekends
    assert snap._ords == full._ords
