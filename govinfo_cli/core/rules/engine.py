"""``replay(kind, events, calendar, profile)``: apply a case's events by their dates, refusing
(``Refusal``) any event the case's state forbids, and return the case's status, outcome and
every deadline with an explanation of how it was counted. A pure function: nothing here
reads a clock; the one question that depends on the day (has a quiet window lapsed?) is
answered by ``Deadline.state_on(today)``.

Four rules hold for every kind, here and nowhere else:

- **the law counts true dates** (docs/rules.md §14): a case's events are applied by date,
  ties in recording order. An event being recorded with a date before the case's latest
  event is refused unless it says why it is entered late (``entered_late``, 补录); replay
  then places it by its date and reports what it changed (``LateEntry``);
- **a missed deadline stays missed** (§9): no event dated after a deadline passed may move
  it, pause it, suspend it or settle it as met (``keep_passed``), for an event being
  recorded and for the log replayed as history alike;
- **amendments** (§12): an ``amended`` event replays as if the event it names had carried
  the new values (a new amendment: as if it were that event being recorded now, with every
  check of a new event, §14); replay reports each one made after a deadline had passed;
- **voiding** (§12): a ``voided`` case derives status ``voided`` and no deadline is open; a
  void made while a deadline was missed or overdue says so (``Voided.passed``, §14).

New event or history: an event being recorded has ``seq`` 0 (``state.is_new``); guards
that refuse a late step refuse only new events, history replays under ``keep_passed``.
The log events (amendments, voids, the late-entry reports) are read in recording order,
against the log as it stood when each was recorded.
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
    LateEntry,
    Profile,
    ReplayWarning,
    Voided,
    first_event,
    is_new,
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
# docs/rules.md §14: the field that says why an event is entered after later ones (补录).
ENTERED_LATE = "entered_late"


def replay(kind: str, events: Sequence[Event], cal: WorkCalendar, profile: Profile = NATIONAL) -> CaseState:
    """Apply a case's events by date (ties in recording order); refuse the first one its state
    forbids. ``events`` come in recording order: the log's, then any being recorded (seq 0)."""
    from govinfo_cli.core.events import RECORD_ONLY  # here: core.events imports rules.periods

    events = [e for e in events if e.type not in RECORD_ONLY]  # a letter's record counts nothing
    if not events:
        raise Refusal("案件没有事件")
    spec = KINDS.get(kind)
    if spec is None:
        raise Refusal(f"未知案件类别 {kind}")
    if not any(ev.type in LOG_EVENTS or ENTERED_LATE in ev.data for ev in events):  # the common case
        latest = events[0].date
        for ev in events:
            if ev.date < latest and is_new(ev):
                raise Refusal(not_in_order(ev.date, latest))
            latest = max(latest, ev.date)
        return _run(spec, events, cal, profile)
    return _replay_log(spec, events, cal, profile)


def not_in_order(day: Date, latest: Date) -> str:
    return (
        f"事件日期 {day} 早于该案件最后一个事件的日期 {latest}；如确是事后才发现、补录的事实，"
        "请写明补录理由（--entered-late 理由；事件行 entered_late），将按其真实日期计算（docs/rules.md §14）"
    )


def by_date(events: Sequence[Event]) -> Sequence[Event]:
    """The events in the order the law counts them: by date, ties in recording order (the
    order given: the log's, then those being recorded)."""
    if all(a.date <= b.date for a, b in zip(events, events[1:], strict=False)):
        return events
    return sorted(events, key=lambda e: e.date)  # stable: ties keep recording order


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
    events = by_date(events)
    if spec.opening:
        first_event(events, spec.opening, spec.kind)
    inserted = False  # an event being recorded now sits before events already in the log
    for ev in events:
        before = dict(case.dl)
        try:
            with _stored(ev):
                spec.admit(case, ev)
                h = handler(spec.kind, ev.type)
                if h is None:
                    raise Refusal(f"{spec.name}没有事件类型 {ev.type}")
                h.fn(case, ev)
                spec.after(case, ev)
        except Refusal as exc:
            if inserted and not is_new(ev):
                label = codes.EVENT_TYPES.get(spec.kind, {}).get(ev.type, ev.type)
                raise Refusal(f"已记录的第 {ev.seq} 个事件（{ev.date} {label}）将不再成立：{exc.message}") from None
            raise
        keep_passed(case.dl, before, ev, spec.kind)
        inserted = inserted or is_new(ev)
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
# Amendments, voiding, late entries (docs/rules.md §12, §14)
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


def late_codes(deadlines: Mapping[str, Deadline], day: Date) -> tuple[str, ...]:
    """The deadlines late on ``day``: missed, or pending past their day (a quiet window that
    passed lapsed: it is not late). What ``due --overdue`` and the timeliness report show."""
    return tuple(
        code
        for code, d in deadlines.items()
        if d.state == "missed" or (d.state == "pending" and not d.quiet and d.due is not None and d.due < day)
    )


def _changes(before: CaseState, after: CaseState) -> tuple[tuple[str, str | None, str, str | None, str], ...]:
    return tuple(
        (c, _iso(b.due if b else None), b.state if b else "", _iso(a.due if a else None), a.state if a else "")
        for c in dict.fromkeys([*before.deadlines, *after.deadlines])
        if ((b := before.deadlines.get(c)) is None) != ((a := after.deadlines.get(c)) is None)
        or (b is not None and a is not None and (b.due, b.state) != (a.due, a.state))
    )


def _late_entry(spec: KindSpec, ev: Event, latest: Date, before: CaseState, after: CaseState) -> LateEntry:
    """An event entered late (补录): what it changed, and the breaches it cleared."""
    still = set(late_codes(after.deadlines, latest))
    entry = LateEntry(
        seq=ev.seq,
        type=ev.type,
        date=ev.date,
        reason=str(ev.get(ENTERED_LATE) or ""),
        operator=ev.operator,
        recorded_at=ev.recorded_at,
        latest=latest,
        changed=_changes(before, after),
        cleared=tuple(c for c in late_codes(before.deadlines, latest) if c not in still),
    )
    if is_new(ev):  # the clerk is told at once what the late fact changed
        label = codes.EVENT_TYPES.get(spec.kind, {}).get(ev.type, ev.type)
        states = codes.DEADLINE_STATES
        parts = [
            f"{codes.deadline_label(c)} {b or '—'} → {a or '—'}"
            if b != a
            else f"{codes.deadline_label(c)} {a or '—'}（{states.get(x, x)} → {states.get(y, y)}）"
            for c, b, x, a, y in entry.changed
        ]
        seen = set(before.warnings)
        parts += [f"第 {w.seq} 个事件：{w.text}" for w in after.warnings if w.seq and w not in seen]
        text = f"补录 {ev.date} {label}（本案已记录至 {latest}），按其真实日期计算"
        text += ("：" + "；".join(parts)) if parts else "，各期限不变"
        if entry.cleared:
            labels = "、".join(codes.deadline_label(c) for c in entry.cleared)
            text += f"。原已逾期的{labels}因此不再逾期：show 和办理时效报告将标出此次补录（docs/rules.md §14）"
        after.warnings.append(ReplayWarning(0, text))
    return entry


def _replay_log(spec: KindSpec, events: Sequence[Event], cal: WorkCalendar, profile: Profile) -> CaseState:
    """Replay a log that holds amendments, a voiding or events entered late: each in recording
    order against the log as it stood then (docs/rules.md §12, §14); the steps by date."""
    steps: list[Event] = []
    amendments: list[Amendment] = []
    late: list[LateEntry] = []
    voided: Voided | None = None
    told: list[ReplayWarning] = []  # what a late entry being recorded changed
    logged: list[Date] = []  # the dates of the amendments and voids read so far
    for ev in events:
        if voided is not None and ev.type != "amended":
            raise Refusal(f"案件已于 {voided.date} 作废（{voided.reason}），不能再记录事件")
        # the case's latest event as it stood: its steps (as amended so far) and its log events
        latest = max([*(e.date for e in steps), *logged], default=None)
        if ev.type in LOG_EVENTS:
            logged.append(ev.date)
        if ev.type in LOG_EVENTS and latest is not None and ev.date < latest and is_new(ev):
            raise Refusal(
                f"{codes.LOG_EVENT_TYPES.get(ev.type, ev.type)}的日期 {ev.date} 早于该案件最后一个事件的日期 "
                f"{latest}（更正、作废按作出之日记录）"
            )
        if ev.type == "voided":
            passed = late_codes(_run(spec, steps, cal, profile).deadlines, ev.date) if steps else ()
            voided = Voided(ev.seq, str(ev.get("reason") or ""), ev.date, ev.operator, ev.recorded_at, passed)
            continue
        if ev.type != "amended":
            if latest is not None and ev.date < latest and is_new(ev) and not ev.get(ENTERED_LATE):
                raise Refusal(not_in_order(ev.date, latest))
            if ev.get(ENTERED_LATE) and latest is not None:
                before = _run(spec, steps, cal, profile)
                try:
                    after = _run(spec, [*steps, ev], cal, profile)
                except Refusal as exc:
                    label = codes.EVENT_TYPES.get(spec.kind, {}).get(ev.type, ev.type)
                    raise Refusal(f"补录 {ev.date} {label}：{exc.message}") from None
                late.append(_late_entry(spec, ev, latest, before, after))
                told += after.warnings[-1:] if is_new(ev) else []
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
            fixed_event = amended_event(steps[at], fields)
        if is_new(ev):  # §14: it passes every check a new event with the amended values would
            fixed_event = replace(fixed_event, seq=0)
        fixed = [*steps[:at], fixed_event, *steps[at + 1 :]]
        before = _run(spec, steps, cal, profile)
        try:
            after = _run(spec, fixed, cal, profile)
        except Refusal as exc:
            raise Refusal(f"更正后{exc.message}") from None
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
                passed=tuple(c for c, d in before.deadlines.items() if d.due is not None and d.due < ev.date),
                changed=_changes(before, after),
            )
        )
        steps = fixed
    st = _run(spec, steps, cal, profile) if steps else CaseState(kind=spec.kind)
    st.amendments = amendments
    st.late_entries = late
    st.warnings += told
    if voided is not None:
        st.voided = voided
        st.status = "voided"
        lapse_open(st.deadlines)
        for code, rows in st.parties.items():
            st.parties[code] = [replace(d, state="lapsed") if d.state in ("pending", "suspended") else d for d in rows]
    return st


def _iso(d: Date | None) -> str | None:
    return d.isoformat() if d else None
