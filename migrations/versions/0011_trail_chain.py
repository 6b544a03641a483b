"""the whole trail chained: the audit log and the year locks get hash chains of their own,
the year locks the database's append-only guards, and on PostgreSQL every guard fires in
every session

Adds ``audit.chain`` (back-filled entry by entry, in id order), ``year_locks.seq`` (the
order the years were locked: back-filled by lock time, then year) and ``year_locks.chain``
(core.chain.audit_chain / lock_chain). On SQLite ``year_locks`` gets the same triggers as
the event log (no UPDATE, no DELETE, no INSERT onto an existing year or seq); on
PostgreSQL the row and TRUNCATE triggers, and every guard trigger is made ENABLE ALWAYS,
so that ``SET session_replication_role = replica`` does not switch it off.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# kept in step with store.guards.GUARDS (tests/test_tamper.py checks a migrated database against it)
SQLITE_TRIGGERS = {
    "year_locks_no_update": "BEFORE UPDATE ON year_locks BEGIN SELECT RAISE(ABORT, 'year_locks are append-only'); END",
    "year_locks_no_delete": "BEFORE DELETE ON year_locks BEGIN SELECT RAISE(ABORT, 'year_locks are append-only'); END",
    "year_locks_no_replace": (
        "BEFORE INSERT ON year_locks WHEN EXISTS (SELECT 1 FROM year_locks WHERE year = NEW.year "
        "OR seq = NEW.seq) BEGIN SELECT RAISE(ABORT, 'year_locks are append-only'); END"
    ),
}
AUDIT_NO_UPDATE = "BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
# 0006's guards on the audit log (SQLite drops a table's triggers when batch mode rebuilds it)
AUDIT_0006 = {
    "audit_no_update": AUDIT_NO_UPDATE,
    "audit_no_delete": "BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "audit_no_replace": (
        "BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
    ),
}
PG_TRIGGERS = {
    "year_locks_append_only": "BEFORE UPDATE OR DELETE ON year_locks FOR EACH ROW",
    "year_locks_no_truncate": "BEFORE TRUNCATE ON year_locks FOR EACH STATEMENT",
}
PG_ALL = {
    "events": ("events_append_only", "events_no_truncate"),
    "audit": ("audit_append_only", "audit_no_truncate"),
    "year_locks": tuple(PG_TRIGGERS),
}
# 0010's login guards (store.roles.TRIGGERS), made ENABLE ALWAYS as well
PG_LOGIN = {
    "events": ("events_by_login",),
    "audit": ("audit_by_login",),
    "settings": ("settings_by_login",),
    "year_locks": ("year_locks_by_login",),
    "calendar_overrides": ("calendar_overrides_by_login",),
    "confirmed_years": ("confirmed_years_by_login",),
}


def upgrade() -> None:
    from govinfo_cli.core.chain import audit_chain, lock_chain

    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("audit", sa.Column("chain", sa.String(length=64), nullable=True))
    op.add_column("year_locks", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("year_locks", sa.Column("chain", sa.String(length=64), nullable=True))
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit DISABLE TRIGGER audit_append_only")
    # an entry whose time cannot be read (a damaged file) is left without a chain: db check
    # names it, and the link after it
    prev = None
    updates = []
    for r in bind.execute(sa.text("SELECT id, at, operator, action, target, detail FROM audit ORDER BY id")):
        try:
            prev = audit_chain(prev, r.at, r.operator, r.action, r.target, r.detail)
        except (ValueError, TypeError):
            continue
        updates.append({"i": r.id, "c": prev})
    if updates:
        bind.execute(sa.text("UPDATE audit SET chain = :c WHERE id = :i"), updates)
    prev, updates = None, []
    rows = bind.execute(sa.text("SELECT year, operator, locked_at, note FROM year_locks ORDER BY locked_at, year"))
    for seq, r in enumerate(rows, start=1):
        try:
            prev = lock_chain(prev, seq, r.year, r.operator, r.locked_at, r.note)
        except (ValueError, TypeError):
            updates.append({"y": r.year, "s": seq, "c": None})
            continue
        updates.append({"y": r.year, "s": seq, "c": prev})
    if updates:
        bind.execute(sa.text("UPDATE year_locks SET seq = :s, chain = :c WHERE year = :y"), updates)
    if dialect == "sqlite":
        op.execute(f"CREATE TRIGGER audit_no_update {AUDIT_NO_UPDATE}")
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        for name, when in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION govinfo_append_only()")
        for table, names in PG_ALL.items():
            for name in names:
                op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")
        for table, names in PG_LOGIN.items():
            for name in names:
                op.execute(f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {name}")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON year_locks")
        for table, names in PG_ALL.items():
            for name in names:
                if table != "year_locks":
                    op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
        for table, names in PG_LOGIN.items():
            for name in names:
                op.execute(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
    with op.batch_alter_table("year_locks", schema=None) as batch_op:
        batch_op.drop_column("chain")
        batch_op.drop_column("seq")
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS audit_no_update")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit DISABLE TRIGGER audit_append_only")
    with op.batch_alter_table("audit", schema=None) as batch_op:
        batch_op.drop_column("chain")
    if dialect == "sqlite":
        for name, body in AUDIT_0006.items():
            op.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    elif dialect == "postgresql":
        op.execute("ALTER TABLE audit ENABLE TRIGGER audit_append_only")
