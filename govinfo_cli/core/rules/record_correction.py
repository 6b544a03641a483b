"""Correction of records (更正, docs/rules.md §11; 条例(2019)第41条; 新疆暂行办法第三十七条).

A person shows that government information about them is inaccurate and asks for it to
be corrected. The office corrects it and tells the applicant, or, without the power to
correct, transfers the request to the body that has it (or says where to go), or refuses
with a reason. 第41条 sets no period: the office's own applies (``correction_reply``,
default the request's 20 working days, profile key ``correction_reply_wd``). Not a
disclosure request: never counted in section 三 of the annual report.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import count_wd, settle
from govinfo_cli.core.rules.periods import period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec, close, lapse_open

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date
KIND = "record_correction"


@handles(KIND, "received", periods=("correction_reply",))
def received(c: Case, ev: Event) -> None:
    """收到更正申请（条例第41条）：本机关期限内更正、转送或告知（默认20个工作日，可配置）。"""
    d = ev.date
    if c.st.opened:
        raise Refusal("该编号已登记收到更正申请，不能重复登记")
    c.st.opened = d
    c.st.facts.update(ev.data)
    p = period("correction_reply")
    n = c.profile.correction_reply_wd
    c.dl["correction_reply"] = count_wd(
        c.cal,
        "correction_reply",
        d,
        n,
        rule=f"自收到更正申请之日起{n}个工作日内处理（{p.article}未规定期限，适用本机关期限）",
        law=p.law,
    )


def _finish(c: Case, ev: Event, outcome: str) -> None:
    c.dl["correction_reply"] = settle(c.dl["correction_reply"], ev.date)
    close(c.st, ev.date, outcome)
    lapse_open(c.dl)


@handles(KIND, "corrected", periods=("correction_reply",))
def corrected(c: Case, ev: Event) -> None:
    """予以更正并告知申请人（条例第41条）。"""
    _finish(c, ev, "corrected")


@handles(KIND, "transferred", periods=("correction_reply",))
def transferred(c: Case, ev: Event) -> None:
    """无权更正的，转送有权更正的机关处理并告知申请人（条例第41条）。"""
    c.st.facts["to"] = ev.get("to")
    _finish(c, ev, "transferred")


@handles(KIND, "refused", periods=("correction_reply",))
def refused(c: Case, ev: Event) -> None:
    """不予更正，说明理由（条例第41条）。"""
    c.st.facts["refuse_reason"] = ev.get("reason")
    _finish(c, ev, "refused")


def _admit(c: Case, ev: Event) -> None:
    if c.st.status == "closed":
        raise Refusal(f"更正申请已办结（{codes.label(codes.CASE_OUTCOMES, c.st.outcome)}），不能再记录事件")


SPEC = KindSpec(
    kind=KIND,
    name="更正申请",
    new=lambda cal, profile: Case(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    opening=("received",),
    admit=_admit,
)
