"""`govinfo report …`: the annual report (年度报告), the timeliness report, year locks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from govinfo_cli.cli.options import group
from govinfo_cli.cli.output import Output, output_options

app = group("年度报告（国办公开办函〔2021〕30号格式）、办理时效报告、年度锁定。")


ANNUAL_FORMATS = ("table", "json", "csv", "xlsx", "md", "docx")


@app.command()
@output_options(ANNUAL_FORMATS)
def annual(
    output: Output,
    year: Annotated[int, typer.Argument(metavar="年度", help="报告年度")],
    section1: Annotated[
        Path | None, typer.Option("--section1", help="“一、总体情况”正文文件（文本或 Markdown，一段一行）")
    ] = None,
    section5: Annotated[Path | None, typer.Option("--section5", help="“五、存在的主要问题及改进情况”正文文件")] = None,
    section6: Annotated[Path | None, typer.Option("--section6", help="“六、其他需要报告的事项”正文文件")] = None,
    signed: Annotated[
        str | None,
        typer.Option("--date", help="md/docx 落款日期（默认今天；已锁定年度默认锁定之日）"),
    ] = None,
) -> None:
    """政府信息公开工作年度报告：第二、三、四部分的表格与勾稽关系校验（一+二=三（七）+四）。

    md 与 docx（须 --out）按国办公开办函〔2021〕30号格式排版全文：首段写明依据（条例第五十条）、
    统计期限、电子版下载位置（config set report.download …）和联系方式；一、五、六为本机关的
    文字（文本或 Markdown 文件，一段一行：--section1/5/6，或 config set report.section1 …），
    未给出的一、五 仍写入待填说明并逐项提示；六 自动写入信息处理费收取情况；末尾落款机关名称和日期。

    \b
    示例：
      govinfo report annual 2026 --format docx --out 2026年度报告.docx --section1 总体情况.md
      govinfo report annual 2026 --format md --out 2026年度报告.md --date 2027-01-20
    """
    from govinfo_cli.app.reports import annual_report
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import GovinfoError, UsageError
    from govinfo_cli.formats import report_format as rf

    fmt = output.format
    if fmt == "docx" and output.out is None:
        raise UsageError("docx 格式须用 --out 指定文件")
    report, header, locked = annual_report(ctx(), year)
    if fmt in ("md", "docx"):  # the document as published: the form's layout, the agency's name
        from govinfo_cli.app import report_document as rd
        from govinfo_cli.formats import report_form

        if not header.get("agency.name", "").strip():
            raise GovinfoError(
                "未设置机关名称（agency.name），年度报告标题须写明机关名称：请先运行 govinfo config set agency.name …"
            )
        from govinfo_cli.cli.render import warn
        from govinfo_cli.core.dates import parse_date_arg

        day = parse_date_arg(signed, "--date") if signed is not None else None
        texts, missing = rd.section_texts(ctx(), year, {"1": section1, "5": section5, "6": section6})
        blocks = report_form.blocks(report, header, texts, rd.fees(ctx(), year), rd.signed_on(ctx(), year, day))
        if fmt == "docx":
            output.write_bytes(report_form.docx(blocks, year))
        else:
            with output.stream() as stream:
                stream.write(report_form.markdown(blocks))
        for n in missing:  # written all the same, but never silently
            warn(
                f"“{report_form.SECTIONS[n]}”没有本机关的文字，报告中是待填说明："
                f"请用 --section{n} 文件 或 govinfo config set {rd.SECTION_KEYS[n]} 文件"
            )
        if not header.get(report_form.DOWNLOAD_KEY):
            warn("首段的电子版下载位置未设置，报告中是待填说明：请运行 govinfo config set report.download …")
    elif fmt == "xlsx":
        output.write_bytes(rf.xlsx(report, header))
    elif fmt == "table" and output.out is None:
        from govinfo_cli.cli.report_screen import table

        table(report, header, locked)
    else:  # a table written to a file is its Markdown
        text = {"json": rf.json_text, "csv": rf.csv_text, "table": rf.markdown}[fmt](report, header)
        with output.stream() as stream:
            stream.write(text)
    output.written("")
    if report.failed:  # the report is still written/printed, so the clerk sees the rows
        raise GovinfoError(
            "勾稽关系不成立（一+二=三（七）+四）："
            + "；".join(
                f"{c.name.split('：')[-1]}列 {c.detail}，涉及案件 " + ("、".join(c.cases) or "无法定位")
                for c in report.failed
            )
        )


@app.command()
def lock(
    year: Annotated[int, typer.Argument(metavar="年度", help="已公布年度报告的年度")],
    note: Annotated[str, typer.Option("--note", help="说明，如 报告公布日期和网址")] = "",
) -> None:
    """锁定年度：此后该年度日期的事件须 --unlock-reason 才能记录（理由将被记录）。

    示例：govinfo report lock 2025"""
    from govinfo_cli.app.reports import lock as do_lock
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.state import ctx

    years = do_lock(ctx(), year, note)
    if len(years) > 1:
        say(f"已锁定 {years[0]}–{years[-1]} 年度（此前各年度的数据也计入 {year} 年度报告：上年结转、现行有效件数）")
    else:
        say(f"已锁定 {year} 年度")
    say("年度报告的机关名称等抬头已一并固定，该年度报告可逐字节重现；此后该年度日期的事件须 --unlock-reason")


@app.command()
@output_options()
def locks(output: Output) -> None:
    """列出已锁定的年度。

    示例：govinfo report locks"""
    from govinfo_cli.app.reports import locked_years
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    rows = locked_years(ctx())
    header = ["年度", "锁定人", "锁定时间", "说明"]
    cells = [[str(r["year"]), r["operator"], r["locked_at"] or "", r["note"]] for r in rows]
    emit(
        output,
        data=rows,
        header=header,
        rows=lambda: cells,
        table=lambda: render.grid("已锁定年度", header, cells, [None] * len(rows)),
        title="已锁定年度",
        what="已锁定年度",
    )


@app.command()
@output_options()
def timeliness(
    output: Output,
    year: Annotated[int, typer.Argument(metavar="年度", help="年度")],
    by: Annotated[str | None, typer.Option("--group-by", "--by", help="分组：department（按承办处室）")] = None,
) -> None:
    """办理时效报告：按期、逾期（逾期工作日数）、延期、平均及90%分位办理工作日、当前在办与逾期。

    示例：govinfo report timeliness 2026 --group-by department"""
    from govinfo_cli.app.reports import timeliness_report
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import UsageError

    if by not in (None, "department"):
        raise UsageError("--group-by 只支持 department")
    rows = timeliness_report(ctx(), year, by_department=by == "department")
    keys = [
        "group",
        "replied",
        "on_time",
        "late",
        "extensions",
        "extension_working_days",
        "avg_working_days",
        "p90_working_days",
        "withdrawn",
        "open_now",
        "overdue_now",
    ]
    emit(
        output,
        data=rows,
        header=[
            *TIMELINESS_HEADERS,
            "逾期答复案件",
            "当前逾期案件",
            "期限届满后更正案件",
            "期限届满后作废案件",
            "平常信函迟延确认案件",
            "补录后不再逾期案件",
        ],  # Chinese for Excel/WPS; --json keeps keys
        rows=lambda: (
            [
                *(r[k] for k in keys),
                " ".join(r["late_cases"]),
                " ".join(r["overdue_cases"]),
                *(" ".join(dict.fromkeys(x["case"] for x in r[m])) for m in MARKS),
            ]
            for r in rows
        ),
        table=lambda: _timeliness_table(year, by, rows, keys),
        title=f"{year} 年度办理时效",
        what="办理时效报告",
    )


# what the report marks (docs/rules.md §12, §14), in the order of its last columns
MARKS = ("amended_after_deadline", "voided_after_deadline", "letter_confirmed_late", "entered_late_cleared")

TIMELINESS_HEADERS = [
    "分组",
    "答复",
    "按期",
    "逾期",
    "延期件数",
    "延期工作日",
    "平均工作日",
    "90%分位",
    "撤回",
    "当前在办",
    "当前逾期",
]


def _timeliness_table(year: int, by: str | None, rows: list[dict[str, Any]], keys: list[str]) -> None:
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core import codes
    from govinfo_cli.core.report import DAYS_BASIS

    heads = ["分组" if by else "", *TIMELINESS_HEADERS[1:]]
    cells = [[str(r[k]) if r[k] is not None else "—" for k in keys] for r in rows]
    render.grid(
        f"{year} 年度办理时效（当前在办、逾期截至 {ctx().today}）",
        heads,
        cells,
        [render.STYLE["overdue"] if r["late"] or r["overdue_now"] else None for r in rows],
        right=range(1, len(keys)),
    )
    out = sys.stdout.write
    out(DAYS_BASIS + "；90%分位为最近秩法。\n")
    for r in rows:
        prefix = f"{r['group']} " if by else ""
        if r["late_cases"]:
            out(
                f"{prefix}逾期答复："
                + "、".join(f"{x['case']}（逾期 {x['working_days']} 个工作日）" for x in r["late_detail"])
                + "\n"
            )
        if r["overdue_cases"]:
            out(f"{prefix}当前逾期未答复：" + "、".join(r["overdue_cases"]) + "\n")
        for x in r["amended_after_deadline"]:  # docs/rules.md §12: never silently
            passed = "、".join(codes.deadline_label(c) for c in x["passed"])
            fields = "，".join(f"{k}={v}" for k, v in x["fields"].items())
            out(
                f"{prefix}期限届满后更正：{x['case']} 第 {x['amends']} 号事件（{fields}），"
                f"{x['date']} {x['operator']} 更正，理由：{x['reason']}（更正时已届满：{passed}）\n"
            )
        for x in r["voided_after_deadline"]:  # docs/rules.md §14: a void hides no breach
            passed = "、".join(codes.deadline_label(c) for c in x["passed"])
            out(
                f"{prefix}期限届满后作废：{x['case']}，{x['date']} {x['operator']} 作废，理由：{x['reason']}"
                f"（作废时已逾期：{passed}）\n"
            )
        for x in r["letter_confirmed_late"]:
            out(
                f"{prefix}平常信函迟延确认：{x['case']}，{x['arrival']} 到达、{x['received']} 确认，"
                f"答复期限推后 {x['working_days']} 个工作日\n"
            )
        for x in r["entered_late_cleared"]:
            cleared = "、".join(codes.deadline_label(c) for c in x["cleared"])
            out(
                f"{prefix}补录后不再逾期：{x['case']} 第 {x['seq']} 号事件（{x['date']}），{x['operator']} 补录，"
                f"理由：{x['reason']}（原已逾期：{cleared}）\n"
            )
