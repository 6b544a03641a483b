"""Queries and helpers specific to disclosure requests."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.dates import parse_date_arg
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.core.fees import Applicant, nth_request_in_month, per_request_fee, per_volume_fee
from govinfo_cli.store.cases import get_case
from govinfo_cli.store.requests import applicants_in_month, request_list_select

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

LIST_KEYS = (
    "case",
    "received",
    "applicant",
    "applicant_type",
    "subject",
    "department",
    "status",
    "outcome",
    "reply_due",
    "reply_state",
    "provisional",
    "overdue",
)


def list_requests(
    ctx: Context,
    *,
    status: str | None = None,
    department: str | None = None,
    applicant: str | None = None,
    received_from: str | None = None,
    received_to: str | None = None,
    outcome: str | None = None,
    overdue: bool = False,
) -> list[dict[str, Any]]:
    if status and status not in codes.STATUSES:
        raise ValidationError(f"--status 可选：{codes.choices(codes.STATUSES)}")
    lo, hi = parse_date_arg(received_from, "--from"), parse_date_arg(received_to, "--to")
    code = None
    if outcome:
        code = codes.parse(codes.OUTCOMES, outcome)
        if code is None:
            raise ValidationError(f"--outcome: 未知结果 {outcome!r}")
    stmt = request_list_select(
        status=status, department=department, applicant=applicant, received_from=lo, received_to=hi, outcome=code
    )
    from govinfo_cli.app.remaining import late as is_late

    today = ctx.today
    out = []
    with ctx.engine.connect() as conn:
        for r in conn.execute(stmt):
            late = (r.reply_state == "pending" and r.reply_due is not None and is_late(r.reply_due, today)) or (
                r.reply_state == "missed"
            )
            if overdue and not late:
                continue
            out.append(
                {
                    "case": r.number,
                    "received": r.opened.isoformat() if r.opened else None,
                    "applicant": r.party,
                    "applicant_type": r.party_type,
                    "subject": r.subject,
                    "department": r.department,
                    "status": r.status,
                    "outcome": r.outcome,
                    "reply_due": r.reply_due.isoformat() if r.reply_due else None,
                    "reply_state": r.reply_state,
                    "provisional": bool(r.reply_provisional),
                    "overdue": late,
                }
            )
    from govinfo_cli.core.numbers import seq_key

    out.sort(key=lambda x: (x["received"] or "", seq_key(x["case"])))  # 2号 before 10号
    return out


def fee_quote(ctx: Context, number: str, pages: int | None) -> dict[str, Any]:
    """The 109号 fee for a request: per volume from its pages, or per request from the
    applicant's count of requests received in the same natural month."""
    with ctx.engine.connect() as conn:
        row = get_case(conn, number, "request")
        if pages is not None:
            amount = per_volume_fee(pages)
            return {
                "case": row.number,
                "scheme": "per_volume",
                "pages": pages,
                "amount": amount,
                "text": f"按量计收：{pages} 页，应收 {amount} 元（109号 超额累进）",
            }
        if row.opened is None:
            raise ValidationError("该申请没有收到日期")
        first = row.opened.replace(day=1)
        nxt = (first + dt.timedelta(days=32)).replace(day=1)
        this, earlier = applicants_in_month(conn, row, first, nxt)
    # 109号: the same applicant by ID number when recorded, else by name (docs/rules.md §10)
    nth = nth_request_in_month(Applicant(*this), [Applicant(*a) for a in earlier])
    amount = per_request_fee(nth)
    return {
        "case": row.number,
        "scheme": "per_request",
        "nth_in_month": nth,
        "amount": amount,
        "text": f"按件计收：{row.party} {first:%Y年%m月} 第 {nth} 件申请，应收 {amount} 元（109号）",
    }
