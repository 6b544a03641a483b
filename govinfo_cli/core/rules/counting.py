"""The counting machinery (docs/rules.md §1): a deadline, how it was counted, and the three ways
of counting a period (working days with pauses, calendar days with roll-over, fixed dates).

Pure functions of a ``WorkCalendar``; nothing here knows which article a period comes
from (that is ``periods``) or which event opens it (that is the handlers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar

if TYPE_CHECKING:
    from govinfo_cli.core.calendar_layers import RegionalDay

Date = dt.date


@dataclass(frozen=True)
class Pause:
    start: Date  # exclusive
    end: Date  # inclusive
    reason: str
    working_days: int = 0


@dataclass(frozen=True)
class Explanation:
    """How a deadline was counted: enough to check it by hand."""

    rule: str
    start: Date | None
    unit: str  # "wd" working days, "days" calendar days with roll-over, "hours", "fixed"
    amount: int = 0
    extension: int = 0
    pauses: tuple[Pause, ...] = ()
    skipped: tuple[Date, ...] = ()  # weekday rest days inside the count
    made_up: tuple[Date, ...] = ()  # weekend make-up working days that counted
    rolled_from: Date | None = None  # calendar-day end that rolled over
    years: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    law: str = ""  # the law and version counted under (docs/rules.md §8), e.g. 条例(2007)
    regional: tuple[RegionalDay, ...] = ()  # the days the office's layers changed in the count (§13)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "start": _iso(self.start),
            "unit": self.unit,
            "amount": self.amount,
            "extension": self.extension,
            "pauses": [
                {
                    "after": p.start.isoformat(),
                    "through": p.end.isoformat(),
                    "reason": p.reason,
                    "working_days": p.working_days,
                }
                for p in self.pauses
            ],
            "skipped": [d.isoformat() for d in self.skipped],
            "made_up": [d.isoformat() for d in self.made_up],
            "rolled_from": _iso(self.rolled_from),
            "years": list(self.years),
            "notes": list(self.notes),
            "law": self.law,
            "regional": [r.as_dict() for r in self.regional],
        }


@dataclass(frozen=True)
class Deadline:
    code: str
    due: Date | None  # None while suspended
    state: str  # pending | met | missed | lapsed | suspended
    provisional: bool
    basis: str
    explain: Explanation
    quiet: bool = False  # a window that lapses quietly instead of falling overdue
    due_at: dt.datetime | None = None  # for hour-counted deadlines
    done: Date | None = None  # when it was met (or missed)
    name: str | None = None  # the party consulted (consultation_answer:*: one deadline each, docs/rules.md §10)

    def state_on(self, today: Date) -> str:
        if self.state == "pending" and self.quiet and self.due is not None and today > self.due:
            return "lapsed"
        return self.state

    def passed_on(self, day: Date) -> bool:
        """Its period was over before ``day`` (the due day itself is still in time)."""
        return self.due is not None and self.due < day

    def noted(self, note: str) -> Deadline:
        return replace(self, explain=replace(self.explain, notes=(*self.explain.notes, note)))


def overdue(due: Date, now: dt.datetime, due_at: dt.datetime | None = None) -> bool:
    """A pending deadline is late: an hour-counted one (舆情) once its time has passed, any
    other once its day has (the due day itself is still in time)."""
    return due_at < now if due_at is not None else due < now.date()


def _iso(d: Date | None) -> str | None:
    return d.isoformat() if d else None


def provisional_years(cal: WorkCalendar, start: Date, end: Date | None) -> tuple[bool, tuple[int, ...]]:
    """The calendar years a count from ``start`` to ``end`` relies on, and whether any of
    them is not confirmed yet (docs/rules.md §1: a provisional deadline)."""
    last = end or start
    years = tuple(range(start.year, last.year + 1))
    confirmed = cal.confirmed_years
    return any(y not in confirmed for y in years), years


def count_wd(
    cal: WorkCalendar,
    code: str,
    start: Date,
    n: int,
    *,
    rule: str,
    pauses: Sequence[Pause] = (),
    extension: int = 0,
    state: str = "pending",
    quiet: bool = False,
    notes: tuple[str, ...] = (),
    basis: str | None = None,
    law: str = "",
) -> Deadline:
    """The (n+extension)-th working day after start, skipping paused working days.

    Pauses are merged in working-day index space, so overlapping pauses count once.
    """
    first = cal.index_after(start)
    target = first + n + extension - 1
    used: list[Pause] = []
    if pauses:
        spans = sorted(
            ((max(cal.index_after(p.start), first), cal.index_after(p.end), p) for p in pauses),
            key=lambda s: (s[0], s[1]),
        )
        merged: list[list[int]] = []
        for lo, hi, _ in spans:
            if hi <= lo:
                continue
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        for lo, hi in merged:
            if lo > target:
                break
            target += hi - lo
        covered = first  # working days already excluded by an earlier pause count once
        for lo, hi, p in spans:
            if hi > lo and lo <= target:
                used.append(replace(p, working_days=max(0, min(hi, target + 1) - max(lo, covered))))
                covered = max(covered, hi)
    due = cal.day_at(target)
    skipped, made_up = cal.skipped_in(start, due)
    provisional, years = provisional_years(cal, start, due)
    return Deadline(
        code=code,
        due=due,
        state=state,
        provisional=provisional,
        basis=basis or codes.DEADLINES[code][1],
        quiet=quiet,
        explain=Explanation(
            rule=rule,
            start=start,
            unit="wd",
            amount=n,
            extension=extension,
            pauses=tuple(used),
            skipped=tuple(skipped),
            made_up=tuple(made_up),
            years=years,
            notes=notes,
            law=law,
            regional=cal.regional_in(start, due),
        ),
    )


def count_days(
    cal: WorkCalendar,
    code: str,
    start: Date,
    n: int,
    *,
    rule: str,
    extension: int = 0,
    basis: str | None = None,
    law: str = "",
    notes: tuple[str, ...] = (),
) -> Deadline:
    """N calendar days from start; a last day that is not a working day rolls over."""
    raw = start + dt.timedelta(days=n + extension)
    due = cal.add_days(start, n + extension)
    provisional, years = provisional_years(cal, start, due)
    skipped, made_up = cal.skipped_in(raw - dt.timedelta(days=1), due)
    return Deadline(
        code=code,
        due=due,
        state="pending",
        provisional=provisional,
        basis=basis or codes.DEADLINES[code][1],
        explain=Explanation(
            rule=rule,
            start=start,
            unit="days",
            amount=n,
            extension=extension,
            rolled_from=raw if raw != due else None,
            skipped=tuple(skipped),
            made_up=tuple(made_up),
            years=years,
            notes=notes,
            law=law,
            regional=cal.regional_in(raw - dt.timedelta(days=1), due),
        ),
    )


def suspended(code: str, why: str, basis: str | None = None, law: str = "") -> Deadline:
    return Deadline(
        code=code,
        due=None,
        state="suspended",
        provisional=False,
        basis=basis or codes.DEADLINES[code][1],
        explain=Explanation(rule=why, start=None, unit="wd", notes=(why,), law=law),
    )


def fixed(cal: WorkCalendar, code: str, due: Date, rule: str) -> Deadline:
    provisional, years = provisional_years(cal, due, due)
    return Deadline(
        code=code,
        due=due,
        state="pending",
        provisional=provisional,
        basis=codes.DEADLINES[code][1],
        explain=Explanation(rule=rule, start=None, unit="fixed", years=years),
    )


def settle(d: Deadline, on: Date) -> Deadline:
    """Mark a deadline done on a date: met on or before it, missed after."""
    if d.due is None:
        return replace(d, state="met", done=on)
    return replace(d, state="met" if on <= d.due else "missed", done=on)
