"""Use cases over the event log: record an event, import event lines, rebuild caches.

The way an event travels: load the case's events → ``rules.replay`` accepts or
refuses the new one → append it → replace the case's cached row and deadlines.
All in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.core import codes, personal
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import ImportErrors, NotFound, Refusal, ValidationError
from govinfo_cli.core.events import PERSONAL_FIELDS, Event, event_date, normalize
from govinfo_cli.core.rules import CaseState, Profile, replay
from govinfo_cli.store import db
from govinfo_cli.store.models import Case, Deadline, YearLock
from govinfo_cli.store.models import Event as EventRow

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

cases_t = Case.__table__
events_t = EventRow.__table__
deadlines_t = Deadline.__table__
locks_t = YearLock.__table__


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def find_case(conn: sa.Connection, number: str, kind: str | None = None) -> sa.Row | None:
    stmt = sa.select(cases_t).where(cases_t.c.number == number.strip())
    if kind:
        stmt = stmt.where(cases_t.c.kind == kind)
    rows = conn.execute(stmt).all()
    if len(rows) > 1:
        kinds = "、".join(r.kind for r in rows)
        raise ValidationError(f"编号 {number} 同时存在于 {kinds}，请用 --kind 指定类别")
    return rows[0] if rows else None


def get_case(conn: sa.Connection, number: str, kind: str | None = None) -> sa.Row:
    row = find_case(conn, number, kind)
    if row is None:
        raise NotFound(f"找不到案件 {number}")
    return row


def load_events(conn: sa.Connection, case_id: int) -> list[Event]:
    rows = conn.execute(sa.select(events_t).where(events_t.c.case_id == case_id).order_by(events_t.c.seq))
    return [_to_event(r) for r in rows]


def _to_event(r: sa.Row) -> Event:
    payload = r.payload if isinstance(r.payload, dict) else json.loads(r.payload)
    stamp = r.recorded_at
    if stamp is not None:  # UTC with its offset, the same on SQLite (naive) and PostgreSQL
        stamp = stamp.astimezone(dt.UTC) if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)
    return Event(
        type=r.type,
        date=r.date,
        data=payload,
        seq=r.seq,
        operator=r.operator,
        recorded_at=stamp.isoformat(timespec="seconds") if stamp else "",
    )


# --------------------------------------------------------------------------
# The cache: derived from replay, replaced whole
# --------------------------------------------------------------------------


def _case_columns(kind: str, st: CaseState) -> dict[str, Any]:
    f = st.facts
    if kind == "request":
        party, ptype, subject = f.get("applicant"), f.get("applicant_type"), f.get("subject")
    elif kind == "complaint":  # the reporter is confidential and never cached
        party, ptype, subject = f.get("respondent"), None, f.get("summary")
    elif kind == "appeal":
        party = codes.label(codes.LAWSUIT_ROUTES, f.get("route")) if f.get("appeal") == "lawsuit" else "行政复议"
        ptype, subject = f.get("appeal"), f.get("request")
    elif kind == "disclosure":  # the item's title stands where a party would
        party, ptype, subject = f.get("title"), f.get("decision") or f.get("attribute"), f.get("category")
    else:
        party, ptype, subject = f.get("summary"), "major" if f.get("major") else None, None
    return {
        "status": st.status,
        "outcome": st.outcome,
        "department": f.get("department"),
        "party": party,
        "party_type": ptype,
        "subject": subject,
        "opened": st.opened,
        "closed": st.closed,
    }


def write_cache(conn: sa.Connection, case_id: int, kind: str, st: CaseState, n_events: int) -> None:
    conn.execute(
        sa.update(cases_t).where(cases_t.c.id == case_id).values(**_case_columns(kind, st), event_count=n_events)
    )
    conn.execute(sa.delete(deadlines_t).where(deadlines_t.c.case_id == case_id))
    rows = deadline_rows(case_id, st)
    if rows:
        conn.execute(sa.insert(deadlines_t), rows)


def deadline_rows(case_id: int, st: CaseState) -> list[dict[str, Any]]:
    return [
        {
            "case_id": case_id,
            "code": d.code,
            "due": d.due,
            "due_at": d.due_at,
            "state": d.state,
            "provisional": d.provisional,
            "quiet": d.quiet,
            "basis": d.basis,
        }
        for d in st.deadlines.values()
    ]


def stale_cases(ctx: Context, conn: sa.Connection) -> list[str]:
    """Case numbers whose cached row or deadlines differ from a fresh replay of their events
    against the current calendar and profile (empty when the cache is right)."""
    cal = ctx.calendar(conn)
    profile = ctx.profile(conn)
    stale = []
    for case in conn.execute(sa.select(cases_t)).all():
        st = replay(case.kind, load_events(conn, case.id), cal, profile)
        fresh = sorted((d["code"], d["due"], d["state"], bool(d["provisional"])) for d in deadline_rows(case.id, st))
        cached = sorted(
            (r.code, r.due, r.state, bool(r.provisional))
            for r in conn.execute(sa.select(deadlines_t).where(deadlines_t.c.case_id == case.id))
        )
        if fresh != cached or any(getattr(case, k) != v for k, v in _case_columns(case.kind, st).items()):
            stale.append(case.number)
    return stale


def recompute_all(
    ctx: Context,
    conn: sa.Connection,
    *,
    days: Sequence[dt.date] = (),
    provisional_only: bool = False,
    progress: Callable[..., None] | None = None,
) -> int:
    """Replay cases against the current calendar and profile; returns how many cached
    deadlines changed their due date, state or provisional mark.

    Every case by default (a profile change). ``days``: only the days whose working-day
    status changed, so only the cases a count may cross them: opened on or before the last
    of them, with a cached due date on or after the first. A count from D to its due date
    reads only the days in (D, due], so a deadline due before a changed day cannot move;
    hour deadlines use no calendar; a suspended one is counted afresh by the event that
    resumes it. ``provisional_only`` (a year confirmed): the cases with a provisional mark."""
    db.cache_lock(conn, exclusive=True)  # no clerk caches a case meanwhile (PostgreSQL)
    cal = ctx.calendar(conn)
    profile = ctx.profile(conn)
    chosen: Any = None  # a subquery of case ids, or None for every case
    if days:
        chosen = (
            sa.select(deadlines_t.c.case_id)
            .distinct()
            .join(cases_t, cases_t.c.id == deadlines_t.c.case_id)
            .where(deadlines_t.c.due >= min(days), sa.or_(cases_t.c.opened.is_(None), cases_t.c.opened <= max(days)))
        )
    elif provisional_only:
        chosen = sa.select(deadlines_t.c.case_id).distinct().where(deadlines_t.c.provisional.is_(True))

    def only(q: Any, column: Any) -> Any:
        return q if chosen is None else q.where(column.in_(chosen))

    before = {
        (r.case_id, r.code): (r.due, r.state, bool(r.provisional))
        for r in conn.execute(
            only(
                sa.select(
                    deadlines_t.c.case_id,
                    deadlines_t.c.code,
                    deadlines_t.c.due,
                    deadlines_t.c.state,
                    deadlines_t.c.provisional,
                ),
                deadlines_t.c.case_id,
            )
        )
    }
    moved = 0
    grouped: dict[int, list[Event]] = {}
    for r in conn.execute(only(sa.select(events_t), events_t.c.case_id).order_by(events_t.c.case_id, events_t.c.seq)):
        grouped.setdefault(r.case_id, []).append(_to_event(r))
    kinds = dict(conn.execute(only(sa.select(cases_t.c.id, cases_t.c.kind), cases_t.c.id)).all())
    for i, (case_id, evs) in enumerate(grouped.items(), start=1):
        if progress and i % 500 == 0:
            progress(i, len(grouped))
        st = replay(kinds[case_id], evs, cal, profile)
        for d in st.deadlines.values():
            if before.get((case_id, d.code)) != (d.due, d.state, d.provisional):
                moved += 1
        write_cache(conn, case_id, kinds[case_id], st, len(evs))
    return moved


# --------------------------------------------------------------------------
# Recording
# --------------------------------------------------------------------------


@dataclass
class Recorded:
    number: str
    kind: str
    state: CaseState
    created: bool
    duplicate_of: list[str] = field(default_factory=list)
    skipped: bool = False


def _check_personal(kind: str, type_: str, payload: dict[str, Any]) -> None:
    if kind == "request" and type_ == "received" and payload.get("id_number"):
        payload["id_number"] = payload["id_number"].upper()
        problem = personal.id_problem(payload["id_number"])
        if problem and not payload.get("id_unchecked"):
            raise ValidationError(f'{problem}；确认无误请加 --force-id（事件行中为 "id_unchecked": true；将被记录）')


def _locked_years(conn: sa.Connection) -> set[int]:
    return set(conn.execute(sa.select(locks_t.c.year)).scalars())


def prepare(
    ctx: Context,
    kind: str,
    type_: str,
    date: dt.date,
    raw: dict[str, Any],
    *,
    locked: set[int],
    unlock_reason: str | None = None,
) -> dict[str, Any]:
    """Field validation and the guards that do not need the case: today, year locks."""
    payload = normalize(kind, type_, raw)
    _check_personal(kind, type_, payload)
    if date > ctx.today:
        raise Refusal(f"事件日期 {date} 晚于今天 {ctx.today}（如确需补录未来日期，请用 --today）")
    if date.year in locked:
        if not unlock_reason:
            raise Refusal(f"{date.year} 年度已锁定（年度报告已公布），需 --unlock-reason 说明理由")
        payload["unlock_reason"] = unlock_reason
    return payload


def check_links(
    conn: sa.Connection, kind: str, payload: dict[str, Any], pending: set[tuple[str, str]] = frozenset()
) -> None:  # type: ignore[assignment]
    """An appeal must name a request the office has (or one earlier in the same import)."""
    number = payload.get("request") if kind == "appeal" else None
    if number and ("request", number) not in pending and find_case(conn, number, "request") is None:
        raise Refusal(f"复议诉讼所涉申请 {number} 不存在")


def next_seq(conn: sa.Connection, case_id: int) -> int:
    top = conn.execute(sa.select(sa.func.max(events_t.c.seq)).where(events_t.c.case_id == case_id)).scalar()
    return (top or 0) + 1


def _insert_case(conn: sa.Connection, kind: str, number: str, ctx: Context) -> int:
    return conn.execute(
        sa.insert(cases_t).values(kind=kind, number=number, status="open", event_count=0, created_at=ctx.now())
    ).inserted_primary_key[0]


def append_event(
    conn: sa.Connection,
    ctx: Context,
    case_id: int,
    seq: int,
    type_: str,
    date: dt.date,
    payload: dict[str, Any],
) -> None:
    conn.execute(
        sa.insert(events_t).values(
            case_id=case_id,
            seq=seq,
            type=type_,
            date=date,
            payload=payload,
            operator=ctx.operator,
            recorded_at=ctx.now(),
        )
    )


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
        number = number.strip()
        if not number:
            raise ValidationError("案件编号不能为空（省略 --case 则按编号格式自动生成）")

    def work(conn: sa.Connection) -> Recorded:
        db.cache_lock(conn)
        cal = ctx.calendar(conn)
        profile = ctx.profile(conn)
        payload = prepare(ctx, kind, type_, date, raw, locked=_locked_years(conn), unlock_reason=unlock_reason)
        row = find_case(conn, number, kind) if number else None
        created = row is None
        if created and type_ not in OPENING_EVENTS:
            raise NotFound(f"找不到{codes.KINDS[kind]}案件 {number}")
        num = number
        if created:
            if num is None:
                num = next_number(ctx, conn, kind, date.year)
            prior: list[Event] = []
        else:
            lock_case(conn, row.id)
            prior = load_events(conn, row.id)
            if prior and date < prior[0].date:
                raise Refusal(f"事件日期 {date} 早于案件开始日期 {prior[0].date}")
        assert num is not None
        new = Event(type=type_, date=date, data=payload)
        st = replay(kind, [*prior, new], cal, profile)
        check_links(conn, kind, payload)
        dupes = find_duplicates(conn, ctx, kind, num, payload) if created else []
        case_id = _insert_case(conn, kind, num, ctx) if created else row.id
        append_event(conn, ctx, case_id, len(prior) + 1, type_, date, payload)
        write_cache(conn, case_id, kind, st, len(prior) + 1)
        return Recorded(number=num, kind=kind, state=st, created=created, duplicate_of=dupes)

    return db.run_write(ctx.engine, work)


def lock_case(conn: sa.Connection, case_id: int) -> None:
    """Writers of one case queue on its row (PostgreSQL ``SELECT … FOR UPDATE``), so the
    events a writer replays are the case's whole log and its sequence number is free.
    A new case needs no lock: the unique number makes a concurrent twin fail, and retry."""
    conn.execute(sa.select(cases_t.c.id).where(cases_t.c.id == case_id).with_for_update())


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
    from govinfo_cli.app import settings

    pattern = settings.get(ctx, "case_number.pattern", conn=conn)
    if kind != "request":
        pattern = {
            "complaint": "投诉〔{year}〕{seq}号",
            "appeal": "复议诉讼〔{year}〕{seq}号",
            "disclosure": "公开〔{year}〕{seq}号",
            "opinion": "舆情〔{year}〕{seq}号",
        }[kind]
    n = (
        conn.execute(
            sa.select(sa.func.count())
            .select_from(cases_t)
            .where(
                cases_t.c.kind == kind,
                cases_t.c.number.like(pattern.format(year=year, seq="%")),
            )
        ).scalar()
        or 0
    )
    while True:
        n += 1
        candidate = pattern.format(year=year, seq=n)
        if find_case(conn, candidate, kind) is None:
            return candidate


def _norm_text(s: str | None) -> str:
    return "".join(ch for ch in (s or "") if ch.isalnum()).lower()


def find_duplicates(conn: sa.Connection, ctx: Context, kind: str, number: str, payload: dict[str, Any]) -> list[str]:
    """Earlier requests by the same applicant on the same subject (重复申请?)."""
    if kind != "request":
        return []
    from govinfo_cli.app import settings

    window = int(settings.get(ctx, "duplicate.window_days", conn=conn) or 90)
    since = ctx.today - dt.timedelta(days=window)
    rows = conn.execute(
        sa.select(cases_t.c.number, cases_t.c.subject)
        .where(
            cases_t.c.kind == "request",
            cases_t.c.party == payload.get("applicant"),
            cases_t.c.opened >= since,
            cases_t.c.number != number,
        )
        .order_by(cases_t.c.id)  # oldest first, on every backend
    )
    want = _norm_text(payload.get("subject"))
    return [r.number for r in rows if _norm_text(r.subject) == want]


# --------------------------------------------------------------------------
# Import of event lines (CONTRACT.md)
# --------------------------------------------------------------------------


@dataclass
class ImportSummary:
    lines: int = 0
    added: int = 0
    unchanged: int = 0
    new_cases: int = 0
    cases: set[str] = field(default_factory=set)


def _signature(type_: str, date: dt.date, payload: dict[str, Any]) -> str:
    return json.dumps([type_, date.isoformat(), payload], sort_keys=True, ensure_ascii=False)


def parse_line(text: str) -> dict[str, Any]:
    try:
        obj = json.loads(text.rstrip("\r\n"))  # the column of an error, not "line 2, column 1"
    except json.JSONDecodeError as exc:
        raise ValidationError(f"不是有效的 JSON（第 {exc.colno} 列：{exc.msg}）") from None
    if not isinstance(obj, dict):
        raise ValidationError("每行应为一个 JSON 对象")
    return obj


def import_events(
    ctx: Context, lines: Iterable[str], *, dry_run: bool = False, unlock_reason: str | None = None
) -> ImportSummary:
    """All-or-nothing: validate every line against the replayed state, then write. One
    transaction, run again from the start if it collides with another clerk's write.
    New lines dated in a locked year need ``unlock_reason`` (recorded in each payload)."""
    all_lines = list(lines)  # a second attempt reads them again
    return db.run_write(ctx.engine, lambda conn: _import_events(ctx, conn, all_lines, dry_run, unlock_reason))


def _import_events(
    ctx: Context,
    conn: sa.Connection,
    lines: list[str],
    dry_run: bool,
    unlock_reason: str | None = None,
) -> ImportSummary:
    summary = ImportSummary()
    problems: list[str] = []
    db.cache_lock(conn)
    cal = ctx.calendar(conn)
    profile = ctx.profile(conn)
    locked = _locked_years(conn)
    # per (kind, number): [case_id|None, events so far, unmatched existing signatures]
    book: dict[tuple[str, str], list[Any]] = {}
    new_events: list[tuple[tuple[str, str], Event]] = []
    failed: set[tuple[str, str]] = set()  # cases with a rejected line: later lines follow it
    for lineno, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        summary.lines += 1
        obj: Any = None
        try:
            obj = parse_line(text)
            masked = next((f for f in obj if f in PERSONAL_FIELDS and personal.is_masked(f, obj[f])), None)
            if masked:  # an export without --reveal: say so, before the value looks like bad data
                raise ValidationError(
                    f"字段 {masked} 是遮蔽后的值（导出时未加 --reveal），不能导入；"
                    "请用 govinfo export events --reveal 重新导出"
                )
            number = str(obj.get("case") or "").strip()
            kind = str(obj.get("kind") or "").strip()
            type_ = str(obj.get("type") or "").strip()
            if not number:
                raise ValidationError("缺少字段 case")
            if not type_:
                raise ValidationError("缺少字段 type")
            key = (kind, number)
            date = event_date(obj.get("date"))
            # the year lock is checked after the duplicate test: re-importing lines already
            # recorded is not a new event in a locked year
            payload = prepare(ctx, kind, type_, date, obj, locked=set())
            if key in failed:  # its own fields are fine; its case's state is unknown after a refusal
                continue
            if key not in book:
                row = find_case(conn, number, kind)
                if row is None:
                    book[key] = [None, [], Counter()]
                else:
                    lock_case(conn, row.id)
                    evs = load_events(conn, row.id)
                    sigs = Counter(_signature(e.type, e.date, dict(e.data)) for e in evs)
                    book[key] = [row.id, evs, sigs]
            entry = book[key]
            sig = _signature(type_, date, payload)
            if date.year in locked and unlock_reason and entry[2][sig] == 0:
                sig = _signature(type_, date, {**payload, "unlock_reason": unlock_reason})
            if entry[2][sig] > 0:
                entry[2][sig] -= 1
                summary.unchanged += 1
                continue
            if date.year in locked:
                payload = prepare(ctx, kind, type_, date, obj, locked=locked, unlock_reason=unlock_reason)
            ev = Event(type=type_, date=date, data=payload)
            replay(kind, [*entry[1], ev], cal, profile)
            check_links(conn, kind, payload, set(book) | failed)  # a refused line is reported once
            entry[1].append(ev)
            new_events.append((key, ev))
            summary.cases.add(number)
        except (ValidationError, Refusal) as exc:
            problems.append(f"line {lineno}: {exc.message}")
            if isinstance(obj, dict):
                failed.add((str(obj.get("kind") or "").strip(), str(obj.get("case") or "").strip()))
            if len(problems) >= 50:
                break
    if problems:
        raise ImportErrors(problems)
    if dry_run:
        summary.added = len(new_events)
        summary.new_cases = sum(1 for k in {k for k, _ in new_events} if book[k][0] is None)
        return summary
    touched: dict[tuple[str, str], int] = {}
    for key, _ev in new_events:
        entry = book[key]
        if entry[0] is None:
            entry[0] = _insert_case(conn, key[0], key[1], ctx)
            summary.new_cases += 1
        touched[key] = entry[0]
    # append in order per case, with sequence numbers continuing the log
    seqs: dict[int, int] = {}
    for key, ev in new_events:
        case_id = book[key][0]
        if case_id not in seqs:
            seqs[case_id] = next_seq(conn, case_id)
        append_event(conn, ctx, case_id, seqs[case_id], ev.type, ev.date, dict(ev.data))
        seqs[case_id] += 1
        summary.added += 1
    for key, case_id in touched.items():
        evs = book[key][1]
        write_cache(conn, case_id, key[0], replay(key[0], evs, cal, profile), len(evs))
    return summary


# --------------------------------------------------------------------------
# Show
# --------------------------------------------------------------------------


def mask_payload(payload: dict[str, Any], reveal: bool) -> dict[str, Any]:
    out = dict(payload)
    if reveal:
        return out
    if out.get("id_number"):
        out["id_number"] = personal.mask_id(out["id_number"])
    if out.get("contact"):
        out["contact"] = personal.mask_phone(out["contact"])
    if out.get("reporter"):
        out["reporter"] = personal.CONFIDENTIAL
    return out


@dataclass
class CaseView:
    number: str
    kind: str
    state: CaseState
    events: list[Event]
    cal: WorkCalendar
    profile: Profile
    department: str | None

    def to_json(
        self, today: dt.date, *, reveal: bool = False, explain: bool = False, audit: bool = False
    ) -> dict[str, Any]:
        deadlines: dict[str, Any] = {}
        for code, d in self.state.deadlines.items():
            item: dict[str, Any] = {
                "due": d.due.isoformat() if d.due else None,
                "state": d.state_on(today),
                "provisional": d.provisional,
                "basis": d.basis,
            }
            if d.due_at:
                item["due_at"] = d.due_at.isoformat(timespec="minutes")
            if d.due and d.state_on(today) == "pending":
                item["working_days_left"] = self.cal.working_days_between(today, d.due)
            if explain:
                item["explain"] = d.explain.as_dict()
            deadlines[code] = item
        events = []
        for e in self.events:
            item = {"seq": e.seq, "type": e.type, "date": e.date.isoformat()}
            item.update(mask_payload(dict(e.data), reveal))
            item["operator"] = e.operator
            if audit:
                item["recorded_at"] = e.recorded_at
            events.append(item)
        facts = mask_payload(
            {k: v for k, v in self.state.facts.items() if isinstance(v, str | int | float | bool)},
            reveal,
        )
        return {
            "case": self.number,
            "kind": self.kind,
            "status": self.state.status,
            "outcome": self.state.outcome,
            "department": self.department,
            "facts": facts,
            "deadlines": deadlines,
            "events": events,
        }


def view(ctx: Context, number: str, kind: str | None = None) -> CaseView:
    with ctx.engine.connect() as conn:
        row = get_case(conn, number, kind)
        evs = load_events(conn, row.id)
        cal = ctx.calendar(conn)
        profile = ctx.profile(conn)
    st = replay(row.kind, evs, cal, profile)
    return CaseView(row.number, row.kind, st, evs, cal, profile, row.department)


def audit_entries(ctx: Context, number: str) -> list[dict[str, str]]:
    """The audit log about one case (each reveal of its personal data, with operator)."""
    from govinfo_cli.store.models import Audit

    t = Audit.__table__
    with ctx.engine.connect() as conn:
        rows = conn.execute(sa.select(t).where(t.c.target == number).order_by(t.c.id)).all()
    out = []
    for r in rows:
        at = r.at.astimezone(dt.UTC) if r.at.tzinfo else r.at.replace(tzinfo=dt.UTC)
        out.append(
            {"at": at.isoformat(timespec="seconds"), "operator": r.operator, "action": r.action, "detail": r.detail}
        )
    return out


def linked_appeals(ctx: Context, number: str) -> list[sa.Row]:
    """Appeals (复议/诉讼) that name this request."""
    with ctx.engine.connect() as conn:
        return list(
            conn.execute(
                sa.select(cases_t)
                .where(cases_t.c.kind == "appeal", cases_t.c.subject == number)
                .order_by(cases_t.c.id)  # in the order received, on every backend
            )
        )


def timeline_summary(events: Sequence[Event]) -> list[tuple[str, str, str]]:
    return [(e.date.isoformat(), e.type, e.operator) for e in events]
