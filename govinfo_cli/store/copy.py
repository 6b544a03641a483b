"""Table-level copying between two databases: one consistent snapshot of the source,
every row with its id in primary-key order, and a backend-neutral digest per table."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from govinfo_cli.store.bulk import insert_rows
from govinfo_cli.store.cases import EVENT_ROW
from govinfo_cli.store.decode import Stamp
from govinfo_cli.store.tables import events_t
from govinfo_cli.store.typed import Select

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

BATCH = 5000


def tables() -> list[sa.Table]:
    """Every govinfo table, parents before children (the foreign keys' order)."""
    import govinfo_cli.store.models  # noqa: F401  (registers the tables)

    return list(SQLModel.metadata.sorted_tables)


def snapshot(engine: sa.Engine) -> AbstractContextManager[sa.Connection]:
    """One consistent view of the source while others may be writing: a single read
    transaction (SQLite WAL snapshot; PostgreSQL REPEATABLE READ)."""
    from contextlib import contextmanager

    @contextmanager
    def cm() -> Iterator[sa.Connection]:
        conn = engine.connect()
        if engine.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
        try:
            with conn.begin():
                yield conn
        finally:
            conn.close()

    return cm()


def count_rows(conn: sa.Connection, t: sa.Table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0


def _ordered(t: sa.Table) -> Select:
    return sa.select(t).order_by(*t.primary_key.columns)


def copy_table(src: sa.Connection, dst: sa.Connection, t: sa.Table) -> None:
    columns = [c.name for c in t.columns]
    stamps = {i for i, c in enumerate(t.columns) if _is_stamp(c)}
    result = src.execution_options(stream_results=True, yield_per=BATCH).execute(_ordered(t))
    for batch in result.partitions(BATCH):
        rows = [tuple(_utc(v) if i in stamps else v for i, v in enumerate(r)) for r in batch]
        insert_rows(dst, t, columns, rows)


def _is_stamp(c: sa.Column[Any]) -> bool:
    """A recording time (UTC): the models' ``Stamp`` (store.decode), or a plain aware DateTime."""
    return isinstance(c.type, Stamp) or (isinstance(c.type, sa.DateTime) and bool(c.type.timezone))


def _utc(v: Any) -> Any:
    """A recording time as an aware UTC datetime (SQLite hands it back naive, in UTC)."""
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.UTC) if v.tzinfo else v.replace(tzinfo=dt.UTC)
    return v


def _plain(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return _utc(v).isoformat() if v.tzinfo else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def digest(conn: sa.Connection, t: sa.Table) -> str:
    """A digest of every row in primary-key order, backend-neutral."""
    h = hashlib.sha256()
    stamps = {c.name for c in t.columns if _is_stamp(c)}
    for r in conn.execution_options(stream_results=True, yield_per=BATCH).execute(_ordered(t)):
        row = {k: _plain(_utc(v) if k in stamps else v) for k, v in r._mapping.items()}
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\n")
    return h.hexdigest()


def every_event(conn: sa.Connection) -> Iterator[Any]:
    """Every event row as stored (``store.cases.EVENT_ROW``, for ``to_event``), case by
    case, each log in order (streamed)."""
    stmt = sa.select(*EVENT_ROW).order_by(events_t.c.case_id, events_t.c.seq)
    yield from conn.execution_options(stream_results=True, yield_per=BATCH).execute(stmt)
