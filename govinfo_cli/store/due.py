"""What is due: one indexed query over the deadline cache (no replay, no ORM objects)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from govinfo_cli.store.tables import cases_t, deadlines_t
from govinfo_cli.store.typed import Row


def due_rows(
    conn: sa.Connection,
    today: dt.date,
    now: dt.datetime,
    horizon: dt.date,
    *,
    overdue_only: bool = False,
    department: str | None = None,
    kind: str | None = None,
) -> Iterable[Row]:
    """The open cases' pending deadlines due by ``horizon`` (a quiet one only from today),
    by due date; ``overdue_only``: those already past (the date, or the hour of an
    hour-counted one). The rows come as the database gives them (read them before the
    connection closes): `due` may list tens of thousands, never all held at once."""
    d, c = deadlines_t, cases_t
    stmt = (
        sa.select(
            c.c.number,
            c.c.kind,
            c.c.department,
            c.c.party,
            c.c.party_type,
            d.c.code,
            d.c.name,
            d.c.due,
            d.c.due_at,
            d.c.provisional,
        )
        .select_from(d.join(c, c.c.id == d.c.case_id))
        .where(
            d.c.state == "pending",
            d.c.due.is_not(None),
            d.c.due <= horizon,
            c.c.status == "open",
            sa.or_(d.c.quiet.is_(False), d.c.due >= today),
        )
        .order_by(d.c.due, d.c.due_at, c.c.number, d.c.code, d.c.name)
    )
    if overdue_only:
        stmt = stmt.where(sa.or_(d.c.due < today, d.c.due_at < now))
    if department:
        stmt = stmt.where(c.c.department == department)
    if kind:
        stmt = stmt.where(c.c.kind == kind)
    return conn.execute(stmt.execution_options(yield_per=2000))  # fetched in batches, not row by row
