"""Registers (登记簿) in: batch import of the request register, all-or-nothing, through the
same rules engine as every other write."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.app.record import append_event, check_log_lock, normalize_log_event
from govinfo_cli.app.registers import (
    LABEL,
    LABEL_TO_CODE,
    PERSONAL,
    REQUEST_COLUMNS,
    REQUIRED,
    VALUE_MAPS,
    VALUE_TABLES,
    amended_log,
    as_amended,
    register_row,
)
from govinfo_cli.core import codes, fields, personal
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.chain import Linker
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import CalendarRangeError, ImportErrors, Refusal, UsageError, ValidationError
from govinfo_cli.core.events import CASE_NUMBER, FIELDS, REGISTER_HISTORY, Event
from govinfo_cli.core.rules import Profile, fast_register_deadlines, replay
from govinfo_cli.core.rules.register import RegisterMemo
from govinfo_cli.core.text import unsafe_cell
from govinfo_cli.formats.csvfile import check_header, csv_records, ragged
from govinfo_cli.store import db
from govinfo_cli.store.bulk import stores_json_as_dumps
from govinfo_cli.store.cache import write_cache
from govinfo_cli.store.cases import load_events, locked_years
from govinfo_cli.store.registers import (
    DeadlineRow,
    RegisterWriter,
    amended_ids,
    request_cache_row,
    request_ids,
    stored_register_row,
)

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


@dataclass
class RegisterSummary:
    rows: int = 0
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    closed_without_reason: int = 0
    per_year: Counter[int] = field(default_factory=Counter)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "closed_without_reason": self.closed_without_reason,
            "per_year": dict(sorted(self.per_year.items())),
            "dry_run": self.dry_run,
        }


# Each text cell is checked as the event field it becomes (core.events.FIELDS): one
# declaration of what a field may hold, whether it arrives in an event line, an option or a
# register cell.
_RECEIVED = FIELDS[("request", "received")]
CELL_TYPES: dict[str, fields.Parser] = {
    "case": CASE_NUMBER,
    **{code: _RECEIVED[code][0] for code in ("applicant", "subject", "department", "id_number", "contact")},
    "note": FIELDS[("request", "replied")]["reason"][0],
}


def _cell_error(path: str, line: int, label: str, raw: str, why: str) -> str:
    """``FILE:LINE: 列 LABEL: "VALUE" WHY``; a personal column's value masked (docs/contract.md)."""
    raw = personal.mask_value(LABEL_TO_CODE.get(label, label), raw)
    shown = f'"{raw}"' if len(raw) <= 60 and fields.bad_character(raw) is None else fields.shown(raw, 60)
    return f"{path}:{line}: 列 {label}: {shown} {why}"


def _parse_row(
    path: str, line: int, raw: dict[str, str], problems: list[str], *, today: dt.date
) -> dict[str, Any] | None:
    label = LABEL
    out: dict[str, Any] = {}
    start = len(problems)
    for code in REQUIRED:
        if not raw.get(code):
            problems.append(f"{path}:{line}: 列 {label[code]}: 不能为空")
    for code in ("received", "replied"):
        text = raw.get(code, "")
        if text:
            try:
                out[code] = parse_date(text)
            except ValueError:
                problems.append(_cell_error(path, line, label[code], text, "不是有效日期"))
                continue
            try:
                fields.check_year(out[code])
            except ValueError as exc:
                problems.append(_cell_error(path, line, label[code], text, str(exc)))
                continue
            if out[code] > today:
                problems.append(_cell_error(path, line, label[code], text, f"晚于今天 {today}"))
    for code, table in VALUE_TABLES.items():
        text = raw.get(code, "")
        if text:
            value = VALUE_MAPS[code].get(text) or (codes.parse(table, text) if fields.one_line(text) else None)
            if value is None:
                problems.append(
                    _cell_error(path, line, label[code], text, f"不是有效取值（{codes.choices(table)[:60]}…）")
                )
            out[code] = value
    for code, parse in CELL_TYPES.items():
        text = raw.get(code, "")
        out[code] = text
        if text:
            try:
                out[code] = parse(text)
            except ValueError as exc:
                problems.append(_cell_error(path, line, label[code], text, str(exc)))
    for code in PERSONAL:  # a masked export cell: only ever the stored value's mask (_masked_values)
        if personal.is_masked(code, out[code]):
            out.setdefault("masked", {})[code] = out[code]
            out[code] = ""
    if out["id_number"]:
        out["id_number"] = out["id_number"].upper()
        problem = personal.identifier_problem(out["id_number"])
        if problem:  # refused unless the case holds this very number (accepted with --force-id)
            out["id_problem"] = _cell_error(path, line, label["id_number"], raw["id_number"], problem)
    if bool(raw.get("replied")) != bool(raw.get("outcome")):
        problems.append(f"{path}:{line}: 列 答复日期/办理结果: 须同时填写或同时为空")
    if out.get("replied") and out.get("received") and out["replied"] < out["received"]:
        problems.append(_cell_error(path, line, label["replied"], raw["replied"], "早于收到日期"))
    return out if len(problems) == start else None


def _events_of(v: dict[str, Any]) -> list[Event]:
    """The register row's events. Its cells were validated by _parse_row, so the payloads
    are built directly, exactly as events.normalize would build them."""
    received: dict[str, Any] = {k: v[k] for k in ("channel", "applicant", "applicant_type", "subject")}
    for k in ("department", "id_number", "contact"):
        if v.get(k):
            received[k] = v[k]
    evs = [Event("received", v["received"], received)]
    if v.get("replied"):
        reply: dict[str, Any] = {"outcome": v["outcome"]}
        if v.get("note"):
            reply["reason"] = v["note"]
        reply["historic"] = REGISTER_HISTORY  # history: its reason may be missing (the flag's reason)
        evs.append(Event("replied", v["replied"], reply))
    return evs


def _cached(v: dict[str, Any]) -> tuple[Any, ...]:
    """A new register row's cached case columns (store.registers.CACHE_COLUMNS)."""
    return request_cache_row(
        received=v["received"],
        replied=v.get("replied"),
        outcome=v.get("outcome"),
        department=v["department"],
        applicant=v["applicant"],
        applicant_type=v["applicant_type"],
        subject=v["subject"],
    )


def _deadline_rows(cal: WorkCalendar, profile: Profile, v: dict[str, Any], memo: RegisterMemo) -> list[DeadlineRow]:
    """A new register row's deadline rows (store.registers.DeadlineRow): replay's, once per
    receipt day (``rules.fast_register_deadlines``)."""
    dls = fast_register_deadlines(cal, v["received"], v.get("replied"), memo, profile)
    return [
        (code, due, None, state, provisional, quiet, basis, "") for code, due, state, provisional, quiet, basis in dls
    ]


def _prepared(
    v: dict[str, Any], *, cal: WorkCalendar, profile: Profile, memo: RegisterMemo, linker: Linker, texts: bool
) -> tuple[list[Event], list[str] | None, list[str], list[DeadlineRow] | None]:
    """What the writer needs of a good row as a new case, beyond its cells: its events, their
    payload texts (``texts``: as ``json.dumps`` gives them, what the database stores), their
    chains, its deadline rows (None when they cannot be computed here: the error is then
    raised where the row is written)."""
    evs = _events_of(v)
    try:
        dls: list[DeadlineRow] | None = _deadline_rows(cal, profile, v, memo)
    except CalendarRangeError:
        dls = None
    return (
        evs,
        [json.dumps(e.data) for e in evs] if texts else None,
        linker.chains(None, "request", v["case"], 1, evs),
        dls,
    )


def _check_unlocked(evs: list[Event], locked: set[int]) -> None:
    """Events about to be written must not fall in a locked year (an unchanged row writes none)."""
    for ev in evs:
        if ev.date.year in locked:
            raise Refusal(f"{ev.date.year} 年度已锁定")


# the register cells an import compares with a stored case (答复期限 is derived)
_COMPARED = (
    "received",
    "channel",
    "applicant",
    "applicant_type",
    "id_number",
    "contact",
    "subject",
    "department",
    "replied",
    "outcome",
    "note",
)


def _masked_values(path: str, line: int, v: dict[str, Any], stored: dict[str, Any] | None) -> list[str]:
    """A masked cell (an export without --reveal) stands only for what the case already holds
    (its mask is the stored value's): a re-imported export compares equal. For a new case, or
    a stored value it does not mask, it is refused at its cell: a masked value is never stored."""
    out = []
    for code, raw in v.get("masked", {}).items():
        if stored is not None and personal.mask_value(code, stored.get(code) or "") == raw:
            continue
        why = f"{personal.masked_problem(code)}（或用 govinfo export requests --reveal 重新导出）"
        out.append(_cell_error(path, line, LABEL[code], raw, why))
    return out


def _unchecked_id(v: dict[str, Any], stored: dict[str, Any] | None) -> list[str]:
    """A 证件号码 whose check digit is wrong: refused, unless it is the number the case already
    holds (recorded with a reason, ``--force-id``): a register exported and imported back."""
    if "id_problem" not in v or (stored is not None and stored.get("id_number") == v["id_number"]):
        return []
    return [v["id_problem"]]


def _differences(stored: dict[str, Any], v: dict[str, Any]) -> list[str]:
    """The register columns where row ``v`` differs from the stored case's register row.
    A masked cell (the stored value's mask: ``_masked_values``) says nothing; 备注 counts only on
    a closed row."""
    masked = v.get("masked", ())
    return [
        LABEL[code]
        for code in _COMPARED
        if code not in masked
        and not (code == "note" and not v.get("replied"))
        and (stored.get(code) or None) != (v.get(code) or None)
    ]


def _stored_row(conn: sa.Connection, case_id: int, amended: set[int]) -> dict[str, Any]:
    """The case's register row as it stands, amendments applied (docs/rules.md §12; ``amended``:
    the ids of the cases whose log holds one)."""
    r = stored_register_row(conn, case_id)
    if r is None:
        return {}
    if case_id in amended:
        r = as_amended(r, load_events(conn, case_id))
    return register_row(r, reveal=True)


# register column -> field of the received event / of the reply event it amends
_RECEIVED_FIELDS = {
    "received": "date",
    "channel": "channel",
    "applicant": "applicant",
    "applicant_type": "applicant_type",
    "id_number": "id_number",
    "contact": "contact",
    "subject": "subject",
    "department": "department",
}
_REPLY_FIELDS = {"replied": "date", "outcome": "outcome", "note": "reason"}


def _update_events(
    ctx: Context,
    have: list[Event],
    stored: dict[str, Any],
    v: dict[str, Any],
    reason: str,
    locked: set[int],
    unlock_reason: str | None,
) -> list[Event]:
    """``--update``: the events that make the stored case say what the register row says,
    without rewriting its log (docs/rules.md §12): a reply the case lacks is appended; every
    other changed cell becomes an ``amended`` event of the received or the reply event,
    dated today, with ``reason`` (the register file and line). A locked year needs the
    unlock reason; a reply cannot be taken back by a register row."""
    masked = v.get("masked", ())

    def changed(columns: dict[str, str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for code, name in columns.items():
            if code in masked or (stored.get(code) or None) == (v.get(code) or None):
                continue
            value = v.get(code)
            out[name] = value.isoformat() if isinstance(value, dt.date) else (value or None)
        return out

    added: list[Event] = []
    log = amended_log(have)
    if v.get("replied") and not stored.get("replied"):
        added += _events_of(v)[1:]
        _check_unlocked(added, locked)
    elif stored.get("replied") and not v.get("replied"):
        raise Refusal("已记录答复，登记簿中此行却未答复：不能以登记簿撤销答复（如系误登记，请用 govinfo void）")
    elif v.get("replied"):
        fields = changed(_REPLY_FIELDS)
        reply = next(e for e in reversed(log) if e.type in ("replied", "withdrawn"))
        if fields:
            added.append(_amendment(ctx, have, reply.seq, fields, reason, locked, unlock_reason))
    fields = changed(_RECEIVED_FIELDS)
    if fields:
        received = next(e for e in log if e.type == "received")
        added.append(_amendment(ctx, have, received.seq, fields, reason, locked, unlock_reason))
    return added


def _amendment(
    ctx: Context,
    have: list[Event],
    seq: int,
    fields: dict[str, Any],
    reason: str,
    locked: set[int],
    unlock_reason: str | None,
) -> Event:
    payload: dict[str, Any] = {"amends": seq, "fields": fields, "reason": reason}
    normalize_log_event("request", have, payload, ctx.today)
    check_log_lock(have, payload, locked, unlock_reason)
    return Event("amended", ctx.today, payload)


def read_register(path: Path | str, encoding: str | None = None) -> Iterator[tuple[int, dict[str, str] | str]]:
    """(line number, {column code: cell}) for every non-empty row, header checked first; a
    row that cannot be read as the header's columns comes as (line number, the problem)."""
    from govinfo_cli.formats.textfile import open_text_stream

    with open_text_stream(path, encoding) as fh:
        records = csv_records(fh, path)
        try:
            yield from _register_rows(path, records)
        except UnicodeDecodeError as exc:
            raise ValidationError(f"{path}: 按 {encoding} 解码失败（{exc.reason}），请检查 --encoding") from None


def _register_rows(path: Path | str, records: Iterator[tuple[int, list[str]]]) -> Iterator[tuple[int, Any]]:
    first = next(records, None)
    if first is None:
        raise ValidationError(f"{path}: 文件为空")
    header = check_header(path, first[1])
    codes_: list[str] = []
    for i, h in enumerate(header, start=1):
        code = LABEL_TO_CODE.get(h)
        if code is None:
            raise ValidationError(f"{path}:1: 列 {i}: 未知列名 {fields.shown(h)}")
        if code in codes_:
            raise ValidationError(f"{path}:1: 列 {i}: 列名 {h!r} 与第 {codes_.index(code) + 1} 列重复")
        codes_.append(code)
    missing = [dict(REQUEST_COLUMNS)[c] for c in REQUIRED if c not in codes_]
    if missing:
        raise ValidationError(f"{path}:1: 缺少列 {'、'.join(missing)}")
    width = len(codes_)
    for line, rec in records:  # a cell may span lines: a row is named by the line it starts on
        if len(rec) != width:
            problem = ragged(path, line, rec, width)
            if problem:
                yield line, problem
            continue
        cells = [c.strip(fields.BLANKS) for c in rec]
        if "\0'" in "\0" + "\0".join(cells):  # a quote that neutralised a formula (rare)
            cells = list(map(unsafe_cell, cells))
        elif not any(cells):
            continue
        yield line, dict(zip(codes_, cells, strict=True))


# (line, problem of the row's shape or None, checked cells or None, the row's problems,
#  what ``prepare`` made of the checked cells, the 收到日期 cell as written)
CheckedRow = tuple[int, str | None, dict[str, Any] | None, list[str], Any, str]


def checked_rows(
    read: Callable[[Path | str, str | None], Iterator[tuple[int, dict[str, str] | str]]],
    path: Path | str,
    encoding: str | None,
    check: Callable[[str, int, dict[str, str], list[str]], dict[str, Any] | None],
    prepare: Callable[[dict[str, Any]], Any],
) -> Iterator[CheckedRow]:
    """Every row of the register as ``read`` gives it, checked by ``check`` (cells → values,
    or None and its problems), and for a good row what ``prepare`` makes of its values
    (payload texts, hash chains, deadline rows)."""
    name = str(path)
    for line, raw in read(path, encoding):
        if isinstance(raw, str):
            yield line, raw, None, [], None, ""
            continue
        problems: list[str] = []
        v = check(name, line, raw, problems)
        yield line, None, v, problems, None if v is None else prepare(v), raw.get("received", "")


def _expected_rows(path: Path | str) -> int:
    """A rough row count from the file size (a register row is rarely under 100 bytes)."""
    try:
        return Path(path).stat().st_size // 100
    except OSError:
        return 0


def import_requests(
    ctx: Context,
    path: Path | str,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    **options: Any,
) -> RegisterSummary:
    """A CSV register, or an Excel workbook's sheet (the first, or ``sheet``): the same
    rows through the same checks (``_import_rows``); a workbook's problems are placed as
    ``FILE:SHEET!CELL``."""
    from govinfo_cli.formats.sheets import is_workbook, open_sheet

    if not is_workbook(path):
        if sheet is not None:
            raise UsageError("--sheet 只用于 Excel 工作簿（.xlsx）")
        return _import_rows(ctx, path, read_register, encoding, **options)
    if encoding is not None:
        raise UsageError("--encoding 只用于 CSV；Excel 工作簿不需要指定编码")
    with open_sheet(path, sheet, key=LABEL["case"], same=LABEL_TO_CODE.get) as (_, records):
        rows = _register_rows(path, records)
        return _import_rows(ctx, path, lambda _path, _encoding: rows, None, **options)


def _import_rows(
    ctx: Context,
    path: Path | str,
    read: Callable[[Path | str, str | None], Iterator[tuple[int, dict[str, str] | str]]],
    encoding: str | None,
    *,
    dry_run: bool = False,
    update: bool = False,
    unlock_reason: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> RegisterSummary:
    """Validate every row (all problems, capped) while writing in one transaction; any
    problem, or --dry-run, rolls the whole transaction back: all or nothing."""
    summary = RegisterSummary(dry_run=dry_run)
    problems: list[str] = []
    seen: dict[str, int] = {}
    with db.transaction(ctx.engine) as conn:
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
        existing = request_ids(conn)
        amended = set(conn.execute(amended_ids("request")).scalars())
        locked = locked_years(conn)
        expected = _expected_rows(path)
        writer = RegisterWriter(
            conn,
            now=ctx.now(),
            operator=ctx.operator,
            defer_indexes=expected >= 20_000 and expected > 2 * len(existing),
        )
        memo: RegisterMemo = {}
        prepare = functools.partial(
            _prepared,
            cal=cal,
            profile=profile,
            memo=memo,
            linker=writer.linker,
            texts=stores_json_as_dumps(conn.dialect),
        )
        rows = checked_rows(
            read,
            path,
            encoding,
            functools.partial(_parse_row, today=ctx.today),
            (lambda v: None) if dry_run else prepare,
        )
        for line, shape, v, row_problems, ready, received_text in rows:
            summary.rows += 1
            if progress and summary.rows % 1000 == 0:
                progress(summary.rows)
            if shape is not None:  # a row that cannot be read as the header's columns
                problems.append(shape)
                if len(problems) >= 50:
                    break
                continue
            if v is None:
                problems.extend(row_problems)
                if len(problems) >= 50:
                    break
                continue
            number = v["case"]
            if number in seen:
                problems.append(f'{path}:{line}: 列 编号: "{number}" 与第 {seen[number]} 行重复')
                continue
            seen[number] = line
            try:
                evs = ready[0] if ready else _events_of(v)
                case_id = existing.get(number)
                if case_id is None:
                    masked = _masked_values(str(path), line, v, None) + _unchecked_id(v, None)
                    if masked:
                        problems.extend(masked)
                        continue
                    _check_unlocked(evs, locked)
                    _, texts, chains, dls = ready or (None, None, None, None)
                    if dls is None:  # (a date outside the calendar: raised here, placed at its row)
                        dls = _deadline_rows(cal, profile, v, memo)
                    summary.imported += 1
                    summary.per_year[v["received"].year] += 1
                    if v.get("replied") and not v.get("note") and v["outcome"] not in codes.OUTCOMES_WITHOUT_REASON:
                        summary.closed_without_reason += 1
                    if not problems and not dry_run:
                        writer.add("request", number, _cached(v), evs, dls, texts, chains)
                    continue
                stored = _stored_row(conn, case_id, amended)
                masked = _masked_values(str(path), line, v, stored) + _unchecked_id(v, stored)
                if masked:
                    problems.extend(masked)
                    continue
                diff = _differences(stored, v)
                if not diff:
                    summary.unchanged += 1
                    continue
                if not update:
                    problems.append(
                        f'{path}:{line}: 列 编号: "{number}" 与已有案件不同（{"、".join(diff)}）；'
                        "加 --update 以追加更正记录（原记录保留，审计可见）"
                    )
                    continue
                have = load_events(conn, case_id)
                why = f"依登记簿 {Path(path).name} 第 {line} 行更正"
                added = _update_events(ctx, have, stored, v, why, locked, unlock_reason)
                full = [*have, *added]
                st = replay("request", full, cal, profile)
                summary.updated += 1
                if not problems and not dry_run:
                    for n, ev in enumerate(added, start=len(have) + 1):
                        append_event(conn, ctx, case_id, n, ev.type, ev.date, dict(ev.data))
                    write_cache(conn, case_id, "request", number, st, len(full))
            except (ValidationError, Refusal) as exc:
                problems.append(f"{path}:{line}: {exc.message}")
            except CalendarRangeError as exc:
                problems.append(_cell_error(str(path), line, LABEL["received"], received_text, exc.message))
            if len(problems) >= 50:
                break
        if problems:
            raise ImportErrors(problems)
        writer.finish()
    return summary
