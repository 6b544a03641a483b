"""The content of the letters a case's events call for (pure: events, calendar, profile in;
plain text values out). Every date is the engine's (``rules.replay`` of the log up to the
event the letter reports), written the way official documents write dates; every article
is the engine's (a deadline's ``basis`` and ``explain.rule``) or this module's table of the
reply outcomes' articles (条例第36–39条).

A letter is identified by its type and the event it reports (``Source.seq``); a case may
call for several letters of one type (two extensions, one consultation per party).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.events import LETTER_ISSUED, Event
from govinfo_cli.core.rules import NATIONAL, CaseState, Deadline, Profile, amended_event, replay

LETTER_EVENT = LETTER_ISSUED

# letter id -> (Chinese title, case kind, the event types it reports)
LETTERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "receipt": ("政府信息公开申请登记回执", "request", ("received",)),
    "correction": ("政府信息公开申请补正告知书", "request", ("correction_requested",)),
    "extension": ("政府信息公开申请延期答复告知书", "request", ("extended",)),
    "consultation": ("政府信息公开征求意见书", "request", ("consultation_sent",)),
    "fee": ("政府信息公开信息处理费收费通知书", "request", ("fee_notice_received",)),
    "deferral": ("政府信息公开申请延迟答复告知书", "request", ("deferred",)),
    "transfer": ("政府信息公开申请办理通知", "request", ("transferred",)),
    "reply": ("政府信息公开申请答复书", "request", ("replied",)),
    "acceptance": ("投诉举报受理告知书", "complaint", ("complaint_accepted",)),
    "complaint_transfer": ("投诉举报转办告知书", "complaint", ("handling_decided",)),
    "complaint_extension": ("投诉举报延期办理告知书", "complaint", ("complaint_extended",)),
    "rejection": ("投诉举报不予受理告知书", "complaint", ("complaint_rejected",)),
    "result": ("投诉举报办理结果告知书", "complaint", ("complaint_concluded",)),
    # 更正申请 (条例第41条, docs/rules.md §11)
    "correction_receipt": ("更正申请登记回执", "record_correction", ("received",)),
    "correction_done": ("政府信息更正告知书", "record_correction", ("corrected",)),
    "correction_transfer": ("更正申请转送告知书", "record_correction", ("transferred",)),
    "correction_refusal": ("不予更正告知书", "record_correction", ("refused",)),
}
# The case kinds that have letters.
LETTER_KINDS = tuple(dict.fromkeys(k for _, k, _ in LETTERS.values()))
# What a clerk types: the same word on a request and on a complaint.
ALIASES: dict[tuple[str, str], str] = {
    ("complaint", "transfer"): "complaint_transfer",
    ("complaint", "extension"): "complaint_extension",
    # 更正申请: the word of its command (govinfo correction add/done/transfer/refuse)
    ("record_correction", "receipt"): "correction_receipt",
    ("record_correction", "done"): "correction_done",
    ("record_correction", "transfer"): "correction_transfer",
    ("record_correction", "refuse"): "correction_refusal",
}

# Settings every letter needs, and those a letter with a remedy clause needs as well.
COMMON_SETTINGS = ("agency.name", "agency.address", "agency.phone", "agency.seal")
REMEDY_SETTINGS = ("agency.reconsideration_organ", "agency.court")
REMEDY_LETTERS = frozenset({"reply", "correction_refusal"})

# The articles of the reply outcomes (条例 2019: 第14–16条 exemptions, 第36–39条 replies).
OUTCOME_BASIS: dict[str, str] = {
    "disclosed": "条例第36条第（二）项",
    "partially_disclosed": "条例第37条",
    "withheld:state_secret": "条例第14条",
    "withheld:prohibited": "条例第14条",
    "withheld:security_stability": "条例第14条",
    "withheld:third_party": "条例第15条",
    "withheld:internal_affairs": "条例第16条第一款",
    "withheld:process_info": "条例第16条第二款",
    "withheld:enforcement_file": "条例第16条第二款",
    "withheld:admin_query": "条例第36条第（七）项",
    "unavailable:not_held": "条例第36条第（四）、（五）项",
    "unavailable:needs_creation": "条例第38条",
    "unavailable:still_unclear": "条例第30条",
    "not_processed:petition": "条例第39条第一款",
    "not_processed:duplicate": "条例第36条第（六）项",
    "not_processed:publication": "条例第39条第二款",
    "not_processed:excessive": "条例第35条",
    "not_processed:confirmation": "",  # no article of the 条例 names it: none is cited
    "other:no_correction": "条例第30条",
    "other:fee_unpaid": "国办函〔2020〕109号",
    "other:other": "",
}
REMEDY_BASIS = ("行政复议法第20条", "行政诉讼法第46条")
COMPLAINT_REJECT_BASIS = "投诉举报处理制度第七条"

_CN_DIGITS = "零一二三四五六七八九"


def cn_date(d: dt.date | None) -> str:
    """A date as official documents write it: 2026年11月20日."""
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals as article numbers are written (第三十三条)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


_SOURCES = {
    "条例": "《中华人民共和国政府信息公开条例》",
    "行政复议法": "《中华人民共和国行政复议法》",
    "行政诉讼法": "《中华人民共和国行政诉讼法》",
    "国办函〔2020〕109号": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
}


def cite(basis: str, agency: str = "") -> str:
    """A basis from the rule table (条例第33条) as a letter cites it:
    《中华人民共和国政府信息公开条例》第三十三条; the office's own rules carry its name."""
    if not basis:
        return ""
    if basis.startswith("投诉举报处理制度"):
        return f"《{agency}政府信息公开投诉举报处理制度》{basis.removeprefix('投诉举报处理制度')}"
    if basis in _SOURCES:
        return _SOURCES[basis]
    m = re.match(r"^(条例|行政复议法|行政诉讼法)(第.*)$", basis)
    if not m:
        return basis
    law, rest = m.groups()
    rest = re.sub(
        r"第([\d、]+)条", lambda x: "第" + "、".join(cn_number(int(n)) for n in x.group(1).split("、")) + "条", rest
    )
    return _SOURCES[law] + rest


def check_pattern(key: str, value: str) -> None:
    """A document-number pattern must hold {seq} (and may hold {year}), nothing else."""
    if "{seq}" not in value:
        raise ValidationError(f"{key}：文号格式须包含 {{seq}}（序号），如 昌医保依申告〔{{year}}〕{{seq}}号")
    try:
        value.format(year=2026, seq=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(f"{key}：文号格式只能使用 {{year}} 和 {{seq}}（{exc}）") from None


# --------------------------------------------------------------------------
# Which letters a case calls for
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    letter: str
    seq: int
    date: dt.date
    to: str  # the addressee as the log names it ("" when it is the applicant or reporter)

    @property
    def title(self) -> str:
        return LETTERS[self.letter][0]


def statutory(events: Sequence[Event]) -> list[Event]:
    """The case's steps as a letter reports them: letters' records left out (they change no
    deadline), each amendment (docs/rules.md §12) applied to the event it names."""
    steps: list[Event] = []
    for e in events:
        if e.type in (LETTER_EVENT, "voided"):
            continue
        if e.type == "amended":
            target, fields = int(e.get("amends") or 0), dict(e.get("fields") or {})
            steps = [amended_event(s, fields) if s.seq == target else s for s in steps]
            continue
        steps.append(e)
    return steps


def resolve_type(kind: str, typed: str) -> str:
    """The letter id a clerk's TYPE means for a case of this kind."""
    letter = ALIASES.get((kind, typed), typed)
    if letter not in LETTERS or LETTERS[letter][1] != kind:
        allowed = "、".join(t for t, k in typed_names(kind))
        raise Refusal(f"{codes.KINDS.get(kind, kind)}案件没有文书类型 {typed!r}，可选：{allowed}")
    return letter


def typed_names(kind: str) -> list[tuple[str, str]]:
    """(what the clerk types, letter id) for a case kind, in the order of the law."""
    back = {v: t for (k, t), v in ALIASES.items() if k == kind}
    return [(back.get(letter, letter), letter) for letter, (_, k, _) in LETTERS.items() if k == kind]


def sources(kind: str, events: Sequence[Event]) -> list[Source]:
    """Every letter the case's events call for, in the order of the log."""
    out = []
    for e in statutory(events):
        for letter, (_, k, types) in LETTERS.items():
            if k != kind or e.type not in types:
                continue
            if letter == "complaint_transfer" and e.get("mode") not in ("transfer", "supervise"):
                continue
            to = str(e.get("name") or "") if letter == "consultation" else ""
            if letter == "transfer":
                to = str(e.get("department") or "")
            out.append(Source(letter, e.seq, e.date, to))
    return out


def pick(kind: str, events: Sequence[Event], letter: str, *, seq: int | None = None, to: str | None = None) -> Source:
    """The one source a command means: by event number, by addressee, else the only (or
    latest) one of the type."""
    found = [s for s in sources(kind, events) if s.letter == letter]
    title = LETTERS[letter][0]
    if not found:
        want = " / ".join(LETTERS[letter][2])
        raise Refusal(f"该案件没有需要{title}的事件（{want}）")
    if seq is not None:
        chosen = [s for s in found if s.seq == seq]
        if not chosen:
            raise Refusal(f"事件 #{seq} 不需要{title}；可选事件：" + "、".join(f"#{s.seq}" for s in found))
        return chosen[0]
    if to:
        chosen = [s for s in found if s.to == to.strip()]
        if not chosen:
            raise Refusal(f"没有向“{to}”发出的{title}；可选：" + "、".join(s.to for s in found))
        return chosen[-1]
    if letter == "consultation" and len({s.to for s in found}) > 1:
        raise Refusal("该案件征求了多方意见，请用 --to 指定对象：" + "、".join(s.to for s in found))
    return found[-1]


def check_record(kind: str, events: Sequence[Event], payload: Mapping[str, Any]) -> None:
    """A ``letter_issued`` event brought by an event line (docs/contract.md), against the
    case's log before it: the letter is one this kind of case has, reporting an event of the
    log that calls for it (``source``, with the addressee the log names), not issued before
    and not after the case was voided. Whether its document number (文号) is free is the
    database's question (the caller's). Refusal names the field."""
    letter, seq, to = payload["letter"], payload["source"], payload.get("to") or ""
    if letter not in LETTERS or LETTERS[letter][1] != kind:
        allowed = "、".join(x for x, (_, k, _) in LETTERS.items() if k == kind)
        raise Refusal(f"字段 letter: {codes.KINDS.get(kind, kind)}案件没有文书 {letter!r}，可选：{allowed}")
    title = LETTERS[letter][0]
    voided = next((e for e in events if e.type == "voided"), None)
    if voided is not None:
        raise Refusal(f"该案件已于 {voided.date} 作废，不再出具文书")
    found = [s for s in sources(kind, events) if s.letter == letter and s.seq == seq]
    if not found:
        have = "、".join(f"#{s.seq}" for s in sources(kind, events) if s.letter == letter) or "无"
        raise Refusal(f"字段 source: 该案件没有需要{title}的第 {seq} 号事件（需要{title}的事件：{have}）")
    if found[0].to != to:
        raise Refusal(f"字段 to: 第 {seq} 号事件的{title}对象是 {found[0].to or '（申请人）'!r}，不是 {to!r}")
    earlier = next(
        (e for e in events if e.type == LETTER_EVENT and e.get("letter") == letter and e.get("source") == seq), None
    )
    if earlier is not None:
        raise Refusal(f"第 {seq} 号事件的{title}已出具（文号 {earlier.get('number')}），不能再记一个文号")


# --------------------------------------------------------------------------
# The content of one letter
# --------------------------------------------------------------------------


def _state_after(kind: str, events: Sequence[Event], seq: int, cal: WorkCalendar, profile: Profile) -> CaseState:
    """The case as the engine sees it once the event ``seq`` is recorded (what the letter
    reporting that event can say)."""
    upto = [e for e in statutory(events) if e.seq <= seq]
    return replay(kind, upto, cal, profile)


def _due(st: CaseState, code: str) -> Deadline:
    d = st.deadlines.get(code)
    if d is None:
        raise Refusal(f"引擎未算出{codes.deadline_label(code)}（{code}）")
    return d


def _wd_text(d: Deadline) -> str:
    x = d.explain
    return str(x.amount + x.extension) if x.unit == "wd" else ""


def content(
    kind: str,
    events: Sequence[Event],
    source: Source,
    cal: WorkCalendar,
    profile: Profile = NATIONAL,
    office: Mapping[str, str] | None = None,
    *,
    number: str = "",
    case: str = "",
    reporter: str = "",
) -> dict[str, str]:
    """The placeholders of one letter: every value a string (empty when not applicable)."""
    office = office or {}
    evs = statutory(events)
    ev = next(e for e in evs if e.seq == source.seq)
    st = _state_after(kind, evs, source.seq, cal, profile)
    first = evs[0]
    ctx: dict[str, str] = {
        "title": source.title,
        "number": number,
        "case": case,
        "date": cn_date(source.date),
        "agency": office.get("agency.name", ""),
        "agency_office": office.get("agency.office", ""),
        "agency_address": office.get("agency.address", ""),
        "agency_phone": office.get("agency.phone", ""),
        "seal": office.get("agency.seal", ""),
        "reconsideration_organ": office.get("agency.reconsideration_organ", ""),
        "court": office.get("agency.court", ""),
        "remedy_reconsideration_basis": cite(REMEDY_BASIS[0]),
        "remedy_lawsuit_basis": cite(REMEDY_BASIS[1]),
        "to": source.to,
    }
    if kind == "request":
        before_reply = None
        if source.letter == "extension":  # the deadline the extension moves
            prior = [e for e in evs if e.seq < source.seq]
            before_reply = replay(kind, prior, cal, profile).deadlines.get("reply")
        ctx.update(_request(st, ev, source, first, before_reply))
    elif kind == "record_correction":
        ctx.update(_record_correction(st, ev, source, first))
    else:
        ctx.update(_complaint(st, ev, source, first, reporter, ctx["agency"]))
    return {k: ("" if v is None else str(v)) for k, v in ctx.items()}


def _request(st: CaseState, ev: Event, source: Source, first: Event, before_reply: Deadline | None) -> dict[str, Any]:
    f = first.data
    reply = st.deadlines.get("reply")
    out: dict[str, Any] = {
        "applicant": f.get("applicant", ""),
        "applicant_type": codes.label(codes.APPLICANT_TYPES, f.get("applicant_type")),
        "subject": f.get("subject", ""),
        "channel": codes.label(codes.CHANNELS, f.get("channel")),
        "received": cn_date(first.date),
        "arrival": cn_date(dt.date.fromisoformat(f["arrival_date"])) if f.get("arrival_date") else "",
        "reply_due": cn_date(reply.due) if reply and reply.due else "",
        "reply_basis": cite(reply.basis) if reply else "",
        "reply_rule": reply.explain.rule if reply else "",
    }
    if not source.to:
        out["to"] = out["applicant"]
    letter = source.letter
    if letter == "receipt":
        notice = _due(st, "correction_notice")
        out["correction_notice_due"] = cn_date(notice.due)
    elif letter == "correction":
        d = _due(st, "correction_response")
        out.update(
            correction_due=cn_date(d.due),
            correction_days=_wd_text(d),
            correction_basis=cite(d.basis),
        )
    elif letter == "extension":
        new = _due(st, "reply")
        out.update(
            extension_days=str(ev.get("working_days")),
            extension_reason=ev.get("reason", ""),
            old_reply_due=cn_date(before_reply.due) if before_reply else "",
            new_reply_due=cn_date(new.due),
            extension_basis=cite(new.basis),
        )
    elif letter == "consultation":
        party = ev.get("party")
        d = _due(st, f"consultation_answer:{party}")
        consequence = (
            "逾期未提出意见的，视为同意公开。"
            if party == "agency"
            else "逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。"
        )
        out.update(
            party=codes.label(codes.PARTIES, party),
            to=ev.get("name", ""),
            delivered=cn_date(dt.date.fromisoformat(ev.get("delivered"))) if ev.get("delivered") else cn_date(ev.date),
            answer_due=cn_date(d.due),
            answer_days=_wd_text(d),
            answer_basis=cite(d.basis),
            consequence=consequence,
        )
    elif letter == "fee":
        d = _due(st, "fee_payment")
        amount = ev.get("amount")
        out.update(
            fee_amount=_money(amount),
            fee_due=cn_date(d.due),
            fee_days=_wd_text(d),
            fee_basis=cite(d.basis),
        )
    elif letter == "deferral":
        d = _due(st, "reply")
        out.update(
            deferral_until=cn_date(d.due),
            deferral_reason=ev.get("reason", ""),
            deferral_basis=cite(d.basis),
        )
    elif letter == "transfer":
        draft = st.deadlines.get("draft")
        out.update(
            department=ev.get("department") or st.facts.get("department") or "",
            draft_due=cn_date(draft.due) if draft and draft.due else "",
            draft_basis=draft.basis if draft else "",
        )
        out["to"] = out["department"]
    elif letter == "reply":
        outcome = ev.get("outcome")
        family = outcome.split(":")[0] if outcome else ""
        label = codes.label(codes.OUTCOMES, outcome)
        out.update(
            outcome=outcome,
            outcome_family=family,
            outcome_label=label.split("-")[-1],
            outcome_group=label.split("-")[0],
            outcome_basis=cite(OUTCOME_BASIS.get(outcome, "")),
            reason=ev.get("reason", ""),
            replied=cn_date(ev.date),
        )
    return out


def _record_correction(st: CaseState, ev: Event, source: Source, first: Event) -> dict[str, Any]:
    """更正申请 (条例第41条): the office's period (``correction_reply``) and its article from
    the rule table; the outcome's own facts (the body it went to, the reason refused)."""
    f = first.data
    d = _due(st, "correction_reply")
    out: dict[str, Any] = {
        "to": f.get("applicant", ""),
        "applicant": f.get("applicant", ""),
        "applicant_type": codes.label(codes.APPLICANT_TYPES, f.get("applicant_type")),
        "subject": f.get("subject", ""),
        "received": cn_date(first.date),
        "reply_due": cn_date(d.due),
        "reply_days": _wd_text(d),
        "reply_basis": cite(d.basis),
        "reply_rule": d.explain.rule,
    }
    letter = source.letter
    if letter == "correction_done":
        out.update(corrected=cn_date(ev.date), note=ev.get("note") or "")
    elif letter == "correction_transfer":
        out.update(transferred=cn_date(ev.date), authority=ev.get("to") or "")
    elif letter == "correction_refusal":
        out.update(refused=cn_date(ev.date), reason=ev.get("reason") or "")
    return out


def _complaint(st: CaseState, ev: Event, source: Source, first: Event, reporter: str, agency: str) -> dict[str, Any]:
    f = first.data
    out: dict[str, Any] = {
        "to": reporter or "投诉举报人",
        "respondent": f.get("respondent", ""),
        "summary": f.get("summary", ""),
        "accepted": cn_date(first.date),
    }
    letter = source.letter
    if letter == "acceptance":
        hd, cd = _due(st, "handling_decision"), _due(st, "conclusion")
        out.update(
            handling_due=cn_date(hd.due),
            conclusion_due=cn_date(cd.due),
            conclusion_basis=cite(hd.basis, agency),
        )
    elif letter == "complaint_transfer":
        out.update(decided=cn_date(ev.date), mode=codes.label(codes.COMPLAINT_MODES, ev.get("mode")))
    elif letter == "complaint_extension":
        cd = _due(st, "conclusion")
        out.update(
            extension_days=str(ev.get("days")),
            extension_reason=ev.get("reason", ""),
            conclusion_due=cn_date(cd.due),
            conclusion_basis=cite(cd.basis, agency),
        )
    elif letter == "rejection":
        out.update(
            reject_reason=codes.label(codes.COMPLAINT_REJECT_REASONS, ev.get("reason")),
            reject_basis=cite(COMPLAINT_REJECT_BASIS, agency),
        )
    elif letter == "result":
        out.update(concluded=cn_date(ev.date), result=ev.get("result", ""))
    return out


def _money(amount: Any) -> str:
    if amount is None:
        return ""
    x = float(amount)
    return f"{x:.2f}"


def required_settings(letter: str) -> tuple[str, ...]:
    return COMMON_SETTINGS + (REMEDY_SETTINGS if letter in REMEDY_LETTERS else ())


def placeholders(letter: str) -> frozenset[str]:
    """Every placeholder a template of this letter may use (a template using any other is
    refused, naming it)."""
    common = {
        "title", "number", "case", "date", "agency", "agency_office", "agency_address", "agency_phone",
        "seal", "reconsideration_organ", "court", "remedy_reconsideration_basis", "remedy_lawsuit_basis", "to",
    }  # fmt: skip
    request = {"applicant", "applicant_type", "subject", "channel", "received", "arrival", "reply_due",
               "reply_basis", "reply_rule"}  # fmt: skip
    complaint = {"respondent", "summary", "accepted"}
    record = {"applicant", "applicant_type", "subject", "received", "reply_due", "reply_days", "reply_basis",
              "reply_rule"}  # fmt: skip
    own = {
        "receipt": {"correction_notice_due"},
        "correction": {"correction_due", "correction_days", "correction_basis"},
        "extension": {"extension_days", "extension_reason", "old_reply_due", "new_reply_due", "extension_basis"},
        "consultation": {"party", "delivered", "answer_due", "answer_days", "answer_basis", "consequence"},
        "fee": {"fee_amount", "fee_due", "fee_days", "fee_basis"},
        "deferral": {"deferral_until", "deferral_reason", "deferral_basis"},
        "transfer": {"department", "draft_due", "draft_basis"},
        "reply": {
            "outcome",
            "outcome_family",
            "outcome_label",
            "outcome_group",
            "outcome_basis",
            "reason",
            "replied",
        },  # fmt: skip
        "acceptance": {"handling_due", "conclusion_due", "conclusion_basis"},
        "complaint_transfer": {"decided", "mode"},
        "complaint_extension": {"extension_days", "extension_reason", "conclusion_due", "conclusion_basis"},
        "rejection": {"reject_reason", "reject_basis"},
        "result": {"concluded", "result"},
        "correction_receipt": set(),
        "correction_done": {"corrected", "note"},
        "correction_transfer": {"transferred", "authority"},
        "correction_refusal": {"refused", "reason"},
    }[letter]
    base = {"request": request, "complaint": complaint, "record_correction": record}[LETTERS[letter][1]]
    return frozenset(common | base | own)
