"""Import of event lines (the scripting interface): all or nothing, each line through the
same guards and rules as a recorded event."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.record import LOG_EVENTS, append_event, check_links, check_log_lock, normalize_log_event, prepare
from govinfo_cli.core import fields, personal
from govinfo_cli.core.errors import ImportErrors, Refusal, ValidationError
from govinfo_cli.core.events import PERSONAL_FIELDS, Event, envelope
from govinfo_cli.core.rules import replay
from govinfo_cli.store import cases, db
from govinfo_cli.store.cache import write_cache

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


@dataclass
class ImportSummary:
    lines: int = 0
    added: int = 0
    unchanged: int = 0
    new_cases: int = 0
    cases: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)  # "line N: …" (docs/rules.md §9: a late step)


def _signature(type_: str, date: dt.date, payload: dict[str, Any]) -> str:
    return json.dumps([type_, date.isoformat(), payload], sort_keys=True, ensure_ascii=False)


def parse_line(text: str) -> dict[str, Any]:
    """One event line as a flat JSON object (core.fields.json_object), or ValidationError."""
    try:
        return fields.json_object(text)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None


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
    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    locked = cases.locked_years(conn)
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
            number, kind, type_, date = envelope(obj)
            key = (kind, number)
            # the year lock is checked after the duplicate test: re-importing lines already
            # recorded is not a new event in a locked year
            payload = prepare(ctx, kind, type_, date, obj, locked=set(), line=True)
            if key in failed:  # its own fields are fine; its case's state is unknown after a refusal
                continue
            if key not in book:
                row = cases.find_case(conn, number, kind)
                if row is None:
                    book[key] = [None, [], Counter()]
                else:
                    cases.lock_case(conn, row.id)
                    evs = cases.load_events(conn, row.id)
                    sigs = Counter(_signature(e.type, e.date, dict(e.data)) for e in evs)
                    book[key] = [row.id, evs, sigs]
            entry = book[key]
            if type_ in LOG_EVENTS:  # its fields in canonical form, before the duplicate test
                normalize_log_event(kind, entry[1], payload, ctx.today, line=True)
            sig = _signature(type_, date, payload)
            if (date.year in locked or type_ in LOG_EVENTS) and unlock_reason and entry[2][sig] == 0:
                sig = _signature(type_, date, {**payload, "unlock_reason": unlock_reason})
            if entry[2][sig] > 0:
                entry[2][sig] -= 1
                summary.unchanged += 1
                continue
            if date.year in locked:
                payload = prepare(ctx, kind, type_, date, obj, locked=locked, unlock_reason=unlock_reason, line=True)
            if type_ in LOG_EVENTS:
                normalize_log_event(kind, entry[1], payload, ctx.today, line=True)
                check_log_lock(entry[1], payload, locked, unlock_reason)
            ev = Event(type=type_, date=date, data=payload)
            st = replay(kind, [*entry[1], ev], cal, profile)
            check_links(conn, kind, payload, set(book) | failed)  # a refused line is reported once
            summary.warnings.extend(f"line {lineno}: {w.text}" for w in st.warnings if w.seq == 0)
            # from here on the line is part of the case's log (the seq it will be stored
            # under), so a later line may amend it and is checked as the one new event
            ev = replace(ev, seq=(entry[1][-1].seq if entry[1] else 0) + 1)
            entry[1].append(ev)
            new_events.append((key, ev))
            summary.cases.add(number)
        except (ValidationError, Refusal) as exc:
            problems.append(f"line {lineno}: {exc.message}")
            if isinstance(obj, dict) and isinstance(obj.get("kind"), str) and isinstance(obj.get("case"), str):
                failed.add((obj["kind"].strip(), obj["case"].strip()))
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
            entry[0] = cases.insert_case(conn, key[0], key[1], ctx.now())
            summary.new_cases += 1
        touched[key] = entry[0]
    # append in order per case, with the sequence numbers given above (continuing the log)
    for key, ev in new_events:
        append_event(conn, ctx, book[key][0], ev.seq, ev.type, ev.date, dict(ev.data))
        summary.added += 1
    for key, case_id in touched.items():
        evs = book[key][1]
        write_cache(conn, case_id, key[0], replay(key[0], evs, cal, profile), len(evs))
    return summary
