"""GENERATED from store/models.py by `python -m govinfo_cli.store.models`: do not edit.

The tables of store.models as SQLAlchemy Core tables, which the queries use (store.tables):
building them costs a few milliseconds at start-up, the SQLModel classes about thirty
(and importing sqlmodel about a hundred more).
tests/test_db.py checks that this file is current."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from govinfo_cli.store import decode


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


metadata = sa.MetaData()


audit_t = sa.Table(
    "audit",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("at", decode.Stamp("audit.at"), nullable=False),
    sa.Column("operator", sa.String(length=64), nullable=False),
    sa.Column("action", sa.String(length=32), nullable=False),
    sa.Column("target", sa.String(), nullable=False, default=""),
    sa.Column("detail", sa.String(), nullable=False, default=""),
    sa.Column("chain", sa.String(length=64), nullable=True),
)


calendar_overrides_t = sa.Table(
    "calendar_overrides",
    metadata,
    sa.Column("day", decode.Day("calendar_overrides.day"), primary_key=True, nullable=False),
    sa.Column("is_working_day", sa.Boolean(), nullable=False),
    sa.Column("note", sa.String(), nullable=False, default=""),
    sa.Column("operator", sa.String(length=64), nullable=False, default=""),
    sa.Column("recorded_at", decode.Stamp("calendar_overrides.recorded_at"), nullable=False, default=_utcnow),
)


cases_t = sa.Table(
    "cases",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=False),
    sa.Column("number", sa.String(length=64), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False, default="open"),
    sa.Column("outcome", sa.String(length=48), nullable=True),
    sa.Column("department", sa.String(length=64), nullable=True),
    sa.Column("party", sa.String(length=200), nullable=True),
    sa.Column("party_type", sa.String(length=32), nullable=True),
    sa.Column("subject", sa.String(), nullable=True),
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
    sa.Column("level1", sa.String(), nullable=False, default=""),
    sa.Column("level2", sa.String(), nullable=False, default=""),
    sa.Column("item", sa.String(), nullable=False, default=""),
    sa.Column("content", sa.String(), nullable=False, default=""),
    sa.Column("time_limit", sa.String(), nullable=False, default=""),
    sa.Column("channel", sa.String(), nullable=False, default=""),
    sa.Column("basis", sa.String(), nullable=False, default=""),
    sa.Column("clause", sa.String(), nullable=False, default=""),
    sa.Column("manner", sa.String(), nullable=False, default=""),
    sa.Column("responsible", sa.String(), nullable=False, default=""),
    sa.Column("imported_at", decode.Stamp("catalogue_items.imported_at"), nullable=False, default=_utcnow),
)


confirmed_years_t = sa.Table(
    "confirmed_years",
    metadata,
    sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False, nullable=False),
    sa.Column("notice", sa.String(), nullable=False, default=""),
    sa.Column("operator", sa.String(length=64), nullable=False, default=""),
    sa.Column("recorded_at", decode.Stamp("confirmed_years.recorded_at"), nullable=False, default=_utcnow),
)


letter_counters_t = sa.Table(
    "letter_counters",
    metadata,
    sa.Column("series", sa.String(length=200), primary_key=True, nullable=False),
    sa.Column("last", sa.Integer(), nullable=False, default=0),
)


settings_t = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(length=64), primary_key=True, nullable=False),
    sa.Column("value", sa.String(), nullable=False, default=""),
)


year_locks_t = sa.Table(
    "year_locks",
    metadata,
    sa.Column("year", sa.Integer(), primary_key=True, autoincrement=False, nullable=False),
    sa.Column("operator", sa.String(length=64), nullable=False, default=""),
    sa.Column("locked_at", decode.Stamp("year_locks.locked_at"), nullable=False),
    sa.Column("note", sa.String(), nullable=False, default=""),
    sa.Column("seq", sa.Integer(), nullable=True),
    sa.Column("chain", sa.String(length=64), nullable=True),
)


deadlines_t = sa.Table(
    "deadlines",
    metadata,
    sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
    sa.Column("case_id", sa.Integer(), sa.ForeignKey("cases.id"), nullable=False),
    sa.Column("code", sa.String(length=48), nullable=False),
    sa.Column("due", decode.Day("deadlines.due"), nullable=True),
    sa.Column("due_at", decode.LocalStamp("deadlines.due_at"), nullable=True),
    sa.Column("state", sa.String(length=16), nullable=False),
    sa.Column("provisional", sa.Boolean(), nullable=False, default=False),
    sa.Column("quiet", sa.Boolean(), nullable=False, default=False),
    sa.Column("basis", sa.String(length=64), nullable=False, default=""),
    sa.Column("name", sa.String(length=200), nullable=False, default="", server_default=""),
    sa.Column("number", sa.String(length=64), nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("department", sa.String(length=64), nullable=True),
    sa.Column("party", sa.String(length=200), nullable=True),
    sa.Column("party_type", sa.String(length=32), nullable=True),
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
    sa.Column("type", sa.String(length=40), nullable=False),
    sa.Column("date", decode.Day("events.date"), nullable=False),
    sa.Column("payload", sa.JSON(), nullable=False),
    sa.Column("operator", sa.String(length=64), nullable=False),
    sa.Column("recorded_at", decode.Stamp("events.recorded_at"), nullable=False),
    sa.Column("chain", sa.String(length=64), nullable=True),
    sa.UniqueConstraint("case_id", "seq", name="uq_events_case_seq"),
    sa.Index("ix_events_case_id", "case_id"),
    sa.Index("ix_events_date", "date"),
    sa.Index("ix_events_type", "type"),
)
