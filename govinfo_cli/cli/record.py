"""Recording one event from a command and printing what it changed: shared by every
case kind's commands."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Annotated, Any, get_type_hints

import typer

from govinfo_cli.cli.options import CaseArg, DateOpt, EnteredLateOpt, NewCaseOpt, UnlockOpt
from govinfo_cli.core import codes

__all__ = ["CaseArg", "DateOpt", "Event", "event_commands", "event_day", "record"]

# How a command gives the event's date: ``--date`` (a day), ``--received`` (a request's
# received day; ``--date`` is accepted too), or ``--at`` (an hour-counted 舆情 time; ``--date``
# is accepted too).
ReceivedOpt = Annotated[
    str | None, typer.Option("--received", "--date", metavar="日期", help="收到（确认）日期 YYYY-MM-DD，默认今天")
]
AtOpt = Annotated[
    str, typer.Option("--at", "--date", metavar="时间", help="时间 YYYY-MM-DD HH:MM，或当天的 HH:MM（如 9:20）")
]
_WHEN = {"date": (DateOpt, None), "received": (ReceivedOpt, None), "at": (AtOpt, inspect.Parameter.empty)}


@dataclass(frozen=True)
class Event:
    """What every event-recording command is given: its kind, the case (None: a new one,
    numbered by the office's pattern), the date as typed, the unlock reason and the reason the
    event is entered late (补录, docs/rules.md §14)."""

    kind: str | None  # None: any kind (amend, void), found from the case number
    case: str | None
    when: str | None
    unlock_reason: str | None
    when_option: str = "--date"
    entered_late: str | None = None

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
        """``--at`` as YYYY-MM-DDTHH:MM (a time alone is today's)."""
        if self.when_option != "--at":
            return None
        return _at(self.when or "").isoformat(timespec="minutes")

    def record(
        self,
        type_: str,
        fields: dict[str, Any],
        *,
        options: dict[str, str] | None = None,
        kind: str | None = None,
        quiet: bool = False,
    ) -> Any:
        """Record ``type_`` on the case (``kind``: the case's kind when the command serves
        any kind and the clerk named one with --kind)."""
        kind = kind or self.kind
        if kind is None:
            from govinfo_cli.app.record import case_kind
            from govinfo_cli.cli.state import ctx

            kind = case_kind(ctx(), self.case or "")
        if self.entered_late is not None:
            fields = {**fields, "entered_late": self.entered_late}
        return record(
            kind, self.case, type_, self.day, fields, unlock_reason=self.unlock_reason, options=options, quiet=quiet
        )


def _at(at: str) -> dt.datetime:
    from govinfo_cli.cli.state import ctx
    from govinfo_cli.core.dates import parse_datetime
    from govinfo_cli.core.errors import ValidationError

    try:
        return parse_datetime(at, today=ctx().today)
    except ValueError as exc:
        raise ValidationError(f"--at: {exc}") from None


def _at_day(at: str) -> dt.date:
    return _at(at).date()


Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def event_commands(app: typer.Typer, kind: str | None) -> Callable[..., Decorator]:
    """The one way to declare a command that appends an event to a case of ``kind``.

    The decorated function takes an ``Event`` as its first parameter, then its own options;
    the command gets, in addition, the case (an argument, read by ``app.numbers.resolve`` as
    `show` reads it; or with ``case="new"`` an optional ``--case`` for a new case, spelled by
    ``app.numbers.new_number``; or with ``case=None`` none), the event's date (``when``:
    "date", "received" or "at"), ``--unlock-reason`` and ``--entered-late`` (补录, docs/rules.md
    §14), so no command spells them itself::

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
    ) -> Decorator:
        def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
            own = list(inspect.signature(fn).parameters.values())[1:]  # after the Event
            for p in own:
                if p.name in ("case", "when", "unlock_reason", "entered_late"):
                    raise TypeError(f"{fn.__name__}: parameter {p.name!r} is added by event_commands")
            hints = get_type_hints(fn, include_extras=True)
            kw = inspect.Parameter.KEYWORD_ONLY
            params = [p.replace(kind=kw, annotation=hints[p.name]) for p in own]
            if case == "argument":
                params.insert(0, inspect.Parameter("case", kw, annotation=CaseArg))
            elif case == "new":
                new_case: object = NewCaseOpt  # an annotation, as typer reads it
                if case_help:
                    new_case = Annotated[str | None, typer.Option("--case", metavar="编号", help=case_help)]
                params.append(inspect.Parameter("case", kw, annotation=new_case, default=None))
            when_type, when_default = _WHEN[when]
            params.append(inspect.Parameter("when", kw, annotation=when_type, default=when_default))
            params.append(inspect.Parameter("unlock_reason", kw, annotation=UnlockOpt, default=None))
            params.append(inspect.Parameter("entered_late", kw, annotation=EnteredLateOpt, default=None))

            @functools.wraps(fn, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
            def run(**values: Any) -> Any:
                number = values.pop("case", None)
                ev = Event(
                    kind,
                    None,
                    values.pop("when"),
                    values.pop("unlock_reason"),
                    "--" + when,
                    values.pop("entered_late"),
                )
                if number is not None:  # app.numbers decides what the typed number names
                    from govinfo_cli.app import numbers
                    from govinfo_cli.cli.state import ctx

                    if case == "argument":  # 依申【2026】1号, 1号 …: the case meant (amend, void: of --kind)
                        number = numbers.resolve(ctx(), number, kind or values.get("kind"))
                    else:  # a new case's number, spelled as stored
                        assert kind is not None
                        number = numbers.new_number(ctx(), number, kind, (ev.day or ctx().today).year)
                    ev = replace(ev, case=number)
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
    for k, v in fields.items():  # an option typed empty (--summary "") is a mistake, not a value
        if isinstance(v, str) and not v.strip():
            option = (options or {}).get(k, "--" + k.replace("_", "-"))
            raise ValidationError(f"{option} 不能为空")
    clean = {k: v for k, v in fields.items() if v is not None}
    try:
        result = recording.record(ctx(), kind, number, type_, day, clean, unlock_reason=unlock_reason)
    except ValidationError as exc:
        if exc.field is None or exc.field not in clean:
            raise
        option = (options or {}).get(exc.field, "--" + exc.field.replace("_", "-"))
        raise ValidationError(f"{option}: {exc.detail}", hint=exc.hint) from None
    if not quiet:
        print_result(result, type_, day)
    return result


def what_was_recorded(result: Any, type_: str, day: dt.date) -> tuple[str, str]:
    """``已记录 2026-12-10 作出答复（予以公开）`` and ``；答复期限 2026-12-02，逾期 6 个工作日``:
    the event, and what it means for the deadlines it met or missed."""
    verb = "已登记" if result.created else "已记录"
    event = codes.label(codes.EVENT_TYPES.get(result.kind, {}), type_)
    outcome = result.state.outcome if result.state.closed == day else None
    table = codes.OUTCOMES if result.kind == "request" else codes.CASE_OUTCOMES
    head = f"{verb} {day} {event}" + (f"（{codes.label(table, outcome)}）" if outcome else "")
    tail = ""
    for code, d in result.state.deadlines.items():
        if d.done != day or d.state not in ("met", "missed") or d.due is None:
            continue
        if d.state == "met":
            tail += f"；{codes.deadline_label(code)} {d.due}，按期"
        else:
            late = result.days_late(d)
            tail += f"；{codes.deadline_label(code)} {d.due}，逾期" + (f" {late} 个工作日" if late > 0 else "")
    return head, tail


def print_result(result: Any, type_: str | None = None, day: dt.date | None = None) -> None:
    from govinfo_cli.cli import render
    from govinfo_cli.cli.state import ctx

    c = ctx()
    verb = "已登记" if result.created else "已记录"
    status = codes.label(codes.STATUSES, result.state.status)
    head, tail = verb, ""
    if type_ is not None and day is not None:
        head, tail = what_was_recorded(result, type_, day)
    render.say(f"{head}：{result.number}（{codes.label(codes.KINDS, result.kind)}，{status}）{tail}")
    for d in result.state.rows():  # a consultation: one line per party (docs/rules.md §10)
        state = d.state_on(c.today)
        if state not in ("pending", "suspended"):
            continue
        label = codes.deadline_label(d.code) + (f"（{d.name}）" if d.name else "")
        if d.due is None:
            render.say(f"  {label}：中止计算（{d.explain.rule}）", render.STYLE["suspended"])
            continue
        left = result.left(d, c.clock)  # on the calendar the event was counted on
        style = render.STYLE["overdue"] if left.state == "overdue" else render.STYLE["soon"] if left.days <= 3 else None
        due_text = render.date_text(d.due, d.provisional) + (f" {d.due_at:%H:%M}" if d.due_at else "")
        render.say(
            f"  {label}：{due_text}（{render.remaining_text(left, d.due, d.due_at, c.clock)}；{d.basis}）",
            style,
        )
    if any(d.provisional for d in result.state.deadlines.values()):
        render.warn(f"标 {render.PROVISIONAL_MARK} 的日期依赖尚未确认年度的节假日安排")
    from govinfo_cli.core.rules import milestones_past_reply

    for line in milestones_past_reply(result.state.deadlines):
        render.warn(line)
    for w in result.state.warnings:  # what the engine accepted but the clerk must know (§9, §14)
        if w.seq == 0:
            render.warn(w.text)
    for note in getattr(result, "notes", ()):  # the recording's own (an applicant without an ID, §14)
        render.warn(note)
    if result.duplicate_of:
        render.warn(
            "同一申请人近期已就相同内容提出申请："
            + "、".join(result.duplicate_of)
            + "（可能属于重复申请，条例第36条第5项）"
        )
