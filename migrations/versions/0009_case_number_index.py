"""index cases by number alone (finding a case without its kind); the due list's index
covers the columns `due` reads of a deadline

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

DUE_LIST = ["state", "due", "quiet", "case_id", "code", "name", "due_at", "provisional"]


def upgrade() -> None:
    op.create_index("ix_cases_number", "cases", ["number"], unique=False)
    op.drop_index("ix_deadlines_state_due", table_name="deadlines")
    op.create_index("ix_deadlines_state_due", "deadlines", DUE_LIST, unique=False)


def downgrade() -> None:
    op.drop_index("ix_deadlines_state_due", table_name="deadlines")
    op.create_index("ix_deadlines_state_due", "deadlines", ["state", "due"], unique=False)
    op.drop_index("ix_cases_number", table_name="cases")
