"""The database's own guards on the event log, the audit log and the year locks, and how
``db check`` finds out whether they are still the ones govinfo installed.

``GUARDS`` is the one table of every guard object (trigger or function) with the exact
definition govinfo installs (migrations 0006_event_chain, 0010_logins_and_roles and
0011_trail_chain): on SQLite
the ``CREATE TRIGGER`` text SQLite keeps in ``sqlite_master.sql``; on PostgreSQL what
``pg_get_triggerdef`` / ``pg_get_functiondef`` print (blanks collapsed, the schema's own
name left out) and, for a trigger, the state it must be in (``tgenabled``: ``A`` fires in
every session, ``session_replication_role = replica`` included). A migration that adds a
guard adds its row here; ``tests/test_tamper.py`` checks a migrated database against it.

``problems`` compares a database with the table, by definition, not by name: a missing,
disabled or replaced guard, a same-name no-op, an extra trigger or rule on a guarded
table, and on PostgreSQL a ``session_replication_role`` other than ``origin`` (in this
session, or set for a role or database) and row-level security on a guarded table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from govinfo_cli.store.roles import FUNCTIONS as LOGIN_FUNCTIONS
from govinfo_cli.store.roles import TRIGGERS as LOGIN_TRIGGERS

GUARDED_TABLES = ("events", "audit", "year_locks")
# Where a definition names the schema govinfo's tables are in (a login guard's pinned
# search_path): replaced by that schema's name when a database is compared.
SCHEMA = "«schema»"


@dataclass(frozen=True)
class Guard:
    name: str
    backend: str  # "sqlite" or "postgresql"
    kind: str  # "trigger" or "function"
    definition: str
    table: str = ""  # a trigger's table
    enabled: str = "A"  # PostgreSQL: the trigger's pg_trigger.tgenabled


def _sqlite_trigger(name: str, table: str, body: str) -> Guard:
    return Guard(name, "sqlite", "trigger", f"CREATE TRIGGER {name} {body}", table)


def _pg_trigger(name: str, table: str, when: str) -> Guard:
    each = "FOR EACH STATEMENT" if "TRUNCATE" in when else "FOR EACH ROW"
    return Guard(
        name,
        "postgresql",
        "trigger",
        f"CREATE TRIGGER {name} {when} ON {table} {each} EXECUTE FUNCTION govinfo_append_only()",
        table,
    )


def _login_function(name: str) -> Guard:
    """A login guard's function as ``pg_get_functiondef`` prints what ``roles.function_sql`` made."""
    return Guard(
        name,
        "postgresql",
        "function",
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path TO 'pg_catalog', '{SCHEMA}', 'pg_temp' AS $function${LOGIN_FUNCTIONS[name]}\n$function$",
    )


def _login_trigger(name: str) -> Guard:
    table, definition = LOGIN_TRIGGERS[name]
    return Guard(name, "postgresql", "trigger", f"CREATE TRIGGER {name} {definition}", table)


def _refuse(table: str) -> str:
    what = "are" if table != "audit" else "is"
    return f"BEGIN SELECT RAISE(ABORT, '{table} {what} append-only'); END"


GUARDS: tuple[Guard, ...] = (
    _sqlite_trigger("events_no_update", "events", f"BEFORE UPDATE ON events {_refuse('events')}"),
    _sqlite_trigger("events_no_delete", "events", f"BEFORE DELETE ON events {_refuse('events')}"),
    _sqlite_trigger(
        "events_no_replace",
        "events",
        "BEFORE INSERT ON events WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id "
        f"OR (case_id = NEW.case_id AND seq = NEW.seq)) {_refuse('events')}",
    ),
    _sqlite_trigger("audit_no_update", "audit", f"BEFORE UPDATE ON audit {_refuse('audit')}"),
    _sqlite_trigger("audit_no_delete", "audit", f"BEFORE DELETE ON audit {_refuse('audit')}"),
    _sqlite_trigger(
        "audit_no_replace",
        "audit",
        f"BEFORE INSERT ON audit WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id) {_refuse('audit')}",
    ),
    _sqlite_trigger("year_locks_no_update", "year_locks", f"BEFORE UPDATE ON year_locks {_refuse('year_locks')}"),
    _sqlite_trigger("year_locks_no_delete", "year_locks", f"BEFORE DELETE ON year_locks {_refuse('year_locks')}"),
    _sqlite_trigger(
        "year_locks_no_replace",
        "year_locks",
        "BEFORE INSERT ON year_locks WHEN EXISTS (SELECT 1 FROM year_locks WHERE year = NEW.year "
        f"OR seq = NEW.seq) {_refuse('year_locks')}",
    ),
    Guard(
        "govinfo_append_only",
        "postgresql",
        "function",
        "CREATE OR REPLACE FUNCTION govinfo_append_only() RETURNS trigger LANGUAGE plpgsql AS $function$ "
        "BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $function$",
    ),
    _pg_trigger("events_append_only", "events", "BEFORE DELETE OR UPDATE"),
    _pg_trigger("events_no_truncate", "events", "BEFORE TRUNCATE"),
    _pg_trigger("audit_append_only", "audit", "BEFORE DELETE OR UPDATE"),
    _pg_trigger("audit_no_truncate", "audit", "BEFORE TRUNCATE"),
    _pg_trigger("year_locks_append_only", "year_locks", "BEFORE DELETE OR UPDATE"),
    _pg_trigger("year_locks_no_truncate", "year_locks", "BEFORE TRUNCATE"),
    # PostgreSQL's login guards (store.roles): the operator is the login, head-only acts
    *(_login_function(name) for name in LOGIN_FUNCTIONS),
    *(_login_trigger(name) for name in LOGIN_TRIGGERS),
)


def expected(conn: sa.Connection) -> tuple[Guard, ...]:
    return tuple(g for g in GUARDS if g.backend == conn.dialect.name)


@dataclass(frozen=True)
class Problem:
    name: str  # the guard (or the setting, the table) concerned
    what: str  # one line, in Chinese
    missing: bool = False  # the guard is absent or does not fire (``missing_guards``)


_STATES = {
    "D": "已停用（DISABLE TRIGGER）",
    "R": "仅在 session_replication_role = replica 时生效",
    "O": "未设为始终生效（ENABLE ALWAYS）",
    "A": "始终生效",
}


def _blank(text: str) -> str:
    return " ".join(text.split())


def problems(conn: sa.Connection) -> list[Problem]:
    """Every way the database's guards differ from ``GUARDS``."""
    if conn.dialect.name == "sqlite":
        return _sqlite(conn)
    if conn.dialect.name == "postgresql":
        return _postgresql(conn)
    return []


def missing(conn: sa.Connection) -> list[str]:
    """The guards that are absent or do not fire."""
    return [p.name for p in problems(conn) if p.missing]


def _sqlite(conn: sa.Connection) -> list[Problem]:
    have = {
        r.name: (r.tbl_name, r.sql or "")
        for r in conn.exec_driver_sql("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
    }
    out = []
    for g in expected(conn):
        if g.name not in have:
            out.append(Problem(g.name, "防篡改触发器缺失", missing=True))
        elif _blank(have[g.name][1]) != _blank(g.definition):
            out.append(Problem(g.name, f"防篡改触发器的定义被改动：{_blank(have[g.name][1])}", missing=True))
    known = {g.name for g in GUARDS}
    for name, (table, _) in sorted(have.items()):
        if name not in known and table in GUARDED_TABLES:
            out.append(Problem(name, f"{table} 表上有 govinfo 未安装的触发器"))
    return out


def _unqualified(text: str, schema: str) -> str:
    """A definition with the schema's own name taken off the names it qualifies."""
    return _blank(re.sub(rf'(?<![\w"$.])(?:"{re.escape(schema)}"|{re.escape(schema)})\.(?=[\w"])', "", text))


def _postgresql(conn: sa.Connection) -> list[Problem]:
    schema = conn.exec_driver_sql("SELECT current_schema()").scalar() or "public"
    out = []
    functions = {
        r.proname: _unqualified(r.definition, schema)
        for r in conn.exec_driver_sql(
            "SELECT p.proname, pg_get_functiondef(p.oid) AS definition FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = current_schema() AND p.prokind = 'f'"
        )
    }
    triggers = {
        r.tgname: (r.relname, r.tgenabled, _unqualified(r.definition, schema))
        for r in conn.exec_driver_sql(
            "SELECT t.tgname, c.relname, t.tgenabled, pg_get_triggerdef(t.oid) AS definition "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    }
    named = schema if re.fullmatch(r"[a-z_][a-z0-9_$]*", schema) else '"' + schema.replace('"', '""') + '"'
    for g in expected(conn):
        if g.kind == "function":
            if g.name not in functions:
                out.append(Problem(g.name, "防篡改函数缺失", missing=True))
            elif functions[g.name] != _blank(g.definition.replace(SCHEMA, named)):
                out.append(Problem(g.name, f"防篡改函数的定义被改动：{functions[g.name]}", missing=True))
            continue
        if g.name not in triggers:
            out.append(Problem(g.name, "防篡改触发器缺失", missing=True))
            continue
        _, state, definition = triggers[g.name]
        if definition != _blank(g.definition):
            out.append(Problem(g.name, f"防篡改触发器的定义被改动：{definition}", missing=True))
        if state != g.enabled:
            off = state in ("D", "R")
            out.append(Problem(g.name, f"防篡改触发器{_STATES.get(state, state)}", missing=off))
    known = {g.name for g in GUARDS}
    for name, (table, _, _) in sorted(triggers.items()):
        if name not in known and table in GUARDED_TABLES:
            out.append(Problem(name, f"{table} 表上有 govinfo 未安装的触发器"))
    tables = ", ".join(f"'{t}'" for t in GUARDED_TABLES)
    for r in conn.exec_driver_sql(
        f"SELECT tablename, rulename FROM pg_rules WHERE schemaname = current_schema() AND tablename IN ({tables})"
    ):
        out.append(Problem(r.rulename, f"{r.tablename} 表上有改写规则（CREATE RULE）"))
    for r in conn.exec_driver_sql(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        f"WHERE n.nspname = current_schema() AND c.relname IN ({tables}) AND c.relrowsecurity"
    ):
        out.append(Problem(r.relname, f"{r.relname} 表启用了行级安全（可能向本检查隐藏行）"))
    role = conn.exec_driver_sql("SHOW session_replication_role").scalar()
    if role != "origin":
        out.append(Problem("session_replication_role", f"本会话 session_replication_role = {role}（不是 origin）"))
    for r in conn.exec_driver_sql(
        "SELECT coalesce(d.datname, '（所有库）') AS db, coalesce(a.rolname, '（所有角色）') AS role, s.setconfig "
        "FROM pg_db_role_setting s LEFT JOIN pg_database d ON d.oid = s.setdatabase "
        "LEFT JOIN pg_roles a ON a.oid = s.setrole "
        "WHERE s.setdatabase = 0 OR d.datname = current_database()"  # this database's, or every database's
    ):
        for item in r.setconfig or ():
            if re.match(r"\s*session_replication_role\s*=", item) and not item.endswith("=origin"):
                out.append(Problem("session_replication_role", f"为数据库 {r.db}、角色 {r.role} 设置了 {item}"))
    return out
