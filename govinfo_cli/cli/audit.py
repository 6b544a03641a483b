"""`govinfo audit`: the audit trail (who did what to which case, and when)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import typer

from govinfo_cli.cli.helpframe import App
from govinfo_cli.cli.output import Output, output_options

app = App()


@app.command(name="audit")
@output_options(("table", "json", "csv", "md"))
def audit(
    output: Output,
    case: Annotated[str | None, typer.Option("--case", help="只看这个案件（其事件和对它的查看）")] = None,
    by: Annotated[str | None, typer.Option("--by", help="只看这个经办人")] = None,
    date_from: Annotated[str | None, typer.Option("--from", metavar="日期", help="起始日期（本地时间，含）")] = None,
    date_to: Annotated[str | None, typer.Option("--to", metavar="日期", help="截止日期（本地时间，含）")] = None,
) -> None:
    """审计日志：谁在何时记录、查看（--reveal）、带个人信息导出、更正、作废、锁定、解锁了什么（本地时间）。

    示例：govinfo audit --case 昌医保依申〔2026〕7号 --from 2026-01-01
    """
    from govinfo_cli.app.trail import ACTIONS, entries, local
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.dates import parse_date_arg

    if case is not None:  # 依申【2026】1号, 1号 …: the case meant, as `show` reads it
        from govinfo_cli.app.numbers import resolve

        case = resolve(ctx(), case)
    found = list(
        entries(
            ctx(),
            case=case,
            by=by,
            date_from=parse_date_arg(date_from, "--from"),
            date_to=parse_date_arg(date_to, "--to"),
        )
    )
    header = ["时间", "经办人", "操作", "对象", "说明"]

    def rows() -> Iterator[list[str]]:
        for e in found:
            stamp = local(e.at).strftime("%Y-%m-%d %H:%M:%S")
            yield [stamp, e.operator, ACTIONS.get(e.action, e.action), e.target, e.detail]

    def table() -> None:
        # the time (its date and time on two lines), the target (a case number whole) and the
        # detail wrap; when narrow the detail goes first, then the action
        t = render.table(f"审计日志（{len(found)} 条）", *header, wrap=(0, 3, 4), least={0: 10, 4: 16}, drop=(4, 2))
        for row in rows():
            t.add_row(*row)
        t.print()

    emit(
        output,
        data=[e.to_json() for e in found],
        header=header,
        rows=rows,
        table=table,
        title="审计日志",
        what="审计日志",
    )
