"""`govinfo complaint …`: 投诉举报 (昌宁县医疗保障局《投诉举报处理制度》)."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import DeptOpt, RevealOpt, StatusOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands
from govinfo_cli.core import codes

app = group("投诉举报：受理、确定处理方式（15日）、延期（一次，15日）、办结（30日）、不予受理。")
event = event_commands(app, "complaint")


@event(case="new")
def accept(
    ev: Event,
    respondent: Annotated[str, typer.Option("--respondent", help="被投诉举报对象")],
    summary: Annotated[str, typer.Option("--summary", help="投诉举报事项摘要")],
    reporter: Annotated[str | None, typer.Option("--reporter", help="投诉举报人（保密，第十一条）")] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="来源渠道，如 12345热线、来信、来访")] = None,
    department: DeptOpt = None,
) -> None:
    """受理投诉举报：15日内确定处理方式，30日内办结（末日遇节假日顺延）。

    投诉举报人的信息保密（投诉举报处理制度第十一条）：列表、待办、导出、报告和文书中不显示，
    须 --reveal 才显示（将记录）。

    示例：govinfo complaint accept --respondent 县医保局 --summary "政府信息公开申请逾期未答复" --reporter 李明
    """
    ev.record(
        "complaint_accepted",
        {
            "respondent": respondent,
            "summary": summary,
            "reporter": reporter,
            "channel": channel,
            "department": department,
        },
    )
    if reporter:
        from govinfo_cli.cli import render

        render.note("投诉举报人姓名已保密（投诉举报处理制度第十一条）：各处显示为（保密），查看须加 --reveal（将记录）")


@event()
def decide(
    ev: Event,
    mode: Annotated[str, typer.Option("--mode", help="处理方式：" + codes.choices(codes.COMPLAINT_MODES))],
) -> None:
    """确定处理方式：直接办理、转交办理或督促办理。

    示例：
      govinfo complaint accept --respondent 县医保局基金监管股 --summary "申请公开医保基金支出明细，逾期未答复"
      govinfo complaint decide 投诉〔2026〕1号 --mode 直接办理
    """
    ev.record("handling_decided", {"mode": mode})


@event()
def extend(
    ev: Event,
    days: Annotated[int, typer.Option("--days", help="延长日数（不超过15日）")],
    reason: Annotated[str, typer.Option("--reason", help="延期理由（经负责人批准并告知投诉举报人）")],
) -> None:
    """延长办结期限（只能一次，不超过15日）。

    示例：govinfo complaint extend 昌医保投诉〔2026〕7号 --days 15 --reason "案情复杂，需调取多个处室的办理记录"
    """
    ev.record("complaint_extended", {"days": days, "reason": reason})


@event()
def conclude(ev: Event, result: Annotated[str | None, typer.Option("--result", help="办理结果")] = None) -> None:
    """办结投诉举报。

    示例：govinfo complaint conclude 昌医保投诉〔2026〕7号 --result "已督促承办处室答复申请人"
    """
    ev.record("complaint_concluded", {"result": result})


@event()
def reject(
    ev: Event,
    reason: Annotated[
        str,
        typer.Option("--reason", help="不予受理理由（第七条）：" + codes.choices(codes.COMPLAINT_REJECT_REASONS)),
    ],
) -> None:
    """不予受理（第七条所列情形之一）。

    示例：
      govinfo complaint accept --respondent 县人民医院 --summary "反映医院收费问题"
      govinfo complaint reject 投诉〔2026〕1号 --reason 不属于本机关职责范围
    """
    ev.record("complaint_rejected", {"reason": reason})


@app.command("list")
@output_options()
def list_(
    output: Output,
    status: StatusOpt = None,
    reveal: RevealOpt = False,
) -> None:
    """列出投诉举报（投诉举报人保密，除非 --reveal）。

    示例：govinfo complaint list --status 办理中"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("complaint", status=status, reveal=reveal, output=output)
