"""The calendar as the office sees it: the package data plus the database's overrides."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.core.dates import parse_date
from govinfo_cli.core.errors import ImportErrors, ValidationError
from govinfo_cli.store import db
from govinfo_cli.store.models import CalendarOverride, ConfirmedYear

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

_over = CalendarOverride.__table__
_conf = ConfirmedYear.__table__


@lru_cache(maxsize=8)
def _build(first: int, last: int, overrides: tuple[Override, ...], confirmed: frozenset[int]) -> WorkCalendar:
    return WorkCalendar.build(load_source(first, last, overrides, confirmed))


def build_calendar(ctx: Context, conn: sa.Connection | None = None) -> WorkCalendar:
    from govinfo_cli.app.context import CALENDAR_FIRST_YEAR, CALENDAR_YEARS_AHEAD

    def read(c: sa.Connection) -> tuple[tuple[Override, ...], frozenset[int]]:
        overs = tuple(
            Override(r.day, bool(r.is_working_day), r.note) for r in c.execute(sa.select(_over).order_by(_over.c.day))
        )
        years = frozenset(c.execute(sa.select(_conf.c.year)).scalars())
        return overs, years

    if conn is None:
        with ctx.engine.connect() as c:
            overs, years = read(c)
    else:
        overs, years = read(conn)
    last = ctx.today.year + CALENDAR_YEARS_AHEAD
    if overs:
        last = max(last, overs[-1].day.year)
    return _build(CALENDAR_FIRST_YEAR, last, overs, years)


def add_override(
    ctx: Context, day: dt.date, working: bool, note: str, progress: Callable[..., None] | None = None
) -> int:
    """Add (or replace) one override and recompute; returns how many deadlines moved."""
    return import_overrides(ctx, [(day, working, note)], progress)


def import_overrides(
    ctx: Context, rows: list[tuple[dt.date, bool, str]], progress: Callable[..., None] | None = None
) -> int:
    from govinfo_cli.app.cases import recompute_all
    from govinfo_cli.app.context import CALENDAR_FIRST_YEAR

    early = [day for day, _, _ in rows if day.year < CALENDAR_FIRST_YEAR]
    if early:
        raise ValidationError(f"日期 {early[0]} 早于工作日历范围（{CALENDAR_FIRST_YEAR} 年起）")
    with db.transaction(ctx.engine) as conn:
        for day, working, note in rows:
            conn.execute(sa.delete(_over).where(_over.c.day == day))
            conn.execute(
                sa.insert(_over).values(
                    day=day,
                    is_working_day=working,
                    note=note,
                    operator=ctx.operator,
                    recorded_at=ctx.now(),
                )
            )
        moved = recompute_all(ctx, conn, days=[day for day, _, _ in rows], progress=progress)
        save_snapshot(ctx, conn, build_calendar(ctx, conn))
        return moved


def confirm_year(ctx: Context, year: int, notice: str, progress: Callable[..., None] | None = None) -> int:
    from govinfo_cli.app.cases import recompute_all

    if not notice.strip():
        raise ValidationError("确认年度须注明国务院办公厅通知文号（--notice）")
    cal = build_calendar(ctx)
    if not cal.first.year <= year <= cal.last.year:
        raise ValidationError(f"年度 {year} 超出工作日历范围 {cal.first.year}–{cal.last.year}")
    with db.transaction(ctx.engine) as conn:
        conn.execute(sa.delete(_conf).where(_conf.c.year == year))
        conn.execute(sa.insert(_conf).values(year=year, notice=notice, operator=ctx.operator, recorded_at=ctx.now()))
        moved = recompute_all(ctx, conn, provisional_only=True, progress=progress)  # moves no date
        save_snapshot(ctx, conn, build_calendar(ctx, conn))
        return moved


_WORK = {"1", "true", "work", "workday", "working", "班", "上班", "工作日", "调休上班"}
_REST = {"0", "false", "holiday", "rest", "休", "休息", "节假日", "休息日", "放假"}


def read_overrides_csv(path: Path) -> list[tuple[dt.date, bool, str]]:
    """CSV rows: date, working day or holiday, note. All errors at once, with line numbers."""
    from govinfo_cli.app.textfile import open_text

    rows: list[tuple[dt.date, bool, str]] = []
    problems: list[str] = []
    with open_text(path) as fh:
        for lineno, rec in enumerate(csv.reader(fh), start=1):
            if not rec or not "".join(rec).strip():
                continue
            first = rec[0].strip()
            if lineno == 1 and first in ("date", "日期"):
                continue
            try:
                day = parse_date(first)
            except ValueError as exc:
                problems.append(f"{path}:{lineno}: column 1: {exc}")
                continue
            kind = rec[1].strip().lower() if len(rec) > 1 else ""
            if kind in _WORK:
                working = True
            elif kind in _REST:
                working = False
            else:
                problems.append(f"{path}:{lineno}: column 2: {kind!r} 应为 工作日/workday 或 休息日/holiday")
                continue
            rows.append((day, working, rec[2].strip() if len(rec) > 2 else ""))
    if problems:
        raise ImportErrors(problems)
    return rows


def status(ctx: Context) -> dict:
    cal = ctx.calendar()
    with ctx.engine.connect() as conn:
        confirmed = [
            {"year": r.year, "notice": r.notice, "operator": r.operator}
            for r in conn.execute(sa.select(_conf).order_by(_conf.c.year))
        ]
        overrides = conn.execute(sa.select(sa.func.count()).select_from(_over)).scalar()
    package_years = sorted(cal.confirmed_years - {c["year"] for c in confirmed})
    return {
        "range": [cal.first.year, cal.last.year],
        "package_confirmed_through": max(package_years) if package_years else None,
        "confirmed_by_clerk": confirmed,
        "overrides": overrides,
        "unconfirmed": cal.unconfirmed_years(range(ctx.today.year, ctx.today.year + 2)),
    }


# --------------------------------------------------------------------------
# The snapshot `due` reads: the working days as a bit string, stored in settings,
# so the morning check needs neither the holidays package nor a replay.
# --------------------------------------------------------------------------

SNAPSHOT_KEY = "calendar.snapshot"


def _snapshot_stamp() -> str:
    from importlib.metadata import version

    return f"holidays {version('holidays')}"


def save_snapshot(ctx: Context, conn: sa.Connection, cal: WorkCalendar) -> None:
    import json

    from govinfo_cli.store.models import Setting

    t = Setting.__table__
    value = json.dumps(
        {
            "stamp": _snapshot_stamp(),
            "first": cal.first.year,
            "last": cal.last.year,
            "confirmed": sorted(cal.confirmed_years),
            "bits": cal.to_bits(),
        }
    )
    conn.execute(sa.delete(t).where(t.c.key == SNAPSHOT_KEY))
    conn.execute(sa.insert(t).values(key=SNAPSHOT_KEY, value=value))


def calendar_for_reading(ctx: Context, conn: sa.Connection) -> WorkCalendar:
    """The calendar for read-only commands: the stored snapshot when it is current,
    else a full build (which is then stored for next time)."""
    import json

    from govinfo_cli.store.models import Setting

    t = Setting.__table__
    raw = conn.execute(sa.select(t.c.value).where(t.c.key == SNAPSHOT_KEY)).scalar()
    if raw:
        snap = json.loads(raw)
        if snap.get("stamp") == _snapshot_stamp() and snap["last"] >= ctx.today.year + 1:
            return WorkCalendar.from_bits(snap["first"], snap["bits"], snap["confirmed"])
    cal = build_calendar(ctx, conn)
    with db.transaction(ctx.engine) as wconn:
        save_snapshot(ctx, wconn, cal)
    return cal
