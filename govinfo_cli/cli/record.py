"""Recording one event from a command and printing what it changed: shared by every
case kind's commands."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, get_type_hints

import typer

from govinfo_cli.cli.options import CaseArg, DateOpt, NewCaseOpt, UnlockOpt
from govinfo_cli.core import codes

__all__ = ["CaseArg", "DateOpt", "Event", "event_commands", "event_day", "record"]

# How a command gives the event's date: ``--date`` (a day), ``--received`` (a request's
# received day; ``--date`` is accepted too), or ``--at`` (an hour-counted 舆情 time; ``--date``
# is accepted too).
ReceivedOpt = Annotated[str | None, typer.Option("--received", "--date", help="收到（确认）日期 YYYY-MM-DD，默认今天")]
AtOpt = Annotated[str, typer.Option("--at", "--date", help="时间 YYYY-MM-DD HH:MM")]
_WHEN = {"date": (DateOpt, None), "received": (ReceivedOpt, None), "at": (AtOpt, inspect.Parameter.empty)}


@dataclass(frozen=True)
class Event:
    """What every event-recording command is given: its kind, the case (None: a new one,
    numbered by the office's pattern), the date as typed and the unlock reason."""

    kind: str
    case: str | None
    when: str | None
    unlock_reason: str | None
    when_option: str = "--date"

    @property
    def day(self) -> dt.date | None:
        """The event's day; None for ``--received`` not given (recording takes today)."""
        from govinfo_cli.core.dates import parse_date_arg

        if self.when_option == "--at":
            return _at_day(self.when or "")
        if self.when_option == "--received":
            return parse_date_arg(self.when, "--received")  # errors name the option typed
        return event_day(self.when)

    @property
    def at(self) -> str | None:
        return self.when if self.when_option == "--at" else None

    def record(self, type_: str, fields: dict[str, Any], *, options: dict[str, str] | None = None) -> Any:
        return record(self.kind, self.case, type_, self.day, fields, unlock_reason=self.unlock_reason, options=options)


def _at_day(at: str) -> dt.date:
    from govinfo_cli.core.dates import parse_datetime
    from govinfo_cli.core.errors import ValidationError

    try:
        return parse_datetime(at).date()
    except ValueError as exc:
        raise ValidationError(f"--at: {exc}") from None


def event_commands(app: typer.Typer, kind: str) -> Callable[..., Callable[[Callable[..., Any]], Callable[..., Any]]]:
    """The one way to declare a command that appends an event to a case of ``kind``.

    The decorated function takes an ``Event`` as its first parameter, then its own options;
    the command gets, in addition, the case (an argument, or with ``case="new"`` an optional
    ``--case`` for a new case, or with ``case=None`` none), the event's date (``when``:
    "date", "received" or "at") and ``--unlock-reason``, so no command spells them itself::

        event = event_commands(app, "request")

        @event("extend")
        def extend(ev: Event, days: ...) -> None:
            ev.record("extended", {"working_days": days})
    """

    def command(
        name: str | None = None,
        *,
        case: str | None = "argument",
        case_help: str | None = None,
        when: str = "date",
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
            own = list(inspect.signature(fn).parameters.values())[1:]  # after the Event
            for p in own:
                if p.name in ("case", "when", "unlock_reason"):
                    raise TypeError(f"{fn.__name__}: parameter {p.name!r} is added by event_commands")
            hints = get_type_hints(fn, include_extras=True)
            kw = inspect.Parameter.KEYWORD_ONLY
            params = [p.replace(kind=kw, annotation=hints[p.name]) for p in own]
            if case == "argument":
                params.insert(0, inspect.Parameter("case", kw, annotation=CaseArg))
            elif case == "new":
                new_case = NewCaseOpt
                if case_help:
                    new_case = Annotated[str | None, typer.Option("--case", help=case_help)]
                params.append(inspect.Parameter("case", kw, annotation=new_case, default=None))
            when_type, when_default = _WHEN[when]
            params.append(inspect.Parameter("when", kw, annotation=when_type, default=when_default))
            params.append(inspect.Parameter("unlock_reason", kw, annotation=UnlockOpt, default=None))

            @functools.wraps(fn, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
            def run(**values: Any) -> Any:
                ev = Event(
                    kind,
                    values.pop("case", None),
                    values.pop("when"),
                    values.pop("unlock_reason"),
                    "--" + when,
                )
                return fn(ev, **values)

            run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
            run.__annotations__ = {p.name: p.annotation for p in params}
            run.records_event = kind  # type: ignore[attr-defined]  # tests find every one
            app.command(name)(run)
            return fn

        return decorate

    return command


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
    from govinfo_cli.app import record as recording
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.errors import ValidationError

    day = date if isinstance(date, dt.date) else event_day(date)
    clean = {k: v for k, v in fields.items() if v is not None}
    try:
        result = recording.record(ctx(), kind, number, type_, day, clean, unlock_reason=unlock_reason)
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
    con.print(f"{verb}：{render.styled(result.number, 'title')}（{codes.label(codes.KINDS, result.kind)}，{status}）")
    cal = None
    for code, d in result.state.deadlines.items():
        state = d.state_on(c.today)
        if state not in ("pending", "suspended"):
            continue
        if d.due is None:
            con.print(f"  {codes.deadline_label(code)}：中止计算（{d.explain.rule}）", style=render.STYLE["suspended"])
            continue
        if cal is None:
            from govinfo_cli.app.calendar import build_calendar

            cal = build_calendar(c)
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
    for w in result.state.warnings:  # what the engine accepted but the clerk must know (§9)
        if w.seq == 0:
            render.warn(w.text)
    if result.duplicate_of:
        render.warn(
            "同一申请人近期已就相同内容提出申请："
            + "、".join(result.duplicate_of)
            + "（可能属于重复申请，条例第36条第5项）"
        )
