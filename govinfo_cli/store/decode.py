"""The one decoder of stored values: an event's payload (JSON), a date, a recording time.

A damaged database (a flipped byte, a hand-edited row) can hold a payload that is not
JSON or a date that is not one. Every read of such a value goes through here and ends in
``DamagedRecord`` (core.errors: exit 1, one line) naming the column and what it holds; the
reader that knows the record adds which one (``DamagedRecord.at``: a case and its event,
an audit entry, a year lock), never a traceback.

Two ways in:

* ``payload``, ``day``, ``stamp``: the readers of the event log, the audit trail and the
  year locks select those columns undecoded (``raw``) and decode each value here, so the
  error names the case and event (``store.cases.to_event``, ``store.trail``, ``db check``).
* ``Day``, ``Stamp``, ``LocalStamp`` (the column types of ``store.models``) and
  ``loads`` (the engine's JSON decoder): every other read of a typed column decodes
  through the same functions, naming the table and column.

SQLite keeps these values as text; PostgreSQL checks them on the way in (its ``json``,
``date`` and ``timestamptz`` columns refuse a malformed value), so there they arrive
decoded and are only checked for their type.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

from govinfo_cli.core.errors import DamagedRecord


def raw(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """``column`` selected as stored (text on SQLite), for one of the decoders below."""
    name = getattr(column, "name", None) or getattr(column, "key", "value")
    return sa.type_coerce(column, sa.String()).label(name)


def _why_json(exc: ValueError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）"
    return f"不是有效的 JSON（{exc}）"


def loads(text: str | bytes, column: str = "events.payload") -> Any:
    """JSON text as stored (the engine's ``json_deserializer`` on SQLite)."""
    try:
        return json.loads(text)
    except (ValueError, TypeError) as exc:  # JSONDecodeError, bytes that are not UTF-8
        why = _why_json(exc) if isinstance(exc, ValueError) else str(exc)
        raise DamagedRecord(column, text, why, quote=False) from None


def payload(value: Any, column: str = "payload") -> dict[str, Any]:
    """An event's payload: a JSON object (PostgreSQL hands it decoded, SQLite as text)."""
    data = value if isinstance(value, dict) else loads(value, column) if isinstance(value, str | bytes) else value
    if not isinstance(data, dict):
        raise DamagedRecord(column, value, "不是 JSON 对象", quote=False)
    return data


def day(value: Any, column: str = "date") -> dt.date:
    """A stored date (``YYYY-MM-DD`` on SQLite)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise DamagedRecord(column, value, "：不是有效的日期")


def stamp(value: Any, column: str = "recorded_at") -> dt.datetime:
    """A recording time, in UTC with its offset (SQLite keeps it naive, in UTC; PostgreSQL
    hands it back aware)."""
    at = _datetime(value, column)
    return at.astimezone(dt.UTC) if at.tzinfo else at.replace(tzinfo=dt.UTC)


def _datetime(value: Any, column: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    raise DamagedRecord(column, value, "：不是有效的日期时间")


def optional(decoder: Any, value: Any, column: str) -> Any:
    """``decoder(value, column)``, or None for a value that is NULL."""
    return None if value is None else decoder(value, column)


class _Checked(TypeDecorator[Any]):
    """A column type whose stored text is decoded by this module (a damaged value is a
    ``DamagedRecord`` naming the column, not a ValueError from inside the driver)."""

    cache_ok = True
    _decode: Any = None

    def __init__(self, column: str = "", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.column = column

    def result_processor(self, dialect: sa.Dialect, coltype: Any) -> Any:
        # Replaces the implementing type's processing: SQLite's text is parsed here (the same
        # ISO forms SQLAlchemy reads); PostgreSQL's driver hands a decoded value, only checked.
        decode, column = type(self)._decode, self.column

        def process(value: Any) -> Any:
            return None if value is None else decode(value, column)

        return process


class Day(_Checked):
    impl = sa.Date
    cache_ok = True
    _decode = staticmethod(day)


class Stamp(_Checked):
    """A recording time (UTC; aware on PostgreSQL, naive on SQLite as before)."""

    impl = sa.DateTime
    cache_ok = True

    def __init__(self, column: str = "") -> None:
        super().__init__(column, timezone=True)

    @staticmethod
    def _decode(value: str, column: str) -> dt.datetime:
        return _datetime(value, column)


class LocalStamp(_Checked):
    """A local date-time without zone (an hour-counted deadline's moment)."""

    impl = sa.DateTime
    cache_ok = True

    @staticmethod
    def _decode(value: str, column: str) -> dt.datetime:
        return _datetime(value, column)
