"""The audit trail's queries: the audit log and the event log's who-and-when, filtered
by case, operator and recording time (UTC bounds), each in time order (streamed); the
audit log and the year locks in chain order, for ``db check``. Times and payloads are
decoded by store.decode, naming the entry or event a damaged value belongs to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, NamedTuple

import sqlalchemy as sa

from govinfo_cli.core.errors import DamagedRecord
from govinfo_cli.store import decode
from govinfo_cli.store.tables import audit_t, cases_t, events_t, locks_t


def _stream(conn: sa.Connection, stmt: Any) -> Any:
    return conn.execution_options(stream_results=True, yield_per=2000).execute(stmt)


class AuditEntry(NamedTuple):
    id: int
    at: dt.datetime  # UTC
    operator: str
    action: str
    target: str
    detail: str
    chain: str | None


class EventEntry(NamedTuple):
    kind: str
    number: str
    seq: int
    type: str
    date: dt.date
    payload: dict[str, Any]
    operator: str
    recorded_at: dt.datetime  # UTC


class LockEntry(NamedTuple):
    year: int
    seq: int | None
    operator: str
    locked_at: dt.datetime  # UTC
    note: str
    chain: str | None


def audit_where(r: Any) -> str:
    return f"审计日志第 {r.id} 条（{r.action} {r.target}）"


def audit_entry(r: Any) -> AuditEntry:
    """An audit row as stored, decoded (a damaged time names the entry)."""
    try:
        at = decode.stamp(r.at, "at")
    except DamagedRecord as exc:
        raise exc.at(audit_where(r)) from None
    return AuditEntry(r.id, at, r.operator, r.action, r.target, r.detail, r.chain)


def lock_entry(r: Any) -> LockEntry:
    """A year-lock row as stored, decoded (a damaged time names the year)."""
    try:
        at = decode.stamp(r.locked_at, "locked_at")
    except DamagedRecord as exc:
        raise exc.at(f"{r.year} 年度的锁定记录") from None
    return LockEntry(r.year, r.seq, r.operator, at, r.note, r.chain)


AUDIT_ROW = (
    audit_t.c.id,
    decode.raw(audit_t.c.at),
    audit_t.c.operator,
    audit_t.c.action,
    audit_t.c.target,
    audit_t.c.detail,
    audit_t.c.chain,
)
_LOCK_ROW = (
    locks_t.c.year,
    locks_t.c.seq,
    locks_t.c.operator,
    decode.raw(locks_t.c.locked_at),
    locks_t.c.note,
    locks_t.c.chain,
)


def audit_in_order(conn: sa.Connection) -> Any:
    """Every audit row as stored, in chain (id) order (streamed): ``audit_entry`` decodes one."""
    return _stream(conn, sa.select(*AUDIT_ROW).order_by(audit_t.c.id))


def locks_in_order(conn: sa.Connection) -> Any:
    """Every year-lock row as stored, in the order the years were locked: ``lock_entry`` decodes one."""
    return conn.execute(sa.select(*_LOCK_ROW).order_by(locks_t.c.seq, locks_t.c.year)).all()


def audit_entries(
    conn: sa.Connection, *, target: str | None, by: str | None, start: dt.datetime | None, end: dt.datetime | None
) -> Iterator[AuditEntry]:
    a = audit_t
    stmt = sa.select(*AUDIT_ROW).order_by(a.c.at, a.c.id)
    if target is not None:
        stmt = stmt.where(a.c.target == target)
    if by is not None:
        stmt = stmt.where(a.c.operator == by)
    if start is not None:
        stmt = stmt.where(a.c.at >= start)
    if end is not None:
        stmt = stmt.where(a.c.at < end)
    return map(audit_entry, _stream(conn, stmt))


def event_entries(
    conn: sa.Connection, *, number: str | None, by: str | None, start: dt.datetime | None, end: dt.datetime | None
) -> Iterator[EventEntry]:
    e, c = events_t, cases_t
    stmt = (
        sa.select(
            e.c.seq,
            e.c.type,
            decode.raw(e.c.date),
            decode.raw(e.c.payload),
            e.c.operator,
            decode.raw(e.c.recorded_at),
            c.c.kind,
            c.c.number,
        )
        .join(c, c.c.id == e.c.case_id)
        .order_by(e.c.recorded_at, e.c.id)
    )
    if number is not None:
        stmt = stmt.where(c.c.number == number)
    if by is not None:
        stmt = stmt.where(e.c.operator == by)
    if start is not None:
        stmt = stmt.where(e.c.recorded_at >= start)
    if end is not None:
        stmt = stmt.where(e.c.recorded_at < end)
    return map(_event_entry, _stream(conn, stmt))


def _event_entry(r: Any) -> EventEntry:
    try:
        return EventEntry(
            r.kind,
            r.number,
            r.seq,
            r.type,
            decode.day(r.date),
            decode.payload(r.payload),
            r.operator,
            decode.stamp(r.recorded_at),
        )
    except DamagedRecord as exc:
        raise exc.at(f"案件 {r.number} 第 {r.seq} 个事件（{r.type}）") from None
