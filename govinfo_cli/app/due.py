"""What is due: one indexed query over the deadline cache, grouped for the morning check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from govinfo_cli.app.calendar import calendar_for_reading
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.rules import overdue
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


@dataclass(frozen=True)
class DueItem:
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

    def count(self, group: str) -> int:
        return sum(1 for i in self.items if i.group == group)


def group_of(cal: WorkCalendar, now: dt.datetime, due: dt.date, left: int, due_at: dt.datetime | None = None) -> str:
    today = now.date()
    if overdue(due, now, due_at):
        return "overdue"
    if due == today:
        return "today"
    # a fixed date on a weekend or holiday (e.g. 20 December) is soon, not "due today"
    if left <= 3:
        return "within3"
    week_end = today + dt.timedelta(days=6 - today.weekday())
    if due <= week_end:
        return "this_week"
    return "later"


@dataclass(frozen=True)
class _DutyRow:
    """A yearly duty not stored yet, shaped like a row of ``due_rows``."""

    number: str
    kind: str
    code: str
    due: dt.date
    provisional: bool
    department: str | None
    party: str | None = None
    party_type: str | None = None
    due_at: dt.datetime | None = None
    name: str = ""


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
        if d.due is None or d.due > horizon or (overdue_only and not overdue(d.due, now, None)):
            continue
        out.append(_DutyRow(number, "disclosure", duty, d.due, bool(d.provisional), DEPARTMENT))
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
    with ctx.engine.connect() as conn:
        cal = calendar_for_reading(ctx, conn)
        horizon = today if overdue_only else cal.add_working_days(today, within) if within > 0 else today
        rows = list(due_rows(conn, today, now, horizon, overdue_only=overdue_only, department=department, kind=kind))
    rows += _unstored_duty_rows(cal, unstored, today, now, horizon, overdue_only, department, kind)
    items = []
    for r in rows:
        left = cal.working_days_between(today, r.due)
        group = group_of(cal, now, r.due, left, r.due_at)
        if group == "overdue" and r.due_at is not None:
            left = min(left, -1)  # hours late today (or on a weekend): negative = overdue (CONTRACT)
        items.append(
            DueItem(
                case=r.number,
                kind=r.kind,
                deadline=r.code,
                due=r.due,
                working_days_left=left,
                provisional=bool(r.provisional),
                department=r.department,
                party=r.party,
                party_type=r.party_type,
                due_at=r.due_at,
                group=group,
                name=r.name or "",
            )
        )
    order = list(GROUPS)  # an hour deadline passed today comes before today's others
    items.sort(key=lambda i: order.index(i.group))
    years = sorted(
        {i.due.year for i in items if i.provisional}
        | {y for i in items if i.provisional for y in range(today.year, i.due.year + 1)}
    )
    waiting = cal.unconfirmed_years(years)
    return DueList(today, now, horizon, items, waiting, {y: cal.unconfirmed_by.get(y, ()) for y in waiting})
