"""Each clerk a login, each login a role (PostgreSQL; issue 24, item 5; docs/postgresql.md).

Three logins per test (a clerk, a head, an auditor), with names unique to the test and
dropped afterwards (roles are cluster-wide: parallel runs must not collide). What the
clerk's govinfo may not do, the clerk's own SQL connection (SQLAlchemy, and psql where it is
installed) may not do either: the database refuses it, whatever the client says."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import sqlalchemy as sa

from tests import pg
from tests.builders import add_request_args, jsonl
from tests.conftest import TODAY, dump, ok, query

on_pg = pytest.mark.skipif(not pg.SERVER, reason="PostgreSQL only (GOVINFO_TEST_PG)")
ROLES = ("clerk", "head", "auditor")


@dataclass
class Office:
    url: str  # the owner's (the suite's superuser)
    names: dict[str, str]
    cli: object
    monkeypatch: pytest.MonkeyPatch
    extra: list[str] = field(default_factory=list)  # logins made by a test, dropped with the others

    def url_as(self, role: str) -> str:
        name = self.names.get(role, role)
        return sa.engine.make_url(self.url).set(username=name).render_as_string(hide_password=False)

    def run(self, role: str, *args: str, input: str | None = None, by: str | None = None):  # noqa: A002, ANN201
        """govinfo as that login (no GOVINFO_USER unless ``by``)."""
        with self.monkeypatch.context() as m:
            if by is None:
                m.delenv("GOVINFO_USER", raising=False)
            else:
                m.setenv("GOVINFO_USER", by)
            return self.cli("--db", self.url_as(role), *args, input=input)  # type: ignore[operator]

    def engine(self, role: str) -> sa.Engine:
        return sa.create_engine(self.url_as(role), poolclass=sa.pool.NullPool)


def _drop_login(url: str, name: str) -> None:
    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                quoted = '"' + name.replace('"', '""') + '"'
                conn.exec_driver_sql(f"DROP OWNED BY {quoted}")
                conn.exec_driver_sql(f"DROP ROLE {quoted}")
    finally:
        engine.dispose()


@pytest.fixture
def office(pg_database: str, cli, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:  # noqa: ANN001
    tag = secrets.token_hex(4)
    names = {role: f"govinfo_test_{tag}_{role}" for role in ROLES}
    made = Office(pg_database, names, cli, monkeypatch)
    try:
        for role, name in names.items():
            ok(cli("db", "grant", name, role, "--no-password"))
        yield made
    finally:
        for name in [*names.values(), *made.extra]:
            _drop_login(pg_database, name)


def _refused(exc: pytest.ExceptionInfo[sa.exc.DBAPIError]) -> str:
    assert exc.value.orig is not None and exc.value.orig.sqlstate == "42501", exc.value  # type: ignore[attr-defined]
    return str(exc.value.orig).splitlines()[0]


def _cases(office: Office, *, milestones: bool = False) -> dict[str, int]:
    """R-1 (received on 16 November: no deadline passed on the 20th, unless ``milestones``:
    the internal transfer fell due on the 18th), R-OLD (received on 9 October: its reply fell
    due on 5 November), C-1 (a complaint), recorded by the clerk. ``milestones``: the office
    has the internal milestones (the xinjiang profile, set by the owner)."""
    if milestones:
        ok(office.cli("config", "set", "profile", "xinjiang"))  # type: ignore[operator]
    ok(office.run("clerk", *add_request_args("R-1", "2026-11-16", contact="13900001111")))
    ok(office.run("clerk", *add_request_args("R-OLD", "2026-10-09")))
    ok(office.run("clerk", "complaint", "accept", "--case", "C-1", "--respondent", "某药房", "--summary", "套现",
                  "--reporter", "周秀英", "--date", "2026-11-16"))  # fmt: skip
    return _ids(office)


def _ids(office: Office) -> dict[str, int]:
    return {number: i for i, number in query("SELECT id, number FROM cases")}


# --- through govinfo ------------------------------------------------------------------------

GOVINFO_REFUSED = {
    "an extension (条例第33条)": ("request", "extend", "R-1", "--days", "5", "--reason", "需调取档案"),
    "a complaint's extension": ("complaint", "extend", "C-1", "--days", "5", "--reason", "需调取数据"),
    "an internal extension": ("request", "extend-draft", "R-1", "--days", "3", "--reason", "复杂"),
    "an approval": ("request", "approve", "R-1"),  # after the draft (recorded by the clerk, below)
    "a void": ("void", "R-1", "--reason", "重复登记"),
    "an amendment after a deadline passed": ("amend", "R-OLD", "1", "--subject", "事项", "--reason", "录错"),
    "a reveal (show)": ("show", "R-1", "--reveal"),
    "a reveal (list)": ("request", "list", "--reveal"),
    "a reveal (export)": ("export", "requests", "--reveal", "--json"),
    "a year lock": ("report", "lock", "2025"),
    "a settings change": ("config", "set", "agency.name", "某县医疗保障局"),
}


@on_pg
def test_a_clerk_cannot_extend_approve_void_amend_late_reveal_or_lock_through_govinfo(office: Office) -> None:
    _cases(office, milestones=True)
    ok(office.run("clerk", "request", "transfer", "R-1", "--department", "办公室"))
    ok(office.run("clerk", "due"))  # the calendar snapshot is stored: what follows writes nothing
    before = dump()
    for what, args in GOVINFO_REFUSED.items():
        if what == "an approval":
            ok(office.run("clerk", "request", "draft", "R-1"))
            before = dump()
        r = office.run("clerk", *args)
        assert r.exit_code == 1, (what, r.stdout, r.stderr)
        first = r.stderr.splitlines()[0]
        assert first.startswith("错误：数据库拒绝："), (what, r.stderr)
        assert "须由负责人" in first or "permission denied" in first, (what, first)
        assert "13900001111" not in r.stdout, what
    assert dump() == before


@on_pg
def test_the_head_may_what_the_clerk_may_not(office: Office) -> None:
    _cases(office, milestones=True)
    ok(office.run("clerk", "request", "transfer", "R-1", "--department", "办公室"))
    ok(office.run("head", "request", "extend-draft", "R-1", "--days", "3", "--reason", "复杂"))
    ok(office.run("clerk", "request", "draft", "R-1"))
    ok(office.run("head", "request", "approve", "R-1"))
    ok(office.run("head", "request", "extend", "R-1", "--days", "5", "--reason", "需调取档案"))
    ok(office.run("head", "complaint", "extend", "C-1", "--days", "5", "--reason", "需调取数据"))
    ok(office.run("head", "amend", "R-OLD", "1", "--subject", "事项", "--reason", "录错"))
    assert "13900001111" in ok(office.run("head", "show", "R-1", "--reveal")).stdout
    ok(office.run("head", "void", "R-OLD", "--reason", "重复登记"))
    ok(office.run("head", "report", "lock", "2025"))
    head = office.names["head"]
    assert query("SELECT DISTINCT operator FROM audit WHERE action <> 'config'") == [(head,)]
    assert query("SELECT operator FROM year_locks WHERE year = 2025") == [(head,)]


@on_pg
def test_an_amendment_before_any_deadline_passed_is_the_clerks(office: Office) -> None:
    _cases(office)
    ok(office.run("clerk", "amend", "R-1", "1", "--subject", "事项二", "--reason", "录错"))
    assert query("SELECT operator FROM events WHERE type = 'amended'") == [(office.names["clerk"],)]


# --- the recorded operator -------------------------------------------------------------------


@on_pg
def test_the_recorded_operator_is_the_login_and_the_time_the_servers(office: Office) -> None:
    _cases(office)
    clerk = office.names["clerk"]
    assert set(query("SELECT operator FROM events")) == {(clerk,)}
    (late,) = query("SELECT max(abs(extract(epoch FROM now() - recorded_at))) FROM events")[0]
    assert late < 60
    entries = ok(office.run("auditor", "audit", "--json")).json()
    assert {e["operator"] for e in entries} == {clerk} and len(entries) == 3


@on_pg
def test_a_by_naming_someone_else_is_refused_and_the_login_itself_is_accepted(office: Office) -> None:
    clerk = office.names["clerk"]
    before = dump()
    for env, extra in ((None, ("--by", "张三")), ("张三", ())):
        r = office.run("clerk", *extra, *add_request_args("R-9", "2026-11-16"), by=env)
        assert r.exit_code == 1
        where = "--by" if extra else "GOVINFO_USER"
        assert (
            r.stderr.splitlines()[0] == f"错误：经办人（{where}）'张三' 与数据库登录 {clerk} 不符：本库按登录记录经办人"
        )
        assert dump() == before
    r = office.run("clerk", "--by", "张三", "due")  # a read command too: refused before anything
    assert r.exit_code == 1 and "不符" in r.stderr
    ok(office.run("clerk", "--by", clerk, *add_request_args("R-9", "2026-11-16")))
    assert query("SELECT operator FROM events") == [(clerk,)]


# --- through SQL, as the login itself --------------------------------------------------------


def _event(case: str, seq: int, type_: str, payload: str = "{}", operator: str = "session_user",
           recorded: str = "now()") -> str:  # fmt: skip
    return (
        "INSERT INTO events (case_id, seq, type, date, payload, operator, recorded_at) VALUES "
        f"({case}, {seq}, '{type_}', DATE '{TODAY}', '{payload}', {operator}, {recorded})"
    )


CLERK_SQL = {
    "approve an extension": (_event("{R1}", 2, "extended", '{"working_days": 5, "reason": "x"}'), "须由负责人"),
    "approve a complaint's extension": (_event("{C1}", 2, "complaint_extended", '{"days": 5}'), "须由负责人"),
    "approve an internal extension": (_event("{R1}", 2, "draft_extended", '{"working_days": 3}'), "须由负责人"),
    "approve a milestone": (_event("{R1}", 2, "approved"), "须由负责人"),
    "void": (_event("{R1}", 2, "voided", '{"reason": "x"}'), "作废案件须由负责人"),
    "amend after a deadline passed": (
        _event("{ROLD}", 2, "amended", '{"amends": 1, "fields": {"subject": "y"}, "reason": "x"}'),
        "期限届满后的更正须由负责人",
    ),
    "reveal": (
        "INSERT INTO audit (at, operator, action, target, detail) "
        "VALUES (now(), session_user, 'reveal', 'R-1', 'show')",
        "查看个人信息须由负责人",
    ),
    "lock a year": ("INSERT INTO year_locks VALUES (2025, session_user, now(), '')", "permission denied"),
    "unlock a year": ("DELETE FROM year_locks", "permission denied"),
    "UPDATE events": ("UPDATE events SET operator = 'x'", "permission denied"),
    "DELETE events": ("DELETE FROM events", "permission denied"),
    "TRUNCATE events": ("TRUNCATE events CASCADE", "permission denied"),
    "UPDATE audit": ("UPDATE audit SET operator = 'x'", "permission denied"),
    "DELETE audit": ("DELETE FROM audit", "permission denied"),
    "drop a trigger": ("DROP TRIGGER events_append_only ON events", "must be owner"),
    "disable the triggers": ("ALTER TABLE events DISABLE TRIGGER ALL", "must be owner"),
    "SET session_replication_role": ("SET session_replication_role = replica", "permission denied to set parameter"),
    "replace a guard function": (
        "CREATE OR REPLACE FUNCTION govinfo_append_only() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ "
        "LANGUAGE plpgsql",
        "permission denied",
    ),
    "record as someone else": (_event("{R1}", 2, "accepted", operator="'张三'"), "经办人须为数据库登录"),
    "backdate the recording time": (
        _event("{R1}", 2, "accepted", recorded="now() - interval '3 days'"),
        "录入时间须为服务器时间",
    ),
    "renumber a case": ("UPDATE cases SET number = 'X'", "permission denied"),
    "change a setting": ("INSERT INTO settings (key, value) VALUES ('profile', 'xinjiang')", "须由负责人"),
    "change the calendar": (
        "INSERT INTO calendar_overrides VALUES ('2026-12-01', false, '', session_user, now())",
        "permission denied",
    ),  # fmt: skip
}


def _fill(sql: str, ids: dict[str, int]) -> str:
    return sql.replace("{R1}", str(ids["R-1"])).replace("{ROLD}", str(ids["R-OLD"])).replace("{C1}", str(ids["C-1"]))


@on_pg
def test_a_clerk_cannot_do_it_through_sql_either(office: Office) -> None:
    ids = _cases(office)
    before = dump()
    engine = office.engine("clerk")
    refused = {}
    for what, (sql, says) in CLERK_SQL.items():
        with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError) as exc:
            conn.exec_driver_sql(_fill(sql, ids))
        refused[what] = _refused(exc)
        assert says in refused[what], (what, refused[what])
    assert dump() == before
    # and what the clerk may: record an ordinary event under the clerk's own login
    with engine.begin() as conn:
        conn.exec_driver_sql(_fill(_event("{R1}", 2, "accepted"), ids))
    engine.dispose()


@on_pg
@pytest.mark.skipif(shutil.which("psql") is None, reason="psql is not installed")
def test_a_clerk_cannot_do_it_through_psql(office: Office) -> None:
    ids = _cases(office)
    before = dump()
    url = sa.engine.make_url(office.url_as("clerk")).set(drivername="postgresql").render_as_string(False)
    for what in ("UPDATE events", "drop a trigger", "SET session_replication_role", "approve an extension",
                 "void", "reveal", "lock a year"):  # fmt: skip
        sql, says = CLERK_SQL[what]
        r = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", _fill(sql, ids)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert r.returncode != 0 and "ERROR:" in r.stderr and says in r.stderr, (what, r.stderr)
    assert dump() == before


HEAD_SQL = {
    "UPDATE events": "UPDATE events SET operator = 'x'",
    "DELETE events": "DELETE FROM events",
    "TRUNCATE events": "TRUNCATE events CASCADE",
    "UPDATE audit": "UPDATE audit SET detail = ''",
    "DELETE audit": "DELETE FROM audit",
    "TRUNCATE audit": "TRUNCATE audit",
    "UPDATE year_locks": "UPDATE year_locks SET note = ''",
    "DELETE year_locks": "DELETE FROM year_locks",
    "TRUNCATE year_locks": "TRUNCATE year_locks",
    "drop a trigger": "DROP TRIGGER audit_append_only ON audit",
    "SET session_replication_role": "SET session_replication_role = replica",
    "record as someone else": "INSERT INTO audit (at, operator, action, target, detail) "
    "VALUES (now(), '张三', 'reveal', 'R-1', 'show')",
}


@on_pg
def test_the_head_cannot_rewrite_the_trail_either(office: Office) -> None:
    _cases(office)
    ok(office.run("head", "show", "R-1", "--reveal"))
    ok(office.run("head", "report", "lock", "2025"))
    before = dump()
    engine = office.engine("head")
    for what, sql in HEAD_SQL.items():
        with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError) as exc:
            conn.exec_driver_sql(sql)
        assert _refused(exc), what
    engine.dispose()
    assert dump() == before


# --- the auditor ------------------------------------------------------------------------------


@on_pg
def test_an_auditor_reads_everything_and_the_audit_trail_and_writes_nothing(office: Office) -> None:
    _cases(office)
    ok(office.run("head", "show", "R-1", "--reveal"))
    query("DELETE FROM settings WHERE key = 'calendar.snapshot'")  # a read command would store it
    before = dump()
    for args in (("due",), ("show", "R-1"), ("request", "list"), ("complaint", "list"), ("db", "check"),
                 ("report", "timeliness", "2026"), ("db", "roles")):  # fmt: skip
        ok(office.run("auditor", *args))
    trail = ok(office.run("auditor", "audit", "--json")).json()
    assert {"record", "reveal"} <= {e["action"] for e in trail}
    for args in (("request", "reply", "R-1", "--outcome", "予以公开"), ("show", "R-1", "--reveal"),
                 tuple(add_request_args("R-9", "2026-11-16"))):  # fmt: skip
        r = office.run("auditor", *args)
        assert r.exit_code == 1 and r.stderr.startswith("错误：数据库拒绝："), (args, r.stderr)
    engine = office.engine("auditor")
    for sql in (
        "INSERT INTO audit (at, operator, action, target, detail) VALUES (now(), session_user, 'export', 'x', '')",
        _event(str(_ids(office)["R-1"]), 2, "accepted"),
        "UPDATE cases SET status = 'voided'",
        "DELETE FROM deadlines",
        "INSERT INTO settings (key, value) VALUES ('calendar.snapshot', '{}')",
        "INSERT INTO letter_counters VALUES ('x', 1)",
    ):
        with engine.connect() as conn, pytest.raises(sa.exc.DBAPIError) as exc:
            conn.exec_driver_sql(sql)
        assert "permission denied" in _refused(exc)
    engine.dispose()
    assert dump() == before


# --- an import, a schema the clerk cannot migrate, the guards db check counts --------------------


@on_pg
def test_a_clerks_import_is_recorded_under_the_login_and_head_events_are_refused(office: Office, tmp_path) -> None:  # noqa: ANN001
    base = {"kind": "request", "case": "I-1"}
    received = {**base, "type": "received", "date": "2026-11-16", "channel": "online", "applicant": "王芳",
                "applicant_type": "natural_person", "subject": "x"}  # fmt: skip
    path = tmp_path / "a.jsonl"
    path.write_text(jsonl([received]), encoding="utf-8")
    ok(office.run("clerk", "import", "events", str(path)))
    assert query("SELECT operator FROM events") == [(office.names["clerk"],)]
    before = dump()
    extended = {**base, "type": "extended", "date": TODAY, "working_days": 5, "reason": "x"}
    path.write_text(jsonl([extended]), encoding="utf-8")
    r = office.run("clerk", "import", "events", str(path))
    assert r.exit_code == 1 and "须由负责人" in r.stderr.splitlines()[0]
    assert dump() == before
    ok(office.run("head", "import", "events", str(path)))
    before = dump()
    amended = {**base, "type": "amended", "date": TODAY, "amends": 1, "fields": {"subject": "y"}, "reason": "录错"}
    path.write_text(jsonl([amended]), encoding="utf-8")
    r = office.run("clerk", "import", "events", str(path))  # not judged against the cache: the head's
    assert r.exit_code == 1 and "导入中的更正须由负责人" in r.stderr.splitlines()[0]
    assert dump() == before


@on_pg
def test_a_clerks_newer_govinfo_on_an_older_schema_says_to_ask_the_owner(office: Office) -> None:
    query("UPDATE alembic_version SET version_num = '0007'")
    for args in (("due",), ("db", "upgrade")):
        r = office.run("clerk", *args)
        assert r.exit_code == 1
        line = r.stderr.strip()
        assert "\n" not in line and "早于本程序" in line and "govinfo db upgrade" in line, line
        assert "只有数据库所有者（govinfo）能升级" in line
    assert query("SELECT version_num FROM alembic_version") == [("0007",)]


@on_pg
def test_db_check_names_a_dropped_login_guard(office: Office) -> None:
    query("DROP TRIGGER events_by_login ON events")
    r = office.run("auditor", "db", "check", "--quick", "--json")
    assert r.exit_code == 1
    assert r.json()["missing_guards"] == ["events_by_login"] and not r.json()["healthy"]


# --- db grant / db roles --------------------------------------------------------------------------


@on_pg
def test_db_roles_lists_each_login_with_its_role(office: Office, cli) -> None:  # noqa: ANN001
    rows = {r["login"]: r for r in ok(cli("db", "roles", "--json")).json()}
    for role, name in office.names.items():
        assert rows[name] == {"login": name, "role": role, "roles": [role], "connect": True}
    assert rows["govinfo"]["role"] in ("owner", "superuser")
    table = ok(cli("db", "roles")).stdout
    assert office.names["head"] in table and "负责人" in table and "审计" in table


@on_pg
def test_db_grant_changes_the_role_and_none_takes_the_database_away(office: Office, cli) -> None:  # noqa: ANN001
    name = office.names["clerk"]
    ok(cli("db", "grant", name, "head"))
    rows = {r["login"]: r for r in ok(cli("db", "roles", "--json")).json()}
    assert rows[name]["roles"] == ["head"]
    ok(office.run("clerk", *add_request_args("R-1", "2026-11-16")))
    ok(office.run("clerk", "void", "R-1", "--reason", "重复登记"))  # now the head's right
    ok(cli("db", "grant", name, "none"))
    assert name not in {r["login"] for r in ok(cli("db", "roles", "--json")).json()}
    r = office.run("clerk", "due")
    assert r.exit_code == 1 and "permission denied for database" in r.stderr
    assert f"govinfo db grant {name} clerk" in r.stderr


@on_pg
def test_db_grant_creates_a_missing_login_with_its_password_as_a_scram_verifier(office: Office, cli) -> None:  # noqa: ANN001
    name = f"govinfo_test_{secrets.token_hex(4)}_new"
    office.extra.append(name)
    r = ok(cli("db", "grant", name, "clerk", input="s3cret-密码\ns3cret-密码\n"))
    assert f"已新建登录 {name}（已设密码）" in r.stderr + r.stdout
    (secret,) = query("SELECT rolpassword FROM pg_authid WHERE rolname = :n", n=name)[0]
    assert secret.startswith("SCRAM-SHA-256$") and "s3cret" not in secret


@on_pg
def test_db_grant_refuses_a_clerk_an_unknown_role_and_the_owner(office: Office, cli) -> None:  # noqa: ANN001
    r = office.run("clerk", "db", "grant", office.names["auditor"], "head")
    assert r.exit_code == 1 and "须由数据库所有者（govinfo）运行" in r.stderr
    r = cli("db", "grant", office.names["auditor"], "boss")
    assert r.exit_code == 1 and "clerk（经办人）、head（负责人）、auditor（审计）、none（撤销）" in r.stderr
    r = cli("db", "grant", "govinfo", "clerk")
    assert r.exit_code == 1 and "超级用户或数据库所有者" in r.stderr
    r = cli("db", "grant", "govinfo_clerk", "clerk")
    assert r.exit_code == 1 and "保留的角色名" in r.stderr


@on_pg
def test_a_clerk_of_another_office_on_the_same_server_cannot_connect(office: Office, cli, pg_template) -> None:  # noqa: ANN001
    name = f"govinfo_test_{secrets.token_hex(4)}_other"
    office.extra.append(name)
    with pg.fresh_database(pg_template) as other:
        ok(cli("--db", other, "db", "grant", name, "clerk", "--no-password"))
        ok(office.run(name, "--db", other.replace("//govinfo@", f"//{name}@"), "due"))
        r = office.run(name, "due")
        assert r.exit_code == 1 and "permission denied for database" in r.stderr
        _drop_login(other, name)  # its privileges in the other database go with it


@on_pg
def test_creating_the_roles_is_idempotent_and_safe_when_databases_migrate_at_once() -> None:
    from govinfo_cli.store.roles import create_roles_sql

    tag = secrets.token_hex(4)
    names = [f"govinfo_test_{tag}_{r}" for r in ROLES]
    sql = create_roles_sql(*names).replace("%", "%%")
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def create() -> None:
        engine = sa.create_engine(pg.SERVER, poolclass=sa.pool.NullPool)
        try:
            start.wait()
            with engine.begin() as conn:
                conn.exec_driver_sql(sql)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=create) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    admin = sa.create_engine(pg.SERVER, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with admin.connect() as conn:
            found = set(conn.execute(sa.text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                     {"p": f"govinfo_test_{tag}_%"}).scalars())  # fmt: skip
            member = conn.execute(sa.text("SELECT pg_has_role(:h, :c, 'MEMBER')"), {"h": names[1], "c": names[0]})
            assert member.scalar()
            for name in (names[1], names[0], names[2]):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {name}")
    finally:
        admin.dispose()
    assert not errors, errors
    assert found == set(names)


# --- on either backend ----------------------------------------------------------------------------


def test_every_table_has_its_row_in_the_privilege_matrix() -> None:
    from sqlmodel import SQLModel

    import govinfo_cli.store.models  # noqa: F401
    from govinfo_cli.store.roles import PRIVILEGES

    assert set(PRIVILEGES) == {*SQLModel.metadata.tables, "alembic_version"}


def test_on_sqlite_the_file_is_one_offices_and_db_grant_says_so(cli, backend) -> None:  # noqa: ANN001
    if backend != "sqlite":
        pytest.skip("SQLite only")
    for args in (("db", "grant", "zhangsan", "clerk"), ("db", "roles")):
        r = cli(*args)
        assert r.exit_code == 1 and "仅适用于 PostgreSQL：SQLite 数据库文件属于一个办公室" in r.stderr
    ok(cli("--by", "张三", *add_request_args("R-1", "2026-11-16")))
    assert query("SELECT operator FROM events") == [("张三",)]
