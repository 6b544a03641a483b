"""``replay(kind, events, calendar, profile)``: apply a case's events in order, refusing
(``Refusal``) any event the case's state forbids, and return the case's status, outcome and
every deadline with an explanation of how it was counted. A pure function: nothing here
reads a clock; the one question that depends on the day (has a quiet window lapsed?) is
answered by ``Deadline.state_on(today)``.

Three rules hold for every kind, here and nowhere else:

- **a missed deadline stays missed** (docs/rules.md §9): no event dated after a deadline
  passed may move it, pause it, suspend it or settle it as met (``keep_passed``), for an
  event being recorded and for the log replayed as history alike;
- **amendments** (§12): an ``amended`` event replays as if the event it names had carried
  the new values; replay reports each one made after a deadline had passed;
- **voiding** (§12): a ``voided`` case derives status ``voided`` and no deadline is open.

New event or history: an event being recorded has ``seq`` 0 (``state.is_new``); guards
that refuse a late step refuse only new events, history replays under ``keep_passed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import codes
from govinfo_cli.core.errors import DamagedRecord, Refusal
from govinfo_cli.core.rules import appeal, complaint, disclosure, opinion, record_correction, request
from govinfo_cli.core.rules.counting import Deadline
from govinfo_cli.core.rules.registry import handler
from govinfo_cli.core.rules.state import (
    NATIONAL,
    Amendment,
    CaseState,
    KindSpec,
    Profile,
    Voided,
    first_event,
    lapse_open,
)

if TYPE_CHECKING:
    from govinfo_cli.core.calendar import WorkCalendar
    from govinfo_cli.core.events import Event

Date = dt.date

# One module per case kind.
KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in (request.SPEC, complaint.SPEC, appeal.SPEC, disclosure.SPEC, opinion.SPEC, record_correction.SPEC)
}
# Event types every kind has (docs/rules.md §12): they change the log, not the case.
LOG_EVENTS = frozenset({"amended", "voided"})
# Fields an amendment may not change: what identifies the event.
FIXED_FIELDS = frozenset({"case", "kind", "type", "seq", "amends"})


def replay(kind: str, events: Sequence[Event], cal: WorkCalendar, profile: Profile = NATIONAL) -> CaseState:
    """Apply a case's events in order; refuse the first one its state forbids."""
    from govinfo_cli.core.events import RECORD_ONLY  # here: core.events imports rules.periods

    events = [e for e in events if e.type not in RECORD_ONLY]  # a letter's record counts nothing
    if not events:
        raise Refusal("案件没有事件")
    spec = KINDS.get(kind)
    if spec is None:
        raise Refusal(f"未知案件类别 {kind}")
    _in_order(events, "")
    if not any(ev.type in LOG_EVENTS for ev in events):  # the common case
        return _run(spec, events, cal, profile)
    steps, amendments, voided = _apply_log_events(spec, events, cal, profile)
    st = _run(spec, steps, cal, profile) if steps else CaseState(kind=kind)
    st.amendments = amendments
    if voided is not None:
        st.voided = voided
        st.status = "voided"
        lapse_open(st.deadlines)
    return st


def _in_order(events: Sequence[Event], what: str) -> None:
    last = events[0].date
    for ev in events:
        if ev.date < last:
            raise Refusal(f"{what}事件日期 {ev.date} 早于该案件上一个事件的日期 {last}（事件须按时间顺序记录）")
        last = ev.date


# What a handler raises on a stored event whose content is not what was recorded (a field
# gone or of the wrong type: a damaged or hand-edited database); recorded events were checked.
_MALFORMED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


@contextmanager
def _stored(ev: Event) -> Iterator[None]:
    """A stored event (``seq`` > 0) whose content a handler cannot use is a damaged record,
    named by its number and type, not a traceback; for the event being recorded (``seq`` 0,
    its fields checked before) such an error is a bug and passes through."""
    try:
        yield
    except _MALFORMED as exc:
        if not ev.seq:
            raise
        missing = f"缺少字段 {exc.args[0]}" if isinstance(exc, KeyError) and exc.args else type(exc).__name__
        why = f"的内容无法重放（{missing}）"
        raise DamagedRecord("payload", None, why, where=f"第 {ev.seq} 个事件（{ev.type}）", quote=False) from None


def _run(spec: KindSpec, events: Sequence[Event], cal: WorkCalendar, profile: Profile) -> CaseState:
    case = spec.new(cal, profile)
    if spec.opening:
        first_event(events, spec.opening, spec.kind)
    for ev in events:
        with _stored(ev):
            spec.admit(case, ev)
            h = handler(spec.kind, ev.type)
            if h is None:
                raise Refusal(f"{spec.name}没有事件类型 {ev.type}")
            before = dict(case.dl)
            h.fn(case, ev)
            spec.after(case, ev)
            keep_passed(case.dl, before, ev, spec.kind)
    spec.finish(case, events)
    return case.st


def keep_passed(dl: dict[str, Deadline], before: Mapping[str, Deadline], ev: Event, kind: str = "") -> None:
    """docs/rules.md §9, the one rule: an event dated after a deadline passed cannot move it,
    pause it, suspend it or settle it as met.

    ``before`` holds the deadlines as they stood before ``ev``. A missed deadline stays as
    it was. A pending deadline already past its due day on ``ev.date`` keeps its due day;
    if ``ev`` ends it (settles, closes, lapses), it ends as missed that day. A quiet window
    (补正告知, 征求意见) that passed simply lapsed: it may end or be replaced by a new
    window, but never be met."""
    label = codes.EVENT_TYPES.get(kind, {}).get(ev.type, ev.type)
    for code, old in before.items():
        new = dl.get(code)
        if new is old:
            continue
        if old.state == "missed":
            dl[code] = old
            continue
        if old.state != "pending" or not old.passed_on(ev.date):
            continue
        if old.quiet:
            if new is not None and new.state == "met":
                dl[code] = replace(old, state="missed", done=ev.date)
            continue
        if new is not None and (new.due, new.state) == (old.due, old.state):
            continue
        if new is not None and new.state in ("met", "missed", "lapsed"):
            dl[code] = replace(old, state="missed", done=new.done or ev.date)
        else:
            dl[code] = old.noted(f"{ev.date} {label}：晚于该期限届满（{old.due}），不改变该期限（docs/rules.md §9）")


# --------------------------------------------------------------------------
# Amendments and voiding (docs/rules.md §12)
# --------------------------------------------------------------------------


def amended_event(original: Event, fields: Mapping[str, Any]) -> Event:
    """The event as if it had carried the amended values (``date`` moves the event)."""
    bad = sorted(set(fields) & FIXED_FIELDS)
    if bad:
        raise Refusal(f"更正不能修改 {', '.join(bad)}（作废请用 voided）")
    data = dict(original.data)
    date = original.date
    for name, value in fields.items():
        if name == "date":
            try:
                date = Date.fromisoformat(str(value))
            except ValueError:
                raise Refusal(f"更正的日期 {value!r} 不是有效日期") from None
        elif value is None or value == "":
            data.pop(name, None)
        else:
            data[name] = value
    return replace(original, date=date, data=data)


def _apply_log_events(
    spec: KindSpec, events: Sequence[Event], cal: WorkCalendar, profile: Profile
) -> tuple[list[Event], list[Amendment], Voided | None]:
    steps: list[Event] = []
    amendments: list[Amendment] = []
    voided: Voided | None = None
    for ev in events:
        if voided is not None and ev.type != "amended":
            raise Refusal(f"案件已于 {voided.date} 作废（{voided.reason}），不能再记录事件")
        if ev.type == "voided":
            voided = Voided(ev.seq, str(ev.get("reason") or ""), ev.date, ev.operator, ev.recorded_at)
            continue
        if ev.type != "amended":
            steps.append(ev)
            continue
        with _stored(ev):
            target = int(ev.get("amends") or 0)
            at = next((i for i, e in enumerate(steps) if e.seq == target and target > 0), None)
            if at is None:
                raise Refusal(f"更正所指的事件 seq {target} 不在该案件此前的记录中（更正事件本身不能再更正）")
            fields = dict(ev.get("fields") or {})
            if not fields:
                raise Refusal("更正须写明要改的字段（fields）")
            fixed = [*steps[:at], amended_event(steps[at], fields), *steps[at + 1 :]]
        _in_order(fixed, "更正后")
        before = _run(spec, steps, cal, profile)
        after = _run(spec, fixed, cal, profile)
        passed = tuple(c for c, d in before.deadlines.items() if d.due is not None and d.due < ev.date)
        changed = tuple(
            (c, _iso(b.due if b else None), b.state if b else "", _iso(a.due if a else None), a.state if a else "")
            for c in dict.fromkeys([*before.deadlines, *after.deadlines])
            if ((b := before.deadlines.get(c)) is None) != ((a := after.deadlines.get(c)) is None)
            or (b is not None and a is not None and (b.due, b.state) != (a.due, a.state))
        )
        amendments.append(
            Amendment(
                seq=ev.seq,
                amends=target,
                type=steps[at].type,
                fields=fields,
                reason=str(ev.get("reason") or ""),
                date=ev.date,
                operator=ev.operator,
                recorded_at=ev.recorded_at,
                passed=passed,
                changed=changed,
            )
        )
        steps = fixed
    return steps, amendments, voided


def _iso(d: Date | None) -> str | None:
    return d.isoformat() if d else None
