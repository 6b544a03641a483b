"""Reconsideration and litigation (行政复议 / 行政诉讼, docs/rules.md §4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import count_days, count_wd, settle
from govinfo_cli.core.rules.periods import exists, period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec, close, lapse_open

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

KIND = "appeal"


@handles(KIND, "reconsideration_copy_received", periods=("agency_reply", "agency_reply_simplified"))
def reconsideration_copy_received(c: Case, ev: Event) -> None:
    """收到复议申请书副本（行政复议法第48、54、88条；2024年前：2017年法第23条）：10个工作日内书面答复（简易程序5个；2024年前为10日）。"""
    d, st = ev.date, c.st
    if st.opened:
        raise Refusal("案件已登记收到副本")
    st.opened = d
    st.facts.update(ev.data, appeal="reconsideration")
    simplified = bool(ev.get("simplified"))
    if simplified and exists("agency_reply_simplified", d):
        p = period("agency_reply_simplified", d)
    else:
        p = period("agency_reply", d)
    if p.unit == "days":  # 行政复议法(2017): ten calendar days, the last rolled to a working day (§8)
        notes = ("2017年行政复议法无简易程序，按普通程序计算",) if simplified else ()
        c.dl["agency_reply"] = count_days(
            c.cal,
            "agency_reply",
            d,
            p.days,
            rule=f"收到复议申请书副本之日起{p.span}内书面答复（{p.article}；日历日，末日为休息日的顺延）",
            basis=p.article,
            law=p.law,
            notes=notes,
        )
        return
    proc = "简易程序" if p.name == "agency_reply_simplified" else "普通程序"
    c.dl["agency_reply"] = count_wd(
        c.cal,
        "agency_reply",
        d,
        p.days,
        rule=f"收到复议申请书副本之日起{p.days}日内书面答复（{proc}；第88条：工作日）",
        law=p.law,
    )


@handles(KIND, "lawsuit_copy_received", periods=("defense",))
def lawsuit_copy_received(c: Case, ev: Event) -> None:
    """收到起诉状副本（行政诉讼法第67条）：15日内提交答辩状。"""
    d, st = ev.date, c.st
    if st.opened:
        raise Refusal("案件已登记收到副本")
    st.opened = d
    st.facts.update(ev.data, appeal="lawsuit")
    st.facts.setdefault("route", "direct")
    p = period("defense")
    c.dl["defense"] = count_days(
        c.cal, "defense", d, p.days, rule=f"收到起诉状副本之日起{p.span}内提交答辩状（{p.article}）"
    )


@handles(KIND, "agency_replied", periods=("agency_reply",))
def agency_replied(c: Case, ev: Event) -> None:
    """提交复议答复（行政复议法第48条）。"""
    if "agency_reply" not in c.dl or c.dl["agency_reply"].state != "pending":
        raise Refusal("没有待提交的复议答复")
    c.dl["agency_reply"] = settle(c.dl["agency_reply"], ev.date)


@handles(KIND, "defense_submitted", periods=("defense",))
def defense_submitted(c: Case, ev: Event) -> None:
    """提交答辩状（行政诉讼法第67条）。"""
    if "defense" not in c.dl or c.dl["defense"].state != "pending":
        raise Refusal("没有待提交的答辩状")
    c.dl["defense"] = settle(c.dl["defense"], ev.date)


@handles(KIND, "appeal_decided")
def appeal_decided(c: Case, ev: Event) -> None:
    """复议诉讼结果（国办公开办函〔2021〕30号：年度报告第四部分）：维持、纠正或其他结果。"""
    result = ev.get("result")
    if result == "pending":
        raise Refusal("结果为“尚未审结”时无需登记")
    close(c.st, ev.date, result)
    lapse_open(c.dl)


def _admit(c: Case, ev: Event) -> None:
    if c.st.status == "closed":
        raise Refusal("复议诉讼案件已有结果，不能再记录事件")


SPEC = KindSpec(
    kind=KIND,
    name="复议诉讼案件",
    new=lambda cal, profile: Case(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    opening=("reconsideration_copy_received", "lawsuit_copy_received"),
    admit=_admit,
)
