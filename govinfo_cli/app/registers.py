"""Registers (登记簿): export as CSV / JSON / xlsx, and batch import of the request
register, all-or-nothing, through the same rules engine as every other write."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import operator
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.cases import cases_t, deadlines_t, events_t
from govinfo_cli.core import codes, personal
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import CalendarRangeError, ImportErrors, Refusal, ValidationError
from govinfo_cli.core.events import Event
from govinfo_cli.core.rules import FastDeadline, fast_register_deadlines, replay
from govinfo_cli.core.text import safe_cell, unsafe_cell
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

# CONTRACT.md: the request register's columns, in this order.
REQUEST_COLUMNS: list[tuple[str, str]] = [
    ("case", "编号"),
    ("received", "收到日期"),
    ("channel", "渠道"),
    ("applicant", "申请人"),
    ("applicant_type", "申请人类型"),
    ("id_number", "证件号码"),
    ("contact", "联系方式"),
    ("subject", "申请内容"),
    ("department", "承办处室"),
    ("reply_due", "答复期限"),
    ("replied", "答复日期"),
    ("outcome", "办理结果"),
    ("note", "备注"),
]
LABEL_TO_CODE = {label: code for code, label in REQUEST_COLUMNS} | {c: c for c, _ in REQUEST_COLUMNS}
_LABEL = dict(REQUEST_COLUMNS)
REQUIRED = ("case", "received", "channel", "applicant", "applicant_type", "subject")
PERSONAL = ("id_number", "contact")
# register value tables: codes out as Chinese labels, back in as either
VALUE_TABLES = {"channel": codes.CHANNELS, "applicant_type": codes.APPLICANT_TYPES, "outcome": codes.OUTCOMES}
_VALUE_MAPS = {
    col: {
        **{label.split("-")[-1]: code for code, label in table.items()},
        **{label: code for code, label in table.items()},
        **{code: code for code in table},
    }
    for col, table in VALUE_TABLES.items()
}


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    department: str | None = None

    def apply(self, stmt: sa.Select, column: sa.ColumnElement) -> sa.Select:
        if self.year:
            stmt = stmt.where(column >= dt.date(self.year, 1, 1), column <= dt.date(self.year, 12, 31))
        if self.date_from:
            stmt = stmt.where(column >= self.date_from)
        if self.date_to:
            stmt = stmt.where(column <= self.date_to)
        if self.department:
            stmt = stmt.where(cases_t.c.department == self.department)
        return stmt


# --------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


def _register_select(one: bool = False) -> sa.Select:
    """The request register's query: the case, its received and reply events, its reply due
    (of every request, or with ``one`` of the case given as the parameter ``case_id``)."""
    c, e, d = cases_t, events_t, deadlines_t
    case_id = sa.bindparam("case_id")
    one_e = (e.c.case_id == case_id,) if one else ()
    one_d = (d.c.case_id == case_id,) if one else ()
    recv = sa.select(e.c.case_id, e.c.payload).where(e.c.type == "received", *one_e).subquery("recv")
    reply_ev = (
        sa.select(e.c.case_id, e.c.payload).where(e.c.type.in_(["replied", "withdrawn"]), *one_e).subquery("reply_ev")
    )
    due = sa.select(d.c.case_id, d.c.due).where(d.c.code == "reply", *one_d).subquery("due")
    stmt = (
        sa.select(
            c.c.number,
            c.c.opened,
            c.c.department,
            c.c.closed,
            c.c.outcome,
            recv.c.payload.label("received"),
            reply_ev.c.payload.label("reply"),
            due.c.due,
        )
        .select_from(
            c.join(recv, recv.c.case_id == c.c.id)
            .outerjoin(reply_ev, reply_ev.c.case_id == c.c.id)
            .outerjoin(due, due.c.case_id == c.c.id)
        )
        .where(c.c.kind == "request")
    )
    return stmt.where(c.c.id == case_id) if one else stmt


def _register_row(r: Any, *, reveal: bool) -> dict[str, Any]:
    """One register row (column code -> value) from a row of ``_register_select``."""
    p = r.received if isinstance(r.received, dict) else json.loads(r.received)
    reply = r.reply if isinstance(r.reply, dict) or r.reply is None else json.loads(r.reply)
    id_number, contact = p.get("id_number", ""), p.get("contact", "")
    if not reveal:
        id_number, contact = personal.mask_id(id_number), personal.mask_phone(contact)
    return {
        "case": r.number,
        "received": r.opened,
        "channel": p.get("channel"),
        "applicant": p.get("applicant"),
        "applicant_type": p.get("applicant_type"),
        "id_number": id_number,
        "contact": contact,
        "subject": p.get("subject"),
        "department": r.department or "",
        "reply_due": r.due,
        "replied": r.closed,
        "outcome": r.outcome,
        "note": (reply or {}).get("reason", "") if r.closed else "",
    }


def request_rows(ctx: Context, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """The request register, one dict per case, streamed (flat memory)."""
    stmt = filters.apply(_register_select().order_by(cases_t.c.opened, cases_t.c.id), cases_t.c.opened)
    with ctx.engine.connect() as conn:
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            yield _register_row(r, reveal=reveal)


def other_rows(ctx: Context, kind: str, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """Complaints, appeals and disclosures: one row per case from the cache (the complaint
    reporter only when revealed)."""
    c, d = cases_t, deadlines_t
    stmt = filters.apply(sa.select(c).where(c.c.kind == kind).order_by(c.c.opened, c.c.id), c.c.opened)
    with ctx.engine.connect() as conn:
        nxt: dict[int, tuple[str, dt.date]] = {}
        for r in conn.execute(
            sa.select(d.c.case_id, d.c.code, d.c.due)
            .where(d.c.state == "pending", d.c.due.is_not(None))
            .order_by(d.c.due)
        ):
            nxt.setdefault(r.case_id, (r.code, r.due))
        reporters: dict[int, str] = {}
        if reveal and kind == "complaint":
            for r in conn.execute(
                sa.select(events_t.c.case_id, events_t.c.payload).where(events_t.c.type == "complaint_accepted")
            ):
                reporters[r.case_id] = (r.payload or {}).get("reporter", "")
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            code, due = nxt.get(r.id, ("", None))
            row = {
                "case": r.number,
                "opened": r.opened,
                "party": r.party,
                "type": r.party_type,
                "subject": r.subject,
                "department": r.department,
                "status": r.status,
                "outcome": r.outcome,
                "closed": r.closed,
                "next_deadline": code,
                "next_due": due,
            }
            if reveal and kind == "complaint":
                row["reporter"] = reporters.get(r.id, "")
            yield row


OTHER_COLUMNS = {
    "complaint": [
        ("case", "编号"),
        ("opened", "受理日期"),
        ("party", "被投诉举报对象"),
        ("subject", "事项摘要"),
        ("department", "承办处室"),
        ("status", "状态"),
        ("outcome", "结果"),
        ("closed", "办结日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
    "appeal": [
        ("case", "编号"),
        ("opened", "收到副本日期"),
        ("type", "类别"),
        ("party", "方式"),
        ("subject", "涉及申请"),
        ("department", "承办处室"),
        ("status", "状态"),
        ("outcome", "结果"),
        ("closed", "结案日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
    "disclosure": [
        ("case", "编号"),
        ("opened", "形成日期"),
        ("party", "标题"),
        ("subject", "类别"),
        ("type", "公开属性/决定类型"),
        ("department", "责任处室"),
        ("status", "状态"),
        ("closed", "公开日期"),
        ("next_deadline", "下一期限"),
        ("next_due", "到期日"),
    ],
}


def event_lines(ctx: Context, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """Every event as a CONTRACT.md line (export events → import events round-trips)."""
    from govinfo_cli.app.cases import mask_payload

    c, e = cases_t, events_t
    stmt = filters.apply(
        sa.select(c.c.number, c.c.kind, e.c.type, e.c.date, e.c.payload)
        .select_from(e.join(c, c.c.id == e.c.case_id))
        .order_by(e.c.date, e.c.id),
        e.c.date,
    )
    with ctx.engine.connect() as conn:
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            payload = r.payload if isinstance(r.payload, dict) else json.loads(r.payload)
            yield {
                "case": r.number,
                "kind": r.kind,
                "type": r.type,
                "date": r.date.isoformat(),
                **mask_payload(payload, reveal),
            }


def display_value(code: str, value: Any) -> Any:
    """Codes go out as their Chinese labels (which parse back on import)."""
    if code in VALUE_TABLES and isinstance(value, str):
        return VALUE_TABLES[code].get(value, value)
    return value


def xlsx_bytes(header: Sequence[str], rows: Iterator[Sequence[Any]], widths: Sequence[int]) -> bytes:
    import io

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("登记簿")
    for i, w in enumerate(widths):
        ws.column_dimensions[chr(ord("A") + i)].width = w
    bold = Font(bold=True)
    head = []
    for h in header:
        cell = WriteOnlyCell(ws, value=h)
        cell.font = bold
        head.append(cell)
    ws.append(head)
    for row in rows:
        cells = []
        for v in row:
            cell = WriteOnlyCell(ws, value=_xlsx_value(v))
            if isinstance(v, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _xlsx_value(v: Any) -> Any:
    if v is None or isinstance(v, dt.date | int | float):
        return v
    return safe_cell(v)


# --------------------------------------------------------------------------
# Import of the request register
# --------------------------------------------------------------------------


@dataclass
class RegisterSummary:
    rows: int = 0
    imported: int = 0
    unchanged: int = 0
    updated: int = 0
    closed_without_reason: int = 0
    masked_cells_dropped: int = 0
    per_year: Counter = field(default_factory=Counter)
    dry_run: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "updated": self.updated,
            "closed_without_reason": self.closed_without_reason,
            "masked_cells_dropped": self.masked_cells_dropped,
            "per_year": dict(sorted(self.per_year.items())),
            "dry_run": self.dry_run,
        }


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    events: list[Event]


def _cell_error(path: str, line: int, label: str, raw: str, why: str) -> str:
    return f'{path}:{line}: column {label}: "{raw}" {why}'


def _parse_row(path: str, line: int, raw: dict[str, str], today: dt.date, problems: list[str]) -> dict[str, Any] | None:
    label = _LABEL
    out: dict[str, Any] = {}
    start = len(problems)
    for code in REQUIRED:
        if not raw.get(code):
            problems.append(f"{path}:{line}: column {label[code]}: 不能为空")
    for code in ("received", "replied"):
        text = raw.get(code, "")
        if text:
            try:
                out[code] = parse_date(text)
            except ValueError:
                problems.append(_cell_error(path, line, label[code], text, "is not a date"))
                continue
            if out[code] > today:
                problems.append(_cell_error(path, line, label[code], text, f"晚于今天 {today}"))
    for code, table in VALUE_TABLES.items():
        text = raw.get(code, "")
        if text:
            value = _VALUE_MAPS[code].get(text) or codes.parse(table, text)
            if value is None:
                problems.append(
                    _cell_error(path, line, label[code], text, f"不是有效取值（{codes.choices(table)[:60]}…）")
                )
            out[code] = value
    for code in ("case", "applicant", "subject", "department", "id_number", "contact", "note"):
        out[code] = raw.get(code, "")
    for code in PERSONAL:  # a masked export cell carries nothing to import (nor to compare)
        if personal.is_masked(code, out[code]):
            out[code] = ""
            out.setdefault("masked", set()).add(code)
    if out["id_number"]:
        out["id_number"] = out["id_number"].upper()
        problem = personal.id_problem(out["id_number"])
        if problem:
            problems.append(_cell_error(path, line, label["id_number"], raw["id_number"], problem))
    if bool(raw.get("replied")) != bool(raw.get("outcome")):
        problems.append(f"{path}:{line}: column 答复日期/办理结果: 须同时填写或同时为空")
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
        reply["historic"] = True
        evs.append(Event("replied", v["replied"], reply))
    return evs


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


def _differences(stored: dict[str, Any], v: dict[str, Any]) -> list[str]:
    """The register columns where row ``v`` differs from the stored case's register row.
    A masked cell (an export without --reveal) says nothing; 备注 counts only on a closed row."""
    masked = v.get("masked", ())
    return [
        _LABEL[code]
        for code in _COMPARED
        if code not in masked
        and not (code == "note" and not v.get("replied"))
        and (stored.get(code) or None) != (v.get(code) or None)
    ]


@functools.cache
def _one_register_row() -> sa.Select:
    return _register_select(one=True)  # built once: building it costs more than running it


def _stored_row(conn: sa.Connection, case_id: int) -> dict[str, Any]:
    r = conn.execute(_one_register_row(), {"case_id": case_id}).first()
    return _register_row(r, reveal=True) if r is not None else {}


def read_register(path: Path | str, encoding: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, {column code: cell}) for every non-empty row; header checked first."""
    from govinfo_cli.app.textfile import open_text_stream

    with open_text_stream(path, encoding) as fh:
        reader = csv.reader(fh)
        try:
            yield from _register_rows(path, reader)
        except UnicodeDecodeError as exc:
            raise ValidationError(
                f"{path}: 第 {reader.line_num + 1} 行附近按 {encoding} 解码失败（{exc.reason}），请检查 --encoding"
            ) from None


def _register_rows(path: Path | str, reader: Any) -> Iterator[tuple[int, dict[str, str]]]:
    header = next(reader, None)
    if header is None:
        raise ValidationError(f"{path}: 文件为空")
    codes_ = []
    for i, h in enumerate(header, start=1):
        code = LABEL_TO_CODE.get(h.strip().lstrip("\ufeff"))
        if code is None and h.strip():
            raise ValidationError(f"{path}:1: column {i}: 未知列名 {h.strip()!r}")
        if code is not None and code in codes_:
            raise ValidationError(f"{path}:1: column {i}: 列名 {h.strip()!r} 与第 {codes_.index(code) + 1} 列重复")
        codes_.append(code)
    missing = [dict(REQUEST_COLUMNS)[c] for c in REQUIRED if c not in codes_]
    if missing:
        raise ValidationError(f"{path}:1: 缺少列 {'、'.join(missing)}")
    pairs = [(i, c) for i, c in enumerate(codes_) if c]
    names = [c for _, c in pairs]
    width = max(i for i, _ in pairs) + 1
    pick = operator.itemgetter(*(i for i, _ in pairs))
    start = reader.line_num + 1
    for rec in reader:  # a cell may span lines: a row is named by the line it starts on
        line, start = start, reader.line_num + 1
        if len(rec) < width:
            if not any(rec):
                continue
            rec += [""] * (width - len(rec))
        cells = list(map(str.strip, pick(rec)))
        if "\0'" in "\0" + "\0".join(cells):  # a quote that neutralised a formula (rare)
            cells = list(map(unsafe_cell, cells))
        elif not any(cells):
            continue
        yield line, dict(zip(names, cells, strict=True))


CASE_COLUMNS = (
    "id",
    "kind",
    "number",
    "status",
    "outcome",
    "department",
    "party",
    "party_type",
    "subject",
    "opened",
    "closed",
    "event_count",
    "created_at",
)
EVENT_COLUMNS = ("case_id", "seq", "type", "date", "payload", "operator", "recorded_at")
DEADLINE_COLUMNS = ("case_id", "code", "due", "due_at", "state", "provisional", "quiet", "basis")


class _Writer:
    """Buffers new cases and writes them in batches: flat memory whatever the file size.
    A load expected to be larger than the register already held builds the tables'
    secondary indexes once at the end instead of row by row (same transaction)."""

    def __init__(self, conn: sa.Connection, ctx: Context, *, defer_indexes: bool, batch: int = 5000) -> None:
        self.conn, self.batch, self.defer = conn, batch, defer_indexes
        self.now, self.who = ctx.now(), ctx.operator
        self.pending: list[tuple[dict[str, Any], list[Event], list[FastDeadline]]] = []
        self.indexes: list[str] | None = None

    def add(self, v: dict[str, Any], events: list[Event], deadlines: list[FastDeadline]) -> None:
        self.pending.append((v, events, deadlines))
        if len(self.pending) >= self.batch:
            self.flush()

    def flush(self) -> None:
        from govinfo_cli.store.bulk import defer_indexes, insert_columns, reserve_ids

        if not self.pending:
            return
        if self.indexes is None:
            self.indexes = defer_indexes(self.conn, [cases_t, events_t, deadlines_t]) if self.defer else []
        n = len(self.pending)
        ids = reserve_ids(self.conn, cases_t, n)
        vs = [v for v, _, _ in self.pending]
        closed = [v.get("replied") for v in vs]
        counts = [len(evs) for _, evs, _ in self.pending]
        insert_columns(
            self.conn,
            cases_t,
            CASE_COLUMNS,
            [
                ids,
                ["request"] * n,
                [v["case"] for v in vs],
                ["closed" if c else "open" for c in closed],
                [v.get("outcome") if c else None for v, c in zip(vs, closed, strict=True)],
                [v["department"] or None for v in vs],
                [v["applicant"] for v in vs],
                [v["applicant_type"] for v in vs],
                [v["subject"] for v in vs],
                [v["received"] for v in vs],
                closed,
                counts,
                [self.now] * n,
            ],
        )
        evs = [
            (case_id, seq, ev)
            for case_id, (_, case_evs, _) in zip(ids, self.pending, strict=True)
            for seq, ev in enumerate(case_evs, start=1)
        ]
        m = len(evs)
        insert_columns(
            self.conn,
            events_t,
            EVENT_COLUMNS,
            [
                [e[0] for e in evs],
                [e[1] for e in evs],
                [e[2].type for e in evs],
                [e[2].date for e in evs],
                [e[2].data for e in evs],
                [self.who] * m,
                [self.now] * m,
            ],
        )
        dls = [(case_id, *d) for case_id, (_, _, case_dls) in zip(ids, self.pending, strict=True) for d in case_dls]
        cols = list(zip(*dls, strict=True))  # case_id, code, due, state, provisional, quiet, basis
        insert_columns(self.conn, deadlines_t, DEADLINE_COLUMNS, [*cols[:3], [None] * len(dls), *cols[3:]])
        self.pending.clear()

    def finish(self) -> None:
        from govinfo_cli.store.bulk import restore_indexes

        self.flush()
        restore_indexes(self.conn, self.indexes or [])


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
    dry_run: bool = False,
    update: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RegisterSummary:
    """Validate every row (all problems, capped) while writing in one transaction; any
    problem, or --dry-run, rolls the whole transaction back: all or nothing."""
    from govinfo_cli.app.cases import append_event, load_events, write_cache

    summary = RegisterSummary(dry_run=dry_run)
    problems: list[str] = []
    seen: dict[str, int] = {}
    with db.transaction(ctx.engine) as conn:
        cal = ctx.calendar(conn)
        profile = ctx.profile(conn)
        existing = dict(
            conn.execute(sa.select(cases_t.c.number, cases_t.c.id).where(cases_t.c.kind == "request")).all()
        )
        locked = {y for (y,) in conn.execute(sa.text("SELECT year FROM year_locks"))}
        expected = _expected_rows(path)
        writer = _Writer(conn, ctx, defer_indexes=expected >= 20_000 and expected > 2 * len(existing))
        memo: dict[dt.date, tuple[dt.date, dt.date, bool, bool]] = {}
        for line, raw in read_register(path, encoding):
            summary.rows += 1
            if progress and summary.rows % 1000 == 0:
                progress(summary.rows)
            v = _parse_row(str(path), line, raw, ctx.today, problems)
            if v is None:
                if len(problems) >= 50:
                    break
                continue
            number = v["case"]
            if number in seen:
                problems.append(f'{path}:{line}: column 编号: "{number}" 与第 {seen[number]} 行重复')
                continue
            seen[number] = line
            try:
                evs = _events_of(v)
                case_id = existing.get(number)
                if case_id is None:
                    _check_unlocked(evs, locked)
                    dls = fast_register_deadlines(cal, v["received"], v.get("replied"), memo)
                    summary.imported += 1
                    summary.per_year[v["received"].year] += 1
                    summary.masked_cells_dropped += bool(v.get("masked"))
                    if v.get("replied") and not v.get("note") and v["outcome"] not in codes.OUTCOMES_WITHOUT_REASON:
                        summary.closed_without_reason += 1
                    if not problems and not dry_run:
                        writer.add(v, evs, dls)
                    continue
                stored = _stored_row(conn, case_id)
                diff = _differences(stored, v)
                if not diff:
                    summary.unchanged += 1
                    continue
                # an open case that the register shows replied: the reply can be appended
                reply_only = set(diff) <= {_LABEL["replied"], _LABEL["outcome"], _LABEL["note"]}
                appendable = evs[1:] if reply_only and not stored["replied"] and v.get("replied") else None
                if appendable is None or not update:
                    why = f"与已有案件不同（{'、'.join(diff)}）" + (
                        "；加 --update 以追加答复事件"
                        if appendable is not None
                        else "，且无法以追加事件更正（不改写历史）"
                    )
                    problems.append(f'{path}:{line}: column 编号: "{number}" {why}')
                    continue
                _check_unlocked(appendable, locked)
                have = load_events(conn, case_id)
                full = [*have, *appendable]
                st = replay("request", full, cal, profile)
                summary.updated += 1
                if not problems and not dry_run:
                    for n, ev in enumerate(appendable, start=len(have) + 1):
                        append_event(conn, ctx, case_id, n, ev.type, ev.date, dict(ev.data))
                    write_cache(conn, case_id, "request", st, len(full))
            except (ValidationError, Refusal) as exc:
                problems.append(f"{path}:{line}: {exc.message}")
            except CalendarRangeError as exc:
                problems.append(_cell_error(str(path), line, _LABEL["received"], raw["received"], exc.message))
            if len(problems) >= 50:
                break
        if problems:
            raise ImportErrors(problems)
        writer.finish()
    return summary
