"""`govinfo import …`: event lines (the scripting interface) and registers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govinfo_cli.cli.options import InputEncodingOpt, JsonOpt, SheetOpt, UnlockOpt, group

app = group("批量导入：事件行（JSON Lines）、登记簿（CSV 或 Excel .xlsx）。全部校验通过才写入。")

DryRunOpt = Annotated[bool, typer.Option("--dry-run", help="只校验，不写入")]


@app.command()
def events(
    file: Annotated[str, typer.Argument(metavar="文件", help="JSON Lines 文件，- 表示标准输入")],
    dry_run: DryRunOpt = False,
    as_json: JsonOpt = False,
    unlock_reason: UnlockOpt = None,
) -> None:
    """导入事件行（docs/contract.md）：逐行校验，任何一行有误则整批拒绝；重复导入不会重复记录。

    示例：
      govinfo export events --reveal --out 全部事件.jsonl
      govinfo --db 新台账.db db init
      govinfo --db 新台账.db import events 全部事件.jsonl
    """
    from govinfo_cli.app.event_import import import_events
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.formats.textfile import open_utf8

    with (
        open_utf8(Path(file) if file != "-" else "-") as fh,
        render.progress_bar("校验并计算期限", "行", enabled=not as_json) as progress,
    ):
        summary = import_events(ctx(), fh, dry_run=dry_run, unlock_reason=unlock_reason, progress=progress)
    info = {
        "lines": summary.lines,
        "added": summary.added,
        "unchanged": summary.unchanged,
        "new_cases": summary.new_cases,
        "dry_run": dry_run,
        "warnings": summary.warnings,
    }
    for w in summary.warnings:  # recorded, but a late step moves nothing (docs/rules.md §9)
        render.warn(w)
    if as_json:
        render.print_json(info)
        return
    verb = "校验通过（未写入）" if dry_run else "已导入"
    render.note(
        f"{verb}：{summary.lines} 行，新增事件 {summary.added} 条，新案件 {summary.new_cases} 件，"
        f"已存在未变 {summary.unchanged} 条"
    )


@app.command()
def requests(
    file: Annotated[
        str,
        typer.Argument(metavar="文件", help="登记簿：CSV（UTF-8/GB18030 自动识别）或 Excel .xlsx；表头可为中文或代码"),
    ],
    sheet: SheetOpt = None,
    encoding: InputEncodingOpt = None,
    dry_run: DryRunOpt = False,
    update: Annotated[
        bool,
        typer.Option(
            "--update", help="编号已存在且数据不同时，追加答复或更正记录（理由为登记簿文件名和行号；原记录保留）"
        ),
    ] = False,
    unlock_reason: UnlockOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """导入依申请公开登记簿（CSV 或 Excel）：全部校验通过才写入；重复导入不会重复登记。

    Excel：读第一个工作表（或 --sheet 指定）；日期可为 Excel 日期或文字日期；错误指明单元格（如 台账.xlsx:Sheet1!D7）。

    加 --update：改动过的行以更正记录追加，再次导入不再变化。

    示例：
      govinfo export requests --reveal --out 登记簿.csv
      govinfo --db 新台账.db db init
      govinfo --db 新台账.db import requests 登记簿.csv
    """

    from govinfo_cli.app.register_import import import_requests
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    with render.progress_bar("校验并计算期限", "行", enabled=not as_json) as progress:
        summary = import_requests(
            ctx(),
            file,
            encoding=encoding,
            sheet=sheet,
            dry_run=dry_run,
            update=update,
            unlock_reason=unlock_reason,
            progress=progress,
        )
    if as_json:
        render.print_json(summary.to_json())
        return
    years = "，".join(f"{y} 年 {n} 件" for y, n in sorted(summary.per_year.items()))
    verb = "校验通过（未写入）" if dry_run else "已导入"
    render.note(
        f"{verb}：{summary.rows} 行；新登记 {summary.imported} 件，未变 {summary.unchanged} 件，"
        f"更正 {summary.updated} 件；已办结但无理由 {summary.closed_without_reason} 件"
        + (f"（{years}）" if years else "")
    )
