"""What no input may hold: the characters that are not text, and how a message names one.

Its own small module (``re`` only) because every command line is checked with it before any
command runs (``cli.GovinfoGroup.parse_args``); ``core.fields`` builds every field type on it.
"""

from __future__ import annotations

import re

# Not text: C0/C1 control characters, lone surrogates (not encodable), U+FEFF and the
# non-characters, and the bidirectional overrides that make a line read other than it is.
# Tab, carriage return and newline only in fields that allow several lines.
_NOT_TEXT = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufdd0-\ufdef\ufffe\uffff\u202a-\u202e\u2066-\u2069"
BAD_MULTILINE = re.compile(f"[{_NOT_TEXT}]")
BAD_ONE_LINE = re.compile(f"[{_NOT_TEXT}\t\n\r]")


def describe(ch: str) -> str:
    """A character a clerk can look for: U+0000 and, if it has one, its usual name."""
    names = {"\t": "制表符", "\n": "换行符", "\r": "回车符", "\x00": "空字符 NUL", "\ufeff": "BOM"}
    code = f"U+{ord(ch):04X}"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return f"{code}（孤立代理项：不是有效的 UTF-8 / Unicode 文本）"
    return f"{code}（{names[ch]}）" if ch in names else code


def bad_character(value: str) -> str | None:
    """The first character that no input may hold (tab and newline aside), described."""
    bad = BAD_MULTILINE.search(value)
    return describe(bad.group()) if bad else None


def shown(v: object, n: int = 30) -> str:
    """A value as it may be shown in a one-line message (escaped, cut short)."""
    r = repr(v) if isinstance(v, str) else str(v)
    return r if len(r) <= n else r[:n] + "…"
