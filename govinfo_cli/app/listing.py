"""Lists of cases of any kind, from the cache (plus the reporter, from the log, only when
revealed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.core import codes
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.store.cases import cases_t, deadlines_t, events_t

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def list_cases(ctx: Context, kind: str, *, status: str | None = None, reveal: bool = False) -> list[dict[str, Any]]:
    if status and status not in codes.STATUSES:
        raise ValidationError(f"--status 可选：{codes.choices(codes.STATUSES)}")
    c, d = cases_t, deadlines_t
    stmt = sa.select(c).where(c.c.kind == kind).order_by(c.c.opened, c.c.number)
    if status:
        stmt = stmt.where(c.c.status == status)
    today = ctx.today
    out: list[dict[str, Any]] = []
    with ctx.engine.connect() as conn:
        rows = conn.execute(stmt).all()
        pending: dict[int, tuple[str, Any]] = {}
        for r in conn.execute(
            sa.select(d.c.case_id, d.c.code, d.c.due)
            .where(d.c.state == "pending", d.c.due.is_not(None))
            .order_by(d.c.due)
        ):
            pending.setdefault(r.case_id, (r.code, r.due))
        reporters: dict[int, str] = {}
        if reveal and kind == "complaint":
            for r in conn.execute(
                sa.select(events_t.c.case_id, events_t.c.payload).where(events_t.c.type == "complaint_accepted")
            ):
                reporters[r.case_id] = (r.payload or {}).get("reporter", "")
    for r in rows:
        code, due = pending.get(r.id, (None, None))
        item = {
            "case": r.number,
            "kind": r.kind,
            "opened": r.opened.isoformat() if r.opened else None,
            "party": r.party,
            "subject": r.subject,
            "department": r.department,
            "status": r.status,
            "outcome": r.outcome,
            "next_deadline": code,
            "next_due": due.isoformat() if due else None,
            "overdue": bool(due and due < today and r.status == "open"),
        }
        if reveal and kind == "complaint":
            item["reporter"] = reporters.get(r.id, "")
        out.append(item)
    return out
