"""The one date parser: the spellings clerks use in registers and on the command line."""

from __future__ import annotations

import datetime as dt
import re

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


def parse_datetime(text: str) -> dt.datetime:
    """A local date-time 'YYYY-MM-DD HH:MM' or ISO 'YYYY-MM-DDTHH:MM[:SS]'."""
    s = text.translate(_FULLWIDTH).strip().replace(" ", "T", 1)
    try:
        value = dt.datetime.fromisoformat(s)
    except ValueError:
        raise ValueError(f"{text!r} 不是有效时间（应为 YYYY-MM-DD HH:MM）") from None
    return value.replace(tzinfo=None, second=0, microsecond=0)


def parse_date_arg(value: str | None, name: str) -> dt.date | None:
    """A date given on the command line (None stays None); errors name the option."""
    from govinfo_cli.core.errors import ValidationError

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise ValidationError(f"{name}: {exc}") from None
