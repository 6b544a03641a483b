"""The registers' queries: the request register's one query, the other kinds' rows, the
event lines, and the bulk writer of new request cases (register import)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from govinfo_cli.core.chain import event_chain
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import FastDeadline
from govinfo_cli.store.bulk import defer_indexes, insert_columns, reserve_ids, restore_indexes
from govinfo_cli.store.cases import cases_t, deadlines_t, events_t
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
    recv = sa.select(e.c.case_id, e.c.payload).where(e.c.type == "received", *one_e).subquery("recv")
    reply_ev = (
        sa.select(e.c.case_id, e.c.payload).where(e.c.type.in_(["replied", "withdrawn"]), *one_e).subquery("reply_ev")
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
    """Every event with its case's number and kind, in date order, within the filters."""
    c, e = cases_t, events_t
    return filters.apply(
        sa.select(c.c.number, c.c.kind, e.c.type, e.c.date, e.c.payload)
        .select_from(e.join(c, c.c.id == e.c.case_id))
        .order_by(e.c.date, e.c.id),
        e.c.date,
    )


def request_ids(conn: sa.Connection) -> dict[str, int]:
    """number -> id of every request."""
    return dict(conn.execute(sa.select(cases_t.c.number, cases_t.c.id).where(cases_t.c.kind == "request")).all())


def stored_register_row(conn: sa.Connection, case_id: int) -> Any:
    """The register query's row of one case (None if it is not a request with a received event)."""
    return conn.execute(one_register_row(), {"case_id": case_id}).first()


CASE_COLUMNS = (
    "id",
    "kind",
    "number",
    "status",
    "outcome",
    "department",
    "party",
    "party_type",
    "subject",
    "opened",
    "closed",
    "event_count",
    "created_at",
)
EVENT_COLUMNS = ("case_id", "seq", "type", "date", "payload", "operator", "recorded_at", "chain")
DEADLINE_COLUMNS = ("case_id", "code", "due", "due_at", "state", "provisional", "quiet", "basis")


class RegisterWriter:
    """Buffers new cases and writes them in batches: flat memory whatever the file size.
    A load expected to be larger than the register already held builds the tables'
    secondary indexes once at the end instead of row by row (same transaction)."""

    def __init__(
        self, conn: sa.Connection, *, now: dt.datetime, operator: str, defer_indexes: bool, batch: int = 5000
    ) -> None:
        self.conn, self.batch, self.defer = conn, batch, defer_indexes
        self.now, self.who = now, operator
        self.pending: list[tuple[dict[str, Any], list[Event], list[FastDeadline]]] = []
        self.indexes: list[str] | None = None

    def add(self, v: dict[str, Any], events: list[Event], deadlines: list[FastDeadline]) -> None:
        self.pending.append((v, events, deadlines))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if self.indexes is None:
            self.indexes = defer_indexes(self.conn, [cases_t, events_t, deadlines_t]) if self.defer else []
        n = len(self.pending)
        ids = reserve_ids(self.conn, cases_t, n)
        vs = [v for v, _, _ in self.pending]
        closed = [v.get("replied") for v in vs]
        counts = [len(evs) for _, evs, _ in self.pending]
        insert_columns(
            self.conn,
            cases_t,
            CASE_COLUMNS,
            [
                ids,
                ["request"] * n,
                [v["case"] for v in vs],
                ["closed" if c else "open" for c in closed],
                [v.get("outcome") if c else None for v, c in zip(vs, closed, strict=True)],
                [v["department"] or None for v in vs],
                [v["applicant"] for v in vs],
                [v["applicant_type"] for v in vs],
                [v["subject"] for v in vs],
                [v["received"] for v in vs],
                closed,
                counts,
                [self.now] * n,
            ],
        )
        evs = [
            (case_id, seq, ev, v["case"])
            for case_id, (v, case_evs, _) in zip(ids, self.pending, strict=True)
            for seq, ev in enumerate(case_evs, start=1)
        ]
        m = len(evs)
        chains: list[str] = []
        for _id, seq, ev, number in evs:  # each new case's chain starts afresh
            prev = chains[-1] if seq > 1 else None
            chains.append(event_chain(prev, "request", number, seq, ev.type, ev.date, ev.data, self.who, self.now))
        insert_columns(
            self.conn,
            events_t,
            EVENT_COLUMNS,
            [
                [e[0] for e in evs],
                [e[1] for e in evs],
                [e[2].type for e in evs],
                [e[2].date for e in evs],
                [e[2].data for e in evs],
                [self.who] * m,
                [self.now] * m,
                chains,
            ],
        )
        dls = [(case_id, *d) for case_id, (_, _, case_dls) in zip(ids, self.pending, strict=True) for d in case_dls]
        cols = list(zip(*dls, strict=True))  # case_id, code, due, state, provisional, quiet, basis
        insert_columns(self.conn, deadlines_t, DEADLINE_COLUMNS, [*cols[:3], [None] * len(dls), *cols[3:]])
        self.pending.clear()

    def finish(self) -> None:
        self.flush()
        restore_indexes(self.conn, self.indexes or [])


def amended_ids(kind: str) -> Select:
    """A subquery of the ids of the cases of ``kind`` whose log holds an amendment
    (docs/rules.md §12): their register rows are read from the log as amended."""
    c, e = cases_t, events_t
    return (
        sa.select(e.c.case_id).distinct().join(c, c.c.id == e.c.case_id).where(e.c.type == "amended", c.c.kind == kind)
    )
