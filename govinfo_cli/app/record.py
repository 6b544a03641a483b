"""Recording one event: the guards, the case number, the duplicate hint, and the one
transaction from load to cache.

The way an event travels: load the case's events → ``rules.replay`` accepts or
refuses the new one → append it → replace the case's cached row and deadlines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.core import codes, fields, personal
from govinfo_cli.core.errors import NotFound, Refusal, ValidationError
from govinfo_cli.core.events import Event, case_number, normalize, normalize_amendment
from govinfo_cli.core.rules import CaseState, replay
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


def check_personal(kind: str, type_: str, payload: dict[str, Any]) -> None:
    if kind == "request" and type_ == "received" and payload.get("id_number"):
        payload["id_number"] = payload["id_number"].upper()
        problem = personal.id_problem(payload["id_number"])
        if problem and not payload.get("id_unchecked"):
            raise ValidationError(f'{problem}；确认无误请加 --force-id（事件行中为 "id_unchecked": true；将被记录）')


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
        if unlock_reason:
            try:
                unlock_reason = fields.text_field(fields.LONG_TEXT_MAX, multiline=True)(unlock_reason)
            except ValueError as exc:
                raise ValidationError(f"--unlock-reason: {exc}") from None
        if not unlock_reason:
            raise Refusal(f"{date.year} 年度已锁定（年度报告已公布），需 --unlock-reason 说明理由")
        payload["unlock_reason"] = unlock_reason
    return payload


def check_amendment(kind: str, type_: str, payload: dict[str, Any], prior: list[Event], *, line: bool = False) -> None:
    """An amendment's new values checked by the field types of the event they replace
    (docs/rules.md §12); a target that is not in the log is left to replay to refuse."""
    if type_ != "amended":
        return
    target = next((e for e in prior if e.seq == payload.get("amends") and e.seq > 0), None)
    if target is None or target.type in ("amended", "voided"):
        return
    payload["fields"] = normalize_amendment(kind, target.type, payload["fields"], line=line)


def check_links(
    conn: sa.Connection, kind: str, payload: dict[str, Any], pending: set[tuple[str, str]] = frozenset()
) -> None:  # type: ignore[assignment]
    """An appeal must name a request the office has (or one earlier in the same import)."""
    number = payload.get("request") if kind == "appeal" else None
    if number and ("request", number) not in pending and cases.find_case(conn, number, "request") is None:
        raise Refusal(f"复议诉讼所涉申请 {number} 不存在")


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
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
        payload = prepare(ctx, kind, type_, date, raw, locked=cases.locked_years(conn), unlock_reason=unlock_reason)
        row = cases.find_case(conn, number, kind) if number else None
        created = row is None
        if created and type_ not in OPENING_EVENTS:
            raise NotFound(f"找不到{codes.KINDS[kind]}案件 {number}")
        num = number
        if created:
            if num is None:
                num = next_number(ctx, conn, kind, date.year)
            prior: list[Event] = []
        else:
            cases.lock_case(conn, row.id)
            prior = cases.load_events(conn, row.id)
            if prior and date < prior[0].date:
                raise Refusal(f"事件日期 {date} 早于案件开始日期 {prior[0].date}")
        assert num is not None
        check_amendment(kind, type_, payload, prior)
        new = Event(type=type_, date=date, data=payload)
        st = replay(kind, [*prior, new], cal, profile)
        check_links(conn, kind, payload)
        dupes = find_duplicates(conn, ctx, kind, num, payload) if created else []
        case_id = cases.insert_case(conn, kind, num, ctx.now()) if created else row.id
        append_event(conn, ctx, case_id, len(prior) + 1, type_, date, payload)
        write_cache(conn, case_id, kind, st, len(prior) + 1)
        return Recorded(number=num, kind=kind, state=st, created=created, duplicate_of=dupes)

    return db.run_write(ctx.engine, work)


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


def next_number(ctx: Context, conn: sa.Connection, kind: str, year: int) -> str:
    pattern = settings.get(conn, "case_number.pattern")
    if kind != "request":
        pattern = {
            "complaint": "投诉〔{year}〕{seq}号",
            "appeal": "复议诉讼〔{year}〕{seq}号",
            "disclosure": "公开〔{year}〕{seq}号",
            "opinion": "舆情〔{year}〕{seq}号",
            "record_correction": "更正〔{year}〕{seq}号",
        }[kind]
    n = cases.count_numbered(conn, kind, pattern.format(year=year, seq="%"))
    while True:
        n += 1
        candidate = pattern.format(year=year, seq=n)
        if cases.find_case(conn, candidate, kind) is None:
            return candidate


def _norm_text(s: str | None) -> str:
    return "".join(ch for ch in (s or "") if ch.isalnum()).lower()


def find_duplicates(conn: sa.Connection, ctx: Context, kind: str, number: str, payload: dict[str, Any]) -> list[str]:
    """Earlier requests by the same applicant on the same subject (重复申请?)."""
    if kind != "request":
        return []
    window = int(settings.get(conn, "duplicate.window_days") or 90)
    since = ctx.today - dt.timedelta(days=window)
    rows = cases.requests_by_since(conn, payload.get("applicant"), since, other_than=number)
    want = _norm_text(payload.get("subject"))
    return [r.number for r in rows if _norm_text(r.subject) == want]
