"""The working-day calendar (工作日历): pure, immutable, O(log n) per question.

A working day is Monday–Friday unless it is a public holiday or a moved rest day
(调休), or a Saturday/Sunday the State Council schedule makes a working day
(调休上班日). Data comes from the ``holidays`` package (China); on top of it the
office's calendar layers (docs/rules.md §13: its region's festivals, any local layer it
imported, ``core.calendar_layers``), and last the clerk's own entries (the database's
calendar overrides), which always win.

Every question is answered by ``bisect`` over a sorted array of the ordinals of
working days, built once; nothing walks day by day.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from govinfo_cli.core.errors import CalendarRangeError

if TYPE_CHECKING:  # imported where layers are applied: `due` reads a snapshot and never needs them
    from govinfo_cli.core.calendar_layers import Layer, RegionalDay

Date = dt.date
_fromordinal = dt.date.fromordinal


@dataclass(frozen=True)
class Override:
    day: Date
    is_working_day: bool
    note: str = ""


@dataclass(frozen=True)
class CalendarSource:
    """The declared data a calendar is built from (no computation here)."""

    first_year: int
    last_year: int
    holidays: Mapping[Date, str]  # public holidays and moved rest days, by name
    weekend_workdays: frozenset[Date]  # 调休上班日 from the package
    package_confirmed: frozenset[int]  # years with official 调休 data in the package
    overrides: tuple[Override, ...] = ()
    confirmed: frozenset[int] = frozenset()  # years the clerk confirmed
    layers: tuple[Layer, ...] = ()  # the region's layer, then local layers (docs/rules.md §13)


@dataclass(frozen=True)
class WorkCalendar:
    first: Date
    last: Date
    _ords: tuple[int, ...] = field(repr=False)  # ordinals of working days, sorted
    _nonwork_weekdays: Mapping[Date, str] = field(repr=False)  # Mon–Fri rest days
    _work_weekends: frozenset[Date] = field(repr=False)  # Sat/Sun working days
    overrides: Mapping[Date, Override] = field(repr=False)
    confirmed_years: frozenset[int] = frozenset()
    # days whose working status a layer changed (names for display and --explain); empty
    # in a calendar read back from a snapshot
    _regional: Mapping[Date, RegionalDay] = field(default_factory=dict, repr=False)
    layers: tuple[Layer, ...] = ()
    # year -> the layers (name, title) that leave it unconfirmed, "national" first when the
    # State Council's schedule does: what a provisional mark is waiting for
    unconfirmed_by: Mapping[int, tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)

    # ---- construction -------------------------------------------------
    @classmethod
    def build(cls, src: CalendarSource) -> WorkCalendar:
        first = Date(src.first_year, 1, 1)
        last = Date(src.last_year, 12, 31)
        over = {o.day: o for o in src.overrides}
        nonwork: dict[Date, str] = {}
        work_weekend: set[Date] = set()
        for day, name in src.holidays.items():
            if first <= day <= last and day.weekday() < 5:
                nonwork[day] = name
        for day in src.weekend_workdays:
            if first <= day <= last:
                work_weekend.add(day)
        regional = _apply_layers(src.layers, first, last, nonwork, work_weekend)
        for day, o in over.items():
            if not first <= day <= last:
                continue
            if day.weekday() < 5:
                if o.is_working_day:
                    nonwork.pop(day, None)
                else:
                    nonwork[day] = o.note or "调整休息日"
            elif o.is_working_day:
                work_weekend.add(day)
            else:
                work_weekend.discard(day)
        ords: list[int] = []
        a, b = first.toordinal(), last.toordinal()
        for ordinal in range(a, b + 1):
            d = Date.fromordinal(ordinal)
            if (d.weekday() < 5 and d not in nonwork) or d in work_weekend:
                ords.append(ordinal)
        national = src.package_confirmed | src.confirmed
        # a year is settled only when the national schedule and every layer are (§13)
        waiting: dict[int, tuple[tuple[str, str], ...]] = {}
        for y in range(src.first_year, src.last_year + 1):
            names = ((("national", "全国"),) if y not in national else ()) + tuple(
                (layer.name, layer.title) for layer in src.layers if not layer.confirms(y)
            )
            if names:
                waiting[y] = names
        confirmed = frozenset(y for y in range(src.first_year, src.last_year + 1) if y not in waiting) | frozenset(
            y for y in national if not src.first_year <= y <= src.last_year
        )
        return cls(
            first=first,
            last=last,
            _ords=tuple(ords),
            _nonwork_weekdays=nonwork,
            _work_weekends=frozenset(work_weekend),
            overrides=over,
            confirmed_years=confirmed,
            _regional={d: r for d, r in regional.items() if d not in over},
            layers=src.layers,
            unconfirmed_by=waiting,
        )

    @classmethod
    def from_bits(
        cls,
        first_year: int,
        bits: str,
        confirmed: Iterable[int],
        unconfirmed_by: Mapping[int, tuple[tuple[str, str], ...]] | None = None,
    ) -> WorkCalendar:
        """A calendar from a snapshot: one '1' (working) or '0' per day from 1 January
        of first_year. Enough for counting; holiday names are not kept."""
        first = Date(first_year, 1, 1)
        base = first.toordinal()
        last = Date.fromordinal(base + len(bits) - 1)
        ords = tuple(base + i for i, b in enumerate(bits) if b == "1")
        nonwork: dict[Date, str] = {}
        weekend_work: set[Date] = set()
        for i, b in enumerate(bits):  # the weekday from the ordinal (day 1 was a Monday)
            weekend = (base + i - 1) % 7 >= 5
            if b == "0" and not weekend:
                nonwork[Date.fromordinal(base + i)] = "休息日"
            elif b == "1" and weekend:
                weekend_work.add(Date.fromordinal(base + i))
        return cls(
            first=first,
            last=last,
            _ords=ords,
            _nonwork_weekdays=nonwork,
            _work_weekends=frozenset(weekend_work),
            overrides={},
            confirmed_years=frozenset(confirmed),
            unconfirmed_by=dict(unconfirmed_by or {}),
        )

    def to_bits(self) -> str:
        work = set(self._ords)
        a, b = self.first.toordinal(), self.last.toordinal()
        return "".join("1" if o in work else "0" for o in range(a, b + 1))

    # ---- questions ----------------------------------------------------
    def _check(self, d: Date) -> None:
        if not self.first <= d <= self.last:
            raise CalendarRangeError(f"日期 {d.isoformat()} 超出工作日历范围 {self.first.year}–{self.last.year}")

    def is_working_day(self, d: Date) -> bool:
        self._check(d)
        o = d.toordinal()
        i = bisect_left(self._ords, o)
        return i < len(self._ords) and self._ords[i] == o

    def index_after(self, d: Date) -> int:
        """Index in the working-day array of the first working day strictly after d."""
        self._check(d)
        return bisect_right(self._ords, d.toordinal())

    def day_at(self, index: int) -> Date:
        if not 0 <= index < len(self._ords):
            raise CalendarRangeError(f"期限超出工作日历范围 {self.first.year}–{self.last.year}")
        return Date.fromordinal(self._ords[index])

    def add_working_days(self, d: Date, n: int) -> Date:
        """The n-th working day strictly after d (n ≥ 1; d itself never counts)."""
        if n < 1:
            raise ValueError("n must be ≥ 1")
        if not self.first <= d <= self.last:
            self._check(d)
        i = bisect_right(self._ords, d.toordinal()) + n - 1
        if i >= len(self._ords):
            return self.day_at(i)  # raises CalendarRangeError
        return _fromordinal(self._ords[i])

    def working_days_before(self, d: Date, n: int) -> Date:
        """The n-th working day strictly before d (n ≥ 1): the day W with
        working_days_between(W, d) == n when d is a working day."""
        if n < 1:
            raise ValueError("n must be ≥ 1")
        i = bisect_left(self._ords, d.toordinal()) - n
        if i < 0:
            return self.day_at(-1)  # raises CalendarRangeError
        return _fromordinal(self._ords[i])

    def working_days_between(self, a: Date, b: Date) -> int:
        """Working days in (a, b]; negative when b < a (counted over (b, a])."""
        if b < a:
            return -self.working_days_between(b, a)
        return self.index_after(b) - self.index_after(a)

    def next_working_day_on_or_after(self, d: Date) -> Date:
        return d if self.is_working_day(d) else self.day_at(self.index_after(d))

    def add_days(self, d: Date, n: int) -> Date:
        """N calendar days from d; a last day that is not a working day rolls to the
        next working day (民法典第203条)."""
        return self.next_working_day_on_or_after(d + dt.timedelta(days=n))

    def working_days_in(self, a: Date, b: Date) -> list[Date]:
        """The working days in (a, b]."""
        i, j = self.index_after(a), self.index_after(b)
        return [Date.fromordinal(o) for o in self._ords[i:j]]

    def day_kind(self, d: Date) -> str:
        """'workday' | 'weekend' | 'holiday' | 'makeup' (调休上班) for display."""
        if d in self.overrides:
            return "override_work" if self.overrides[d].is_working_day else "override_rest"
        if d in self._work_weekends:
            return "makeup"
        if d in self._nonwork_weekdays:
            return "holiday"
        return "workday" if d.weekday() < 5 else "weekend"

    def holiday_name(self, d: Date) -> str:
        if d in self.overrides:
            return self.overrides[d].note
        return self._nonwork_weekdays.get(d, "")

    def skipped_in(self, a: Date, b: Date) -> tuple[list[Date], list[Date]]:
        """Within (a, b]: weekday rest days skipped, and weekend make-up days counted."""
        rest, made = self._sorted_specials
        return (
            list(rest[bisect_right(rest, a) : bisect_right(rest, b)]),
            list(made[bisect_right(made, a) : bisect_right(made, b)]),
        )

    @cached_property
    def _sorted_specials(self) -> tuple[tuple[Date, ...], tuple[Date, ...]]:
        return tuple(sorted(self._nonwork_weekdays)), tuple(sorted(self._work_weekends))

    def unconfirmed_years(self, years: Iterable[int]) -> list[int]:
        return sorted({y for y in years if y not in self.confirmed_years})

    # ---- the layers' days (docs/rules.md §13) ---------------------------
    def regional(self, d: Date) -> RegionalDay | None:
        """The layer day that changed ``d``'s working status, if any (a layer's day off on
        a national holiday or an ordinary weekend changes nothing and is not one)."""
        return self._regional.get(d)

    def regional_in(self, a: Date, b: Date) -> tuple[RegionalDay, ...]:
        """The layer days in (a, b], in order."""
        if not self._regional:
            return ()
        days = self._sorted_regional
        return tuple(self._regional[d] for d in days[bisect_right(days, a) : bisect_right(days, b)])

    @cached_property
    def _sorted_regional(self) -> tuple[Date, ...]:
        return tuple(sorted(self._regional))


def _apply_layers(
    layers: Iterable[Layer], first: Date, last: Date, nonwork: dict[Date, str], work_weekend: set[Date]
) -> dict[Date, RegionalDay]:
    """Each layer's days on top of the national schedule, in order (a later layer wins a
    day two layers set): a day off takes a weekday off, and takes back a weekend day the
    national schedule made a working day; a make-up working day makes a weekend day (or a
    rest weekday) a working day. Returns the days whose status changed, by the layer that
    changed them last; a day set back to its national status by a later layer is dropped."""
    from govinfo_cli.core.calendar_layers import RegionalDay

    national_work = set(work_weekend)
    national_rest = dict(nonwork)
    changed: dict[Date, RegionalDay] = {}
    for layer in layers:
        for y in layer.years:
            if not layer.applies(y.year):
                continue
            for ld in y.days:
                day = ld.day
                if not first <= day <= last:
                    continue
                weekday = day.weekday() < 5
                if ld.working:
                    nonwork.pop(day, None)
                    if not weekday:
                        work_weekend.add(day)
                elif weekday:
                    nonwork.setdefault(day, ld.festival)  # a national holiday keeps its name
                else:
                    work_weekend.discard(day)
                was = (weekday and day not in national_rest) or day in national_work
                now = (weekday and day not in nonwork) or day in work_weekend
                if was != now:
                    changed[day] = RegionalDay(day, now, layer.name, layer.title, ld.festival, y.notice, y.confirmed)
                else:
                    changed.pop(day, None)
    return changed


def load_source(
    first_year: int,
    last_year: int,
    overrides: Iterable[Override] = (),
    confirmed: Iterable[int] = (),
    layers: Iterable[Layer] = (),
) -> CalendarSource:
    """Read the ``holidays`` package's China data (imported here, never at startup)."""
    from holidays.countries.china import China, ChinaStaticHolidays

    cn = China(years=range(first_year, last_year + 1), language="zh_CN")
    special = getattr(ChinaStaticHolidays, "special_public_holidays", {})
    last_official = max(special) if special else 0
    package_confirmed = frozenset(range(first_year, min(last_official, last_year) + 1))
    return CalendarSource(
        first_year=first_year,
        last_year=last_year,
        holidays=dict(cn.items()),
        weekend_workdays=frozenset(getattr(cn, "weekend_workdays", ())),
        package_confirmed=package_confirmed,
        overrides=tuple(overrides),
        confirmed=frozenset(confirmed),
        layers=tuple(layers),
    )
