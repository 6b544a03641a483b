"""Copy a whole database to another one (SQLite → PostgreSQL and back), then prove it.

Every row of every table is copied with its id, operator and timestamps, from one
consistent snapshot of the source, into a target that is created and migrated if need
be and must be empty. The copy is verified inside the target's transaction before it is
committed, so a copy that does not match is not written at all:

- row counts, table by table;
- a digest of every row of every table (ids, operators, timestamps in UTC, payloads);
- every case's ``show --json`` document (with personal data and recording times), built
  on each side from that side's own events, calendar and profile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlmodel import SQLModel

from govinfo_cli.core.errors import StorageError
from govinfo_cli.core.rules import replay
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

BATCH = 5000


@dataclass
class TableCopy:
    name: str
    source: int
    target: int
    digest_ok: bool

    @property
    def ok(self) -> bool:
        return self.source == self.target and self.digest_ok


@dataclass
class CopyReport:
    source: str
    target: str
    tables: list[TableCopy] = field(default_factory=list)
    cases_compared: int = 0
    case_mismatches: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables) and not self.case_mismatches

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "ok": self.ok,
            "tables": {
                t.name: {"source": t.source, "target": t.target, "rows_identical": t.digest_ok} for t in self.tables
            },
            "cases_compared": self.cases_compared,
            "case_mismatches": self.case_mismatches,
            "seconds": round(self.seconds, 2),
        }


def tables() -> list[sa.Table]:
    """Every govinfo table, parents before children (the foreign keys' order)."""
    import govinfo_cli.store.models  # noqa: F401  (registers the tables)

    return list(SQLModel.metadata.sorted_tables)


def _safe(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def copy_database(ctx: Context, to: str) -> CopyReport:
    """Copy the current database (``--db``) to ``to`` (a path or URL) and verify it."""
    import time

    from govinfo_cli.app.context import Context as Ctx

    started = time.perf_counter()
    source = ctx.engine
    target_url = db.resolve_url(to)
    if sa.engine.make_url(target_url) == source.url:
        raise StorageError("目标与当前数据库相同")
    target = db.make_engine(target_url)  # created and migrated if need be
    target_ctx = Ctx(db=target_url, today_opt=ctx.today_opt, by=ctx.by, _engine=target)
    report = CopyReport(source=_safe(str(source.url)), target=_safe(target_url))
    try:
        with _snapshot(source) as src, db.transaction(target) as dst:
            busy = {t.name: n for t in tables() if (n := _count(dst, t))}
            if busy:
                listed = "、".join(f"{k} {v} 行" for k, v in busy.items())
                raise StorageError(f"目标数据库不是空的（{listed}），不会覆盖", hint="请指定一个新的空数据库")
            for t in tables():
                _copy_table(src, dst, t)
            db.reset_sequences(dst, tables())
            for t in tables():
                report.tables.append(
                    TableCopy(t.name, _count(src, t), _count(dst, t), _digest(src, t) == _digest(dst, t))
                )
            mine = dict(case_digests(ctx, src))
            theirs = dict(case_digests(target_ctx, dst))
            report.cases_compared = len(mine)
            report.case_mismatches = sorted(
                f"{k[0]}:{k[1]}" for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k)
            )
            report.seconds = time.perf_counter() - started
            if not report.ok:
                raise CopyMismatch(report)
    finally:
        target.dispose()
    return report


class CopyMismatch(StorageError):
    """The copy did not match its source; it was rolled back."""

    def __init__(self, report: CopyReport) -> None:
        bad = [t.name for t in report.tables if not t.ok] + report.case_mismatches[:5]
        super().__init__(f"复制校验不一致，已回滚，目标未写入：{'、'.join(bad)}")
        self.report = report


def _snapshot(engine: sa.Engine):  # -> contextmanager[sa.Connection]
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


def _count(conn: sa.Connection, t: sa.Table) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar() or 0


def _ordered(t: sa.Table) -> sa.Select:
    return sa.select(t).order_by(*t.primary_key.columns)


def _copy_table(src: sa.Connection, dst: sa.Connection, t: sa.Table) -> None:
    from govinfo_cli.store.bulk import insert_rows

    columns = [c.name for c in t.columns]
    stamps = {i for i, c in enumerate(t.columns) if _is_stamp(c)}
    result = src.execution_options(stream_results=True, yield_per=BATCH).execute(_ordered(t))
    for batch in result.partitions(BATCH):
        rows = [tuple(_utc(v) if i in stamps else v for i, v in enumerate(r)) for r in batch]
        insert_rows(dst, t, columns, rows)


def _is_stamp(c: sa.Column) -> bool:
    return isinstance(c.type, sa.DateTime) and bool(c.type.timezone)


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


def _digest(conn: sa.Connection, t: sa.Table) -> str:
    """A digest of every row in primary-key order, backend-neutral."""
    h = hashlib.sha256()
    stamps = {c.name for c in t.columns if _is_stamp(c)}
    for r in conn.execution_options(stream_results=True, yield_per=BATCH).execute(_ordered(t)):
        row = {k: _plain(_utc(v) if k in stamps else v) for k, v in r._mapping.items()}
        h.update(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(b"\n")
    return h.hexdigest()


def case_documents(ctx: Context, conn: sa.Connection) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    """Every case's ``show --json`` document (personal data and recording times included),
    replayed from that database's own events, calendar and profile."""
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.app.case_view import CaseView
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.store.cases import cases_t, events_t, to_event

    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    head = {
        r.id: r for r in conn.execute(sa.select(cases_t.c.id, cases_t.c.kind, cases_t.c.number, cases_t.c.department))
    }
    stmt = sa.select(events_t).order_by(events_t.c.case_id, events_t.c.seq)

    def doc(case_id: int, evs: list) -> tuple[tuple[str, str], dict[str, Any]]:
        r = head[case_id]
        st = replay(r.kind, evs, cal, profile)
        view = CaseView(r.number, r.kind, st, evs, cal, profile, r.department)
        return (r.kind, r.number), view.to_json(ctx.today, reveal=True, audit=True)

    current, evs = None, []
    for row in conn.execution_options(stream_results=True, yield_per=BATCH).execute(stmt):
        if row.case_id != current and evs:
            yield doc(current, evs)
            evs = []
        current = row.case_id
        evs.append(to_event(row))
    if evs:
        yield doc(current, evs)


def case_digests(ctx: Context, conn: sa.Connection) -> Iterator[tuple[tuple[str, str], str]]:
    for key, document in case_documents(ctx, conn):
        text = json.dumps(document, sort_keys=True, ensure_ascii=False)
        yield key, hashlib.sha256(text.encode()).hexdigest()
