"""Building the annual and timeliness reports from the database, and year locks."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.settings import audit
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.report import (
    AnnualReport,
    AppealRow,
    DisclosureRow,
    RequestRow,
    annual,
    timeliness,
)
from govinfo_cli.store import db
from govinfo_cli.store.cases import cases_t, deadlines_t, events_t, locks_t

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

AGENCY_KEYS = ("agency.name", "agency.office", "agency.address", "agency.phone")


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"年度 {year} 不在 2000–2100 之间")


def load_requests(conn: sa.Connection, start: dt.date, until: dt.date, *, timeliness: bool = False) -> list[RequestRow]:
    """The requests that concern [start, until]: received by `until` and not closed
    before `start` (the others cannot appear in that year's counts)."""
    c, d, e = cases_t, deadlines_t, events_t
    scope = sa.and_(c.c.kind == "request", c.c.opened <= until, sa.or_(c.c.closed.is_(None), c.c.closed >= start))
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
    for case_id, payload in conn.execute(
        sa.select(e.c.case_id, e.c.payload).where(e.c.type == "extended", e.c.date <= until)
    ):
        ext[case_id] = ext.get(case_id, 0) + int((payload or {}).get("working_days", 0))
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
        sa.select(e.c.case_id, e.c.type, e.c.payload, c.c.number, c.c.closed, c.c.outcome, e.c.date)
        .select_from(e.join(c, c.c.id == e.c.case_id))
        .where(e.c.type.in_(["reconsideration_copy_received", "lawsuit_copy_received"]))
    )
    out = []
    for r in firsts:
        payload = r.payload or {}
        if r.type == "reconsideration_copy_received":
            group = "reconsideration"
        elif payload.get("route") == "after_reconsideration":
            group = "lawsuit_after_reconsideration"
        else:
            group = "lawsuit_direct"
        out.append(AppealRow(case=r.number, group=group, filed=r.date, decided=r.closed, result=r.outcome))
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
            sa.or_(
                sa.and_(e.c.type.in_(["information_formed", "information_changed"]), e.c.date <= end),
                sa.and_(e.c.type == "enforcement_decision", e.c.date.between(start, end)),
            )
        )
        .order_by(e.c.case_id, e.c.seq)
    )
    return [
        DisclosureRow(case=number, type=type_, date=day, category=category, decision=decision, repealed=bool(repealed))
        for number, type_, day, category, decision, repealed in rows
    ]


def load_fees(conn: sa.Connection, year: int) -> list[tuple[dt.date, float]]:
    """(payment date in the year, amount of the fee notice it pays: the case's latest before it)."""
    e = events_t
    paid_in_year = sa.select(e.c.case_id).where(
        e.c.type == "fee_paid", e.c.date.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    )
    notice: dict[int, float] = {}
    out = []
    for case_id, type_, day, amount in conn.execute(
        sa.select(e.c.case_id, e.c.type, e.c.date, e.c.payload["amount"].as_float())
        .where(e.c.type.in_(["fee_notice_received", "fee_paid"]), e.c.case_id.in_(paid_in_year))
        .order_by(e.c.case_id, e.c.seq)
    ):
        if type_ == "fee_notice_received":
            notice[case_id] = float(amount or 0)
        else:
            out.append((day, notice.pop(case_id, 0.0)))
    return out


def agency(ctx: Context, conn: sa.Connection, year: int) -> dict[str, str]:
    """The report's header: frozen at lock time for a locked year (byte-for-byte reruns)."""
    from govinfo_cli.app import settings

    note = conn.execute(sa.select(locks_t.c.note).where(locks_t.c.year == year)).scalar()
    if note:
        try:
            frozen = json.loads(note).get("agency")
        except ValueError:
            frozen = None
        if isinstance(frozen, dict):
            return frozen
    return {k: settings.get(ctx, k, conn=conn) for k in AGENCY_KEYS}


def annual_report(ctx: Context, year: int) -> tuple[AnnualReport, dict[str, str], bool]:
    _check_year(year)
    end = dt.date(year, 12, 31)
    with ctx.engine.connect() as conn:
        report = annual(
            year,
            load_requests(conn, dt.date(year, 1, 1), end),
            load_appeals(conn),
            load_disclosures(conn, year),
            load_fees(conn, year),
        )
        header = agency(ctx, conn, year)
        locked = conn.execute(sa.select(locks_t.c.year).where(locks_t.c.year == year)).scalar() is not None
    return report, header, locked


def timeliness_report(ctx: Context, year: int, *, by_department: bool) -> list[dict[str, Any]]:
    _check_year(year)
    with ctx.engine.connect() as conn:
        rows = load_requests(conn, dt.date(year, 1, 1), max(ctx.today, dt.date(year, 12, 31)), timeliness=True)
        from govinfo_cli.app.calendar import calendar_for_reading

        cal = calendar_for_reading(ctx, conn)
    return timeliness(rows, year, cal, ctx.today, by_department=by_department)


def lock(ctx: Context, year: int, note: str = "") -> list[int]:
    """Lock `year` and every earlier year not yet locked that holds events: their events
    count in this year's report too (carried in, documents in force). The report header
    (agency settings) is frozen with each lock. Returns the years locked."""
    _check_year(year)
    if year >= ctx.today.year:
        raise Refusal(f"{year} 年度尚未结束，不能锁定")
    with db.transaction(ctx.engine) as conn:
        done = set(conn.execute(sa.select(locks_t.c.year)).scalars())
        if year in done:
            raise Refusal(f"{year} 年度已锁定")
        first = conn.execute(sa.select(sa.func.min(events_t.c.date))).scalar()
        first_year = min(first.year, year) if first else year
        years = [y for y in range(first_year, year + 1) if y not in done]
        for y in years:
            header = agency(ctx, conn, y)
            text = note if y == year else f"随 {year} 年度一并锁定"
            conn.execute(
                sa.insert(locks_t).values(
                    year=y,
                    operator=ctx.operator,
                    locked_at=ctx.now(),
                    note=json.dumps({"note": text, "agency": header}, ensure_ascii=False),
                )
            )
        audit(ctx, conn, "lock", str(year), note + (f"（连同 {years[0]}–{years[-2]} 年度）" if len(years) > 1 else ""))
    return years


def _lock_note(text: str | None) -> str:
    try:
        data = json.loads(text or "")
    except ValueError:
        return text or ""
    return str(data.get("note", "")) if isinstance(data, dict) else str(data)


def locked_years(ctx: Context) -> list[dict[str, Any]]:
    with ctx.engine.connect() as conn:
        return [
            {
                "year": r.year,
                "operator": r.operator,
                "locked_at": r.locked_at.isoformat(timespec="seconds") if r.locked_at else None,
                "note": _lock_note(r.note),
            }
            for r in conn.execute(sa.select(locks_t).order_by(locks_t.c.year))
        ]
