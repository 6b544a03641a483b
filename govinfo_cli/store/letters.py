"""Document numbers (文号) for letters: one counter row per series, locked while a number is
taken, so eight clerks at once never get the same number (PostgreSQL: the row lock, and a
concurrent first insert fails on the primary key and is retried by ``db.run_write``;
SQLite: BEGIN IMMEDIATE serialises writers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from govinfo_cli.store.tables import counters_t, events_t


def next_in_series(conn: sa.Connection, series: str) -> int:
    """The next number of a series, taken for good (inside the caller's write transaction)."""
    c = counters_t.c
    last = conn.execute(sa.select(c.last).where(c.series == series).with_for_update()).scalar()
    if last is None:
        conn.execute(sa.insert(counters_t).values(series=series, last=1))
        return 1
    conn.execute(sa.update(counters_t).where(c.series == series).values(last=last + 1))
    return int(last) + 1


def number_used(conn: sa.Connection, number: str) -> bool:
    """A document number already in some case's log (e.g. brought in by an event import)."""
    e = events_t.c
    stmt = sa.select(sa.literal(1)).where(e.type == "letter_issued", e.payload["number"].as_string() == number)
    return conn.execute(stmt.limit(1)).first() is not None


def numbers_used(conn: sa.Connection) -> set[str]:
    """Every document number in the database's logs (an event import checks its letters'
    numbers against them once, not one query per line)."""
    e = events_t.c
    stmt = sa.select(e.payload["number"].as_string()).where(e.type == "letter_issued")
    return {str(n) for n in conn.execute(stmt).scalars() if n is not None}


def append_letter(
    conn: sa.Connection,
    case_id: int,
    type_: str,
    date: dt.date,
    payload: dict[str, Any],
    *,
    operator: str,
    now: dt.datetime,
) -> None:
    """A letter's record at the end of its case's log (the case row is locked by the caller);
    the cached event count follows, nothing else of the cache changes."""
    from govinfo_cli.store.cases import append_event, next_seq
    from govinfo_cli.store.tables import cases_t

    append_event(conn, case_id, next_seq(conn, case_id), type_, date, payload, operator=operator, now=now)
    conn.execute(sa.update(cases_t).where(cases_t.c.id == case_id).values(event_count=cases_t.c.event_count + 1))
