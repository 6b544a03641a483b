"""The store's tables by name, once: every query module reads them from here.

``store.models`` declares the tables (SQLModel classes, which Alembic's migrations follow);
the queries use their ``sa.Table`` objects. A module that needs a table imports it from here,
not from the module of another query (``store.due`` reads two tables and nothing of the
recording path's imports).
"""

from __future__ import annotations

import sqlalchemy as sa

from govinfo_cli.store.models import (
    Audit,
    CalendarOverride,
    Case,
    CatalogueItem,
    ConfirmedYear,
    Deadline,
    Event,
    LetterCounter,
    Setting,
    YearLock,
)
from govinfo_cli.store.typed import table

cases_t = table(Case)
events_t = table(Event)
deadlines_t = table(Deadline)
locks_t = table(YearLock)
audit_t = table(Audit)
settings_t = table(Setting)
overrides_t = table(CalendarOverride)
confirmed_t = table(ConfirmedYear)
counters_t = table(LetterCounter)
items_t = table(CatalogueItem)

# The case's columns each of its cached deadlines carries (with its number and kind), so that
# `due` reads one index of one table (store.due): written with the rest of the cache, from
# the same replayed state, wherever the cache is written (store.cache, store.registers).
COPIED = ("status", "department", "party", "party_type")

# The pending deadlines, as a condition the database can match with the partial index
# ix_deadlines_pending (store.models): the state as a literal, never a bound parameter
# (SQLite picks a partial index only for a WHERE it can prove implies the index's own).
PENDING = deadlines_t.c.state == sa.literal_column("'pending'")
