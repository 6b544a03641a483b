"""What is due: one query over one index (no replay, no ORM objects, no join).

Each cached deadline carries its case's number, kind, status, department and party
(store.cache.deadline_rows), and the pending ones have an index of their own in `due`'s
order holding every column read here (ix_deadlines_pending, store.models): the database
reads that index from the first due date to the horizon and nothing else."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import chain
from typing import Any

import sqlalchemy as sa

from govinfo_cli.store.tables import PENDING, deadlines_t

BATCH = 500  # rows fetched at a time
SCAN_CACHE = -128  # SQLite's page cache while `due` reads its index (KiB; 2 MiB by default)


@contextmanager
def due_rows(
    conn: sa.Connection,
    today: dt.date,
    now: dt.datetime,
    horizon: dt.date,
    *,
    overdue_only: bool = False,
    department: str | None = None,
    kind: str | None = None,
) -> Iterator[Iterator[Sequence[Any]]]:
    """The open cases' pending deadlines due by ``horizon`` (a quiet one only from today), by
    due date, each (number, kind, department, party, party_type, code, name, due, due_at,
    provisional); ``overdue_only``: those already past (the date, or the hour of an
    hour-counted one). A context: ``with due_rows(…) as rows`` reads them as the database
    gives them, in batches (`due` may list tens of thousands, never all held at once):
    ``due`` and ``due_at`` as the driver gives them (read them with ``day`` and ``moment``),
    ``provisional`` true or false (1 or 0)."""
    d = deadlines_t
    stmt = (
        sa.select(
            d.c.number,
            d.c.kind,
            d.c.department,
            d.c.party,
            d.c.party_type,
            d.c.code,
            d.c.name,
            d.c.due,
            d.c.due_at,
            d.c.provisional,
        )
        .where(
            PENDING,
            d.c.due.is_not(None),
            d.c.due <= horizon,
            d.c.status == "open",
            sa.or_(d.c.quiet.is_(False), d.c.due >= today),
        )
        .order_by(d.c.due, d.c.due_at, d.c.number, d.c.code, d.c.name)  # the index's order: no sort
    )
    if overdue_only:
        stmt = stmt.where(sa.or_(d.c.due < today, d.c.due_at < now))
    if department:
        stmt = stmt.where(d.c.department == department)
    if kind:
        stmt = stmt.where(d.c.kind == kind)
    if conn.dialect.name != "sqlite":
        yield iter(conn.execute(stmt.execution_options(yield_per=BATCH)))  # fetched in batches
        return
    # SQLite: the driver's rows as they are (dates as ISO text: ``day``, ``moment``), fetched
    # in batches, through a page cache of a few pages (the index is read once, in order)
    size = conn.exec_driver_sql("PRAGMA cache_size").scalar_one()
    conn.exec_driver_sql(f"PRAGMA cache_size = {SCAN_CACHE}")
    try:
        result = conn.execute(stmt)
        fetch = result.cursor.fetchmany
        yield chain.from_iterable(iter(lambda: fetch(BATCH), []))
        result.close()
    finally:
        conn.exec_driver_sql(f"PRAGMA cache_size = {int(size)}")


def day(value: dt.date | str) -> dt.date:
    """A ``due`` of ``due_rows`` as a date."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def moment(value: dt.datetime | str | None) -> dt.datetime | None:
    """A ``due_at`` of ``due_rows`` as a datetime."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value
