"""The annual report's output kinds: rich table, Markdown, CSV, JSON and an xlsx laid out
like the official form (国办公开办函〔2021〕30号)."""

from __future__ import annotations

import io
import json
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.report import APPEAL_GROUPS, COLUMNS, AnnualReport

COLUMN_LABELS = [codes.APPLICANT_TYPES[c] for c in COLUMNS] + ["总计"]
APPEAL_LABELS = {"reconsideration": "行政复议", "lawsuit_direct": "行政诉讼·未经复议直接起诉",
                 "lawsuit_after_reconsideration": "行政诉讼·复议后起诉"}
RESULT_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
RESULT_KEYS = ["upheld", "corrected", "other", "pending", "total"]


def _header(header: dict[str, str]) -> list[str]:
    name = header.get("agency.name") or "（未设置机关名称：govinfo config set agency.name …）"
    lines = [name]
    for key, label in (("agency.office", "政府信息公开工作机构"), ("agency.address", "地址"),
                       ("agency.phone", "电话")):
        if header.get(key):
            lines.append(f"{label}：{header[key]}")
    return lines


def section2_rows(report: AnnualReport) -> list[tuple[str, str, list[Any]]]:
    s2 = report.section2
    return [
        ("第二十条第（一）项", "规章", [s2["regulations"]["issued"], s2["regulations"]["repealed"],
                                    s2["regulations"]["in_force"]]),
        ("第二十条第（一）项", "行政规范性文件", [s2["normative_documents"]["issued"],
                                          s2["normative_documents"]["repealed"],
                                          s2["normative_documents"]["in_force"]]),
        ("第二十条第（五）项", "行政许可", [s2["licensing"]]),
        ("第二十条第（六）项", "行政处罚", [s2["penalty"]]),
        ("第二十条第（六）项", "行政强制", [s2["compulsion"]]),
        ("第二十条第（八）项", "行政事业性收费（万元）", [s2["fees_wan_yuan"]]),
    ]


def json_text(report: AnnualReport, header: dict[str, str]) -> str:
    data = report.to_json()
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def markdown(report: AnnualReport, header: dict[str, str]) -> str:
    out = io.StringIO()
    w = out.write
    w(f"# {_header(header)[0]} {report.year} 年政府信息公开工作年度报告（数据部分）\n\n")
    for line in _header(header)[1:]:
        w(f"{line}  \n")
    w("\n## 二、主动公开政府信息情况\n\n| 条款 | 信息内容 | 本年数量 |\n| --- | --- | --- |\n")
    for clause, label, values in section2_rows(report):
        shown = " / ".join(str(v) for v in values)
        w(f"| {clause} | {label} | {shown} |\n")
    w("\n（规章、行政规范性文件依次为：本年制发 / 本年废止 / 现行有效）\n")
    w("\n## 三、收到和处理政府信息公开申请情况\n\n")
    w("| 项目 | " + " | ".join(COLUMN_LABELS) + " |\n")
    w("| --- |" + " ---: |" * len(COLUMN_LABELS) + "\n")
    for key, label in codes.REPORT_ROWS:
        row = report.section3[key]
        w(f"| {label} | " + " | ".join(str(row[c]) for c in (*COLUMNS, "total")) + " |\n")
    w("\n勾稽关系（一+二=三（七）+四）：")
    w("全部成立\n" if all(c.ok for c in report.checks) else
      "；".join(f"{c.name} {c.detail}" for c in report.checks if not c.ok) + "\n")
    w("\n## 四、政府信息公开行政复议、行政诉讼情况\n\n")
    w("| 类别 | " + " | ".join(RESULT_LABELS) + " |\n| --- |" + " ---: |" * 5 + "\n")
    for g in APPEAL_GROUPS:
        w(f"| {APPEAL_LABELS[g]} | " + " | ".join(str(report.section4[g][k]) for k in RESULT_KEYS) + " |\n")
    return out.getvalue()


def csv_text(report: AnnualReport, header: dict[str, str]) -> str:
    from govinfo_cli.cli.render import write_csv

    out = io.StringIO()
    rows: list[list[Any]] = [[_header(header)[0], f"{report.year}年度"], [], ["二、主动公开政府信息情况"]]
    rows += [[clause, label, *values] for clause, label, values in section2_rows(report)]
    rows += [[], ["三、收到和处理政府信息公开申请情况"], ["项目", *COLUMN_LABELS]]
    rows += [[label, *(report.section3[key][c] for c in (*COLUMNS, "total"))]
             for key, label in codes.REPORT_ROWS]
    rows += [[c.name, "成立" if c.ok else f"不成立 {c.detail}"] for c in report.checks]
    rows += [[], ["四、政府信息公开行政复议、行政诉讼情况"], ["类别", *RESULT_LABELS]]
    rows += [[APPEAL_LABELS[g], *(report.section4[g][k] for k in RESULT_KEYS)] for g in APPEAL_GROUPS]
    write_csv(rows[0], rows[1:], out)
    return out.getvalue()


def table(report: AnnualReport, header: dict[str, str], locked: bool) -> None:
    from govinfo_cli.cli import render

    con = render.console()
    con.print(f"[bold]{_header(header)[0]} {report.year} 年政府信息公开工作年度报告（数据部分）[/bold]"
              + ("  [dim]（已锁定）[/dim]" if locked else ""))
    for line in _header(header)[1:]:
        con.print(line, markup=False)
    t = render.table("二、主动公开政府信息情况", "条款", "信息内容", "本年制发/数量", "本年废止", "现行有效")
    for clause, label, values in section2_rows(report):
        t.add_row(clause, label, *(str(v) for v in values), *([""] * (3 - len(values))))
    con.print(t)
    t = render.table("三、收到和处理政府信息公开申请情况", "项目", *COLUMN_LABELS)
    for col in t.columns[1:]:
        col.justify = "right"
    for key, label in codes.REPORT_ROWS:
        row = report.section3[key]
        style = "bold" if key in ("new", "carried_in", "handled_total", "carried_out") else None
        t.add_row(label, *(str(row[c]) for c in (*COLUMNS, "total")), style=style)
    con.print(t)
    ok = all(c.ok for c in report.checks)
    con.print("勾稽关系 一+二=三（七）+四：" + ("[green]各列均成立[/green]" if ok else "[red]不成立[/red]"))
    t = render.table("四、政府信息公开行政复议、行政诉讼情况", "类别", *RESULT_LABELS)
    for g in APPEAL_GROUPS:
        t.add_row(APPEAL_LABELS[g], *(str(report.section4[g][k]) for k in RESULT_KEYS))
    con.print(t)


def xlsx(report: AnnualReport, header: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = f"{report.year}年度报告"
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(bold=True)
    ws.append([f"{_header(header)[0]} {report.year} 年政府信息公开工作年度报告（数据部分）"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=9)
    ws["A1"].font = Font(bold=True, size=14)
    ws.append([])
    ws.append(["二、主动公开政府信息情况"])
    ws.cell(ws.max_row, 1).font = bold
    ws.append(["条款", "信息内容", "本年制发/数量", "本年废止", "现行有效"])
    for clause, label, values in section2_rows(report):
        ws.append([clause, label, *values])
    ws.append([])
    ws.append(["三、收到和处理政府信息公开申请情况（一+二=三（七）+四）"])
    ws.cell(ws.max_row, 1).font = bold
    top = ws.max_row + 1
    # Two header rows, merged like the official form:
    # 项目 | 申请人情况: 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计
    ws.append(["项目", "申请人情况"] + [""] * 6)
    ws.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", *COLUMN_LABELS[1:6], ""])
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 2, end_column=1)
    ws.merge_cells(start_row=top, start_column=2, end_row=top, end_column=8)
    ws.merge_cells(start_row=top + 1, start_column=2, end_row=top + 2, end_column=2)
    ws.merge_cells(start_row=top + 1, start_column=3, end_row=top + 1, end_column=7)
    ws.merge_cells(start_row=top + 1, start_column=8, end_row=top + 2, end_column=8)
    for r in range(top, top + 3):
        for c in range(1, 9):
            ws.cell(r, c).alignment = center
            ws.cell(r, c).font = bold
    for key, label in codes.REPORT_ROWS:
        row = report.section3[key]
        ws.append([label, *(row[c] for c in (*COLUMNS, "total"))])
    ws.append(["勾稽关系", *("成立" if c.ok else "不成立" for c in report.checks)])
    ws.append([])
    ws.append(["四、政府信息公开行政复议、行政诉讼情况"])
    ws.cell(ws.max_row, 1).font = bold
    top = ws.max_row + 1
    ws.append(["行政复议", "", "", "", "", "行政诉讼"])
    ws.append(["", "", "", "", "", "未经复议直接起诉", "", "", "", "", "复议后起诉"])
    ws.append([*RESULT_LABELS, *RESULT_LABELS, *RESULT_LABELS])
    ws.merge_cells(start_row=top, start_column=1, end_row=top + 1, end_column=5)
    ws.merge_cells(start_row=top, start_column=6, end_row=top, end_column=15)
    ws.merge_cells(start_row=top + 1, start_column=6, end_row=top + 1, end_column=10)
    ws.merge_cells(start_row=top + 1, start_column=11, end_row=top + 1, end_column=15)
    for r in range(top, top + 3):
        for c in range(1, 16):
            ws.cell(r, c).alignment = center
    ws.append([report.section4[g][k] for g in APPEAL_GROUPS for k in RESULT_KEYS])
    ws.column_dimensions["A"].width = 48
    for letter in "BCDEFGHIJKLMNO":
        ws.column_dimensions[letter].width = 12
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
