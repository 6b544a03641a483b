"""SQLModel tables. The event log is the truth; ``cases`` and ``deadlines`` are caches
derived from it by replay (``store.cache.write_cache``), rebuilt whenever it or the
calendar changes. The schema itself comes from Alembic (``migrations/``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from govinfo_cli.core.errors import StorageError
from govinfo_cli.store.decode import Day, LocalStamp, Stamp

# Dates and recording times (UTC) are read back through store.decode: a damaged value is
# one line naming its table and column, never a traceback.


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Case(SQLModel, table=True):
    """One case of any kind; every column but id/kind/number is derived from events."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("kind", "number", name="uq_cases_kind_number"),
        Index("ix_cases_kind_status", "kind", "status"),
        Index("ix_cases_opened", "opened"),
        Index("ix_cases_party", "party"),  # the applicant's recent requests (重复申请?)
        Index("ix_cases_number", "number"),  # a case found by its number alone (show 依申〔2026〕1号)
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(max_length=32)  # record_correction (docs/rules.md §11) has 17
    number: str = Field(max_length=64)
    status: str = Field(default="open", max_length=16)
    outcome: str | None = Field(default=None, max_length=48)
    department: str | None = Field(default=None, max_length=64)
    party: str | None = Field(default=None, max_length=200)  # applicant, respondent or title
    party_type: str | None = Field(default=None, max_length=32)
    subject: str | None = Field(default=None)
    opened: dt.date | None = Field(default=None, sa_type=Day("cases.opened"))
    closed: dt.date | None = Field(default=None, sa_type=Day("cases.closed"))
    event_count: int = Field(default=0)
    created_at: dt.datetime = Field(default_factory=_utcnow, sa_type=Stamp("cases.created_at"))


class Event(SQLModel, table=True):
    """An append-only event. Never updated, never deleted."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_events_case_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    seq: int
    type: str = Field(max_length=40, index=True)
    date: dt.date = Field(index=True, sa_type=Day("events.date"))
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    operator: str = Field(max_length=64)
    recorded_at: dt.datetime = Field(sa_type=Stamp("events.recorded_at"))
    # SHA-256 of the previous event's chain and this event's content (core.chain)
    chain: str | None = Field(default=None, max_length=64)


class Deadline(SQLModel, table=True):
    """Cached deadlines of a case; ``due`` is one indexed query over this table."""

    __tablename__ = "deadlines"
    __table_args__ = (
        UniqueConstraint("case_id", "code", "name", name="uq_deadlines_case_code_name"),
        # `due`'s one query reads every column it needs of a deadline from this index
        Index("ix_deadlines_state_due", "state", "due", "quiet", "case_id", "code", "name", "due_at", "provisional"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="cases.id", index=True)
    code: str = Field(max_length=48)
    due: dt.date | None = Field(default=None, sa_type=Day("deadlines.due"))
    due_at: dt.datetime | None = Field(default=None, sa_type=LocalStamp("deadlines.due_at"))  # local time
    state: str = Field(max_length=16)
    provisional: bool = Field(default=False)
    quiet: bool = Field(default=False)
    basis: str = Field(default="", max_length=64)
    # the party consulted (consultation_answer:*, one row each, docs/rules.md §10); '' otherwise
    name: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})


class CalendarOverride(SQLModel, table=True):
    __tablename__ = "calendar_overrides"

    day: dt.date = Field(primary_key=True, sa_type=Day("calendar_overrides.day"))
    is_working_day: bool
    note: str = Field(default="")
    operator: str = Field(default="", max_length=64)
    recorded_at: dt.datetime = Field(default_factory=_utcnow, sa_type=Stamp("calendar_overrides.recorded_at"))


class ConfirmedYear(SQLModel, table=True):
    __tablename__ = "confirmed_years"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    notice: str = Field(default="")
    operator: str = Field(default="", max_length=64)
    recorded_at: dt.datetime = Field(default_factory=_utcnow, sa_type=Stamp("confirmed_years.recorded_at"))


class Setting(SQLModel, table=True):
    __tablename__ = "settings"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(default="")


class Audit(SQLModel, table=True):
    """Who looked at personal data, locked a year, changed settings."""

    __tablename__ = "audit"

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(sa_type=Stamp("audit.at"))
    operator: str = Field(max_length=64)
    action: str = Field(max_length=32)
    target: str = Field(default="")
    detail: str = Field(default="")
    # SHA-256 of the previous entry's chain and this entry (core.chain.audit_chain)
    chain: str | None = Field(default=None, max_length=64)


class YearLock(SQLModel, table=True):
    __tablename__ = "year_locks"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    operator: str = Field(default="", max_length=64)
    locked_at: dt.datetime = Field(sa_type=Stamp("year_locks.locked_at"))
    note: str = Field(default="")
    seq: int | None = Field(default=None)  # 1, 2, … in the order the years were locked
    # SHA-256 of the previous lock's chain and this lock (core.chain.lock_chain)
    chain: str | None = Field(default=None, max_length=64)


class CatalogueItem(SQLModel, table=True):
    """One recurring proactive-disclosure duty of the office's catalogue (公开目录)."""

    __tablename__ = "catalogue_items"

    id: int | None = Field(default=None, primary_key=True)
    level1: str = Field(default="")
    level2: str = Field(default="")
    item: str = Field(default="")  # 三级 / 公开事项
    content: str = Field(default="")
    time_limit: str = Field(default="")
    channel: str = Field(default="")
    basis: str = Field(default="")
    clause: str = Field(default="")
    manner: str = Field(default="")
    responsible: str = Field(default="")
    imported_at: dt.datetime = Field(default_factory=_utcnow, sa_type=Stamp("catalogue_items.imported_at"))


def _refuse(*_: object) -> None:
    raise StorageError("事件记录只能追加，不能修改或删除（以后续更正事件更正）")


event.listen(Event, "before_update", _refuse)
event.listen(Event, "before_delete", _refuse)


class LetterCounter(SQLModel, table=True):
    """The last sequence number handed out per document-number series (文号: a pattern with
    its year filled in, e.g. 昌医保依申告〔2026〕{seq}号). Numbers are never handed out twice."""

    __tablename__ = "letter_counters"

    series: str = Field(primary_key=True, max_length=200)
    last: int = Field(default=0)
