"""What replay builds: the rule profile it reads, the state of one case, and the helpers
every case kind shares (closing a case, lapsing its open windows, new event vs history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import Deadline
from govinfo_cli.core.rules.periods import period

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date


@dataclass(frozen=True)
class Profile:
    """A rule profile: national defaults, optionally local milestones (seed 001)."""

    name: str = "national"
    correction_response_wd: int = period("correction_response").days
    fee_notice_pauses_clock: bool = True
    milestones: bool = False
    transfer_wd: int = period("transfer").days
    draft_wd: int = period("draft").days
    review_wd: int = period("review").days
    office_reply_wd: int = period("office_reply").days


NATIONAL = Profile()


@dataclass
class CaseState:
    kind: str
    status: str = "open"
    outcome: str | None = None
    deadlines: dict[str, Deadline] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    opened: Date | None = None
    closed: Date | None = None


@dataclass
class Case:
    """A case being replayed: its state plus what its kind's handlers need."""

    cal: WorkCalendar
    profile: Profile
    st: CaseState

    @property
    def dl(self) -> dict[str, Deadline]:
        return self.st.deadlines


def is_new(ev: Event) -> bool:
    """An event being recorded now, not one already in the log (which has a sequence
    number). The guards that depend on the calendar (“on or before the deadline”) are
    checked when an event is recorded; if the calendar changes afterwards the record stays
    true and the deadlines are recomputed around it, instead of the log becoming unreadable."""
    return ev.seq == 0


def close(st: CaseState, d: Date, outcome: str | None) -> None:
    st.status, st.outcome, st.closed = "closed", outcome, d


def lapse_open(dl: dict[str, Deadline]) -> None:
    """When a case closes, windows still open no longer apply."""
    for code, d in list(dl.items()):
        if d.state in ("pending", "suspended"):
            dl[code] = replace(d, state="lapsed")


def first_event(events: Sequence[Event], allowed: tuple[str, ...], kind: str) -> None:
    if not events or events[0].type not in allowed:
        raise Refusal(f"{codes.KINDS[kind]}案件的第一个事件必须是 {' / '.join(allowed)}")
