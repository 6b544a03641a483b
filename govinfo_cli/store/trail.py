"""The audit trail's queries: the audit log and the event log's who-and-when, filtered
by case, operator and recording time (UTC bounds), each in time order (streamed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from govinfo_cli.store.tables import audit_t, cases_t, events_t


def _stream(conn: sa.Connection, stmt: Any) -> Any:
    return conn.execution_options(stream_results=True, yield_per=2000).execute(stmt)


def audit_entries(
    conn: sa.Connection, *, target: str | None, by: str | None, start: dt.datetime | None, end: dt.datetime | None
) -> Any:
    a = audit_t
    stmt = sa.select(a).order_by(a.c.at, a.c.id)
    if target is not None:
        stmt = stmt.where(a.c.target == target)
    if by is not None:
        stmt = stmt.where(a.c.operator == by)
    if start is not None:
        stmt = stmt.where(a.c.at >= start)
    if end is not None:
        stmt = stmt.where(a.c.at < end)
    return _stream(conn, stmt)


def event_entries(
    conn: sa.Connection, *, number: str | None, by: str | None, start: dt.datetime | None, end: dt.datetime | None
) -> Any:
    e, c = events_t, cases_t
    stmt = (
        sa.select(e.c.seq, e.c.type, e.c.date, e.c.payload, e.c.operator, e.c.recorded_at, c.c.kind, c.c.number)
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
    return _stream(conn, stmt)
