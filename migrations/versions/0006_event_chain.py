"""event hash chain (tamper evidence) and database guards on the event log and the audit log

Adds ``events.chain``, back-fills it case by case (core.chain), and replaces the
append-only guards: on SQLite UPDATE, DELETE and any INSERT onto an existing id or
(case, seq) are refused (INSERT OR REPLACE deletes without firing delete triggers, so
the insert itself is refused); on PostgreSQL UPDATE, DELETE and TRUNCATE. The same for
the audit log.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# kept in step with store.guards.EXPECTED (a test checks they agree)
SQLITE_TRIGGERS = {
    "events_no_update": "BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    "events_no_delete": "BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END",
    "events_no_replace": (
        "BEFORE INSERT ON events WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id "
        "OR (case_id = NEW.case_id AND seq = NEW.seq)) "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    ),
    "audit_no_update": "BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "audit_no_delete": "BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END",
    "audit_no_replace": (
        "BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) "
        "BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END"
    ),
}
PG_TRIGGERS = {
    "events_append_only": "BEFORE UPDATE OR DELETE ON events FOR EACH ROW",
    "events_no_truncate": "BEFORE TRUNCATE ON events FOR EACH STATEMENT",
    "audit_append_only": "BEFORE UPDATE OR DELETE ON audit FOR EACH ROW",
    "audit_no_truncate": "BEFORE TRUNCATE ON audit FOR EACH STATEMENT",
}


def upgrade() -> None:
    from govinfo_cli.core.chain import event_chain

    bind = op.get_bind()
    dialect = bind.dialect.name
    op.add_column("events", sa.Column("chain", sa.String(length=64), nullable=True))
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS events_no_update")
        op.execute("DROP TRIGGER IF EXISTS events_no_delete")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS events_append_only ON events")
    rows = bind.execute(
        sa.text(
            "SELECT e.id, c.kind, c.number, e.seq, e.type, e.date, e.payload, e.operator, e.recorded_at, e.case_id "
            "FROM events e JOIN cases c ON c.id = e.case_id ORDER BY e.case_id, e.seq"
        )
    ).all()
    prev_case, prev = None, None
    updates = []
    for r in rows:
        if r.case_id != prev_case:
            prev_case, prev = r.case_id, None
        prev = event_chain(prev, r.kind, r.number, r.seq, r.type, r.date, r.payload, r.operator, r.recorded_at)
        updates.append({"i": r.id, "c": prev})
    if updates:
        bind.execute(sa.text("UPDATE events SET chain = :c WHERE id = :i"), updates)
    if dialect == "sqlite":
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION govinfo_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$ LANGUAGE plpgsql"
        )
        for name, when in PG_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION govinfo_append_only()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        for name in PG_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {name.split('_')[0]}")
        op.execute("DROP FUNCTION IF EXISTS govinfo_append_only()")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_column("chain")
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER events_no_{verb.lower()} BEFORE {verb} ON events "
                "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events "
            "FOR EACH ROW EXECUTE FUNCTION govinfo_events_append_only()"
        )
