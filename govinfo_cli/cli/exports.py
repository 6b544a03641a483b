"""`govinfo export …`: registers (登记簿) for supervisors and spreadsheets."""

from __future__ import annotations

from contextlib import closing
from typing import TYPE_CHECKING, Annotated

import typer

from govinfo_cli.cli.options import DeptFilterOpt, RevealOpt, group
from govinfo_cli.cli.output import OutOpt, Output, output_options

if TYPE_CHECKING:
    from govinfo_cli.app.register_export import Rows
    from govinfo_cli.app.registers import Filters
    from govinfo_cli.formats.registers import Display

app = group("导出登记簿：CSV（Excel/WPS 可直接打开）、JSON、Excel。")

YearOpt = Annotated[int | None, typer.Option("--year", help="年度")]
FromOpt = Annotated[str | None, typer.Option("--from", metavar="日期", help="起始日期")]
ToOpt = Annotated[str | None, typer.Option("--to", metavar="日期", help="截止日期")]
# a register: CSV by default, with a BOM even on a pipe (Excel/WPS open it cleanly)
register_output = output_options(("csv", "json", "xlsx", "md"), default="csv", stdout_encoding="utf-8-sig")

WIDTHS = {
    "case": 24,
    "received": 12,
    "replied": 12,
    "reply_due": 12,
    "subject": 40,
    "note": 30,
    "applicant": 20,
    "department": 16,
}


def _filters(year: int | None, date_from: str | None, date_to: str | None, department: str | None) -> Filters:
    from govinfo_cli.app.registers import Filters
    from govinfo_cli.core.dates import parse_date_arg

    return Filters(
        year=year,
        date_from=parse_date_arg(date_from, "--from"),
        date_to=parse_date_arg(date_to, "--to"),
        department=department,
    )


def _emit(
    columns: list[tuple[str, str]], rows: Rows, output: Output, what: str, display: Display | None = None
) -> None:
    header = [label for _, label in columns]
    with closing(rows):  # a failed write ends the streamed query at once (see events)
        _emit_rows(columns, header, rows, output, what, display)


def _emit_rows(
    columns: list[tuple[str, str]], header: list[str], rows: Rows, output: Output, what: str, display: Display | None
) -> None:
    from govinfo_cli.app import registers
    from govinfo_cli.cli import render

    display_value: Display = display or registers.display_value

    if output.format == "xlsx":
        output.write_xlsx(
            header,
            ([display_value(c, r.get(c)) for c, _ in columns] for r in rows),
            [WIDTHS.get(c, 14) for c, _ in columns],
        )
        render.note(f"已导出{what}到 {output.out}")
        return
    from govinfo_cli.formats.registers import write_register

    with output.stream() as stream:
        n = write_register(output.format, columns, header, rows, stream, display_value)
    output.written(what, n)


def _log_reveal(what: str) -> None:
    from govinfo_cli.app.settings import log_reveal
    from govinfo_cli.cli.state import ctx

    log_reveal(ctx(), f"export {what}", "")


@app.command()
@register_output
def requests(
    output: Output,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptFilterOpt = None,
    reveal: RevealOpt = False,
) -> None:
    """导出依申请公开登记簿（列同 docs/contract.md；证件号码、联系方式默认遮蔽）。

    示例：govinfo export requests --year 2026 --out 登记簿.xlsx"""
    from govinfo_cli.app.register_export import REQUEST_COLUMNS, request_rows
    from govinfo_cli.cli.state import ctx

    if reveal:
        _log_reveal("requests")
    rows = request_rows(ctx(), _filters(year, date_from, date_to, department), reveal=reveal)
    _emit(REQUEST_COLUMNS, rows, output, "依申请公开登记簿")


def _other(
    kind: str,
    what: str,
    year: int | None,
    date_from: str | None,
    date_to: str | None,
    department: str | None,
    output: Output,
    reveal: bool,
) -> None:
    from govinfo_cli.app.register_export import OTHER_COLUMNS, other_rows
    from govinfo_cli.cli.state import ctx

    columns = list(OTHER_COLUMNS[kind])
    if reveal and kind == "complaint":
        _log_reveal("complaints")
        columns.append(("reporter", "投诉举报人"))
    from govinfo_cli.app.registers import other_display_value

    rows = other_rows(ctx(), kind, _filters(year, date_from, date_to, department), reveal=reveal)
    _emit(columns, rows, output, what, other_display_value)


@app.command()
@register_output
def complaints(
    output: Output,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptFilterOpt = None,
    reveal: RevealOpt = False,
) -> None:
    """导出投诉举报登记簿（投诉举报人保密，除非 --reveal）。

    示例：govinfo export complaints --year 2026 --out 投诉登记簿.csv"""
    _other("complaint", "投诉举报登记簿", year, date_from, date_to, department, output, reveal)


@app.command()
@register_output
def appeals(
    output: Output,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptFilterOpt = None,
) -> None:
    """导出复议诉讼登记簿。

    示例：govinfo export appeals --year 2026 --out 复议诉讼登记簿.csv"""
    _other("appeal", "复议诉讼登记簿", year, date_from, date_to, department, output, False)


@app.command()
@register_output
def disclosures(
    output: Output,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptFilterOpt = None,
) -> None:
    """导出主动公开登记簿。

    示例：govinfo export disclosures --year 2026 --out 主动公开登记簿.csv"""
    _other("disclosure", "主动公开登记簿", year, date_from, date_to, department, output, False)


@app.command()
@register_output
def corrections(
    output: Output,
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptFilterOpt = None,
) -> None:
    """导出更正申请登记簿（条例第41条；不计入年度报告第三部分）。

    示例：govinfo export corrections --year 2026 --out 更正登记簿.csv
    """
    _other("record_correction", "更正申请登记簿", year, date_from, date_to, department, output, False)


@app.command()
def events(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    out: OutOpt = None,
    reveal: RevealOpt = False,
) -> None:
    """导出全部事件（docs/contract.md 事件行，JSON Lines），可再用 govinfo import events 导入。

    示例：govinfo export events --out 全部事件.jsonl"""
    import json

    from govinfo_cli.app.register_export import event_lines
    from govinfo_cli.cli.output import Output
    from govinfo_cli.cli.state import ctx

    if reveal:
        _log_reveal("events")
    lines = event_lines(ctx(), _filters(year, date_from, date_to, None), reveal=reveal)
    output = Output("jsonl", out)  # JSON Lines, UTF-8
    n = 0
    # closing: a failed write (a full disk) ends the query now, not when the generator is
    # collected (on PostgreSQL its server-side cursor would complain on the way out)
    with closing(lines), output.stream() as stream:
        for x in lines:
            stream.write(json.dumps(x, ensure_ascii=False) + "\n")
            n += 1
    output.written("事件", n)
