"""What replay builds: the rule profile it reads, the state of one case, and the helpers
every case kind shares (closing a case, lapsing its open windows, new event vs history)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
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
    """A rule profile: national defaults, optionally local milestones (新疆暂行办法)."""

    name: str = "national"
    correction_response_wd: int = period("correction_response").days
    fee_notice_pauses_clock: bool = True
    milestones: bool = False
    transfer_wd: int = period("transfer").days
    draft_wd: int = period("draft").days
    review_wd: int = period("review").days
    office_reply_wd: int = period("office_reply").days
    correction_reply_wd: int = period("correction_reply").days  # 更正 (§11): the office's own period
    withheld_review: bool = False  # the yearly 不予公开信息审查 duty (新疆暂行办法第十四条; docs/rules.md §5)


NATIONAL = Profile()


@dataclass(frozen=True)
class ReplayWarning:
    """Something replay accepted but the clerk must be told (docs/rules.md §9: a late step is
    recorded, moves nothing). ``seq`` 0 is the event being recorded now."""

    seq: int
    text: str


@dataclass(frozen=True)
class Amendment:
    """An ``amended`` event as replay applied it (docs/rules.md §12), with who and when from the
    event envelope, and whether it was made after a deadline of the case had passed."""

    seq: int  # of the amending event (0 while being recorded)
    amends: int  # the seq it fixes
    type: str  # the type of the event it fixes
    fields: Mapping[str, Any]
    reason: str
    date: Date  # the day the amendment was made
    operator: str
    recorded_at: str
    passed: tuple[str, ...]  # deadline codes already past their due day when it was made
    changed: tuple[tuple[str, str | None, str, str | None, str], ...]  # code, due/state before → after

    @property
    def after_deadline(self) -> bool:
        return bool(self.passed)

    @property
    def marked(self) -> bool:
        """Marked by ``show``, the audit and the timeliness report (docs/rules.md §12): made after
        one of the case's deadlines had passed, and moving a date (an event's date, or a
        deadline). Fixing a misspelt name or an outcome moves no deadline: listed, not marked."""
        return self.after_deadline and (bool(self.changed) or "date" in self.fields or "arrival_date" in self.fields)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "amends": self.amends,
            "type": self.type,
            "fields": dict(self.fields),
            "reason": self.reason,
            "date": self.date.isoformat(),
            "operator": self.operator,
            "recorded_at": self.recorded_at,
            "after_deadline": self.after_deadline,
            "passed": list(self.passed),
            "changed": [
                {"deadline": c, "due_before": a, "state_before": b, "due_after": x, "state_after": y}
                for c, a, b, x, y in self.changed
            ],
        }


@dataclass(frozen=True)
class Voided:
    seq: int
    reason: str
    date: Date
    operator: str
    recorded_at: str
    passed: tuple[str, ...] = ()  # deadlines missed or overdue on the day of the void (docs/rules.md §14)

    @property
    def after_deadline(self) -> bool:
        """A void made when one of the case's deadlines was already missed or overdue: it would
        remove a breach from the record, so show, the audit and the timeliness report mark it."""
        return bool(self.passed)


@dataclass(frozen=True)
class LateEntry:
    """An event entered after events dated later than it (补录, docs/rules.md §14), as replay
    placed it: by its own date. ``latest`` is the case's latest event date when it was entered;
    ``changed`` what it moved; ``cleared`` the deadlines that were late on ``latest`` (missed, or
    pending past their day) and are no longer late with it: ``show`` and the timeliness report
    mark those, as they mark an amendment after a deadline (§12)."""

    seq: int  # 0 while being recorded
    type: str
    date: Date
    reason: str
    operator: str
    recorded_at: str
    latest: Date
    changed: tuple[tuple[str, str | None, str, str | None, str], ...]
    cleared: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "type": self.type,
            "date": self.date.isoformat(),
            "reason": self.reason,
            "operator": self.operator,
            "recorded_at": self.recorded_at,
            "latest": self.latest.isoformat(),
            "changed": [
                {"deadline": c, "due_before": a, "state_before": b, "due_after": x, "state_after": y}
                for c, a, b, x, y in self.changed
            ],
            "cleared": list(self.cleared),
        }


@dataclass(frozen=True)
class LateConfirmation:
    """A 平常信函 confirmed after the day it arrived (docs/rules.md §14, 条例第31条第（二）项): the
    reply deadline runs from the confirmation, ``working_days`` later than from the arrival."""

    arrival: Date
    received: Date
    working_days: int


@dataclass
class CaseState:
    kind: str
    status: str = "open"
    outcome: str | None = None
    deadlines: dict[str, Deadline] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    opened: Date | None = None
    closed: Date | None = None
    warnings: list[ReplayWarning] = field(default_factory=list)
    amendments: list[Amendment] = field(default_factory=list)
    voided: Voided | None = None
    late_entries: list[LateEntry] = field(default_factory=list)  # 补录 (docs/rules.md §14)
    late_confirmation: LateConfirmation | None = None  # a letter confirmed late (§14)
    # every party's own deadline of a consultation code, in the order sent (docs/rules.md §10):
    # ``deadlines`` keeps one per code (the open one due first), these are the rows of due and show
    parties: dict[str, list[Deadline]] = field(default_factory=dict)

    @property
    def amended_after_deadline(self) -> list[Amendment]:
        """Amendments made after one of the case's deadlines had passed (docs/rules.md §12):
        ``show``, the audit and the timeliness report mark them."""
        return [a for a in self.amendments if a.after_deadline]

    def warn(self, ev: Event, text: str) -> None:
        self.warnings.append(ReplayWarning(ev.seq, text))

    def rows(self) -> list[Deadline]:
        """One deadline per row of ``due`` and ``show``: each code's, except a consultation code,
        which has one per party consulted (its ``name``)."""
        out: list[Deadline] = []
        for code, d in self.deadlines.items():
            out.extend(self.parties.get(code) or (d,))
        return out


@dataclass
class Case:
    """A case being replayed: its state plus what its kind's handlers need."""

    cal: WorkCalendar
    profile: Profile
    st: CaseState

    @property
    def dl(self) -> dict[str, Deadline]:
        return self.st.deadlines

    @property
    def started(self) -> Date | None:
        """The day that started the case: the law in force then applies (docs/rules.md §8)."""
        return self.st.opened


def _nothing(case: Any, ev: Any) -> None:
    return None


def _done(case: Any, events: Any) -> None:
    return None


@dataclass(frozen=True)
class KindSpec:
    """How replay runs one case kind: a fresh case, the checks before each event (first
    event, closed case), what follows each event, and the end of the log. The handlers
    themselves are in the handler table (``registry``)."""

    kind: str
    name: str  # for "…没有事件类型 X"
    new: Callable[[WorkCalendar, Profile], Case]
    opening: tuple[str, ...] = ()  # the allowed first events (checked here when given)
    admit: Callable[[Any, Event], None] = _nothing
    after: Callable[[Any, Event], None] = _nothing
    finish: Callable[[Any, Sequence[Event]], None] = _done


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
