"""The registers' queries: the request register's one query, the other kinds' rows, the
event lines, and the bulk writer of new request cases (register import)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any, NamedTuple

import sqlalchemy as sa

from govinfo_cli.core.chain import Linker
from govinfo_cli.core.errors import DamagedRecord
from govinfo_cli.core.events import Event
from govinfo_cli.store.bulk import (
    defer_indexes,
    insert_columns,
    insert_rows,
    reserve_ids,
    restore_indexes,
    stores_json_as_dumps,
)
from govinfo_cli.store.decode import day, payload, raw
from govinfo_cli.store.tables import COPIED, cases_t, deadlines_t, events_t
from govinfo_cli.store.typed import Select


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department: str | None = None

    def apply(self, stmt: Select, column: sa.ColumnElement[Any]) -> Select:
        if self.year:
            stmt = stmt.where(column >= dt.date(self.year, 1, 1), column <= dt.date(self.year, 12, 31))
        if self.date_from:
            stmt = stmt.where(column >= self.date_from)
        if self.date_to:
            stmt = stmt.where(column <= self.date_to)
        if self.department:
            stmt = stmt.where(cases_t.c.department == self.department)
        return stmt


def register_select(one: bool = False) -> Select:
    """The request register's query: the case, its received and reply events, its reply due
    (of every request, or with ``one`` of the case given as the parameter ``case_id``)."""
    c, e, d = cases_t, events_t, deadlines_t
    case_id: sa.BindParameter[int] = sa.bindparam("case_id")
    one_e = (e.c.case_id == case_id,) if one else ()
    one_d = (d.c.case_id == case_id,) if one else ()
    recv = sa.select(e.c.case_id, raw(e.c.payload)).where(e.c.type == "received", *one_e).subquery("recv")
    reply_ev = (
        sa.select(e.c.case_id, e.c.type, raw(e.c.payload))
        .where(e.c.type.in_(["replied", "withdrawn"]), *one_e)
        .subquery("reply_ev")
    )
    due = sa.select(d.c.case_id, d.c.due).where(d.c.code == "reply", *one_d).subquery("due")
    stmt = (
        sa.select(
            c.c.id,
            c.c.number,
            c.c.opened,
            c.c.department,
            c.c.closed,
            c.c.outcome,
            recv.c.payload.label("received"),
            reply_ev.c.payload.label("reply"),
            reply_ev.c.type.label("reply_type"),
            due.c.due,
        )
        .select_from(
            c.join(recv, recv.c.case_id == c.c.id)
            .outerjoin(reply_ev, reply_ev.c.case_id == c.c.id)
            .outerjoin(due, due.c.case_id == c.c.id)
        )
        .where(c.c.kind == "request")
    )
    return stmt.where(c.c.id == case_id) if one else stmt


def register_payloads(r: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The received and the reply (or withdrawal) payloads of a ``register_select`` row,
    decoded (store.decode: a damaged one names its case and event)."""
    try:
        received = payload(r.received, "payload")
    except DamagedRecord as exc:
        raise exc.at(f"案件 {r.number} 的收到申请事件（received）") from None
    try:
        reply = None if r.reply is None else payload(r.reply, "payload")
    except DamagedRecord as exc:
        raise exc.at(f"案件 {r.number} 的答复事件（{r.reply_type}）") from None
    return received, reply


class EventLine(NamedTuple):
    number: str
    kind: str
    type: str
    date: dt.date
    payload: dict[str, Any]


def event_line(r: Any) -> EventLine:
    """A row of ``event_lines_select``, decoded (a damaged value names its case and event)."""
    try:
        return EventLine(r.number, r.kind, r.type, day(r.date), payload(r.payload))
    except DamagedRecord as exc:
        raise exc.at(f"案件 {r.number} 第 {r.seq} 个事件（{r.type}）") from None


@functools.cache
def one_register_row() -> Select:
    return register_select(one=True)  # built once: building it costs more than running it


def kind_register_select(kind: str, filters: Filters) -> Select:
    """Every case of a kind, by opening date, within the filters (a voided case is not in
    the register, docs/rules.md §12)."""
    c = cases_t
    return filters.apply(
        sa.select(c).where(c.c.kind == kind, c.c.status != "voided").order_by(c.c.opened, c.c.id), c.c.opened
    )


def request_register_select(filters: Filters) -> Select:
    """The request register within the filters, by date received (a voided case is not in
    the register, docs/rules.md §12)."""
    return filters.apply(
        register_select().where(cases_t.c.status != "voided").order_by(cases_t.c.opened, cases_t.c.id),
        cases_t.c.opened,
    )


def event_lines_select(filters: Filters) -> Select:
    """Every event with its case's number and kind, in date order, within the filters. An event
    entered late (补录, docs/rules.md §14) comes where it was recorded, after the later-dated
    events recorded before it: each case's lines stay in recording order, so that importing
    them gives every event the sequence number an amendment's ``amends`` names. (Ordered by
    the latest date of the case's log up to each event: its own date, for a log in date order.)"""
    c, e = cases_t, events_t
    at = sa.func.max(e.c.date).over(partition_by=e.c.case_id, order_by=e.c.seq, rows=(None, 0)).label("at")
    log = sa.select(e.c.id, e.c.case_id, e.c.seq, e.c.type, e.c.date, e.c.payload, at).subquery("log")
    return filters.apply(
        sa.select(c.c.number, c.c.kind, log.c.seq, log.c.type, raw(log.c.date), raw(log.c.payload))
        .select_from(log.join(c, c.c.id == log.c.case_id))
        .order_by(log.c.at, log.c.id),
        log.c.date,
    )


def request_ids(conn: sa.Connection) -> dict[str, int]:
    """number -> id of every request."""
    return dict(conn.execute(sa.select(cases_t.c.number, cases_t.c.id).where(cases_t.c.kind == "request")).all())


def stored_register_row(conn: sa.Connection, case_id: int) -> Any:
    """The register query's row of one case (None if it is not a request with a received event)."""
    return conn.execute(one_register_row(), {"case_id": case_id}).first()


CACHE_COLUMNS = ("status", "outcome", "department", "party", "party_type", "subject", "opened", "closed")
CASE_COLUMNS = ("id", "kind", "number", *CACHE_COLUMNS, "event_count", "created_at")
EVENT_COLUMNS = ("case_id", "seq", "type", "date", "payload", "operator", "recorded_at", "chain")
# each deadline row ends with its case's columns that `due` reads (store.cache.COPIED)
DEADLINE_COLUMNS = (
    "case_id",
    "code",
    "due",
    "due_at",
    "state",
    "provisional",
    "quiet",
    "basis",
    "name",
    "number",
    "kind",
    *COPIED,
)
_COPIED_AT = tuple(CACHE_COLUMNS.index(k) for k in COPIED)  # where they are in a case's cached columns


def request_cache_row(
    *,
    received: dt.date,
    replied: dt.date | None,
    outcome: str | None,
    department: str | None,
    applicant: str,
    applicant_type: str,
    subject: str,
) -> tuple[Any, ...]:
    """The cached columns (CACHE_COLUMNS) of a new request that was received and perhaps
    replied and nothing else, as ``store.cache.case_row`` gives them after a full replay:
    the register import's and the event import's fast paths both write this."""
    return (
        "closed" if replied else "open",
        outcome if replied else None,
        department or None,
        applicant,
        applicant_type,
        subject,
        received,
        replied,
    )


# a deadline row without its case id: code, due, due_at, state, provisional, quiet, basis, name
# (the party consulted, '' for every other deadline)
DeadlineRow = tuple[str, dt.date | None, dt.datetime | None, str, bool, bool, str, str]


BATCH = 5000  # cases per batch (one executemany per table)


class RegisterWriter:
    """The bulk writer of every batch import (registers, event lines). Buffers whole cases
    (their cached columns, events and deadline rows) and writes them in batches, one
    ``executemany`` per table: flat memory whatever the file size. A load expected to be
    larger than what the database held builds the tables' secondary indexes once at the
    end instead of row by row (same transaction). The writing stays in the caller's thread:
    a writer thread was measured to overlap nothing (BENCHMARKS.md): between two steps the
    driver needs the GIL back, and a busy reading thread holds it for its switch interval."""

    def __init__(
        self,
        conn: sa.Connection,
        *,
        now: dt.datetime,
        operator: str,
        defer_indexes: bool,
        batch: int | None = None,
    ) -> None:
        self.conn, self.batch, self.defer = conn, batch or BATCH, defer_indexes
        self.now, self.who = now, operator
        self.linker = Linker(operator, now)
        # new cases: (kind, number, cached columns, events, deadline rows, payload texts, chains)
        self.pending: list[
            tuple[str, str, tuple[Any, ...], list[Event], list[DeadlineRow], list[str] | None, list[str] | None]
        ] = []
        # existing cases: (case id, (kind, number, last stored chain), first new seq, cached columns,
        # new events, deadline rows, event count, payload texts)
        self.appends: list[
            tuple[
                int,
                tuple[str, str, str | None],
                int,
                tuple[Any, ...],
                list[Event],
                list[DeadlineRow],
                int,
                list[str] | None,
            ]
        ] = []
        self.indexes: list[str] | None = None

    def add(
        self,
        kind: str,
        number: str,
        cache: tuple[Any, ...],
        events: list[Event],
        deadlines: list[DeadlineRow],
        texts: list[str] | None = None,
        chains: list[str] | None = None,
    ) -> None:
        """A new case: ``cache`` in CACHE_COLUMNS order. ``texts``: ``json.dumps`` of each
        event's payload, when the caller already has it (every call of a load, or none);
        ``chains``: its events' chains (``self.linker``'s), when the caller computed them."""
        self.pending.append((kind, number, cache, events, deadlines, texts, chains))
        if len(self.pending) >= self.batch:
            self.flush()

    def append(
        self,
        case_id: int,
        kind: str,
        number: str,
        last_chain: str | None,
        first_seq: int,
        cache: tuple[Any, ...],
        events: list[Event],
        deadlines: list[DeadlineRow],
        event_count: int,
        texts: list[str] | None = None,
    ) -> None:
        """New events at the end of an existing case's log; its cached row and deadlines replaced.
        ``last_chain``: the chain of the case's last stored event (seq ``first_seq - 1``), from
        which the new events' chains continue (docs/integrity.md)."""
        self.appends.append(
            (case_id, (kind, number, last_chain), first_seq, cache, events, deadlines, event_count, texts)
        )
        if len(self.appends) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending and not self.appends:
            return
        self._write(self.pending, self.appends)
        self.pending, self.appends = [], []

    def finish(self) -> None:
        self.flush()
        restore_indexes(self.conn, self.indexes or [])

    def _write(self, pending: list[Any], appends: list[Any]) -> None:
        if self.indexes is None:
            self.indexes = defer_indexes(self.conn, [cases_t, events_t, deadlines_t]) if self.defer else []
        evs: list[tuple[int, int, Event]] = []
        chains: list[str] = []
        dls: list[tuple[Any, ...]] = []
        texts: list[str] | None = [] if stores_json_as_dumps(self.conn.dialect) else None
        link = self.linker.chains
        if pending:
            n = len(pending)
            ids = reserve_ids(self.conn, cases_t, n)
            now = self.now
            insert_rows(
                self.conn,
                cases_t,
                CASE_COLUMNS,
                [
                    (case_id, kind, number, *cache, len(case_evs), now)
                    for case_id, (kind, number, cache, case_evs, *_) in zip(ids, pending, strict=True)
                ],
            )
            for case_id, (kind, number, cache, case_evs, case_dls, case_texts, case_chains) in zip(
                ids, pending, strict=True
            ):
                evs.extend((case_id, seq, ev) for seq, ev in enumerate(case_evs, start=1))
                chains.extend(case_chains or link(None, kind, number, 1, case_evs))
                copies = (number, kind, *(cache[i] for i in _COPIED_AT))
                dls.extend((case_id, *d, *copies) for d in case_dls)
                texts = _more(texts, case_texts)
        if appends:
            cases_ = [a[0] for a in appends]
            for case_id, (kind, number, prev), first, cache, case_evs, case_dls, _, case_texts in appends:
                evs.extend((case_id, seq, ev) for seq, ev in enumerate(case_evs, start=first))
                chains.extend(link(prev, kind, number, first, case_evs))
                copies = (number, kind, *(cache[i] for i in _COPIED_AT))
                dls.extend((case_id, *d, *copies) for d in case_dls)
                texts = _more(texts, case_texts)
            replace_cached(self.conn, cases_, [(a[3], a[6]) for a in appends])
        m = len(evs)
        insert_columns(
            self.conn,
            events_t,
            EVENT_COLUMNS,
            [
                [e[0] for e in evs],
                [e[1] for e in evs],
                [e[2].type for e in evs],
                [e[2].date for e in evs],
                texts if texts is not None else [e[2].data for e in evs],
                [self.who] * m,
                [self.now] * m,
                chains,
            ],
            bound=("payload",) if texts is not None else (),
        )
        if dls:
            insert_columns(self.conn, deadlines_t, DEADLINE_COLUMNS, list(zip(*dls, strict=True)))


def _more(texts: list[str] | None, more: list[str] | None) -> list[str] | None:
    """The payload texts of a batch so far, and those of one more case (None: some lack them)."""
    if texts is None or more is None:
        return None
    texts.extend(more)
    return texts


def replace_cached(conn: sa.Connection, ids: list[int], rows: list[tuple[tuple[Any, ...], int]]) -> None:
    """Existing cases' cached columns and event counts set, their deadline rows deleted
    (the caller inserts the new ones)."""
    conn.execute(
        sa.update(cases_t)
        .where(cases_t.c.id == sa.bindparam("_id"))
        .values({c: sa.bindparam("_" + c) for c in (*CACHE_COLUMNS, "event_count")}),
        [
            {"_id": i, **{"_" + c: v for c, v in zip(CACHE_COLUMNS, cache, strict=True)}, "_event_count": n}
            for i, (cache, n) in zip(ids, rows, strict=True)
        ],
    )
    conn.execute(sa.delete(deadlines_t).where(deadlines_t.c.case_id == sa.bindparam("_id")), [{"_id": i} for i in ids])


def amended_ids(kind: str) -> Select:
    """A subquery of the ids of the cases of ``kind`` whose log holds an amendment
    (docs/rules.md §12): their register rows are read from the log as amended."""
    c, e = cases_t, events_t
    return (
        sa.select(e.c.case_id).distinct().join(c, c.c.id == e.c.case_id).where(e.c.type == "amended", c.c.kind == kind)
    )
