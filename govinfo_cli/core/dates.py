"""The one date parser: the spellings clerks use in registers and on the command line."""

from __future__ import annotations

import datetime as dt
import re
from typing import overload

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．：　", "0123456789-/.: ")
_SPELLINGS = (
    re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$"),
    re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日?$"),
    re.compile(r"^([0-9]{4})([0-9]{2})([0-9]{2})$"),
)
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def parse_date(text: str, *, strict: bool = False) -> dt.date:
    """A date from 2025-03-05, 2025/3/5, 2025.3.5, 2025年3月5日 or 20250305 (full-width
    digits and stray spaces allowed). ``strict`` accepts only YYYY-MM-DD, ASCII digits.
    Raises ValueError with a Chinese message."""
    s = (text if strict else text.translate(_FULLWIDTH)).strip()
    if len(s) == 10 and s[4] == "-" and s[7] == "-":  # the common spelling, in C
        try:
            return dt.date.fromisoformat(s)
        except ValueError:
            pass
    patterns = (_ISO,) if strict else _SPELLINGS
    for pat in patterns:
        m = pat.match(s)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d)
            except ValueError:
                break
    want = "YYYY-MM-DD" if strict else "YYYY-MM-DD、YYYY/M/D、YYYY年M月D日 或 YYYYMMDD"
    raise ValueError(f"{text!r} 不是有效日期（应为 {want}）")


_TIME = re.compile(r"^(\d{1,2})[:时](\d{2})(?::(\d{2}))?分?$")


def parse_datetime(text: str, *, today: dt.date | None = None) -> dt.datetime:
    """A local date-time: any date ``parse_date`` reads, then optionally a time H:MM[:SS]
    after a space or 'T' ('2026-11-20 9:20', '2026/11/20T09:20', '2026年11月20日 9:20');
    a date alone is 00:00 of that day; a time alone ('9:20') is that time ``today`` (when
    given). Full-width digits and colons are allowed. Raises ValueError in Chinese."""
    s = text.translate(_FULLWIDTH).replace("：", ":").strip()
    bad = ValueError(f"{text!r} 不是有效时间（应为 YYYY-MM-DD HH:MM，或当天的 HH:MM）")
    if not s:
        raise bad
    day_part, _, time_part = s.replace("T", " ", 1).partition(" ")
    time_part = time_part.strip()
    if not time_part and _TIME.match(day_part) and today is not None:
        day_part, time_part = "", day_part
    try:
        day = parse_date(day_part) if day_part else today
    except ValueError:
        raise bad from None
    if day is None:
        raise bad
    if not time_part:
        return dt.datetime.combine(day, dt.time())
    m = _TIME.match(time_part)
    if not m:
        raise bad
    h, mi = int(m.group(1)), int(m.group(2))
    if h > 23 or mi > 59:
        raise bad
    return dt.datetime.combine(day, dt.time(h, mi))


@overload
def parse_date_arg(value: str, name: str) -> dt.date: ...
@overload
def parse_date_arg(value: None, name: str) -> None: ...
@overload
def parse_date_arg(value: str | None, name: str) -> dt.date | None: ...
def parse_date_arg(value: str | None, name: str) -> dt.date | None:
    """A date given on the command line (None stays None); errors name the option."""
    from govinfo_cli.core.errors import ValidationError

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"{name}: {exc}") from None
