"""SQLModel tables. The event log is the truth; ``cases`` and ``deadlines`` are caches
derived from it by replay (``store.cache.write_cache``), rebuilt whenever it or the
calendar changes. The schema itself comes from Alembic (``migrations/``). The queries use
the same tables as Core tables generated from these classes (``store/schema.py``, by
``python -m govinfo_cli.store.models``, at the end of this file).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, event, text
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


# `due`'s index (ix_deadlines_pending): its order (due, due_at, number, code, name), then the
# other columns `due` and the case lists read, so that neither reads the table
PENDING_INDEX = (
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
)


class Deadline(SQLModel, table=True):
    """Cached deadlines of a case; ``due`` is one indexed query over this table."""

    __tablename__ = "deadlines"
    __table_args__ = (
        UniqueConstraint("case_id", "code", "name", name="uq_deadlines_case_code_name"),
        # `due`'s one query: the pending deadlines in its order, with every column it reads
        # (a partial index: the query names state = 'pending' as a literal, store.tables).
        # On PostgreSQL the migration (0012) makes it partial too; ``postgresql_where`` is not
        # declared here: it would load SQLAlchemy's PostgreSQL dialect at every start-up.
        Index("ix_deadlines_pending", *PENDING_INDEX, sqlite_where=text("state = 'pending'")),
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
    # copies of the case's columns that `due` shows, written with the rest of the cache
    # (store.cache.deadline_rows), so that `due` reads one index of one table
    number: str = Field(max_length=64)
    kind: str = Field(max_length=32)
    status: str = Field(max_length=16)
    department: str | None = Field(default=None, max_length=64)
    party: str | None = Field(default=None, max_length=200)
    party_type: str | None = Field(default=None, max_length=32)


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


# ---------------------------------------------------------------------------------------------
# store/schema.py: the same tables as SQLAlchemy Core tables, generated from the classes above.
# The queries use those (store.tables): building ten SQLModel classes costs about 30 ms, which
# every command that opens the database would pay at start-up (`due`: BENCHMARKS.md, issue 26).
# After changing a table here (and adding its migration): python -m govinfo_cli.store.models
# ---------------------------------------------------------------------------------------------

SCHEMA_COMMAND = "python -m govinfo_cli.store.models"


def core_schema_source() -> str:
    """The text of store/schema.py: every table of SQLModel.metadata as a Core ``sa.Table``
    (the same columns, types, defaults, keys, constraints and indexes), formatted as
    ``ruff format`` leaves it."""
    import json

    import sqlalchemy as sa

    def literal(value: Any) -> str:
        if callable(value):
            if getattr(value, "__name__", "") != "_utcnow":
                raise ValueError(f"no Core spelling for the default {value!r}")
            return "_utcnow"
        return json.dumps(value) if isinstance(value, str) else repr(value)

    def type_of(column: sa.Column[Any]) -> str:
        text = repr(column.type)
        kind = type(column.type)
        if kind.__module__ == "govinfo_cli.store.decode":  # (the checked types: one decoder)
            return f"decode.{kind.__name__}({json.dumps(getattr(column.type, 'column', ''))})"
        if kind.__name__ == "AutoString":  # (a String but on MySQL; importing it imports all of
            return "sa.String" + text.removeprefix("AutoString")  # sqlmodel and pydantic: ~110 ms)
        return "sa." + text

    def call(name: str, args: list[str]) -> list[str]:
        """``name(args),`` inside the table's call, on one line if it fits (ruff's style)."""
        one = f"    {name}({', '.join(args)}),"
        if len(one) <= 120:
            return [one]
        if len("        " + ", ".join(args)) <= 120:
            return [f"    {name}(", "        " + ", ".join(args), "    ),"]
        return [f"    {name}(", *(f"        {a}," for a in args), "    ),"]

    lines = [
        f'"""GENERATED from store/models.py by `{SCHEMA_COMMAND}`: do not edit.',
        "",
        "The tables of store.models as SQLAlchemy Core tables, which the queries use (store.tables):",
        "building them costs a few milliseconds at start-up, the SQLModel classes about thirty",
        "(and importing sqlmodel about a hundred more).",
        'tests/test_db.py checks that this file is current."""',
        "",
        "from __future__ import annotations",
        "",
        "import datetime as dt",
        "",
        "import sqlalchemy as sa",
        "",
        "from govinfo_cli.store import decode",
        "",
        "",
        "def _utcnow() -> dt.datetime:",
        "    return dt.datetime.now(dt.UTC)",
        "",
        "",
        "metadata = sa.MetaData()",
    ]
    for table in SQLModel.metadata.sorted_tables:
        lines += ["", "", f"{table.name}_t = sa.Table(", f"    {json.dumps(table.name)},", "    metadata,"]
        for c in table.columns:
            args = [json.dumps(c.name), type_of(c)]
            args += [f"sa.ForeignKey({json.dumps(fk.target_fullname)})" for fk in c.foreign_keys]
            if c.primary_key:
                args.append("primary_key=True")
            if c.autoincrement != "auto":
                args.append(f"autoincrement={c.autoincrement!r}")
            args.append(f"nullable={c.nullable}")
            if c.default is not None:
                args.append(f"default={literal(getattr(c.default, 'arg', None))}")
            if c.server_default is not None:
                args.append(f"server_default={literal(getattr(c.server_default, 'arg', None))}")
            lines += call("sa.Column", args)
        uniques = [u for u in table.constraints if isinstance(u, sa.UniqueConstraint)]
        for u in sorted(uniques, key=lambda u: str(u.name)):
            lines += call(
                "sa.UniqueConstraint", [*(json.dumps(col.name) for col in u.columns), f"name={json.dumps(u.name)}"]
            )
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            args = [json.dumps(index.name), *(json.dumps(col.name) for col in index.columns)]
            if index.unique:
                args.append("unique=True")
            args += [f"{key}=sa.text({json.dumps(str(value))})" for key, value in index.dialect_kwargs.items()]
            lines += call("sa.Index", args)
        lines.append(")")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("schema.py").write_text(core_schema_source(), encoding="utf-8")
