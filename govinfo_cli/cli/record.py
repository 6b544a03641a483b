"""Recording one event from a command and printing what it changed: shared by every
case kind's commands."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from govinfo_cli.core import codes

DateOpt = Annotated[str | None, typer.Option("--date", help="事件日期 YYYY-MM-DD（默认今天）")]
CaseArg = Annotated[str, typer.Argument(help="案件编号")]


def event_day(value: str | None) -> dt.date:
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.dates import parse_date_arg

    return parse_date_arg(value, "--date") or ctx().today


def record(
    kind: str,
    number: str | None,
    type_: str,
    date: str | dt.date | None,
    fields: dict[str, Any],
    *,
    unlock_reason: str | None = None,
    quiet: bool = False,
    options: dict[str, str] | None = None,
) -> Any:
    """``options``: the command's option for an event field whose name it does not spell
    as ``--field-name`` (so a bad value is reported under the option the clerk typed)."""
    from govinfo_cli.app import cases
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import ValidationError

    day = date if isinstance(date, dt.date) else event_day(date)
    clean = {k: v for k, v in fields.items() if v is not None}
    try:
        result = cases.record(ctx(), kind, number, type_, day, clean, unlock_reason=unlock_reason)
    except ValidationError as exc:
        if exc.field is None or exc.field not in clean:
            raise
        option = (options or {}).get(exc.field, "--" + exc.field.replace("_", "-"))
        raise ValidationError(f"{option}: {exc.detail}", hint=exc.hint) from None
    if not quiet:
        print_result(result)
    return result


def print_result(result: Any) -> None:
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.rules import overdue

    c = ctx()
    con = render.console()
    verb = "已登记" if result.created else "已记录"
    status = codes.label(codes.STATUSES, result.state.status)
    con.print(f"{verb}：[bold]{result.number}[/bold]（{codes.label(codes.KINDS, result.kind)}，{status}）")
    cal = None
    for code, d in result.state.deadlines.items():
        state = d.state_on(c.today)
        if state not in ("pending", "suspended"):
            continue
        if d.due is None:
            con.print(f"  {codes.deadline_label(code)}：中止计算（{d.explain.rule}）", style=render.STYLE["suspended"])
            continue
        if cal is None:
            cal = c.calendar()
        left = cal.working_days_between(c.today, d.due)
        late = overdue(d.due, c.clock, d.due_at)
        style = render.STYLE["overdue"] if late else render.STYLE["soon"] if left <= 3 else None
        due_text = render.date_text(d.due, d.provisional) + (f" {d.due_at:%H:%M}" if d.due_at else "")
        con.print(
            f"  {codes.deadline_label(code)}：{due_text}"
            f"（{render.remaining_text(d.due, c.today, left, d.due_at, c.clock)}；{d.basis}）",
            style=style,
        )
    if any(d.provisional for d in result.state.deadlines.values()):
        render.warn(f"标 {render.PROVISIONAL_MARK} 的日期依赖尚未确认年度的节假日安排")
    from govinfo_cli.core.rules import milestones_past_reply

    for line in milestones_past_reply(result.state.deadlines):
        render.warn(line)
    if result.duplicate_of:
        render.warn(
            "同一申请人近期已就相同内容提出申请："
            + "、".join(result.duplicate_of)
            + "（可能属于重复申请，条例第36条第5项）"
        )
