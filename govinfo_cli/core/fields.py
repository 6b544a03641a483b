"""The field types every input is checked against at the edge: text, code, integer,
amount, date, date-time, true/false; and the JSON object of one event line.

Each ``*_field`` builds a parser: value in, canonical value out, or ``ValueError`` with a
Chinese reason (the caller names the file, line and field). The declarations that use
them (which field has which type, which is required) are the event field table in
``core.events``; register cells are checked against the same declarations.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from govinfo_cli.core import codes
from govinfo_cli.core.chars import BAD_MULTILINE, BAD_ONE_LINE, describe, shown
from govinfo_cli.core.chars import bad_character as bad_character  # re-exported for callers of fields
from govinfo_cli.core.dates import parse_date, parse_datetime

Parser = Callable[[Any], Any]

# The first and last years any date may fall in: the working-day calendar starts in 2000
# (the 2008 条例 and its 2019 revision are later still), reports run to 2100.
FIRST_YEAR = 2000
LAST_YEAR = 2100

TEXT_MAX = 200  # a name, a title (the longest the database caches: cases.party)
LONG_TEXT_MAX = 5000  # a request's content, a reason, a summary
JSON_DEPTH_MAX = 3  # an event line: {field: value}, or {field: {field: value}} for amendments
LINE_MAX = 100_000  # characters in one event line
AMOUNT_MAX = Decimal(100_000_000)  # yuan
_DIGITS = re.compile(r"^[+-]?[0-9]{1,18}$")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９＋－", "0123456789+-")


# What is stripped from both ends of a value: spaces and line ends a spreadsheet adds, not
# the other characters str.strip() takes (vertical tab, form feed, separators …), which are
# refused like any other control character.
BLANKS = " \t\r\n\u3000\u00a0"


def one_line(value: str) -> bool:
    """No control character at all (not even tab or newline), no lone surrogate."""
    return BAD_ONE_LINE.search(value.strip(BLANKS)) is None


def check_text(value: str, *, max_len: int = TEXT_MAX, multiline: bool = False) -> str:
    """``value`` stripped of blanks, if it is text a register may hold; else ValueError."""
    s = value.strip(BLANKS)
    bad = (BAD_MULTILINE if multiline else BAD_ONE_LINE).search(s)
    if bad:
        at = bad.start() + 1
        raise ValueError(f"第 {at} 个字符是控制字符或无效字符 {describe(bad.group())}")
    if len(s) > max_len:
        raise ValueError(f"过长（{len(s)} 字，最多 {max_len} 字）")
    return s


def text_field(max_len: int = TEXT_MAX, *, multiline: bool = False) -> Parser:
    """Text: a JSON string (a number or a list is not text), non-empty once stripped."""

    def parse(v: Any) -> str:
        if not isinstance(v, str):
            raise ValueError(f"应为文本，不是{json_type(v)}")
        s = check_text(v, max_len=max_len, multiline=multiline)
        if not s:
            raise ValueError("不能为空")
        return s

    return parse


def text_list_field(max_items: int, max_len: int = TEXT_MAX) -> Parser:
    """Several lines of text (the items a correction notice lists): a JSON list of texts, or
    one text holding one item per line (``--set items=…``); at least one, at most
    ``max_items``, each one line and not empty."""
    one = text_field(max_len)

    def parse(v: Any) -> list[str]:
        if isinstance(v, str):
            v = [line for line in v.splitlines() if line.strip(BLANKS)]
        if not isinstance(v, list):
            raise ValueError(f"应为文本列表，不是{json_type(v)}")
        if not v:
            raise ValueError("至少一项")
        if len(v) > max_items:
            raise ValueError(f"过多（{len(v)} 项，最多 {max_items} 项）")
        out = []
        for n, item in enumerate(v, 1):
            try:
                out.append(one(item))
            except ValueError as exc:
                raise ValueError(f"第 {n} 项{exc}") from None
        return out

    return parse


def code_field(table: Mapping[str, str]) -> Parser:
    def parse(v: Any) -> str:
        code = codes.parse(table, v) if isinstance(v, str) and one_line(v) else None
        if code is None:
            shown = repr(v) if isinstance(v, str) else json_type(v)
            raise ValueError(f"未知取值 {shown}，可选：{codes.choices(table)}")
        return code

    return parse


def integer_field(lo: int, hi: int) -> Parser:
    """An integer in [lo, hi]: a JSON integer or its decimal digits (not 5.0, not true)."""

    def parse(v: Any) -> int:
        if isinstance(v, bool) or not isinstance(v, int | str):
            raise ValueError(f"应为整数，不是{json_type(v)}")
        if isinstance(v, str):
            s = v.translate(_FULLWIDTH_DIGITS).strip(BLANKS)
            if not _DIGITS.match(s):
                raise ValueError(f"{shown(v)} 不是整数")
            n = int(s)
        else:
            n = v
        if not lo <= n <= hi:
            raise ValueError(f"应在 {lo}–{hi} 之间")
        return n

    return parse


def amount_field(v: Any) -> int | float:
    """An amount in yuan: finite, not negative, at most two decimals, at most 1 亿."""
    if isinstance(v, bool) or not isinstance(v, int | float | Decimal | str):
        raise ValueError(f"应为金额，不是{json_type(v)}")
    text = v.translate(_FULLWIDTH_DIGITS).strip(BLANKS) if isinstance(v, str) else str(v)
    try:
        d = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{shown(text)} 不是金额") from None
    if not d.is_finite():
        raise ValueError(f"{shown(text)} 不是有限的金额")
    if d < 0:
        raise ValueError("金额不能为负")
    if d > AMOUNT_MAX:
        raise ValueError(f"金额过大（最多 {AMOUNT_MAX} 元）")
    if d != d.quantize(Decimal("0.01")):
        raise ValueError("金额最多两位小数（分）")
    return int(d) if d == d.to_integral_value() else float(d)


def bool_field(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if not isinstance(v, str | int) or isinstance(v, int) and v not in (0, 1):
        raise ValueError(f"应为真假值 (true/false)，不是{json_type(v)}")
    s = str(v).strip(BLANKS).lower()
    if s in {"true", "1", "yes", "是", "y"}:
        return True
    if s in {"false", "0", "no", "否", "n"}:
        return False
    raise ValueError(f"{shown(v)} 不是真假值 (true/false)")


def check_year(d: dt.date) -> dt.date:
    if d.year < FIRST_YEAR:
        raise ValueError(f"{d.isoformat()} 早于工作日历范围（{FIRST_YEAR} 年起）")
    if d.year > LAST_YEAR:
        raise ValueError(f"{d.isoformat()} 晚于可接受的范围（至 {LAST_YEAR} 年）")
    return d


def parse_day(v: Any, *, strict: bool) -> dt.date:
    """A date (``strict``: YYYY-MM-DD only, as event lines spell it) in FIRST_YEAR–LAST_YEAR."""
    if not isinstance(v, str):
        raise ValueError(f"应为日期文本 YYYY-MM-DD，不是{json_type(v)}")
    if len(v) > 40:
        raise ValueError(f"{shown(v)} 不是有效日期")
    return check_year(parse_date(v, strict=strict))


def date_field(v: Any) -> str:
    """A date in any spelling clerks use (registers, command options)."""
    return parse_day(v, strict=False).isoformat()


def iso_date_field(v: Any) -> str:
    """A date as an event line must spell it: YYYY-MM-DD."""
    return parse_day(v, strict=True).isoformat()


def datetime_field(v: Any) -> str:
    if not isinstance(v, str) or len(v) > 40:
        raise ValueError(f"应为时间文本 YYYY-MM-DD HH:MM，不是{shown(v) if isinstance(v, str) else json_type(v)}")
    value = parse_datetime(v)
    check_year(value.date())
    return value.isoformat(timespec="minutes")


# --------------------------------------------------------------------------
# One event line: a flat JSON object
# --------------------------------------------------------------------------


class _Refused(Exception):
    """Raised from inside the JSON decoder's hooks; becomes a ValueError."""


def _no_constant(name: str) -> Any:
    raise _Refused(f"{name} 不是有效数值")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise _Refused(f"数字 {text[:20]}… 过长")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"数值 {shown(text)} 超出范围")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):  # a key given twice: name the first one repeated
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"字段 {key!r} 出现了两次")
            seen.add(key)
    return out


_DECODER = json.JSONDecoder(
    object_pairs_hook=_unique_keys,
    parse_constant=_no_constant,
    parse_int=_bounded_int,
    parse_float=_finite_float,
)


def json_object(text: str) -> dict[str, Any]:
    """One event line as a JSON object, or ValueError: not JSON, not an object, nested deeper
    than an event line goes, a duplicated field, NaN/Infinity, an out-of-range number."""
    line = text.rstrip("\r\n")
    if len(line) > LINE_MAX:
        raise ValueError(f"行过长（{len(line)} 个字符，最多 {LINE_MAX}）")
    try:
        obj = _DECODER.decode(line)
    except json.JSONDecodeError as exc:  # the column of an error, not "line 2, column 1"
        raise ValueError(f"不是有效的 JSON（第 {exc.colno} 列：{exc.msg}）") from None
    except _Refused as exc:
        raise ValueError(str(exc)) from None
    except RecursionError:
        raise ValueError(f"JSON 嵌套过深（最多 {JSON_DEPTH_MAX} 层）") from None
    if not isinstance(obj, dict):
        raise ValueError("每行应为一个 JSON 对象")
    if ("[" in line or "{" in line[1:]) and _depth(obj) > JSON_DEPTH_MAX:  # nothing nested without those
        raise ValueError(f"JSON 嵌套过深（最多 {JSON_DEPTH_MAX} 层）")
    for key in obj:
        if key in _GOOD_KEYS:
            continue
        bad = BAD_ONE_LINE.search(key)
        if bad:
            raise ValueError(f"字段名 {key!r} 含控制字符或无效字符 {describe(bad.group())}")
        if len(_GOOD_KEYS) < 1000:
            _GOOD_KEYS.add(key)
    return obj


# field names already found clean (a file repeats the same few on every line)
_GOOD_KEYS: set[str] = set()


def _depth(value: Any, level: int = 1) -> int:
    if level > JSON_DEPTH_MAX:
        return level
    items = value.values() if isinstance(value, dict) else value
    deepest = level
    for v in items:
        if isinstance(v, dict | list):
            deepest = max(deepest, _depth(v, level + 1))
    return deepest


def json_type(v: Any) -> str:
    if v is None:
        return "空值 null"
    if isinstance(v, bool):
        return "真假值"
    if isinstance(v, int | float | Decimal):
        text = str(v)
        return f"数字 {text if len(text) <= 30 else text[:30] + '…'}"
    if isinstance(v, list):
        return "列表"
    if isinstance(v, dict):
        return "对象"
    return type(v).__name__
