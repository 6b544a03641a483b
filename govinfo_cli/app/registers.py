"""Registers (登记簿): the request register's columns and value tables, and one register
row from a stored case, shared by export (``register_export``) and import (``register_import``)."""

from __future__ import annotations

from collections.abc import Sequence
from types import SimpleNamespace
from typing import Any

from govinfo_cli.core import codes, personal
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import amended_event
from govinfo_cli.store.registers import Filters, register_payloads

__all__ = ["Filters", "REQUEST_COLUMNS", "display_value", "register_row"]

# docs/contract.md: the request register's columns, in this order.
REQUEST_COLUMNS: list[tuple[str, str]] = [
    ("case", "编号"),
    ("received", "收到日期"),
    ("channel", "渠道"),
    ("applicant", "申请人"),
    ("applicant_type", "申请人类型"),
    ("id_number", "证件号码"),
    ("contact", "联系方式"),
    ("subject", "申请内容"),
    ("department", "承办处室"),
    ("reply_due", "答复期限"),
    ("replied", "答复日期"),
    ("outcome", "办理结果"),
    ("note", "备注"),
]
LABEL_TO_CODE = {label: code for code, label in REQUEST_COLUMNS} | {c: c for c, _ in REQUEST_COLUMNS}
LABEL = dict(REQUEST_COLUMNS)
REQUIRED = ("case", "received", "channel", "applicant", "applicant_type", "subject")
PERSONAL = tuple(code for code, _ in REQUEST_COLUMNS if code in personal.PERSONAL)  # masked unless revealed
# register value tables: codes out as Chinese labels, back in as either
VALUE_TABLES = {"channel": codes.CHANNELS, "applicant_type": codes.APPLICANT_TYPES, "outcome": codes.OUTCOMES}
VALUE_MAPS = {
    col: {
        **{label.split("-")[-1]: code for code, label in table.items()},
        **{label: code for code, label in table.items()},
        **{code: code for code in table},
    }
    for col, table in VALUE_TABLES.items()
}


def register_row(r: Any, *, reveal: bool) -> dict[str, Any]:
    """One register row (column code -> value) from a row of ``store.registers.register_select``."""
    p, reply = register_payloads(r)
    row = {
        "case": r.number,
        "received": r.opened,
        "channel": p.get("channel"),
        "applicant": p.get("applicant"),
        "applicant_type": p.get("applicant_type"),
        "id_number": p.get("id_number", ""),
        "contact": p.get("contact", ""),
        "subject": p.get("subject"),
        "department": r.department or "",
        "reply_due": r.due,
        "replied": r.closed,
        "outcome": r.outcome,
        "note": (reply or {}).get("reason", "") if r.closed else "",
    }
    return personal.seal(row, reveal=reveal)


def display_value(code: str, value: Any) -> Any:
    """Codes go out as their Chinese labels (which parse back on import)."""
    if code in VALUE_TABLES and isinstance(value, str):
        return VALUE_TABLES[code].get(value, value)
    return value


def amended_log(events: Sequence[Event]) -> list[Event]:
    """The case's events as amended (docs/rules.md §12): each ``amended`` event applied to the
    event it names, log events left out (replay does the same before counting)."""
    steps: list[Event] = []
    for ev in events:
        if ev.type == "amended":
            at = next((i for i, e in enumerate(steps) if e.seq == ev.get("amends")), None)
            if at is not None:
                steps[at] = amended_event(steps[at], ev.get("fields") or {})
        elif ev.type != "voided":
            steps.append(ev)
    return steps


def as_amended(r: Any, events: Sequence[Event]) -> Any:
    """A register-query row whose received and reply payloads are read from the amended log."""
    log = amended_log(events)
    received = next((e for e in log if e.type == "received"), None)
    reply = next((e for e in reversed(log) if e.type in ("replied", "withdrawn")), None)
    row = dict(r._mapping)
    if received is not None:
        row["received"] = dict(received.data)
    if reply is not None:
        row["reply"] = dict(reply.data)
    return SimpleNamespace(**row)


APPEAL_TYPES = {"reconsideration": "行政复议", "lawsuit": "行政诉讼"}
# The other registers (complaints, appeals, disclosures): their coded columns, in Chinese.
OTHER_VALUE_TABLES: dict[str, dict[str, str]] = {
    "status": codes.STATUSES,
    "outcome": codes.CASE_OUTCOMES,
    "type": {**APPEAL_TYPES, **codes.ATTRIBUTES, **codes.DECISIONS},
}


def other_display_value(code: str, value: Any) -> Any:
    """A complaint, appeal or disclosure register cell: codes as Chinese labels (--json keeps codes)."""
    if code == "next_deadline" and value:
        return codes.deadline_label(value)
    table = OTHER_VALUE_TABLES.get(code)
    if table is not None and isinstance(value, str):
        return table.get(value, value)
    return value
