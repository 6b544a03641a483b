"""Changing the office's calendar: overrides (one, or a CSV of them) and confirmed years,
each followed by a recompute of the cases a change may move."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_cli.app.calendar import CALENDAR_FIRST_YEAR, build_calendar, save_snapshot
from govinfo_cli.app.recompute import recompute_all
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import ImportErrors, ValidationError
from govinfo_cli.store import calendar as stored
from govinfo_cli.store import db

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


def confirm_year(ctx: Context, year: int, notice: str, progress: Callable[..., None] | None = None) -> int:
    if not notice.strip():
        raise ValidationError("确认年度须注明国务院办公厅通知文号（--notice）")
    cal = build_calendar(ctx)
    if not cal.first.year <= year <= cal.last.year:
        raise ValidationError(f"年度 {year} 超出工作日历范围 {cal.first.year}–{cal.last.year}")
    with db.transaction(ctx.engine) as conn:
        stored.put_confirmed(conn, year, notice, operator=ctx.operator, now=ctx.now())
        moved = recompute_all(ctx, conn, provisional_only=True, progress=progress)  # moves no date
        save_snapshot(ctx, conn, build_calendar(ctx, conn))
        return moved


_WORK = {"1", "true", "work", "workday", "working", "班", "上班", "工作日", "调休上班"}
_REST = {"0", "false", "holiday", "rest", "休", "休息", "节假日", "休息日", "放假"}


def read_overrides_csv(path: Path) -> list[tuple[dt.date, bool, str]]:
    """CSV rows: date, working day or holiday, note. All errors at once, with line numbers."""
    from govinfo_cli.app.textfile import csv_records, open_text
    from govinfo_cli.core import fields

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
