"""Recording one event: the guards, the case number, the duplicate hint, and the one
transaction from load to cache.

The way an event travels: load the case's events → ``rules.replay`` accepts or
refuses the new one → append it → replace the case's cached row and deadlines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import calendar_for_writing
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.remaining import Left, days_left
from govinfo_cli.core import codes, fields, personal
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import NotFound, Refusal, ValidationError
from govinfo_cli.core.events import FIELDS, Event, case_number, normalize, normalize_amendment
from govinfo_cli.core.rules import CaseState, Deadline, replay
from govinfo_cli.store import cases, db, settings
from govinfo_cli.store.cache import write_cache

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


@dataclass
class Recorded:
    number: str
    kind: str
    state: CaseState
    created: bool
    duplicate_of: list[str] = field(default_factory=list)
    skipped: bool = False
    calendar: WorkCalendar | None = None  # the one the deadlines were counted on
    notes: list[str] = field(default_factory=list)  # what the clerk must be told besides the engine's warnings

    def left(self, d: Deadline, now: dt.datetime) -> Left:
        """What is left of the case's deadline ``d`` at ``now`` (``days_left``, on the calendar
        the event was counted on)."""
        assert self.calendar is not None and d.due is not None
        return days_left(d.due, now, self.calendar, d.due_at)

    def days_late(self, d: Deadline) -> int:
        """Working days by which the deadline ``d`` was missed, on the day it was done."""
        assert self.calendar is not None and d.due is not None and d.done is not None
        return -days_left(d.due, d.done, self.calendar).days


def id_notes(kind: str, type_: str, payload: dict[str, Any]) -> list[str]:
    """A request recorded without an ID number or credit code: its 109号 tier counts only with
    same-name requests without one (docs/rules.md §14), so the clerk is told."""
    from govinfo_cli.core.fees import NO_ID_WARNING

    return [NO_ID_WARNING] if kind == "request" and type_ == "received" and not payload.get("id_number") else []


def check_personal(kind: str, type_: str, payload: dict[str, Any]) -> None:
    """An ID number is a valid 居民身份证号码 or 统一社会信用代码 (docs/rules.md §14), unless the
    clerk says it was checked by hand (``id_unchecked``, recorded)."""
    if kind == "request" and type_ == "received" and payload.get("id_number"):
        payload["id_number"] = payload["id_number"].upper()
        problem = personal.identifier_problem(payload["id_number"])
        if problem and not payload.get("id_unchecked"):
            raise ValidationError(
                f"{problem}；确认无误请加 --force-id 理由"
                '（事件行中为 "id_unchecked": "理由"；理由将被记录，审计日志可见）'
            )


def prepare(
    ctx: Context,
    kind: str,
    type_: str,
    date: dt.date,
    raw: dict[str, Any],
    *,
    locked: set[int],
    unlock_reason: str | None = None,
    line: bool = False,
) -> dict[str, Any]:
    """Field validation and the guards that do not need the case: today, year locks.
    ``line``: the fields come from an event line (dates YYYY-MM-DD only)."""
    payload = normalize(kind, type_, raw, line=line)
    check_personal(kind, type_, payload)
    try:
        fields.check_year(date)
    except ValueError as exc:
        raise ValidationError(f"事件日期 {exc}") from None
    if date > ctx.today:
        raise Refusal(f"事件日期 {date} 晚于今天 {ctx.today}（如确需补录未来日期，请用 --today）")
    if date.year in locked:
        unlock_reason = payload.get("unlock_reason") or unlock_reason  # an event line's own reason first
        if unlock_reason:
            try:
                unlock_reason = fields.text_field(fields.LONG_TEXT_MAX, multiline=True)(unlock_reason)
            except ValueError as exc:
                raise ValidationError(f"--unlock-reason: {exc}") from None
        if not unlock_reason:
            raise Refusal(f"{date.year} 年度已锁定（年度报告已公布），需 --unlock-reason 说明理由")
        payload["unlock_reason"] = unlock_reason
    return payload


def check_links(
    conn: sa.Connection, kind: str, payload: dict[str, Any], pending: AbstractSet[tuple[str, str]] = frozenset()
) -> None:
    """An appeal must name a request the office has (or one earlier in the same import)."""
    number = payload.get("request") if kind == "appeal" and not payload.get("external") else None
    if number and ("request", number) not in pending and cases.find_case(conn, number, "request") is None:
        raise Refusal(
            f"复议诉讼所涉申请 {number} 不存在",
            hint='申请不在本系统（较早或在别处办理）时加 --external，只记其编号（事件行中为 "external": true）',
        )


def append_event(
    conn: sa.Connection,
    ctx: Context,
    case_id: int,
    seq: int,
    type_: str,
    date: dt.date,
    payload: dict[str, Any],
) -> None:
    """Append one event to a case's log, as this context's operator, stamped now."""
    cases.append_event(conn, case_id, seq, type_, date, payload, operator=ctx.operator, now=ctx.now())


def record(
    ctx: Context,
    kind: str,
    number: str | None,
    type_: str,
    date: dt.date,
    raw: dict[str, Any],
    *,
    unlock_reason: str | None = None,
) -> Recorded:
    """Record one event (creating the case with its first event). One transaction, run
    again from the start if it collides with another clerk's write (``db.run_write``)."""

    if number is not None:
        if not number.strip():
            raise ValidationError("案件编号不能为空（省略 --case 则按编号格式自动生成）")
        number = case_number(number, "案件编号")

    def work(conn: sa.Connection) -> Recorded:
        db.cache_lock(conn)
        cal = calendar_for_writing(ctx, conn)
        profile = office_profile(ctx, conn)
        payload = prepare(ctx, kind, type_, date, raw, locked=cases.locked_years(conn), unlock_reason=unlock_reason)
        row = cases.find_case(conn, number, kind) if number else None
        created = row is None
        if created and type_ not in OPENING_EVENTS:
            raise NotFound(f"找不到{codes.KINDS[kind]}案件 {number}")
        num = number
        if row is None:
            if num is None:
                num = next_number(ctx, conn, kind, date.year)
            prior: list[Event] = []
        else:
            cases.lock_case(conn, row.id)
            prior = cases.load_events(conn, row.id)
            if prior and date < prior[0].date:
                raise Refusal(f"事件日期 {date} 早于案件开始日期 {prior[0].date}")
        assert num is not None
        linked = payload
        if type_ in LOG_EVENTS:
            check_log_event(kind, prior, payload, cases.locked_years(conn), unlock_reason, ctx.today)
            linked = amended_values(prior, payload)[1] if "amends" in payload else {}
        new = Event(type=type_, date=date, data=payload)
        st = replay(kind, [*prior, new], cal, profile)
        check_links(conn, kind, linked)
        dupes = find_duplicates(conn, ctx, kind, num, payload) if created else []
        case_id = cases.insert_case(conn, kind, num, ctx.now()) if row is None else row.id
        append_event(conn, ctx, case_id, len(prior) + 1, type_, date, payload)
        write_cache(conn, case_id, kind, num, st, len(prior) + 1)
        notes = id_notes(kind, type_, payload)
        return Recorded(number=num, kind=kind, state=st, created=created, duplicate_of=dupes, calendar=cal, notes=notes)

    return db.run_write(ctx.engine, work)


# docs/rules.md §12: events about the log itself (every kind has them)
LOG_EVENTS = frozenset({"amended", "voided"})


def check_log_event(
    kind: str,
    prior: list[Event],
    payload: dict[str, Any],
    locked: set[int],
    unlock_reason: str | None,
    today: dt.date,
) -> None:
    """An amendment or a voiding (docs/rules.md §12), checked against the case's log: see
    ``normalize_log_event`` and ``check_log_lock``."""
    normalize_log_event(kind, prior, payload, today)
    check_log_lock(prior, payload, locked, unlock_reason)


def normalize_log_event(
    kind: str, prior: list[Event], payload: dict[str, Any], today: dt.date, *, line: bool = False
) -> None:
    """An amendment names an event of the case and changes only fields that event has,
    each checked and parsed as the event's own field (``payload["fields"]`` becomes the
    canonical values; ``line``: as on an event line, dates YYYY-MM-DD only); a
    corrected date may not be after ``today``, like any event's."""
    if "amends" not in payload:
        return
    seq = payload["amends"]
    target = _target(prior, seq)
    if target.type in LOG_EVENTS:
        raise Refusal(f"第 {seq} 号事件是{codes.LOG_EVENT_TYPES[target.type]}，不能再更正")
    payload["fields"] = normalize_amendment(kind, target.type, payload["fields"], line=line)
    new_date = payload["fields"].get("date")
    if new_date and dt.date.fromisoformat(new_date) > today:
        raise Refusal(f"更正后的日期 {new_date} 晚于今天 {today}")
    # docs/rules.md §14: the event as amended passes every check a new event with those values
    # would (its fields together here; the state machine's checks in replay, as a new event)
    _, values = amended_values(prior, payload)
    spec = FIELDS.get((kind, target.type), {})  # what the log adds (an unlock reason) is no field
    normalize(kind, target.type, {k: v for k, v in values.items() if k in spec})
    check_personal(kind, target.type, values)


def amended_values(prior: list[Event], payload: dict[str, Any]) -> tuple[Event, dict[str, Any]]:
    """The event an amendment names, and its fields as amended (an empty value removes one)."""
    target = _target(prior, payload["amends"])
    values = dict(target.data)
    for name, value in payload["fields"].items():
        if name == "date":
            continue
        if value is None or value == "":
            values.pop(name, None)
        else:
            values[name] = value
    return target, values


def check_log_lock(prior: list[Event], payload: dict[str, Any], locked: set[int], unlock_reason: str | None) -> None:
    """An amendment or a voiding that touches a locked year (the amended event's date, the
    new date, or any event of a voided case) needs the unlock reason, kept in the payload."""
    touched: set[int] = set()
    if "amends" in payload:
        target = _target(prior, payload["amends"])
        touched.add(target.date.year)
        if "date" in payload["fields"]:
            touched.add(dt.date.fromisoformat(payload["fields"]["date"]).year)
    else:
        touched.update(e.date.year for e in prior)
    hit = sorted(touched & locked)
    if hit:
        unlock_reason = payload.get("unlock_reason") or unlock_reason  # an event line's own reason first
        if not unlock_reason:
            raise Refusal(f"{hit[0]} 年度已锁定（年度报告已公布），更正或作废需 --unlock-reason 说明理由")
        payload["unlock_reason"] = unlock_reason


def _target(prior: list[Event], seq: int) -> Event:
    target = next((e for e in prior if e.seq == seq), None)
    if target is None:
        raise Refusal(f"该案件没有第 {seq} 号事件（见 govinfo show 的 # 列）")
    return target


OPENING_EVENTS = frozenset(
    {
        "received",
        "complaint_accepted",
        "reconsideration_copy_received",
        "lawsuit_copy_received",
        "information_formed",
        "information_changed",
        "enforcement_decision",
        "policy_published",
        "duty_opened",
        "opinion_detected",
    }
)


def case_kind(ctx: Context, number: str, kind: str | None = None) -> str:
    """The kind of the case numbered ``number`` (for commands that act on any kind)."""
    with ctx.engine.connect() as conn:
        return str(cases.get_case(conn, number.strip(), kind).kind)


MAX_NUMBER_TRIES = 1000  # numbers taken out of turn (typed with --case) skipped at most


def next_number(ctx: Context, conn: sa.Connection, kind: str, year: int) -> str:
    """The next free number of the office's pattern for ``kind`` (a bounded search: it never
    loops while holding the write lock)."""
    from govinfo_cli.app.settings import check_pattern
    from govinfo_cli.store.settings import pattern_key

    key = pattern_key(kind)
    pattern = check_pattern(settings.get(conn, key), key)  # a pattern stored before checks existed
    n = cases.count_numbered(conn, kind, pattern.format(year=year, seq="%"))
    for _ in range(MAX_NUMBER_TRIES):
        n += 1
        candidate = pattern.format(year=year, seq=n)
        if cases.find_case(conn, candidate, kind) is None:
            return candidate
    raise ValidationError(f"找不到空闲编号（{key} = {pattern}）；请用 --case 指定编号")


def _norm_text(s: str | None) -> str:
    return "".join(ch for ch in (s or "") if ch.isalnum()).lower()


def find_duplicates(conn: sa.Connection, ctx: Context, kind: str, number: str, payload: dict[str, Any]) -> list[str]:
    """Earlier requests by the same applicant on the same subject (重复申请?)."""
    if kind != "request":
        return []
    raw = settings.get(conn, "duplicate.window_days") or "90"
    window = int(raw) if raw.strip().isdigit() else 90  # a value stored before checks existed
    since = ctx.today - dt.timedelta(days=window)
    rows = cases.requests_by_since(conn, payload.get("applicant"), since, other_than=number)
    want = _norm_text(payload.get("subject"))
    return [r.number for r in rows if _norm_text(r.subject) == want]
