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


MAX_WINDOW_DAYS = 3650


def check_pattern(value: str, key: str = "case_number.pattern") -> str:
    """A numbering pattern: {seq} exactly once, {year} at most once, no other field, no
    format spec; refused with one line naming the setting."""
    import string

    try:
        fields = [(name, spec, conv) for _, name, spec, conv in string.Formatter().parse(value) if name is not None]
    except ValueError:
        raise ValidationError(f"{key}：{value!r} 的花括号不成对（只能用 {{year}} 和 {{seq}}）") from None
    names = [name for name, _, _ in fields]
    unknown = sorted({n for n in names if n not in ("year", "seq")})
    if unknown:
        raise ValidationError(
            f"{key}：未知占位符 {', '.join('{' + n + '}' for n in unknown)}（只能用 {{year}} 和 {{seq}}）"
        )
    for name, spec, conv in fields:
        if spec or conv:
            typed = "{" + name + ("!" + conv if conv else "") + (":" + spec if spec else "") + "}"
            raise ValidationError(f"{key}：不支持格式说明 {typed}；请写 {{{name}}}")
    if names.count("seq") != 1:
        raise ValidationError(f"{key}：{value!r} 须含且只含一个 {{seq}}（序号），否则无法生成不重复的编号")
    if names.count("year") > 1:
        raise ValidationError(f"{key}：{{year}} 只能出现一次")
    if "%" in value or "_" in value:
        raise ValidationError(f"{key}：编号格式不能含 % 或 _")
    return value


def check(key: str, value: str) -> str:
    """A setting's value as it will be stored, or a ValidationError (nothing is written)."""
    if key not in KNOWN:
        raise ValidationError(f"未知设置 {key!r}，可选：{', '.join(KNOWN)}")
    value = value.strip()
    if key.startswith("case_number.pattern"):
        return check_pattern(value, key)
    if key == "duplicate.window_days":
        if not value.isdigit() or int(value) > MAX_WINDOW_DAYS:
            raise ValidationError(f"{key}：{value!r} 应为 0–{MAX_WINDOW_DAYS} 的整数（日）")
        return str(int(value))
    if key == "profile":
        from govinfo_cli.app.profile import load_profile

        load_profile(value)  # refuse a profile that does not load
    if key == "calendar.region":
        return check_region(value)
    if key in stored.TEXT_SETTINGS:
        return check_text_setting(key, value)
    return value


def check_text_setting(key: str, value: str) -> str:
    """A setting a document prints: one line of text, at most 200 characters; a title is
    stored without its 《》 (the letter adds them)."""
    from govinfo_cli.core.fields import check_text

    try:
        text = check_text(value)
    except ValueError as exc:
        raise ValidationError(f"{key}：{exc}") from None
    if key == "complaint.rules_title":
        text = text.strip("《》").strip()
    return text


def check_region(value: str) -> str:
    """A region as stored: a shipped region's name (or its Chinese name), ``none``, or ``""``
    (not set: the rule profile decides, docs/rules.md §13)."""
    from govinfo_cli.app.calendar import REGION_ALIASES, REGIONS

    name = REGION_ALIASES.get(value, value.lower())
    if name in REGIONS or name in ("none", ""):
        return name
    choices = "、".join(f"{k}（{t}）" for k, t in REGIONS.items())
    raise ValidationError(f"calendar.region：未知地区 {value!r}，可选：{choices}、none（不用地区日历层）")


# settings whose change moves deadlines: every stored deadline is recomputed (how many moved is returned)
RECOMPUTING = ("profile", "calendar.region")


def set_value(
    ctx: Context,
    key: str,
    value: str,
    progress: Callable[..., None] | None = None,
    counts: dict[str, int] | None = None,
) -> int | None:
    """Store one setting (audited). For a setting of RECOMPUTING, the deadlines it moves are
    recomputed in the same transaction and their number returned (``counts``: split as
    ``app.recompute.recompute_all`` does); else None."""
    value = check(key, value)
    if key == "profile":
        from govinfo_cli.app.profile import load_profile

        load_profile(value)  # refuse a profile that does not load
    if key.startswith("letters.number."):
        from govinfo_cli.core.letters import check_pattern

        check_pattern(key, value)
    with db.transaction(ctx.engine) as conn:
        before = None
        if key == "calendar.region":
            from govinfo_cli.app.calendar import build_calendar

            before = build_calendar(ctx, conn)
        stored.put(conn, key, value)
        audit(ctx, conn, "config", key, value)
        if key == "profile":  # the rules changed: every case (and the region it implies)
            from govinfo_cli.app.calendar import build_calendar, save_snapshot
            from govinfo_cli.app.recompute import recompute_all

            moved = recompute_all(ctx, conn, progress=progress, counts=counts)
            save_snapshot(ctx, conn, build_calendar(ctx, conn))
            return moved
        if key == "calendar.region" and before is not None:  # the days that changed
            from govinfo_cli.app.calendar_changes import recompute_after

            return recompute_after(ctx, conn, before, progress, counts)
    return None


def all_values(ctx: Context) -> dict[str, str]:
    with ctx.engine.connect() as conn:
        return stored.all_values(conn)


def audit(ctx: Context, conn: sa.Connection, action: str, target: str, detail: str = "") -> None:
    stored.audit(conn, at=ctx.now(), operator=ctx.operator, action=action, target=target, detail=detail)


def log_reveal(ctx: Context, target: str, detail: str) -> None:
    """Every reveal of personal data is logged with the operator (条例; 投诉举报第十一条)."""
    with db.transaction(ctx.engine) as conn:
        audit(ctx, conn, "reveal", target, detail)
