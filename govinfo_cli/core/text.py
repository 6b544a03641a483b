"""Text safety for spreadsheets (OWASP CSV injection)."""

from __future__ import annotations

import datetime as dt
from typing import Any

# A cell a spreadsheet would run as a formula is prefixed with a quote.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def safe_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def unsafe_cell(text: str) -> str:
    """The inverse on import: a quote that neutralised a formula is taken off again."""
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(_FORMULA_START):
        return text[1:]
    return text
