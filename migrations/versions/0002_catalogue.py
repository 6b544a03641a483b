"""disclosure catalogue (公开目录)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes  # noqa: F401
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "catalogue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level1", text(), nullable=False),
        sa.Column("level2", text(), nullable=False),
        sa.Column("item", text(), nullable=False),
        sa.Column("content", text(), nullable=False),
        sa.Column("time_limit", text(), nullable=False),
        sa.Column("channel", text(), nullable=False),
        sa.Column("basis", text(), nullable=False),
        sa.Column("clause", text(), nullable=False),
        sa.Column("manner", text(), nullable=False),
        sa.Column("responsible", text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("catalogue_items")
