"""`govinfo config …`: the office's settings."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import group
from govinfo_cli.cli.output import Output, output_options

app = group("本机关设置：机关名称、联系方式、规则配置、编号格式。")


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(metavar="设置项", help="设置项，如 agency.name")],
    value: Annotated[str, typer.Argument(metavar="值", help="设置的值")],
) -> None:
    """修改一项设置（记入审计日志）。修改规则配置或地区日历层（calendar.region）会重算期限。

    示例：govinfo config set agency.name "昌宁县医疗保障局"
    """
    from govinfo_cli.app import settings
    from govinfo_cli.cli.render import moved_text, note, progress_bar
    from govinfo_cli.cli.state import ctx

    counts: dict[str, int] = {}
    with progress_bar("按新规则重算期限", "件", after=1000) as progress:
        moved = settings.set_value(ctx(), key, value, progress, counts)
    shown = settings.check(key, value)
    note(f"{key} = {shown}" + (f"；{moved_text(moved, counts)}" if moved is not None else ""))


@app.command()
def get(key: Annotated[str, typer.Argument(metavar="设置项", help="设置项，如 agency.name")]) -> None:
    """显示一项设置。

    示例：govinfo config get case_number.pattern"""
    from govinfo_cli.app import settings
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import ValidationError

    values = settings.all_values(ctx())
    if key not in values:
        raise ValidationError(f"未知设置 {key!r}，可选：{', '.join(values)}")
    print(values[key])


@app.command("list")
@output_options()
def list_(output: Output) -> None:
    """列出所有设置及其含义。

    示例：govinfo config list"""
    from govinfo_cli.app import settings
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    values = settings.all_values(ctx())
    header = ["设置项", "值", "说明"]
    cells = [[k, v, settings.KNOWN[k][0]] for k, v in values.items()]

    def table() -> None:
        # the key, the value and what it means wrap; at 60 columns the meaning goes
        t = render.table(None, *header, wrap=(0, 1, 2), drop=(2,))
        for row in cells:
            t.add_row(*row)
        t.print()

    emit(output, data=values, header=header, rows=lambda: cells, table=table, title="本机关设置", what="设置")
