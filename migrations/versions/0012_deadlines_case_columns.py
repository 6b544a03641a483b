"""`due` in one index: each cached deadline carries its case's columns that `due` shows
(number, kind, status, department, party, party_type), and the pending deadlines have an
index of their own, in `due`'s order, holding every column `due` reads

The deadline cache is derived data, replaced whole with its case's row (``store.cache``),
so the copies are filled here from the cached case rows (the same values a replay writes)
and kept by every writer of the cache; ``govinfo db check`` compares them with a replay like
the rest of the cache. `due` then reads one index of one table: no lookup of 20 000 cases
by id, no sort (BENCHMARKS.md, issue 26). The old covering index over every deadline
(state, due, …) goes: the new one holds only the pending rows, which are all `due` and the
case lists' next deadline read.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# (column, length, required): as in the cases table
COPIES = [
    ("number", 64, True),
    ("kind", 32, True),
    ("status", 16, True),
    ("department", 64, False),
    ("party", 200, False),
    ("party_type", 32, False),
]
PENDING = [
    "due",
    "due_at",
    "number",
    "code",
    "name",
    "case_id",
    "quiet",
    "provisional",
    "status",
    "kind",
    "department",
    "party",
    "party_type",
    "state",
]
OLD_DUE_LIST = ["state", "due", "quiet", "case_id", "code", "name", "due_at", "provisional"]


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        for name, length, _ in COPIES:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=True))
    for name, _, _ in COPIES:  # one statement per column: the same SQL on SQLite and PostgreSQL
        op.execute(f"UPDATE deadlines SET {name} = (SELECT cases.{name} FROM cases WHERE cases.id = deadlines.case_id)")
    with op.batch_alter_table("deadlines") as batch:  # filled: the case's number, kind, status are required
        for name, length, required in COPIES:
            if required:
                batch.alter_column(name, existing_type=sa.String(length=length), nullable=False)
    op.drop_index("ix_deadlines_state_due", table_name="deadlines")
    where = sa.text("state = 'pending'")
    op.create_index("ix_deadlines_pending", "deadlines", PENDING, sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    op.drop_index("ix_deadlines_pending", table_name="deadlines")
    op.create_index("ix_deadlines_state_due", "deadlines", OLD_DUE_LIST, unique=False)
    with op.batch_alter_table("deadlines") as batch:
        for name, _, _ in reversed(COPIES):
            batch.drop_column(name)
