"""Bulk writes through SQLAlchemy Core at driver speed: the column types' own bind
processors, then one ``executemany`` per batch. Portable (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa


def reserve_ids(conn: sa.Connection, table: sa.Table, n: int) -> list[int]:
    """n fresh primary keys. SQLite: the write lock is held (BEGIN IMMEDIATE), so the
    keys after max(id) are ours; PostgreSQL: taken from the table's sequence."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = conn.exec_driver_sql(
            f"SELECT pg_get_serial_sequence('{table.name}', 'id')").scalar()
        return list(conn.exec_driver_sql(
            f"SELECT nextval('{seq}') FROM generate_series(1, {int(n)})").scalars())
    top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
    return list(range(top + 1, top + 1 + n))


def _processor(type_: sa.types.TypeEngine, dialect: sa.Dialect):  # noqa: ANN202
    proc = type_._cached_bind_processor(dialect)
    if dialect.name == "sqlite" and type(type_) is sa.Date:
        return dt.date.isoformat  # what SQLAlchemy stores for a Date on SQLite, done in C
    if proc is not None and isinstance(type_, sa.DateTime):
        return lru_cache(maxsize=64)(proc)  # a batch shares its recording time
    return proc


def insert_rows(conn: sa.Connection, table: sa.Table, columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert positional rows (values in `columns` order)."""
    if not rows:
        return
    dialect = conn.dialect
    procs = [_processor(table.c[c].type, dialect) for c in columns]
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    sql = f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) " \
          f"VALUES ({', '.join([mark] * len(columns))})"
    if any(procs):  # column by column: one map() per column instead of a call per cell
        cols = list(zip(*rows, strict=True))
        for i, proc in enumerate(procs):
            if proc is not None:
                col = cols[i]
                cols[i] = tuple(map(lambda v, p=proc: None if v is None else p(v), col)) \
                    if None in col else tuple(map(proc, col))
        rows = list(zip(*cols, strict=True))
    conn.exec_driver_sql(sql, list(rows))
