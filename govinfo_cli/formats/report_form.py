"""The annual report as the document an office publishes, in the national layout of
国办公开办函〔2021〕30号 and the shape of published reports (e.g.
《天镇县医疗保障局2021年政府信息公开工作年度报告》, docs/sources.md): the opening paragraph
(legal basis, compiler, reporting period, where to download it, whom to ask), sections 一、五、六
in the office's own words (one paragraph a line), the tables of 二、三、四 drawn as the form
draws them (section 二 one table of four columns, each clause of 第二十条 heading its rows;
section 三 a two-level header with 法人或其他组织 over its five columns; section 四 one row of
fifteen cells under 行政复议 / 行政诉讼 → 未经复议直接起诉、复议后起诉 → 结果…), and the closing
line (the office's name and the date, at the right).

One structure (``blocks``) feeds both outputs: Markdown with HTML tables (rowspan and
colspan are the form's merged cells) and a .docx made with python-docx (merged cells)."""

from __future__ import annotations

import datetime as dt
import html
import io
from dataclasses import dataclass
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.report import APPEAL_GROUPS, COLUMNS, AnnualReport

CHECK_TEXT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
RESULT_KEYS = ["upheld", "corrected", "other", "pending", "total"]
RESULT_LABELS = [*(codes.APPEAL_RESULTS[k] for k in RESULT_KEYS[:-1]), "总计"]
SECTIONS = {
    "1": "一、总体情况",
    "2": "二、主动公开政府信息情况",
    "3": "三、收到和处理政府信息公开申请情况",
    "4": "四、政府信息公开行政复议、行政诉讼情况",
    "5": "五、存在的主要问题及改进情况",
    "6": "六、其他需要报告的事项",
}


@dataclass(frozen=True)
class Cell:
    text: str
    rows: int = 1
    cols: int = 1
    head: bool = False


Row = list[Cell]  # the cells that begin in this row, left to right
Block = tuple[str, Any]  # ("title" | "heading" | "text" | "table" | "closing", content)


def _h(text: str, rows: int = 1, cols: int = 1) -> Cell:
    return Cell(text, rows, cols, head=True)


def money(x: float) -> str:
    return f"{x:.4f}".rstrip("0").rstrip(".")


def section2_table(report: AnnualReport) -> list[Row]:
    """One table of four columns, as the form draws it: each clause of 第二十条 across the
    table, then its own head row and its items (第（一）项 three counts; 第（五）、（六）、（八）项
    one figure across the last three columns)."""
    s2 = report.section2
    rows: list[Row] = [
        [_h("第二十条第（一）项", cols=4)],
        [_h("信息内容"), _h("本年制发件数"), _h("本年废止件数"), _h("现行有效件数")],
    ]
    for key, label in codes.DOCUMENT_CATEGORIES.items():
        d = s2[key]
        rows.append([Cell(label), Cell(str(d["issued"])), Cell(str(d["repealed"])), Cell(str(d["in_force"]))])

    def clause(name: str, head: str, items: list[tuple[str, str]]) -> None:
        rows.append([_h(name, cols=4)])
        rows.append([_h("信息内容"), _h(head, cols=3)])
        rows.extend([Cell(label), Cell(value, cols=3)] for label, value in items)

    clause("第二十条第（五）项", "本年处理决定数量", [(codes.DECISIONS["licensing"], str(s2["licensing"]))])
    clause(
        "第二十条第（六）项", "本年处理决定数量", [(codes.DECISIONS[k], str(s2[k])) for k in ("penalty", "compulsion")]
    )
    clause("第二十条第（八）项", "本年收费金额（单位：万元）", [("行政事业性收费", money(s2["fees_wan_yuan"]))])
    return rows


def section3_table(report: AnnualReport) -> list[Row]:
    """Three label columns: 一、二、四 across all three; 三、本年度办理结果 down the outcome
    rows; （三）…（六） down their members; （一）（二）（七） across the last two."""
    labels = [codes.APPLICANT_TYPES[c] for c in COLUMNS]
    rows: list[Row] = [
        [_h(CHECK_TEXT, rows=3, cols=3), _h("申请人情况", cols=7)],
        [_h(labels[0], rows=2), _h("法人或其他组织", cols=5), _h("总计", rows=2)],
        [_h(x) for x in labels[1:]],
    ]
    outcome_rows = [k for k, _ in codes.REPORT_ROWS if k not in ("new", "carried_in", "carried_out")]
    seen_groups: set[str] = set()
    for key, label in codes.REPORT_ROWS:
        values = [Cell(str(report.section3[key][c])) for c in (*COLUMNS, "total")]
        prefix = key.split(":")[0] if ":" in key else None
        cells: Row = []
        if key in ("new", "carried_in", "carried_out"):
            cells.append(Cell(label, cols=3))
        else:
            if key == outcome_rows[0]:
                cells.append(Cell("三、本年度办理结果", rows=len(outcome_rows)))
            name = label.split(" ")[-1]
            if prefix in codes.REPORT_GROUPS:
                if prefix not in seen_groups:
                    seen_groups.add(prefix)
                    members = sum(1 for k in outcome_rows if k.startswith(prefix + ":"))
                    cells.append(Cell(codes.REPORT_GROUPS[prefix], rows=members))
                cells.append(Cell(name))
            else:
                cells.append(Cell(name, cols=2))
        rows.append(cells + values)
    return rows


def section4_table(report: AnnualReport) -> list[Row]:
    return [
        [_h("行政复议", cols=5), _h("行政诉讼", cols=10)],
        [
            *(_h(x, rows=2) for x in RESULT_LABELS),
            _h(codes.LAWSUIT_ROUTES["direct"], cols=5),
            _h(codes.LAWSUIT_ROUTES["after_reconsideration"], cols=5),
        ],
        [_h(x) for x in RESULT_LABELS * 2],
        [Cell(str(report.section4[g][k])) for g in APPEAL_GROUPS for k in RESULT_KEYS],
    ]


def fee_paragraph(count: int, yuan: float) -> str:
    """Section 六's fee sentence, filled in from the records (国办函〔2020〕109号)."""
    if not count:
        return "本年度未收取政府信息公开信息处理费。"
    amount = f"{yuan:.2f}".rstrip("0").rstrip(".")
    return f"本年度收取政府信息公开信息处理费{count}件，共计{amount}元。"


def contact(header: dict[str, str]) -> str:
    """Whom to ask about the report, when its address or phone is set."""
    keys = (("agency.address", "地址"), ("agency.phone", "电话"))
    parts = [f"{label}：{header[k]}" for k, label in keys if header.get(k)]
    if not parts:
        return ""
    who = header.get("agency.office") or header.get("agency.name", "")
    return f"如对本报告有任何疑问，请与{who}联系（{'，'.join(parts)}）。"


DOWNLOAD_KEY = "report.download"


def download_placeholder() -> str:
    return f"（下载位置：govinfo config set {DOWNLOAD_KEY} …）"


def opening(year: int, header: dict[str, str]) -> str:
    """The first paragraph of a published report (as 《天镇县医疗保障局2021年政府信息公开工作年度报告》
    has it): its legal basis (条例第五十条: what a report contains; the national format of
    国办公开办函〔2021〕30号), who compiled it,
    the reporting period, where it can be downloaded (``report.download``) and whom to ask."""
    download = header.get(DOWNLOAD_KEY) or download_placeholder()
    return (
        "本报告依据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）第五十条和"
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        f"（国办公开办函〔2021〕30号）要求，由{header['agency.name']}编制。"
        f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
        f"本报告的电子版可以从{download}下载。" + contact(header)
    )


def blocks(
    report: AnnualReport,
    header: dict[str, str],
    texts: dict[str, str],
    fees: tuple[int, float],
    signed: dt.date,
) -> list[Block]:
    out: list[Block] = [("title", f"{header['agency.name']}{report.year}年政府信息公开工作年度报告")]
    out.append(("text", opening(report.year, header)))
    out += [("heading", SECTIONS["1"]), ("text", texts["1"])]
    out += [("heading", SECTIONS["2"]), ("table", section2_table(report))]
    out += [("heading", SECTIONS["3"]), ("table", section3_table(report))]
    out += [("heading", SECTIONS["4"]), ("table", section4_table(report))]
    out += [("heading", SECTIONS["5"]), ("text", texts["5"])]
    out += [("heading", SECTIONS["6"]), ("text", fee_paragraph(*fees))]
    if texts["6"].strip():
        out.append(("text", texts["6"]))
    out += [("closing", header["agency.name"]), ("closing", f"{signed.year}年{signed.month}月{signed.day}日")]
    return out


def paragraphs(text: str) -> list[str]:
    """The office's text of a section, one paragraph per line as published reports are kept
    (天镇县's: （一）加强组织领导……, each a paragraph); a Markdown list item is a paragraph, a
    ``#`` heading line stays a line of its own; blank lines are only spacing."""
    out = []
    for line in text.strip().splitlines():
        line = line.strip()
        if line[:2] in ("- ", "* "):
            line = line[2:].strip()
        if line:
            out.append(line)
    return out


# --------------------------------------------------------------------------
# Markdown (HTML tables for the merged cells)
# --------------------------------------------------------------------------


def _html_table(rows: list[Row]) -> str:
    lines = ["<table>"]
    for row in rows:
        cells = []
        for c in row:
            tag = "th" if c.head else "td"
            attrs = (f' rowspan="{c.rows}"' if c.rows > 1 else "") + (f' colspan="{c.cols}"' if c.cols > 1 else "")
            cells.append(f"<{tag}{attrs}>{html.escape(c.text)}</{tag}>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    lines.append("</table>")
    return "\n".join(lines)


def markdown(doc: list[Block]) -> str:
    parts = []
    for kind, content in doc:
        if kind == "title":
            parts.append(f"# {content}")
        elif kind == "heading":
            parts.append(f"## {content}")
        elif kind == "text":
            parts += [_demote(p) for p in paragraphs(content)]
        elif kind == "closing":
            parts.append(f'<p align="right">{html.escape(content)}</p>')
        else:
            parts.append(_html_table(content))
    return "\n\n".join(p for p in parts if p) + "\n"


def _demote(line: str) -> str:
    """The office's own Markdown inside a section: its headings go below the section's."""
    return "##" + line if line.startswith("#") else line


# --------------------------------------------------------------------------
# .docx (python-docx: real merged cells)
# --------------------------------------------------------------------------


def _grid(rows: list[Row]) -> tuple[list[tuple[int, int, Cell]], int]:
    """Each cell's top-left (row, column), placing cells as an HTML table does."""
    taken: set[tuple[int, int]] = set()
    placed = []
    width = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rows):
                for dc in range(cell.cols):
                    taken.add((r + dr, c + dc))
            c += cell.cols
            width = max(width, c)
    return placed, width


def _font(run: Any, size: float, bold: bool = False, name: str = "仿宋") -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _markdown_paragraphs(doc: Any, text: str) -> None:
    from docx.shared import Pt

    for line in paragraphs(text):
        p = doc.add_paragraph()
        if line.startswith("#"):
            _font(p.add_run(line.lstrip("#").strip()), 16, bold=True, name="楷体")
            continue
        p.paragraph_format.first_line_indent = Pt(32)
        _font(p.add_run(line), 16)


def docx(doc_blocks: list[Block], year: int) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    from govinfo_cli.formats.documents import fixed_zip

    d = Document()
    section = d.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    props = d.core_properties
    props.author = props.last_modified_by = "govinfo"
    props.created = props.modified = dt.datetime(year + 1, 1, 1)
    props.revision = 1
    for kind, content in doc_blocks:
        if kind == "title":
            props.title = content
            p = d.add_paragraph(style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _font(p.add_run(content), 22, bold=True, name="宋体")
        elif kind == "heading":
            p = d.add_paragraph(style="Heading 1")
            _font(p.add_run(content), 16, bold=True, name="黑体")
        elif kind == "text":
            _markdown_paragraphs(d, content)
        elif kind == "closing":  # the office's name and the date, at the right as signed
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _font(p.add_run(content), 16)
        else:
            placed, width = _grid(content)
            table = d.add_table(rows=len(content), cols=width)
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            rows = table.rows  # (a row's cells, not table.cell: that one lays out the whole
            for r, c, cell in placed:  # table at every call, 0.7 s of the report's 1.1 s)
                target = rows[r].cells[c]
                if cell.rows > 1 or cell.cols > 1:
                    target = target.merge(rows[r + cell.rows - 1].cells[c + cell.cols - 1])
                target.text = ""
                para = target.paragraphs[0]
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER if cell.head or c > 0 else WD_ALIGN_PARAGRAPH.LEFT
                _font(para.add_run(cell.text), 10.5, bold=cell.head, name="宋体")
            d.add_paragraph()
    buf = io.BytesIO()
    d.save(buf)
    return fixed_zip(buf.getvalue())
