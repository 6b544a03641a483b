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

from govinfo_cli.core import codes, fees
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.events import LETTER_ISSUED, Event
from govinfo_cli.core.rules import NATIONAL, CaseState, Deadline, Profile, amended_event, replay
from govinfo_cli.core.rules.periods import REGULATION_2007, SINCE_2024, exists, period

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


# What a reply says for each outcome and the articles it rests on (条例 2019: 第14–16条 the
# exemptions, 第30条 correction, 第35条 excessive requests, 第36–39条 the replies): the one
# table from outcome code to the law. Each ground is what the office found, what it decides
# (the words of the article), the articles cited, and the words that lead the clerk's
# reason. ``unavailable:not_held`` has two grounds, never cited together: the information
# does not exist (第36条第（四）项), or it is not this office's to disclose (第（五）项,
# ``NOT_OURS``: a reply with ``not_ours`` or the responsible ``body``).
@dataclass(frozen=True)
class Ground:
    basis: tuple[str, ...]  # rule-table spelling (条例第36条第（三）项), cited in this order
    finding: str  # 经审查，…。
    decision: str  # 根据…的规定，…。
    lead: str = "理由如下："  # before the clerk's reason


NOT_OURS = "unavailable:not_held/not_ours"
_WITHHELD = "本机关不予公开"
_SECRET = ("条例第14条", "条例第36条第（三）项")
_GIVEN_UP = "视为放弃申请，本机关不再处理该政府信息公开申请"
GROUNDS: dict[str, Ground] = {
    "disclosed": Ground(("条例第36条第（二）项",), "您申请获取的政府信息属于可以公开的政府信息", "本机关予以公开", ""),
    "partially_disclosed": Ground(
        ("条例第37条",),
        "您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理",
        "本机关向您提供可以公开的政府信息内容",
        "不予公开部分的理由如下：",
    ),
    "withheld:state_secret": Ground(_SECRET, "您申请获取的政府信息属于依法确定为国家秘密的政府信息", _WITHHELD),
    "withheld:prohibited": Ground(_SECRET, "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息", _WITHHELD),
    "withheld:security_stability": Ground(
        _SECRET, "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定", _WITHHELD
    ),
    "withheld:third_party": Ground(
        ("条例第15条", "条例第36条第（三）项"),
        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        _WITHHELD,
    ),
    "withheld:internal_affairs": Ground(
        ("条例第16条第一款", "条例第36条第（三）项"), "您申请获取的政府信息属于行政机关的内部事务信息", _WITHHELD
    ),
    "withheld:process_info": Ground(
        ("条例第16条第二款", "条例第36条第（三）项"),
        "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息",
        _WITHHELD,
    ),
    "withheld:enforcement_file": Ground(
        ("条例第16条第二款", "条例第36条第（三）项"), "您申请获取的政府信息属于行政执法案卷信息", _WITHHELD
    ),
    "withheld:admin_query": Ground(
        ("条例第36条第（七）项",),
        "您申请获取的信息属于行政查询事项，有关法律、行政法规对信息的获取有特别规定",
        "请您依照有关法律、行政法规的规定办理",
        "说明：",
    ),
    "unavailable:not_held": Ground(
        ("条例第36条第（四）项",), "本机关没有检索到您所申请公开的政府信息", "本机关告知您该政府信息不存在", "说明："
    ),
    NOT_OURS: Ground(("条例第36条第（五）项",), "您所申请公开的信息不属于本机关负责公开", "特此告知", "理由如下："),
    "unavailable:needs_creation": Ground(
        ("条例第38条",),
        "本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析方能形成",
        "本机关不予提供",
    ),
    "unavailable:still_unclear": Ground(
        ("条例第30条",), "您补正后的申请内容仍不明确，本机关无法确定您所申请的政府信息", "本机关无法提供"
    ),
    "not_processed:petition": Ground(
        ("条例第39条第一款",),
        "您以政府信息公开申请的形式进行信访、投诉、举报等活动",
        "本机关不作为政府信息公开申请处理，您可以通过相应渠道提出",
        "说明：",
    ),
    "not_processed:duplicate": Ground(
        ("条例第36条第（六）项",),
        "本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息",
        "本机关不予重复处理",
        "说明：",
    ),
    "not_processed:publication": Ground(
        ("条例第39条第二款",),
        "您申请的内容为要求本机关提供政府公报、报刊、书籍等公开出版物",
        "本机关告知您获取的途径",
        "获取途径：",
    ),
    "not_processed:excessive": Ground(
        ("条例第35条",), "您申请公开政府信息的数量、频次明显超过合理范围，且申请理由不合理", "本机关不予处理"
    ),
    # no article of the 条例 names it: none is cited
    "not_processed:confirmation": Ground((), "您要求本机关确认或者重新出具您已获取的信息", "本机关不予处理", "说明："),
    "other:no_correction": Ground(("条例第30条",), "您（单位）无正当理由逾期未补正", _GIVEN_UP, "说明："),
    "other:fee_unpaid": Ground(
        ("国办函〔2020〕109号",), "您（单位）逾期未按收费通知要求缴纳信息处理费", _GIVEN_UP, "说明："
    ),
    "other:other": Ground(
        (), "您的申请不属于予以公开、不予公开、无法提供或者不予处理的情形", "本机关作其他处理", "处理情况："
    ),
}
# Each article a reply cites, in the words of the law (条例 2019; 国办函〔2020〕109号).
ARTICLES: dict[str, str] = {
    "条例第14条": "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、"
    "公共安全、经济安全、社会稳定的政府信息，不予公开。",
    "条例第15条": "涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，"
    "第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。",
    "条例第16条第一款": "行政机关的内部事务信息，包括人事管理、后勤管理、内部工作流程等方面的信息，可以不予公开。",
    "条例第16条第二款": "行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息以及"
    "行政执法案卷信息，可以不予公开。法律、法规、规章规定上述信息应当公开的，从其规定。",
    "条例第30条": "政府信息公开申请内容不明确的，行政机关应当给予指导和释明，并自收到申请之日起7个工作日内一次性"
    "告知申请人作出补正，说明需要补正的事项和合理的补正期限。答复期限自行政机关收到补正的申请之日起计算。申请人无正当"
    "理由逾期不补正的，视为放弃申请，行政机关不再处理该政府信息公开申请。",
    "条例第35条": "申请人申请公开政府信息的数量、频次明显超过合理范围，行政机关可以要求申请人说明理由。行政机关认为"
    "申请理由不合理的，告知申请人不予处理；行政机关认为申请理由合理，但是无法在本条例第三十三条规定的期限内答复申请人"
    "的，可以确定延迟答复的合理期限并告知申请人。",
    "条例第36条第（一）项": "所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
    "条例第36条第（二）项": "所申请公开信息可以公开的，向申请人提供该政府信息，或者告知申请人获取该政府信息的方式、"
    "途径和时间；",
    "条例第36条第（三）项": "行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由；",
    "条例第36条第（四）项": "经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
    "条例第36条第（五）项": "所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府"
    "信息的行政机关的，告知申请人该行政机关的名称、联系方式；",
    "条例第36条第（六）项": "行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，"
    "告知申请人不予重复处理；",
    "条例第36条第（七）项": "所申请公开信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的获取有特别规定的，"
    "告知申请人依照有关法律、行政法规的规定办理。",
    "条例第37条": "申请公开的信息中含有不应当公开或者不属于政府信息的内容，但是能够作区分处理的，行政机关应当向"
    "申请人提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
    "条例第38条": "行政机关向申请人提供的信息，应当是已制作或者获取的政府信息。除依照本条例第三十七条的规定能够作"
    "区分处理的外，需要行政机关对现有政府信息进行加工、分析的，行政机关可以不予提供。",
    "条例第39条第一款": "申请人以政府信息公开申请的形式进行信访、投诉、举报等活动，行政机关应当告知申请人不作为政府"
    "信息公开申请处理并可以告知通过相应渠道提出。",
    "条例第39条第二款": "申请人提出的申请内容为要求行政机关提供政府公报、报刊、书籍等公开出版物的，行政机关可以告知"
    "获取的途径。",
    "国办函〔2020〕109号": "行政机关依法决定收取信息处理费的，应当在政府信息公开申请处理期限内，按照申请人获取信息"
    "的途径向申请人发出收费通知，说明收费的依据、标准、数额、缴纳方式等。申请人应当在收到收费通知次日起20个工作日内"
    "缴纳费用，逾期未缴纳的视为放弃申请，行政机关不再处理该政府信息公开申请。",
}


def ground(outcome: str, data: Mapping[str, Any]) -> Ground:
    """The ground of a reply: its outcome's, or 第36条第（五）项's for information that is
    not this office's to disclose."""
    if outcome == "unavailable:not_held" and (data.get("not_ours") or data.get("body")):
        return GROUNDS[NOT_OURS]
    return GROUNDS[outcome]


# The remedy clause: 行政复议法 (the 2023 law from 2024-01-01: 第20条; before: 第9条), 行政诉讼法第46条.
def remedy_basis(on: dt.date) -> tuple[str, str]:
    return ("行政复议法第20条" if on >= SINCE_2024 else "行政复议法第9条", "行政诉讼法第46条")


COMPLAINT_REJECT_BASIS = "投诉举报处理制度第七条"
COMPLAINT_RULES = "投诉举报处理制度"  # the office's own rules, cited by their title (complaint.rules_title)

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


def cite(basis: str, rules_title: str = "") -> str:
    """A basis from the rule table (条例第33条) as a letter cites it:
    《中华人民共和国政府信息公开条例》第三十三条. The office's own complaint rules
    (投诉举报处理制度第九条) are cited by the title the office set (``complaint.rules_title``),
    and not at all when it has set none (never a title made up from its name)."""
    if not basis:
        return ""
    if basis.startswith(COMPLAINT_RULES):
        if not rules_title:
            return ""
        return f"《{rules_title.strip('《》')}》{basis.removeprefix(COMPLAINT_RULES)}"
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


def cite_all(bases: Sequence[str]) -> str:
    """Several articles as one citation, each law named once:
    《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项."""
    out: list[str] = []
    for b in bases:
        text = cite(b)
        law = next((name for name in _SOURCES.values() if text.startswith(name) and text != name), None)
        if law and out and out[-1].startswith(law):
            out[-1] += "、" + text.removeprefix(law)
        else:
            out.append(text)
    return "、".join(out)


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
) -> dict[str, Any]:
    """The placeholders of one letter: every value a string (empty when not applicable),
    but the correction notice's ``correction_items``, a list of lines."""
    office = office or {}
    evs = statutory(events)
    ev = next(e for e in evs if e.seq == source.seq)
    st = _state_after(kind, evs, source.seq, cal, profile)
    first = evs[0]
    review, lawsuit = remedy_basis(source.date)
    ctx: dict[str, Any] = {
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
        "remedy_reconsideration_basis": cite(review),
        "remedy_lawsuit_basis": cite(lawsuit),
        "to": source.to,
    }
    if kind == "request":
        before_reply = None
        if source.letter == "extension":  # the deadline the extension moves
            prior = [e for e in evs if e.seq < source.seq]
            before_reply = replay(kind, prior, cal, profile).deadlines.get("reply")
        ctx.update(_request(st, ev, source, first, before_reply, office))
    elif kind == "record_correction":
        ctx.update(_record_correction(st, ev, source, first))
    else:
        ctx.update(_complaint(st, ev, source, first, reporter, office.get("complaint.rules_title", "")))
    return {k: v if isinstance(v, list) else "" if v is None else str(v) for k, v in ctx.items()}


def _request(
    st: CaseState, ev: Event, source: Source, first: Event, before_reply: Deadline | None, office: Mapping[str, str]
) -> dict[str, Any]:
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
            correction_items=numbered(ev.get("items") or []),
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
        if not exists("fee_payment", ev.date):  # docs/rules.md §8: no national fee before 2021
            raise Refusal(f"{ev.date} 没有国家信息处理费标准（国办函〔2020〕109号 施行前），不出具收费通知书")
        d = _due(st, "fee_payment")
        amount = ev.get("amount")
        scheme = ev.get("scheme")
        calc = fees.calculation(scheme, nth=ev.get("nth"), pages=ev.get("pages"))[1] if scheme else ""
        out.update(
            fee_amount=_money(amount),
            fee_due=cn_date(d.due),
            fee_days=_wd_text(d),
            fee_basis=cite(d.basis),
            fee_scheme=codes.label(codes.FEE_SCHEMES, scheme) if scheme else "",
            fee_calculation=calc,
            fee_payment=office.get("fee.payment", "").rstrip("。；;. "),
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
        out.update(_reply(ev, first))
    return out


def numbered(items: Sequence[str]) -> list[str]:
    """A notice's items as it lists them: 1.…； 2.…； the last ending in 。."""
    bare = [str(x).rstrip("；;。.，, ") for x in items]
    return [f"{n}.{text}{'。' if n == len(bare) else '；'}" for n, text in enumerate(bare, 1)]


def provide_text(mode: str | None, at: str) -> str:
    """How the information is provided (条例第40条), as the reply says it."""
    if not mode:
        return ""
    if mode == "web":
        return f"您可通过网址{at}查阅、下载。"
    if mode == "email":
        return f"现以电子邮件形式提供，发送至您的电子邮箱{at}。"
    words = {"paper": "纸质", "disc": "光盘"}[mode]
    where = f"邮寄至{at}" if at else "随本答复书一并送达"
    return f"现以{words}形式提供，{where}。"


def _sentence(text: str) -> str:
    """A clerk's text as a sentence of a letter: ending in a full stop."""
    text = text.strip()
    return text if not text or text[-1] in "。！？”）)" else text + "。"


def _reply(ev: Event, first: Event) -> dict[str, Any]:
    """答复书: the outcome's ground (``GROUNDS``: finding, decision, articles), how the
    information is provided, the body responsible, the clerk's reason."""
    if period("reply", first.date).law == REGULATION_2007:
        raise Refusal(
            f"该申请于 {first.date} 收到，按2007年条例答复（docs/rules.md §8）；答复书按2019年条例的条款编写，"
            "不能出具，请另行制作"
        )
    outcome = str(ev.get("outcome"))
    family = outcome.split(":")[0]
    label = codes.label(codes.OUTCOMES, outcome)
    g = ground(outcome, ev.data)
    reason = str(ev.get("reason") or "")
    provided = provide_text(ev.get("provide"), str(ev.get("provide_at") or ""))
    body = str(ev.get("body") or "")
    body_text = f"负责公开该政府信息的行政机关为{body}，您可以向其提出申请。" if g is GROUNDS[NOT_OURS] and body else ""
    basis = cite_all(g.basis)
    decided = f"根据{basis}的规定，{g.decision}。" if basis else f"{g.decision}。"
    reason_text = _sentence(f"{g.lead}{reason}") if reason else ""
    return {
        "outcome": outcome,
        "outcome_family": family,
        "outcome_label": label.split("-")[-1],
        "outcome_group": label.split("-")[0],
        "outcome_basis": basis,
        "outcome_finding": g.finding,
        "outcome_decision": g.decision,
        "provide": codes.label(codes.PROVIDE_MODES, ev.get("provide")) if ev.get("provide") else "",
        "provide_at": str(ev.get("provide_at") or ""),
        "provide_text": provided,
        "body": body,
        "body_text": body_text,
        "reason": reason,
        "reason_text": reason_text,
        "answer": f"经审查，{g.finding}。{decided}{provided}{body_text}{reason_text}",
        "replied": cn_date(ev.date),
    }


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
        out.update(corrected=cn_date(ev.date), note=_sentence(ev.get("note") or ""))
    elif letter == "correction_transfer":
        out.update(transferred=cn_date(ev.date), authority=ev.get("to") or "")
    elif letter == "correction_refusal":
        out.update(refused=cn_date(ev.date), reason=_sentence(ev.get("reason") or ""))
    return out


def _complaint(st: CaseState, ev: Event, source: Source, first: Event, reporter: str, rules: str) -> dict[str, Any]:
    """投诉举报: the periods of the office's own rules, cited by their title (``rules``, the
    setting complaint.rules_title) or not at all."""
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
            conclusion_basis=cite(hd.basis, rules),
        )
    elif letter == "complaint_transfer":
        out.update(decided=cn_date(ev.date), mode=codes.label(codes.COMPLAINT_MODES, ev.get("mode")))
    elif letter == "complaint_extension":
        cd = _due(st, "conclusion")
        out.update(
            extension_days=str(ev.get("days")),
            extension_reason=ev.get("reason", ""),
            conclusion_due=cn_date(cd.due),
            conclusion_basis=cite(cd.basis, rules),
        )
    elif letter == "rejection":
        out.update(
            reject_reason=codes.label(codes.COMPLAINT_REJECT_REASONS, ev.get("reason")),
            reject_basis=cite(COMPLAINT_REJECT_BASIS, rules),
        )
    elif letter == "result":
        out.update(concluded=cn_date(ev.date), result=_sentence(ev.get("result") or ""))
    return out


def _money(amount: Any) -> str:
    if amount is None:
        return ""
    x = float(amount)
    return f"{x:.2f}"


def required_settings(letter: str) -> tuple[str, ...]:
    own = {"fee": ("fee.payment",)}.get(letter, ())
    return COMMON_SETTINGS + (REMEDY_SETTINGS if letter in REMEDY_LETTERS else ()) + own


# --------------------------------------------------------------------------
# Nothing unfilled reaches print
# --------------------------------------------------------------------------

# The values a letter cannot go without, beyond the office's settings (checked before the
# letter is filled): value -> (what it is, how to record it on the event the letter reports,
# as `govinfo amend CASE SEQ` options). A letter lacking one is refused, naming it.
NEEDS: dict[str, dict[str, tuple[str, str]]] = {
    "correction": {
        "correction_items": ("需要补正的事项（条例第30条：一次性告知）", "--set items=事项一 --set items=事项二")
    },
    "fee": {"fee_calculation": ("109号收费的计算（计费方式及件数或页数）", "--set scheme=按量计收 --set pages=页数")},
    "extension": {"extension_reason": ("延期理由", "--set reason=…")},
    "deferral": {"deferral_reason": ("延迟答复的理由", "--set reason=…")},
    "transfer": {"department": ("承办处室", "--set department=…")},
    "consultation": {"to": ("征求意见对象", "--set name=…")},
    "rejection": {"reject_reason": ("不予受理的理由", "--set reason=…")},
    "result": {"result": ("办理结果", "--set result=…")},
    "correction_transfer": {"authority": ("有权更正的机关", "--set to=…")},
    "correction_refusal": {"reason": ("不予更正的理由", "--set reason=…")},
}
_PROVIDE = ("提供方式（纸质、电子邮件、光盘、网址；条例第40条）", "--set provide=电子邮件 --set provide_at=邮箱或网址")
_REASON = ("答复理由", "--set reason=…")


def needs(letter: str, values: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """What ``letter`` cannot go without, given its values (a reply's depend on its outcome)."""
    if letter != "reply":
        return NEEDS.get(letter, {})
    out: dict[str, tuple[str, str]] = {}
    if values.get("outcome_family") in ("disclosed", "partially_disclosed"):
        out["provide_text"] = _PROVIDE
    if values.get("outcome") not in codes.OUTCOMES_WITHOUT_REASON:
        out["reason"] = _REASON
    return out


def check_complete(letter: str, values: Mapping[str, Any], case: str, seq: int) -> None:
    """Refuse a letter that would go out with an empty value it needs, naming the value and
    the `govinfo amend` that records it on event ``seq`` (ValidationError, one line)."""
    title = LETTERS[letter][0]
    for key, (what, how) in needs(letter, values).items():
        if not values.get(key):
            raise ValidationError(
                f"{title}缺少{what}：第 {seq} 号事件没有记录，文书不能留空；"
                f'请先补记：govinfo amend {case} {seq} {how} --reason "补记{what.split("（")[0]}"'
            )


# What a template's unfilled text looks like: a placeholder or a tag docxtpl did not fill, a
# bracketed instruction to the clerk (（…请逐项列明）, （请填写…）), a run of ×.
MARKERS = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}"
    r"|[（(][^（）()]*请[^（）()]*(?:列明|填写|注明|补充|写明)[^（）()]*[）)]"
    r"|[×Ｘ]{2,}"
)


def leftover(text: str) -> str | None:
    """The first piece of unfilled template text in a filled letter, or None."""
    m = MARKERS.search(text)
    return m.group() if m else None


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
        "correction": {"correction_due", "correction_days", "correction_basis", "correction_items"},
        "extension": {"extension_days", "extension_reason", "old_reply_due", "new_reply_due", "extension_basis"},
        "consultation": {"party", "delivered", "answer_due", "answer_days", "answer_basis", "consequence"},
        "fee": {"fee_amount", "fee_due", "fee_days", "fee_basis", "fee_scheme", "fee_calculation", "fee_payment"},
        "deferral": {"deferral_until", "deferral_reason", "deferral_basis"},
        "transfer": {"department", "draft_due", "draft_basis"},
        "reply": {
            "outcome",
            "outcome_family",
            "outcome_label",
            "outcome_group",
            "outcome_basis",
            "outcome_finding",
            "outcome_decision",
            "provide",
            "provide_at",
            "provide_text",
            "body",
            "body_text",
            "reason",
            "reason_text",
            "answer",
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
