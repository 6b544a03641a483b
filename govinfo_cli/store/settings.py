"""Office settings (key → value, with their defaults) and the audit log: the queries."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govinfo_cli.store.models import Audit, Setting
from govinfo_cli.store.typed import table

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

settings_t = table(Setting)
audit_t = table(Audit)


def get(conn: sa.Connection, key: str, default: str = "") -> str:
    """The stored value, else the known default, else ``default``."""
    value: str | None = conn.execute(sa.select(settings_t.c.value).where(settings_t.c.key == key)).scalar()
    if value is None:
        return KNOWN.get(key, ("", default))[1] or default
    return value


def get_raw(conn: sa.Connection, key: str) -> str | None:
    """The stored value, or None (no defaults)."""
    return conn.execute(sa.select(settings_t.c.value).where(settings_t.c.key == key)).scalar()


def put(conn: sa.Connection, key: str, value: str) -> None:
    conn.execute(sa.delete(settings_t).where(settings_t.c.key == key))
    conn.execute(sa.insert(settings_t).values(key=key, value=value))


def all_values(conn: sa.Connection) -> dict[str, str]:
    """Every known setting, stored or default."""
    stored: dict[str, str] = dict(conn.execute(sa.select(settings_t.c.key, settings_t.c.value)).all())
    return {k: stored.get(k, default) for k, (_, default) in KNOWN.items()}


def audit(conn: sa.Connection, *, at: dt.datetime, operator: str, action: str, target: str, detail: str = "") -> None:
    conn.execute(sa.insert(audit_t).values(at=at, operator=operator, action=action, target=target, detail=detail))
