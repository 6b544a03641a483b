"""Reading a register from an Excel workbook (.xlsx, .xlsm) as rows of text cells, for the
same row checks a CSV register goes through (one validation layer: the importers read
``(row number, cells)`` from here exactly as they read ``(line, cells)`` from a CSV).

Each cell becomes the text a CSV of the same sheet would hold: a real Excel date becomes
its ISO date (a date with a time of day, its day), a whole number stored as a float
(13812345678.0, 12.0) its digits, text stays text. Places are Excel's: an importer's
``FILE:ROW: 列 X: …`` problem is re-placed as ``FILE:SHEET!CELL: 列 X: …`` by
``Sheet.place`` (see ``relocated``).

Decided refusals (one Chinese line naming the place, exit 1, nothing written):
- .xls / .xlsb / .ods / .et and an encrypted workbook (an OLE2 file: Excel's old binary
  format, or a workbook with an opening password): 另存为 .xlsx 后导入;
- a corrupt or non-Excel file; a sheet that does not exist (the sheets are listed);
- a number of 16 or more digits (an ID number typed as a number: Excel has already
  replaced its last digits by zeros);
- a merged cell in the header or below it (a title row above the header, one merged cell,
  is skipped); a cell with data under a column without a header.
Formulas are read as the value Excel last calculated and saved. A cell calamine would read
as empty although the sheet holds something there is refused at its cell: an error value
(#N/A, #DIV/0! …) and a formula saved without its result (a workbook written by a program
that does not calculate); the sheet's XML is scanned for them once (≈ 0.3 s for 100 000
rows)."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govinfo_cli.core.errors import ImportErrors, ValidationError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
REFUSED_SUFFIXES = (".xls", ".xlsb", ".ods", ".et", ".ett", ".xlt", ".xltx")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_SAVE_AS = "请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入"
_EXACT = 10**15  # Excel keeps 15 significant digits: a longer whole number has lost digits


def column_letter(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _magic(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(8)
    except FileNotFoundError:
        raise ValidationError(f"找不到文件 {path}") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} 是目录，不是文件") from None


def is_workbook(path: Path | str) -> bool:
    """Whether ``path`` is to be read as a workbook: by its name, or by its first bytes (an
    Excel file saved under another name); a refused format is a workbook too (it is refused
    by ``open_sheet`` with its reason)."""
    if str(path) == "-":
        return False
    p = Path(path)
    if p.suffix.lower() in WORKBOOK_SUFFIXES + REFUSED_SUFFIXES:
        return True
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith(_ZIP) or head == _OLE2


@dataclass
class Sheet:
    """The sheet being read: its file and name, where its header is, what its columns are."""

    path: Path
    name: str
    header_row: int = 1
    header: list[str] = field(default_factory=list)
    first_col: int = 0
    key: str = ""  # the column naming a row (编号): a problem about a whole row points at it
    same: Callable[[str], Any] = lambda s: None  # a header → what it names (中文 or code alike)

    def cell(self, col: int, row: int) -> str:
        return f"{self.path}:{self.name}!{column_letter(col)}{row}"

    def column_of(self, label: str) -> int | None:
        """The sheet column whose header is ``label`` (or names the same column)."""
        want = self.same(label) or label
        for i, h in enumerate(self.header):
            if h == label or (self.same(h) or h) == want:
                return self.first_col + i
        return None

    def place(self, message: str) -> str:
        """``FILE:ROW: …`` → ``FILE:SHEET!CELL: …``: the cell of the column the problem
        names (``列 3`` or ``列 收到日期``), else the row's key cell (编号)."""
        prefix = f"{self.path}:"
        m = re.match(r"(\d+): (.*)", message[len(prefix) :], re.S) if message.startswith(prefix) else None
        if m is None:
            return message
        row, rest = int(m.group(1)), m.group(2)
        if row == 1:  # the importers name the header as line 1
            row = self.header_row
        key = self.column_of(self.key) if self.key else None
        col = self.first_col if key is None else key
        numbered = re.match(r"列 (\d+): ", rest)
        named = re.match(r"列 ([^:：]+?)[:：] ", rest)
        if numbered:
            col = self.first_col + int(numbered.group(1)) - 1
        elif named:
            found = self.column_of(named.group(1).split("/")[0])
            col = col if found is None else found
        return f"{self.cell(col, row)}: {rest}"


_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?<v>([^<]*)</v>')
_BARE_FORMULA = re.compile(rb"<c\b([^>/]*)>(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)</c>")
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')


def _ref(attributes: bytes) -> str:
    m = _REF.search(attributes)
    return m.group(1).decode() if m else "?"


def _sheet_part(z: zipfile.ZipFile, name: str) -> str | None:
    """The zip member holding the sheet called ``name`` (workbook.xml → its relationship)."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError):
        return None
    rid = next((s.get(rel) for s in book.iter(f"{main}sheet") if s.get("name") == name), None)
    for r in rels:
        if r.get("Id") == rid:
            target = r.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _unreadable_cell(path: Path, name: str) -> str | None:
    """The first cell whose value calamine would read as empty although the sheet holds
    something there: an error value (#N/A …) or a formula saved without its result."""
    try:
        with zipfile.ZipFile(path) as z:
            part = _sheet_part(z, name)
            if part is None:
                return None
            with z.open(part) as fh:
                tail = b""
                while chunk := fh.read(1 << 20):
                    buf = tail + chunk
                    if b't="e"' in buf and (m := _ERROR_CELL.search(buf)):
                        value = m.group(2).decode("utf-8", "replace")
                        return f"{_ref(m.group(1))}: 单元格是错误值 {value}（公式出错）；请修正后再导入"
                    if b"<f" in buf and (m := _BARE_FORMULA.search(buf)):
                        why = "公式没有保存计算结果（文件由不计算公式的程序生成）"
                        return f"{_ref(m.group(1))}: {why}；请在 Excel 或 WPS 中打开并保存后再导入"
                    tail = buf[-4096:]
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _text(v: object) -> str:
    """A cell's value as a CSV of the sheet would hold it (see the module docstring)."""
    if isinstance(v, str):
        return v
    if isinstance(v, bool):  # before int: a bool is an int
        return "是" if v else "否"
    if isinstance(v, float):
        if v.is_integer():
            if abs(v) >= _EXACT:
                raise OverflowError
            return str(int(v))
        return repr(v)
    if isinstance(v, int):
        if abs(v) >= _EXACT:
            raise OverflowError
        return str(v)
    if isinstance(v, dt.datetime):  # before date: a datetime is a date
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


Span = tuple[int, int, int, int]  # a merged range: first row, first column, last row, last column (0-based)


def _merged(ranges: Any) -> list[Span]:
    return [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges or ()]


def _span(r0: int, c0: int, r1: int, c1: int) -> str:
    return f"{column_letter(c0)}{r0 + 1}:{column_letter(c1)}{r1 + 1}"


@contextmanager
def open_sheet(
    path: Path | str, sheet: str | None = None, *, key: str = "", same: Callable[[str], Any] = lambda s: None
) -> Iterator[tuple[Sheet, Iterator[tuple[int, list[str]]]]]:
    """The sheet (the first, or ``sheet`` by name) and its rows as ``(row number, text
    cells)``, the header first: what ``textfile.csv_records`` gives for a CSV. Leading
    empty rows and columns are skipped, a title row (one merged cell) above the header
    too; every row has the header's width. A problem the block raises with ``FILE:ROW``
    places (ValidationError, ImportErrors) leaves with ``FILE:SHEET!CELL`` places."""
    p = Path(path)
    head = _magic(p)
    if head == _OLE2:
        why = "是旧版 .xls 格式，或设有打开密码（加密的工作簿）" if p.suffix.lower() != ".xls" else "是旧版 .xls 格式"
        raise ValidationError(f"{p}: {why}，无法读取；{_SAVE_AS}（如有密码请先取消）")
    if p.suffix.lower() in REFUSED_SUFFIXES:
        raise ValidationError(f"{p}: 不支持 {p.suffix} 格式；{_SAVE_AS}")
    if not head.startswith(_ZIP):
        raise ValidationError(f"{p}: 不是 Excel 工作簿（.xlsx）；文件损坏或格式不对")
    import python_calamine as pc

    try:
        wb = pc.CalamineWorkbook.from_path(str(p))
    except pc.PasswordError:
        raise ValidationError(f"{p}: 工作簿设有打开密码；{_SAVE_AS}（先取消密码）") from None
    except (pc.CalamineError, pc.ZipError, pc.XmlError, OSError, ValueError) as exc:
        raise ValidationError(f"{p}: 无法读取 Excel 工作簿（文件损坏？{str(exc)[:80]}）") from None
    try:
        names = list(wb.sheet_names)
        if not names:
            raise ValidationError(f"{p}: 工作簿中没有工作表")
        name = names[0] if sheet is None else sheet
        if name not in names:
            shown = "、".join(names)
            raise ValidationError(f"{p}: 没有名为 {sheet!r} 的工作表；工作簿中的工作表：{shown}")
        try:
            ws = wb.get_sheet_by_name(name)
        except (pc.CalamineError, pc.XmlError, pc.ZipError, ValueError) as exc:
            raise ValidationError(f"{p}:{name}: 无法读取工作表（文件损坏？{str(exc)[:80]}）") from None
        bad = _unreadable_cell(p, name)
        if bad:
            raise ValidationError(f"{p}:{name}!{bad}")
        info = Sheet(p, name, key=key, same=same)
        rows = _rows(info, ws)
        try:
            yield info, rows
        except ImportErrors as exc:
            raise ImportErrors([info.place(m) for m in exc.problems]) from None
        except ValidationError as exc:
            raise ValidationError(info.place(exc.message), hint=exc.hint) from None
    finally:
        wb.close()


def _rows(info: Sheet, ws: Any) -> Iterator[tuple[int, list[str]]]:
    start = ws.start
    if start is None:  # nothing at all on the sheet
        raise ValidationError(f"{info.path}: 工作表 {info.name} 为空")
    first_col = info.first_col = start[1]
    merged = _merged(ws.merged_cell_ranges)
    rows = ws.iter_rows()
    width = 0
    for r, raw in enumerate(rows):
        cells = [c if type(c) is str else _text_at(info, c, first_col + i, r + 1) for i, c in enumerate(raw)]
        if not width:  # still looking for the header: the first row with a cell that is not a title
            filled = [i for i, c in enumerate(cells) if c.strip()]
            if not filled:
                continue
            col = first_col + filled[0]
            if len(filled) == 1 and any(r0 == r and c0 == col and c1 > c0 for r0, c0, _, c1 in merged):
                continue  # a title over the columns (one merged cell)
            width = filled[-1] + 1
            info.header_row = r + 1
            _check_header(info, cells[:width], first_col, r, merged)
            info.header = [c.strip() for c in cells[:width]]
            _check_merged(info, merged, r, first_col, first_col + width - 1)
            yield r + 1, cells[:width]
            continue
        beyond = next((i for i in range(width, len(cells)) if cells[i].strip()), None)
        if beyond is not None:
            raise ValidationError(
                f"{info.cell(first_col + beyond, r + 1)}: 此单元格在表头之外（该列没有列名）；请删除或补上列名"
            )
        yield r + 1, cells[:width]
    if not width:
        raise ValidationError(f"{info.path}: 工作表 {info.name} 为空")


def _text_at(info: Sheet, v: Any, col: int, row: int) -> str:
    try:
        return _text(v)
    except OverflowError:
        raise ValidationError(
            f"{info.cell(col, row)}: 数字 {v:.0f} 超过 15 位，Excel 已把末几位改成了 0；"
            "请把该列设为“文本”格式后重新录入（如证件号码）"
        ) from None


def _check_header(info: Sheet, cells: list[str], first_col: int, r: int, merged: list[Span]) -> None:
    for i, c in enumerate(cells):
        if c.strip():
            continue
        col = first_col + i
        span = next((m for m in merged if m[0] <= r <= m[2] and m[1] <= col <= m[3]), None)
        if span:
            raise ValidationError(
                f"{info.cell(col, r + 1)}: 表头是合并单元格 {_span(*span)}；每一列须有自己的列名，请取消合并"
            )


def _check_merged(info: Sheet, merged: list[Span], header: int, c_first: int, c_last: int) -> None:
    """A merged cell at or below the header: its value stands in its first cell only, and
    the other rows would silently read empty. Refused."""
    for r0, c0, r1, c1 in sorted(merged):
        if r1 >= header and c1 >= c_first and c0 <= c_last:
            raise ValidationError(
                f"{info.cell(c0, r0 + 1)}: 合并单元格 {_span(r0, c0, r1, c1)}：合并后只有第一格有值；"
                "请取消合并，在每一行、每一列各自填写"
            )
