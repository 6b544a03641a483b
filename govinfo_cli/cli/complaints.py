"""`govinfo complaint …`: 投诉举报 (seed 000 投诉举报处理制度)."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, RevealOpt, UnlockOpt, group
from govinfo_cli.cli.record import CaseArg, DateOpt, record
from govinfo_cli.core import codes

app = group("投诉举报：受理、确定处理方式（15日）、延期（一次，15日）、办结（30日）、不予受理。")


@app.command()
def accept(
    respondent: Annotated[str, typer.Option("--respondent", help="被投诉举报对象")],
    summary: Annotated[str, typer.Option("--summary", help="投诉举报事项摘要")],
    reporter: Annotated[str | None, typer.Option("--reporter", help="投诉举报人（保密，第十一条）")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="来源渠道，如 12345热线、来信、来访")] = None,
    department: Annotated[str | None, typer.Option("--department", help="承办处室")] = None,
    case: Annotated[str | None, typer.Option("--case", help="编号；省略则自动生成")] = None,
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """受理投诉举报：15日内确定处理方式，30日内办结（末日遇节假日顺延）。"""
    record(
        "complaint",
        case,
        "complaint_accepted",
        date,
        {
            "respondent": respondent,
            "summary": summary,
            "reporter": reporter,
            "channel": channel,
            "department": department,
        },
        unlock_reason=unlock_reason,
    )


@app.command()
def decide(
    case: CaseArg,
    mode: Annotated[str, typer.Option("--mode", help="处理方式：" + codes.choices(codes.COMPLAINT_MODES))],
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """确定处理方式：直接办理、转交办理或督促办理。"""
    record("complaint", case, "handling_decided", date, {"mode": mode}, unlock_reason=unlock_reason)


@app.command()
def extend(
    case: CaseArg,
    days: Annotated[int, typer.Option("--days", help="延长日数（不超过15日）")],
    reason: Annotated[str, typer.Option("--reason", help="延期理由（经负责人批准并告知投诉举报人）")],
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """延长办结期限（只能一次，不超过15日）。"""
    record("complaint", case, "complaint_extended", date, {"days": days, "reason": reason}, unlock_reason=unlock_reason)


@app.command()
def conclude(
    case: CaseArg,
    result: Annotated[str | None, typer.Option("--result", help="办理结果")] = None,
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """办结投诉举报。"""
    record("complaint", case, "complaint_concluded", date, {"result": result}, unlock_reason=unlock_reason)


@app.command()
def reject(
    case: CaseArg,
    reason: Annotated[
        str,
        typer.Option("--reason", help="不予受理理由（第七条）：" + codes.choices(codes.COMPLAINT_REJECT_REASONS)),
    ],
    date: DateOpt = None,
    unlock_reason: UnlockOpt = None,
) -> None:
    """不予受理（第七条所列情形之一）。"""
    record("complaint", case, "complaint_rejected", date, {"reason": reason}, unlock_reason=unlock_reason)


@app.command("list")
def list_(
    status: Annotated[str | None, typer.Option("--status", help="open 或 closed")] = None,
    reveal: RevealOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """列出投诉举报（投诉举报人保密，除非 --reveal）。"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("complaint", status=status, reveal=reveal, as_json=as_json)
