"""Registers (登记簿): export as CSV / JSON / xlsx, and batch import of the request
register, all-or-nothing, through the same rules engine as every other write."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.cases import _case_columns, cases_t, deadline_rows, deadlines_t, events_t
from govinfo_cli.core import codes, personal
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import ImportErrors, Refusal, ValidationError
from govinfo_cli.core.events import Event, normalize
from govinfo_cli.core.rules import replay
from govinfo_cli.core.text import safe_cell, unsafe_cell
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

# CONTRACT.md: the request register's columns, in this order.
REQUEST_COLUMNS: list[tuple[str, str]] = [
    ("case", "编号"), ("received", "收到日期"), ("channel", "渠道"), ("applicant", "申请人"),
    ("applicant_type", "申请人类型"), ("id_number", "证件号码"), ("contact", "联系方式"),
    ("subject", "申请内容"), ("department", "承办处室"), ("reply_due", "答复期限"),
    ("replied", "答复日期"), ("outcome", "办理结果"), ("note", "备注"),
]
LABEL_TO_CODE = {label: code for code, label in REQUEST_COLUMNS} | {c: c for c, _ in REQUEST_COLUMNS}
REQUIRED = ("case", "received", "channel", "applicant", "applicant_type", "subject")
PERSONAL = ("id_number", "contact")
# register value tables: codes out as Chinese labels, back in as either
VALUE_TABLES = {"channel": codes.CHANNELS, "applicant_type": codes.APPLICANT_TYPES,
                "outcome": codes.OUTCOMES}


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


def request_rows(ctx: Context, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """The request register, one dict per case, streamed (flat memory)."""
    c, e, d = cases_t, events_t, deadlines_t
    recv = sa.select(e.c.case_id, e.c.payload).where(e.c.type == "received").subquery("recv")
    reply_ev = sa.select(e.c.case_id, e.c.payload).where(
        e.c.type.in_(["replied", "withdrawn"])).subquery("reply_ev")
    due = sa.select(d.c.case_id, d.c.due).where(d.c.code == "reply").subquery("due")
    stmt = (
        sa.select(c.c.number, c.c.opened, c.c.department, c.c.closed, c.c.outcome,
                  recv.c.payload.label("received"), reply_ev.c.payload.label("reply"),
                  due.c.due)
        .select_from(c.join(recv, recv.c.case_id == c.c.id)
                     .outerjoin(reply_ev, reply_ev.c.case_id == c.c.id)
                     .outerjoin(due, due.c.case_id == c.c.id))
        .where(c.c.kind == "request")
        .order_by(c.c.opened, c.c.id)
    )
    stmt = filters.apply(stmt, c.c.opened)
    with ctx.engine.connect() as conn:
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            p = r.received if isinstance(r.received, dict) else json.loads(r.received)
            reply = r.reply if isinstance(r.reply, dict) or r.reply is None else json.loads(r.reply)
            id_number, contact = p.get("id_number", ""), p.get("contact", "")
            if not reveal:
                id_number, contact = personal.mask_id(id_number), personal.mask_phone(contact)
            yield {
                "case": r.number, "received": r.opened, "channel": p.get("channel"),
                "applicant": p.get("applicant"), "applicant_type": p.get("applicant_type"),
                "id_number": id_number, "contact": contact, "subject": p.get("subject"),
                "department": r.department or "", "reply_due": r.due, "replied": r.closed,
                "outcome": r.outcome, "note": (reply or {}).get("reason", "") if r.closed else "",
            }


def other_rows(ctx: Context, kind: str, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """Complaints, appeals and disclosures: one row per case from the cache (the complaint
    reporter only when revealed)."""
    c, d = cases_t, deadlines_t
    stmt = filters.apply(sa.select(c).where(c.c.kind == kind).order_by(c.c.opened, c.c.id), c.c.opened)
    with ctx.engine.connect() as conn:
        nxt: dict[int, tuple[str, dt.date]] = {}
        for r in conn.execute(sa.select(d.c.case_id, d.c.code, d.c.due).where(
                d.c.state == "pending", d.c.due.is_not(None)).order_by(d.c.due)):
            nxt.setdefault(r.case_id, (r.code, r.due))
        reporters: dict[int, str] = {}
        if reveal and kind == "complaint":
            for r in conn.execute(sa.select(events_t.c.case_id, events_t.c.payload)
                                  .where(events_t.c.type == "complaint_accepted")):
                reporters[r.case_id] = (r.payload or {}).get("reporter", "")
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            code, due = nxt.get(r.id, ("", None))
            row = {"case": r.number, "opened": r.opened, "party": r.party, "type": r.party_type,
                   "subject": r.subject, "department": r.department, "status": r.status,
                   "outcome": r.outcome, "closed": r.closed, "next_deadline": code, "next_due": due}
            if reveal and kind == "complaint":
                row["reporter"] = reporters.get(r.id, "")
            yield row


OTHER_COLUMNS = {
    "complaint": [("case", "编号"), ("opened", "受理日期"), ("party", "被投诉举报对象"),
                  ("subject", "事项摘要"), ("department", "承办处室"), ("status", "状态"),
                  ("outcome", "结果"), ("closed", "办结日期"), ("next_deadline", "下一期限"),
                  ("next_due", "到期日")],
    "appeal": [("case", "编号"), ("opened", "收到副本日期"), ("type", "类别"), ("party", "方式"),
               ("subject", "涉及申请"), ("department", "承办处室"), ("status", "状态"),
               ("outcome", "结果"), ("closed", "结案日期"), ("next_deadline", "下一期限"),
               ("next_due", "到期日")],
    "disclosure": [("case", "编号"), ("opened", "形成日期"), ("party", "标题"), ("subject", "类别"),
                   ("type", "公开属性/决定类型"), ("department", "责任处室"), ("status", "状态"),
                   ("closed", "公开日期"), ("next_deadline", "下一期限"), ("next_due", "到期日")],
}


def event_lines(ctx: Context, filters: Filters, *, reveal: bool) -> Iterator[dict[str, Any]]:
    """Every event as a CONTRACT.md line (export events → import events round-trips)."""
    from govinfo_cli.app.cases import mask_payload

    c, e = cases_t, events_t
    stmt = filters.apply(
        sa.select(c.c.number, c.c.kind, e.c.type, e.c.date, e.c.payload)
        .select_from(e.join(c, c.c.id == e.c.case_id)).order_by(e.c.date, e.c.id),
        e.c.date,
    )
    with ctx.engine.connect() as conn:
        for r in conn.execution_options(yield_per=2000).execute(stmt):
            payload = r.payload if isinstance(r.payload, dict) else json.loads(r.payload)
            yield {"case": r.number, "kind": r.kind, "type": r.type, "date": r.date.isoformat(),
                   **mask_payload(payload, reveal)}


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
        return {"rows": self.rows, "imported": self.imported, "unchanged": self.unchanged,
                "updated": self.updated, "closed_without_reason": self.closed_without_reason,
                "masked_cells_dropped": self.masked_cells_dropped,
                "per_year": dict(sorted(self.per_year.items())), "dry_run": self.dry_run}


@dataclass
class _Row:
    line: int
    values: dict[str, Any]
    events: list[Event]


def _cell_error(path: str, line: int, label: str, raw: str, why: str) -> str:
    return f'{path}:{line}: column {label}: "{raw}" {why}'


def _parse_row(path: str, line: int, raw: dict[str, str], today: dt.date,
               problems: list[str]) -> dict[str, Any] | None:
    label = dict(REQUEST_COLUMNS)
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
            value = codes.parse(table, text)
            if value is None:
                problems.append(_cell_error(path, line, label[code], text,
                                            f"不是有效取值（{codes.choices(table)[:60]}…）"))
            out[code] = value
    for code in ("case", "applicant", "subject", "department", "id_number", "contact", "note"):
        out[code] = raw.get(code, "")
    for code in PERSONAL:  # a masked export cell carries nothing to import
        if "*" in out[code]:
            out[code] = ""
            out["masked"] = True
    if out["id_number"]:
        out["id_number"] = out["id_number"].upper()
        problem = personal.id_problem(out["id_number"])
        if problem:
            problems.append(_cell_error(path, line, label["id_number"], raw["id_number"], problem))
    if bool(out.get("replied")) != bool(out.get("outcome")):
        problems.append(f"{path}:{line}: column 答复日期/办理结果: 须同时填写或同时为空")
    if out.get("replied") and out.get("received") and out["replied"] < out["received"]:
        problems.append(_cell_error(path, line, label["replied"], raw["replied"], "早于收到日期"))
    return out if len(problems) == start else None


def _events_of(v: dict[str, Any]) -> list[Event]:
    received = {k: v[k] for k in ("channel", "applicant", "applicant_type", "subject")}
    for k in ("department", "id_number", "contact"):
        if v.get(k):
            received[k] = v[k]
    evs = [Event("received", v["received"], normalize("request", "received", received))]
    if v.get("replied"):
        reply: dict[str, Any] = {"outcome": v["outcome"], "historic": True}
        if v.get("note"):
            reply["reason"] = v["note"]
        evs.append(Event("replied", v["replied"], normalize("request", "replied", reply)))
    return evs


def _same(existing: list[Event], new: list[Event]) -> bool:
    def sig(evs: list[Event]) -> list[tuple[str, dt.date, dict[str, Any]]]:
        return [(e.type, e.date, {k: x for k, x in e.data.items() if k != "historic"}) for e in evs]

    return sig(existing) == sig(new)


def read_register(path: Path | str, encoding: str | None = None) -> tuple[list[int], list[dict[str, str]]]:
    from govinfo_cli.app.textfile import open_text

    with open_text(path, encoding) as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None:
            raise ValidationError(f"{path}: 文件为空")
        codes_ = []
        for i, h in enumerate(header, start=1):
            code = LABEL_TO_CODE.get(h.strip().lstrip("\ufeff"))
            if code is None and h.strip():
                raise ValidationError(f"{path}:1: column {i}: 未知列名 {h.strip()!r}")
            codes_.append(code)
        missing = [dict(REQUEST_COLUMNS)[c] for c in REQUIRED if c not in codes_]
        if missing:
            raise ValidationError(f"{path}:1: 缺少列 {'、'.join(missing)}")
        lines, rows = [], []
        for rec in reader:
            if not "".join(rec).strip():
                continue
            lines.append(reader.line_num)
            rows.append({c: unsafe_cell(rec[i].strip()) for i, c in enumerate(codes_)
                         if c and i < len(rec)})
    return lines, rows


def import_requests(
    ctx: Context, path: Path | str, *, encoding: str | None = None, dry_run: bool = False,
    update: bool = False, progress: Callable[[int], None] | None = None,
) -> RegisterSummary:
    """Validate the whole register, then write it in one transaction (bulk Core inserts)."""
    from govinfo_cli.app.cases import load_events

    lines, raw_rows = read_register(path, encoding)
    summary = RegisterSummary(rows=len(raw_rows), dry_run=dry_run)
    problems: list[str] = []
    parsed: list[_Row] = []
    seen: dict[str, int] = {}
    for line, raw in zip(lines, raw_rows, strict=True):
        v = _parse_row(str(path), line, raw, ctx.today, problems)
        if v is None:
            continue
        if v["case"] in seen:
            problems.append(f"{path}:{line}: column 编号: \"{v['case']}\" 与第 {seen[v['case']]} 行重复")
            continue
        seen[v["case"]] = line
        try:
            parsed.append(_Row(line, v, _events_of(v)))
        except (ValidationError, Refusal) as exc:
            problems.append(f"{path}:{line}: {exc.message}")
        if len(problems) >= 50:
            break
    if problems:
        raise ImportErrors(problems)

    with db.transaction(ctx.engine) as conn:
        cal = ctx.calendar(conn)
        profile = ctx.profile(conn)
        existing = dict(conn.execute(
            sa.select(cases_t.c.number, cases_t.c.id).where(cases_t.c.kind == "request")).all())
        locked = {y for (y,) in conn.execute(sa.text("SELECT year FROM year_locks"))}
        fresh: list[tuple[_Row, Any]] = []
        updates: list[tuple[_Row, int, list[Event], Any]] = []
        for i, row in enumerate(parsed):
            if progress and i % 1000 == 0:
                progress(i)
            try:
                for ev in row.events:
                    if ev.date.year in locked:
                        raise Refusal(f"{ev.date.year} 年度已锁定")
                case_id = existing.get(row.values["case"])
                if case_id is None:
                    fresh.append((row, replay("request", row.events, cal, profile)))
                    continue
                have = load_events(conn, case_id)
                if _same(have, row.events):
                    summary.unchanged += 1
                    continue
                extra = _appendable(have, row.events)
                if extra is None or not update:
                    why = "数据与已有案件不同" + ("（加 --update 以追加更正事件）" if extra is not None
                                               else "，且无法以追加事件更正")
                    problems.append(f"{path}:{row.line}: column 编号: \"{row.values['case']}\" {why}")
                    continue
                updates.append((row, case_id, [*have, *extra],
                                replay("request", [*have, *extra], cal, profile)))
            except (ValidationError, Refusal) as exc:
                problems.append(f"{path}:{row.line}: {exc.message}")
            if len(problems) >= 50:
                break
        if problems:
            raise ImportErrors(problems)
        for row, _st in fresh:
            summary.per_year[row.values["received"].year] += 1
            summary.masked_cells_dropped += bool(row.values.get("masked"))
            if row.values.get("replied") and not row.values.get("note") \
                    and row.values["outcome"] not in codes.OUTCOMES_WITHOUT_REASON:
                summary.closed_without_reason += 1
        summary.imported, summary.updated = len(fresh), len(updates)
        if dry_run:
            return summary
        _bulk_insert(conn, ctx, fresh)
        from govinfo_cli.app.cases import append_event, write_cache

        for _row, case_id, evs, st in updates:
            start = len(load_events(conn, case_id))
            for n, ev in enumerate(evs[start:], start=start + 1):
                append_event(conn, ctx, case_id, n, ev.type, ev.date, dict(ev.data))
            write_cache(conn, case_id, "request", st, len(evs))
    return summary


def _appendable(have: list[Event], new: list[Event]) -> list[Event] | None:
    """The events that, appended, turn the stored case into the register row — or None
    when the difference is history (that is never rewritten)."""
    if not _same(have[:1], new[:1]):
        return None
    if len(have) == 1 and len(new) == 2:
        return [new[1]]
    return None


def _bulk_insert(conn: sa.Connection, ctx: Context, fresh: list[tuple[_Row, Any]]) -> None:
    now, who = ctx.now(), ctx.operator
    for start in range(0, len(fresh), 5000):
        chunk = fresh[start:start + 5000]
        case_rows = [
            {"kind": "request", "number": row.values["case"], "created_at": now,
             "event_count": len(row.events), **_case_columns("request", st)}
            for row, st in chunk
        ]
        ids = conn.execute(
            sa.insert(cases_t).returning(cases_t.c.id, sort_by_parameter_order=True), case_rows
        ).scalars().all()
        conn.execute(sa.insert(events_t), [
            {"case_id": case_id, "seq": n, "type": ev.type, "date": ev.date,
             "payload": dict(ev.data), "operator": who, "recorded_at": now}
            for case_id, (row, _st) in zip(ids, chunk, strict=True)
            for n, ev in enumerate(row.events, start=1)
        ])
        dl = [x for case_id, (_row, st) in zip(ids, chunk, strict=True) for x in deadline_rows(case_id, st)]
        if dl:
            conn.execute(sa.insert(deadlines_t), dl)
