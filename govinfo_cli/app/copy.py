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

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.core.errors import StorageError
from govinfo_cli.core.rules import replay
from govinfo_cli.store import db
from govinfo_cli.store.copy import copy_table, count_rows, digest, every_event, snapshot, tables

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.core.events import Event


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
        with snapshot(source) as src, db.transaction(target) as dst:
            busy = {t.name: n for t in tables() if (n := count_rows(dst, t))}
            if busy:
                listed = "、".join(f"{k} {v} 行" for k, v in busy.items())
                raise StorageError(f"目标数据库不是空的（{listed}），不会覆盖", hint="请指定一个新的空数据库")
            for t in tables():
                copy_table(src, dst, t)
            db.reset_sequences(dst, tables())
            for t in tables():
                report.tables.append(
                    TableCopy(t.name, count_rows(src, t), count_rows(dst, t), digest(src, t) == digest(dst, t))
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


def case_documents(ctx: Context, conn: sa.Connection) -> Iterator[tuple[tuple[str, str], dict[str, Any]]]:
    """Every case's ``show --json`` document (personal data and recording times included),
    replayed from that database's own events, calendar and profile."""
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.app.case_view import CaseView
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.store.cases import case_heads, to_event

    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    head = case_heads(conn)

    def doc(case_id: int, evs: list[Event]) -> tuple[tuple[str, str], dict[str, Any]]:
        r = head[case_id]
        st = replay(r.kind, evs, cal, profile)
        view = CaseView(r.number, r.kind, st, evs, cal, profile, r.department)
        return (r.kind, r.number), view.to_json(ctx.today, reveal=True, audit=True)

    current = 0  # the case whose events are in evs (none yet: evs is empty)
    evs: list[Event] = []
    for row in every_event(conn):
        if row.case_id != current and evs:
            yield doc(current, evs)
            evs = []
        current = row.case_id
        evs.append(to_event(row, head[row.case_id].number if row.case_id in head else None))
    if evs:
        yield doc(current, evs)


def case_digests(ctx: Context, conn: sa.Connection) -> Iterator[tuple[tuple[str, str], str]]:
    for key, document in case_documents(ctx, conn):
        text = json.dumps(document, sort_keys=True, ensure_ascii=False)
        yield key, hashlib.sha256(text.encode()).hexdigest()
