"""Event types (docs/contract.md vocabulary), their fields, and field validation.

An event is a dated fact about a case. ``normalize`` turns a raw mapping (a JSON
line, or a command's options) into the canonical payload, or raises
``ValidationError`` naming the field. Whether the event is allowed *now* (state
machine) is decided by ``rules.replay``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from govinfo_cli.core import codes, fields, personal
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.core.rules.periods import period


@dataclass(frozen=True)
class Event:
    type: str
    date: dt.date
    data: Mapping[str, Any] = field(default_factory=dict)
    seq: int = 0
    operator: str = ""
    recorded_at: str = ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


Parser = fields.Parser

# The field types (core.fields): declared for each event field in FIELDS below.
_text = fields.text_field()
_code = fields.code_field
_int_range = fields.integer_field
TEXT = _text  # one line, at most 200 characters (the cached party column)
DEPARTMENT = fields.text_field(64)  # the cached department column
LONG_TEXT = fields.text_field(fields.LONG_TEXT_MAX, multiline=True)  # may hold several lines
DATE = fields.date_field  # in event lines: YYYY-MM-DD only (normalize(..., line=True))
BOOL = fields.bool_field
MONEY = fields.amount_field
ITEMS = fields.text_list_field(20)  # several lines of text, one item each
DATETIME = fields.datetime_field
_LINE_SPELLING: dict[Parser, Parser] = {DATE: fields.iso_date_field}


def REASON(v: Any) -> str:  # noqa: N802 - a field type, spelt like the others
    """Why an event is accepted without a check the commands make (a history flag): text,
    never a bare true (docs/contract.md: "never silently")."""
    if isinstance(v, bool):
        raise ValueError("应写明理由（文本），不是 true/false")
    text: str = LONG_TEXT(v)
    return text


# (kind, type) -> {field: (parser, required)}
FIELDS: dict[tuple[str, str], dict[str, tuple[Parser, bool]]] = {
    ("request", "received"): {
        "channel": (_code(codes.CHANNELS), True),
        "applicant": (TEXT, True),
        "applicant_type": (_code(codes.APPLICANT_TYPES), True),
        "subject": (LONG_TEXT, True),
        "arrival_date": (DATE, False),
        "id_number": (TEXT, False),
        "id_unchecked": (REASON, False),  # a history flag: why the check digit is not checked
        "contact": (TEXT, False),
        "department": (DEPARTMENT, False),
    },
    ("request", "correction_requested"): {
        "within_wd": (_int_range(1, 60), False),
        "items": (ITEMS, False),  # 第30条: the matters to correct, one by one (the notice lists them)
    },
    ("request", "correction_received"): {"accept_late": (LONG_TEXT, False)},  # the reason, when late (§14)
    ("request", "extended"): {
        "working_days": (_int_range(1, period("reply_extension").days), True),  # 条例第33条
        "reason": (LONG_TEXT, True),
    },
    ("request", "consultation_sent"): {
        "party": (_code(codes.PARTIES), True),
        "name": (TEXT, True),
        "delivered": (DATE, False),
    },
    ("request", "consultation_answered"): {
        "party": (_code(codes.PARTIES), True),
        "name": (TEXT, False),  # which one answered (docs/rules.md §10)
        "opinion": (_code(codes.OPINIONS), False),
    },
    ("request", "accepted"): {},  # the request is clear: settles correction_notice
    ("request", "fee_notice_received"): {
        "amount": (MONEY, True),
        # the 109号 calculation the notice states: the scheme, and the applicant's n-th request
        # of the month (按件) or the pages (按量)
        "scheme": (_code(codes.FEE_SCHEMES), False),
        "nth": (_int_range(1, 100_000), False),
        "pages": (_int_range(0, 10_000_000), False),
    },
    ("request", "fee_paid"): {"accept_late": (LONG_TEXT, False)},  # the reason, when paid late (§9)
    ("request", "deferred"): {"until": (DATE, True), "reason": (LONG_TEXT, True)},
    ("request", "replied"): {
        "outcome": (_code(codes.OUTCOMES), True),
        "reason": (LONG_TEXT, False),
        "historic": (REASON, False),  # a history flag: a register's row (a reason may be missing)
        # 予以公开 / 部分公开: how the information is provided (条例第40条) and where
        "provide": (_code(codes.PROVIDE_MODES), False),
        "provide_at": (TEXT, False),
        # 本机关不掌握: not this office's to disclose (第36条第（五）项), and the body that is
        "not_ours": (BOOL, False),
        "body": (TEXT, False),
    },
    ("request", "withdrawn"): {"reason": (LONG_TEXT, False)},
    ("request", "transferred"): {"department": (DEPARTMENT, False)},
    ("request", "transfer_declined"): {"reason": (LONG_TEXT, True)},
    ("request", "draft_extended"): {
        "working_days": (_int_range(1, period("draft_extension").days), True),
        "reason": (LONG_TEXT, True),
    },
    ("request", "draft_submitted"): {},
    ("request", "approved"): {},
    ("complaint", "complaint_accepted"): {
        "respondent": (TEXT, False),
        "summary": (LONG_TEXT, False),
        "reporter": (TEXT, False),
        "channel": (TEXT, False),
        "department": (DEPARTMENT, False),
    },
    ("complaint", "complaint_extended"): {
        "days": (_int_range(1, period("conclusion_extension").days), True),
        "reason": (LONG_TEXT, False),
    },
    ("complaint", "handling_decided"): {"mode": (_code(codes.COMPLAINT_MODES), True)},
    ("complaint", "complaint_concluded"): {"result": (LONG_TEXT, False)},
    ("complaint", "complaint_rejected"): {"reason": (_code(codes.COMPLAINT_REJECT_REASONS), True)},
    ("appeal", "reconsideration_copy_received"): {
        "request": (TEXT, False),
        "external": (BOOL, False),  # the request is not in govinfo: its number is kept as text
        "simplified": (BOOL, False),
        "department": (DEPARTMENT, False),
    },
    ("appeal", "lawsuit_copy_received"): {
        "request": (TEXT, False),
        "external": (BOOL, False),
        "route": (_code(codes.LAWSUIT_ROUTES), False),
        "department": (DEPARTMENT, False),
    },
    ("appeal", "agency_replied"): {},
    ("appeal", "defense_submitted"): {},
    ("appeal", "appeal_decided"): {"result": (_code(codes.APPEAL_RESULTS), True)},
    ("disclosure", "information_formed"): {
        "title": (TEXT, True),
        "category": (TEXT, False),
        "attribute": (_code(codes.ATTRIBUTES), False),
        "department": (DEPARTMENT, False),
        "catalogue_item": (_int_range(1, 99999), False),  # 公开目录 row (catalogue list #)
    },
    ("disclosure", "information_changed"): {
        "title": (TEXT, True),
        "category": (TEXT, False),
        "attribute": (_code(codes.ATTRIBUTES), False),
        "department": (DEPARTMENT, False),
        "repealed": (BOOL, False),  # 废止 (annual report section 二)
        "catalogue_item": (_int_range(1, 99999), False),
    },
    ("disclosure", "enforcement_decision"): {
        "decision": (_code(codes.DECISIONS), True),
        "title": (TEXT, False),
        "department": (DEPARTMENT, False),
    },
    ("disclosure", "policy_published"): {
        "title": (TEXT, True),
        "department": (DEPARTMENT, False),
    },
    ("disclosure", "published"): {"channel": (TEXT, False)},
    ("disclosure", "duty_opened"): {
        "duty": (_code(codes.DUTIES), True),
        "year": (_int_range(2000, 2100), True),
        "department": (DEPARTMENT, False),
    },
    ("disclosure", "duty_done"): {"duty": (_code(codes.DUTIES), False)},
    ("opinion", "opinion_detected"): {
        "at": (DATETIME, True),
        "major": (BOOL, False),
        "summary": (TEXT, False),  # cached as the case's party (200)
        "department": (DEPARTMENT, False),
    },
    ("opinion", "opinion_released"): {"at": (DATETIME, True)},
    ("opinion", "press_conference_held"): {"at": (DATETIME, True)},
    ("opinion", "opinion_responded"): {"at": (DATETIME, True)},
    # 更正申请 (docs/rules.md §11)
    ("record_correction", "received"): {
        "applicant": (TEXT, True),
        "applicant_type": (_code(codes.APPLICANT_TYPES), True),
        "subject": (LONG_TEXT, True),
        "id_number": (TEXT, False),
        "id_unchecked": (REASON, False),  # a history flag: why the check digit is not checked
        "contact": (TEXT, False),
        "department": (DEPARTMENT, False),
    },
    ("record_correction", "corrected"): {"note": (LONG_TEXT, False)},
    ("record_correction", "transferred"): {"to": (TEXT, True)},  # the agency that holds it
    ("record_correction", "refused"): {"reason": (LONG_TEXT, True)},
}


def _fields(v: Any) -> dict[str, Any]:
    """An amendment's ``fields``: a non-empty {field: new value} (checked against the
    amended event's own fields by ``normalize_amendment``)."""
    if not isinstance(v, Mapping) or not v:
        raise ValueError("应为 {字段: 新值} 且不能为空")
    if not all(isinstance(k, str) for k in v):
        raise ValueError("字段名应为文本")
    return dict(v)


# docs/rules.md §12: every kind may amend an event of its log or void the case.
for _kind in codes.KINDS:
    FIELDS[(_kind, "amended")] = {
        "amends": (_int_range(1, 10**9), True),
        "fields": (_fields, True),
        "reason": (LONG_TEXT, True),
    }
    FIELDS[(_kind, "voided")] = {"reason": (LONG_TEXT, True)}

# Letters (issue 14): the record that a letter (文书) was issued, with its document number
# (文号) and the event it reports. It changes no deadline: ``rules.replay`` skips it.
LETTER_ISSUED = "letter_issued"
RECORD_ONLY = frozenset({LETTER_ISSUED})
for _kind in ("request", "complaint", "record_correction"):
    FIELDS[(_kind, LETTER_ISSUED)] = {
        "letter": (TEXT, True),
        "number": (TEXT, True),
        "source": (_int_range(1, 1_000_000), True),
        "to": (TEXT, False),
    }

# docs/rules.md §14: any event may say why it is entered after events dated later than it
# (补录); replay then places it by its own date (``rules.engine.ENTERED_LATE``).
ENTERED_LATE = "entered_late"
for _spec in FIELDS.values():
    _spec[ENTERED_LATE] = (LONG_TEXT, False)

# History flags (docs/contract.md): an event accepted without a check the commands make,
# each holding the reason why, which `govinfo audit` and `show` list. Until issue 24 they were
# recorded as true: an event line gives such an old event the reason it stood for.
HISTORY_FLAGS = {"id_unchecked": "证件号码未校验", "historic": "历史记录"}
REGISTER_HISTORY = "登记簿导入"  # the reason `import requests` gives a register row's reply
_LEGACY_REASONS = {"id_unchecked": "以 --force-id 登记（当时不要求写理由）", "historic": REGISTER_HISTORY}
# What an event line may carry beside its type's fields: the reason it was recorded in a
# year locked at the time (docs/contract.md; --unlock-reason on a command).
UNLOCK_REASON = "unlock_reason"


def as_line(payload: Mapping[str, Any]) -> Mapping[str, Any]:
    """A stored payload as an event line carries it (``export events``; what a re-imported
    line is compared with): an old history flag stored as true given the reason it stood
    for, one stored as false left out. Anything else is the payload itself."""
    if not any(isinstance(payload.get(flag), bool) for flag in _LEGACY_REASONS):
        return payload
    out = dict(payload)
    for flag, reason in _LEGACY_REASONS.items():
        if out.get(flag) is True:
            out[flag] = reason
        elif out.get(flag) is False:
            del out[flag]
    return out


# Fields that carry personal data (masked unless revealed): the one table is core.personal's.
PERSONAL_FIELDS = frozenset(personal.PERSONAL)
# Fields that only annotate an event and never change its meaning (not required to match
# when deciding whether a re-imported line is the same event).
ENVELOPE = frozenset({"case", "kind", "type", "date"})


CASE_NUMBER = fields.text_field(64)  # 编号: in event lines, registers and --case


def normalize(kind: str, type_: str, raw: Mapping[str, Any], *, line: bool = False) -> dict[str, Any]:
    """The canonical payload of an event (codes, ISO dates), or ValidationError.
    ``line``: the fields come from an event line, whose dates are YYYY-MM-DD only."""
    if not isinstance(kind, str) or kind not in codes.KINDS:
        raise ValidationError(f"未知案件类别 kind {fields.shown(kind)}，可选：{', '.join(codes.KINDS)}")
    spec = FIELDS.get((kind, type_)) if isinstance(type_, str) else None
    if spec is None:
        allowed = ", ".join(t for (k, t) in FIELDS if k == kind)
        raise ValidationError(f"{kind} 没有事件类型 {fields.shown(type_)}，可选：{allowed}")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name in ENVELOPE:
            continue
        if line and name == UNLOCK_REASON and value not in (None, ""):
            try:
                out[name] = LONG_TEXT(value)
            except ValueError as exc:
                raise ValidationError(f"字段 {name}: {exc}", field=name, detail=str(exc)) from None
            continue
        if name not in spec:
            raise ValidationError(f"事件 {type_} 没有字段 {fields.shown(name)}")
        if value is None or value == "":
            continue
        parser, _ = spec[name]
        if line:
            parser = _LINE_SPELLING.get(parser, parser)
        try:
            out[name] = parser(value)
        except ValueError as exc:
            raise ValidationError(f"字段 {name}: {exc}", field=name, detail=str(exc)) from None
        if name in PERSONAL_FIELDS:
            _not_masked(name, out[name])
    for name, (_, required) in spec.items():
        if required and name not in out:
            raise ValidationError(f"事件 {type_} 缺少字段 {name}")
    return out


def normalize_amendment(
    kind: str, target_type: str, changes: Mapping[str, Any], *, line: bool = False
) -> dict[str, Any]:
    """The canonical ``fields`` of an amendment of a ``target_type`` event: each field one the
    event has (or ``date``), checked by the same field type as the value it replaces; an empty
    value removes an optional field. ``line``: from an event line (dates YYYY-MM-DD only, as
    the event's own date). Raises ValidationError naming the field."""
    spec = FIELDS.get((kind, target_type)) if isinstance(target_type, str) else None
    if spec is None or target_type in ("amended", "voided"):
        raise ValidationError(f"不能更正 {fields.shown(target_type)} 事件")
    try:
        items = _fields(changes).items()
    except ValueError as exc:
        raise ValidationError(f"字段 fields: {exc}", field="fields") from None
    out: dict[str, Any] = {}
    for name, value in items:
        if name == "date":
            try:
                out["date"] = fields.parse_day(value, strict=line).isoformat()
            except ValueError as exc:
                raise ValidationError(f"字段 date: {exc}", field="date", detail=str(exc)) from None
            continue
        if name not in spec:
            raise ValidationError(f"事件 {target_type} 没有字段 {fields.shown(name)}", field=name)
        parser, required = spec[name]
        if value is None or value == "":
            if required:
                raise ValidationError(f"字段 {name} 是必填项，不能删去", field=name)
            out[name] = None
            continue
        if line:
            parser = _LINE_SPELLING.get(parser, parser)
        try:
            out[name] = parser(value)
        except ValueError as exc:
            raise ValidationError(f"字段 {name}: {exc}", field=name, detail=str(exc)) from None
        if name in PERSONAL_FIELDS:
            _not_masked(name, out[name], within="fields.")
    return out


def _not_masked(name: str, value: Any, within: str = "") -> None:
    """A personal field never stores what masking made of it (``139****5678``, （保密）)."""
    if personal.is_masked(name, value):
        why = personal.masked_problem(name)
        raise ValidationError(f"字段 {within}{name}: {why}", field=name, detail=why)


def event_date(raw: Any) -> dt.date:
    """An event's own date as an event line gives it: YYYY-MM-DD, FIRST_YEAR–LAST_YEAR."""
    if raw is None:
        raise ValidationError("缺少字段 date")
    try:
        return fields.parse_day(raw, strict=True)
    except ValueError as exc:
        raise ValidationError(f"字段 date: {exc}") from None


def case_number(raw: Any, what: str = "字段 case") -> str:
    """A case number (编号) as typed or read: one line of text, at most 64 characters."""
    if raw is None or raw == "":
        raise ValidationError(f"缺少{what}")
    try:
        number: str = CASE_NUMBER(raw)
    except ValueError as exc:
        raise ValidationError(f"{what}: {exc}") from None
    return number


def envelope(obj: Mapping[str, Any]) -> tuple[str, str, str, dt.date]:
    """(case number, kind, type, date) of one event line, each checked; ValidationError names
    the field. The other fields are checked by ``normalize(kind, type, obj, line=True)``."""
    number = case_number(obj.get("case"))
    kind_type: list[str] = []
    for name in ("kind", "type"):
        value = obj.get(name)
        if value is None or value == "":
            raise ValidationError(f"缺少字段 {name}")
        if not isinstance(value, str):
            raise ValidationError(f"字段 {name}: 应为文本，不是{fields.json_type(value)}")
        kind_type.append(value.strip())
    kind, type_ = kind_type
    return number, kind, type_, event_date(obj.get("date"))
