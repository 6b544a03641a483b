"""The reports' queries: the rows the annual and timeliness reports count (plain core rows),
and the year locks."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from govinfo_cli.core.chain import lock_chain
from govinfo_cli.core.report import AppealRow, DisclosureRow, RequestRow
from govinfo_cli.store.cases import payload_of
from govinfo_cli.store.db import trail_lock
from govinfo_cli.store.decode import raw
from govinfo_cli.store.tables import cases_t, deadlines_t, events_t, locks_t
from govinfo_cli.store.trail import LockEntry, lock_entry, locks_in_order
from govinfo_cli.store.typed import Select


def load_requests(conn: sa.Connection, start: dt.date, until: dt.date, *, timeliness: bool = False) -> list[RequestRow]:
    """The requests that concern [start, until]: received by `until` and not closed
    before `start` (the others cannot appear in that year's counts)."""
    c, d, e = cases_t, deadlines_t, events_t
    scope = sa.and_(
        c.c.kind == "request",
        c.c.status != "voided",  # a case registered by mistake counts nowhere (docs/rules.md §12)
        c.c.opened <= until,
        sa.or_(c.c.closed.is_(None), c.c.closed >= start),
    )
    cols = [c.c.id, c.c.number, c.c.party_type, c.c.opened, c.c.closed, c.c.outcome, c.c.department]
    if not timeliness:
        return [
            RequestRow(
                case=r.number,
                applicant_type=r.party_type or "other",
                received=r.opened,
                closed=r.closed,
                outcome=r.outcome,
                department=r.department,
            )
            for r in conn.execute(sa.select(*cols).where(scope))
        ]
    ext: dict[int, int] = {}
    for r in conn.execute(
        sa.select(e.c.case_id, e.c.seq, e.c.type, raw(e.c.payload)).where(e.c.type == "extended", e.c.date <= until)
    ):
        ext[r.case_id] = ext.get(r.case_id, 0) + int(payload_of(conn, r).get("working_days", 0))
    reply = sa.select(d.c.case_id, d.c.due, d.c.state).where(d.c.code == "reply").subquery()
    rows = conn.execute(
        sa.select(*cols, reply.c.due, reply.c.state)
        .select_from(c.outerjoin(reply, reply.c.case_id == c.c.id))
        .where(scope)
    )
    return [
        RequestRow(
            case=r.number,
            applicant_type=r.party_type or "other",
            received=r.opened,
            closed=r.closed,
            outcome=r.outcome,
            department=r.department,
            reply_due=r.due,
            reply_state=r.state,
            extension_days=ext.get(r.id, 0),
        )
        for r in rows
    ]


def load_appeals(conn: sa.Connection) -> list[AppealRow]:
    c, e = cases_t, events_t
    firsts = conn.execute(
        # filed: the case's opening day from replay (an amended copy date counts as amended)
        sa.select(e.c.case_id, e.c.seq, e.c.type, raw(e.c.payload), c.c.number, c.c.closed, c.c.outcome, c.c.opened)
        .select_from(e.join(c, c.c.id == e.c.case_id))
        .where(e.c.type.in_(["reconsideration_copy_received", "lawsuit_copy_received"]), c.c.status != "voided")
    )
    out = []
    for r in firsts:
        payload = payload_of(conn, r)
        if r.type == "reconsideration_copy_received":
            group = "reconsideration"
        elif payload.get("route") == "after_reconsideration":
            group = "lawsuit_after_reconsideration"
        else:
            group = "lawsuit_direct"
        out.append(AppealRow(case=r.number, group=group, filed=r.opened, decided=r.closed, result=r.outcome))
    return out


def load_disclosures(conn: sa.Connection, year: int) -> list[DisclosureRow]:
    """Documents formed or changed up to 31 December (those in force reach back years) and
    the year's enforcement decisions; only the payload fields counted are read."""
    c, e = cases_t, events_t
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = conn.execute(
        sa.select(
            c.c.number,
            e.c.type,
            e.c.date,
            e.c.payload["category"].as_string(),
            e.c.payload["decision"].as_string(),
            e.c.payload["repealed"].as_boolean(),
        )
        .select_from(e.join(c, c.c.id == e.c.case_id))
        .where(
            c.c.status != "voided",
            sa.or_(
                sa.and_(e.c.type.in_(["information_formed", "information_changed"]), e.c.date <= end),
                sa.and_(e.c.type == "enforcement_decision", e.c.date.between(start, end)),
            ),
        )
        .order_by(e.c.case_id, e.c.seq)
    )
    return [
        DisclosureRow(case=number, type=type_, date=day, category=category, decision=decision, repealed=bool(repealed))
        for number, type_, day, category, decision, repealed in rows
    ]


def load_fees(conn: sa.Connection, year: int) -> list[tuple[dt.date, float]]:
    """(payment date in the year, amount of the fee notice it pays: the case's latest before
    it), read as amended (docs/rules.md §12: a corrected amount or payment day counts as
    corrected); voided cases left out."""
    e = events_t
    voided = sa.select(cases_t.c.id).where(cases_t.c.status == "voided")
    paying = sa.select(e.c.case_id).where(e.c.type == "fee_paid", e.c.case_id.not_in(voided))
    logs: dict[int, list[list[Any]]] = {}
    for r in conn.execute(
        sa.select(e.c.case_id, e.c.seq, e.c.type, e.c.date, raw(e.c.payload))
        .where(e.c.type.in_(["fee_notice_received", "fee_paid", "amended"]), e.c.case_id.in_(paying))
        .order_by(e.c.case_id, e.c.seq)
    ):
        case_id, seq, type_, day = r.case_id, r.seq, r.type, r.date
        data = payload_of(conn, r)
        log = logs.setdefault(case_id, [])
        if type_ != "amended":
            log.append([seq, type_, day, data.get("amount")])
            continue
        fields = data.get("fields") or {}
        for step in log:
            if step[0] == data.get("amends"):
                if "date" in fields:
                    step[2] = dt.date.fromisoformat(str(fields["date"]))
                if "amount" in fields:
                    step[3] = fields["amount"]
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out = []
    for log in logs.values():
        notice = 0.0
        for _seq, type_, day, amount in log:
            if type_ == "fee_notice_received":
                notice = float(amount or 0)
            else:
                if first <= day <= last:
                    out.append((day, notice))
                notice = 0.0
    return out


def lock_note(conn: sa.Connection, year: int) -> str | None:
    return conn.execute(sa.select(locks_t.c.note).where(locks_t.c.year == year)).scalar()


def first_event_date(conn: sa.Connection) -> dt.date | None:
    return conn.execute(sa.select(sa.func.min(events_t.c.date))).scalar()


def insert_lock(conn: sa.Connection, year: int, *, operator: str, at: dt.datetime, note: str) -> None:
    """Lock one year: the next lock in order, chained to the one before it (core.chain.lock_chain)."""
    trail_lock(conn)
    seq = (conn.execute(sa.select(sa.func.max(locks_t.c.seq))).scalar() or 0) + 1
    prev = conn.execute(sa.select(locks_t.c.chain).where(locks_t.c.seq == seq - 1)).scalar()
    chain = lock_chain(prev, seq, year, operator, at, note)
    conn.execute(sa.insert(locks_t).values(year=year, operator=operator, locked_at=at, note=note, seq=seq, chain=chain))


def lock_rows(conn: sa.Connection) -> list[LockEntry]:
    """Every year lock, by year, decoded (a damaged lock time names its year)."""
    return sorted((lock_entry(r) for r in locks_in_order(conn)), key=lambda e: e.year)


def marked_requests(conn: sa.Connection) -> Select:
    """A subquery of the ids of the requests the timeliness report may mark (docs/rules.md §12,
    §14): an amendment, a void or an event entered late in the log, or a received event with an
    arrival date (a 平常信函 confirmed late?); replay decides which are marked. The payload is
    matched as text, not through the database's JSON functions, so that one damaged payload
    is named by the replay that reads it instead of failing the whole query."""
    c, e = cases_t, events_t
    text = sa.cast(e.c.payload, sa.Text)
    return (
        sa.select(e.c.case_id)
        .distinct()
        .join(c, c.c.id == e.c.case_id)
        .where(
            c.c.kind == "request",
            sa.or_(
                e.c.type.in_(["amended", "voided"]),
                text.like('%"entered_late"%'),
                sa.and_(e.c.type == "received", text.like('%"arrival_date"%')),
            ),
        )
    )
