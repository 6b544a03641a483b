"""The database's own guards on the event log and the audit log: which triggers must
exist (migration 0006_event_chain creates them; on PostgreSQL also 0009's, which check the
session's login: ``store.roles.TRIGGERS``) and which do."""

from __future__ import annotations

import sqlalchemy as sa

from govinfo_cli.store.roles import TRIGGERS as LOGIN_TRIGGERS

SQLITE = (
    "events_no_update",
    "events_no_delete",
    "events_no_replace",
    "audit_no_update",
    "audit_no_delete",
    "audit_no_replace",
)
POSTGRESQL = (
    "events_append_only",
    "events_no_truncate",
    "audit_append_only",
    "audit_no_truncate",
    *LOGIN_TRIGGERS,
)
_PG_TABLES = ("events", "audit", *(table for table, _ in LOGIN_TRIGGERS.values()))


def expected(conn: sa.Connection) -> tuple[str, ...]:
    return SQLITE if conn.dialect.name == "sqlite" else POSTGRESQL if conn.dialect.name == "postgresql" else ()


def present(conn: sa.Connection) -> set[str]:
    """The guard triggers that exist and are enabled."""
    if conn.dialect.name == "sqlite":
        return set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
    if conn.dialect.name == "postgresql":
        return set(
            conn.execute(
                sa.text(
                    "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                    "WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY(:tables) "
                    "AND pg_table_is_visible(c.oid)"
                ),
                {"tables": list(dict.fromkeys(_PG_TABLES))},
            ).scalars()
        )
    return set()


def missing(conn: sa.Connection) -> list[str]:
    have = present(conn)
    return [name for name in expected(conn) if name not in have]
