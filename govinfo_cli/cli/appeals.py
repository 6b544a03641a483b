"""`govinfo appeal …`: 行政复议 and 行政诉讼 about the office's disclosure decisions."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import DeptOpt, StatusOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands
from govinfo_cli.core import codes

app = group("行政复议与行政诉讼：收到副本、提交答复或答辩、登记结果。")
event = event_commands(app, "appeal")

RequestOpt = Annotated[str, typer.Option("--request", help="涉及的依申请公开案件编号")]
ExternalOpt = Annotated[
    bool, typer.Option("--external", help="所涉申请不在本系统（较早或在别处办理）：编号只作文字记录，期限照常计算")
]


def _request(typed: str, external: bool) -> str:
    """The request as stored (依申【2026】1号, 1号 …: app.numbers.linked_request)."""
    from govinfo_cli.app.numbers import linked_request
    from govinfo_cli.cli.state import ctx

    return linked_request(ctx(), typed, external=external)


@event(case="new")
def reconsideration(
    ev: Event,
    request: RequestOpt,
    simplified: Annotated[bool, typer.Option("--simplified", help="适用简易程序（5个工作日内答复）")] = False,
    department: DeptOpt = None,
    external: ExternalOpt = False,
) -> None:
    """收到行政复议申请书副本：10个工作日内（简易程序5个）书面答复（行政复议法第48、54、88条）。

    示例：govinfo appeal reconsideration --request 昌医保依申〔2026〕12号 --date 2026-11-20
    """
    request = _request(request, external)
    ev.record(
        "reconsideration_copy_received",
        {
            "request": request,
            "external": True if external else None,
            "simplified": simplified,
            "department": department,
        },
    )


@event(case="new")
def lawsuit(
    ev: Event,
    request: RequestOpt,
    route: Annotated[str, typer.Option("--route", help="起诉方式：" + codes.choices(codes.LAWSUIT_ROUTES))] = "direct",
    department: DeptOpt = None,
    external: ExternalOpt = False,
) -> None:
    """收到起诉状副本：15日内提交答辩状和证据（行政诉讼法第67条，末日遇节假日顺延）。

    示例：govinfo appeal lawsuit --request 昌医保依申〔2026〕12号 --date 2026-11-20
    """
    request = _request(request, external)
    ev.record(
        "lawsuit_copy_received",
        {"request": request, "external": True if external else None, "route": route, "department": department},
    )


@event()
def replied(ev: Event) -> None:
    """已提交行政复议书面答复。

    示例：govinfo appeal replied 昌医保复议〔2026〕2号 --date 2026-11-20
    """
    ev.record("agency_replied", {})


@event()
def defended(ev: Event) -> None:
    """已提交答辩状。

    示例：
      govinfo appeal lawsuit --request 昌医保依申〔2026〕12号 --date 2026-11-18
      govinfo appeal defended 复议诉讼〔2026〕1号 --date 2026-11-20
    """
    ev.record("defense_submitted", {})


@event()
def decided(
    ev: Event,
    result: Annotated[
        str, typer.Option("--result", help="结果：结果维持(upheld) / 结果纠正(corrected) / 其他结果(other)")
    ],
) -> None:
    """登记复议决定或判决结果（用于年度报告第四部分）。

    示例：govinfo appeal decided 昌医保应诉〔2026〕1号 --result 结果维持
    """
    ev.record("appeal_decided", {"result": result})


@app.command("list")
@output_options()
def list_(
    output: Output,
    status: StatusOpt = None,
) -> None:
    """列出复议诉讼案件。

    示例：govinfo appeal list --json"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("appeal", status=status, reveal=False, output=output)
