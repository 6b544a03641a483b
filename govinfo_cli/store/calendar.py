"""The calendar's rows: the clerk's overrides, confirmed years, and the snapshot `due` reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa

from govinfo_cli.core.calendar import Override
from govinfo_cli.store import settings
from govinfo_cli.store.tables import confirmed_t, overrides_t
from govinfo_cli.store.typed import Row

SNAPSHOT_KEY = "calendar.snapshot"
REGION_KEY = "calendar.region"  # the office's region (docs/rules.md §13), one of store.settings.KNOWN
LOCAL_LAYERS_KEY = "calendar.layers"  # the office's imported local layers, as JSON
LAYER_CONFIRMED_KEY = "calendar.layers.confirmed"  # layer years the clerk confirmed, as JSON


def read_overrides(conn: sa.Connection) -> tuple[Override, ...]:
    return tuple(
        Override(r.day, bool(r.is_working_day), r.note)
        for r in conn.execute(sa.select(overrides_t).order_by(overrides_t.c.day))
    )


def read_confirmed(conn: sa.Connection) -> frozenset[int]:
    return frozenset(conn.execute(sa.select(confirmed_t.c.year)).scalars())


def put_override(
    conn: sa.Connection, day: dt.date, working: bool, note: str, *, operator: str, now: dt.datetime
) -> None:
    conn.execute(sa.delete(overrides_t).where(overrides_t.c.day == day))
    conn.execute(
        sa.insert(overrides_t).values(
            day=day,
            is_working_day=working,
            note=note,
            operator=operator,
            recorded_at=now,
        )
    )


def put_confirmed(conn: sa.Connection, year: int, notice: str, *, operator: str, now: dt.datetime) -> None:
    conn.execute(sa.delete(confirmed_t).where(confirmed_t.c.year == year))
    conn.execute(sa.insert(confirmed_t).values(year=year, notice=notice, operator=operator, recorded_at=now))


def confirmed_rows(conn: sa.Connection) -> Sequence[Row]:
    return conn.execute(sa.select(confirmed_t).order_by(confirmed_t.c.year)).all()


def count_overrides(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(overrides_t)).scalar() or 0


def read_snapshot(conn: sa.Connection) -> str | None:
    return settings.get_raw(conn, SNAPSHOT_KEY)


def write_snapshot(conn: sa.Connection, value: str) -> None:
    settings.put(conn, SNAPSHOT_KEY, value)


def read_local_layers(conn: sa.Connection) -> str | None:
    return settings.get_raw(conn, LOCAL_LAYERS_KEY)


def write_local_layers(conn: sa.Connection, value: str) -> None:
    settings.put(conn, LOCAL_LAYERS_KEY, value)


def read_layer_confirmations(conn: sa.Connection) -> str | None:
    return settings.get_raw(conn, LAYER_CONFIRMED_KEY)


def write_layer_confirmations(conn: sa.Connection, value: str) -> None:
    settings.put(conn, LAYER_CONFIRMED_KEY, value)
