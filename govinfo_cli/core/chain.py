"""The hash chains of the trail (tamper evidence): each case's event log, the audit log,
the year locks.

Each event's ``chain`` is the SHA-256 of the previous event's chain (empty for the first)
and the event's canonical content: its case (kind and number), sequence number, type,
date, payload, operator and recording time. The audit log is one chain of its own, entry
after entry (``audit_chain``: time, operator, action, target, detail), and so are the year
locks, in the order the years were locked (``lock_chain``). Changing, removing or
inserting any entry changes every chain after it; ``Head`` folds every case's last chain
and the last link of the audit log and of the year locks into one value an office can
write down. Pure: no database, no clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

GENESIS = ""  # the "previous chain" of a case's first event
# json.dumps(…, ensure_ascii=False, sort_keys=True, separators=(",", ":")), without its per-call set-up
_CANON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode


def stamp_text(recorded_at: dt.datetime | str) -> str:
    """A recording time as canonical text: UTC, microseconds (SQLite hands it back naive,
    in UTC; PostgreSQL aware): ``2026-11-20T01:00:00.000000Z``."""
    if isinstance(recorded_at, str):
        recorded_at = dt.datetime.fromisoformat(recorded_at)
    if recorded_at.tzinfo is None:
        recorded_at = recorded_at.replace(tzinfo=dt.UTC)
    if recorded_at.year < 1000:  # isoformat pads the year to four digits as %Y does not
        return recorded_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    # isoformat is the same text as strftime above, in a third of the time
    return recorded_at.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


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
    return _CANON(body).encode()


def link(prev: str | None, content: bytes) -> str:
    """The chain value of an event whose predecessor's chain is ``prev``."""
    h = hashlib.sha256((prev or GENESIS).encode())  # hex: the same bytes in any encoding; a damaged value still links
    h.update(b"\n")
    h.update(content)
    return h.hexdigest()


def event_chain(prev: str | None, kind: str, number: str, seq: int, type_: str, date: Any, payload: Any,
                operator: str, recorded_at: Any) -> str:  # fmt: skip
    return link(prev, canonical(kind, number, seq, type_, date, payload, operator, recorded_at))


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


def audit_chain(prev: str | None, at: dt.datetime | str, operator: str, action: str, target: str, detail: str) -> str:
    """The chain value of an audit entry whose predecessor (by id) has chain ``prev``."""
    return link(prev, _CANON(["audit", stamp_text(at), operator, action, target, detail]).encode())


def lock_chain(prev: str | None, seq: int, year: int, operator: str, locked_at: dt.datetime | str, note: str) -> str:
    """The chain value of the ``seq``-th year lock, whose predecessor has chain ``prev``."""
    return link(prev, _CANON(["year_lock", seq, year, operator, stamp_text(locked_at), note]).encode())


class Head:
    """Folds (kind, number, last seq, last chain) of every case, in case-id order, then the
    audit log's and the year locks' (number of entries, last chain), into one hash: the
    value ``db check --head`` prints. ``events_hexdigest`` is the cases' part alone (the
    head of govinfo before the audit log was chained, for heads written down then)."""

    def __init__(self) -> None:
        self._h = hashlib.sha256(b"govinfo-head-v2\n")
        self._events = hashlib.sha256(b"govinfo-head-v1\n")
        self.cases = 0
        self.audit: tuple[int, str | None] = (0, None)
        self.locks: tuple[int, str | None] = (0, None)

    def add(self, kind: str, number: str, seq: int, chain: str | None) -> None:
        line = f"{kind}\t{number}\t{seq}\t{chain or ''}\n".encode()
        self._h.update(line)
        self._events.update(line)
        self.cases += 1

    def hexdigest(self) -> str:
        h = self._h.copy()
        for name, (count, chain) in (("audit", self.audit), ("year_locks", self.locks)):
            h.update(f"{name}\t{count}\t{chain or ''}\n".encode())
        return h.hexdigest()

    def events_hexdigest(self) -> str:
        return self._events.hexdigest()
