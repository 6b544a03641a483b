"""The annual report's data as files: Markdown, CSV, JSON and an xlsx laid out like the
official form (国办公开办函〔2021〕30号); and the rows the screen view (``cli/report_screen.py``)
draws.

Every kind is a function of the report and its header only (no clock, no terminal width),
so the report of a locked year comes out byte for byte the same on every run."""

from __future__ import annotations

import io
import json
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.report import APPEAL_GROUPS, COLUMNS, AnnualReport
from govinfo_cli.formats.workbook import guard_sheet, merge

COLUMN_LABELS = [codes.APPLICANT_TYPES[c] for c in COLUMNS] + ["总计"]
APPEAL_LABELS = {
    "reconsideration": "行政复议",
    "lawsuit_direct": f"行政诉讼·{codes.LAWSUIT_ROUTES['direct']}",
    "lawsuit_after_reconsideration": f"行政诉讼·{codes.LAWSUIT_ROUTES['after_reconsideration']}",
}
RESULT_KEYS = ["upheld", "corrected", "other", "pending", "total"]
RESULT_LABELS = [*(codes.APPEAL_RESULTS[k] for k in RESULT_KEYS[:-1]), "总计"]
CHECK_TEXT = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
S2_HEAD = [
    "条款",
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "本年收费金额（万元）",
]


def header_lines(header: dict[str, str]) -> list[str]:
    name = header.get("agency.name") or "（未设置机关名称：govinfo config set agency.name …）"
    lines = [name]
    for key, label in (("agency.office", "政府信息公开工作机构"), ("agency.address", "地址"), ("agency.phone", "电话")):
        if header.get(key):
            lines.append(f"{label}：{header[key]}")
    return lines


def title(report: AnnualReport, header: dict[str, str]) -> str:
    return f"{header_lines(header)[0]} {report.year} 年政府信息公开工作年度报告（数据部分）"


def money(x: float) -> str:
    """万元 as printed: no trailing zeros (0, 0.02, 1.5)."""
    return f"{x:.4f}".rstrip("0").rstrip(".")


def section2_rows(report: AnnualReport) -> list[list[str]]:
    """Rows under S2_HEAD, blank where the official form has no cell."""
    s2 = report.section2
    rows = []
    for key, label in codes.DOCUMENT_CATEGORIES.items():
        d = s2[key]
        rows.append(["第二十条第（一）项", label, str(d["issued"]), str(d["repealed"]), str(d["in_force"]), "", ""])
    for clause, key in (
        ("第二十条第（五）项", "licensing"),
        ("第二十条第（六）项", "penalty"),
        ("第二十条第（六）项", "compulsion"),
    ):
        rows.append([clause, codes.DECISIONS[key], "", "", "", str(s2[key]), ""])
    rows.append(["第二十条第（八）项", "行政事业性收费", "", "", "", "", money(s2["fees_wan_yuan"])])
    return rows


def section3_rows(report: AnnualReport) -> list[list[str]]:
    return [[label, *(str(report.section3[key][c]) for c in (*COLUMNS, "total"))] for key, label in codes.REPORT_ROWS]


def section4_rows(report: AnnualReport) -> list[list[str]]:
    return [[APPEAL_LABELS[g], *(str(report.section4[g][k]) for k in RESULT_KEYS)] for g in APPEAL_GROUPS]


def check_lines(report: AnnualReport) -> list[str]:
    if not report.failed:
        return ["勾稽关系 一+二=三（七）+四：各列均成立"]
    return [
        f"勾稽关系不成立：{c.name}（{c.detail}）" + (f"，涉及案件：{'、'.join(c.cases)}" if c.cases else "")
        for c in report.failed
    ]


def json_text(report: AnnualReport, header: dict[str, str]) -> str:
    return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"


def markdown(report: AnnualReport, header: dict[str, str]) -> str:
    out = io.StringIO()
    w = out.write

    def table(head: list[str], rows: list[list[str]], right_from: int) -> None:
        w("| " + " | ".join(head) + " |\n")
        w("|" + "".join(" --- |" if i < right_from else " ---: |" for i in range(len(head))) + "\n")
        for row in rows:
            w("| " + " | ".join(row) + " |\n")

    w(f"# {title(report, header)}\n\n")
    for line in header_lines(header)[1:]:
        w(f"{line}  \n")
    w("\n## 二、主动公开政府信息情况\n\n")
    table(S2_HEAD, section2_rows(report), 2)
    w("\n## 三、收到和处理政府信息公开申请情况\n\n")
    table(["申请人情况", *COLUMN_LABELS], section3_rows(report), 1)
    w(f"\n{CHECK_TEXT}  \n")
    for line in check_lines(report):
        w(f"{line}  \n")
    w("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n")
    table(["类别", *RESULT_LABELS], section4_rows(report), 1)
    if report.notes:
        w("\n")
        for n in report.notes:
            w(f"> 注：{n}\n")
    return out.getvalue()


def csv_text(report: AnnualReport, header: dict[str, str]) -> str:
    from govinfo_cli.formats.csvfile import write_csv

    out = io.StringIO()
    rows: list[list[Any]] = [[line] for line in header_lines(header)[1:]]
    rows += [[], ["二、主动公开政府信息情况"], S2_HEAD, *section2_rows(report)]
    rows += [[], ["三、收到和处理政府信息公开申请情况"], ["申请人情况", *COLUMN_LABELS], *section3_rows(report)]
    rows += [[CHECK_TEXT], *([line] for line in check_lines(report))]
    rows += [[], ["四、政府信息公开行政复议、行政诉讼情况"], ["类别", *RESULT_LABELS], *section4_rows(report)]
    rows += [[f"注：{n}"] for n in report.notes]
    write_csv([title(report, header)], rows, out)
    return out.getvalue()


SHORT_COLUMN_LABELS = {"business": "企业", "research": "科研", "nonprofit": "公益", "legal_services": "法律"}


def section3_short_heads() -> tuple[list[str], str]:
    """Section 三's column heads abbreviated for a narrow screen, and the line saying so."""
    heads = [SHORT_COLUMN_LABELS.get(c, codes.APPLICANT_TYPES[c]) for c in COLUMNS] + ["总计"]
    legend = "列名简称：" + " ".join(f"{v}={codes.APPLICANT_TYPES[k]}" for k, v in SHORT_COLUMN_LABELS.items())
    return heads, legend


def section3_form_rows(report: AnnualReport) -> tuple[list[list[str]], list[str]]:
    """Section 三's rows as the form nests them (三、本年度办理结果 and the groups （三）…（六）
    on lines of their own, the members under them), each label short enough to shorten
    without losing its number; and the row key of each ("" for a heading line)."""
    rows: list[list[str]] = []
    keys: list[str] = []
    blank = [""] * (len(COLUMNS) + 1)
    for key, label in codes.REPORT_ROWS:
        prefix = key.split(":")[0] if ":" in key else None
        name = label.split(" ")[-1]
        if key == "disclosed":
            rows.append(["三、本年度办理结果", *blank])
            keys.append("")
        if prefix in codes.REPORT_GROUPS and label.startswith("（"):
            rows.append([codes.REPORT_GROUPS[prefix], *blank])
            keys.append("")
        rows.append([name, *(str(report.section3[key][c]) for c in (*COLUMNS, "total"))])
        keys.append(key)
    return rows, keys


SHORT_RESULT_LABELS = ["维持", "纠正", "其他", "未审结", "总计"]


def section4_form_rows(report: AnnualReport) -> list[list[str]]:
    """Section 四 on screen in the form's orientation: the results across (结果维持 … 总计),
    行政复议 first, then 行政诉讼 over its two routes (未经复议直接起诉, 复议后起诉), as the
    form nests them; the labels whole."""
    s4 = report.section4
    blank = [""] * len(RESULT_KEYS)
    return [
        ["行政复议", *(str(s4["reconsideration"][k]) for k in RESULT_KEYS)],
        ["行政诉讼", *blank],
        *(
            ["  " + codes.LAWSUIT_ROUTES[route], *(str(s4[g][k]) for k in RESULT_KEYS)]
            for route, g in (("direct", "lawsuit_direct"), ("after_reconsideration", "lawsuit_after_reconsideration"))
        ),
    ]


# --------------------------------------------------------------------------
# xlsx: the official form's layout
# --------------------------------------------------------------------------


def _form_rows() -> list[tuple[str, str, str, str]]:
    """(row key, column A, column B, column C) of section 三 as the form draws it: 三、本年度
    办理结果 spans the outcome rows in A, the groups （三）…（六） span their members in B."""
    out = []
    for key, label in codes.REPORT_ROWS:
        prefix = key.split(":")[0] if ":" in key else None
        if key in ("new", "carried_in", "carried_out"):
            out.append((key, label, "", ""))
        elif prefix in codes.REPORT_GROUPS:
            out.append((key, "三、本年度办理结果", codes.REPORT_GROUPS[prefix], label.split(" ")[-1]))
        else:  # （一）（二）（七）: one cell across B:C
            out.append((key, "三、本年度办理结果", label.split(" ")[-1], ""))
    return out


def _merge_runs(ws: Any, col: int, first: int, values: list[str]) -> None:
    """Merge each run of equal non-empty values in one column."""
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if values[start] and i - start > 1:
                merge(ws, first + start, col, first + i - 1, col)
            start = i


def xlsx(report: AnnualReport, header: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    ws = wb.active
    ws.title = f"{report.year}年度报告"
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True)

    def frame(r1: int, r2: int, c1: int, c2: int, *, align: Alignment = center) -> None:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                ws.cell(r, c).border = box
                ws.cell(r, c).alignment = align if c <= 3 and align is left else center

    def heading(text: str) -> None:
        ws.append([text])
        ws.cell(ws.max_row, 1).font = bold

    ws.append([title(report, header)])
    merge(ws, 1, 1, 1, 10)
    ws["A1"].font = Font(bold=True, size=14)
    for line in header_lines(header)[1:]:
        ws.append([line])
    ws.append([])

    # 二 ------------------------------------------------------------------
    heading("二、主动公开政府信息情况")
    s2 = report.section2
    blocks = [
        (
            "第二十条第（一）项",
            ["本年制发件数", "本年废止件数", "现行有效件数"],
            [
                (label, [s2[k]["issued"], s2[k]["repealed"], s2[k]["in_force"]])
                for k, label in codes.DOCUMENT_CATEGORIES.items()
            ],
        ),
        ("第二十条第（五）项", ["本年处理决定数量"], [(codes.DECISIONS["licensing"], [s2["licensing"]])]),
        (
            "第二十条第（六）项",
            ["本年处理决定数量"],
            [(codes.DECISIONS[k], [s2[k]]) for k in ("penalty", "compulsion")],
        ),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("行政事业性收费", [s2["fees_wan_yuan"]])]),
    ]
    for clause, heads, rows in blocks:
        ws.append([clause])
        top = ws.max_row
        merge(ws, top, 1, top, 6)
        ws.cell(top, 1).font = bold
        ws.append(["信息内容", "", "", *heads])
        for label, values in rows:
            ws.append([label, "", "", *values])
        for r in range(top + 1, ws.max_row + 1):
            merge(ws, r, 1, r, 3)
            if len(heads) == 1:
                merge(ws, r, 4, r, 6)
        frame(top, ws.max_row, 1, 6)
    ws.append([])

    # 三 ------------------------------------------------------------------
    heading("三、收到和处理政府信息公开申请情况")
    top = ws.max_row + 1
    # 申请人情况 | 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计, three header rows
    ws.append([CHECK_TEXT, "", "", "申请人情况"])
    ws.append(["", "", "", COLUMN_LABELS[0], "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", "", "", *COLUMN_LABELS[1:6], ""])
    merge(ws, top, 1, top + 2, 3)
    merge(ws, top, 4, top, 10)
    merge(ws, top + 1, 4, top + 2, 4)
    merge(ws, top + 1, 5, top + 1, 9)
    merge(ws, top + 1, 10, top + 2, 10)
    frame(top, top + 2, 1, 10)
    for row in range(top, top + 3):
        for column in range(1, 11):
            ws.cell(row, column).font = bold
    first = ws.max_row + 1
    form = _form_rows()
    for key, a, b, c in form:
        ws.append([a, b, c, *(report.section3[key][col] for col in (*COLUMNS, "total"))])
        r = ws.max_row
        if not b:  # 一、二、四: one label across A:C
            merge(ws, r, 1, r, 3)
        elif not c:  # （一）（二）（七）: one label across B:C
            merge(ws, r, 2, r, 3)
    _merge_runs(ws, 1, first, [a if b else "" for _, a, b, _ in form])
    _merge_runs(ws, 2, first, [b if c else "" for _, _, b, c in form])
    frame(first, ws.max_row, 1, 10, align=left)
    check_row = ws.max_row + 1
    ws.append(["勾稽关系（一+二=三（七）+四）", "", "", *("成立" if c.ok else "不成立" for c in report.checks)])
    merge(ws, check_row, 1, check_row, 3)
    frame(check_row, check_row, 1, 10, align=left)
    for line in check_lines(report)[1 if not report.failed else 0 :]:
        ws.append([line])
    ws.append([])

    # 四 ------------------------------------------------------------------
    heading("四、政府信息公开行政复议、行政诉讼情况")
    top = ws.max_row + 1
    ws.append(["行政复议", "", "", "", "", "行政诉讼"])
    ws.append(
        [
            "",
            "",
            "",
            "",
            "",
            codes.LAWSUIT_ROUTES["direct"],
            "",
            "",
            "",
            "",
            codes.LAWSUIT_ROUTES["after_reconsideration"],
        ]
    )
    ws.append([*RESULT_LABELS, *RESULT_LABELS, *RESULT_LABELS])
    merge(ws, top, 1, top + 1, 5)
    merge(ws, top, 6, top, 15)
    merge(ws, top + 1, 6, top + 1, 10)
    merge(ws, top + 1, 11, top + 1, 15)
    ws.append([report.section4[g][k] for g in APPEAL_GROUPS for k in RESULT_KEYS])
    frame(top, top + 3, 1, 15)
    for n in report.notes:
        ws.append([f"注：{n}"])

    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 40
    for letter in "DEFGHIJKLMNO":
        ws.column_dimensions[letter].width = 11
    buf = io.BytesIO()
    guard_sheet(ws)  # the title comes from agency.name: text, never a formula
    wb.save(buf)
    from govinfo_cli.formats.documents import fixed_zip

    return fixed_zip(buf.getvalue(), f"{report.year + 1}-01-01T00:00:00Z")
