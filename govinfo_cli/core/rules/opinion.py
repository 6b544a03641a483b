"""Public-opinion response (舆情回应, docs/rules.md §6): hours from detection, no calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import Deadline, Explanation
from govinfo_cli.core.rules.periods import period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec, close

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

KIND = "opinion"


def _at(ev: Event) -> dt.datetime:
    at = ev.get("at")
    assert at is not None
    return dt.datetime.fromisoformat(at)


@handles(KIND, "opinion_detected", periods=("first_release", "press_conference", "response"))
def opinion_detected(c: Case, ev: Event) -> None:
    """发现舆情（舆情回应制度）：重大舆情1小时内首次发布、24小时内召开发布会；其他48小时内回应。"""
    if c.st.opened:
        raise Refusal("该舆情已登记")
    at = _at(ev)
    c.st.opened = ev.date
    c.st.facts.update(ev.data)
    plan = ("first_release", "press_conference") if ev.get("major") else ("response",)
    for code in plan:
        hours = period(code).days
        due_at = at + dt.timedelta(hours=hours)
        c.dl[code] = Deadline(
            code=code,
            due=due_at.date(),
            due_at=due_at,
            state="pending",
            provisional=False,
            basis=codes.DEADLINES[code][1],
            explain=Explanation(
                rule=f"发现舆情后{hours}小时内",
                start=ev.date,
                unit="hours",
                amount=hours,
                notes=(f"发现于 {at:%Y-%m-%d %H:%M}",),
            ),
        )


def _respond(c: Case, ev: Event, code: str) -> None:
    dl = c.dl
    if code not in dl and code == "response" and "first_release" in dl:
        code = "first_release"
    if code not in dl or dl[code].state != "pending":
        raise Refusal(f"没有待办的{codes.deadline_label(code)}")
    x = dl[code]
    at = _at(ev)
    assert x.due_at is not None
    detected = x.due_at - dt.timedelta(hours=x.explain.amount)
    if at < detected:
        raise Refusal(f"时间 {at:%Y-%m-%d %H:%M} 早于发现舆情的时间 {detected:%Y-%m-%d %H:%M}")
    dl[code] = replace(x, state="met" if at <= x.due_at else "missed", done=ev.date)


@handles(KIND, "opinion_released", periods=("first_release",))
def opinion_released(c: Case, ev: Event) -> None:
    """首次发布（舆情回应制度）：重大舆情1小时内。"""
    _respond(c, ev, "first_release")


@handles(KIND, "press_conference_held", periods=("press_conference",))
def press_conference_held(c: Case, ev: Event) -> None:
    """召开新闻发布会（舆情回应制度）：重大舆情24小时内。"""
    _respond(c, ev, "press_conference")


@handles(KIND, "opinion_responded", periods=("response", "first_release"))
def opinion_responded(c: Case, ev: Event) -> None:
    """作出回应（舆情回应制度）：一般舆情48小时内。"""
    _respond(c, ev, "response")


def _admit(c: Case, ev: Event) -> None:
    at = dt.datetime.fromisoformat(ev.get("at")) if ev.get("at") else None
    if at is not None and at.date() != ev.date:
        raise Refusal(f"时间 {at:%Y-%m-%d %H:%M} 与事件日期 {ev.date} 不一致")


def _finish(c: Case, events: Sequence[Event]) -> None:
    if c.dl and all(x.state != "pending" for x in c.dl.values()):
        close(c.st, events[-1].date, "responded")


SPEC = KindSpec(
    kind=KIND,
    name="舆情回应案件",
    new=lambda cal, profile: Case(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    opening=("opinion_detected",),
    admit=_admit,
    finish=_finish,
)
