"""The deadline cache kept right: check it against a fresh replay, and replay the cases a
calendar or profile change may move (the queries are ``store.cache``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.app.calendar import build_calendar
from govinfo_cli.app.profile import office_profile
from govinfo_cli.core.rules import replay
from govinfo_cli.store import cache, db
from govinfo_cli.store.cases import load_events

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def stale_cases(ctx: Context, conn: sa.Connection) -> list[str]:
    """Case numbers whose cached row or deadlines differ from a fresh replay of their events
    against the current calendar and profile (empty when the cache is right)."""
    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    stale = []
    for case in cache.all_cases(conn):
        st = replay(case.kind, load_events(conn, case.id), cal, profile)
        fresh = sorted(map(cache.compared, cache.deadline_rows(case.id, case.kind, case.number, st)))
        cached = sorted(cache.compared(r._mapping) for r in cache.cached_deadlines(conn, case.id))
        if fresh != cached or any(getattr(case, k) != v for k, v in cache.case_row(case.kind, st).items()):
            stale.append(case.number)
    return stale


BATCH = 2000  # cases replayed and written at a time by recompute_all


def recompute_all(
    ctx: Context,
    conn: sa.Connection,
    *,
    days: Sequence[dt.date] = (),
    provisional_only: bool = False,
    progress: Callable[..., None] | None = None,
    counts: dict[str, int] | None = None,
) -> int:
    """Replay cases against the current calendar and profile; returns how many cached
    deadlines changed their due date, state or provisional mark.

    Every case by default (a profile change). ``days``: only the days whose working-day
    status changed, so only the cases a count may cross them: opened on or before the last
    of them, with a cached due date on or after the first. A count from D to its due date
    reads only the days in (D, due], so a deadline due before a changed day cannot move;
    hour deadlines use no calendar; a suspended one is counted afresh by the event that
    resumes it. ``provisional_only`` (a year confirmed): the cases with a provisional mark.
    ``counts``, if given, receives how many of the changed deadlines changed their due date
    (``due``), and how many changed only their state or provisional mark (``mark``)."""
    db.cache_lock(conn, exclusive=True)  # no clerk caches a case meanwhile (PostgreSQL)
    cal = build_calendar(ctx, conn)
    profile = office_profile(ctx, conn)
    chosen = cache.chosen_cases(days=days, provisional_only=provisional_only)
    kinds = cache.case_kinds(conn, chosen)  # id -> (kind, number)
    ids = sorted(kinds)
    moved = done = 0
    # in batches of cases by id: memory bounded by a batch, not by the database (a profile
    # change replays every case); one transaction all the same (the caller's)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        before = cache.deadline_marks(conn, chosen, batch)
        grouped = cache.events_by_case(conn, chosen, batch)
        states = []
        for case_id, evs in grouped.items():
            done += 1
            if progress and done % 500 == 0:
                progress(done, len(ids))
            kind, number = kinds[case_id]
            st = replay(kind, evs, cal, profile)
            for d in st.rows():
                old = before.get((case_id, d.code, d.name or ""))
                if old != (d.due, d.state, d.provisional):
                    moved += 1
                    if counts is not None:
                        key = "due" if old is None or old[0] != d.due else "mark"
                        counts[key] = counts.get(key, 0) + 1
            states.append((case_id, kind, number, st, len(evs)))
        cache.write_caches(conn, states)
    return moved
