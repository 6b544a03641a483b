"""`govinfo appeal …`: 行政复议 and 行政诉讼 about the office's disclosure decisions."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, UnlockOpt, group
from govinfo_cli.cli.record import CaseArg, DateOpt, record
from govinfo_cli.core import codes

app = group("行政复议与行政诉讼：收到副本、提交答复或答辩、登记结果。")

RequestOpt = Annotated[str, typer.Option("--request", help="涉及的依申请公开案件编号")]
NewCaseOpt = Annotated[str | None, typer.Option("--case", help="本案编号；省略则自动生成")]


@app.command()
def reconsideration(
    request: RequestOpt,
    simplified: Annotated[bool, typer.Option("--simplified", help="适用简易程序（5个工作日内答复）")] = False,
    department: Annotated[str | None, typer.Option("--department", help="承办处室")] = None,
    case: NewCaseOpt = None,
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """收到行政复议申请书副本：10个工作日内（简易程序5个）书面答复（行政复议法第48、54、88条）。"""
    record(
        "appeal",
        case,
        "reconsideration_copy_received",
        date,
        {"request": request, "simplified": simplified, "department": department},
        unlock_reason=unlock_reason,
    )


@app.command()
def lawsuit(
    request: RequestOpt,
    route: Annotated[str, typer.Option("--route", help="起诉方式：" + codes.choices(codes.LAWSUIT_ROUTES))] = "direct",
    department: Annotated[str | None, typer.Option("--department", help="承办处室")] = None,
    case: NewCaseOpt = None,
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """收到起诉状副本：15日内提交答辩状和证据（行政诉讼法第67条，末日遇节假日顺延）。"""
    record(
        "appeal",
        case,
        "lawsuit_copy_received",
        date,
        {"request": request, "route": route, "department": department},
        unlock_reason=unlock_reason,
    )


@app.command()
def replied(case: CaseArg, date: DateOpt = None, unlock_reason: UnlockOpt = None) -> None:
    """已提交行政复议书面答复。"""
    record("appeal", case, "agency_replied", date, {}, unlock_reason=unlock_reason)


@app.command()
def defended(case: CaseArg, date: DateOpt = None, unlock_reason: UnlockOpt = None) -> None:
    """已提交答辩状。"""
    record("appeal", case, "defense_submitted", date, {}, unlock_reason=unlock_reason)


@app.command()
def decided(
    case: CaseArg,
    result: Annotated[
        str, typer.Option("--result", help="结果：结果维持(upheld) / 结果纠正(corrected) / 其他结果(other)")
    ],
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """登记复议决定或判决结果（用于年度报告第四部分）。"""
    record("appeal", case, "appeal_decided", date, {"result": result}, unlock_reason=unlock_reason)


@app.command("list")
def list_(
    status: Annotated[str | None, typer.Option("--status", help="open 或 closed")] = None,
    as_json: JsonOpt = False,
) -> None:
    """列出复议诉讼案件。"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("appeal", status=status, reveal=False, as_json=as_json)
