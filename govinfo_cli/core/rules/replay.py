"""``replay(kind, events, calendar, profile)``: apply a case's events in order, refusing
(``Refusal``) any event the case's state forbids, and return the case's status, outcome and
every deadline with an explanation of how it was counted. A pure function: nothing here
reads a clock; the one question that depends on the day (has a quiet window lapsed?) is
answered by ``Deadline.state_on(today)``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.appeal import replay_appeal
from govinfo_cli.core.rules.complaint import replay_complaint
from govinfo_cli.core.rules.disclosure import replay_disclosure
from govinfo_cli.core.rules.opinion import replay_opinion
from govinfo_cli.core.rules.request import replay_request
from govinfo_cli.core.rules.state import NATIONAL, CaseState, Profile

if TYPE_CHECKING:
    from govinfo_cli.core.calendar import WorkCalendar
    from govinfo_cli.core.events import Event

KindReplay = Callable[[Sequence["Event"], "WorkCalendar", Profile], CaseState]

# One module per case kind.
KINDS: dict[str, KindReplay] = {
    "request": replay_request,
    "complaint": replay_complaint,
    "appeal": replay_appeal,
    "disclosure": replay_disclosure,
    "opinion": replay_opinion,
}


def replay(kind: str, events: Sequence[Event], cal: WorkCalendar, profile: Profile = NATIONAL) -> CaseState:
    """Apply a case's events in order; refuse the first one its state forbids."""
    if not events:
        raise Refusal("案件没有事件")
    last = events[0].date
    for ev in events:
        if ev.date < last:
            raise Refusal(f"事件日期 {ev.date} 早于该案件上一个事件的日期 {last}（事件须按时间顺序记录）")
        last = ev.date
    run = KINDS.get(kind)
    if run is None:
        raise Refusal(f"未知案件类别 {kind}")
    return run(events, cal, profile)
