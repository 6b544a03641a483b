"""The calendar as the office sees it: the package data plus the database's overrides."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.core import fields
from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.store import calendar as stored
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

CALENDAR_FIRST_YEAR = fields.FIRST_YEAR  # no date before it is accepted anywhere (core.fields)
CALENDAR_YEARS_AHEAD = 5


@lru_cache(maxsize=8)
def _build(first: int, last: int, overrides: tuple[Override, ...], confirmed: frozenset[int]) -> WorkCalendar:
    return WorkCalendar.build(load_source(first, last, overrides, confirmed))


def build_calendar(ctx: Context, conn: sa.Connection | None = None) -> WorkCalendar:
    """The office's calendar: the package data plus the database's overrides and confirmations."""

    def read(c: sa.Connection) -> tuple[tuple[Override, ...], frozenset[int]]:
        return stored.read_overrides(c), stored.read_confirmed(c)

    if conn is None:
        with ctx.engine.connect() as c:
            overs, years = read(c)
    else:
        overs, years = read(conn)
    last = ctx.today.year + CALENDAR_YEARS_AHEAD
    if overs:
        last = max(last, overs[-1].day.year)
    return _build(CALENDAR_FIRST_YEAR, last, overs, years)


def status(ctx: Context) -> dict:
    cal = build_calendar(ctx)
    with ctx.engine.connect() as conn:
        confirmed = [{"year": r.year, "notice": r.notice, "operator": r.operator} for r in stored.confirmed_rows(conn)]
        overrides = stored.count_overrides(conn)
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

SNAPSHOT_KEY = stored.SNAPSHOT_KEY


def _snapshot_stamp() -> str:
    from importlib.metadata import version

    return f"holidays {version('holidays')}"


def save_snapshot(ctx: Context, conn: sa.Connection, cal: WorkCalendar) -> None:
    import json

    value = json.dumps(
        {
            "stamp": _snapshot_stamp(),
            "first": cal.first.year,
            "last": cal.last.year,
            "confirmed": sorted(cal.confirmed_years),
            "bits": cal.to_bits(),
        }
    )
    stored.write_snapshot(conn, value)


def _current_snapshot(ctx: Context, conn: sa.Connection) -> WorkCalendar | None:
    import json

    raw = stored.read_snapshot(conn)
    if raw:
        try:
            snap = json.loads(raw)
            if snap.get("stamp") == _snapshot_stamp() and snap["last"] >= ctx.today.year + 1:
                return WorkCalendar.from_bits(snap["first"], snap["bits"], snap["confirmed"])
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # a damaged snapshot is a cache: built afresh (and stored again)
    return None


def calendar_for_writing(ctx: Context, conn: sa.Connection) -> WorkCalendar:
    """The calendar for recording one event, inside its write transaction: the stored
    snapshot when it is current (the same working days as ``build_calendar``, without
    the holidays package), else a full build, stored for next time in the same transaction."""
    cal = _current_snapshot(ctx, conn)
    if cal is None:
        cal = build_calendar(ctx, conn)
        save_snapshot(ctx, conn, cal)
    return cal


def calendar_for_reading(ctx: Context, conn: sa.Connection) -> WorkCalendar:
    """The calendar for read-only commands: the stored snapshot when it is current,
    else a full build (which is then stored for next time)."""
    cal = _current_snapshot(ctx, conn)
    if cal is not None:
        return cal
    cal = build_calendar(ctx, conn)
    # several first commands at once store it together: a collision is retried like any write
    db.run_write(ctx.engine, lambda wconn: save_snapshot(ctx, wconn, cal))
    return cal
