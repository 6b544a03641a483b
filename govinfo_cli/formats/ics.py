"""The iCalendar file of ``due --ics`` (RFC 5545): one all-day event per deadline, a UID that
names the case and the deadline (never the date), a SEQUENCE that never decreases."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Protocol

from govinfo_cli.core import codes


class Deadline(Protocol):
    """What an event is made of (``app.due.DueItem`` has it)."""

    @property
    def case(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def deadline(self) -> str: ...
    @property
    def due(self) -> dt.date: ...
    @property
    def due_at(self) -> dt.datetime | None: ...
    @property
    def provisional(self) -> bool: ...
    @property
    def department(self) -> str | None: ...
    @property
    def name(self) -> str: ...


def _fold(line: str) -> str:
    """RFC 5545 line folding at 75 octets."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode()
        if len(cur) + len(b) > 75:
            out.append(cur.decode())
            cur = b" " + b
        else:
            cur += b
    out.append(cur.decode())
    return "\r\n".join(out)


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ics_sequence(now: dt.datetime) -> int:
    """SEQUENCE of every event of an export: the export's clock in minutes since 2000. It never
    decreases (RFC 5545 §3.8.7.4), whichever way a deadline moved (a calendar change can move
    one earlier), so a calendar client re-importing takes the newer export; the UID names the
    case and the deadline, never the date, so nothing is duplicated."""
    return int((now.replace(tzinfo=None) - dt.datetime(2000, 1, 1)).total_seconds() // 60)


def ics_text(items: Iterable[Deadline], now: dt.datetime) -> str:
    stamp = now.strftime("%Y%m%dT%H%M%S")
    sequence = ics_sequence(now)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//govinfo//政府信息公开期限//ZH", "CALSCALE:GREGORIAN"]
    for i in items:
        party = f"|{i.name}" if i.name else ""  # one event per party consulted
        uid = hashlib.sha1(f"{i.kind}|{i.case}|{i.deadline}{party}".encode()).hexdigest()
        end = i.due + dt.timedelta(days=1)
        summary = f"{i.case} {codes.deadline_label(i.deadline, i.name)}"
        if i.due_at is not None:
            summary += f" {i.due_at:%H:%M}前"
        description = f"{codes.label(codes.KINDS, i.kind)}；{i.department or ''}"
        if i.provisional:
            summary += f"（{codes.PROVISIONAL_MARK}暂定）"
            description += "；暂定日期：依赖尚未确认年度的节假日安排，确认后可能变动"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}@govinfo",
            f"SEQUENCE:{sequence}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{i.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{end:%Y%m%d}",
            f"SUMMARY:{_esc(summary)}",
            f"DESCRIPTION:{_esc(description)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(x) for x in lines) + "\r\n"
