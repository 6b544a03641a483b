"""`govinfo due`: the morning check."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from govinfo_cli.cli.helpframe import App
from govinfo_cli.cli.options import DeptFilterOpt, KindOpt
from govinfo_cli.cli.output import Output, output_options
from govinfo_cli.core import codes

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.app.due import DueItem, DueList, Entry, Items

app = App()


# The CSV a person opens in Excel/WPS: Chinese headers and labels (--json keeps the codes).
CSV_COLUMNS = ["编号", "类别", "期限", "到期日", "剩余工作日", "暂定", "承办处室", "依据", "当事人"]


@app.command(name="due")
@output_options()
def due(
    output: Output,
    within: Annotated[int, typer.Option("--within", min=0, help="向后看多少个工作日（默认 10）")] = 10,
    overdue: Annotated[bool, typer.Option("--overdue", help="只列逾期")] = False,
    department: DeptFilterOpt = None,
    kind: KindOpt = None,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="另存为 iCalendar 文件（每个期限一个全天事件；暂定日期标“≈暂定”）")
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="供定时任务：无逾期时不输出；有逾期时列出并以 3 退出")] = False,
) -> None:
    """每日待办：逾期、今日到期、3 个工作日内、本周及之后的法定期限（最紧急的在前）。

    舆情期限按小时计算，与“现在”比较：未指定 --today / GOVINFO_TODAY 时为系统当前时间；

    --today YYYY-MM-DD 表示当天 0 时（结果可重现），--today YYYY-MM-DDTHH:MM 指定到分钟；

    已过时限的舆情期限即列为逾期（--check 以 3 退出）。

    示例：govinfo due --within 5 --department 基金监管股
    """
    from govinfo_cli.app.due import due_list, items
    from govinfo_cli.cli import render
    from govinfo_cli.cli.output import emit
    from govinfo_cli.cli.state import ctx

    c = ctx()
    if check and (output.format != "table" or output.out is not None):
        from govinfo_cli.core.errors import UsageError

        other = "--out" if output.format == "table" else f"--{output.format}"
        raise UsageError(f"--check 与 {other} 互相矛盾：--check 只列出逾期并以 3 退出")
    overdue_only = overdue or check
    if (check or output.format == "table" and output.out is None) and not ics:
        from govinfo_cli.app.collector import collector_paused

        with collector_paused():  # (its rows freed before it resumes: nothing left to collect)
            shown = _show(c, within=within, overdue_only=overdue_only, department=department, kind=kind, check=check)
        if check and shown:
            raise typer.Exit(3)
        return
    result = due_list(c, within=within, overdue_only=overdue_only, department=department, kind=kind)
    listed = items(result)
    if ics:
        write_ics(listed, ics, c.clock)
        render.note(f"已写入 {ics}（{len(result)} 个期限）")
    if check:
        if len(result):
            from govinfo_cli.cli.pipes import exit_code_if_closed

            exit_code_if_closed(3)  # `due --check | head -1` still says "overdue"
            _table(_screen(result), c.today)
            raise typer.Exit(3)
        return

    def rows() -> list[list[Any]]:
        return [
            [
                i.case,
                codes.label(codes.KINDS, i.kind),
                codes.deadline_label(i.deadline, i.name),
                i.due,
                i.working_days_left,
                i.provisional,
                i.department,
                codes.DEADLINES.get(i.deadline, ("", ""))[1],
                _party(i.kind, i.party, i.party_type),
            ]
            for i in listed
        ]

    emit(
        output,
        data=lambda: [i.to_json() for i in listed],
        header=CSV_COLUMNS,
        rows=rows,
        table=lambda: _table(_screen(result), c.today),
        title=f"{c.today.isoformat()} 待办",
        what="待办期限",
    )


def _show(ctx: Context, *, check: bool, **chosen: Any) -> int:
    """The screen alone (or `--check`'s): each deadline kept as its cells, made while the rows
    are read, and printed; how many deadlines were listed."""
    from govinfo_cli.app.due import due_list

    cells = _Cells(ctx.clock)
    screen = due_list(ctx, **chosen, rows=cells.rows, entry=cells.entry)
    listed = len(screen)
    if check and not listed:
        return 0
    if check:
        from govinfo_cli.cli.pipes import exit_code_if_closed

        exit_code_if_closed(3)  # `due --check | head -1` still says "overdue"
    _table(screen, ctx.today)
    return listed


def _party(kind: str, party: str | None, party_type: str | None) -> str:
    from govinfo_cli.core.personal import mask_party

    if kind == "complaint":
        return party or ""  # the respondent; the reporter is never cached
    return mask_party(party, party_type)


Shown = tuple[tuple[str, ...], bool]  # an entry's cells (kind … left), and whether it is a complaint's


class _Screen:
    """The screen's rows of one group, kept as columns (`due` may list 20 000): the case
    numbers, each row's entry cells (one tuple per entry, shared), departments and parties
    as shown (``_party``), filled by ``add`` as `due_list` reads the rows."""

    def __init__(self, mask: Callable[[str | None, str | None], str], same: dict[str, str]) -> None:
        self.cases: list[str] = []
        self.cells: list[tuple[str, ...]] = []
        self.departments: list[str] = []
        self.parties: list[str] = []
        case, cell, department, party = (
            self.cases.append,
            self.cells.append,
            self.departments.append,
            self.parties.append,
        )
        one = same.setdefault  # one copy of each party as shown (a masked name: 张**)

        def add(number: str, e: Shown, dept: str | None, who: str | None, who_type: str | None) -> None:
            cells, complaint = e
            # the party as `_party` shows it (a complaint's respondent: never a person's name)
            shown = who or "" if complaint else mask(who, who_type)
            case(number)
            cell(cells)
            department(dept or "")
            party(one(shown, shown))

        self.add = add

    @property
    def columns(self) -> tuple[list[str], list[tuple[str, ...]], list[str], list[str]]:
        return self.cases, self.cells, self.departments, self.parties

    def __len__(self) -> int:
        return len(self.cases)


class _Cells:
    """The screen's cells of the listed deadlines: each entry's (``entry``), made once, and
    a group's rows (``rows``)."""

    def __init__(self, now: dt.datetime) -> None:
        from govinfo_cli.cli import render
        from govinfo_cli.core.personal import mask_party

        self.now, self.mask, self.render = now, mask_party, render
        self.same: dict[str, str] = {}

    def rows(self) -> _Screen:
        return _Screen(self.mask, self.same)

    def entry(self, e: Entry) -> Shown:
        render = self.render
        left = str(e.working_days_left) if e.due_at is None else render.hours_left_text(e.due_at, self.now)
        cells = (
            codes.label(codes.KIND_SHORT, e.kind),
            codes.deadline_label(e.deadline, e.name),
            render.date_text(e.due, e.provisional),
            left,
        )
        return cells, e.kind == "complaint"


def _screen(result: DueList[Items]) -> DueList[_Screen]:
    """The screen's rows of a list of items (a `due` that also writes an iCalendar file)."""
    from govinfo_cli.app.due import DueList, Entry

    cells = _Cells(result.now)
    made: dict[Entry, Shown] = {}
    groups: dict[str, _Screen] = {}
    for g, rows in result.groups.items():
        screen = groups[g] = cells.rows()
        for i in rows:
            e = Entry(i.kind, i.deadline, i.name, i.due, i.due_at, i.provisional, i.working_days_left, i.group)
            shown = made.get(e) or made.setdefault(e, cells.entry(e))
            screen.add(i.case, shown, i.department, i.party, i.party_type)
    return DueList(result.today, result.now, result.horizon, groups, result.unconfirmed_years, result.unconfirmed_by)


def _table(result: DueList[_Screen], today: dt.date) -> None:
    from govinfo_cli.app.due import GROUPS
    from govinfo_cli.cli import render

    colour = render.use_colour()
    counts = [f"{GROUPS[g]} {result.count(g)} 件" for g in ("overdue", "today", "within3")]
    title = f"{today.isoformat()} 待办"
    parts = [" · ".join(counts), f"（共 {len(result)} 项，截至 {result.horizon.isoformat()}）"]
    limit = render.terminal_width()
    if limit is None or render.text_width("  ".join([title, *parts])) <= limit:
        head = render.paint(title, render.STYLE["title"], colour) + "  " + "  ".join(parts)
    else:  # a narrow terminal: the counts and the horizon on lines of their own, never split
        head = render.paint(title, render.STYLE["title"], colour) + "\n" + "\n".join(parts)
    sys.stdout.write(head + "\n\n")
    if not len(result):
        sys.stdout.write(render.paint("没有待办期限。", render.STYLE["met"], colour) + "\n")
    headers = ["编号", "类别", "期限", "到期日", "剩余", "承办处室", "当事人"]  # 剩余: working days (hours for 舆情)
    style_of = {"overdue": render.STYLE["overdue"], "today": render.STYLE["today"], "within3": render.STYLE["soon"]}
    blocks = []
    for group, rows in result.groups.items():
        if rows:
            style = style_of.get(group)
            blocks.append((f"{GROUPS[group]}（{len(rows)}）", style, rows.columns, [style] * len(rows)))
    # one grid: the same columns in every group; 当事人, 承办处室, 类别 are left out first
    render.grids(blocks, headers, right=(4,), shrink=(2, 1, 5, 6), shared=True)
    by = result.unconfirmed_by
    national = [y for y in result.unconfirmed_years if not by.get(y) or ("national", "全国") in by[y]]
    if national:
        years = "、".join(str(y) for y in national)
        render.warn(
            f"标 {render.PROVISIONAL_MARK} 的日期依赖尚未确认的 {years} 年节假日安排；"
            f"国务院办公厅通知发布后请录入调休并运行 govinfo calendar confirm {national[0]}"
        )
    regional: dict[tuple[str, str], list[int]] = {}  # docs/rules.md §13: a region's (or local) year
    for y in result.unconfirmed_years:
        for layer in by.get(y, ()):
            if layer[0] != "national":
                regional.setdefault(layer, []).append(y)
    for (name, title), ys in regional.items():
        years = "、".join(str(y) for y in ys)
        render.warn(
            f"标 {render.PROVISIONAL_MARK} 的日期依赖尚未确认的 {years} 年{title}节假日安排（日历层 {name}）；"
            f"核对该年通知原文、用 govinfo calendar add 录入不同的日子后运行 "
            f"govinfo calendar confirm {ys[0]} --layer {name} --notice …"
        )


def write_ics(items: Iterable[DueItem], path: Path, now: dt.datetime) -> None:
    from govinfo_cli.app.files import atomic_write_text
    from govinfo_cli.formats.ics import ics_text

    atomic_write_text(path, ics_text(items, now))
