"""Bulk writes through SQLAlchemy Core at driver speed: the column types' own bind
processors, then one ``executemany`` per batch. Portable (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import sqlalchemy as sa


def reserve_ids(conn: sa.Connection, table: sa.Table, n: int) -> list[int]:
    """n fresh primary keys. SQLite: the write lock is held (BEGIN IMMEDIATE), so the
    keys after max(id) are ours; PostgreSQL: taken from the table's sequence."""
    if n == 0:
        return []
    if conn.dialect.name == "postgresql":
        seq = conn.exec_driver_sql(f"SELECT pg_get_serial_sequence('{table.name}', 'id')").scalar()
        return list(conn.exec_driver_sql(f"SELECT nextval('{seq}') FROM generate_series(1, {int(n)})").scalars())
    top = conn.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0
    return list(range(top + 1, top + 1 + n))


def _processor(type_: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    proc = type_._cached_bind_processor(dialect)
    if dialect.name == "sqlite" and type(type_) is sa.Date:
        return dt.date.isoformat  # what SQLAlchemy stores for a Date on SQLite, done in C
    if dialect.name == "sqlite" and isinstance(type_, sa.Boolean):
        return int  # SQLite stores booleans as 0/1
    if dialect.name == "sqlite" and isinstance(type_, sa.JSON):
        return dialect._json_serializer or json.dumps  # what JSON's processor calls, directly
    if proc is not None and isinstance(type_, sa.DateTime):
        return lru_cache(maxsize=64)(proc)  # a batch shares its recording time
    return proc


def _insert_sql(dialect: sa.Dialect, table: sa.Table, columns: Sequence[str]) -> str:
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
    return (
        f"INSERT INTO {dialect.identifier_preparer.quote(table.name)} ({names}) "
        f"VALUES ({', '.join([mark] * len(columns))})"
    )


def insert_rows(conn: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert positional rows (values in `columns` order)."""
    if not rows:
        return
    if any(_processor(table.c[c].type, conn.dialect) for c in columns):
        insert_columns(conn, table, columns, list(zip(*rows, strict=True)))
    else:
        conn.exec_driver_sql(_insert_sql(conn.dialect, table, columns), list(rows))


def insert_columns(
    conn: sa.Connection, table: sa.Table, columns: Sequence[str], values: Sequence[Sequence[Any]]
) -> None:
    """Insert rows given column by column (``values[i]`` holds every row's value for
    ``columns[i]``): one map() per column through its type's bind processor instead of
    a call per cell, then one executemany."""
    if not values or not values[0]:
        return
    cols = list(values)
    for i, c in enumerate(columns):
        proc = _processor(table.c[c].type, conn.dialect)
        if proc is not None:
            col = cols[i]
            first = col[0]  # one value for the whole batch (e.g. the recording time)?
            if first is col[-1] and col.count(first) == len(col):
                cols[i] = [None if first is None else proc(first)] * len(col)
                continue
            nones = col.count(None)
            cols[i] = [None if v is None else proc(v) for v in col] if nones else list(map(proc, col))
    conn.exec_driver_sql(_insert_sql(conn.dialect, table, columns), list(zip(*cols, strict=True)))


def defer_indexes(conn: sa.Connection, tables: Sequence[sa.Table]) -> list[str]:
    """SQLite, for a load much larger than what the tables hold: drop their secondary
    indexes (not the primary or unique keys) and return the statements that build them
    again (``restore_indexes``, in the same transaction: one sort instead of a B-tree
    insertion per row; a rollback brings them back untouched). Elsewhere: nothing."""
    if conn.dialect.name != "sqlite":
        return []
    marks = ", ".join("?" * len(tables))
    found = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
        tuple(t.name for t in tables),
    ).all()
    for name, _ in found:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def restore_indexes(conn: sa.Connection, statements: Sequence[str]) -> None:
    for sql in statements:
        conn.exec_driver_sql(sql)
