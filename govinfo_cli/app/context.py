"""What every use case needs: the database, today, the operator.

A plain immutable value built once per command from the global options; what it
derives (the clock, the URL, the engine) is worked out on first use and kept. The
calendar and the rule profile are loaded by plain functions (``app.calendar.build_calendar``,
``app.profile.office_profile``), which is what keeps this module free of import cycles.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from govinfo_cli.core import fields
from govinfo_cli.core.dates import parse_datetime
from govinfo_cli.core.errors import UsageError, ValidationError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def resolve_now(value: str | None) -> dt.datetime:
    """The local date-time that deadlines are measured against (naive, local time).

    --today / GOVINFO_TODAY as YYYY-MM-DD means the start (00:00) of that day, so runs stay
    reproducible; YYYY-MM-DDTHH:MM (or 'YYYY-MM-DD HH:MM') gives the time too, which only
    hour-counted deadlines (舆情) look at. Neither given: the local clock."""
    text = value or os.environ.get("GOVINFO_TODAY")
    if not text:
        return dt.datetime.now().replace(microsecond=0)
    try:
        return parse_datetime(text)  # the one parser: every date spelling --received accepts
    except ValueError as exc:
        raise UsageError(f"--today / GOVINFO_TODAY: {exc}") from None


def resolve_operator(value: str | None) -> str:
    """--by, else GOVINFO_USER, else the OS user. A given name must not be blank and must be
    one line of text (no control characters, at most 64 characters): it is recorded on every
    event and every reveal (accountability)."""
    for name, where in ((value, "--by"), (os.environ.get("GOVINFO_USER"), "GOVINFO_USER")):
        if name is None:
            continue
        if not name.strip():
            raise ValidationError(f"经办人（{where}）不能为空白")
        try:
            return fields.check_text(name.strip(), max_len=64)
        except ValueError as exc:
            raise ValidationError(f"经办人（{where}）{fields.shown(name)}：{exc}") from None
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in a container
        return "unknown"


@dataclass(frozen=True)
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

    @cached_property
    def engine(self) -> Engine:
        if self._engine is not None:
            return self._engine
        from govinfo_cli.store.db import make_engine

        return make_engine(self.url)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def with_defaults(self, *, db: str | None = None, today: str | None = None) -> Context:
        """A new context whose unset --db / --today take these values (``demo``)."""
        return replace(
            self,
            db=db if self.db is None else self.db,
            today_opt=today if self.today_opt is None else self.today_opt,
        )
