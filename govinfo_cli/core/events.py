"""Event types (CONTRACT.md vocabulary), their fields, and field validation.

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
        "opinion": (_code(codes.OPINIONS), False),
    },
    ("request", "fee_notice_received"): {"amount": (MONEY, True)},
    ("request", "fee_paid"): {},
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
        "simplified": (BOOL, False),
        "department": (TEXT, False),
    },
    ("appeal", "lawsuit_copy_received"): {
        "request": (TEXT, False),
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


def event_date(raw: Any) -> dt.date:
    if raw is None:
        raise ValidationError("缺少字段 date")
    try:
        return parse_date(str(raw), strict=True)
    except ValueError as exc:
        raise ValidationError(f"字段 date: {exc}") from None
