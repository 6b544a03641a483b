"""Each clerk a login, each login a role (PostgreSQL; docs/postgresql.md).

The three govinfo roles and what each may do to each table (``PRIVILEGES``, the one
privilege matrix); the database's own guards that check the *login* of the session, not
what govinfo says (``FUNCTIONS``/``TRIGGERS``: the operator is the login, the recording
time the server's, head-only events, audit actions and settings); who a connection is
(``login``); and the SQL of ``db grant`` / ``db roles``.

The owner of the tables (the login that ran ``db init``; a superuser likewise) is exempt
from the guards, as before this module: it can rewrite anything, so only migrations and
set-up use it. SQLite has none of this: the file is one office's, and the operator is
``--by`` / ``GOVINFO_USER`` / the OS user.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from govinfo_cli.core import codes

CLERK, HEAD, AUDITOR = "govinfo_clerk", "govinfo_head", "govinfo_auditor"
ROLES = {"clerk": CLERK, "head": HEAD, "auditor": AUDITOR}  # the name `db grant` takes → the role
LABELS = {
    "owner": "所有者（仅迁移和设置用）",
    "superuser": "超级用户",
    "head": "负责人",
    "clerk": "经办人",
    "auditor": "审计",
}

# Event types only the head (负责人) records: extensions (条例第33条; 投诉举报 15 日) and the
# internal milestones the office head approves, and voiding a case. An amendment made after
# one of the case's deadlines had passed is the head's too (docs/rules.md §12).
HEAD_EVENTS = {
    "extended": codes.EVENT_TYPES["request"]["extended"] + "（条例第33条）",
    "complaint_extended": codes.EVENT_TYPES["complaint"]["complaint_extended"],
    "draft_extended": codes.EVENT_TYPES["request"]["draft_extended"],
    "approved": codes.EVENT_TYPES["request"]["approved"],
    "voided": codes.LOG_EVENT_TYPES["voided"],
}
LATE_AMENDMENT = "期限届满后的更正"
BULK_AMENDMENT = "导入中的更正"  # not recorded on its own: the database cannot tell whether it is late
# Audit actions only the head writes (app.trail.ACTIONS): a reveal of personal data (show,
# list, export, letter --reveal), a year lock, a cache rewrite, a settings change.
HEAD_ACTIONS = {"reveal": "查看个人信息", "lock": "年度锁定", "repair": "重写缓存", "config": "修改设置"}
# The one setting a clerk's command writes: the calendar snapshot (derived, app.calendar).
CLERK_SETTINGS = ("calendar.snapshot",)
# A recording time must be the server's clock, within this much (govinfo takes it from the
# server on PostgreSQL: app.context.Context.now).
CLOCK_SLACK = "10 minutes"

# The cached columns of a case (store.cache.case_row) and its event count: what a clerk's
# command updates. Not id, kind, number or created_at.
CASE_UPDATE = ("status", "outcome", "department", "party", "party_type", "subject", "opened", "closed", "event_count")

# table → role → privileges. govinfo_head is a member of govinfo_clerk and has the clerk's
# privileges besides its own. Nobody but the owner may UPDATE or DELETE events, audit or
# year_locks, TRUNCATE anything, or change the schema (docs/postgresql.md has this matrix).
PRIVILEGES: dict[str, dict[str, str]] = {
    "cases": {CLERK: f"SELECT, INSERT, UPDATE ({', '.join(CASE_UPDATE)})", AUDITOR: "SELECT"},
    "events": {CLERK: "SELECT, INSERT", AUDITOR: "SELECT"},
    "deadlines": {CLERK: "SELECT, INSERT, DELETE", AUDITOR: "SELECT"},
    "audit": {CLERK: "SELECT, INSERT", AUDITOR: "SELECT"},
    "letter_counters": {CLERK: "SELECT, INSERT, UPDATE", AUDITOR: "SELECT"},
    "settings": {CLERK: "SELECT, INSERT, DELETE", AUDITOR: "SELECT"},
    "year_locks": {CLERK: "SELECT", HEAD: "INSERT", AUDITOR: "SELECT"},
    "calendar_overrides": {CLERK: "SELECT", HEAD: "INSERT, DELETE", AUDITOR: "SELECT"},
    "confirmed_years": {CLERK: "SELECT", HEAD: "INSERT, DELETE", AUDITOR: "SELECT"},
    "catalogue_items": {CLERK: "SELECT", HEAD: "INSERT, DELETE", AUDITOR: "SELECT"},
    "alembic_version": {CLERK: "SELECT", AUDITOR: "SELECT"},
}

# ---------------------------------------------------------------------------------------
# The guards (migration 0009 creates them). Each function's search_path is pinned, so a
# session cannot shadow a table or function it reads (a temporary table named `cases`).
# ---------------------------------------------------------------------------------------

# The owner (superusers are members of every role) is exempt. First the database's owner
# (pg_database_owner, PostgreSQL 14+: a plain function call, no query), then the table's.
_DB_OWNER = "COALESCE(pg_has_role(session_user, to_regrole('pg_database_owner'), 'MEMBER'), false)"
_TABLE_OWNER = "pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')"


def _exempt(result: str) -> str:
    return f"IF {_DB_OWNER} THEN RETURN {result}; END IF;\n  IF {_TABLE_OWNER} THEN RETURN {result}; END IF;"


_IS_HEAD = f"COALESCE(pg_has_role(session_user, to_regrole('{HEAD}'), 'MEMBER'), false)"


def _now_ok(column: str) -> str:
    return (
        f"COALESCE({column} BETWEEN transaction_timestamp() - interval '{CLOCK_SLACK}' "
        f"AND clock_timestamp() + interval '{CLOCK_SLACK}', false)"
    )


def _in(values: Sequence[str]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def _case(column: str, labels: dict[str, str]) -> str:
    whens = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in labels.items())
    return f"CASE {column} {whens} ELSE '{LATE_AMENDMENT}' END"


_REFUSE = "RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', MESSAGE = "
_WHO = "'%s须由负责人（govinfo_head）{verb}，登录 %s 不是负责人'"

_EVENTS_BODY = f"""
DECLARE r record;
BEGIN
  {_exempt("NULL")}
  SELECT a.operator, a.recorded_at INTO r FROM added a
   WHERE a.operator IS DISTINCT FROM session_user OR NOT {_now_ok("a.recorded_at")} LIMIT 1;
  IF FOUND THEN
    {_REFUSE}format('事件的经办人须为数据库登录 %s、录入时间须为服务器时间（收到：经办人 %s，录入时间 %s）',
                    session_user, r.operator, r.recorded_at);
  END IF;
  IF NOT {_IS_HEAD} THEN
    -- an amendment is judged against the case's cached deadlines, when they are the case's
    -- state just before it (its event count is the amendment's seq - 1); else it is late
    SELECT a.type, f.fresh INTO r FROM added a,
           LATERAL (SELECT EXISTS (SELECT 1 FROM cases c WHERE c.id = a.case_id AND c.event_count = a.seq - 1)
                    AS fresh) f
     WHERE a.type IN {_in(list(HEAD_EVENTS))}
        OR (a.type = 'amended' AND (NOT f.fresh
              OR EXISTS (SELECT 1 FROM deadlines d WHERE d.case_id = a.case_id AND d.due < a.date)))
     LIMIT 1;
    IF FOUND THEN
      {_REFUSE}format({_WHO.format(verb="记录")},
                      CASE WHEN r.type = 'amended' AND NOT r.fresh THEN '{BULK_AMENDMENT}'
                           ELSE {_case("r.type", HEAD_EVENTS)} END, session_user);
    END IF;
  END IF;
  RETURN NULL;
END"""

_AUDIT_BODY = f"""
DECLARE r record;
BEGIN
  {_exempt("NULL")}
  SELECT a.operator, a.at INTO r FROM added a
   WHERE a.operator IS DISTINCT FROM session_user OR NOT {_now_ok("a.at")} LIMIT 1;
  IF FOUND THEN
    {_REFUSE}format('审计记录的经办人须为数据库登录 %s、时间须为服务器时间（收到：经办人 %s，时间 %s）',
                    session_user, r.operator, r.at);
  END IF;
  IF NOT {_IS_HEAD} THEN
    SELECT a.action INTO r FROM added a WHERE a.action IN {_in(list(HEAD_ACTIONS))} LIMIT 1;
    IF FOUND THEN
      {_REFUSE}format({_WHO.format(verb="进行")}, {_case("r.action", HEAD_ACTIONS)}, session_user);
    END IF;
  END IF;
  RETURN NULL;
END"""

_SETTINGS_BODY = f"""
DECLARE k text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    {_exempt("OLD")}
  ELSE
    {_exempt("NEW")}
  END IF;
  IF NOT {_IS_HEAD} THEN
    IF TG_OP <> 'INSERT' AND OLD.key NOT IN {_in(CLERK_SETTINGS)} THEN
      k := OLD.key;
    ELSIF TG_OP <> 'DELETE' AND NEW.key NOT IN {_in(CLERK_SETTINGS)} THEN
      k := NEW.key;
    END IF;
    IF k IS NOT NULL THEN
      {_REFUSE}format('设置 %s 须由负责人（govinfo_head）修改，登录 %s 不是负责人', k, session_user);
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END"""

_ROW_BODY = f"""
DECLARE j jsonb;
BEGIN
  {_exempt("NEW")}
  j := to_jsonb(NEW);
  IF j->>'operator' IS DISTINCT FROM session_user OR NOT {_now_ok("(j->>TG_ARGV[0])::timestamptz")} THEN
    {_REFUSE}format('%s 的经办人须为数据库登录 %s、时间须为服务器时间（收到：经办人 %s，时间 %s）',
                    TG_TABLE_NAME, session_user, j->>'operator', j->>TG_ARGV[0]);
  END IF;
  RETURN NEW;
END"""

# function name → (arguments, body); created with a pinned search_path (see ``function_sql``)
FUNCTIONS: dict[str, str] = {
    "govinfo_events_by_login": _EVENTS_BODY,
    "govinfo_audit_by_login": _AUDIT_BODY,
    "govinfo_settings_by_login": _SETTINGS_BODY,
    "govinfo_row_by_login": _ROW_BODY,
}
# trigger name → (table, definition), the definition as pg_get_triggerdef prints it (events in
# its order: INSERT, DELETE, UPDATE), since `db check` compares it (store.guards.GUARDS)
TRIGGERS: dict[str, tuple[str, str]] = {
    "events_by_login": (
        "events",
        "AFTER INSERT ON events REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION govinfo_events_by_login()",
    ),
    "audit_by_login": (
        "audit",
        "AFTER INSERT ON audit REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
        "EXECUTE FUNCTION govinfo_audit_by_login()",
    ),
    "settings_by_login": (
        "settings",
        "BEFORE INSERT OR DELETE OR UPDATE ON settings FOR EACH ROW EXECUTE FUNCTION govinfo_settings_by_login()",
    ),
    "year_locks_by_login": (
        "year_locks",
        "BEFORE INSERT ON year_locks FOR EACH ROW EXECUTE FUNCTION govinfo_row_by_login('locked_at')",
    ),
    "calendar_overrides_by_login": (
        "calendar_overrides",
        "BEFORE INSERT ON calendar_overrides FOR EACH ROW EXECUTE FUNCTION govinfo_row_by_login('recorded_at')",
    ),
    "confirmed_years_by_login": (
        "confirmed_years",
        "BEFORE INSERT ON confirmed_years FOR EACH ROW EXECUTE FUNCTION govinfo_row_by_login('recorded_at')",
    ),
}


def function_sql(name: str, schema: str) -> str:
    """CREATE OR REPLACE of one guard function; ``schema`` holds govinfo's tables."""
    quoted = '"' + schema.replace('"', '""') + '"'
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        f"SET search_path = pg_catalog, {quoted}, pg_temp AS $govinfo${FUNCTIONS[name]}\n$govinfo$"
    )


def create_guards(conn: sa.Connection) -> None:
    schema = _sql(conn, "SELECT current_schema()").scalar() or "public"
    for name in FUNCTIONS:
        _sql(conn, function_sql(name, schema))
    for name, (table, definition) in TRIGGERS.items():
        _sql(conn, f"DROP TRIGGER IF EXISTS {name} ON {table}")
        _sql(conn, f"CREATE TRIGGER {name} {definition}")


def drop_guards(conn: sa.Connection) -> None:
    for name, (table, _) in TRIGGERS.items():
        _sql(conn, f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for name in FUNCTIONS:
        _sql(conn, f"DROP FUNCTION IF EXISTS {name}()")


# ---------------------------------------------------------------------------------------
# The roles and the privilege matrix
# ---------------------------------------------------------------------------------------


def create_roles_sql(clerk: str = CLERK, head: str = HEAD, auditor: str = AUDITOR) -> str:
    """The three roles (the head a member of the clerk's), when missing and this login may
    create roles. Idempotent, and safe when several databases of one server are migrated at
    once (roles are cluster-wide): a twin created concurrently is caught, not an error."""
    return f"""
DO $govinfo$
DECLARE name text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
    RETURN;
  END IF;
  FOREACH name IN ARRAY ARRAY['{clerk}', '{head}', '{auditor}'] LOOP
    IF to_regrole(name) IS NULL THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', name);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END;
    END IF;
  END LOOP;
  IF NOT pg_has_role('{head}', '{clerk}', 'MEMBER') THEN
    BEGIN
      EXECUTE format('GRANT %I TO %I', '{clerk}', '{head}');
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END IF;
END
$govinfo$"""


def roles_exist(conn: sa.Connection) -> bool:
    found = _sql(conn, f"SELECT count(*) FROM pg_roles WHERE rolname IN ('{CLERK}', '{HEAD}', '{AUDITOR}')").scalar()
    return found == 3


def setup(conn: sa.Connection) -> bool:
    """Create the three roles if they are missing and this login may (superuser or
    CREATEROLE), then give each table exactly the privileges of ``PRIVILEGES`` (run by the
    owner of the tables), and close the database to logins not given a role (``db grant``
    gives them CONNECT). False when the roles do not exist and could not be created."""
    _sql(conn, create_roles_sql())
    if not roles_exist(conn):
        return False
    everyone = f"{CLERK}, {HEAD}, {AUDITOR}"
    for table, grants in PRIVILEGES.items():
        if _sql(conn, f"SELECT to_regclass('{table}')").scalar() is None:
            continue
        _sql(conn, f"REVOKE ALL ON TABLE {table} FROM PUBLIC, {everyone}")
        for role, what in grants.items():
            _sql(conn, f"GRANT {what} ON TABLE {table} TO {role}")
        seq = _sql(
            conn,
            f"SELECT pg_get_serial_sequence('{table}', 'id') WHERE EXISTS "
            f"(SELECT 1 FROM information_schema.columns WHERE table_name = '{table}' AND column_name = 'id' "
            "AND table_schema = current_schema())",
        ).scalar()
        if seq:
            _sql(conn, f"REVOKE ALL ON SEQUENCE {seq} FROM PUBLIC, {everyone}")
            for role, what in grants.items():
                if "INSERT" in what:
                    _sql(conn, f"GRANT USAGE ON SEQUENCE {seq} TO {role}")
    _sql(conn, _CLOSE_DATABASE)
    return True


def revoke_all(conn: sa.Connection) -> None:
    """Take every privilege of the matrix back (migration 0009's downgrade); the roles stay."""
    if not roles_exist(conn):
        return
    for table in PRIVILEGES:
        if _sql(conn, f"SELECT to_regclass('{table}')").scalar() is not None:
            _sql(conn, f"REVOKE ALL ON TABLE {table} FROM {CLERK}, {HEAD}, {AUDITOR}")
    _sql(conn, f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {_schema(conn)} FROM {CLERK}, {HEAD}, {AUDITOR}")


def _schema(conn: sa.Connection) -> str:
    name = _sql(conn, "SELECT current_schema()").scalar() or "public"
    return quote(name)


def _sql(conn: sa.Connection, sql: str) -> sa.CursorResult[Any]:
    """One statement as it is (psycopg would read ``%`` as a placeholder: plpgsql's
    ``format('%s')`` is doubled)."""
    return conn.exec_driver_sql(sql.replace("%", "%%"))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# ---------------------------------------------------------------------------------------
# Who a connection is
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
    """The session's login on a server database. ``owner``: a member of the role that owns
    govinfo's tables (a superuser is): it migrates, and the guards do not apply to it."""

    name: str
    owner: bool
    owner_name: str
    superuser: bool
    role: str | None  # "head", "clerk", "auditor" (the highest held), None
    offset: dt.timedelta  # the server's clock minus this computer's

    @property
    def restricted(self) -> bool:
        """Whether the database checks this login (its operator is the login)."""
        return not self.owner


_LOGIN_SQL = f"""
SELECT session_user AS name,
       pg_has_role(session_user, o.owner, 'MEMBER') AS owner,
       pg_get_userbyid(o.owner) AS owner_name,
       r.rolsuper AS superuser,
       COALESCE(pg_has_role(session_user, to_regrole('{HEAD}'), 'MEMBER'), false) AS head,
       COALESCE(pg_has_role(session_user, to_regrole('{CLERK}'), 'MEMBER'), false) AS clerk,
       COALESCE(pg_has_role(session_user, to_regrole('{AUDITOR}'), 'MEMBER'), false) AS auditor,
       clock_timestamp() AS clock
FROM (SELECT COALESCE((SELECT relowner FROM pg_class WHERE oid = to_regclass('alembic_version')),
                      (SELECT datdba FROM pg_database WHERE datname = current_database())) AS owner) o
JOIN pg_roles r ON r.rolname = session_user"""

_logins: weakref.WeakKeyDictionary[Engine, Login] = weakref.WeakKeyDictionary()


def login_of(conn: sa.Connection) -> Login:
    r = _sql(conn, _LOGIN_SQL).one()
    role = "head" if r.head else "clerk" if r.clerk else "auditor" if r.auditor else None
    offset = r.clock - dt.datetime.now(dt.UTC)
    return Login(r.name, bool(r.owner), r.owner_name, bool(r.superuser), role, offset)


def login(engine: Engine) -> Login | None:
    """The login of ``engine``'s sessions (asked once per engine); None on SQLite."""
    if engine.dialect.name != "postgresql":
        return None
    known = _logins.get(engine)
    if known is None:
        with engine.connect() as conn:
            known = login_of(conn)
        _logins[engine] = known
    return known


# ---------------------------------------------------------------------------------------
# db grant / db roles
# ---------------------------------------------------------------------------------------


def login_exists(conn: sa.Connection, name: str) -> bool:
    return bool(conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first())


def role_facts(conn: sa.Connection, name: str) -> Any:
    """(can log in, superuser, member of the owner) of an existing role."""
    return conn.execute(
        sa.text(
            "SELECT r.rolcanlogin AS login, r.rolsuper AS superuser, "
            "pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = to_regclass('alembic_version')), "
            "'MEMBER') AS owner FROM pg_roles r WHERE r.rolname = :n"
        ),
        {"n": name},
    ).one()


def create_login(conn: sa.Connection, name: str, verifier: str | None) -> None:
    """A new login; ``verifier``: its password as a SCRAM verifier (never the password
    itself, which would reach the server's log), or None for none."""
    sql = f"CREATE ROLE {quote(name)} LOGIN"
    if verifier is not None:
        sql += " PASSWORD " + "'" + verifier.replace("'", "''") + "'"
    _sql(conn, sql)


def scram_verifier(conn: sa.Connection, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of ``password`` for ``name``, computed here by libpq
    (as psql's \\password does)."""
    raw = conn.connection.dbapi_connection
    pgconn = raw.pgconn  # type: ignore[union-attr]
    out: bytes = pgconn.encrypt_password(password.encode(), name.encode(), b"scram-sha-256")
    return out.decode()


def held(conn: sa.Connection, name: str) -> list[str]:
    """The govinfo roles (``ROLES`` keys) granted to ``name`` directly."""
    names = set(
        conn.execute(
            sa.text(
                "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :u"
            ),
            {"u": name},
        ).scalars()
    )
    return [key for key, role in ROLES.items() if role in names]


def set_role(conn: sa.Connection, name: str, role: str | None) -> None:
    """Make ``role`` (a ``ROLES`` key, or None) the login's only govinfo role, and let it
    connect to this database (or no longer, for None)."""
    who = quote(name)
    have = held(conn, name)
    for key in have:
        if key != role:
            _sql(conn, f"REVOKE {ROLES[key]} FROM {who}")
    database = quote(_sql(conn, "SELECT current_database()").scalar() or "")
    if role is None:
        _sql(conn, f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM {who}")
        return
    if role not in have:
        _sql(conn, f"GRANT {ROLES[role]} TO {who}")
    _sql(conn, f"GRANT CONNECT ON DATABASE {database} TO {who}")


# Only the logins given a role here (and the owner) connect to this database, and nobody
# makes temporary tables in it: an office's database on a server shared with other offices,
# whose clerks hold the same cluster-wide roles. Only the database's owner may say so.
_CLOSE_DATABASE = """
DO $govinfo$
BEGIN
  IF pg_has_role(current_user, (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER') THEN
    EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  END IF;
END
$govinfo$"""


_LIST_SQL = f"""
SELECT r.rolname AS name, r.rolsuper AS superuser,
       pg_has_role(r.oid, o.owner, 'MEMBER') AS owner,
       (SELECT array_agg(g.rolname::text ORDER BY g.rolname) FROM pg_auth_members m
         JOIN pg_roles g ON g.oid = m.roleid
        WHERE m.member = r.oid AND g.rolname IN ('{CLERK}', '{HEAD}', '{AUDITOR}')) AS roles,
       has_database_privilege(r.oid, current_database(), 'CONNECT') AS connect
FROM pg_roles r,
     (SELECT COALESCE((SELECT relowner FROM pg_class WHERE oid = to_regclass('alembic_version')),
                      (SELECT datdba FROM pg_database WHERE datname = current_database())) AS owner) o
WHERE r.rolcanlogin
  AND (r.rolsuper OR r.oid = o.owner OR (has_database_privilege(r.oid, current_database(), 'CONNECT') AND EXISTS (
        SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
         WHERE m.member = r.oid AND g.rolname IN ('{CLERK}', '{HEAD}', '{AUDITOR}'))))
ORDER BY r.rolname"""


def logins(conn: sa.Connection) -> list[dict[str, Any]]:
    """Every login that can do something in this database: the owner, superusers, and the
    logins holding a govinfo role that may connect to it (a clerk of another office on the
    same server holds the same role, but may not)."""
    out = []
    for r in _sql(conn, _LIST_SQL):
        have = [k for k, v in ROLES.items() if v in (r.roles or [])]
        top = next((k for k in ("head", "clerk", "auditor") if k in have), None)  # two set by hand: the highest
        role = "superuser" if r.superuser else "owner" if r.owner else top
        out.append({"login": r.name, "role": role, "roles": have, "connect": bool(r.connect)})
    return out
