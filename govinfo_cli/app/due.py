"""What is due: one indexed query over the deadline cache, grouped for the morning check."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from govinfo_cli.app.calendar import calendar_for_reading
from govinfo_cli.app.remaining import Left, days_left
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.store.due import due_rows

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

GROUPS: dict[str, str] = {
    "overdue": "逾期",
    "today": "今日到期",
    "within3": "3 个工作日内",
    "this_week": "本周",
    "later": "稍后",
}


class DueItem(NamedTuple):
    """One deadline listed by `due` (a named tuple: `due` may list tens of thousands)."""

    case: str
    kind: str
    deadline: str
    due: dt.date
    working_days_left: int
    provisional: bool
    department: str | None
    party: str | None
    party_type: str | None
    due_at: dt.datetime | None
    group: str
    name: str = ""  # the party consulted: a consultation has one row per party (docs/rules.md §10)

    def to_json(self) -> dict[str, Any]:
        out = {
            "case": self.case,
            "kind": self.kind,
            "deadline": self.deadline,
            "due": self.due.isoformat(),
            "working_days_left": self.working_days_left,
            "provisional": self.provisional,
            "department": self.department,
        }
        if self.due_at is not None:  # hour-counted (舆情): the exact time, as `show --json` gives it
            out["due_at"] = self.due_at.isoformat(timespec="minutes")
        if self.name:  # which party's answer (docs/contract.md)
            out["name"] = self.name
        return out


@dataclass
class DueList:
    today: dt.date
    now: dt.datetime
    horizon: dt.date
    items: list[DueItem]
    unconfirmed_years: list[int]
    # year -> the calendar layers (name, title) that leave it unconfirmed: ("national", "全国")
    # for the State Council's schedule, else the office's region or local layer (§13)
    unconfirmed_by: dict[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    _counts: Counter[str] | None = None

    def count(self, group: str) -> int:
        if self._counts is None:
            self._counts = Counter(i.group for i in self.items)
        return self._counts[group]


def group_of(today: dt.date, due: dt.date, left: Left) -> str:
    """The group of `due` a deadline is listed in, from what is left of it (``days_left``)."""
    if left.state != "pending":
        return left.state  # overdue, today
    # a fixed date on a weekend or holiday (e.g. 20 December) is soon, not "due today"
    if left.days <= 3:
        return "within3"
    week_end = today + dt.timedelta(days=6 - today.weekday())
    if due <= week_end:
        return "this_week"
    return "later"


class _DutyRow(NamedTuple):
    """A yearly duty not stored yet, shaped like a row of ``due_rows``."""

    number: str
    kind: str
    department: str | None
    party: str | None
    party_type: str | None
    code: str
    name: str
    due: dt.date
    due_at: dt.datetime | None
    provisional: bool


def _unstored_duty_rows(
    cal: WorkCalendar,
    unstored: list[tuple[str, int, str, dt.date]],
    today: dt.date,
    now: dt.datetime,
    horizon: dt.date,
    overdue_only: bool,
    department: str | None,
    kind: str | None,
) -> list[_DutyRow]:
    from govinfo_cli.app.duties import DEPARTMENT
    from govinfo_cli.core.rules import annual_duties

    out = []
    for duty, year, number, _ in unstored:
        if kind not in (None, "disclosure") or department not in (None, DEPARTMENT):
            continue
        d = annual_duties(cal, year)[duty]
        if d.due is None or d.due > horizon or (overdue_only and days_left(d.due, now, cal).state != "overdue"):
            continue
        out.append(_DutyRow(number, "disclosure", DEPARTMENT, None, None, duty, "", d.due, None, bool(d.provisional)))
    return out


def due_list(
    ctx: Context,
    *,
    within: int = 10,
    overdue_only: bool = False,
    department: str | None = None,
    kind: str | None = None,
) -> DueList:
    from govinfo_cli.app import duties

    now = ctx.clock  # hour-counted deadlines (舆情) compare with the time, the rest with the date
    today = now.date()
    unstored = duties.missing(ctx)  # shown, never stored by a read (issue 15)
    known: dict[tuple[dt.date, dt.datetime | None], tuple[int, str]] = {}  # many deadlines share a day
    listed: dict[str, list[DueItem]] = {group: [] for group in GROUPS}  # in this order; by date within
    same: dict[Any, Any] = {}  # one copy of each repeated value (kind, department, party …) in memory

    def add(rows: Iterable[Any]) -> None:
        new, one = DueItem, same.setdefault
        for number, kind_, dept, party, party_type, code, name, due, due_at, provisional in rows:
            got = known.get((due, due_at))
            if got is None:
                left = days_left(due, now, cal, due_at)  # hours late: negative = overdue (CONTRACT)
                got = known[(due, due_at)] = (left.days, group_of(today, due, left))
            n, group = got
            listed[group].append(
                new(
                    number,
                    one(kind_, kind_),
                    one(code, code),
                    one(due, due),
                    n,
                    bool(provisional),
                    one(dept, dept),
                    one(party, party),
                    one(party_type, party_type),
                    due_at,
                    group,
                    name or "",
                )
            )

    with ctx.engine.connect() as conn:
        cal = calendar_for_reading(ctx, conn)
        horizon = today if overdue_only else cal.add_working_days(today, within) if within > 0 else today
        add(due_rows(conn, today, now, horizon, overdue_only=overdue_only, department=department, kind=kind))
    add(_unstored_duty_rows(cal, unstored, today, now, horizon, overdue_only, department, kind))
    items = [i for group in listed.values() for i in group]  # an hour deadline passed today comes first
    years = sorted(
        {i.due.year for i in items if i.provisional}
        | {y for i in items if i.provisional for y in range(today.year, i.due.year + 1)}
    )
    waiting = cal.unconfirmed_years(years)
    return DueList(today, now, horizon, items, waiting, {y: cal.unconfirmed_by.get(y, ()) for y in waiting})
