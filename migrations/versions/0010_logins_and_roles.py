"""each clerk a login, each login a role (PostgreSQL; issue 24, item 5)

On PostgreSQL: the guards that check the session's login (store.roles.FUNCTIONS and
TRIGGERS: the operator is the login and the recording time the server's; extensions,
approvals, voids, late amendments, reveals, year locks and settings are the head's), the
roles govinfo_clerk, govinfo_head and govinfo_auditor (created when this login may create
roles; else by ``govinfo db grant`` later), and each table's privileges for them
(store.roles.PRIVILEGES). The owner of the tables, who runs this migration, is exempt.
SQLite: nothing (the file is one office's).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from govinfo_cli.store import roles

    roles.create_guards(bind)
    roles.setup(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    from govinfo_cli.store import roles

    roles.revoke_all(bind)
    roles.drop_guards(bind)
