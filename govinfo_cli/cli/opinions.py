"""`govinfo opinion …`: 舆情回应 (昌宁县医疗保障局《政府公开舆情回应制度》; docs/rules.md §6): hours, not days."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import DeptOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands

app = group("舆情回应：重大舆情1小时内首次发布、24小时内召开发布会；一般舆情48小时内回应。")
event = event_commands(app, "opinion")


@event(case="new", when="at")
def detect(
    ev: Event,
    summary: Annotated[str, typer.Option("--summary", help="舆情摘要")],
    major: Annotated[bool, typer.Option("--major", help="特别重大、重大舆情")] = False,
    department: DeptOpt = None,
) -> None:
    """登记发现的舆情，按小时计算回应期限。

    示例：govinfo opinion detect --at "2026-11-20 9:20" --summary "网传药价上涨"
    """
    ev.record("opinion_detected", {"at": ev.at, "major": major, "summary": summary, "department": department})


@event(when="at")
def released(ev: Event) -> None:
    """已首次发布权威信息。

    示例：
      govinfo opinion detect --at "2026-11-20 9:20" --summary "网传药价上涨" --major
      govinfo opinion released 舆情〔2026〕1号 --at "2026-11-20 10:00"
    """
    ev.record("opinion_released", {"at": ev.at})


@event(when="at")
def press(ev: Event) -> None:
    """已召开新闻发布会。

    示例：
      govinfo opinion detect --at "2026-11-20 9:20" --summary "网传药价上涨" --major
      govinfo opinion press 舆情〔2026〕1号 --at "2026-11-20 16:00"
    """
    ev.record("press_conference_held", {"at": ev.at})


@event(when="at")
def responded(ev: Event) -> None:
    """已作出回应。

    示例：
      govinfo opinion detect --at "2026-11-20 9:20" --summary "网传药价上涨"
      govinfo opinion responded 舆情〔2026〕1号 --at "2026-11-20 16:00"
    """
    ev.record("opinion_responded", {"at": ev.at})


@app.command("list")
@output_options()
def list_(output: Output) -> None:
    """列出舆情。

    示例：govinfo opinion list"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("opinion", status=None, reveal=False, output=output)
