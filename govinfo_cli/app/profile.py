"""The rule profile: the national defaults, a shipped profile by name, or a TOML file,
as the office's settings name it."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_cli.core.errors import ValidationError
from govinfo_cli.core.rules import Profile

if TYPE_CHECKING:
    import sqlalchemy as sa

    from govinfo_cli.app.context import Context


def load_profile(name_or_path: str) -> Profile:
    """The national defaults, a shipped profile by name (xinjiang), or a TOML file."""
    if name_or_path in ("", "national"):
        return Profile()
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        try:
            text = (resources.files("govinfo_cli.profiles") / f"{name_or_path}.toml").read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ValidationError(f"找不到规则配置 {name_or_path!r}（national、xinjiang 或 .toml 文件）") from None
    data = tomllib.loads(text)
    known = set(Profile.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ValidationError(f"规则配置 {name_or_path}: 未知设置 {', '.join(sorted(unknown))}")
    data.setdefault("name", path.stem if path.suffix == ".toml" else name_or_path)
    return Profile(**data)


def office_profile(ctx: Context, conn: sa.Connection | None = None) -> Profile:
    """The profile the office's settings name (``config set profile``)."""
    from govinfo_cli.store import settings

    if conn is None:
        with ctx.engine.connect() as c:
            return load_profile(settings.get(c, "profile", "national"))
    return load_profile(settings.get(conn, "profile", "national"))
