"""Office settings (agency name, rule profile, case-number pattern …) and the audit log."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.core.errors import ValidationError
from govinfo_cli.store import db
from govinfo_cli.store.models import Audit, Setting

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

# key -> (Chinese description, default)
KNOWN: dict[str, tuple[str, str]] = {
    "agency.name": ("机关名称（年度报告抬头）", ""),
    "agency.address": ("通讯地址", ""),
    "agency.phone": ("联系电话", ""),
    "agency.office": ("政府信息公开工作机构", ""),
    "profile": ("规则配置：national、xinjiang 或 TOML 文件路径", "national"),
    "case_number.pattern": ("自动编号格式，可用 {year} {seq}", "依申〔{year}〕{seq}号"),
    "duplicate.window_days": ("重复申请提示的时间窗（日）", "90"),
}

_settings = Setting.__table__
_audit = Audit.__table__


def get(ctx: Context, key: str, default: str = "", *, conn: sa.Connection | None = None) -> str:
    stmt = sa.select(_settings.c.value).where(_settings.c.key == key)
    if conn is not None:
        value = conn.execute(stmt).scalar()
    else:
        with ctx.engine.connect() as c:
            value = c.execute(stmt).scalar()
    if value is None:
        return KNOWN.get(key, ("", default))[1] or default
    return value


def set_value(ctx: Context, key: str, value: str, progress: Callable[..., None] | None = None) -> None:
    if key not in KNOWN:
        raise ValidationError(f"未知设置 {key!r}，可选：{', '.join(KNOWN)}")
    if key == "profile":
        from govinfo_cli.app.context import load_profile

        load_profile(value)  # refuse a profile that does not load
    with db.transaction(ctx.engine) as conn:
        conn.execute(sa.delete(_settings).where(_settings.c.key == key))
        conn.execute(sa.insert(_settings).values(key=key, value=value))
        audit(ctx, conn, "config", key, value)
        if key == "profile":
            from govinfo_cli.app.cases import recompute_all

            recompute_all(ctx, conn, progress=progress)


def all_values(ctx: Context) -> dict[str, str]:
    with ctx.engine.connect() as conn:
        stored = dict(conn.execute(sa.select(_settings.c.key, _settings.c.value)).all())
    return {k: stored.get(k, default) for k, (_, default) in KNOWN.items()}


def audit(ctx: Context, conn: sa.Connection, action: str, target: str, detail: str = "") -> None:
    conn.execute(
        sa.insert(_audit).values(at=ctx.now(), operator=ctx.operator, action=action, target=target, detail=detail)
    )


def log_reveal(ctx: Context, target: str, detail: str) -> None:
    """Every reveal of personal data is logged with the operator (条例; 投诉举报第十一条)."""
    with db.transaction(ctx.engine) as conn:
        audit(ctx, conn, "reveal", target, detail)
