"""What is left of a deadline on a day: the one place that says "days left", "overdue" or
"due today", for `due`, `show` and the lines printed after recording an event."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.rules import overdue


class Left(NamedTuple):
    """``days``: working days from today to the due date (negative: that many overdue; an
    hour-counted deadline past its time is at least one day overdue). ``state``: "overdue"
    (the due date has passed, or the hour of an hour-counted one), "today" (due today and
    not yet late) or "pending"."""

    days: int
    state: str


def late(due: dt.date, today: dt.date | dt.datetime, due_at: dt.datetime | None = None) -> bool:
    """Whether a pending deadline due on ``due`` (at ``due_at``) is overdue on ``today`` (a
    datetime: "now"): the state "overdue" of ``days_left``, for lists that need no count."""
    now = today if isinstance(today, dt.datetime) else dt.datetime.combine(today, dt.time())
    return overdue(due, now, due_at)


def days_left(due: dt.date, today: dt.date | dt.datetime, cal: WorkCalendar, due_at: dt.datetime | None = None) -> Left:
    """What is left of a deadline due on ``due`` (at ``due_at`` for an hour-counted one, 舆情),
    on ``today`` (a datetime: "now", which an hour-counted deadline is compared with; a date
    alone is its first minute), counted on the office's calendar ``cal``."""
    day = today.date() if isinstance(today, dt.datetime) else today
    days = cal.working_days_between(day, due)
    if late(due, today, due_at):
        return Left(min(days, -1) if due_at is not None else days, "overdue")
    return Left(days, "today" if due == day else "pending")
