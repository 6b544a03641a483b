"""The disclosure catalogue's rows, and which of them the event log refers to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from govinfo_cli.store.tables import events_t, items_t
from govinfo_cli.store.typed import Row


def replace_items(conn: sa.Connection, rows: list[dict[str, Any]]) -> int:
    """Replace every row with ``rows``; returns how many rows were there before."""
    before = conn.execute(sa.select(sa.func.count()).select_from(items_t)).scalar() or 0
    conn.execute(sa.delete(items_t))
    if rows:
        conn.execute(sa.insert(items_t), rows)
    return before


def all_items(conn: sa.Connection) -> Sequence[Row]:
    return conn.execute(sa.select(items_t).order_by(items_t.c.id)).all()


def item(conn: sa.Connection, number: int) -> Row | None:
    return conn.execute(sa.select(items_t).where(items_t.c.id == number)).first()


def is_empty(conn: sa.Connection) -> bool:
    return not conn.execute(sa.select(items_t.c.id).limit(1)).first()


def items_recorded_in(conn: sa.Connection, year: int) -> set[int]:
    """Catalogue rows that a disclosure item formed or changed in ``year`` refers to."""
    ref = events_t.c.payload["catalogue_item"].as_integer()
    q = (
        sa.select(ref)
        .distinct()
        .where(
            events_t.c.type.in_(("information_formed", "information_changed")),
            events_t.c.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31)),
            ref.is_not(None),
        )
    )
    return {n for (n,) in conn.execute(q)}
