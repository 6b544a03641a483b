"""`govinfo audit`: who recorded, entered late (补录), revealed, exported with --reveal, amended,
voided, locked and unlocked what, and when (local time). The event log and the audit log
merged in time order. An amendment or a void made after one of the case's deadlines had passed,
and a late entry that cleared a breach, say so (docs/rules.md §12, §14)."""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.errors import GovinfoError
from govinfo_cli.core.events import HISTORY_FLAGS, as_line
from govinfo_cli.store import trail

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

ACTIONS = {
    "record": "记录事件",
    "late_entry": "补录事件",
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
    detail: str  # in Chinese (an event by its Chinese term)
    event_type: str | None = None  # the event's code (docs/contract.md), for an event entry

    def to_json(self) -> dict[str, Any]:
        return {
            "at": local(self.at).isoformat(timespec="seconds"),
            "operator": self.operator,
            "action": self.action,
            "target": self.target,
            "detail": self.detail,
            "event_type": self.event_type,
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


def _from_event(r: trail.EventEntry, marks: Callable[[Any], str]) -> Entry:
    payload = r.payload
    action = {"amended": "amend", "voided": "void"}.get(r.type, "record")
    label = codes.EVENT_TYPES.get(r.kind, {}).get(r.type) or r.type
    detail = f"第 {r.seq} 个事件：{label}（{r.date}）"
    if payload.get("entered_late"):  # docs/rules.md §14
        action = "late_entry"
        detail += f"；补录理由：{payload['entered_late']}"
    if payload.get("unlock_reason"):
        action = "unlock"
        detail += f"；理由：{payload['unlock_reason']}"
    elif action == "void" and payload.get("reason"):
        detail += f"；理由：{payload['reason']}"
    flags = as_line({**payload, **(payload.get("fields") or {})})  # an amendment may set one too
    for flag, label in HISTORY_FLAGS.items():  # accepted without a check the commands make: why
        if flags.get(flag):
            detail += f"；{label}：{flags[flag]}"
    if r.type in ("amended", "voided") or payload.get("entered_late"):
        detail += marks(r)
    return Entry(r.recorded_at, r.operator, action, r.number, detail, r.type)


def _marker(ctx: Context) -> Callable[[Any], str]:
    """What the audit adds to an amendment, a void or a late entry: whether it was made after a
    deadline had passed (or cleared a breach). Each case named is replayed once, on a connection
    of its own (the entries stream on another)."""
    from govinfo_cli.app.calendar import calendar_for_reading
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.core.rules import replay
    from govinfo_cli.store.cases import find_case, load_events

    states: dict[tuple[str, str], Any] = {}
    cal_profile: list[Any] = []

    def marks(r: Any) -> str:
        key = (r.kind, r.number)
        if key not in states:
            with ctx.engine.connect() as conn:
                if not cal_profile:
                    cal_profile.extend((calendar_for_reading(ctx, conn), office_profile(ctx, conn)))
                row = find_case(conn, r.number, r.kind)
                evs = load_events(conn, row.id) if row else []
            try:
                states[key] = replay(r.kind, evs, *cal_profile) if evs else None
            except GovinfoError:
                states[key] = None
        st = states[key]
        if st is None:
            return ""
        if r.type == "amended":
            a = next((a for a in st.amendments if a.seq == r.seq), None)
            if a is not None and a.marked:
                return f"；期限届满后更正（更正时已届满：{_labels(a.passed)}）"
        elif r.type == "voided":
            if st.voided is not None and st.voided.seq == r.seq and st.voided.after_deadline:
                return f"；期限届满后作废（作废时已逾期：{_labels(st.voided.passed)}）"
        else:
            x = next((x for x in st.late_entries if x.seq == r.seq), None)
            if x is not None and x.cleared:
                return f"；补录后原已逾期的{_labels(x.cleared)}不再逾期"
        return ""

    return marks


def _labels(deadlines: Any) -> str:
    return "、".join(codes.deadline_label(c) for c in deadlines)


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
    marks = _marker(ctx)
    with ctx.engine.connect() as conn:
        logged = map(_from_audit, trail.audit_entries(conn, target=case, by=by, start=start, end=end))
        found = trail.event_entries(conn, number=case, by=by, start=start, end=end)
        events = (_from_event(r, marks) for r in found)
        yield from heapq.merge(events, logged, key=_key)
