"""The statutory rules: replay a case's events into its state and deadlines.

``replay(kind, events, calendar, profile)`` is a pure function. It applies the
events in order, refusing (``Refusal``) any event the case's state forbids, and
returns the case's status, outcome and every deadline with an explanation of how
it was counted. Nothing here reads a clock: the one question that depends on the
day (has a quiet window lapsed?) is answered by ``Deadline.state_on(today)``.

Each rule cites RULES.md; the codes are those of ``codes.DEADLINES``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import Refusal
from govinfo_cli.core.events import Event

Date = dt.date


@dataclass(frozen=True)
class Profile:
    """A rule profile: national defaults, optionally local milestones (seed 001)."""

    name: str = "national"
    correction_response_wd: int = 15
    fee_notice_pauses_clock: bool = True
    milestones: bool = False
    transfer_wd: int = 2
    draft_wd: int = 12
    review_wd: int = 5
    office_reply_wd: int = 2


NATIONAL = Profile()


@dataclass(frozen=True)
class Pause:
    start: Date  # exclusive
    end: Date  # inclusive
    reason: str
    working_days: int = 0


@dataclass(frozen=True)
class Explanation:
    """How a deadline was counted: enough to check it by hand."""

    rule: str
    start: Date | None
    unit: str  # "wd" working days, "days" calendar days with roll-over, "hours", "fixed"
    amount: int = 0
    extension: int = 0
    pauses: tuple[Pause, ...] = ()
    skipped: tuple[Date, ...] = ()  # weekday rest days inside the count
    made_up: tuple[Date, ...] = ()  # weekend make-up working days that counted
    rolled_from: Date | None = None  # calendar-day end that rolled over
    years: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "start": _iso(self.start),
            "unit": self.unit,
            "amount": self.amount,
            "extension": self.extension,
            "pauses": [
                {
                    "after": p.start.isoformat(),
                    "through": p.end.isoformat(),
                    "reason": p.reason,
                    "working_days": p.working_days,
                }
                for p in self.pauses
            ],
            "skipped": [d.isoformat() for d in self.skipped],
            "made_up": [d.isoformat() for d in self.made_up],
            "rolled_from": _iso(self.rolled_from),
            "years": list(self.years),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Deadline:
    code: str
    due: Date | None  # None while suspended
    state: str  # pending | met | missed | lapsed | suspended
    provisional: bool
    basis: str
    explain: Explanation
    quiet: bool = False  # a window that lapses quietly instead of falling overdue
    due_at: dt.datetime | None = None  # for hour-counted deadlines
    done: Date | None = None  # when it was met (or missed)

    def state_on(self, today: Date) -> str:
        if self.state == "pending" and self.quiet and self.due is not None and today > self.due:
            return "lapsed"
        return self.state


def overdue(due: Date, now: dt.datetime, due_at: dt.datetime | None = None) -> bool:
    """A pending deadline is late: an hour-counted one (舆情) once its time has passed, any
    other once its day has (the due day itself is still in time)."""
    return due_at < now if due_at is not None else due < now.date()


@dataclass
class CaseState:
    kind: str
    status: str = "open"
    outcome: str | None = None
    deadlines: dict[str, Deadline] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    opened: Date | None = None
    closed: Date | None = None


def _iso(d: Date | None) -> str | None:
    return d.isoformat() if d else None


# --------------------------------------------------------------------------
# Counting helpers
# --------------------------------------------------------------------------


def _provisional(cal: WorkCalendar, start: Date, end: Date | None) -> tuple[bool, tuple[int, ...]]:
    last = end or start
    years = tuple(range(start.year, last.year + 1))
    confirmed = cal.confirmed_years
    return any(y not in confirmed for y in years), years


def count_wd(
    cal: WorkCalendar,
    code: str,
    start: Date,
    n: int,
    *,
    rule: str,
    pauses: Sequence[Pause] = (),
    extension: int = 0,
    state: str = "pending",
    quiet: bool = False,
    notes: tuple[str, ...] = (),
) -> Deadline:
    """The (n+extension)-th working day after start, skipping paused working days.

    Pauses are merged in working-day index space, so overlapping pauses count once.
    """
    first = cal.index_after(start)
    target = first + n + extension - 1
    if not pauses:  # the common case: no interval arithmetic
        due = cal.day_at(target)
        skipped, made_up = cal.skipped_in(start, due)
        provisional, years = _provisional(cal, start, due)
        return Deadline(
            code=code,
            due=due,
            state=state,
            provisional=provisional,
            basis=codes.DEADLINES[code][1],
            quiet=quiet,
            explain=Explanation(
                rule=rule,
                start=start,
                unit="wd",
                amount=n,
                extension=extension,
                skipped=tuple(skipped),
                made_up=tuple(made_up),
                years=years,
                notes=notes,
            ),
        )
    spans = sorted(
        ((max(cal.index_after(p.start), first), cal.index_after(p.end), p) for p in pauses),
        key=lambda s: (s[0], s[1]),
    )
    merged: list[list[int]] = []
    for lo, hi, _ in spans:
        if hi <= lo:
            continue
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    used: list[Pause] = []
    for lo, hi in merged:
        if lo > target:
            break
        target += hi - lo
    due = cal.day_at(target)
    covered = first  # working days already excluded by an earlier pause count once
    for lo, hi, p in spans:
        if hi > lo and lo <= target:
            used.append(replace(p, working_days=max(0, min(hi, target + 1) - max(lo, covered))))
            covered = max(covered, hi)
    skipped, made_up = cal.skipped_in(start, due)
    provisional, years = _provisional(cal, start, due)
    return Deadline(
        code=code,
        due=due,
        state=state,
        provisional=provisional,
        basis=codes.DEADLINES[code][1],
        quiet=quiet,
        explain=Explanation(
            rule=rule,
            start=start,
            unit="wd",
            amount=n,
            extension=extension,
            pauses=tuple(used),
            skipped=tuple(skipped),
            made_up=tuple(made_up),
            years=years,
            notes=notes,
        ),
    )


def count_days(cal: WorkCalendar, code: str, start: Date, n: int, *, rule: str, extension: int = 0) -> Deadline:
    """N calendar days from start; a last day that is not a working day rolls over."""
    raw = start + dt.timedelta(days=n + extension)
    due = cal.add_days(start, n + extension)
    provisional, years = _provisional(cal, start, due)
    skipped, made_up = cal.skipped_in(raw - dt.timedelta(days=1), due)
    return Deadline(
        code=code,
        due=due,
        state="pending",
        provisional=provisional,
        basis=codes.DEADLINES[code][1],
        explain=Explanation(
            rule=rule,
            start=start,
            unit="days",
            amount=n,
            extension=extension,
            rolled_from=raw if raw != due else None,
            skipped=tuple(skipped),
            made_up=tuple(made_up),
            years=years,
        ),
    )


def suspended(code: str, why: str) -> Deadline:
    return Deadline(
        code=code,
        due=None,
        state="suspended",
        provisional=False,
        basis=codes.DEADLINES[code][1],
        explain=Explanation(rule=why, start=None, unit="wd", notes=(why,)),
    )


def fixed(cal: WorkCalendar, code: str, due: Date, rule: str) -> Deadline:
    provisional, years = _provisional(cal, due, due)
    return Deadline(
        code=code,
        due=due,
        state="pending",
        provisional=provisional,
        basis=codes.DEADLINES[code][1],
        explain=Explanation(rule=rule, start=None, unit="fixed", years=years),
    )


def settle(d: Deadline, on: Date) -> Deadline:
    """Mark a deadline done on a date: met on or before it, missed after."""
    if d.due is None:
        return replace(d, state="met", done=on)
    return replace(d, state="met" if on <= d.due else "missed", done=on)


# --------------------------------------------------------------------------
# Requests (RULES.md §2)
# --------------------------------------------------------------------------


@dataclass
class _Consultation:
    party: str
    name: str
    sent: Date
    answer_due: Deadline
    answered: Date | None = None


@dataclass
class _Request:
    cal: WorkCalendar
    profile: Profile
    st: CaseState
    received: Date | None = None
    clock_start: Date | None = None  # receipt, or receipt of the corrected request
    correction_asked: Date | None = None
    corrected: Date | None = None
    extensions: list[tuple[Date, int, str]] = field(default_factory=list)
    consultations: list[_Consultation] = field(default_factory=list)
    fee_notice: Date | None = None
    fee_paid: Date | None = None
    fee_due: Deadline | None = None
    deferred_until: Date | None = None
    deferred_on: Date | None = None
    notes: list[str] = field(default_factory=list)  # for the explanation of the reply
    transferred_on: Date | None = None  # the division's notice (seed 001 milestones)
    draft_extension: int = 0
    draft_submitted: Date | None = None

    # -- the reply deadline, derived from everything so far ---------------
    def reply_deadline(self, replied: Date | None = None) -> Deadline:
        """``replied``: the agency answers on that day while a fee is still unpaid; the
        fee pause then ends there (the clock stood still from the notice to the answer), so
        the answer is judged against a real date: late if the notice came after the
        deadline had passed."""
        assert self.clock_start is not None
        if self.correction_asked and not self.corrected:
            return suspended("reply", "等待申请人补正，答复期限自收到补正申请之日起重新计算（条例第30条）")
        fee_pause_end = self.fee_paid or replied
        if self.fee_notice and not fee_pause_end and self.profile.fee_notice_pauses_clock:
            return suspended("reply", "收费通知未缴费，答复期限中止计算（国办函〔2020〕109号）")
        if self.deferred_until:
            provisional, years = _provisional(self.cal, self.clock_start, self.deferred_until)
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
                ),
            )
        start = self.clock_start
        pauses: list[Pause] = []
        for c in self.consultations:
            end = c.answer_due.due
            assert end is not None
            if c.answered and c.answered < end:
                end = c.answered
            label = codes.PARTIES[c.party]
            pauses.append(Pause(c.sent, end, f"征求{label}意见：{c.name}（条例第33条第2款）"))
        if self.fee_notice and fee_pause_end and self.profile.fee_notice_pauses_clock:
            why = "收费通知至缴费（109号）" if self.fee_paid else "收费通知至答复，其间未缴费（109号）"
            pauses.append(Pause(self.fee_notice, fee_pause_end, why))
        pauses = [p for p in pauses if p.end > start]
        ext = sum(n for d, n, _ in self.extensions if d >= start)
        rule = (
            "自收到补正申请之日起20个工作日（条例第30、33条）"
            if self.corrected
            else "自收到申请之日起20个工作日（条例第33条）"
        )
        return count_wd(self.cal, "reply", start, 20, rule=rule, pauses=pauses, extension=ext, notes=tuple(self.notes))

    def open_consultation(self, party: str) -> _Consultation | None:
        for c in self.consultations:
            if c.party == party and c.answered is None:
                return c
        return None


def _is_new(ev: Event) -> bool:
    """An event being recorded now, not one already in the log (which has a sequence
    number). The guards that depend on the calendar (“on or before the deadline”) are
    checked when an event is recorded; if the calendar changes afterwards the record stays
    true and the deadlines are recomputed around it, instead of the log becoming unreadable."""
    return ev.seq == 0


def milestones_past_reply(deadlines: dict[str, Deadline]) -> list[str]:
    """Internal milestones (seed 001) that now fall after the statutory reply deadline: the
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


# Xinjiang 暂行办法 milestones: event -> (deadline it meets, deadline it opens, profile key, rule)
MILESTONES: dict[str, tuple[str, str, str, str]] = {
    "transferred": ("transfer", "draft", "draft_wd", "收到办理通知之日起{n}个工作日内提出初步答复意见"),
    "draft_submitted": ("draft", "review", "review_wd", "保密审查和合法性审查合计不超过{n}个工作日"),
    "approved": ("review", "office_reply", "office_reply_wd", "审批后{n}个工作日内答复"),
}


def _replay_request(events: Sequence[Event], cal: WorkCalendar, profile: Profile) -> CaseState:
    st = CaseState(kind="request")
    r = _Request(cal=cal, profile=profile, st=st)
    dl = st.deadlines
    for ev in events:
        d = ev.date
        t = ev.type
        if t == "received":
            if r.received is not None:
                raise Refusal("该编号已登记收到申请，不能重复登记；新申请请换一个编号（或省略 --case 自动编号）")
            arrival = ev.get("arrival_date")
            if arrival and Date.fromisoformat(arrival) > d:
                raise Refusal(f"到达日期 {arrival} 晚于收到（确认）日期 {d}")
            r.received = r.clock_start = d
            st.opened = d
            st.facts.update({k: v for k, v in ev.data.items()})
            dl["correction_notice"] = count_wd(
                cal,
                "correction_notice",
                d,
                7,
                quiet=True,
                rule="自收到申请之日起7个工作日内一次性告知补正（条例第30条）",
            )
            if profile.milestones:
                dl["transfer"] = count_wd(
                    cal,
                    "transfer",
                    d,
                    profile.transfer_wd,
                    rule=f"登记后{profile.transfer_wd}个工作日内转承办处室",
                )
            dl["reply"] = r.reply_deadline()
            continue
        if r.received is None:
            raise Refusal("案件的第一个事件必须是 received（收到申请）")
        if st.status == "closed":
            raise Refusal(f"案件已办结（{codes.label(codes.OUTCOMES, st.outcome)}），不能再记录事件")

        if t == "correction_requested":
            if r.correction_asked:
                raise Refusal(f"补正只能一次性告知，已于 {r.correction_asked} 告知过")
            r.correction_asked = d
            dl["correction_notice"] = settle(dl["correction_notice"], d)
            wd = int(ev.get("within_wd") or profile.correction_response_wd)
            dl["correction_response"] = count_wd(
                cal,
                "correction_response",
                d,
                wd,
                rule=f"告知书给予的补正期限：{wd}个工作日（条例第30条）",
            )
        elif t == "correction_received":
            if not r.correction_asked:
                raise Refusal("尚未告知补正，不能登记收到补正")
            if r.corrected:
                raise Refusal(f"已于 {r.corrected} 收到补正")
            r.corrected = r.clock_start = d
            dl["correction_response"] = settle(dl["correction_response"], d)
        elif t == "extended":
            current = r.reply_deadline()
            if current.due is None:
                raise Refusal("答复期限中止计算期间（待补正或待缴费）不能延期")
            if r.deferred_until:
                raise Refusal("已确定延迟答复期限（第35条），不能再延期")
            n = int(ev.get("working_days"))
            used = sum(x for day, x, _ in r.extensions if day >= r.clock_start)
            if used + n > 20:
                raise Refusal(f"延长答复期限累计不得超过20个工作日（已延长 {used} 个，本次 {n} 个；条例第33条）")
            if d > current.due:
                if _is_new(ev):
                    raise Refusal(f"延期须在答复期限 {current.due} 届满前作出，{d} 已超过期限（条例第33条）")
                r.notes.append(f"{d} 的延期按现行日历晚于当时的答复期限 {current.due}（登记时日历不同）")
            r.extensions.append((d, n, str(ev.get("reason", ""))))
        elif t == "consultation_sent":
            party = ev.get("party")
            delivered = Date.fromisoformat(ev.get("delivered")) if ev.get("delivered") else d
            if delivered < d:
                raise Refusal(f"送达日期 {delivered} 早于发出日期 {d}")
            code = f"consultation_answer:{party}"
            why = "第三方" if party == "third_party" else "其他机关"
            article = 32 if party == "third_party" else 34
            answer_due = count_wd(
                cal,
                code,
                delivered,
                15,
                quiet=True,
                rule=f"{why}自收到征求意见书之日起15个工作日内提出意见（条例第{article}条）",
            )
            r.consultations.append(_Consultation(party, str(ev.get("name")), d, answer_due))
            dl[code] = answer_due
        elif t == "consultation_answered":
            party = ev.get("party")
            c = r.open_consultation(party)
            if c is None:
                raise Refusal(f"没有待答复的{codes.PARTIES.get(party, party)}征求意见")
            c.answered = d
            c.answer_due = settle(c.answer_due, d)
            pending = r.open_consultation(party)
            dl[f"consultation_answer:{party}"] = pending.answer_due if pending else c.answer_due
        elif t == "fee_notice_received":
            if r.fee_notice:
                raise Refusal(f"已于 {r.fee_notice} 送达收费通知")
            r.fee_notice = d
            r.fee_due = count_wd(
                cal,
                "fee_payment",
                d,
                20,
                rule="收到收费通知次日起20个工作日内缴纳（国办函〔2020〕109号）",
            )
            dl["fee_payment"] = r.fee_due
        elif t == "fee_paid":
            if not r.fee_notice or r.fee_due is None:
                raise Refusal("尚未送达收费通知，不能登记缴费")
            if r.fee_paid:
                raise Refusal(f"已于 {r.fee_paid} 缴费")
            r.fee_paid = d
            dl["fee_payment"] = settle(r.fee_due, d)
        elif t == "deferred":
            until = Date.fromisoformat(ev.get("until"))
            if until <= d:
                raise Refusal(f"延迟答复期限 {until} 必须晚于 {d}")
            current = r.reply_deadline()
            if current.due is not None and until <= current.due and _is_new(ev):
                raise Refusal(f"延迟答复期限 {until} 必须晚于现行答复期限 {current.due}（条例第35条：延迟答复）")
            r.deferred_until, r.deferred_on = until, d
        elif t == "transfer_declined":  # seed 001 第二十九条第三款: 2 working days to say so
            if r.transferred_on is None or r.draft_submitted:
                raise Refusal("没有转交给承办处室、尚未提交拟办意见的办理通知，不能反馈不属本处室")
            if "decline_notice" in dl:
                dl["decline_notice"] = settle(dl["decline_notice"], d)
            if "draft" in dl and dl["draft"].state == "pending":  # the office transfers it again
                dl["draft"] = replace(dl["draft"], state="lapsed")
            r.transferred_on, r.draft_extension = None, 0
        elif t == "draft_extended":  # seed 001 第二十九条第二款: ≤ 20 working days in all
            draft = dl.get("draft")
            if r.transferred_on is None or r.draft_submitted or draft is None or draft.state != "pending":
                raise Refusal("没有待提交的拟办意见期限可以延长（须先转交承办处室）")
            n = int(ev.get("working_days"))
            if r.draft_extension + n > 20:
                raise Refusal(
                    f"拟办意见期限累计延长不得超过20个工作日（已延长 {r.draft_extension} 个，本次 {n} 个；"
                    "新疆暂行办法第二十九条）"
                )
            if draft.due is not None and d > draft.due and _is_new(ev):
                raise Refusal(f"延长须在拟办意见期限 {draft.due} 届满前经办公室负责人同意")
            r.draft_extension += n
            dl["draft"] = count_wd(
                cal,
                "draft",
                r.transferred_on,
                profile.draft_wd,
                extension=r.draft_extension,
                rule=f"收到办理通知之日起{profile.draft_wd}个工作日内提出初步答复意见，"
                f"经办公室负责人同意延长{r.draft_extension}个工作日",
            )
        elif t in MILESTONES:
            met, opens, setting, rule = MILESTONES[t]
            if met in dl:
                dl[met] = settle(dl[met], d)
            if t == "transferred":
                r.transferred_on, r.draft_extension, r.draft_submitted = d, 0, None
                if ev.get("department"):  # the handling division (承办处室) is now this one
                    st.facts["department"] = ev.get("department")
            elif t == "draft_submitted":
                r.draft_submitted = d
            if profile.milestones:
                n = getattr(profile, setting)
                dl[opens] = count_wd(cal, opens, d, n, rule=rule.format(n=n))
                if t == "transferred":  # a window, like the correction notice: lapses quietly
                    dl["decline_notice"] = count_wd(
                        cal,
                        "decline_notice",
                        d,
                        2,
                        quiet=True,
                        rule="承办处室认为不应由本处室答复的，自收到办理通知之日起2个工作日内书面反馈",
                    )
                elif "decline_notice" in dl and dl["decline_notice"].state == "pending":
                    dl["decline_notice"] = replace(dl["decline_notice"], state="lapsed")
        elif t == "replied":
            outcome = ev.get("outcome")
            # A register row is history: its intermediate steps were not recorded.
            historic = bool(ev.get("historic"))
            if outcome not in codes.OUTCOMES_WITHOUT_REASON and not ev.get("reason") and not historic:
                raise Refusal(f"答复结果“{codes.label(codes.OUTCOMES, outcome)}”必须写明理由（reason）")
            if outcome == "other:no_correction" and not historic:
                resp = dl.get("correction_response")
                if resp is None or r.corrected:
                    raise Refusal("没有未补正的补正告知，不能以“逾期不补正”办结")
                if resp.due and d <= resp.due and _is_new(ev):
                    raise Refusal(f"申请人补正期限至 {resp.due}，期满后才能以“逾期不补正”办结")
                dl["correction_response"] = replace(resp, state="lapsed")
            if outcome == "other:fee_unpaid" and not historic:
                if r.fee_due is None or r.fee_paid:
                    raise Refusal("没有未缴费的收费通知，不能以“逾期未缴费”办结")
                if r.fee_due.due and d <= r.fee_due.due and _is_new(ev):
                    raise Refusal(f"缴费期限至 {r.fee_due.due}，期满后才能以“逾期未缴费”办结")
                dl["fee_payment"] = replace(r.fee_due, state="lapsed")
            _close(st, d, outcome)
            reply = r.reply_deadline(replied=d)
            if reply.due is None:
                dl["reply"] = replace(reply, state="met", done=d)
            else:
                dl["reply"] = settle(reply, d)
            if "office_reply" in dl:
                dl["office_reply"] = settle(dl["office_reply"], d)
            _lapse_open(dl)
            continue
        elif t == "withdrawn":
            _close(st, d, "other:other")
            st.facts["withdrawn"] = True
            reply = r.reply_deadline()
            dl["reply"] = replace(reply, state="lapsed", done=d)
            _lapse_open(dl)
            continue
        else:
            raise Refusal(f"依申请公开案件没有事件类型 {t}")
        dl["reply"] = r.reply_deadline()
    return st


def _close(st: CaseState, d: Date, outcome: str | None) -> None:
    st.status, st.outcome, st.closed = "closed", outcome, d


def _lapse_open(dl: dict[str, Deadline]) -> None:
    """When a case closes, windows still open no longer apply."""
    for code, d in list(dl.items()):
        if d.state in ("pending", "suspended"):
            dl[code] = replace(d, state="lapsed")


# --------------------------------------------------------------------------
# Complaints (RULES.md §3), appeals (§4), proactive disclosure (§5), opinion (§6)
# --------------------------------------------------------------------------


def _first_event(events: Sequence[Event], allowed: tuple[str, ...], kind: str) -> None:
    if not events or events[0].type not in allowed:
        raise Refusal(f"{codes.KINDS[kind]}案件的第一个事件必须是 {' / '.join(allowed)}")


def _replay_complaint(events: Sequence[Event], cal: WorkCalendar) -> CaseState:
    st = CaseState(kind="complaint")
    dl = st.deadlines
    _first_event(events, ("complaint_accepted",), "complaint")
    accepted: Date | None = None
    extension = 0
    for ev in events:
        d, t = ev.date, ev.type
        if st.status == "closed":
            raise Refusal("投诉举报已办结，不能再记录事件")
        if t == "complaint_accepted":
            if accepted:
                raise Refusal("该投诉举报已受理")
            accepted = st.opened = d
            st.facts.update(ev.data)
            dl["handling_decision"] = count_days(cal, "handling_decision", d, 15, rule="受理之日起15日内确定处理方式")
            dl["conclusion"] = count_days(cal, "conclusion", d, 30, rule="受理之日起30日内办结")
            continue
        assert accepted is not None
        if t == "handling_decided":
            if dl["handling_decision"].state != "pending":
                raise Refusal("已确定处理方式")
            dl["handling_decision"] = settle(dl["handling_decision"], d)
            st.facts["mode"] = ev.get("mode")
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
        elif t == "complaint_extended":
            if extension:
                raise Refusal("办结期限只能延长一次")
            if st.facts.get("mode", "direct") != "direct":
                raise Refusal("只有直接办理的投诉举报才有办结期限可以延长（第九条）")
            if d > dl["conclusion"].due and _is_new(ev):  # type: ignore[operator]
                raise Refusal(f"延期须在办结期限 {dl['conclusion'].due} 届满前作出")
            extension = int(ev.get("days"))
            dl["conclusion"] = count_days(
                cal,
                "conclusion",
                accepted,
                30,
                extension=extension,
                rule=f"受理之日起30日内办结，经批准延长{extension}日",
            )
        elif t == "complaint_concluded":
            if dl["handling_decision"].state == "pending":  # concluded without a recorded mode:
                dl["handling_decision"] = settle(dl["handling_decision"], d)  # handled directly
                st.facts.setdefault("mode", "direct")
            dl["conclusion"] = settle(dl["conclusion"], d)
            st.facts["result"] = ev.get("result")
            _close(st, d, "concluded")
            _lapse_open(dl)
        elif t == "complaint_rejected":
            if st.facts.get("mode"):
                raise Refusal("已确定处理方式（已受理办理），不能再作不予受理（第七条审查在确定处理方式之前）")
            st.facts["reject_reason"] = ev.get("reason")
            _close(st, d, "rejected")
            if dl["handling_decision"].state == "pending":
                dl["handling_decision"] = settle(dl["handling_decision"], d)
            _lapse_open(dl)
        else:
            raise Refusal(f"投诉举报案件没有事件类型 {t}")
    return st


def _replay_appeal(events: Sequence[Event], cal: WorkCalendar) -> CaseState:
    st = CaseState(kind="appeal")
    dl = st.deadlines
    _first_event(events, ("reconsideration_copy_received", "lawsuit_copy_received"), "appeal")
    for ev in events:
        d, t = ev.date, ev.type
        if st.status == "closed":
            raise Refusal("复议诉讼案件已有结果，不能再记录事件")
        if t == "reconsideration_copy_received":
            if st.opened:
                raise Refusal("案件已登记收到副本")
            st.opened = d
            st.facts.update(ev.data, appeal="reconsideration")
            n = 5 if ev.get("simplified") else 10
            proc = "简易程序" if ev.get("simplified") else "普通程序"
            dl["agency_reply"] = count_wd(
                cal,
                "agency_reply",
                d,
                n,
                rule=f"收到复议申请书副本之日起{n}日内书面答复（{proc}；第88条：工作日）",
            )
        elif t == "lawsuit_copy_received":
            if st.opened:
                raise Refusal("案件已登记收到副本")
            st.opened = d
            st.facts.update(ev.data, appeal="lawsuit")
            st.facts.setdefault("route", "direct")
            dl["defense"] = count_days(
                cal, "defense", d, 15, rule="收到起诉状副本之日起15日内提交答辩状（行政诉讼法第67条）"
            )
        elif t == "agency_replied":
            if "agency_reply" not in dl or dl["agency_reply"].state != "pending":
                raise Refusal("没有待提交的复议答复")
            dl["agency_reply"] = settle(dl["agency_reply"], d)
        elif t == "defense_submitted":
            if "defense" not in dl or dl["defense"].state != "pending":
                raise Refusal("没有待提交的答辩状")
            dl["defense"] = settle(dl["defense"], d)
        elif t == "appeal_decided":
            result = ev.get("result")
            if result == "pending":
                raise Refusal("结果为“尚未审结”时无需登记")
            _close(st, d, result)
            _lapse_open(dl)
        else:
            raise Refusal(f"复议诉讼案件没有事件类型 {t}")
    return st


ENFORCEMENT_BASIS = "国办发〔2018〕118号"  # licensing and penalty decisions: 7 working days


def _replay_disclosure(events: Sequence[Event], cal: WorkCalendar) -> CaseState:
    st = CaseState(kind="disclosure")
    dl = st.deadlines
    _first_event(
        events,
        ("information_formed", "information_changed", "enforcement_decision", "policy_published", "duty_opened"),
        "disclosure",
    )
    for ev in events:
        d, t = ev.date, ev.type
        st.opened = st.opened or d
        if t in ("information_formed", "information_changed"):
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
                dl["publish"] = count_wd(
                    cal,
                    "publish",
                    d,
                    20,
                    rule="自信息形成或者变更之日起20个工作日内公开（条例第26条）",
                )
        elif t == "enforcement_decision":
            st.facts.update(ev.data, event=t)
            decision = ev.get("decision")
            n = 7 if decision in ("licensing", "penalty") else 20
            rule = (
                "行政许可、行政处罚决定自作出之日起7个工作日内公开（国办发〔2018〕118号）"
                if n == 7
                else "自信息形成之日起20个工作日内公开（条例第26条）"
            )
            dl["publish"] = count_wd(cal, "publish", d, n, rule=rule)
            if n == 7:  # the 7-working-day rule is not 第26条's (RULES.md §5)
                dl["publish"] = replace(dl["publish"], basis=ENFORCEMENT_BASIS)
        elif t == "policy_published":
            st.facts.setdefault("title", ev.get("title"))
            st.facts["policy"] = True
            if "publish" in dl and dl["publish"].state == "pending":
                dl["publish"] = settle(dl["publish"], d)
            dl["interpretation"] = count_wd(cal, "interpretation", d, 3, rule="政策文件公开后3个工作日内发布解读材料")
        elif t == "published":
            for code in ("publish", "interpretation"):
                if code in dl and dl[code].state == "pending":
                    dl[code] = settle(dl[code], d)
                    st.facts["channel"] = ev.get("channel")
                    break
            else:
                raise Refusal("没有待公开的期限")
        elif t == "duty_opened":
            duty = ev.get("duty")
            st.facts.update(ev.data, title=f"{ev.get('year')}年{codes.DUTIES[duty]}", category="年度义务")
            dl[duty] = annual_duties(cal, int(ev.get("year")))[duty]
        elif t == "duty_done":
            open_duties = [
                c for c, x in dl.items() if x.state == "pending" and c in ("annual_report", "withheld_review")
            ]
            if ev.get("duty") and ev.get("duty") not in open_duties:
                raise Refusal(f"该案件没有待完成的{codes.deadline_label(ev.get('duty'))}")
            if not open_duties:
                raise Refusal("没有待完成的年度义务")
            dl[open_duties[0]] = settle(dl[open_duties[0]], d)
        else:
            raise Refusal(f"主动公开事项没有事件类型 {t}")
    pending = any(x.state == "pending" for x in dl.values())
    st.status = "open" if pending else "closed"
    if not pending:
        st.closed = events[-1].date
    return st


def _replay_opinion(events: Sequence[Event], cal: WorkCalendar) -> CaseState:
    st = CaseState(kind="opinion")
    dl = st.deadlines
    _first_event(events, ("opinion_detected",), "opinion")
    for ev in events:
        t = ev.type
        at = dt.datetime.fromisoformat(ev.get("at")) if ev.get("at") else None
        if at is not None and at.date() != ev.date:
            raise Refusal(f"时间 {at:%Y-%m-%d %H:%M} 与事件日期 {ev.date} 不一致")
        if t == "opinion_detected":
            if st.opened:
                raise Refusal("该舆情已登记")
            assert at is not None
            st.opened = ev.date
            st.facts.update(ev.data)
            plan = [("first_release", 1), ("press_conference", 24)] if ev.get("major") else [("response", 48)]
            for code, hours in plan:
                due_at = at + dt.timedelta(hours=hours)
                dl[code] = Deadline(
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
            continue
        code = {
            "opinion_released": "first_release",
            "press_conference_held": "press_conference",
            "opinion_responded": "response",
        }[t]
        if code not in dl and code == "response" and "first_release" in dl:
            code = "first_release"
        if code not in dl or dl[code].state != "pending":
            raise Refusal(f"没有待办的{codes.deadline_label(code)}")
        x = dl[code]
        assert at is not None and x.due_at is not None
        detected = x.due_at - dt.timedelta(hours=x.explain.amount)
        if at < detected:
            raise Refusal(f"时间 {at:%Y-%m-%d %H:%M} 早于发现舆情的时间 {detected:%Y-%m-%d %H:%M}")
        dl[code] = replace(x, state="met" if at <= x.due_at else "missed", done=ev.date)
    if dl and all(x.state != "pending" for x in dl.values()):
        _close(st, events[-1].date, "responded")
    return st


# --------------------------------------------------------------------------


def replay(
    kind: str,
    events: Sequence[Event],
    cal: WorkCalendar,
    profile: Profile = NATIONAL,
) -> CaseState:
    """Apply a case's events in order; refuse the first one its state forbids."""
    if not events:
        raise Refusal("案件没有事件")
    last = events[0].date
    for ev in events:
        if ev.date < last:
            raise Refusal(f"事件日期 {ev.date} 早于该案件上一个事件的日期 {last}（事件须按时间顺序记录）")
        last = ev.date
    if kind == "request":
        return _replay_request(events, cal, profile)
    if kind == "complaint":
        return _replay_complaint(events, cal)
    if kind == "appeal":
        return _replay_appeal(events, cal)
    if kind == "disclosure":
        return _replay_disclosure(events, cal)
    if kind == "opinion":
        return _replay_opinion(events, cal)
    raise Refusal(f"未知案件类别 {kind}")


FastDeadline = tuple[str, Date | None, str, bool, bool, str]  # code, due, state, provisional, quiet, basis


def fast_register_deadlines(
    cal: WorkCalendar,
    received: Date,
    replied: Date | None,
    memo: dict[Date, tuple[Date, Date, bool, bool]] | None = None,
) -> list[FastDeadline]:
    """The engine's fast path for the commonest history: a request received and (maybe)
    replied, with nothing in between (a register row). The same deadlines as ``replay``
    gives for those two events (a test checks they agree), without building explanations:
    for bulk imports of years of registers. ``memo`` (one dict per calendar) keeps the
    due dates of each receipt day, which a register repeats many times."""
    known = memo.get(received) if memo is not None else None
    if known is None:
        i = cal.index_after(received)
        notice_due, reply_due = cal.day_at(i + 6), cal.day_at(i + 19)
        confirmed = cal.confirmed_years
        y0 = received.year
        known = (
            notice_due,
            reply_due,
            any(y not in confirmed for y in range(y0, notice_due.year + 1)),
            any(y not in confirmed for y in range(y0, reply_due.year + 1)),
        )
        if memo is not None:
            memo[received] = known
    notice_due, reply_due, p_notice, p_reply = known
    if replied is None:
        notice_state, reply_state = "pending", "pending"
    else:
        notice_state = "lapsed"  # closed without a correction notice: the window no longer applies
        reply_state = "met" if replied <= reply_due else "missed"
    return [
        ("correction_notice", notice_due, notice_state, p_notice, True, codes.DEADLINES["correction_notice"][1]),
        ("reply", reply_due, reply_state, p_reply, False, codes.DEADLINES["reply"][1]),
    ]


def annual_duty_dates(year: int) -> dict[str, Date]:
    """The fixed dates of a year's recurring duties (RULES.md §5): the December review of
    withheld information by 20 December of the year (seed 001 第十四条); the year's annual
    report by 31 January of the next (条例第49条). Fixed dates, not periods: no roll-over."""
    return {"withheld_review": Date(year, 12, 20), "annual_report": Date(year + 1, 1, 31)}


def annual_duties(cal: WorkCalendar, year: int) -> dict[str, Deadline]:
    """The recurring duties every department has each year (RULES.md §5)."""
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


# ---------------------------------------------------------------------------
# The disclosure catalogue (公开目录, seed 002): which RULES.md §5 deadline a row's
# 公开时限 corresponds to. RULES.md wins over the catalogue: "实时公开" is the office's own,
# stricter commitment and the statutory period stays 20 working days (条例第26条); a text
# that matches no RULES.md deadline is flagged as unknown, never guessed.

_ENFORCEMENT_DECISION = re.compile(r"行政(?:处罚|许可)(?:的)?(?:执法)?决定")


@dataclass(frozen=True)
class CatalogueRule:
    kind: str  # publish | enforcement | annual_report | realtime | unknown
    deadline: str | None  # the RULES.md deadline code that applies (None: none identified)
    basis: str  # its legal basis, "" when unknown
    text: str  # what applies, for the clerk

    @property
    def label(self) -> str:
        return f"{self.text}（{self.basis}）" if self.basis else self.text

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "deadline": self.deadline,
            "basis": self.basis,
            "text": self.text,
            "label": self.label,
        }


_WD20 = re.compile(r"(?<![\d十百])(20|二十)个?工作日")
_JAN31 = re.compile(r"(?<![\d十])(1|一)月(31|三十一)日")


def catalogue_rule(time_limit: str, subject: str = "") -> CatalogueRule:
    """The RULES.md deadline behind a catalogue row's 公开时限 (``subject``: the row's
    heading or 公开内容, which tells the yearly report apart from other 1-月-31-日 duties)."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", time_limit or ""))
    publish_basis = codes.DEADLINES["publish"][1]
    if _ENFORCEMENT_DECISION.search(unicodedata.normalize("NFKC", subject or "")):
        # RULES.md §5 wins over the catalogue: licensing and penalty decisions are published
        # within 7 working days of the decision, whatever longer period the row promises.
        return CatalogueRule(
            "enforcement",
            "publish",
            ENFORCEMENT_BASIS,
            "行政许可、行政处罚决定：作出之日起7个工作日（以 disclosure decision 登记）",
        )
    if _WD20.search(s) and ("形成" in s or "变更" in s):
        return CatalogueRule("publish", "publish", publish_basis, "形成或变更后20个工作日")
    if s.startswith("实时"):
        return CatalogueRule(
            "realtime", "publish", publish_basis, "实时系本机关承诺，无单独法定时限；法定仍为20个工作日"
        )
    if _JAN31.search(s) and "年度报告" in unicodedata.normalize("NFKC", subject or ""):
        return CatalogueRule(
            "annual_report", "annual_report", codes.DEADLINES["annual_report"][1], "年度报告每年1月31日前公布"
        )
    return CatalogueRule("unknown", None, "", "未识别：RULES.md 无对应期限，请人工核对")
