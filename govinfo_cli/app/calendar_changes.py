"""Changing the office's calendar: overrides (one, or a CSV of them), confirmed years, its
region and its local layers (docs/rules.md §13), each followed by a recompute of the cases a
change may move."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.calendar import (
    CALENDAR_FIRST_YEAR,
    REGIONS,
    build_calendar,
    local_layer_entries,
    save_snapshot,
)
from govinfo_cli.app.recompute import recompute_all
from govinfo_cli.core.calendar import WorkCalendar
from govinfo_cli.core.calendar_layers import Layer, parse_layer
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import ImportErrors, NotFound, ValidationError
from govinfo_cli.store import calendar as stored
from govinfo_cli.store import db
from govinfo_cli.store import settings as stored_settings

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def add_override(
    ctx: Context, day: dt.date, working: bool, note: str, progress: Callable[..., None] | None = None
) -> int:
    """Add (or replace) one override and recompute; returns how many deadlines moved."""
    return import_overrides(ctx, [(day, working, note)], progress)


def import_overrides(
    ctx: Context, rows: list[tuple[dt.date, bool, str]], progress: Callable[..., None] | None = None
) -> int:
    early = [day for day, _, _ in rows if day.year < CALENDAR_FIRST_YEAR]
    if early:
        raise ValidationError(f"日期 {early[0]} 早于工作日历范围（{CALENDAR_FIRST_YEAR} 年起）")
    with db.transaction(ctx.engine) as conn:
        for day, working, note in rows:
            stored.put_override(conn, day, working, note, operator=ctx.operator, now=ctx.now())
        moved = recompute_all(ctx, conn, days=[day for day, _, _ in rows], progress=progress)
        save_snapshot(ctx, conn, build_calendar(ctx, conn))
        return moved


def confirm_year(
    ctx: Context, year: int, notice: str, progress: Callable[..., None] | None = None, *, layer: str | None = None
) -> int:
    """Mark a year's schedule confirmed after reading its notice: the national schedule, or
    (``layer``) the year of one of the office's layers (docs/rules.md §13)."""
    if not notice.strip():
        raise ValidationError(
            "确认年度须注明通知（--notice）：国务院办公厅通知文号，或地区、本地日历层所依据通知的标题或文号"
        )
    cal = build_calendar(ctx)
    if not cal.first.year <= year <= cal.last.year:
        raise ValidationError(f"年度 {year} 超出工作日历范围 {cal.first.year}–{cal.last.year}")
    if layer is not None and layer not in {x.name for x in cal.layers}:
        known = "、".join(x.name for x in cal.layers) or "（无：先用 config set calendar.region 设置地区）"
        raise ValidationError(f"本机关没有日历层 {layer!r}；可选：{known}")
    with db.transaction(ctx.engine) as conn:
        if layer is None:
            stored.put_confirmed(conn, year, notice, operator=ctx.operator, now=ctx.now())
        else:
            from govinfo_cli.app.calendar import layer_confirmations

            confirmations = layer_confirmations(conn)
            confirmations.setdefault(layer, {})[str(year)] = {
                "notice": notice.strip(),
                "operator": ctx.operator,
                "at": ctx.now().isoformat(timespec="seconds"),
            }
            stored.write_layer_confirmations(conn, json.dumps(confirmations, ensure_ascii=False, sort_keys=True))
            stored_settings.audit(
                conn,
                at=ctx.now(),
                operator=ctx.operator,
                action="calendar",
                target=f"layer:{layer}",
                detail=f"确认 {year} 年（{notice.strip()}）",
            )
        moved = recompute_all(ctx, conn, provisional_only=True, progress=progress)  # moves no date
        save_snapshot(ctx, conn, build_calendar(ctx, conn))
        return moved


_WORK = {"1", "true", "work", "workday", "working", "班", "上班", "工作日", "调休上班"}
_REST = {"0", "false", "holiday", "rest", "休", "休息", "节假日", "休息日", "放假"}


def read_overrides_csv(path: Path) -> list[tuple[dt.date, bool, str]]:
    """CSV rows: date, working day or holiday, note. All errors at once, with line numbers."""
    from govinfo_cli.core import fields
    from govinfo_cli.formats.csvfile import csv_records
    from govinfo_cli.formats.textfile import open_text

    rows: list[tuple[dt.date, bool, str]] = []
    problems: list[str] = []
    with open_text(path) as fh:
        for lineno, rec in csv_records(fh, path):
            if not rec or not "".join(rec).strip():
                continue
            first = rec[0].strip()
            if lineno == 1 and first in ("date", "日期"):
                continue
            try:
                day = fields.check_year(parse_date(first))
            except ValueError as exc:
                problems.append(f"{path}:{lineno}: 列 1: {exc}")
                continue
            if len(rec) > 3:
                problems.append(f"{path}:{lineno}: 该行有 {len(rec)} 个单元格，最多 3 个（日期、工作日/休息日、说明）")
                continue
            kind = rec[1].strip().lower() if len(rec) > 1 else ""
            if kind in _WORK:
                working = True
            elif kind in _REST:
                working = False
            else:
                problems.append(f"{path}:{lineno}: 列 2: {kind!r} 应为 工作日/workday 或 休息日/holiday")
                continue
            try:
                note = fields.check_text(rec[2], max_len=fields.TEXT_MAX) if len(rec) > 2 else ""
            except ValueError as exc:
                problems.append(f"{path}:{lineno}: column 3: {exc}")
                continue
            rows.append((day, working, note))
    if problems:
        raise ImportErrors(problems)
    return rows


# --------------------------------------------------------------------------
# Layers (docs/rules.md §13): a change recomputes the cases it may move
# --------------------------------------------------------------------------


def changed_days(before: WorkCalendar, after: WorkCalendar) -> list[dt.date]:
    """The days a calendar change may move a deadline across: every day whose working status
    differs, and the first and last day of every year whose confirmation differs (a count
    touching that year changes its provisional mark)."""
    first, last = max(before.first, after.first), min(before.last, after.last)
    a, b = before.to_bits(), after.to_bits()
    oa, ob = (first - before.first).days, (first - after.first).days
    n = (last - first).days + 1
    days = [first + dt.timedelta(days=i) for i in range(n) if a[oa + i] != b[ob + i]]
    for y in sorted(before.confirmed_years ^ after.confirmed_years):
        if first.year <= y <= last.year:
            days += [dt.date(y, 1, 1), dt.date(y, 12, 31)]
    return sorted(days)


def recompute_after(
    ctx: Context,
    conn: sa.Connection,
    before: WorkCalendar,
    progress: Callable[..., None] | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """After a change of the office's layers inside ``conn``'s transaction: replay the cases
    the changed days may move (none when no day changed), store the new snapshot; returns
    how many cached deadlines moved."""
    after = build_calendar(ctx, conn)
    days = changed_days(before, after)
    moved = recompute_all(ctx, conn, days=days, progress=progress, counts=counts) if days else 0
    save_snapshot(ctx, conn, after)
    return moved


@dataclass(frozen=True)
class LayerImport:
    layer: Layer
    replaced: bool
    moved: int
    due_moved: int  # of them, those whose due date moved (the rest: a provisional mark or state)


def read_layer_file(path: Path) -> tuple[Layer, str]:
    """A local layer file, checked (every problem as one line file:line[:column]), and its text."""
    from govinfo_cli.formats.textfile import open_text

    with open_text(path) as fh:
        text = fh.read()
    layer = parse_layer(text, str(path), local=True)
    if layer.name in REGIONS or layer.name == "national":
        line = next((i for i, t in enumerate(text.splitlines(), 1) if t.lstrip().startswith("name")), 1)
        raise ValidationError(
            f"{path}:{line}: name = {layer.name!r} 是内置的日历层；地区请用 "
            f"govinfo config set calendar.region {layer.name}，本地日历层请另取名称（如 liangshan）"
        )
    return layer, text


def import_layer(ctx: Context, path: Path, progress: Callable[..., None] | None = None) -> LayerImport:
    """Store (or replace) a local layer file and recompute; nothing is written if it is bad."""
    layer, text = read_layer_file(path)
    with db.transaction(ctx.engine) as conn:
        before = build_calendar(ctx, conn)
        entries = local_layer_entries(conn)
        replaced = any(e["name"] == layer.name for e in entries)
        entries = [e for e in entries if e["name"] != layer.name]
        entries.append(
            {
                "name": layer.name,
                "file": Path(path).name,
                "text": text,
                "operator": ctx.operator,
                "at": ctx.now().isoformat(timespec="seconds"),
            }
        )
        stored.write_local_layers(conn, json.dumps(sorted(entries, key=lambda e: e["name"]), ensure_ascii=False))
        stored_settings.audit(
            conn,
            at=ctx.now(),
            operator=ctx.operator,
            action="calendar",
            target=f"layer:{layer.name}",
            detail=f"导入本地日历层 {layer.title}（{Path(path).name}）" + ("，替换原有同名日历层" if replaced else ""),
        )
        counts: dict[str, int] = {}
        moved = recompute_after(ctx, conn, before, progress, counts)
        return LayerImport(layer, replaced, moved, counts.get("due", 0))


def remove_layer(ctx: Context, name: str, progress: Callable[..., None] | None = None) -> int:
    """Remove a local layer and recompute; returns how many deadlines moved."""
    with db.transaction(ctx.engine) as conn:
        entries = local_layer_entries(conn)
        if not any(e["name"] == name for e in entries):
            known = "、".join(e["name"] for e in entries) or "（无）"
            raise NotFound(f"没有名为 {name!r} 的本地日历层；已导入：{known}")
        before = build_calendar(ctx, conn)
        rest = [e for e in entries if e["name"] != name]
        stored.write_local_layers(conn, json.dumps(rest, ensure_ascii=False))
        stored_settings.audit(
            conn,
            at=ctx.now(),
            operator=ctx.operator,
            action="calendar",
            target=f"layer:{name}",
            detail="删除本地日历层",
        )
        return recompute_after(ctx, conn, before, progress)


def local_layers(ctx: Context) -> list[dict[str, Any]]:
    """The imported local layers: name, title, file, who imported them and when, and their years."""
    from govinfo_cli.app.calendar import local_layer

    out = []
    with ctx.engine.connect() as conn:
        for e in sorted(local_layer_entries(conn), key=lambda e: e["name"]):
            layer = local_layer(e["text"], e["file"])
            out.append(
                {
                    "name": layer.name,
                    "title": layer.title,
                    "file": e["file"],
                    "operator": e["operator"],
                    "imported_at": e["at"],
                    "years": [y.year for y in layer.years],
                    "days": sum(len(y.days) for y in layer.years),
                }
            )
    return out
