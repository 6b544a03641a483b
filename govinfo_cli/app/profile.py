"""The rule profile: the national defaults, a shipped profile by name, or a TOML file,
as the office's settings name it."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo_cli.core import fields
from govinfo_cli.core.errors import ValidationError
from govinfo_cli.core.rules import Profile

if TYPE_CHECKING:
    import sqlalchemy as sa

    from govinfo_cli.app.context import Context


def load_profile(name_or_path: str) -> Profile:
    """The national defaults, a shipped profile by name (xinjiang), or a TOML file."""
    if name_or_path in ("", "national"):
        return Profile()
    import tomllib  # only for a profile file: `due` on the national profile parses none

    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        try:
            text = (resources.files("govinfo_cli.profiles") / f"{name_or_path}.toml").read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ValidationError(f"找不到规则配置 {name_or_path!r}（national、xinjiang 或 .toml 文件）") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"规则配置 {name_or_path}: 不是有效的 TOML（{exc}）") from None
    known = set(Profile.__dataclass_fields__)
    unknown = set(data) - known
    if unknown:
        raise ValidationError(f"规则配置 {name_or_path}: 未知设置 {', '.join(sorted(unknown))}")
    _check_types(name_or_path, data)
    data.setdefault("name", path.stem if path.suffix == ".toml" else name_or_path)
    return Profile(**data)


def _check_types(name: str, data: dict[str, Any]) -> None:
    """Each setting of the declared type (a working-day count an integer 0–60, a switch true
    or false, a name one line of text): a wrong one is refused here, not at the first replay."""
    for key, value in data.items():
        declared = str(Profile.__dataclass_fields__[key].type)
        if declared == "bool":
            ok = isinstance(value, bool)
        elif declared == "int":
            ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 60
        elif declared == "str":
            ok = isinstance(value, str) and fields.one_line(value) and len(value) <= 64
        else:
            continue
        if not ok:
            want = {"bool": "true 或 false", "int": "0–60 的整数", "str": "一行文本"}[declared]
            raise ValidationError(f"规则配置 {name}: {key} = {fields.shown(value)} 应为{want}")


def office_profile(ctx: Context, conn: sa.Connection | None = None) -> Profile:
    """The profile the office's settings name (``config set profile``)."""
    from govinfo_cli.store import settings

    if conn is None:
        with ctx.engine.connect() as c:
            return load_profile(settings.get(c, "profile", "national"))
    return load_profile(settings.get(conn, "profile", "national"))
