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

    from govinfo_cli.store.roles import Login


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


def given_operator(value: str | None) -> tuple[str, str] | None:
    """(name, where) of --by, else GOVINFO_USER; None when neither is given. A given name
    must not be blank and must be one line of text (no control characters, at most 64
    characters): it is recorded on every event and every reveal (accountability)."""
    for name, where in ((value, "--by"), (os.environ.get("GOVINFO_USER"), "GOVINFO_USER")):
        if name is None:
            continue
        if not name.strip():
            raise ValidationError(f"经办人（{where}）不能为空白")
        try:
            return fields.check_text(name.strip(), max_len=64), where
        except ValueError as exc:
            raise ValidationError(f"经办人（{where}）{fields.shown(name)}：{exc}") from None
    return None


def resolve_operator(value: str | None) -> str:
    """--by, else GOVINFO_USER, else the OS user (see ``given_operator``)."""
    given = given_operator(value)
    if given is not None:
        return given[0]
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database in a container
        return "unknown"


def check_login(given: tuple[str, str] | None, login: Login | None) -> None:
    """On PostgreSQL with per-clerk logins the operator is the database login: a --by or
    GOVINFO_USER naming someone else is refused (docs/contract.md)."""
    if given is None or login is None or not login.restricted or given[0] == login.name:
        return
    name, where = given
    raise ValidationError(
        f"经办人（{where}）{fields.shown(name)} 与数据库登录 {login.name} 不符：本库按登录记录经办人",
        hint=f"去掉 {where}（或写 {login.name}）；以别人的名义记录须用他的登录",
    )


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
        """Who is recorded: on PostgreSQL with per-clerk logins the database login (which
        the database itself checks), else --by / GOVINFO_USER / the OS user."""
        login = self.login
        if login is not None and login.restricted:
            check_login(given_operator(self.by), login)
            return login.name
        return resolve_operator(self.by)

    @property
    def login(self) -> Login | None:
        """The database login (PostgreSQL; asked once per engine), None on SQLite."""
        from govinfo_cli.store.db import is_sqlite

        if is_sqlite(self.url):
            return None
        from govinfo_cli.store.roles import login

        return login(self.engine)

    @cached_property
    def url(self) -> str:
        from govinfo_cli.store.db import resolve_url

        return resolve_url(self.db)

    @cached_property
    def engine(self) -> Engine:
        if self._engine is not None:
            return self._engine
        from govinfo_cli.store.db import is_sqlite, make_engine

        engine = make_engine(self.url)
        given = given_operator(self.by)
        if given is not None and not is_sqlite(self.url):  # a differing --by: refused before anything
            from govinfo_cli.store.roles import login

            check_login(given, login(engine))
        return engine

    def now(self) -> dt.datetime:
        """Now, in UTC: on PostgreSQL the server's clock (the database checks the recording
        time of a per-clerk login), else this computer's."""
        login = self.login
        return dt.datetime.now(dt.UTC) + (login.offset if login is not None else dt.timedelta(0))

    def with_defaults(self, *, db: str | None = None, today: str | None = None) -> Context:
        """A new context whose unset --db / --today take these values (``demo``)."""
        return replace(
            self,
            db=db if self.db is None else self.db,
            today_opt=today if self.today_opt is None else self.today_opt,
        )
