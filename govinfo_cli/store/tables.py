"""The store's tables by name, once: every query module reads them from here.

``store.models`` declares the tables (SQLModel classes, which Alembic's migrations follow);
the queries use the same tables as SQLAlchemy Core tables, generated from those classes into
``store.schema`` (building the classes costs about 30 ms that no command need pay at start-up;
tests/test_db.py checks the file is current). A module that needs a table imports it from
here, not from the module of another query (``store.due`` reads one table and nothing of the
recording path's imports).
"""

from __future__ import annotations

import sqlalchemy as sa

from govinfo_cli.store import schema

cases_t = schema.cases_t
events_t = schema.events_t
deadlines_t = schema.deadlines_t
locks_t = schema.year_locks_t
audit_t = schema.audit_t
settings_t = schema.settings_t
overrides_t = schema.calendar_overrides_t
confirmed_t = schema.confirmed_years_t
counters_t = schema.letter_counters_t
items_t = schema.catalogue_items_t

# The case's columns each of its cached deadlines carries (with its number and kind), so that
# `due` reads one index of one table (store.due): written with the rest of the cache, from
# the same replayed state, wherever the cache is written (store.cache, store.registers).
COPIED = ("status", "department", "party", "party_type")

# The pending deadlines, as a condition the database can match with the partial index
# ix_deadlines_pending (store.models): the state as a literal, never a bound parameter
# (SQLite picks a partial index only for a WHERE it can prove implies the index's own).
PENDING = deadlines_t.c.state == sa.literal_column("'pending'")
