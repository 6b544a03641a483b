"""`govinfo export …`: registers (登记簿) for supervisors and spreadsheets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from govinfo_cli.cli.options import RevealOpt, group

app = group("导出登记簿：CSV（Excel/WPS 可直接打开）、JSON、Excel。")

YearOpt = Annotated[int | None, typer.Option("--year", help="年度")]
FromOpt = Annotated[str | None, typer.Option("--from", help="起始日期")]
ToOpt = Annotated[str | None, typer.Option("--to", help="截止日期")]
DeptOpt = Annotated[str | None, typer.Option("--department", help="承办处室")]
OutOpt = Annotated[Path | None, typer.Option("--out", help="输出文件（默认标准输出）")]
EncOpt = Annotated[str, typer.Option("--encoding", help="utf-8-sig（默认，Excel/WPS 不乱码）或 gb18030")]
FmtOpt = Annotated[str, typer.Option("--format", help="csv / json / xlsx")]

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


def _filters(year: int | None, date_from: str | None, date_to: str | None, department: str | None):  # noqa: ANN202
    from govinfo_cli.app.registers import Filters
    from govinfo_cli.core.dates import parse_date_arg

    return Filters(
        year=year,
        date_from=parse_date_arg(date_from, "--from"),
        date_to=parse_date_arg(date_to, "--to"),
        department=department,
    )


def _emit(columns: list[tuple[str, str]], rows: Any, *, out: Path | None, encoding: str, fmt: str, what: str) -> None:
    import io

    from govinfo_cli.app.files import atomic_open, atomic_write_bytes
    from govinfo_cli.app.registers import display_value, xlsx_bytes
    from govinfo_cli.cli import render
    from govinfo_cli.core.errors import UsageError

    if encoding.lower() not in ("utf-8-sig", "utf-8", "gb18030"):
        raise UsageError("--encoding 可选：utf-8-sig、gb18030")
    header = [label for _, label in columns]
    if fmt == "xlsx":
        if out is None:
            raise UsageError("xlsx 格式须用 --out 指定文件")
        data = xlsx_bytes(
            header,
            ([display_value(c, r.get(c)) for c, _ in columns] for r in rows),
            [WIDTHS.get(c, 14) for c, _ in columns],
        )
        atomic_write_bytes(out, data)
        render.note(f"已导出{what}到 {out}")
        return
    if fmt not in ("csv", "json"):
        raise UsageError("--format 可选：csv、json、xlsx")
    if fmt == "json":
        encoding = "utf-8"  # JSON is UTF-8 without a BOM
    try:
        if out is None:
            if sys.stdout.isatty():  # a terminal shows text; a BOM or GB18030 would garble it
                _write(fmt, columns, header, rows, sys.stdout)
                return
            sys.stdout.flush()
            stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="", write_through=False)
            try:
                _write(fmt, columns, header, rows, stream)
            finally:
                stream.flush()
                stream.detach()
            return
        with atomic_open(out) as fh:  # streamed: flat memory whatever the size
            stream = io.TextIOWrapper(fh, encoding=encoding, newline="")
            n = _write(fmt, columns, header, rows, stream)
            stream.flush()
            stream.detach()
    except UnicodeEncodeError as exc:
        bad = exc.object[exc.start : exc.end]
        raise UsageError(f"有字符无法用 {encoding} 编码（{bad!r}），请改用 utf-8-sig") from None
    render.note(f"已导出{what} {n} 行到 {out}")


def _write(fmt: str, columns, header, rows, stream) -> int:  # noqa: ANN001
    import json

    from govinfo_cli.app.registers import display_value
    from govinfo_cli.cli import render

    if fmt == "json":
        n = 0
        stream.write("[")
        for r in rows:
            stream.write(
                ("," if n else "")
                + "\n  "
                + json.dumps(
                    {c: r.get(c).isoformat() if hasattr(r.get(c), "isoformat") else r.get(c) for c, _ in columns},
                    ensure_ascii=False,
                )
            )
            n += 1
        stream.write("\n]\n")
        return n
    return render.write_csv(header, ([display_value(c, r.get(c)) for c, _ in columns] for r in rows), stream)


def _log_reveal(what: str) -> None:
    from govinfo_cli.app.settings import log_reveal
    from govinfo_cli.cli.state import ctx

    log_reveal(ctx(), f"export {what}", "")


@app.command()
def requests(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptOpt = None,
    out: OutOpt = None,
    encoding: EncOpt = "utf-8-sig",
    fmt: FmtOpt = "csv",
    reveal: RevealOpt = False,
) -> None:
    """导出依申请公开登记簿（列同 CONTRACT.md；证件号码、联系方式默认遮蔽）。"""
    from govinfo_cli.app.registers import REQUEST_COLUMNS, request_rows
    from govinfo_cli.cli.state import ctx

    if reveal:
        _log_reveal("requests")
    rows = request_rows(ctx(), _filters(year, date_from, date_to, department), reveal=reveal)
    _emit(REQUEST_COLUMNS, rows, out=out, encoding=encoding, fmt=fmt, what="依申请公开登记簿")


def _other(kind: str, what: str, year, date_from, date_to, department, out, encoding, fmt, reveal) -> None:  # noqa: ANN001
    from govinfo_cli.app.registers import OTHER_COLUMNS, other_rows
    from govinfo_cli.cli.state import ctx

    columns = list(OTHER_COLUMNS[kind])
    if reveal and kind == "complaint":
        _log_reveal("complaints")
        columns.append(("reporter", "投诉举报人"))
    rows = other_rows(ctx(), kind, _filters(year, date_from, date_to, department), reveal=reveal)
    _emit(columns, rows, out=out, encoding=encoding, fmt=fmt, what=what)


@app.command()
def complaints(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptOpt = None,
    out: OutOpt = None,
    encoding: EncOpt = "utf-8-sig",
    fmt: FmtOpt = "csv",
    reveal: RevealOpt = False,
) -> None:
    """导出投诉举报登记簿（投诉举报人保密，除非 --reveal）。"""
    _other("complaint", "投诉举报登记簿", year, date_from, date_to, department, out, encoding, fmt, reveal)


@app.command()
def appeals(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptOpt = None,
    out: OutOpt = None,
    encoding: EncOpt = "utf-8-sig",
    fmt: FmtOpt = "csv",
) -> None:
    """导出复议诉讼登记簿。"""
    _other("appeal", "复议诉讼登记簿", year, date_from, date_to, department, out, encoding, fmt, False)


@app.command()
def disclosures(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    department: DeptOpt = None,
    out: OutOpt = None,
    encoding: EncOpt = "utf-8-sig",
    fmt: FmtOpt = "csv",
) -> None:
    """导出主动公开登记簿。"""
    _other("disclosure", "主动公开登记簿", year, date_from, date_to, department, out, encoding, fmt, False)


@app.command()
def events(
    year: YearOpt = None,
    date_from: FromOpt = None,
    date_to: ToOpt = None,
    out: OutOpt = None,
    reveal: RevealOpt = False,
) -> None:
    """导出全部事件（CONTRACT.md 事件行，JSON Lines），可再用 govinfo import events 导入。"""
    import io
    import json

    from govinfo_cli.app.files import atomic_open
    from govinfo_cli.app.registers import event_lines
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    if reveal:
        _log_reveal("events")
    lines = event_lines(ctx(), _filters(year, date_from, date_to, None), reveal=reveal)
    if out is None:
        for x in lines:
            sys.stdout.write(json.dumps(x, ensure_ascii=False) + "\n")
        return
    n = 0
    with atomic_open(out) as fh:  # streamed: flat memory whatever the size
        stream = io.TextIOWrapper(fh, encoding="utf-8", newline="")
        for x in lines:
            stream.write(json.dumps(x, ensure_ascii=False) + "\n")
            n += 1
        stream.flush()
        stream.detach()
    render.note(f"已导出事件 {n} 行到 {out}")
