"""Queries specific to disclosure requests: the list with its reply deadline, and the
applicant's earlier requests in a month (109号 per-request fee)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from govinfo_cli.store.cases import payload_of
from govinfo_cli.store.decode import raw
from govinfo_cli.store.tables import cases_t, deadlines_t, events_t
from govinfo_cli.store.typed import Select


def request_list_select(
    *,
    status: str | None = None,
    department: str | None = None,
    applicant: str | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
    outcome: str | None = None,
) -> Select:
    """The requests with their cached reply deadline (due, state, provisional), by date
    received then number, within the filters (``applicant``: a part of the name)."""
    c, d = cases_t, deadlines_t
    reply = sa.select(d).where(d.c.code == "reply").subquery()
    stmt = (
        sa.select(
            c,
            reply.c.due.label("reply_due"),
            reply.c.state.label("reply_state"),
            reply.c.provisional.label("reply_provisional"),
        )
        .select_from(c.outerjoin(reply, reply.c.case_id == c.c.id))
        .where(c.c.kind == "request")
        .order_by(c.c.opened, c.c.number)
    )
    # a voided case (docs/rules.md §12) is listed only when asked for by its status
    stmt = stmt.where(c.c.status == status) if status else stmt.where(c.c.status != "voided")
    if department:
        stmt = stmt.where(c.c.department == department)
    if applicant:
        stmt = stmt.where(c.c.party.contains(applicant))
    if received_from:
        stmt = stmt.where(c.c.opened >= received_from)
    if received_to:
        stmt = stmt.where(c.c.opened <= received_to)
    if outcome:
        stmt = stmt.where(c.c.outcome == outcome)
    return stmt


def applicants_in_month(conn: sa.Connection, row: Any, first: dt.date, nxt: dt.date) -> tuple[Any, list[Any]]:
    """(this request's applicant, the applicants of the requests received before it in
    [first, nxt)), each as (name, ID number or None); voided cases left out. Whether two are
    "the same applicant" is the core's rule (core.fees.same_applicant, docs/rules.md §10)."""
    rows = conn.execute(
        sa.select(
            cases_t.c.id, cases_t.c.party, events_t.c.case_id, events_t.c.seq, events_t.c.type, raw(events_t.c.payload)
        )
        .join(events_t, sa.and_(events_t.c.case_id == cases_t.c.id, events_t.c.type == "received"))
        .where(
            cases_t.c.kind == "request",
            cases_t.c.status != "voided",
            cases_t.c.opened >= first,
            cases_t.c.opened < nxt,
            sa.or_(cases_t.c.opened < row.opened, sa.and_(cases_t.c.opened == row.opened, cases_t.c.id <= row.id)),
        )
    ).all()

    def applicant(r: Any) -> tuple[str, str | None]:
        return r.party or "", payload_of(conn, r).get("id_number")

    this = next(applicant(r) for r in rows if r.id == row.id)
    return this, [applicant(r) for r in rows if r.id != row.id]
