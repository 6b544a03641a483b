"""Event types (docs/contract.md vocabulary), their fields, and field validation.

An event is a dated fact about a case. ``normalize`` turns a raw mapping (a JSON
line, or a command's options) into the canonical payload, or raises
``ValidationError`` naming the field. Whether the event is allowed *now* (state
machine) is decided by ``rules.replay``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.dates import parse_date, parse_datetime
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


Parser = Callable[[Any], Any]


def _text(v: Any) -> str:
    if not isinstance(v, str | int | float) or isinstance(v, bool):
        raise ValueError("应为文本")
    s = str(v).strip()
    if not s:
        raise ValueError("不能为空")
    return s


def _code(table: Mapping[str, str]) -> Parser:
    def parse(v: Any) -> str:
        code = codes.parse(table, str(v)) if isinstance(v, str) else None
        if code is None:
            raise ValueError(f"未知取值 {v!r}，可选：{codes.choices(table)}")
        return code

    return parse


def _int_range(lo: int, hi: int) -> Parser:
    def parse(v: Any) -> int:
        if isinstance(v, bool):
            raise ValueError("应为整数")
        try:
            n = int(str(v).strip())
        except ValueError:
            raise ValueError(f"{v!r} 不是整数") from None
        if not lo <= n <= hi:
            raise ValueError(f"应在 {lo}–{hi} 之间")
        return n

    return parse


def _money(v: Any) -> float | int:
    if isinstance(v, bool):
        raise ValueError("应为金额")
    try:
        d = Decimal(str(v).strip())
    except InvalidOperation:
        raise ValueError(f"{v!r} 不是金额") from None
    if d < 0 or d != d:
        raise ValueError("金额不能为负")
    return int(d) if d == d.to_integral_value() else float(d)


def _bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    s = str(v).strip().lower()
    if s in {"true", "1", "yes", "是", "y"}:
        return True
    if s in {"false", "0", "no", "否", "n"}:
        return False
    raise ValueError(f"{v!r} 不是真假值 (true/false)")


def _date(v: Any) -> str:
    return parse_date(str(v)).isoformat()


def _datetime(v: Any) -> str:
    return parse_datetime(str(v)).isoformat(timespec="minutes")


TEXT, DATE, BOOL, MONEY, DATETIME = _text, _date, _bool, _money, _datetime

# (kind, type) -> {field: (parser, required)}
FIELDS: dict[tuple[str, str], dict[str, tuple[Parser, bool]]] = {
    ("request", "received"): {
        "channel": (_code(codes.CHANNELS), True),
        "applicant": (TEXT, True),
        "applicant_type": (_code(codes.APPLICANT_TYPES), True),
        "subject": (TEXT, True),
        "arrival_date": (DATE, False),
        "id_number": (TEXT, False),
        "id_unchecked": (BOOL, False),
        "contact": (TEXT, False),
        "department": (TEXT, False),
    },
    ("request", "correction_requested"): {"within_wd": (_int_range(1, 60), False)},
    ("request", "correction_received"): {},
    ("request", "extended"): {
        "working_days": (_int_range(1, period("reply_extension").days), True),  # 条例第33条
        "reason": (TEXT, True),
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
    ("request", "fee_notice_received"): {"amount": (MONEY, True)},
    ("request", "fee_paid"): {"accept_late": (TEXT, False)},  # the reason, when paid late (§9)
    ("request", "deferred"): {"until": (DATE, True), "reason": (TEXT, True)},
    ("request", "replied"): {
        "outcome": (_code(codes.OUTCOMES), True),
        "reason": (TEXT, False),
        "historic": (BOOL, False),  # from a register (history): a reason may be missing
    },
    ("request", "withdrawn"): {"reason": (TEXT, False)},
    ("request", "transferred"): {"department": (TEXT, False)},
    ("request", "transfer_declined"): {"reason": (TEXT, True)},
    ("request", "draft_extended"): {
        "working_days": (_int_range(1, period("draft_extension").days), True),
        "reason": (TEXT, True),
    },
    ("request", "draft_submitted"): {},
    ("request", "approved"): {},
    ("complaint", "complaint_accepted"): {
        "respondent": (TEXT, False),
        "summary": (TEXT, False),
        "reporter": (TEXT, False),
        "channel": (TEXT, False),
        "department": (TEXT, False),
    },
    ("complaint", "complaint_extended"): {
        "days": (_int_range(1, period("conclusion_extension").days), True),
        "reason": (TEXT, False),
    },
    ("complaint", "handling_decided"): {"mode": (_code(codes.COMPLAINT_MODES), True)},
    ("complaint", "complaint_concluded"): {"result": (TEXT, False)},
    ("complaint", "complaint_rejected"): {"reason": (_code(codes.COMPLAINT_REJECT_REASONS), True)},
    ("appeal", "reconsideration_copy_received"): {
        "request": (TEXT, False),
        "external": (BOOL, False),  # the request is not in govinfo: its number is kept as text
        "simplified": (BOOL, False),
        "department": (TEXT, False),
    },
    ("appeal", "lawsuit_copy_received"): {
        "request": (TEXT, False),
        "external": (BOOL, False),
        "route": (_code(codes.LAWSUIT_ROUTES), False),
        "department": (TEXT, False),
    },
    ("appeal", "agency_replied"): {},
    ("appeal", "defense_submitted"): {},
    ("appeal", "appeal_decided"): {"result": (_code(codes.APPEAL_RESULTS), True)},
    ("disclosure", "information_formed"): {
        "title": (TEXT, True),
        "category": (TEXT, False),
        "attribute": (_code(codes.ATTRIBUTES), False),
        "department": (TEXT, False),
        "catalogue_item": (_int_range(1, 99999), False),  # 公开目录 row (catalogue list #)
    },
    ("disclosure", "information_changed"): {
        "title": (TEXT, True),
        "category": (TEXT, False),
        "attribute": (_code(codes.ATTRIBUTES), False),
        "department": (TEXT, False),
        "repealed": (BOOL, False),  # 废止 (annual report section 二)
        "catalogue_item": (_int_range(1, 99999), False),
    },
    ("disclosure", "enforcement_decision"): {
        "decision": (_code(codes.DECISIONS), True),
        "title": (TEXT, False),
        "department": (TEXT, False),
    },
    ("disclosure", "policy_published"): {
        "title": (TEXT, True),
        "department": (TEXT, False),
    },
    ("disclosure", "published"): {"channel": (TEXT, False)},
    ("disclosure", "duty_opened"): {
        "duty": (_code(codes.DUTIES), True),
        "year": (_int_range(2000, 2100), True),
        "department": (TEXT, False),
    },
    ("disclosure", "duty_done"): {"duty": (_code(codes.DUTIES), False)},
    ("opinion", "opinion_detected"): {
        "at": (DATETIME, True),
        "major": (BOOL, False),
        "summary": (TEXT, False),
        "department": (TEXT, False),
    },
    ("opinion", "opinion_released"): {"at": (DATETIME, True)},
    ("opinion", "press_conference_held"): {"at": (DATETIME, True)},
    ("opinion", "opinion_responded"): {"at": (DATETIME, True)},
    # 更正申请 (docs/rules.md §11)
    ("record_correction", "received"): {
        "applicant": (TEXT, True),
        "applicant_type": (_code(codes.APPLICANT_TYPES), True),
        "subject": (TEXT, True),
        "id_number": (TEXT, False),
        "id_unchecked": (BOOL, False),
        "contact": (TEXT, False),
        "department": (TEXT, False),
    },
    ("record_correction", "corrected"): {"note": (TEXT, False)},
    ("record_correction", "transferred"): {"to": (TEXT, True)},
    ("record_correction", "refused"): {"reason": (TEXT, True)},
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
        "reason": (TEXT, True),
    }
    FIELDS[(_kind, "voided")] = {"reason": (TEXT, True)}

# Letters (issue 14): the record that a letter (文书) was issued, with its document number
# (文号) and the event it reports. It changes no deadline: ``rules.replay`` skips it.
LETTER_ISSUED = "letter_issued"
RECORD_ONLY = frozenset({LETTER_ISSUED})
for _kind in ("request", "complaint"):
    FIELDS[(_kind, LETTER_ISSUED)] = {
        "letter": (TEXT, True),
        "number": (TEXT, True),
        "source": (_int_range(1, 1_000_000), True),
        "to": (TEXT, False),
    }

# Fields that carry personal data (masked unless revealed).
PERSONAL_FIELDS = frozenset({"id_number", "contact", "reporter"})
# Fields that only annotate an event and never change its meaning (not required to match
# when deciding whether a re-imported line is the same event).
ENVELOPE = frozenset({"case", "kind", "type", "date"})


def normalize(kind: str, type_: str, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical payload of an event (codes, ISO dates), or ValidationError."""
    if kind not in codes.KINDS:
        raise ValidationError(f"未知案件类别 kind {kind!r}，可选：{', '.join(codes.KINDS)}")
    spec = FIELDS.get((kind, type_))
    if spec is None:
        allowed = ", ".join(t for (k, t) in FIELDS if k == kind)
        raise ValidationError(f"{kind} 没有事件类型 {type_!r}，可选：{allowed}")
    out: dict[str, Any] = {}
    for name, value in raw.items():
        if name in ENVELOPE:
            continue
        if name not in spec:
            raise ValidationError(f"事件 {type_} 没有字段 {name!r}")
        if value is None or value == "":
            continue
        parser, _ = spec[name]
        try:
            out[name] = parser(value)
        except ValueError as exc:
            raise ValidationError(f"字段 {name}: {exc}", field=name, detail=str(exc)) from None
    for name, (_, required) in spec.items():
        if required and name not in out:
            raise ValidationError(f"事件 {type_} 缺少字段 {name}")
    return out


def normalize_amendment(kind: str, target_type: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical ``fields`` of an amendment of a ``target_type`` event: each field one the
    event has (or ``date``), parsed as the event's own; an empty value removes an optional
    field. Raises ValidationError naming the field."""
    spec = FIELDS.get((kind, target_type))
    if spec is None or target_type in ("amended", "voided"):
        raise ValidationError(f"不能更正 {target_type} 事件")
    try:
        items = _fields(fields).items()
    except ValueError as exc:
        raise ValidationError(f"字段 fields: {exc}", field="fields") from None
    out: dict[str, Any] = {}
    for name, value in items:
        if name == "date":
            try:
                out["date"] = _date(value)
            except ValueError as exc:
                raise ValidationError(f"字段 date: {exc}", field="date", detail=str(exc)) from None
            continue
        if name not in spec:
            raise ValidationError(f"事件 {target_type} 没有字段 {name!r}", field=name)
        parser, required = spec[name]
        if value is None or value == "":
            if required:
                raise ValidationError(f"字段 {name} 是必填项，不能删去", field=name)
            out[name] = None
            continue
        try:
            out[name] = parser(value)
        except ValueError as exc:
            raise ValidationError(f"字段 {name}: {exc}", field=name, detail=str(exc)) from None
    return out


def event_date(raw: Any) -> dt.date:
    if raw is None:
        raise ValidationError("缺少字段 date")
    try:
        return parse_date(str(raw), strict=True)
    except ValueError as exc:
        raise ValidationError(f"字段 date: {exc}") from None
