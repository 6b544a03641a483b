"""Complaints and reports (投诉举报, docs/rules.md §3; 昌宁县医疗保障局《投诉举报处理制度》)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import count_days, settle
from govinfo_cli.core.rules.periods import period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec, close, is_new, lapse_open

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date
KIND = "complaint"


@dataclass
class ComplaintCase(Case):
    accepted: Date | None = None
    extension: int = 0


@handles(KIND, "complaint_accepted", periods=("handling_decision", "conclusion"))
def complaint_accepted(c: ComplaintCase, ev: Event) -> None:
    """受理投诉举报（投诉举报处理制度第九条）：15日内确定处理方式，30日内办结。"""
    d = ev.date
    if c.accepted:
        raise Refusal("该投诉举报已受理")
    c.accepted = c.st.opened = d
    c.st.facts.update(ev.data)
    h, k = period("handling_decision"), period("conclusion")
    c.dl["handling_decision"] = count_days(
        c.cal, "handling_decision", d, h.days, rule=f"受理之日起{h.span}内确定处理方式"
    )
    c.dl["conclusion"] = count_days(c.cal, "conclusion", d, k.days, rule=f"受理之日起{k.span}内办结")


@handles(KIND, "handling_decided", periods=("handling_decision",))
def handling_decided(c: ComplaintCase, ev: Event) -> None:
    """确定处理方式（投诉举报处理制度第九条）：直接办理、转交办理或督促办理。"""
    d, dl = ev.date, c.dl
    if dl["handling_decision"].state != "pending":
        raise Refusal("已确定处理方式")
    dl["handling_decision"] = settle(dl["handling_decision"], d)
    c.st.facts["mode"] = ev.get("mode")
    if ev.get("mode") != "direct":  # 第九条: the 30 days bind the body that handles it directly
        x = dl["conclusion"]
        dl["conclusion"] = replace(
            x,
            state="lapsed",
            explain=replace(
                x.explain,
                notes=(
                    *x.explain.notes,
                    f"{d} 决定{codes.label(codes.COMPLAINT_MODES, ev.get('mode'))}："
                    "30日办结期限只约束直接办理的机关"
                    "（投诉举报处理制度第九条），本机关不再计算",
                ),
            ),
        )


@handles(KIND, "complaint_extended", periods=("conclusion", "conclusion_extension"))
def complaint_extended(c: ComplaintCase, ev: Event) -> None:
    """延长办结期限（投诉举报处理制度第九条）：经批准延长一次，不超过15日。"""
    d, dl = ev.date, c.dl
    if c.extension:
        raise Refusal("办结期限只能延长一次")
    if c.st.facts.get("mode", "direct") != "direct":
        raise Refusal("只有直接办理的投诉举报才有办结期限可以延长（第九条）")
    if dl["conclusion"].passed_on(d) and is_new(ev):
        raise Refusal(f"延期须在办结期限 {dl['conclusion'].due} 届满前作出")
    c.extension = int(ev.get("days"))
    k = period("conclusion")
    assert c.accepted is not None
    dl["conclusion"] = count_days(
        c.cal,
        "conclusion",
        c.accepted,
        k.days,
        extension=c.extension,
        rule=f"受理之日起{k.span}内办结，经批准延长{c.extension}日",
    )


@handles(KIND, "complaint_concluded", periods=("handling_decision", "conclusion"))
def complaint_concluded(c: ComplaintCase, ev: Event) -> None:
    """办结（投诉举报处理制度第九条）：未登记处理方式的，视为直接办理。"""
    d, dl = ev.date, c.dl
    if dl["handling_decision"].state == "pending":  # concluded without a recorded mode:
        dl["handling_decision"] = settle(dl["handling_decision"], d)  # handled directly
        c.st.facts.setdefault("mode", "direct")
    dl["conclusion"] = settle(dl["conclusion"], d)
    c.st.facts["result"] = ev.get("result")
    close(c.st, d, "concluded")
    lapse_open(dl)


@handles(KIND, "complaint_rejected", periods=("handling_decision",))
def complaint_rejected(c: ComplaintCase, ev: Event) -> None:
    """不予受理（投诉举报处理制度第七条）：在确定处理方式之前作出。"""
    d, dl = ev.date, c.dl
    if c.st.facts.get("mode"):
        raise Refusal("已确定处理方式（已受理办理），不能再作不予受理（第七条审查在确定处理方式之前）")
    c.st.facts["reject_reason"] = ev.get("reason")
    close(c.st, d, "rejected")
    if dl["handling_decision"].state == "pending":
        dl["handling_decision"] = settle(dl["handling_decision"], d)
    lapse_open(dl)


def _admit(c: ComplaintCase, ev: Event) -> None:
    if c.st.status == "closed":
        raise Refusal("投诉举报已办结，不能再记录事件")


SPEC = KindSpec(
    kind=KIND,
    name="投诉举报案件",
    new=lambda cal, profile: ComplaintCase(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    opening=("complaint_accepted",),
    admit=_admit,
)
