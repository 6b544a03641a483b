"""GENERATED from store/models.py by `python -m govinfo_cli.store.models`: do not edit.

The tables of store.models as SQLAlchemy Core tables, which the queries use (store.tables):
building them costs a few milliseconds at start-up, the SQLModel classes about thirty.
tests/test_db.py checks that this file is current."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel.sql.sqltypes import AutoString

from govinfo_cli.store import decode


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


metadata = sa.MetaData()


audit_t = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("at", decode.Stamp("audit.at"), nullable=False),
    sa.Column("operator", AutoString(length=64), nullable=False),
    sa.Column("action", AutoString(length=32), nullable=False),
    sa.Column("target", AutoString(), nullable=False, default=""),
    sa.Column("detail", AutoString(), nullable=False, default=""),
    sa.Column("chain", AutoString(length=64), nullable=True),
)


calendar_overrides_t = sa.Table(
    "calendar_overrides",
    metadata,
    sa.Column("day", decode.Day("calendar_overrides.day"), primary_key=True, nullable=False),
    sa.Column("is_working_day", sa.Boolean(), nullable=False),
    sa.Column("note", AutoString(), nullable=False, default=""),
    sa.Column("operator", AutoString(length=64), nullable=False, default=""),
    sa.Column("recorded_at", decode.Stamp("calendar_overrides.recorded_at"), nullable=False, default=_utcnow),
)


cases_t = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("kind", AutoString(length=32), nullable=False),
    sa.Column("number", AutoString(length=64), nullable=False),
    sa.Column("status", AutoString(length=16), nullable=False, default="open"),
    sa.Column("outcome", AutoString(length=48), nullable=True),
    sa.Column("department", AutoString(length=64), nullable=True),
    sa.Column("party", AutoString(length=200), nullable=True),
    sa.Column("party_type", AutoString(length=32), nullable=True),
    sa.Column("subject", AutoString(), nullable=True),
    sa.Column("opened", decode.Day("cases.opened"), nullable=True),
    sa.Column("closed", decode.Day("cases.closed"), nullable=True),
    sa.Column("event_count", sa.Integer(), nullable=False, default=0),
    sa.Column("created_at", decode.Stamp("cases.created_at"), nullable=False, default=_utcnow),
    sa.UniqueConstraint("kind", "number", name="uq_cases_kind_number"),
    sa.Index("ix_cases_kind_status", "kind", "status"),
    sa.Index("ix_cases_number", "number"),
    sa.Index("ix_cases_opened", "opened"),
    sa.Index("ix_cases_party", "party"),
)


catalogue_items_t = sa.Table(
    "catalogue_items",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("level1", AutoString(), nullable=False, default=""),
    sa.Column("level2", AutoString(), nullable=False, default=""),
    sa.Column("item", AutoString(), nullable=False, default=""),
    sa.Column("content", AutoString(), nullable=False, default=""),
    sa.Column("time_limit", AutoString(), nullable=False, default=""),
    sa.Column("channel", AutoString(), nullable=False, default=""),
    sa.Column("basis", AutoString(), nullable=False, default=""),
    sa.Column("clause", AutoString(), nullable=False, default=""),
    sa.Column("manner", AutoString(), nullable=False, default=""),
    sa.Column("responsible", AutoString(), nullable=False, default=""),
    sa.Column("imported_at", decode.Stamp("catalogue_items.imported_at"), nullable=False, default=_utcnow),
)


confirmed_years_t = sa.Table(
    "confirmed_years",
    metadata,
    sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False, nullable=False),
    sa.Column("notice", AutoString(), nullable=False, default=""),
    sa.Column("operator", AutoString(length=64), nullable=False, default=""),
    sa.Column("recorded_at", decode.Stamp("confirmed_years.recorded_at"), nullable=False, default=_utcnow),
)


letter_counters_t = sa.Table(
    "letter_counters",
    metadata,
    sa.Column("series", AutoString(length=200), primary_key=True, nullable=False),
    sa.Column("last", sa.Integer(), nullable=False, default=0),
)


settings_t = sa.Table(
    "settings",
    metadata,
    sa.Column("key", AutoString(length=64), primary_key=True, nullable=False),
    sa.Column("value", AutoString(), nullable=False, default=""),
)


year_locks_t = sa.Table(
    "year_locks",
    metadata,
    sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False, nullable=False),
    sa.Column("operator", AutoString(length=64), nullable=False, default=""),
    sa.Column("locked_at", decode.Stamp("year_locks.locked_at"), nullable=False),
    sa.Column("note", AutoString(), nullable=False, default=""),
    sa.Column("seq", sa.Integer(), nullable=True),
    sa.Column("chain", AutoString(length=64), nullable=True),
)


deadlines_t = sa.Table(
    "deadlines",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("code", AutoString(length=48), nullable=False),
    sa.Column("due", decode.Day("deadlines.due"), nullable=True),
    sa.Column("due_at", decode.LocalStamp("deadlines.due_at"), nullable=True),
    sa.Column("state", AutoString(length=16), nullable=False),
    sa.Column("provisional", sa.Boolean(), nullable=False, default=False),
    sa.Column("quiet", sa.Boolean(), nullable=False, default=False),
    sa.Column("basis", AutoString(length=64), nullable=False, default=""),
    sa.Column("name", AutoString(length=200), nullable=False, default="", server_default=""),
    sa.Column("number", AutoString(length=64), nullable=False),
    sa.Column("kind", AutoString(length=32), nullable=False),
    sa.Column("status", AutoString(length=16), nullable=False),
    sa.Column("department", AutoString(length=64), nullable=True),
    sa.Column("party", AutoString(length=200), nullable=True),
    sa.Column("party_type", AutoString(length=32), nullable=True),
    sa.UniqueConstraint("case_id", "code", "name", name="uq_deadlines_case_code_name"),
    sa.Index("ix_deadlines_case_id", "case_id"),
    sa.Index(
        "ix_deadlines_pending",
        "due",
        "due_at",
        "number",
        "code",
        "name",
        "case_id",
        "quiet",
        "provisional",
        "status",
        "kind",
        "department",
        "party",
        "party_type",
        "state",
        sqlite_where=sa.text("state = 'pending'"),
    ),
)


events_t = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("seq", sa.Integer(), nullable=False),
    sa.Column("type", AutoString(length=40), nullable=False),
    sa.Column("date", decode.Day("events.date"), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("operator", AutoString(length=64), nullable=False),
    sa.Column("recorded_at", decode.Stamp("events.recorded_at"), nullable=False),
    sa.Column("chain", AutoString(length=64), nullable=True),
    sa.UniqueConstraint("case_id", "seq", name="uq_events_case_seq"),
    sa.Index("ix_events_case_id", "case_id"),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_type", "type"),
)
