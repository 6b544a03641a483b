"""Text safety for spreadsheets (OWASP CSV injection): the one guard every text cell of
every CSV, Markdown and xlsx file govinfo writes goes through (headers and titles too)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

# A cell a spreadsheet would run as a formula is prefixed with a quote. A cell that already
# starts with a quote gets one too, so that import (``unsafe_cell``) removes exactly the
# quote the export added: ``'=1+1`` is written ``''=1+1`` and read back as ``'=1+1``.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"
# a plain decimal number, the only text starting with + or - left unquoted (not -inf,
# +nan, -1_0, which Python reads as numbers and a spreadsheet may not)
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _is_number(text: str) -> bool:
    return _PLAIN_NUMBER.fullmatch(text) is not None


def safe_cell(value: Any) -> str:
    """A value as the text of a spreadsheet cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    if text.startswith(_GUARD) or (text.startswith(_FORMULA_START) and not _is_number(text)):
        return _GUARD + text
    return text


def unsafe_cell(text: str) -> str:
    """The inverse on import: only the quote ``safe_cell`` added is taken off again."""
    if len(text) > 1 and text[0] == _GUARD and text[1:].startswith((*_FORMULA_START, _GUARD)):
        return text[1:]
    return text
