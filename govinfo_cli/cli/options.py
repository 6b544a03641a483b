"""Option bundles shared by commands, so every command spells them the same way."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.core import codes


def _kind(value: str | None) -> str | None:
    if value is None:
        return None
    # the full label, the code, or the short label that `due` shows in its 类别 column
    code = codes.parse(codes.KINDS, value) or codes.parse(codes.KIND_SHORT, value)
    if code is None:
        raise typer.BadParameter(f"可选：{codes.choices(codes.KINDS)}")
    return code


KindOpt = Annotated[
    str | None,
    typer.Option("--kind", callback=_kind, metavar="类别", help="案件类别 request/complaint/appeal/disclosure/opinion"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="输出 JSON")]
CaseArg = Annotated[str, typer.Argument(metavar="编号", help="案件编号")]
NewCaseOpt = Annotated[
    str | None, typer.Option("--case", metavar="编号", help="新案件的编号；省略则按本机关编号格式自动生成")
]
DateOpt = Annotated[str | None, typer.Option("--date", metavar="日期", help="事件日期 YYYY-MM-DD（默认今天）")]


def _status(value: str | None) -> str | None:
    if value is None:
        return None
    code = codes.parse(codes.STATUSES, value)
    if code is None:
        raise typer.BadParameter(f"可选：{codes.choices(codes.STATUSES)}")
    return code


def _department_filter(value: str | None) -> str | None:
    """A department to filter by must be one that has cases: a typo or a partial name
    must not look like "nothing to do"."""
    if value is None:
        return None
    value = value.strip()
    from govinfo_cli.app.listing import departments
    from govinfo_cli.cli.state import ctx

    known = departments(ctx())
    if value in known:
        return value
    if not known:
        raise typer.BadParameter(f"没有承办处室 {value}（还没有任何案件登记承办处室）")
    import difflib

    close = difflib.get_close_matches(value, known, n=3, cutoff=0.3) or [k for k in known if value in k]
    hint = f"；是否想用 {' / '.join(close)}？" if close else ""
    raise typer.BadParameter(f"没有承办处室 {value}{hint}（已有：{'、'.join(known)}）")


DeptOpt = Annotated[str | None, typer.Option("--department", metavar="处室", help="承办处室（主动公开为责任处室）")]
DeptFilterOpt = Annotated[
    str | None,
    typer.Option(
        "--department", callback=_department_filter, metavar="处室", help="只看此承办处室（须为已有案件的处室全称）"
    ),
]
StatusOpt = Annotated[
    str | None,
    typer.Option("--status", callback=_status, metavar="状态", help="办理状态：办理中（open）或 已办结（closed）"),
]
RevealOpt = Annotated[bool, typer.Option("--reveal", help="显示完整的证件号码、联系方式、举报人（将记入审计日志）")]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", metavar="工作表", help="Excel 工作簿中要导入的工作表名称（默认第一个工作表）")
]
InputEncodingOpt = Annotated[
    str | None,
    typer.Option("--encoding", metavar="编码", help="输入文件编码：utf-8、utf-8-sig 或 gb18030（默认自动识别）"),
]
UnlockOpt = Annotated[
    str | None, typer.Option("--unlock-reason", metavar="理由", help="在已锁定年度记录事件的理由（将被记录）")
]
EnteredLateOpt = Annotated[
    str | None,
    typer.Option(
        "--entered-late",
        metavar="理由",
        help="补录：事件日期早于本案已记录的事件（事后才发现的事实）时写明理由；按真实日期计算，show 和审计标为补录",
    ),
]


def group(help_text: str) -> typer.Typer:
    """A command group (kept a group even while it has a single subcommand)."""
    from govinfo_cli.cli.helpframe import App

    app = App(no_args_is_help=True, help=help_text)

    @app.callback()
    def _callback() -> None:
        pass

    _callback.__doc__ = help_text
    return app
