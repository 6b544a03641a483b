"""`govinfo import …`: event lines (the scripting interface) and registers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, group

app = group("批量导入：事件行（JSON Lines）、登记簿（CSV）。全部校验通过才写入。")

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="只校验，不写入")]


@app.command()
def events(
    file: Annotated[str, typer.Argument(help="JSON Lines 文件，- 表示标准输入")],
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """导入事件行（CONTRACT.md）：逐行校验，任何一行有误则整批拒绝；重复导入不会重复记录。"""
    from govinfo_cli.app.cases import import_events
    from govinfo_cli.app.textfile import open_text
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    with open_text(Path(file) if file != "-" else "-") as fh:
        summary = import_events(ctx(), fh, dry_run=dry_run)
    info = {
        "lines": summary.lines, "added": summary.added, "unchanged": summary.unchanged,
        "new_cases": summary.new_cases, "dry_run": dry_run,
    }
    if as_json:
        render.print_json(info)
        return
    verb = "校验通过（未写入）" if dry_run else "已导入"
    render.note(f"{verb}：{summary.lines} 行，新增事件 {summary.added} 条，新案件 {summary.new_cases} 件，"
                f"已存在未变 {summary.unchanged} 条")
