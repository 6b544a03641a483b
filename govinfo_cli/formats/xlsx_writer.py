"""Writing a one-sheet xlsx workbook as a stream: the sheet's XML is generated row by row
straight into the zip entry, so memory stays flat and a 100 000-row register takes a few
seconds (openpyxl, even write-only, built a cell object and a style per value: ≈ 30 s).

What it writes is what the openpyxl version wrote: a bold header row, the column widths,
dates as real Excel dates shown ``yyyy-mm-dd``, numbers as numbers, and every text cell
through the one spreadsheet guard (``core.text.safe_cell``) stored as text, never as a
formula. Text is stored inline (``inlineStr``), which Excel, WPS, LibreOffice, openpyxl and
calamine all read."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import IO, Any

from govinfo_cli.core.text import safe_cell
from govinfo_cli.formats.sheets import column_letter

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/></Relationships>'
)
# cellXfs: 0 plain, 1 bold (the header), 2 a date shown yyyy-mm-dd
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)

# characters XML 1.0 cannot carry at all (openpyxl refused them with an exception)
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30).toordinal()  # Excel's day 0 (1900 date system, past 1900-03-01)
_ROWS_PER_WRITE = 1000


def _text(value: str) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("\ufffd", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(ref: str, v: Any, style: str = "") -> str:
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(v)}</v></c>'
    if isinstance(v, int | float):
        return f'<c r="{ref}"{style}><v>{v!r}</v></c>'
    if isinstance(v, dt.datetime):
        serial = (v - dt.datetime(1899, 12, 30, tzinfo=v.tzinfo)).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial!r}</v></c>'
    if isinstance(v, dt.date):
        return f'<c r="{ref}" s="2"><v>{v.toordinal() - _EPOCH}</v></c>'
    text = safe_cell(str(v))
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{_text(text)}</t></is></c>'


def write_xlsx(
    fh: IO[bytes],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    widths: Sequence[int],
    sheet: str = "登记簿",
) -> int:
    """Write the workbook to ``fh`` (a binary file, seekable or not); returns the data rows."""
    letters = [column_letter(i) for i in range(max(len(header), len(widths), 1))]
    n = 0
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _ROOT_RELS)
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            f'<sheet name="{_text(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", _STYLES)
        with zf.open("xl/worksheets/sheet1.xml", "w") as out:
            cols = "".join(
                f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, w in enumerate(widths, start=1)
            )
            head = "".join(_cell(f"{letters[i]}1", h, ' s="1"') for i, h in enumerate(header))
            out.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<worksheet xmlns="{_MAIN}">'
                    + (f"<cols>{cols}</cols>" if cols else "")
                    + f'<sheetData><row r="1">{head}</row>'
                ).encode()
            )
            chunk: list[str] = []
            for n, row in enumerate(rows, start=1):
                r = str(n + 1)
                while len(letters) < len(row):
                    letters.append(column_letter(len(letters)))
                chunk.append(
                    f'<row r="{r}">' + "".join([_cell(letters[i] + r, v) for i, v in enumerate(row)]) + "</row>"
                )
                if len(chunk) >= _ROWS_PER_WRITE:
                    out.write("".join(chunk).encode())
                    chunk.clear()
            out.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    return n
