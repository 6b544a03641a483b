"""What is due: one indexed query over the deadline cache, grouped for the morning check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar, overload

from govinfo_cli.app.calendar import calendar_for_reading
from govinfo_cli.app.collector import collector_paused
from govinfo_cli.app.remaining import Left, days_left
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.store.due import day, due_rows, moment

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

GROUPS: dict[str, str] = {
    "overdue": "逾期",
    "today": "今日到期",
    "within3": "3 个工作日内",
    "this_week": "本周",
    "later": "稍后",
}


class Entry(NamedTuple):
    """What the listed deadlines of one kind, code, party consulted, due date (and time) and
    provisional mark share: their days left and group. One object for all of them (`due`
    may list tens of thousands of deadlines over a few thousand due dates)."""

    kind: str
    deadline: str
    name: str  # the party consulted: a consultation has one row per party (docs/rules.md §10)
    due: dt.date
    due_at: dt.datetime | None
    provisional: bool
    working_days_left: int
    group: str


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


class Rows(Protocol):
    """Where ``due_list`` keeps the deadlines of one group, in order: ``add`` is called once
    per deadline as the rows are read, with the case number, its entry (as ``due_list``'s
    ``entry`` made it), department, party and party type."""

    def add(self, case: str, e: Any, department: str | None, party: str | None, party_type: str | None) -> None: ...

    def __len__(self) -> int: ...


class Items(list[DueItem]):
    """``due_list``'s default rows: each deadline as a DueItem (the JSON, the CSV, the
    iCalendar file)."""

    def add(self, case: str, e: Any, department: str | None, party: str | None, party_type: str | None) -> None:
        self.append(
            DueItem(
                case,
                e.kind,
                e.deadline,
                e.due,
                e.working_days_left,
                e.provisional,
                department,
                party,
                party_type,
                e.due_at,
                e.group,
                e.name,
            )
        )


R = TypeVar("R", bound=Rows)


@dataclass
class DueList(Generic[R]):
    today: dt.date
    now: dt.datetime
    horizon: dt.date
    # group -> its rows, the groups in GROUPS' order, each by due date (an hour deadline
    # passed today comes first: it is in "overdue")
    groups: dict[str, R]
    unconfirmed_years: list[int]
    # year -> the calendar layers (name, title) that leave it unconfirmed: ("national", "全国")
    # for the State Council's schedule, else the office's region or local layer (§13)
    unconfirmed_by: dict[int, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def count(self, group: str) -> int:
        return len(self.groups[group])

    def __len__(self) -> int:
        return sum(map(len, self.groups.values()))


def items(listed: DueList[Items]) -> list[DueItem]:
    """Every deadline of a list, most urgent first."""
    return [i for rows in listed.groups.values() for i in rows]


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


def _same(e: Entry) -> Any:
    return e


@overload
def due_list(
    ctx: Context,
    *,
    within: int = ...,
    overdue_only: bool = ...,
    department: str | None = ...,
    kind: str | None = ...,
) -> DueList[Items]: ...


@overload
def due_list(
    ctx: Context,
    *,
    within: int = ...,
    overdue_only: bool = ...,
    department: str | None = ...,
    kind: str | None = ...,
    rows: Callable[[], R],
    entry: Callable[[Entry], Any],
) -> DueList[R]: ...


def due_list(
    ctx: Context,
    *,
    within: int = 10,
    overdue_only: bool = False,
    department: str | None = None,
    kind: str | None = None,
    rows: Callable[[], Any] = Items,
    entry: Callable[[Entry], Any] = _same,
) -> DueList[Any]:
    """The deadlines `due` lists, in groups, each group's kept by ``rows()`` (DueItems by
    default; the screen keeps only its cells, ``Rows``): every deadline is passed on as it
    is read, with ``entry(e)``, ``e`` the Entry it shares with the deadlines of its kind,
    code, due date … (``entry`` is called once per Entry). Nothing else of a row is held."""
    from govinfo_cli.app import duties

    now = ctx.clock  # hour-counted deadlines (舆情) compare with the time, the rest with the date
    today = now.date()
    unstored = duties.missing(ctx)  # shown, never stored by a read (issue 15)
    known: dict[tuple[dt.date, dt.datetime | None], tuple[int, str]] = {}  # many deadlines share a day
    provisional: set[int] = set()  # the years of the provisional due dates
    # a row's key -> (its group's add, entry(its Entry))
    kept: dict[tuple[Any, ...], tuple[Callable[..., None], Any]] = {}
    groups = {group: rows() for group in GROUPS}  # in this order; by date within
    departments: dict[str | None, str | None] = {}  # one copy of each department's name

    def new(key: tuple[Any, ...]) -> tuple[Callable[..., None], Any]:
        kind_, code, name, due, due_at, marked = key
        due, due_at = day(due), moment(due_at)
        got = known.get((due, due_at))
        if got is None:
            left = days_left(due, now, cal, due_at)  # hours late: negative = overdue (CONTRACT)
            got = known[(due, due_at)] = (left.days, group_of(today, due, left))
        e = Entry(kind_, code, name or "", due, due_at, bool(marked), *got)
        if e.provisional:
            provisional.add(due.year)
        out = kept[key] = (groups[e.group].add, entry(e))
        return out

    def add(read: Iterable[Any]) -> None:
        get, one = kept.get, departments.setdefault
        for number, kind_, dept, party, party_type, code, name, due, due_at, marked in read:
            key = (kind_, code, name, due, due_at, marked)
            to, e = get(key) or new(key)
            to(number, e, one(dept, dept), party, party_type)

    with ctx.engine.connect() as conn, collector_paused():
        cal = calendar_for_reading(ctx, conn)
        horizon = today if overdue_only else cal.add_working_days(today, within) if within > 0 else today
        with due_rows(conn, today, now, horizon, overdue_only=overdue_only, department=department, kind=kind) as read:
            add(read)
        add(_unstored_duty_rows(cal, unstored, today, now, horizon, overdue_only, department, kind))
    years = sorted(provisional | {y for last in provisional for y in range(today.year, last + 1)})
    waiting = cal.unconfirmed_years(years)
    return DueList(today, now, horizon, groups, waiting, {y: cal.unconfirmed_by.get(y, ()) for y in waiting})
