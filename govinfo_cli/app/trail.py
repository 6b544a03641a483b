"""`govinfo audit`: who recorded, revealed, exported with --reveal, amended, voided,
locked and unlocked what, and when (local time). The event log and the audit log
merged in time order."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.store import trail

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

ACTIONS = {
    "record": "记录事件",
    "amend": "更正记录",
    "void": "作废案件",
    "unlock": "解锁补录",
    "reveal": "查看个人信息",
    "export_reveal": "导出（含个人信息）",
    "lock": "年度锁定",
    "config": "修改设置",
    "repair": "重写缓存",
}


@dataclass(frozen=True)
class Entry:
    at: dt.datetime  # UTC
    operator: str
    action: str  # an ACTIONS key
    target: str  # a case number, a list or an export, a year, a setting
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {
            "at": local(self.at).isoformat(timespec="seconds"),
            "operator": self.operator,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
        }


def local(at: dt.datetime) -> dt.datetime:
    """A UTC recording time on this machine's clock (SQLite hands it back naive)."""
    return (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone()


def _utc_bound(day: dt.date | None) -> dt.datetime | None:
    """Local midnight at the start of ``day``, in UTC."""
    if day is None:
        return None
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def _from_audit(r: trail.AuditEntry) -> Entry:
    action = r.action
    if action == "reveal" and r.target.startswith("export "):
        action = "export_reveal"
    return Entry(r.at, r.operator, action, r.target, r.detail)


def _from_event(r: trail.EventEntry) -> Entry:
    payload = r.payload
    action = {"amended": "amend", "voided": "void"}.get(r.type, "record")
    label = codes.EVENT_TYPES.get(r.kind, {}).get(r.type) or r.type
    detail = f"第 {r.seq} 个事件：{label}（{r.type}，{r.date}）"
    if payload.get("unlock_reason"):
        action = "unlock"
        detail += f"；理由：{payload['unlock_reason']}"
    elif action == "void" and payload.get("reason"):
        detail += f"；理由：{payload['reason']}"
    return Entry(r.recorded_at, r.operator, action, r.number, detail)


def _key(e: Entry) -> dt.datetime:
    return e.at if e.at.tzinfo else e.at.replace(tzinfo=dt.UTC)


def entries(
    ctx: Context,
    *,
    case: str | None = None,
    by: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> Iterator[Entry]:
    """Every entry matching the filters, oldest first (``date_to`` inclusive, local days)."""
    start = _utc_bound(date_from)
    end = _utc_bound(date_to + dt.timedelta(days=1)) if date_to else None
    by = by.strip() if by is not None else None
    case = case.strip() if case is not None else None
    with ctx.engine.connect() as conn:
        logged = map(_from_audit, trail.audit_entries(conn, target=case, by=by, start=start, end=end))
        events = map(_from_event, trail.event_entries(conn, number=case, by=by, start=start, end=end))
        yield from heapq.merge(events, logged, key=_key)
