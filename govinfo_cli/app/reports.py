"""Building the annual and timeliness reports from the database, and year locks."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.case_view import marked
from govinfo_cli.app.settings import audit
from govinfo_cli.core import personal
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.report import (
    AnnualReport,
    annual,
    timeliness,
)
from govinfo_cli.core.rules import replay
from govinfo_cli.store import db, settings
from govinfo_cli.store import reports as stored
from govinfo_cli.store.cache import events_by_case
from govinfo_cli.store.cases import case_heads
from govinfo_cli.store.cases import locked_years as locked_years_of
from govinfo_cli.store.reports import load_appeals, load_disclosures, load_fees, load_requests

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

AGENCY_KEYS = ("agency.name", "agency.office", "agency.address", "agency.phone", "report.download")


def _check_year(year: int) -> None:
    if not 2000 <= year <= 2100:
        raise ValidationError(f"年度 {year} 不在 2000–2100 之间")


def agency(ctx: Context, conn: sa.Connection, year: int) -> dict[str, str]:
    """The report's header: frozen at lock time for a locked year (byte-for-byte reruns)."""
    note = stored.lock_note(conn, year)
    if note:
        try:
            frozen = json.loads(note).get("agency")
        except ValueError:
            frozen = None
        if isinstance(frozen, dict):
            return frozen
    return {k: settings.get(conn, k) for k in AGENCY_KEYS}


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
        locked = year in locked_years_of(conn)
    return report, header, locked


def timeliness_report(ctx: Context, year: int, *, by_department: bool) -> list[dict[str, Any]]:
    """The timeliness report; each group also lists its requests whose dates were amended
    after one of their deadlines had passed, with who and why (docs/rules.md §12), so an
    amendment cannot quietly turn a late reply into an on-time one; and (§14) the requests
    voided while a deadline was late, the 平常信函 confirmed after their arrival day, and the
    events entered late (补录) that cleared a breach."""
    from govinfo_cli.app.calendar import calendar_for_reading
    from govinfo_cli.app.profile import office_profile

    _check_year(year)
    start, until = dt.date(year, 1, 1), max(ctx.today, dt.date(year, 12, 31))
    with ctx.engine.connect() as conn:
        rows = load_requests(conn, start, until, timeliness=True)
        cal = calendar_for_reading(ctx, conn)
        profile = office_profile(ctx, conn)
        logs = events_by_case(conn, stored.marked_requests(conn))
        heads = case_heads(conn)
    in_scope = {r.case for r in rows}
    marks: dict[str, list[dict[str, Any]]] = {
        "amended_after_deadline": [],
        "voided_after_deadline": [],
        "letter_confirmed_late": [],
        "entered_late_cleared": [],
    }
    for case_id, evs in logs.items():
        head = heads[case_id]
        st = replay("request", evs, cal, profile)
        where = {"case": head.number, "department": head.department}
        v = st.voided
        if v is not None:  # a voided case is in no count: in scope as it stood when voided
            if v.after_deadline and st.opened and st.opened <= until and (not st.closed or st.closed >= start):
                marks["voided_after_deadline"].append(
                    where
                    | {"seq": v.seq, "date": v.date.isoformat(), "operator": v.operator, "reason": v.reason}
                    | {"passed": list(v.passed)}
                )
            continue
        if head.number not in in_scope:
            continue
        for a in filter(marked, st.amendments):
            # the report has no --reveal: an amended ID number or phone stays masked
            marks["amended_after_deadline"].append(where | personal.seal(a.as_dict()))
        lc = st.late_confirmation
        if lc is not None:
            marks["letter_confirmed_late"].append(
                where
                | {"arrival": lc.arrival.isoformat(), "received": lc.received.isoformat()}
                | {"working_days": lc.working_days}
            )
        for x in st.late_entries:
            if x.cleared:
                marks["entered_late_cleared"].append(where | x.as_dict())
    for items in marks.values():
        items.sort(key=lambda x: (x["case"], x.get("seq", 0)))
    marked_groups = {
        (x["department"] or "（未指定）") if by_department else "全部" for items in marks.values() for x in items
    }
    out = timeliness(rows, year, cal, ctx.today, by_department=by_department, also=marked_groups)
    for group in out:
        for key, items in marks.items():
            group[key] = [x for x in items if not by_department or (x["department"] or "（未指定）") == group["group"]]
    return out


def lock(ctx: Context, year: int, note: str = "") -> list[int]:
    """Lock `year` and every earlier year not yet locked that holds events: their events
    count in this year's report too (carried in, documents in force). The report header
    (agency settings) is frozen with each lock. Returns the years locked."""
    _check_year(year)
    if year >= ctx.today.year:
        raise Refusal(f"{year} 年度尚未结束，不能锁定")
    with db.transaction(ctx.engine) as conn:
        done = locked_years_of(conn)
        if year in done:
            raise Refusal(f"{year} 年度已锁定")
        first = stored.first_event_date(conn)
        first_year = min(first.year, year) if first else year
        years = [y for y in range(first_year, year + 1) if y not in done]
        for y in years:
            header = agency(ctx, conn, y)
            text = note if y == year else f"随 {year} 年度一并锁定"
            stored.insert_lock(
                conn,
                y,
                operator=ctx.operator,
                at=ctx.now(),
                note=json.dumps({"note": text, "agency": header}, ensure_ascii=False),
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
            for r in stored.lock_rows(conn)
        ]
