"""The office's disclosure catalogue (公开目录, modelled on the 漳州 catalogue, docs/sources.md): its recurring duties.

Row numbers are the rows' order in the imported file (1, 2, …), so a disclosure item's
``catalogue_item`` keeps naming the same row after re-importing the same catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import fields
from govinfo_cli.core.errors import ImportErrors, NotFound, Refusal, UsageError
from govinfo_cli.core.rules import CatalogueRule, catalogue_rule
from govinfo_cli.formats.csvfile import check_header, csv_records, ragged
from govinfo_cli.formats.textfile import open_text
from govinfo_cli.store import catalogue as stored
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

# column in the file (the 漳州 catalogue's headings) -> field
COLUMNS = {
    "一级": "level1",
    "二级": "level2",
    "三级": "item",
    "公开事项": "item",
    "公开内容": "content",
    "公开时限": "time_limit",
    "公开渠道": "channel",
    "公开依据": "basis",
    "具体条款": "clause",
    "公开方式": "manner",
    "公开责任": "responsible",
}
REQUIRED = ("公开内容", "公开时限")


def read(path: Path, encoding: str | None = None, sheet: str | None = None) -> list[dict[str, str]]:
    """The catalogue's rows from a CSV, or from an Excel workbook's sheet (the first, or
    ``sheet``; problems placed as ``FILE:SHEET!CELL``): the same checks either way."""
    from govinfo_cli.formats.sheets import is_workbook, open_sheet

    if is_workbook(path):
        if encoding is not None:
            raise UsageError("--encoding 只用于 CSV；Excel 工作簿不需要指定编码")
        with open_sheet(path, sheet) as (_, records):
            return _read(path, records)
    if sheet is not None:
        raise UsageError("--sheet 只用于 Excel 工作簿（.xlsx）")
    with open_text(path, encoding) as fh:
        return _read(path, csv_records(fh, path))


def _read(path: Path, records: Iterator[tuple[int, list[str]]]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    first = next(records, None)
    header = check_header(path, first[1]) if first else []
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise ImportErrors([f"{path}:1: 缺少列 {'、'.join(missing)}"])
    for lineno, rec in records:
        if not "".join(rec).strip():
            continue
        problem = ragged(path, lineno, rec, len(header))
        if problem:
            problems.append(problem)
            continue
        row = {}
        for h, cell in zip(header, rec, strict=True):
            if h not in COLUMNS:
                continue
            try:
                row[COLUMNS[h]] = fields.check_text(cell, max_len=fields.LONG_TEXT_MAX, multiline=True)
            except ValueError as exc:
                problems.append(f"{path}:{lineno}: 列 {h}: {exc}")
        for h in REQUIRED:
            if not row.get(COLUMNS[h]):
                problems.append(f"{path}:{lineno}: 列 {h}: 不能为空")
        rows.append(row)
    if problems:
        raise ImportErrors(problems)
    return rows


def import_catalogue(ctx: Context, path: Path, encoding: str | None = None, sheet: str | None = None) -> dict[str, int]:
    """Replace the catalogue with the file's rows (all or nothing)."""
    rows = read(path, encoding, sheet)
    with db.transaction(ctx.engine) as conn:
        now = ctx.now()
        before = stored.replace_items(
            conn,
            [
                {**{f: "" for f in set(COLUMNS.values())}, **r, "id": n, "imported_at": now}
                for n, r in enumerate(rows, start=1)
            ],
        )
    return {"imported": len(rows), "replaced": before}


def items(ctx: Context) -> list[dict[str, Any]]:
    with ctx.engine.connect() as conn:
        return [{k: v for k, v in r._mapping.items() if k != "imported_at"} for r in stored.all_items(conn)]


def heading(row: dict[str, Any]) -> str:
    """What a disclosure item linked to the row is filed under: its most specific heading
    (三级, else 二级, else 一级), else its 公开内容."""
    return str(row["item"] or row["level2"] or row["level1"] or row["content"])


def rule(row: dict[str, Any]) -> CatalogueRule:
    """The docs/rules.md deadline behind the row's 公开时限 (core.rules.catalogue_rule)."""
    return catalogue_rule(row["time_limit"], " ".join((row["item"], row["level2"], row["content"])))


def entry(ctx: Context, number: int) -> dict[str, Any]:
    """One row by its number as `catalogue list` shows it, or NotFound."""
    with ctx.engine.connect() as conn:
        r = stored.item(conn, number)
        if r is None:
            empty = stored.is_empty(conn)
    if r is None:
        raise NotFound(
            "公开目录为空，请先导入（govinfo disclosure catalogue import FILE）"
            if empty
            else f"公开目录中没有第 {number} 项（govinfo disclosure catalogue list 查看编号）"
        )
    return {k: v for k, v in r._mapping.items() if k != "imported_at"}


def for_item(ctx: Context, number: int) -> dict[str, Any]:
    """The row a disclosure item formed or changed (`--item`) is filed under. The annual
    report's row is a yearly duty with its own case (条例第49条, `duty-done`), not an item
    with a 第26条 publish deadline: refused."""
    row = entry(ctx, number)
    if rule(row).kind == "annual_report":
        raise Refusal(
            f"公开目录第 {number} 项是年度报告（条例第49条），属年度义务，不登记为信息形成或变更："
            "完成后请用 govinfo disclosure duty-done annual_report --year 年度"
        )
    if rule(row).kind == "enforcement":  # 7 working days from the decision, not 20 from formation
        raise Refusal(
            f"公开目录第 {number} 项是行政许可、行政处罚决定（国办发〔2018〕118号：作出之日起7个工作日），"
            "请用 govinfo disclosure decision --kind penalty|licensing 登记"
        )
    return row


def recorded_in(ctx: Context, year: int) -> set[int]:
    """Catalogue rows that a disclosure item formed or changed in ``year`` refers to."""
    with ctx.engine.connect() as conn:
        return stored.items_recorded_in(conn, year)


def linked(ctx: Context, number: int) -> dict[str, Any]:
    """What `show` says about a disclosure item's catalogue row: the row, the catalogue's own
    公开时限 (the office's commitment) and the docs/rules.md deadline it corresponds to. A row no
    longer in the catalogue (another catalogue imported since) is named as missing."""
    try:
        row = entry(ctx, number)
    except NotFound:
        return {"item": number, "found": False}
    return {
        "item": number,
        "found": True,
        "heading": heading(row),
        "time_limit": row["time_limit"],
        "responsible": row["responsible"],
        "rule": rule(row).as_dict(),
    }
