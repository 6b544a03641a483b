"""`govinfo demo`: load the sample year into a fresh database and show the morning check."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.helpframe import App

app = App()

DEMO_TODAY = "2026-11-20"
SAMPLE_CASE = "昌医保依申〔2026〕7号"  # a request of the sample year with a reply to print


@app.command(name="demo")
def demo(
    within: Annotated[int, typer.Option("--within", min=0, help="向后看多少个工作日")] = 10,
) -> None:
    """载入示例数据（一个县医保局一年的案件）并显示每日待办，再列出几条可以直接复制运行的命令。

    默认载入演示专用的数据库（用户数据目录下的 demo.db，每次运行重建，不会碰到您的正式数据库）；
    用全局选项 --db 指定一个新文件，--today 指定“今天”（默认 2026-11-20）。

    示例：govinfo demo
    """
    import shlex

    from govinfo_cli.app import demo as demo_app
    from govinfo_cli.cli import render, state
    from govinfo_cli.cli.due import due

    c = state.use(demo_app.demo_context(state.ctx(), default_today=DEMO_TODAY))
    info = demo_app.load(c)
    render.note(
        f"演示数据库：{info['path']}（{info['cases']} 件案件，{info['events']} 条事件；今天 = {info['today']}）"
    )
    run = f"govinfo --db {shlex.quote(info['path'])} --today {info['today']}"
    render.note("接着可以试试（整行复制到终端运行）：")
    for line in (
        f"{run} show {SAMPLE_CASE} --explain",
        f"{run} letter {SAMPLE_CASE} reply --out 答复书.docx",
        f"{run} report annual 2026 --format docx --out 年报.docx",
        f"{run} config list",
    ):
        render.note(f"  {line}")
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
