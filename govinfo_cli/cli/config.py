"""`govinfo config …`: the office's settings."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, group

app = group("本机关设置：机关名称、联系方式、规则配置、编号格式。")


@app.command("set")
def set_(
    key: Annotated[str, typer.Argument(help="设置项，如 agency.name")],
    value: Annotated[str, typer.Argument(help="值")],
) -> None:
    """修改一项设置（记入审计日志）。修改规则配置会重算所有期限。"""
    from govinfo_cli.app import settings
    from govinfo_cli.cli.render import note, progress_bar
    from govinfo_cli.cli.state import ctx

    with progress_bar("按新规则重算期限", "件", after=1000) as progress:
        settings.set_value(ctx(), key, value, progress)
    note(f"{key} = {value}")


@app.command()
def get(key: Annotated[str, typer.Argument(help="设置项")]) -> None:
    """显示一项设置。"""
    from govinfo_cli.app import settings
    from govinfo_cli.cli.state import ctx

    print(settings.all_values(ctx()).get(key, ""))


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """列出所有设置及其含义。"""
    from govinfo_cli.app import settings
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    values = settings.all_values(ctx())
    if as_json:
        render.print_json(values)
        return
    t = render.table(None, "设置项", "值", "说明")
    for k, v in values.items():
        t.add_row(k, v, settings.KNOWN[k][0])
    render.console().print(t)
