"""`govinfo disclosure …`: 主动公开 — documents, enforcement decisions, policy
interpretations, the catalogue, and the yearly duties."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from govinfo_cli.cli.options import DeptOpt, InputEncodingOpt, SheetOpt, StatusOpt, group
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.cli.record import Event, event_commands
from govinfo_cli.core import codes

app = group("主动公开：信息形成或变更（20个工作日）、执法决定（7个工作日）、政策解读（3个工作日）、目录、年度义务。")
catalogue = group("公开目录（漳州市医疗保障局公开目录的格式）：导入、查看。")
app.add_typer(catalogue, name="catalogue")
event = event_commands(app, "disclosure")

TitleOpt = Annotated[str, typer.Option("--title", help="标题")]
CategoryOpt = Annotated[
    str | None, typer.Option("--category", help="类别，如 规章、行政规范性文件、财政预决算、工作动态")
]
AttributeOpt = Annotated[str, typer.Option("--attribute", help="公开属性：" + codes.choices(codes.ATTRIBUTES))]
ItemOpt = Annotated[
    int | None,
    typer.Option("--item", help="公开目录事项编号（catalogue list 的 #）：未指定的类别、责任处室取自该目录项"),
]


@event(case="new")
def formed(
    ev: Event,
    title: TitleOpt,
    category: CategoryOpt = None,
    attribute: AttributeOpt = "public",
    department: DeptOpt = None,
    item: ItemOpt = None,
) -> None:
    """信息形成（文件落款日期，无则签发日期）：20个工作日内公开（条例第26条）。

    示例：govinfo disclosure formed --title "2026年医保目录调整" --department 医药服务管理股"""
    _information(ev, "information_formed", title, category, attribute, department, item)


def _information(
    ev: Event,
    type_: str,
    title: str,
    category: str | None,
    attribute: str,
    department: str | None,
    item: int | None,
    **extra: object,
) -> None:
    if item is not None:  # a recurring duty of the catalogue: fill what was not given
        from govinfo_cli.app import catalogue as cat
        from govinfo_cli.cli.state import ctx

        row = cat.for_item(ctx(), item)
        category = category or cat.heading(row)
        department = department or row["responsible"] or None
    ev.record(
        type_,
        {
            "title": title,
            "category": category,
            "attribute": attribute,
            "department": department,
            "catalogue_item": item,
            **extra,
        },
    )


@event(case="new")
def changed(
    ev: Event,
    title: TitleOpt,
    category: CategoryOpt = None,
    attribute: AttributeOpt = "public",
    repealed: Annotated[bool, typer.Option("--repealed", help="废止（计入年度报告“本年废止”）")] = False,
    department: DeptOpt = None,
    item: ItemOpt = None,
) -> None:
    """信息变更：20个工作日内公开变更后的信息（条例第26条）；废止请加 --repealed。

    示例：govinfo disclosure changed --title "定点医药机构名单" --department 医药服务管理股"""
    _information(
        ev, "information_changed", title, category, attribute, department, item, repealed=True if repealed else None
    )


@event(case="new")
def decision(
    ev: Event,
    kind: Annotated[str, typer.Option("--decision", "--kind", help="决定类型：" + codes.choices(codes.DECISIONS))],
    title: Annotated[str | None, typer.Option("--title", help="决定书名称及文号")] = None,
    department: DeptOpt = None,
) -> None:
    """作出行政许可、行政处罚决定：7个工作日内公开（国办发〔2018〕118号）。

    示例：govinfo disclosure decision --decision 行政处罚 --title "某药房行政处罚决定"
    """
    ev.record("enforcement_decision", {"decision": kind, "title": title, "department": department})


@event(case="new", case_help="该文件已有的公开事项编号，或省略以新建")
def policy(ev: Event, title: TitleOpt, department: DeptOpt = None) -> None:
    """政策文件已公开：3个工作日内发布解读材料（政策文件解读制度第五条）。

    示例：govinfo disclosure policy --title "门诊共济保障政策解读"
    """
    ev.record("policy_published", {"title": title, "department": department})


@event()
def published(
    ev: Event, channel: Annotated[str | None, typer.Option("--channel", help="公开渠道，如 政府门户网站")] = None
) -> None:
    """已公开（满足待办的公开或解读期限）。

    示例：govinfo disclosure published 昌医保公开〔2026〕11号 --date 2026-11-20
    """
    ev.record("published", {"channel": channel})


@event("duty-done", case=None)
def duty_done(
    ev: Event,
    duty: Annotated[
        str, typer.Argument(metavar="义务", help="annual_report（年度报告）或 withheld_review（不予公开信息年度审查）")
    ],
    year: Annotated[int, typer.Option("--year", help="年度（年度报告指所报告的年度）")],
) -> None:
    """标记年度义务已完成：年度报告（次年1月31日前）、不予公开信息审查（12月20日前）。

    不予公开信息审查是新疆暂行办法第十四条的义务，只在 xinjiang 规则配置下有。

    示例：
      govinfo config set profile xinjiang
      govinfo disclosure duty-done withheld_review --year 2025
    """
    from govinfo_cli.app.duties import mark_done
    from govinfo_cli.cli.record import print_result
    from govinfo_cli.cli.state import ctx

    day = ev.day
    assert day is not None
    print_result(mark_done(ctx(), duty, year, day, unlock_reason=ev.unlock_reason, entered_late=ev.entered_late))


@app.command("list")
@output_options()
def list_(
    output: Output,
    status: StatusOpt = None,
) -> None:
    """列出主动公开事项（含已登记的年度义务；尚未登记的年度义务见 govinfo due）。

    示例：govinfo disclosure list --status 办理中"""
    from govinfo_cli.cli.listing import show_cases

    show_cases("disclosure", status=status, reveal=False, output=output)


@catalogue.command("import")
def catalogue_import(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="文件",
            help="CSV 或 Excel .xlsx：一级,二级,三级,公开内容,公开时限,公开渠道,公开依据,具体条款,公开方式,公开责任",
        ),
    ],
    encoding: InputEncodingOpt = None,
    sheet: SheetOpt = None,
) -> None:
    """导入公开目录（CSV 或 Excel；整体替换；全部校验通过才写入）。

    示例：govinfo disclosure catalogue import 公开目录.csv"""
    from govinfo_cli.app.catalogue import import_catalogue
    from govinfo_cli.cli.render import note
    from govinfo_cli.cli.state import ctx

    info = import_catalogue(ctx(), file, encoding, sheet)
    note(f"已导入公开目录 {info['imported']} 项（替换原有 {info['replaced']} 项）")


@catalogue.command("list")
@output_options(("table", "json", "csv", "xlsx", "md"))
def catalogue_list(output: Output) -> None:
    """查看公开目录：每项对应的法定期限（适用期限），以及本年是否已登记主动公开事项（--item）。

    示例：govinfo disclosure catalogue list"""
    from govinfo_cli.app import catalogue as cat
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    c = ctx()
    year = c.today.year
    done = cat.recorded_in(c, year)
    rows = [{**r, "rule": cat.rule(r).as_dict(), "recorded_this_year": r["id"] in done} for r in cat.items(c)]

    def mark(r: dict[str, Any]) -> str:  # the yearly report is a duty case (disclosure list), not an item
        elsewhere = {"annual_report": "见年度义务", "enforcement": "见执法决定"}
        return "已登记" if r["recorded_this_year"] else elsewhere.get(r["rule"]["kind"], "未登记")

    header = ["#", "公开事项", "公开时限", "适用期限", "公开责任", f"{year}年"]
    cells = [
        [str(r["id"]), cat.heading(r), r["time_limit"], r["rule"]["label"], r["responsible"], mark(r)] for r in rows
    ]

    def table() -> None:
        todo = sum(mark(r) == "未登记" for r in rows)
        t = render.table(f"公开目录（{len(rows)} 项）", *header)
        for r, row in zip(rows, cells, strict=True):
            t.add_row(*row, style=render.STYLE["soon"] if mark(r) == "未登记" else None)
        t.print()
        if rows:
            render.console().print(f"{year}年尚未登记主动公开事项（--item）的目录项：{todo} 项", markup=False)

    emit(
        output,
        data=rows,
        header=header,
        rows=lambda: cells,
        table=table,
        title=f"公开目录（{len(rows)} 项）",
        what="公开目录",
    )
