"""Registers (登记簿) out: the request register, the other kinds' registers, every event as
a scripting-interface line (the file formats are in ``govinfo_cli.formats``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from govinfo_cli.app.registers import (  # noqa: F401  (re-exported for the export commands)
    REQUEST_COLUMNS,
    Filters,
    as_amended,
    display_value,
    register_row,
)
from govinfo_cli.core import personal
from govinfo_cli.core.events import as_line
from govinfo_cli.store.cache import events_by_case, next_pending
from govinfo_cli.store.cases import complaint_reporters
from govinfo_cli.store.registers import (
    amended_ids,
    event_line,
    event_lines_select,
    kind_register_select,
    request_register_select,
)

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


# A register's rows, streamed from an open query: a generator, so that ``closing`` ends the
# query at once when the writer fails.
Rows = Generator[dict[str, Any], None, None]


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def request_rows(ctx: Context, filters: Filters, *, reveal: bool) -> Rows:
    """The request register, one dict per case, streamed (flat memory)."""
    stmt = request_register_select(filters)
    with ctx.engine.connect() as conn:
        amended = events_by_case(conn, amended_ids("request"))  # few: read from the amended log
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            yield register_row(as_amended(r, amended[r.id]) if r.id in amended else r, reveal=reveal)


def other_rows(ctx: Context, kind: str, filters: Filters, *, reveal: bool) -> Rows:
    """Complaints, appeals and disclosures: one row per case from the cache (the complaint
    reporter only when revealed)."""
    with ctx.engine.connect() as conn:
        nxt = next_pending(conn)
        reporters = complaint_reporters(conn) if reveal and kind == "complaint" else {}
        for r in conn.execution_options(yield_per=2000).execute(kind_register_select(kind, filters)):
            code, due = nxt.get(r.id, ("", None))
            row = {
                "case": r.number,
                "opened": r.opened,
                "party": r.party,
                "type": r.party_type,
                "subject": r.subject,
                "department": r.department,
                "status": r.status,
                "outcome": r.outcome,
                "closed": r.closed,
                "next_deadline": code,
                "next_due": due,
            }
            if reveal and kind == "complaint":
                row["reporter"] = reporters.get(r.id, "")
            yield row


OTHER_COLUMNS = {
    "complaint": [
        ("case", "编号"),
        ("opened", "受理日期"),
        ("party", "被投诉举报对象"),
        ("subject", "事项摘要"),
        ("department", "承办处室"),
        ("status", "状态"),
        ("outcome", "结果"),
        ("closed", "办结日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
    "appeal": [
        ("case", "编号"),
        ("opened", "收到副本日期"),
        ("type", "类别"),
        ("party", "方式"),
        ("subject", "涉及申请"),
        ("department", "承办处室"),
        ("status", "状态"),
        ("outcome", "结果"),
        ("closed", "结案日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
    "record_correction": [  # 更正申请 (docs/rules.md §11): its own register, not the request register
        ("case", "编号"),
        ("opened", "收到日期"),
        ("party", "申请人"),
        ("type", "申请人类型"),
        ("subject", "要求更正的信息"),
        ("department", "承办处室"),
        ("status", "状态"),
        ("outcome", "结果"),
        ("closed", "办结日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
    "disclosure": [
        ("case", "编号"),
        ("opened", "形成日期"),
        ("party", "标题"),
        ("subject", "类别"),
        ("type", "公开属性/决定类型"),
        ("department", "责任处室"),
        ("status", "状态"),
        ("closed", "公开日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
}


def event_lines(ctx: Context, filters: Filters, *, reveal: bool) -> Rows:
    """Every event as a docs/contract.md line (export events → import events round-trips)."""
    stmt = event_lines_select(filters)
    with ctx.engine.connect() as conn:
        for row in conn.execution_options(yield_per=2000).execute(stmt):
            r = event_line(row)
            payload = r.payload
            yield {
                "case": r.number,
                "kind": r.kind,
                "type": r.type,
                "date": r.date.isoformat(),
                **personal.seal(as_line(payload), reveal=reveal),
            }
