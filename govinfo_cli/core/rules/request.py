"""Requests for disclosure (依申请公开, docs/rules.md §2): the reply deadline and the windows
around it, one handler per event type.

The reply deadline is derived, after every event, from everything recorded so far
(``RequestCase.reply_deadline``): receipt or the corrected request's receipt, extensions,
consultation and fee pauses, a deferral.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes, fees
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.rules.counting import (
    Deadline,
    Explanation,
    Pause,
    count_wd,
    provisional_years,
    settle,
    suspended,
)
from govinfo_cli.core.rules.periods import exists, period
from govinfo_cli.core.rules.registry import handles
from govinfo_cli.core.rules.state import Case, CaseState, KindSpec, LateConfirmation, close, is_new, lapse_open

if TYPE_CHECKING:
    from govinfo_cli.core.events import Event

Date = dt.date
KIND = "request"


@dataclass
class Consultation:
    party: str
    name: str
    sent: Date
    answer_due: Deadline | None  # None: no statutory answer period (2007 Regulation)
    answered: Date | None = None
    pauses: bool = True  # an agency consultation under the 2007 Regulation does not pause

    def pause_end(self) -> Date | None:
        """The last paused day: the answer, or the answer deadline when that came first;
        None while an answer with no deadline is awaited (the clock stands still)."""
        end = self.answer_due.due if self.answer_due is not None else None
        if self.answered and (end is None or self.answered < end):
            return self.answered
        return end


@dataclass
class RequestCase(Case):
    received: Date | None = None
    clock_start: Date | None = None  # receipt, or receipt of the corrected request
    correction_asked: Date | None = None
    correction_late: bool = False  # sent after its window (§9): neither suspends nor restarts
    corrected: Date | None = None
    accepted: Date | None = None  # the request is clear (no correction needed)
    extensions: list[tuple[Date, int, str]] = field(default_factory=list)
    consultations: list[Consultation] = field(default_factory=list)
    fee_notice: Date | None = None
    fee_notice_late: bool = False  # received after the reply deadline had passed (§9)
    fee_notice_early: Date | None = None  # dated before 109号 took effect: sets nothing (§8)
    fee_paid: Date | None = None
    fee_due: Deadline | None = None
    deferred_until: Date | None = None
    deferred_on: Date | None = None
    notes: list[str] = field(default_factory=list)  # for the explanation of the reply
    transferred_on: Date | None = None  # the division's notice (新疆暂行办法 milestones)
    draft_extension: int = 0
    draft_submitted: Date | None = None

    # -- the reply deadline, derived from everything so far ---------------
    def reply_period(self) -> tuple[int, str, str]:
        """(days, article, law) of the reply period in force on receipt (docs/rules.md §8)."""
        p = period("reply", self.received)
        return p.days, p.article, p.law

    def reply_deadline(self, replied: Date | None = None) -> Deadline:
        """``replied``: the agency answers on that day while a fee is still unpaid; the
        fee pause then ends there (the clock stood still from the notice to the answer), so
        the answer is judged against a real date: late if the notice came after the
        deadline had passed."""
        assert self.clock_start is not None
        days, article, law = self.reply_period()
        if self.correction_asked and not self.corrected and not self.correction_late:
            return suspended(
                "reply", "等待申请人补正，答复期限自收到补正申请之日起重新计算（条例第30条）", article, law
            )
        fee_counts = self.fee_notice and not self.fee_notice_late and self.profile.fee_notice_pauses_clock
        fee_pause_end = self.fee_paid or replied
        if fee_counts and not fee_pause_end:
            return suspended("reply", "收费通知未缴费，答复期限中止计算（国办函〔2020〕109号）", article, law)
        awaited = [c for c in self.consultations if c.pauses and c.pause_end() is None]
        if awaited and not replied:
            names = "、".join(c.name for c in awaited)
            return suspended(
                "reply", f"征求第三方意见所需时间不计算在答复期限内，待{names}答复（{article}）", article, law
            )
        if self.deferred_until:
            provisional, years = provisional_years(self.cal, self.clock_start, self.deferred_until)
            return Deadline(
                code="reply",
                due=self.deferred_until,
                state="pending",
                provisional=provisional,
                basis="条例第35条",
                explain=Explanation(
                    rule="延迟答复的合理期限（条例第35条）",
                    start=self.deferred_on,
                    unit="fixed",
                    years=years,
                    notes=(f"{self.deferred_on} 确定延迟答复至 {self.deferred_until}",),
                    law=law,
                ),
            )
        start = self.clock_start
        pauses: list[Pause] = []
        for c in self.consultations:
            end = c.pause_end() or replied
            if not c.pauses or end is None:
                continue
            label = codes.PARTIES[c.party]
            where = "条例第33条第2款" if c.answer_due is not None else article
            pauses.append(Pause(c.sent, end, f"征求{label}意见：{c.name}（{where}）"))
        if fee_counts and fee_pause_end and self.fee_notice:  # fee_counts implies a notice
            why = "收费通知至缴费（109号）" if self.fee_paid else "收费通知至答复，其间未缴费（109号）"
            pauses.append(Pause(self.fee_notice, fee_pause_end, why))
        pauses = [p for p in pauses if p.end > start]
        ext = sum(n for d, n, _ in self.extensions if d >= start)
        if self.corrected and not self.correction_late:
            rule = f"自收到补正申请之日起{days}个工作日（条例第30、33条）"
            if law != "条例(2019)":
                rule = f"自收到补正申请之日起{days}个工作日（{article}）"
        else:
            rule = f"自收到申请之日起{days}个工作日（{article}）"
        return count_wd(
            self.cal,
            "reply",
            start,
            days,
            rule=rule,
            pauses=pauses,
            extension=ext,
            notes=tuple(self.notes),
            basis=article,
            law=law,
        )

    def open_consultations(self, party: str) -> list[Consultation]:
        return [c for c in self.consultations if c.party == party and c.answered is None]

    def show_consultation(self, party: str) -> None:
        """The ``consultation_answer:<party>`` row shows the open consultation due first, else
        the last one answered (each consultation keeps its own deadline)."""
        code = f"consultation_answer:{party}"
        open_ = [
            (c.answer_due.due, c)
            for c in self.open_consultations(party)
            if c.answer_due is not None and c.answer_due.due is not None  # counted: always dated
        ]
        shown = min(open_, key=lambda due_c: due_c[0])[1] if open_ else None
        if shown is None:
            answered = [c for c in self.consultations if c.party == party and c.answer_due is not None]
            shown = answered[-1] if answered else None
        if shown is not None and shown.answer_due is not None:
            self.dl[code] = shown.answer_due


def milestones_past_reply(deadlines: dict[str, Deadline]) -> list[str]:
    """Internal milestones (新疆暂行办法) that now fall after the statutory reply deadline: the
    office's own periods never lengthen the 条例's, so the reply needs its own extension
    (第33条) or the milestone must be met earlier."""
    reply = deadlines.get("reply")
    if reply is None or reply.state != "pending" or reply.due is None:
        return []
    return [
        f"{codes.deadline_label(code)} {d.due} 晚于答复期限 {reply.due}：内部期限不延长法定期限，"
        "须另行延期答复（条例第33条）或提前办结"
        for code in ("transfer", "draft", "review", "office_reply")
        if (d := deadlines.get(code)) is not None and d.state == "pending" and d.due and d.due > reply.due
    ]


# --------------------------------------------------------------------------
# Handlers, in the order of the law
# --------------------------------------------------------------------------


SAME_DAY_CHANNELS = frozenset({"in_person"})  # receipt is arrival (§10; email confirms like online, §14)


@handles(KIND, "received", periods=("correction_notice", "reply", "transfer"))
def received(r: RequestCase, ev: Event) -> None:
    """收到申请（条例第31条）：开始计算补正告知期限（第30条）与答复期限（第33条）。"""
    d, st, dl = ev.date, r.st, r.dl
    if r.received is not None:
        raise Refusal("该编号已登记收到申请，不能重复登记；新申请请换一个编号（或省略 --case 自动编号）")
    arrival = ev.get("arrival_date")
    if arrival and Date.fromisoformat(arrival) > d:
        raise Refusal(f"到达日期 {arrival} 晚于收到（确认）日期 {d}")
    if arrival and arrival != d.isoformat() and ev.get("channel") in SAME_DAY_CHANNELS and is_new(ev):
        raise Refusal(
            f"{codes.label(codes.CHANNELS, ev.get('channel'))}的申请以到达之日为收到日期，"
            f"到达日期 {arrival} 与收到日期 {d} 不能不同（docs/rules.md §10；国办公开办函〔2015〕207号）"
        )
    if arrival and ev.get("channel") == "letter" and Date.fromisoformat(arrival) < d:  # §14
        came = Date.fromisoformat(arrival)
        lost = r.cal.working_days_between(came, d)
        st.late_confirmation = LateConfirmation(came, d, lost)
        st.warn(
            ev,
            f"平常信函应于到达当日与申请人确认（条例第31条第（二）项）：{came} 到达、{d} 才确认，"
            f"答复期限自确认日起算，因此推后 {lost} 个工作日；办理时效报告将标出本案（docs/rules.md §14）",
        )
    r.received = r.clock_start = d
    st.opened = d
    st.facts.update({k: v for k, v in ev.data.items()})
    if exists("correction_notice", d):  # the 2007 Regulation had no such window (§8)
        p = period("correction_notice", d)
        dl["correction_notice"] = count_wd(
            r.cal,
            "correction_notice",
            d,
            p.days,
            quiet=True,
            rule=f"自收到申请之日起{p.span}内一次性告知补正（{p.article}）",
            law=p.law,
        )
    if r.profile.milestones:
        n = r.profile.transfer_wd
        dl["transfer"] = count_wd(r.cal, "transfer", d, n, rule=f"登记后{n}个工作日内转承办处室")
    dl["reply"] = r.reply_deadline()


@handles(KIND, "correction_requested", periods=("correction_notice", "correction_response"))
def correction_requested(r: RequestCase, ev: Event) -> None:
    """告知补正（条例第30条）：一次性告知，申请人在合理期限内补正；答复期限中止。"""
    d, dl = ev.date, r.dl
    if r.correction_asked:
        raise Refusal(f"补正只能一次性告知，已于 {r.correction_asked} 告知过")
    window, reply = dl.get("correction_notice"), dl.get("reply")
    # the window was settled (met) or lapsed by ``accepted``: its day still says whether this is late
    late = [x for x in (window, reply) if x is not None and x.state in ("pending", "met", "lapsed") and x.passed_on(d)]
    if r.accepted and not late:  # 第30条 allows it within the window (docs/rules.md §14)
        r.st.warn(
            ev,
            f"已于 {r.accepted} 确认申请内容明确，仍在补正告知期限内告知补正：照常登记，答复期限中止，"
            "自收到补正之日起重新计算（条例第30条；docs/rules.md §14）",
        )
    r.correction_asked = d
    if window is not None:
        dl["correction_notice"] = settle(window, d)
    if late:  # §9: the office cannot gain time by its own late step
        r.correction_late = True
        r.st.warn(
            ev,
            f"补正告知晚于{codes.deadline_label(late[0].code)} {late[0].due}：照常登记，申请人补正期限照常计算，"
            "但答复期限不中止、不重新计算（docs/rules.md §9）",
        )
    wd = int(ev.get("within_wd") or r.profile.correction_response_wd)
    dl["correction_response"] = count_wd(
        r.cal,
        "correction_response",
        d,
        wd,
        rule=f"告知书给予的补正期限：{wd}个工作日（条例第30条）",
    )


@handles(KIND, "correction_received", periods=("correction_response", "reply"))
def correction_received(r: RequestCase, ev: Event) -> None:
    """收到补正（条例第30条）：答复期限自收到补正申请之日起重新计算。"""
    d = ev.date
    if not r.correction_asked:
        raise Refusal("尚未告知补正，不能登记收到补正")
    if r.corrected:
        raise Refusal(f"已于 {r.corrected} 收到补正")
    response = r.dl["correction_response"]
    if response.passed_on(d):  # already deemed abandoned (视为放弃申请, 第30条): like a late fee (§14)
        if not ev.get("accept_late") and is_new(ev):
            raise Refusal(
                f"补正期限 {response.due} 已过，申请已视为放弃（条例第30条）；"
                "如本机关仍接受此次补正，请写明理由（--accept-late 理由；事件行 accept_late）"
            )
        r.st.warn(
            ev,
            f"逾期补正（补正期限 {response.due}）经确认接受：答复期限自收到补正之日起重新计算，"
            "补正期限仍记逾期（docs/rules.md §14）",
        )
    r.corrected = d
    if not r.correction_late:
        r.clock_start = d
    r.dl["correction_response"] = settle(response, d)


@handles(KIND, "accepted", periods=("correction_notice",))
def accepted(r: RequestCase, ev: Event) -> None:
    """申请内容明确，无需补正（条例第30条）：补正告知期限了结（按期）。"""
    if r.accepted:
        raise Refusal(f"已于 {r.accepted} 确认申请内容明确")
    if r.correction_asked:
        raise Refusal(f"已于 {r.correction_asked} 告知补正，不能再确认申请内容明确")
    r.accepted = ev.date
    window = r.dl.get("correction_notice")
    if window is not None:  # a window that lapsed quietly stays lapsed: no notice was due
        r.dl["correction_notice"] = (
            replace(window, state="lapsed", done=ev.date) if window.passed_on(ev.date) else settle(window, ev.date)
        )


@handles(KIND, "extended", periods=("reply_extension",))
def extended(r: RequestCase, ev: Event) -> None:
    """延期答复（条例第33条）：经负责人同意，在期限届满前延长，累计不超过20个工作日。"""
    d = ev.date
    current = r.reply_deadline()
    if current.due is None:
        raise Refusal("答复期限中止计算期间（待补正或待缴费）不能延期")
    if r.deferred_until:
        raise Refusal("已确定延迟答复期限（第35条），不能再延期")
    n = int(ev.get("working_days"))
    cap = period("reply_extension", r.received)
    start = r.clock_start
    assert start is not None  # reply_deadline() above has checked it
    used = sum(x for day, x, _ in r.extensions if day >= start)
    if used + n > cap.days:
        raise Refusal(f"延长答复期限累计不得超过{cap.span}（已延长 {used} 个，本次 {n} 个；{cap.article}）")
    if d > current.due:
        if is_new(ev):
            raise Refusal(f"延期须在答复期限 {current.due} 届满前作出，{d} 已超过期限（{cap.article}）")
        # in the log, it was in time when recorded: the calendar changed since, or an earlier fact
        # was entered late or amended (docs/rules.md §9, §14). It does not count.
        r.notes.append(f"{d} 的延期晚于答复期限 {current.due}，不计入（登记后日历变更，或补录、更正了更早的事件；§9）")
        r.st.warn(ev, f"{d} 的延期晚于答复期限 {current.due}，不计入（docs/rules.md §9）")
        return
    r.extensions.append((d, n, str(ev.get("reason", ""))))


@handles(KIND, "consultation_sent", periods=("consultation_answer:third_party", "consultation_answer:agency"))
def consultation_sent(r: RequestCase, ev: Event) -> None:
    """征求意见（条例第32、34条）：第三方或其他机关15个工作日内提出意见；其间不计入答复期限（第33条第2款）。"""
    d = ev.date
    party = ev.get("party")
    name = str(ev.get("name"))
    delivered = Date.fromisoformat(ev.get("delivered")) if ev.get("delivered") else d
    if delivered < d:
        raise Refusal(f"送达日期 {delivered} 早于发出日期 {d}")
    if any(c.name == name for c in r.open_consultations(party)) and is_new(ev):
        raise Refusal(f"已向{name}征求意见且尚未答复；同一{codes.PARTIES.get(party, party)}请勿重复登记")
    code = f"consultation_answer:{party}"
    assert r.received is not None
    if not exists(code, r.received):  # 2007 Regulation (§8)
        reply_article = r.reply_period()[1]
        if party == "third_party":  # no answer period: the pause lasts until the answer
            r.consultations.append(Consultation(party, name, d, None))
        else:  # no agency consultation at all: recorded, neither a deadline nor a pause
            r.consultations.append(Consultation(party, name, d, None, pauses=False))
            r.st.warn(ev, f"2019-05-15 前收到的申请适用2007年条例（{reply_article}）：征求其他机关意见不中止答复期限")
        return
    why = "第三方" if party == "third_party" else "其他机关"
    p = period(code, r.received)
    answer_due = count_wd(
        r.cal,
        code,
        delivered,
        p.days,
        quiet=True,
        rule=f"{why}“{name}”自收到征求意见书之日起{p.span}内提出意见（{p.article}）",
        law=p.law,
    )
    answer_due = replace(answer_due, name=name)  # one deadline per party (docs/rules.md §10)
    r.consultations.append(Consultation(party, name, d, answer_due))
    r.show_consultation(party)  # the code's row: the open one due first (each keeps its own, §10)


@handles(KIND, "consultation_answered")
def consultation_answered(r: RequestCase, ev: Event) -> None:
    """收到意见（条例第32、34条）：该项征求意见的暂停到此为止（第33条第2款）；多项征求意见以 name 区分。"""
    d = ev.date
    party = ev.get("party")
    label = codes.PARTIES.get(party, party)
    open_ = r.open_consultations(party)
    name = ev.get("name")
    if not open_:
        raise Refusal(f"没有待答复的{label}征求意见")
    if name is not None:
        named = [c for c in open_ if c.name == name]
        if not named:
            raise Refusal(f"没有向“{name}”征求意见或其已答复；待答复的{label}：{'、'.join(c.name for c in open_)}")
        c = named[0]
    elif len(open_) == 1:
        c = open_[0]
    elif is_new(ev):
        names = "、".join(x.name for x in open_)
        raise Refusal(f"有 {len(open_)} 项待答复的{label}征求意见（{names}），请用 name 指明是哪一方的意见")
    else:  # history recorded before names were asked for: the oldest, as it was then
        c = open_[0]
        r.st.warn(ev, f"意见未写明答复方，按当时的做法记为最早的“{c.name}”")
    c.answered = d
    if c.answer_due is not None:
        if c.answer_due.passed_on(d):  # a quiet window: the agency decided on its own (第32条)
            c.answer_due = replace(c.answer_due, state="lapsed", done=d).noted(f"{d} 逾期提出的意见，照常登记")
        else:
            c.answer_due = settle(c.answer_due, d)
    r.show_consultation(party)


@handles(KIND, "fee_notice_received", periods=("fee_payment",))
def fee_notice_received(r: RequestCase, ev: Event) -> None:
    """送达收费通知（国办函〔2020〕109号）：收到次日起20个工作日内缴费；未缴费期间答复期限中止。"""
    d = ev.date
    if r.fee_notice or r.fee_notice_early:
        raise Refusal(f"已于 {r.fee_notice or r.fee_notice_early} 送达收费通知")
    problem = fees.notice_problem(ev.get("amount"), ev.get("scheme"), ev.get("nth"), ev.get("pages"))
    if problem:
        raise Refusal(problem)
    if not exists("fee_payment", d):  # no national fee before 109号 (docs/rules.md §8)
        r.fee_notice_early = d
        r.st.warn(
            ev,
            f"收费通知日期 {d} 早于国办函〔2020〕109号施行之日（2021-01-01）：照常登记，"
            "但不产生缴费期限，答复期限不中止、不扣除（条例第42条第2款；docs/rules.md §8）",
        )
        return
    r.fee_notice = d
    reply = r.dl.get("reply")
    if reply is not None and reply.state == "pending" and reply.passed_on(d):  # §9; 109号
        r.fee_notice_late = True
        r.st.warn(
            ev,
            f"收费通知晚于答复期限 {reply.due}：照常登记，缴费期限照常计算，但答复期限不中止（docs/rules.md §9）",
        )
    p = period("fee_payment")
    r.fee_due = count_wd(r.cal, "fee_payment", d, p.days, rule=f"收到收费通知次日起{p.span}内缴纳（{p.article}）")
    r.dl["fee_payment"] = r.fee_due


@handles(KIND, "fee_paid", periods=("fee_payment",))
def fee_paid(r: RequestCase, ev: Event) -> None:
    """缴纳费用（国办函〔2020〕109号）：答复期限自缴费之日起继续计算。"""
    d = ev.date
    if r.fee_paid:
        raise Refusal(f"已于 {r.fee_paid} 缴费")
    if r.fee_notice_early and r.fee_due is None:  # a notice before 109号 set nothing (§8)
        r.fee_paid = d
        r.st.warn(ev, f"{r.fee_notice_early} 的收费通知早于109号施行，缴费照常登记，不影响任何期限（docs/rules.md §8）")
        return
    if not r.fee_notice or r.fee_due is None:
        raise Refusal("尚未送达收费通知，不能登记缴费")
    if r.fee_due.passed_on(d):  # §9: already deemed abandoned (逾期未缴纳的视为放弃申请)
        if not ev.get("accept_late") and is_new(ev):
            raise Refusal(
                f"缴费期限 {r.fee_due.due} 已过，申请已视为放弃（国办函〔2020〕109号）；"
                "如本机关仍接受此次缴费，请写明理由（--accept-late 理由；事件行 accept_late）"
            )
        r.st.warn(ev, f"逾期缴费（缴费期限 {r.fee_due.due}）经确认接受：答复期限自缴费之日起继续计算，缴费期限仍记逾期")
    r.fee_paid = d
    r.dl["fee_payment"] = settle(r.fee_due, d)


@handles(KIND, "deferred", periods=("reply",))
def deferred(r: RequestCase, ev: Event) -> None:
    """确定延迟答复期限（条例第35条）：合理的延迟期限取代答复期限，须写明理由。"""
    d = ev.date
    assert r.received is not None
    if not exists("deferral", r.received):
        raise Refusal(f"{r.received} 收到的申请适用2007年条例，没有延迟答复（条例第35条自2019-05-15起施行）")
    until = Date.fromisoformat(ev.get("until"))
    if until <= d:
        raise Refusal(f"延迟答复期限 {until} 必须晚于 {d}")
    current = r.reply_deadline()
    if current.due is not None and current.passed_on(d):  # §9, like a late extension
        if is_new(ev):
            raise Refusal(f"延迟答复须在答复期限 {current.due} 届满前确定，{d} 已超过期限（条例第35条）")
        r.st.warn(ev, f"{d} 的延迟答复晚于答复期限 {current.due}，不取代已逾期的答复期限（docs/rules.md §9）")
    if current.due is not None and until <= current.due and is_new(ev):
        raise Refusal(f"延迟答复期限 {until} 必须晚于现行答复期限 {current.due}（条例第35条：延迟答复）")
    r.deferred_until, r.deferred_on = until, d


@handles(KIND, "transfer_declined", periods=("decline_notice",))
def transfer_declined(r: RequestCase, ev: Event) -> None:
    """承办处室反馈不属本处室（新疆暂行办法第二十九条第三款）：收到办理通知2个工作日内。"""
    d, dl = ev.date, r.dl
    if r.transferred_on is None or r.draft_submitted:
        raise Refusal("没有转交给承办处室、尚未提交拟办意见的办理通知，不能反馈不属本处室")
    if "decline_notice" in dl:
        dl["decline_notice"] = settle(dl["decline_notice"], d)
    if "draft" in dl and dl["draft"].state == "pending":  # the office transfers it again
        dl["draft"] = replace(dl["draft"], state="lapsed")
    r.transferred_on, r.draft_extension = None, 0


@handles(KIND, "draft_extended", periods=("draft", "draft_extension"))
def draft_extended(r: RequestCase, ev: Event) -> None:
    """延长拟办意见期限（新疆暂行办法第二十九条第二款）：经办公室同意，累计不超过20个工作日。"""
    d, dl = ev.date, r.dl
    draft = dl.get("draft")
    if r.transferred_on is None or r.draft_submitted or draft is None or draft.state != "pending":
        raise Refusal("没有待提交的拟办意见期限可以延长（须先转交承办处室）")
    n = int(ev.get("working_days"))
    cap = period("draft_extension")
    if r.draft_extension + n > cap.days:
        raise Refusal(
            f"拟办意见期限累计延长不得超过{cap.span}（已延长 {r.draft_extension} 个，本次 {n} 个；"
            "新疆暂行办法第二十九条）"
        )
    if draft.due is not None and d > draft.due and is_new(ev):
        raise Refusal(f"延长须在拟办意见期限 {draft.due} 届满前经办公室负责人同意")
    r.draft_extension += n
    dl["draft"] = count_wd(
        r.cal,
        "draft",
        r.transferred_on,
        r.profile.draft_wd,
        extension=r.draft_extension,
        rule=f"收到办理通知之日起{r.profile.draft_wd}个工作日内提出初步答复意见，"
        f"经办公室负责人同意延长{r.draft_extension}个工作日",
    )


# Xinjiang 暂行办法 milestones: event -> (deadline it meets, deadline it opens, profile key, rule)
MILESTONES: dict[str, tuple[str, str, str, str]] = {
    "transferred": ("transfer", "draft", "draft_wd", "收到办理通知之日起{n}个工作日内提出初步答复意见"),
    "draft_submitted": ("draft", "review", "review_wd", "保密审查和合法性审查合计不超过{n}个工作日"),
    "approved": ("review", "office_reply", "office_reply_wd", "审批后{n}个工作日内答复"),
}


def _milestone(r: RequestCase, ev: Event) -> None:
    d, dl, t = ev.date, r.dl, ev.type
    met, opens, setting, rule = MILESTONES[t]
    if met in dl:
        dl[met] = settle(dl[met], d)
    if t == "transferred":
        r.transferred_on, r.draft_extension, r.draft_submitted = d, 0, None
        if ev.get("department"):  # the handling division (承办处室) is now this one
            r.st.facts["department"] = ev.get("department")
    elif t == "draft_submitted":
        r.draft_submitted = d
    if r.profile.milestones:
        n = getattr(r.profile, setting)
        dl[opens] = count_wd(r.cal, opens, d, n, rule=rule.format(n=n))
        if t == "transferred":  # a window, like the correction notice: lapses quietly
            p = period("decline_notice")
            dl["decline_notice"] = count_wd(
                r.cal,
                "decline_notice",
                d,
                p.days,
                quiet=True,
                rule=f"承办处室认为不应由本处室答复的，自收到办理通知之日起{p.span}内书面反馈",
            )
        elif "decline_notice" in dl and dl["decline_notice"].state == "pending":
            dl["decline_notice"] = replace(dl["decline_notice"], state="lapsed")


@handles(KIND, "transferred", periods=("transfer", "draft", "decline_notice"))
def transferred(r: RequestCase, ev: Event) -> None:
    """转交承办处室（新疆暂行办法第二十八条）：承办处室12个工作日内提出初步答复意见（第二十九条）。"""
    _milestone(r, ev)


@handles(KIND, "draft_submitted", periods=("draft", "review"))
def draft_submitted(r: RequestCase, ev: Event) -> None:
    """提交拟办意见（新疆暂行办法第二十九条）：保密审查和合法性审查合计不超过5个工作日。"""
    _milestone(r, ev)


@handles(KIND, "approved", periods=("review", "office_reply"))
def approved(r: RequestCase, ev: Event) -> None:
    """审查批准（新疆暂行办法第三十五条）：审批后2个工作日内答复。"""
    _milestone(r, ev)


@handles(KIND, "replied", periods=("reply", "correction_response", "fee_payment"))
def replied(r: RequestCase, ev: Event) -> None:
    """作出答复（条例第33、36条）：答复之日与答复期限相比，按期或逾期。"""
    d, dl = ev.date, r.dl
    outcome = ev.get("outcome")
    # A register row is history: its intermediate steps were not recorded.
    historic = bool(ev.get("historic"))
    if outcome not in codes.OUTCOMES_WITHOUT_REASON and not ev.get("reason") and not historic:
        raise Refusal(f"答复结果“{codes.label(codes.OUTCOMES, outcome)}”必须写明理由（reason）")
    problem = reply_fields_problem(outcome, ev.data)
    if problem:
        raise Refusal(problem)
    if outcome == "unavailable:still_unclear" and not r.corrected and not historic and is_new(ev):
        raise Refusal("“补正后申请内容仍不明确”须先登记收到补正（correction_received）（docs/rules.md §9；条例第39条）")
    if outcome == "other:no_correction" and not historic:
        resp = dl.get("correction_response")
        if resp is None or r.corrected:
            raise Refusal("没有未补正的补正告知，不能以“逾期不补正”办结")
        if resp.due and d <= resp.due and is_new(ev):
            raise Refusal(f"申请人补正期限至 {resp.due}，期满后才能以“逾期不补正”办结")
        dl["correction_response"] = replace(resp, state="lapsed")
    if outcome == "other:fee_unpaid" and not historic:
        if r.fee_notice_early and r.fee_due is None:
            raise Refusal(
                f"{r.fee_notice_early} 的收费通知早于109号施行，不产生缴费期限，"
                "不能以“逾期未缴费”办结（docs/rules.md §8）"
            )
        if r.fee_due is None or r.fee_paid:
            raise Refusal("没有未缴费的收费通知，不能以“逾期未缴费”办结")
        if r.fee_due.due and d <= r.fee_due.due and is_new(ev):
            raise Refusal(f"缴费期限至 {r.fee_due.due}，期满后才能以“逾期未缴费”办结")
        dl["fee_payment"] = replace(r.fee_due, state="lapsed")
    close(r.st, d, outcome)
    reply = r.reply_deadline(replied=d)
    dl["reply"] = replace(reply, state="met", done=d) if reply.due is None else settle(reply, d)
    if "office_reply" in dl:
        dl["office_reply"] = settle(dl["office_reply"], d)
    lapse_open(dl)


def reply_fields_problem(outcome: str, data: Mapping[str, Any]) -> str | None:
    """The fields of a reply that only some outcomes have: how the information is provided
    (予以公开、部分公开: 条例第40条; an e-mail address or a link is where), and the body
    responsible for it (本机关不掌握 because it is not this office's to disclose: 第36条第（五）项)."""
    label = codes.label(codes.OUTCOMES, outcome)
    if (data.get("provide") or data.get("provide_at")) and outcome not in ("disclosed", "partially_disclosed"):
        return f"提供方式（provide；命令用 --provide）只用于予以公开、部分公开的答复，不用于“{label}”"
    if data.get("provide_at") and not data.get("provide"):
        return "写了提供地址（provide_at，--address）须同时写明提供方式（provide，--provide）：" + codes.choices(
            codes.PROVIDE_MODES
        )
    if data.get("provide") in ("email", "web") and not data.get("provide_at"):
        what = "电子邮箱" if data.get("provide") == "email" else "网址"
        return (
            f"以{codes.label(codes.PROVIDE_MODES, data.get('provide'))}提供须写明{what}（provide_at；命令用 --address）"
        )
    if (data.get("not_ours") or data.get("body")) and outcome != "unavailable:not_held":
        return (
            f"“不属于本机关负责公开”（not_ours、body；命令用 --not-ours、--body）只用于“本机关不掌握相关政府信息”，"
            f"不用于“{label}”"
        )
    return None


@handles(KIND, "withdrawn")
def withdrawn(r: RequestCase, ev: Event) -> None:
    """申请人撤回（国办公开办函〔2021〕30号：年度报告“其他处理-其他”）：答复期限不再适用。"""
    d, dl = ev.date, r.dl
    close(r.st, d, "other:other")
    r.st.facts["withdrawn"] = True
    dl["reply"] = replace(r.reply_deadline(), state="lapsed", done=d)
    lapse_open(dl)


def _admit(r: RequestCase, ev: Event) -> None:
    if ev.type == "received":
        return
    if r.received is None:
        raise Refusal("案件的第一个事件必须是 received（收到申请）")
    if r.st.status == "closed":
        raise Refusal(f"案件已办结（{codes.label(codes.OUTCOMES, r.st.outcome)}），不能再记录事件")


def _after(r: RequestCase, ev: Event) -> None:
    """After every event the reply deadline is derived afresh (``received`` has just done so)."""
    if r.st.status == "open" and ev.type != "received":
        r.dl["reply"] = r.reply_deadline()


def _finish(r: RequestCase, events: object) -> None:
    """Every party consulted keeps its own answer deadline (docs/rules.md §10): the rows of
    ``due`` and ``show``. The code's entry in ``deadlines`` is the one shown first; a party
    consulted again replaces its earlier row; a closed case's open windows lapse."""
    closed = r.st.status != "open"
    for party in codes.PARTIES:
        code = f"consultation_answer:{party}"
        by_name = {c.name: c.answer_due for c in r.consultations if c.party == party and c.answer_due is not None}
        if not by_name:
            continue
        shown = r.dl.get(code)
        rows = []
        for name, d in by_name.items():
            if shown is not None and shown.name == name and shown.due == d.due:
                d = shown
            elif closed and d.state in ("pending", "suspended"):
                d = replace(d, state="lapsed")
            rows.append(d)
        r.st.parties[code] = rows


SPEC = KindSpec(
    kind=KIND,
    name="依申请公开案件",
    new=lambda cal, profile: RequestCase(cal=cal, profile=profile, st=CaseState(kind=KIND)),
    admit=_admit,
    after=_after,
    finish=_finish,
)
