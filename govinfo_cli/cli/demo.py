"""`govinfo demo`: load the sample year into a fresh database and show the morning check."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.helpframe import App

app = App()

DEMO_TODAY = "2026-11-20"


@app.command(name="demo")
def demo(
    within: Annotated[int, typer.Option("--within", min=0, help="向后看多少个工作日")] = 10,
) -> None:
    """载入示例数据（一个县医保局一年的案件）到新数据库，并显示每日待办。

    默认使用临时文件（不会碰到您的正式数据库）；用全局选项 --db 指定位置，
    --today 指定“今天”（默认 2026-11-20）。

    示例：govinfo demo
    """
    from govinfo_cli.app import demo as demo_app
    from govinfo_cli.cli import render, state
    from govinfo_cli.cli.due import due

    c = state.use(demo_app.demo_context(state.ctx(), default_today=DEMO_TODAY))
    info = demo_app.load(c)
    render.note(
        f"演示数据库：{info['path']}（{info['cases']} 件案件，{info['events']} 条事件；今天 = {info['today']}）"
    )
    render.note(f"继续查看：govinfo --db {info['path']} --today {info['today']} show <编号>")
    render.note(
        f"出具文书：govinfo --db {info['path']} --today {info['today']} letter 昌医保依申〔2026〕7号 reply "
        "--out 答复书.docx（已设置示例机关名称、地址、复议机关等，govinfo config list）"
    )
    render.note(
        f"年度报告：govinfo --db {info['path']} --today {info['today']} report annual 2026 "
        "--format docx --out 年报.docx"
    )
    due(
        within=within,
        overdue=False,
        department=None,
        kind=None,
        ics=None,
        check=False,
        fmt=None,
        as_json=False,
        as_csv=False,
        out=None,
        encoding=None,
    )
