"""`govinfo calendar …`: the working-day calendar and a clerk's date calculator."""

from __future__ import annotations

import calendar as pycal
import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from govinfo_cli.cli.options import JsonOpt, group

app = group("工作日历：节假日、调休上班日、地区日历层、本机关调整、年度确认、工作日计算。")
layer_app = group(
    "地区和本地日历层（民族节日放假、调休上班）：地区用 govinfo config set calendar.region 设置，"
    "自治州、自治县的本地日历层在此导入。格式见 docs/calendar-layers.md。"
)
app.add_typer(layer_app, name="layer")


def _date(value: str, name: str) -> dt.date:
    from govinfo_cli.core.dates import parse_date_arg

    return parse_date_arg(value, name)


@app.command()
def show(
    month: Annotated[str | None, typer.Argument(metavar="年月", help="月份 YYYY-MM（默认本月）")] = None,
    as_json: JsonOpt = False,
) -> None:
    """月历：节假日（休）、调休上班日（班）、地区节假日（※，注明日历层和节日）、本机关调整（*）。

    示例：govinfo calendar show 2026-10"""
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import ValidationError

    c = ctx()
    if month:
        try:
            y, m = (int(x) for x in month.replace("/", "-").split("-"))
            if not 1 <= m <= 12:
                raise ValueError
        except ValueError:
            raise ValidationError(f"月份 {month!r} 应为 YYYY-MM") from None
    else:
        y, m = c.today.year, c.today.month
    cal = build_calendar(c)
    if as_json:
        days = [d for week in pycal.Calendar().monthdatescalendar(y, m) for d in week if d.month == m]
        render.print_json(
            {
                "month": f"{y:04d}-{m:02d}",
                "confirmed": y in cal.confirmed_years,
                "days": [
                    {
                        "date": d,
                        "working_day": cal.is_working_day(d),
                        "kind": cal.day_kind(d),
                        "note": cal.holiday_name(d),
                        "layer": r.layer if (r := cal.regional(d)) else None,
                        "festival": r.festival if r else None,
                    }
                    for d in days
                ],
            }
        )
        return
    t = render.table(
        f"{y}年{m}月" + ("" if y in cal.confirmed_years else "（≈ 尚未确认）"), "一", "二", "三", "四", "五", "六", "日"
    )
    notes = []
    for week in pycal.Calendar().monthdatescalendar(y, m):
        cells = []
        for d in week:
            if d.month != m:
                cells.append("")
                continue
            kind = cal.day_kind(d)
            text = f"{d.day:2d}"
            r = cal.regional(d)
            if r is not None:  # a day the office's region (or a local layer) changed (§13)
                mark = "班" if r.working else "休"
                cells.append(render.cell(f"{text}{mark}※", "makeup_workday" if r.working else "holiday"))
                notes.append(f"{d} ※{r.title}：{r.festival}{'（调休上班）' if r.working else ''}")
            elif kind == "holiday":
                cells.append(render.cell(f"{text}休", "holiday"))
                notes.append(f"{d} {cal.holiday_name(d)}")
            elif kind == "makeup":
                cells.append(render.cell(f"{text}班", "makeup_workday"))
                notes.append(f"{d} 调休上班")
            elif kind.startswith("override"):
                mark = "班" if kind == "override_work" else "休"
                cells.append(render.cell(f"{text}{mark}*", "office_override"))
                notes.append(f"{d} 本机关调整：{cal.holiday_name(d) or mark}")
            elif kind == "weekend":
                cells.append(render.cell(text, "weekend"))
            else:
                cells.append(text + (" ◀" if d == c.today else ""))
        t.add_row(*cells)
    t.print()
    for n in notes:
        render.say(f"  {n}")


@app.command()
def add(
    date: Annotated[str, typer.Argument(metavar="日期", help="日期")],
    workday: Annotated[bool, typer.Option("--workday", help="设为工作日（调休上班）")] = False,
    holiday: Annotated[bool, typer.Option("--holiday", help="设为休息日")] = False,
    note: Annotated[str, typer.Option("--note", help="说明或通知文号")] = "",
) -> None:
    """录入一天的调整（优先于节假日数据），并重算所有期限。

    示例：govinfo calendar add 2026-11-23 --holiday --note "县政府通知停止办公"
    """
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.render import progress_bar
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import UsageError

    if workday == holiday:
        raise UsageError("请指定 --workday 或 --holiday 之一")
    day = _date(date, "日期")
    with progress_bar("重算期限", "件", after=1000) as progress:
        moved = cal_changes.add_override(ctx(), day, workday, note, progress)
    say(f"已录入 {day} 为{'工作日' if workday else '休息日'}；{moved} 个期限随之变化")


@app.command("import")
def import_(file: Annotated[Path, typer.Argument(metavar="文件", help="CSV：日期,工作日或休息日,说明")]) -> None:
    """从 CSV 导入一份国务院办公厅放假通知的调整，并重算所有期限。

    示例：govinfo calendar import 2027调休.csv"""
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.render import progress_bar
    from govinfo_cli.cli.state import ctx

    rows = cal_changes.read_overrides_csv(file)
    with progress_bar("重算期限", "件", after=1000) as progress:
        moved = cal_changes.import_overrides(ctx(), rows, progress)
    say(f"已导入 {len(rows)} 天的调整；{moved} 个期限随之变化")


@app.command()
def confirm(
    year: Annotated[int, typer.Argument(metavar="年度", help="年度")],
    notice: Annotated[str, typer.Option("--notice", help="国务院办公厅通知文号，如 国办发明电〔2026〕7号")],
    layer: Annotated[
        str | None,
        typer.Option(
            "--layer", help="确认地区或本地日历层的该年度（如 xinjiang），而不是全国安排；名称见 calendar status"
        ),
    ] = None,
) -> None:
    """确认某年度的节假日安排已按通知录入：该年度的期限不再标为“暂定”。

    地区或本地日历层（--layer）的年度：核对通知原文、用 calendar add 录入与内置数据不同的日子后确认。

    示例：govinfo calendar confirm 2027 --notice "国办发明电〔2026〕7号"
    """
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.render import progress_bar
    from govinfo_cli.cli.state import ctx

    with progress_bar("重算期限", "件", after=1000) as progress:
        moved = cal_changes.confirm_year(ctx(), year, notice, progress, layer=layer)
    what = f"{year} 年度" + (f"的 {layer} 日历层" if layer else "")
    say(f"已确认 {what}（{notice}）；{moved} 个期限随之变化")


@app.command()
def status(as_json: JsonOpt = False) -> None:
    """已确认的年度、本机关调整数量、尚未确认的年度；每个日历层（全国、地区、本地）已确认、未确认和缺失的年度。

    示例：govinfo calendar status"""
    from govinfo_cli.app import calendar as cal_app
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    info = cal_app.status(ctx())
    if as_json:
        render.print_json(info)
        return
    con = render.console()
    con.print(
        f"日历范围 {info['range'][0]}–{info['range'][1]}；节假日数据包已含官方调休至 "
        f"{info['package_confirmed_through']} 年"
    )
    for cy in info["confirmed_by_clerk"]:
        con.print(f"  {cy['year']} 年由 {cy['operator']} 确认（{cy['notice']}）", markup=False)
    region = info["region"]
    if region["name"]:
        why = "按规则配置" if region["from"] == "profile" else "按 calendar.region 设置"
        con.print(f"地区日历层：{region['title']}（{region['name']}，{why}）", markup=False)
    else:
        con.print("地区日历层：无（govinfo config set calendar.region 设置）")
    t = render.table("日历层", "日历层", "已确认", "未确认（期限暂定）", "缺失（期限暂定）")
    for layer in info["layers"]:
        t.add_row(
            f"{layer['title']}（{layer['layer']}）",
            cal_app.year_ranges(layer["confirmed"]) or "—",
            cal_app.year_ranges(layer["unconfirmed"]) or "—",
            cal_app.year_ranges(layer["missing"]) or "—",
        )
    t.print()
    con.print(f"本机关调整 {info['overrides']} 天")
    if info["unconfirmed"]:
        render.warn("尚未确认：" + "、".join(map(str, info["unconfirmed"])) + " 年；涉及这些年度的期限标为暂定（≈）")


@app.command("add-days", context_settings={"ignore_unknown_options": True})  # -5 is a number, not an option
def add_days(
    date: Annotated[str, typer.Argument(metavar="起算日", help="起算日（当日不计入）")],
    n: Annotated[int, typer.Argument(metavar="天数", help="天数；负数为往前数（起算日前第 N 个工作日）")],
    calendar_days: Annotated[bool, typer.Option("--calendar-days", help="按自然日计算（末日遇休息日顺延）")] = False,
    as_json: JsonOpt = False,
) -> None:
    """工作日计算器：起算日后第 N 个工作日（或 N 日，末日顺延）。

    示例：govinfo calendar add-days 2026-09-30 20"""
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import ValidationError

    start = _date(date, "起算日")
    if n == 0:
        raise ValidationError("天数不能为 0")
    if n < 0 and calendar_days:
        raise ValidationError("往前数只支持工作日（去掉 --calendar-days）")
    cal = build_calendar(ctx())
    if n < 0:  # counting back: the N-th working day before the start
        end = cal.working_days_before(start, -n)
        provisional = bool(cal.unconfirmed_years(range(end.year, start.year + 1)))
        skipped, made_up = cal.skipped_in(end, start - dt.timedelta(days=1))
    else:
        end = cal.add_days(start, n) if calendar_days else cal.add_working_days(start, n)
        provisional = bool(cal.unconfirmed_years(range(start.year, end.year + 1)))
        # calendar days all count; only the days the end rolled over are skipped (民法典第203条)
        skipped, made_up = cal.skipped_in(start + dt.timedelta(days=n - 1) if calendar_days else start, end)
    if as_json:
        render.print_json(
            {
                "start": start,
                "n": n,
                "unit": "days" if calendar_days else "wd",
                "end": end,
                "provisional": provisional,
                "skipped": skipped,
                "made_up": made_up,
            }
        )
        return
    unit = "日" if calendar_days else "个工作日"
    where = f"后第 {n}" if n > 0 else f"前第 {-n}"
    render.console().print(f"{start} {where} {unit}：{render.styled(render.date_text(end, provisional), 'title')}")
    if skipped:
        render.console().print("  跳过：" + "、".join(d.isoformat() for d in skipped))
    if made_up:
        render.console().print("  计入调休上班日：" + "、".join(d.isoformat() for d in made_up))


@app.command()
def between(
    a: Annotated[str, typer.Argument(metavar="开始日期", help="开始日期（不计入）")],
    b: Annotated[str, typer.Argument(metavar="结束日期", help="结束日期（计入）")],
    as_json: JsonOpt = False,
) -> None:
    """两个日期之间的工作日数：(A, B] 内的工作日。

    示例：govinfo calendar between 2026-09-30 2026-10-30"""
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    da, db_ = _date(a, "开始日期"), _date(b, "结束日期")
    cal = build_calendar(ctx())
    n = cal.working_days_between(da, db_)
    if as_json:
        render.print_json({"from": da, "to": db_, "working_days": n, "calendar_days": (db_ - da).days})
        return
    render.console().print(f"{da} 至 {db_}：{n} 个工作日（{(db_ - da).days} 个自然日）")


@layer_app.command("import")
def layer_import(
    file: Annotated[Path, typer.Argument(metavar="文件", help="日历层文件（TOML，格式见 docs/calendar-layers.md）")],
) -> None:
    """导入（或替换同名的）自治州、自治县的本地日历层，并重算受影响的期限。

    文件与 govinfo 自带的地区日历层同一格式：每年一个 [[year]] 表，写明通知标题、文号、
    发布日期、是否已核对原文（confirmed），放假日（off）和调休上班日（work）。
    有错误时逐条指出文件、行、列，什么也不写入。示例文件：sample_data/liangshan.toml。

    示例：govinfo calendar layer import liangshan.toml
    """
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.render import progress_bar
    from govinfo_cli.cli.state import ctx

    with progress_bar("重算期限", "件", after=1000) as progress:
        done = cal_changes.import_layer(ctx(), file, progress)
    layer = done.layer
    years = "、".join(f"{y.year}{'' if y.confirmed else '（未确认）'}" for y in layer.years) or "无"
    from govinfo_cli.cli.render import moved_text

    verb = "已替换" if done.replaced else "已导入"
    say(f"{verb}本地日历层 {layer.title}（{layer.name}）：{years}；{moved_text(done.moved, {'due': done.due_moved})}")


@layer_app.command("list")
def layer_list(as_json: JsonOpt = False) -> None:
    """列出已导入的本地日历层（地区日历层见 govinfo calendar status）。

    示例：
      govinfo calendar layer import liangshan.toml
      govinfo calendar layer list
    """
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    rows = cal_changes.local_layers(ctx())
    if as_json:
        render.print_json(rows)
        return
    if not rows:
        render.console().print("没有本地日历层（govinfo calendar layer import FILE 导入）")
        return
    t = render.table("本地日历层", "名称", "日历层", "年度", "天数", "文件", "导入")
    for r in rows:
        t.add_row(
            r["name"],
            r["title"],
            "、".join(map(str, r["years"])),
            str(r["days"]),
            r["file"],
            f"{r['imported_at']} {r['operator']}",
        )
    t.print()


@layer_app.command("remove")
def layer_remove(
    name: Annotated[str, typer.Argument(metavar="名称", help="本地日历层名称（layer list 的“名称”）")],
) -> None:
    """删除一个本地日历层，并重算受影响的期限。

    示例：
      govinfo calendar layer import liangshan.toml
      govinfo calendar layer remove liangshan
    """
    from govinfo_cli.app import calendar_changes as cal_changes
    from govinfo_cli.cli.render import note as say
    from govinfo_cli.cli.render import progress_bar
    from govinfo_cli.cli.state import ctx

    with progress_bar("重算期限", "件", after=1000) as progress:
        moved = cal_changes.remove_layer(ctx(), name, progress)
    say(f"已删除本地日历层 {name}；{moved} 个期限随之变化")
