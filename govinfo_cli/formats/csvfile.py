"""CSV: the records of a clerk's CSV file with the line each starts on, the checks of its
header and rows, and the one CSV writer (the registers, lists and reports).

Reading: malformed quoting is a ValidationError naming the line, never a guess. Writing:
CRLF line ends (RFC 4180, what Excel expects) and every cell through the one spreadsheet
guard (``core.text.safe_cell``), so a cell never starts a formula."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from govinfo_cli.core.errors import ValidationError
from govinfo_cli.core.text import safe_cell

_CSV_ERRORS = {
    "expected after": "引号后应紧跟逗号或行尾（引号不成对，或单元格中的引号未写成两个）",
    "unexpected end of data": "引号未闭合：文件在单元格中间结束",
    "field larger than field limit": "单元格过长",
    "new-line character seen in unquoted field": "未加引号的单元格中有换行",
}


def csv_records(fh: IO[str], path: Path | str) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) for every record of a CSV file, the line being the one the record
    starts on (a quoted cell may span lines). Malformed quoting is a ValidationError
    naming the line, never a guess: a stray quote could shift every later cell."""
    reader = csv.reader(fh, strict=True)
    start = 1
    while True:
        try:
            rec = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            text = str(exc)
            why = next((v for k, v in _CSV_ERRORS.items() if k in text), text)
            raise ValidationError(f"{path}:{start}: CSV 格式错误：{why}") from None
        line, start = start, reader.line_num + 1
        yield line, rec


def check_header(path: Path | str, header: list[str]) -> list[str]:
    """The header's cells, stripped (and a BOM taken off); a blank one is refused: every
    column a row fills must say what it is."""
    cells = [h.strip().lstrip("\ufeff").strip() for h in header]
    for i, h in enumerate(cells, start=1):
        if not h:
            raise ValidationError(f"{path}:1: 列 {i}: 表头为空（每一列都须有列名；多余的空列请删除）")
    return cells


def ragged(path: Path | str, line: int, rec: list[str], width: int) -> str | None:
    """The problem with a row whose cell count differs from the header's (None if it has
    the header's count, or is blank): its cells would land in the wrong columns."""
    if len(rec) == width or not any(c.strip() for c in rec):
        return None
    return f"{path}:{line}: 该行有 {len(rec)} 个单元格，表头有 {width} 个（多出或缺少的逗号会使单元格错列）"


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Any]], out: IO[str]) -> int:
    """The header and the rows as CSV into ``out``; returns the data rows."""
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([safe_cell(h) for h in header])
    n = 0
    for row in rows:
        w.writerow([safe_cell(v) for v in row])
        n += 1
    return n
