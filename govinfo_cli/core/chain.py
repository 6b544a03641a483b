"""The hash chain of a case's event log (tamper evidence).

Each event's ``chain`` is the SHA-256 of the previous event's chain (empty for the first)
and the event's canonical content: its case (kind and number), sequence number, type,
date, payload, operator and recording time. Changing, removing or inserting any event
changes every chain after it; ``head`` folds every case's last chain into one value an
office can write down. Pure: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

GENESIS = ""  # the "previous chain" of a case's first event


def stamp_text(recorded_at: dt.datetime | str) -> str:
    """A recording time as canonical text: UTC, microseconds (SQLite hands it back naive,
    in UTC; PostgreSQL aware)."""
    if isinstance(recorded_at, str):
        recorded_at = dt.datetime.fromisoformat(recorded_at)
    if recorded_at.tzinfo is None:
        recorded_at = recorded_at.replace(tzinfo=dt.UTC)
    return recorded_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(
    kind: str,
    number: str,
    seq: int,
    type_: str,
    date: dt.date | str,
    payload: dict[str, Any] | str,
    operator: str,
    recorded_at: dt.datetime | str,
) -> bytes:
    if isinstance(payload, str):
        payload = json.loads(payload)
    day = date if isinstance(date, str) else date.isoformat()
    body = [kind, number, seq, type_, day, payload, operator, stamp_text(recorded_at)]
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def link(prev: str | None, content: bytes) -> str:
    """The chain value of an event whose predecessor's chain is ``prev``."""
    h = hashlib.sha256((prev or GENESIS).encode("ascii"))
    h.update(b"\n")
    h.update(content)
    return h.hexdigest()


def event_chain(prev: str | None, kind: str, number: str, seq: int, type_: str, date: Any, payload: Any,
                operator: str, recorded_at: Any) -> str:  # fmt: skip
    return link(prev, canonical(kind, number, seq, type_, date, payload, operator, recorded_at))


_CANON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


class Linker:
    """``event_chain`` for many events recorded by one operator at one time (a bulk load):
    the same values, with the parts every event shares (operator, recording time) and a
    case's (kind, number) encoded once, not per event. A test checks it agrees with
    ``event_chain``."""

    def __init__(self, operator: str, recorded_at: dt.datetime | str) -> None:
        self._tail = f",{_CANON(operator)},{_CANON(stamp_text(recorded_at))}]"
        self._types: dict[str, str] = {}

    def chains(self, prev: str | None, kind: str, number: str, first: int, events: Iterable[Any]) -> list[str]:
        """The chains of one case's events (anything with ``type``, ``date`` and ``data``:
        core.events.Event), numbered from ``first``, continuing from ``prev`` (None: a new case)."""
        head = f"[{_CANON(kind)},{_CANON(number)},"
        tail, out, types = self._tail, [], self._types
        for seq, ev in enumerate(events, start=first):
            type_, date, payload = ev.type, ev.date, ev.data
            day = date if isinstance(date, str) else date.isoformat()
            t = types.get(type_) or types.setdefault(type_, _CANON(type_))
            # an ISO date needs no escaping: quoted as it is
            body = f'{head}{seq},{t},"{day}",{_CANON(payload)}{tail}'
            prev = hashlib.sha256(f"{prev or GENESIS}\n{body}".encode()).hexdigest()
            out.append(prev)
        return out


class Head:
    """Folds (kind, number, last seq, last chain) of every case, in case-id order, into one
    hash: the value ``db check --head`` prints."""

    def __init__(self) -> None:
        self._h = hashlib.sha256(b"govinfo-head-v1\n")
        self.cases = 0

    def add(self, kind: str, number: str, seq: int, chain: str | None) -> None:
        self._h.update(f"{kind}\t{number}\t{seq}\t{chain or ''}\n".encode())
        self.cases += 1

    def hexdigest(self) -> str:
        return self._h.hexdigest()
