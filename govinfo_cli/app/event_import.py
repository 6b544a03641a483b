"""Import of event lines (the scripting interface): all or nothing, each line through the
same guards and rules as a recorded event.

Two passes. Reading checks every line's own fields (JSON, envelope, field table, today)
and groups the lines by case, in file order. Then, in one transaction, each case the file
names is loaded once (only those), its new lines are checked against its log exactly as
one ``record`` after another would (duplicates, year locks, links), its whole log is
replayed once, and the new events, cached row and deadlines go to the bulk writer the
register import uses. A refusal is found by that one replay and then pinned to its line
by replaying the case line by line (the slow path, only for a refused case)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.collector import collector_paused
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.record import (
    LOG_EVENTS,
    amended_values,
    check_links,
    check_log_lock,
    normalize_log_event,
    prepare,
)
from govinfo_cli.core import fields, personal
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.errors import CalendarRangeError, ImportErrors, Refusal, ValidationError
from govinfo_cli.core.events import LETTER_ISSUED, Event, as_line, envelope
from govinfo_cli.core.fees import NO_ID_WARNING
from govinfo_cli.core.letters import check_record
from govinfo_cli.core.rules import CaseState, Profile, fast_register_deadlines, register_history, replay
from govinfo_cli.store import cases, db
from govinfo_cli.store.cache import case_row
from govinfo_cli.store.registers import CACHE_COLUMNS, DeadlineRow, RegisterWriter, request_cache_row

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

MAX_PROBLEMS = 50
STEPPED = LOG_EVENTS | {LETTER_ISSUED}  # lines that name another event of their case by its seq
LOAD_CHUNK = 5000  # cases whose stored logs are in memory at once

Key = tuple[str, str]  # (kind, case number)
# line number, type, date, the checked payload as JSON text: a line held until its case is
# replayed costs a third of the memory of the payload's dict and strings
Line = tuple[int, str, dt.date, str]


@dataclass
class ImportSummary:
    lines: int = 0
    added: int = 0
    unchanged: int = 0
    new_cases: int = 0
    cases: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)  # "line N: …" (docs/rules.md §9: a late step)


@dataclass
class _Read:
    """What reading found: each case's checked lines in file order, where each case first
    appears, the first line of each case that failed its own checks, the problems."""

    groups: dict[Key, list[Line]] = field(default_factory=dict)
    first_line: dict[Key, int] = field(default_factory=dict)
    failed_at: dict[Key, int] = field(default_factory=dict)
    problems: list[tuple[int, str]] = field(default_factory=list)
    lines: int = 0
    no_id: dict[Key, int] = field(default_factory=dict)  # a request received without an ID: its line (§14)


def _signature(type_: str, date: dt.date, payload: dict[str, Any]) -> str:
    return json.dumps([type_, date.isoformat(), payload], sort_keys=True, ensure_ascii=False)


def parse_line(text: str) -> dict[str, Any]:
    """One event line as a flat JSON object (core.fields.json_object), or ValidationError."""
    try:
        return fields.json_object(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


def _read(ctx: Context, lines: Iterable[str], progress: Callable[[int], None] | None) -> _Read:
    """Pass one, no database: every line's own checks, lines grouped by case. Stops once
    MAX_PROBLEMS lines failed (the report lists the first ones, by line number)."""
    r = _Read()
    shared: dict[Any, Any] = {}  # one object for each repeated date and type
    dumps = json.dumps  # as the database stores a payload (SQLite: this very text)
    for lineno, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        r.lines += 1
        if progress and r.lines % 1000 == 0:
            progress(r.lines)
        obj: Any = None
        key: Key | None = None
        try:
            obj = parse_line(text)
            key = (str(obj.get("kind") or "").strip(), str(obj.get("case") or "").strip())
            r.first_line.setdefault(key, lineno)
            masked = personal.masked_field(obj)  # also inside an amendment's "fields"
            if masked:  # an export without --reveal: say so, before the value looks like bad data
                raise ValidationError(
                    f"字段 {masked} 是遮蔽后的值（导出时未加 --reveal），不能导入；"
                    "请用 govinfo export events --reveal 重新导出"
                )
            number, kind, type_, date = envelope(obj)  # each field checked (core.fields)
            key = (kind, number)
            r.first_line.setdefault(key, lineno)
            # the year lock is checked later, after the duplicate test: re-importing lines
            # already recorded is not a new event in a locked year
            payload = prepare(ctx, key[0], type_, date, obj, locked=set(), line=True)
            if kind == "request" and type_ == "received" and not payload.get("id_number"):
                r.no_id.setdefault(key, lineno)
            if key in r.failed_at:  # its own fields are fine; its case's state is unknown after a failed line
                continue
            line = (lineno, shared.setdefault(type_, type_), shared.setdefault(date, date), dumps(payload))
            r.groups.setdefault(key, []).append(line)
        except (ValidationError, Refusal) as exc:
            r.problems.append((lineno, exc.message))
            if key is not None:
                r.failed_at.setdefault(key, lineno)
            if len(r.problems) >= MAX_PROBLEMS:
                break
    return r


def import_events(
    ctx: Context,
    lines: Iterable[str],
    *,
    dry_run: bool = False,
    unlock_reason: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportSummary:
    """All-or-nothing: validate every line against the replayed state, then write. One
    transaction, run again from the start if it collides with another clerk's write.
    New lines dated in a locked year need ``unlock_reason`` (recorded in each payload)."""
    with collector_paused():
        read = _read(ctx, lines, progress)  # read once: a second attempt reuses what was read
        return db.run_write(ctx.engine, lambda conn: _import_events(ctx, conn, read, dry_run, unlock_reason, progress))


def _register_case(
    lines: list[Line], locked: set[int], cal: WorkCalendar, profile: Profile, memo: dict[Any, Any]
) -> tuple[list[Event], tuple[Any, ...], list[DeadlineRow]] | None:
    """A new request whose lines are what a register row makes (``rules.register_history``):
    its events, cached columns (CACHE_COLUMNS) and deadline rows by the engine's fast path,
    as the register import computes them; None for anything else (the full replay)."""
    if len(lines) > 2 or any(line[2].year in locked for line in lines):
        return None  # a locked year: the guards of ``take`` (unlock reason) apply
    loads = json.loads
    evs = [Event(type_, date, loads(text)) for _, type_, date, text in lines]
    got = register_history(evs, profile)
    if got is None:
        return None
    received, replied = got
    try:
        fast = fast_register_deadlines(cal, received, replied, memo, profile)
    except CalendarRangeError:
        return None  # replay refuses it in its own words
    rows: list[DeadlineRow] = [
        (code, due, None, state, provisional, quiet, basis, "") for code, due, state, provisional, quiet, basis in fast
    ]
    return evs, register_cache_row(evs, received, replied), rows


def register_cache_row(evs: list[Event], received: dt.date, replied: dt.date | None) -> tuple[Any, ...]:
    """The cached columns (CACHE_COLUMNS) of a request whose log ``register_history``
    accepted: what ``store.cache.case_row`` gives after a full replay (tested)."""
    data = evs[0].data
    return request_cache_row(
        received=received,
        replied=replied,
        outcome=evs[1].data["outcome"] if replied else None,
        department=data.get("department"),
        applicant=data["applicant"],
        applicant_type=data["applicant_type"],
        subject=data["subject"],
    )


class _Case:
    """One case of the file against its stored log: the checks of ``record``, line by line."""

    def __init__(self, key: Key, case_id: int | None, stored: list[Event]) -> None:
        self.key, self.case_id, self.stored = key, case_id, stored
        self.sigs = Counter(_signature(e.type, e.date, dict(as_line(e.data))) for e in stored)  # as exported
        self.new: list[Event] = []
        self.texts: list[str] = []  # each new event's payload as json.dumps gives it
        self.unchanged = 0
        self.warnings: list[tuple[int, str]] = []  # (line, text): a late step (docs/rules.md §9)


def _import_events(
    ctx: Context,
    conn: sa.Connection,
    read: _Read,
    dry_run: bool,
    unlock_reason: str | None,
    progress: Callable[..., None] | None,
) -> ImportSummary:
    summary = ImportSummary(lines=read.lines)
    problems = list(read.problems)
    db.cache_lock(conn)
    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    locked = cases.locked_years(conn)
    keys = list(read.groups)
    ids = cases.case_ids(conn, keys)  # only the cases the file names
    stored_ids = list(ids.values())
    cases.lock_cases(conn, stored_ids)
    # the stored logs of the cases the file appends to, loaded a chunk of cases at a time
    # (a re-import of a whole database's log holds one chunk of it, not all of it)
    logs: dict[int, list[Event]] = {}
    last_chains: dict[int, str] = {}
    loads, dumps = json.loads, json.dumps
    links: dict[str, bool] = {}  # request number -> the office has it
    numbers: dict[str, int] = {}  # a letter's document number (文号) -> the line of this file giving it
    stored_numbers: set[str] | None = None  # the database's, read at the first letter line

    def letter(kind: str, prior: list[Event], payload: dict[str, Any], lineno: int) -> None:
        """A letter's record (docs/contract.md): it reports an event of its case that calls
        for it, and its document number is given to no other letter, here or in the file."""
        nonlocal stored_numbers
        check_record(kind, prior, payload)
        if stored_numbers is None:
            from govinfo_cli.store.letters import numbers_used

            stored_numbers = numbers_used(conn)
        number = payload["number"]
        if number in stored_numbers:
            raise Refusal(f"字段 number: 文号 {number} 已给了数据库中的另一份文书")
        if numbers.setdefault(number, lineno) != lineno:
            raise Refusal(f"字段 number: 文号 {number} 已在第 {numbers[number]} 行给了另一份文书")

    def linked(kind: str, payload: dict[str, Any], lineno: int) -> None:
        number = payload.get("request") if kind == "appeal" and not payload.get("external") else None
        if not number:
            return
        if read.first_line.get(("request", number), lineno) < lineno:
            return  # named by an earlier line of this file
        if number not in links:
            try:
                check_links(conn, kind, payload)
                links[number] = True
            except Refusal:
                links[number] = False
        if not links[number]:
            check_links(conn, kind, payload)  # the refusal, in its one wording

    def take(c: _Case, line: Line, *, step: bool) -> None:
        """One line against the case as it stands (``step``: replay it now, as ``record`` does,
        note its late-step warnings and give it the seq it will be stored under, so that a
        later line may amend it)."""
        lineno, type_, date, text = line
        payload = loads(text)
        kind = c.key[0]
        log_event = type_ in LOG_EVENTS  # only on the step path (see ``run``)
        prior = [*c.stored, *c.new] if step else []
        if log_event:  # its fields in canonical form, before the duplicate test
            normalize_log_event(kind, prior, payload, ctx.today, line=True)
        if c.sigs:  # a line already in the stored log is not a new event
            sig = _signature(type_, date, payload)
            if (date.year in locked or log_event) and unlock_reason and c.sigs[sig] == 0:
                sig = _signature(type_, date, {**payload, "unlock_reason": unlock_reason})
            if c.sigs[sig] > 0:
                c.sigs[sig] -= 1
                c.unchanged += 1
                return
        if date.year in locked:
            payload = prepare(
                ctx, kind, type_, date, loads(text), locked=locked, unlock_reason=unlock_reason, line=True
            )
        if log_event:
            normalize_log_event(kind, prior, payload, ctx.today, line=True)
            check_log_lock(prior, payload, locked, unlock_reason)
        if log_event or date.year in locked:
            text = dumps(payload)
        if type_ == LETTER_ISSUED:  # only on the step path (see ``run``)
            letter(kind, prior, payload, lineno)
        ev = Event(type=type_, date=date, data=payload)
        if step:
            st = replay(kind, [*prior, ev], cal, profile)
        linked(kind, amended_values(prior, payload)[1] if "amends" in payload else payload, lineno)
        if step:
            c.warnings.extend((lineno, w.text) for w in st.warnings if w.seq == 0)
            ev = replace(ev, seq=(prior[-1].seq if prior else 0) + 1)
        c.new.append(ev)
        c.texts.append(text)

    def run(key: Key, *, step: bool) -> tuple[_Case, CaseState | None]:
        # a case with an amendment, a voiding or a letter goes line by line: those name an
        # event by its seq, which the new lines have only once stepped through
        step = step or any(line[1] in STEPPED for line in read.groups[key])
        case_id = ids.get(key)
        c = _Case(key, case_id, logs.get(case_id, []) if case_id is not None else [])
        stop = read.failed_at.get(key)
        for line in read.groups[key]:
            if stop is not None and line[0] > stop:
                break
            try:
                take(c, line, step=step)
            except (ValidationError, Refusal) as exc:
                if not step:
                    raise
                problems.append((line[0], exc.message))
                return c, None
        if not c.new:
            return c, None
        return c, replay(key[0], [*c.stored, *c.new], cal, profile)

    fresh = len(keys) - len(ids)  # new cases (at most)
    writer = RegisterWriter(
        conn,
        now=ctx.now(),
        operator=ctx.operator,
        defer_indexes=fresh >= 20_000 and fresh > 2 * cases.count_rows(conn, cases.cases_t),
    )
    warnings: list[tuple[int, str]] = []
    done = 0  # lines replayed so far (the bar fills a second time, now with its total)
    memo: dict[Any, Any] = {}  # the fast path's due dates per receipt day
    created: set[Key] = set()
    for i, key in enumerate(keys, start=1):
        if (i - 1) % LOAD_CHUNK == 0 and stored_ids:
            chunk = [ids[k] for k in keys[i - 1 : i - 1 + LOAD_CHUNK] if k in ids]
            logs.clear()
            last_chains.clear()
            if chunk:
                got, chains = cases.events_of(conn, chunk)
                logs.update(got)
                last_chains.update(chains)
        group = read.groups[key]
        done += len(group)
        if progress and i % 1000 == 0:
            progress(done, read.lines)
        if key[0] == "request" and key not in ids and key not in read.failed_at:
            fast = _register_case(group, locked, cal, profile, memo)
            if fast is not None:  # a register row's history: no replay needed (a test checks they agree)
                evs, cache, dls = fast
                summary.added += len(evs)
                summary.cases.add(key[1])
                summary.new_cases += 1
                created.add(key)
                if not problems and not dry_run:
                    writer.add(key[0], key[1], cache, evs, dls, [line[3] for line in group])
                continue
        try:
            c, st = run(key, step=False)
            if st is not None and any(w.seq == 0 for w in st.warnings):
                c, st = run(key, step=True)  # a late step: its warning names its line
        except (ValidationError, Refusal):
            c, st = run(key, step=True)  # pin the refusal to its line
            if st is None:
                continue
        summary.unchanged += c.unchanged
        warnings.extend(c.warnings)
        if st is None:
            continue
        summary.added += len(c.new)
        summary.cases.add(key[1])
        if c.case_id is None:
            summary.new_cases += 1
            created.add(key)
        if problems or dry_run:
            continue
        cached = case_row(key[0], st)
        cache = tuple(cached[col] for col in CACHE_COLUMNS)
        dls = [(d.code, d.due, d.due_at, d.state, d.provisional, d.quiet, d.basis, d.name or "") for d in st.rows()]
        n = len(c.stored) + len(c.new)
        if c.case_id is None:
            writer.add(key[0], key[1], cache, c.new, dls, c.texts)
        else:
            last = last_chains.get(c.case_id)
            writer.append(c.case_id, key[0], key[1], last, len(c.stored) + 1, cache, c.new, dls, n, c.texts)
    if problems:
        problems.sort(key=lambda p: p[0])
        raise ImportErrors([f"line {n}: {m}" for n, m in problems[:MAX_PROBLEMS]])
    warnings.sort(key=lambda w: w[0])
    summary.warnings = [f"line {n}: {t}" for n, t in warnings]
    no_id = sorted(n for k, n in read.no_id.items() if k in created)
    if no_id:  # one line for all of them: a register of years may have thousands (docs/rules.md §14)
        shown = "、".join(str(n) for n in no_id[:10]) + ("…" if len(no_id) > 10 else "")
        summary.warnings.append(f"{len(no_id)} 件新登记的申请未登记证件号码（line {shown}）：{NO_ID_WARNING}")
    if not dry_run:
        writer.finish()
    return summary
