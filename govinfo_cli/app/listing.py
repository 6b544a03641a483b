"""Lists of cases of any kind, from the cache (plus the reporter, from the log, only when
revealed)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from govinfo_cli.app.remaining import late
from govinfo_cli.core import codes
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.store.cache import next_pending
from govinfo_cli.store.cases import cases_of_kind, complaint_reporters

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def departments(ctx: Context) -> list[str]:
    """The departments that have cases, and the yearly duties' (for a --department filter)."""
    from govinfo_cli.app.duties import DEPARTMENT
    from govinfo_cli.store.cases import departments as stored

    with ctx.engine.connect() as conn:
        known = stored(conn)
    return sorted({*known, DEPARTMENT})  # the yearly duties' department, stored or not


def list_cases(ctx: Context, kind: str, *, status: str | None = None, reveal: bool = False) -> list[dict[str, Any]]:
    if status and status not in codes.STATUSES:
        raise ValidationError(f"--status 可选：{codes.choices(codes.STATUSES)}")
    today = ctx.today
    out: list[dict[str, Any]] = []
    with ctx.engine.connect() as conn:
        rows = cases_of_kind(conn, kind, status)
        pending = next_pending(conn)
        reporters = complaint_reporters(conn) if reveal and kind == "complaint" else {}
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
            "overdue": bool(due and late(due, today) and r.status == "open"),
        }
        if reveal and kind == "complaint":
            item["reporter"] = reporters.get(r.id, "")
        out.append(item)
    return out
