"""cases.kind holds 32 characters (the 更正 kind code record_correction has 17)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from __future__ import annotations

from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _kind_length(old: int, new: int) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:  # SQLite rebuilds the table (copy, drop, rename) under the events' foreign keys;
        with op.get_context().autocommit_block():  # the pragma only works outside a transaction
            op.execute("PRAGMA foreign_keys=OFF")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column(
            "kind",
            existing_type=AutoString(length=old),
            type_=AutoString(length=new),
            existing_nullable=False,
        )
    if sqlite:
        with op.get_context().autocommit_block():
            op.execute("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    _kind_length(16, 32)


def downgrade() -> None:
    _kind_length(32, 16)
