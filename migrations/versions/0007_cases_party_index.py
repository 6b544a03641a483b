"""index cases by party (recording a request looks up the applicant's recent requests)

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_cases_party", "cases", ["party"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_cases_party", table_name="cases")
