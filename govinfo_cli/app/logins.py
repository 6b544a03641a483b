"""`govinfo db grant` and `govinfo db roles`: each clerk a login, each login a role
(PostgreSQL; docs/postgresql.md). The roles and the privileges are ``store.roles``'."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import fields
from govinfo_cli.core.errors import NotFound, Refusal, ValidationError
from govinfo_cli.store import db, roles

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.store.roles import Login

# what `db grant` accepts for ROLE → the role (None: no role, the login no longer connects)
ROLE_WORDS: dict[str, str | None] = {
    **{key: key for key in roles.ROLES},
    **{name: key for key, name in roles.ROLES.items()},
    "经办人": "clerk",
    "负责人": "head",
    "审计": "auditor",
    "none": None,
    "撤销": None,
}
ROLE_CHOICES = "clerk（经办人）、head（负责人）、auditor（审计）、none（撤销）"
SQLITE_ONLY = (
    "{what} 仅适用于 PostgreSQL：SQLite 数据库文件属于一个办公室，记录的经办人是操作系统用户"
    "（或 --by、GOVINFO_USER），谁能改动文件就能改动一切（见 docs/postgresql.md）"
)


def parse_role(text: str) -> str | None:
    key = text.strip()
    if key.lower() in ROLE_WORDS:
        return ROLE_WORDS[key.lower()]
    if key in ROLE_WORDS:
        return ROLE_WORDS[key]
    raise ValidationError(f"角色 {fields.shown(text)} 不存在；可选：{ROLE_CHOICES}")


def check_name(text: str) -> str:
    """A login name: one line of text, at most 63 bytes (PostgreSQL's limit), not a name
    PostgreSQL or govinfo reserves."""
    name = text.strip()
    if not name:
        raise ValidationError("登录名不能为空")
    try:
        fields.check_text(name, max_len=63)
    except ValueError as exc:
        raise ValidationError(f"登录名 {fields.shown(text)}：{exc}") from None
    if len(name.encode()) > 63:
        raise ValidationError(f"登录名 {fields.shown(text)} 过长（PostgreSQL 限 63 字节）")
    if name.lower().startswith("pg_") or name.lower() in ("public", "none") or name in roles.ROLES.values():
        raise ValidationError(f"{name} 是保留的角色名，不能用作登录名")
    return name


def _owner_login(ctx: Context, what: str) -> Login:
    login = ctx.login
    if login is None:
        raise Refusal(SQLITE_ONLY.format(what=what))
    return login


def grant(ctx: Context, name: str, role_text: str, *, ask_password: Callable[[str], str | None]) -> dict[str, Any]:
    """Give ``name`` the one govinfo role ``role_text`` (none: take it away) and let it
    connect to this database, creating the login when it does not exist (its password from
    ``ask_password(name)``, None for none). The owner of the tables runs it; on the way the
    three roles are created if missing, the privilege matrix is applied again, and the
    database is closed to logins without a role."""
    role = parse_role(role_text)
    name = check_name(name)
    who = _owner_login(ctx, "db grant")
    if not who.owner:
        raise Refusal(f"db grant 须由数据库所有者（{who.owner_name}）运行；登录 {who.name} 不是所有者")
    with ctx.engine.connect() as conn:
        exists = roles.login_exists(conn, name)
        if exists:
            facts = roles.role_facts(conn, name)
            if facts.superuser or facts.owner:
                raise Refusal(f"{name} 是超级用户或数据库所有者，不受角色限制，不能再分配角色")
            if not facts.login:
                raise Refusal(f"{name} 是不能登录的角色，不是登录（LOGIN）")
    if not exists and role is None:
        raise NotFound(f"登录 {name} 不存在")
    secret = None if exists else ask_password(name)

    with db.transaction(ctx.engine) as conn:
        if not roles.setup(conn):
            raise Refusal(
                f"govinfo 的角色 {', '.join(roles.ROLES.values())} 不存在，登录 {who.name} 也无权创建",
                hint="请服务器管理员给所有者 CREATEROLE 权限（ALTER ROLE 所有者 CREATEROLE）或以超级用户运行",
            )
        if not exists:
            verifier = None if secret is None else roles.scram_verifier(conn, name, secret)
            roles.create_login(conn, name, verifier)
        before = roles.held(conn, name)
        roles.set_role(conn, name, role)
    return {"login": name, "role": role, "before": before, "created": not exists, "password": secret is not None}


def list_logins(ctx: Context) -> list[dict[str, Any]]:
    """The logins that can do something in this database, with their govinfo role."""
    _owner_login(ctx, "db roles")
    with ctx.engine.connect() as conn:
        rows = roles.logins(conn)
    for row in rows:
        row["label"] = roles.LABELS.get(row["role"] or "", "（无）")
    return rows
