"""Office settings (agency name, rule profile, case-number pattern …) and the audit log:
the use cases (the queries are ``store.settings``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from govinfo_cli.core.errors import ValidationError
from govinfo_cli.store import db
from govinfo_cli.store import settings as stored
from govinfo_cli.store.settings import KNOWN

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

__all__ = ["KNOWN", "all_values", "audit", "get", "log_reveal", "set_value"]


def get(ctx: Context, key: str, default: str = "", *, conn: sa.Connection | None = None) -> str:
    if conn is not None:
        return stored.get(conn, key, default)
    with ctx.engine.connect() as c:
        return stored.get(c, key, default)


def set_value(ctx: Context, key: str, value: str, progress: Callable[..., None] | None = None) -> None:
    if key not in KNOWN:
        raise ValidationError(f"未知设置 {key!r}，可选：{', '.join(KNOWN)}")
    if key == "profile":
        from govinfo_cli.app.profile import load_profile

        load_profile(value)  # refuse a profile that does not load
    if key.startswith("letters.number."):
        from govinfo_cli.core.letters import check_pattern

        check_pattern(key, value)
    with db.transaction(ctx.engine) as conn:
        stored.put(conn, key, value)
        audit(ctx, conn, "config", key, value)
        if key == "profile":
            from govinfo_cli.app.recompute import recompute_all

            recompute_all(ctx, conn, progress=progress)


def all_values(ctx: Context) -> dict[str, str]:
    with ctx.engine.connect() as conn:
        return stored.all_values(conn)


def audit(ctx: Context, conn: sa.Connection, action: str, target: str, detail: str = "") -> None:
    stored.audit(conn, at=ctx.now(), operator=ctx.operator, action=action, target=target, detail=detail)


def log_reveal(ctx: Context, target: str, detail: str) -> None:
    """Every reveal of personal data is logged with the operator (条例; 投诉举报第十一条)."""
    with db.transaction(ctx.engine) as conn:
        audit(ctx, conn, "reveal", target, detail)
