"""one cached deadline per party consulted: ``deadlines.name`` in the unique key

Two third parties consulted at once each have their own answer deadline (docs/rules.md §10). The
deadline cache kept one row per (case, code), so the earlier one disappeared from ``due``.
``name`` holds the party's name on a ``consultation_answer:*`` row, '' on every other row, and
the unique key becomes (case_id, code, name). The cache is derived data: rows are not migrated,
``govinfo db check`` lists the cases concerned and ``db check --repair`` rewrites them (so does any
calendar change of the days they cross); until then each case keeps the one
row it had, with name ''.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("name", sa.String(length=200), nullable=False, server_default=""))
        batch.drop_constraint("uq_deadlines_case_code", type_="unique")
        batch.create_unique_constraint("uq_deadlines_case_code_name", ["case_id", "code", "name"])


def downgrade() -> None:
    # a second party's row would break the old key: keep the first row of each (case, code)
    op.execute("DELETE FROM deadlines WHERE id NOT IN (SELECT MIN(id) FROM deadlines GROUP BY case_id, code)")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_constraint("uq_deadlines_case_code_name", type_="unique")
        batch.create_unique_constraint("uq_deadlines_case_code", ["case_id", "code"])
        batch.drop_column("name")
