"""What every use case needs: the database, today, the operator, the calendar, the profile.

Built once per command from the global options; everything heavy is loaded lazily.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_cli.core.dates import parse_date, parse_datetime
from govinfo_cli.core.errors import UsageError, ValidationError
from govinfo_cli.core.rules import Profile

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from govinfo_cli.core.calendar import WorkCalendar

CALENDAR_FIRST_YEAR = 2000
CALENDAR_YEARS_AHEAD = 5


def resolve_now(value: str | None) -> dt.datetime:
    """The local date-time that deadlines are measured against (naive, local time).

    --today / GOVINFO_TODAY as YYYY-MM-DD means the start (00:00) of that day, so runs stay
    reproducible; YYYY-MM-DDTHH:MM (or 'YYYY-MM-DD HH:MM') gives the time too, which only
    hour-counted deadlines (舆情) look at. Neither given: the local clock."""
    text = value or os.environ.get("GOVINFO_TODAY")
    if not text:
        return dt.datetime.now().replace(microsecond=0)
    try:
        if len(text.strip()) <= 10:
            return dt.datetime.combine(parse_date(text, strict=True), dt.time())
        return parse_datetime(text)
    except ValueError:
        raise UsageError(
            f"--today / GOVINFO_TODAY: {text!r} 不是有效日期（应为 YYYY-MM-DD，或带时间 YYYY-MM-DDTHH:MM）"
        ) from None


def resolve_operator(value: str | None) -> str:
    name = value or os.environ.get("GOVINFO_USER")
    if name:
        return name.strip()
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in a container
        return "unknown"


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


@dataclass
class Context:
    db: str | None = None
    today_opt: str | None = None
    by: str | None = None
    _engine: Engine | None = field(default=None, repr=False)

    @cached_property
    def clock(self) -> dt.datetime:
        """'Now' for hour-counted deadlines: see resolve_now (``today`` is its date)."""
        return resolve_now(self.today_opt)

    @cached_property
    def today(self) -> dt.date:
        return self.clock.date()

    @cached_property
    def operator(self) -> str:
        return resolve_operator(self.by)

    @cached_property
    def url(self) -> str:
        from govinfo_cli.store.db import resolve_url

        return resolve_url(self.db)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from govinfo_cli.store.db import make_engine

            self._engine = make_engine(self.url)
        return self._engine

    def calendar(self, conn=None) -> WorkCalendar:  # noqa: ANN001
        from govinfo_cli.app import calendar as cal_app

        return cal_app.build_calendar(self, conn)

    def profile(self, conn=None) -> Profile:  # noqa: ANN001
        from govinfo_cli.app import settings

        return load_profile(settings.get(self, "profile", "national", conn=conn))

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)
