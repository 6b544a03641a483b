"""Proactive disclosure (主动公开, docs/rules.md §5): publish, interpretation and the yearly duties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from govinfo_cli.core import codes
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import Deadline, count_wd, fixed, settle
from govinfo_cli.core.rules.periods import period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec

if TYPE_CHECKING:
    from govinfo_cli.core.calendar import WorkCalendar
    from govinfo_cli.core.events import Event

Date = dt.date
KIND = "disclosure"
ENFORCEMENT_BASIS = period("publish_enforcement").article  # licensing and penalty decisions


def annual_duty_dates(year: int) -> dict[str, Date]:
    """The fixed dates of a year's recurring duties (docs/rules.md §5): the December review of
    withheld information by 20 December of the year (新疆暂行办法第十四条); the year's annual
    report by 31 January of the next (条例第49条). Fixed dates, not periods: no roll-over."""
    return {"withheld_review": Date(year, 12, 20), "annual_report": Date(year + 1, 1, 31)}


def annual_duties(cal: WorkCalendar, year: int) -> dict[str, Deadline]:
    """The recurring duties every department has each year (docs/rules.md §5)."""
    dates = annual_duty_dates(year)
    return {
        "withheld_review": fixed(
            cal,
            "withheld_review",
            dates["withheld_review"],
            "每年12月20日前审查不予公开信息并报送（新疆暂行办法第十四条）",
        ),
        "annual_report": fixed(
            cal,
            "annual_report",
            dates["annual_report"],
            f"{year}年度报告于次年1月31日前公布（条例第49条）",
        ),
    }


def _information(c: Case, ev: Event) -> None:
    d, t, st, dl = ev.date, ev.type, c.st, c.dl
    if t == "information_formed" and st.facts.get("event") == "information_formed":
        raise Refusal("该事项已登记信息形成；此后的修改请登记 information_changed（信息变更）")
    st.facts.update(ev.data, event=t)
    if ev.get("attribute") in ("on_request", "not_public"):
        st.facts["no_duty"] = True
        # changed to 依申请公开 / 不公开: an open publish duty no longer applies
        if "publish" in dl and dl["publish"].state == "pending":
            dl["publish"] = replace(dl["publish"], state="lapsed")
    else:
        st.facts.pop("no_duty", None)
        p = period("publish")
        dl["publish"] = count_wd(
            c.cal, "publish", d, p.days, rule=f"自信息形成或者变更之日起{p.span}内公开（{p.article}）"
        )


@handles(KIND, "information_formed", periods=("publish",))
def information_formed(c: Case, ev: Event) -> None:
    """信息形成（条例第26条）：自形成之日起20个工作日内主动公开。"""
    _information(c, ev)


@handles(KIND, "information_changed", periods=("publish",))
def information_changed(c: Case, ev: Event) -> None:
    """信息变更（条例第26条）：自变更之日起20个工作日内主动公开。"""
    _information(c, ev)


@handles(KIND, "enforcement_decision", periods=("publish_enforcement", "publish"))
def enforcement_decision(c: Case, ev: Event) -> None:
    """作出执法决定（国办发〔2018〕118号）：行政许可、行政处罚决定7个工作日内公开。"""
    d, dl = ev.date, c.dl
    c.st.facts.update(ev.data, event=ev.type)
    if ev.get("decision") in ("licensing", "penalty"):
        p = period("publish_enforcement")
        rule = f"行政许可、行政处罚决定自作出之日起{p.span}内公开（{p.article}）"
    else:
        p = period("publish")
        rule = f"自信息形成之日起{p.span}内公开（{p.article}）"
    # the 7-working-day rule is not 第26条's (docs/rules.md §5)
    dl["publish"] = count_wd(c.cal, "publish", d, p.days, rule=rule, basis=p.article)


@handles(KIND, "policy_published", periods=("publish", "interpretation"))
def policy_published(c: Case, ev: Event) -> None:
    """政策文件发布（政策文件解读制度第五条）：3个工作日内发布解读材料。"""
    d, dl = ev.date, c.dl
    c.st.facts.setdefault("title", ev.get("title"))
    c.st.facts["policy"] = True
    if "publish" in dl and dl["publish"].state == "pending":
        dl["publish"] = settle(dl["publish"], d)
    p = period("interpretation")
    dl["interpretation"] = count_wd(c.cal, "interpretation", d, p.days, rule=f"政策文件公开后{p.span}内发布解读材料")


@handles(KIND, "published", periods=("publish", "interpretation"))
def published(c: Case, ev: Event) -> None:
    """已公开（条例第26条）：满足待办的公开或解读期限。"""
    dl = c.dl
    for code in ("publish", "interpretation"):
        if code in dl and dl[code].state == "pending":
            dl[code] = settle(dl[code], ev.date)
            c.st.facts["channel"] = ev.get("channel")
            return
    raise Refusal("没有待公开的期限")


@handles(KIND, "duty_opened")
def duty_opened(c: Case, ev: Event) -> None:
    """年度义务（条例第49条；新疆暂行办法第十四条）：1月31日前公布年度报告，12月20日前审查不予公开信息。"""
    duty = ev.get("duty")
    c.st.facts.update(ev.data, title=f"{ev.get('year')}年{codes.DUTIES[duty]}", category="年度义务")
    c.dl[duty] = annual_duties(c.cal, int(ev.get("year")))[duty]


@handles(KIND, "duty_done")
def duty_done(c: Case, ev: Event) -> None:
    """年度义务已完成（条例第49条；新疆暂行办法第十四条）。"""
    dl = c.dl
    open_duties = [x for x, d in dl.items() if d.state == "pending" and x in ("annual_report", "withheld_review")]
    if ev.get("duty") and ev.get("duty") not in open_duties:
        raise Refusal(f"该案件没有待完成的{codes.deadline_label(ev.get('duty'))}")
    if not open_duties:
        raise Refusal("没有待完成的年度义务")
    dl[open_duties[0]] = settle(dl[open_duties[0]], ev.date)


def _admit(c: Case, ev: Event) -> None:
    c.st.opened = c.st.opened or ev.date


def _finish(c: Case, events: Sequence[Event]) -> None:
    pending = any(x.state == "pending" for x in c.dl.values())
    c.st.status = "open" if pending else "closed"
    if not pending:
        c.st.closed = events[-1].date


SPEC = KindSpec(
    kind=KIND,
    name="主动公开事项",
    new=lambda cal, profile: Case(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    opening=("information_formed", "information_changed", "enforcement_decision", "policy_published", "duty_opened"),
    admit=_admit,
    finish=_finish,
)
