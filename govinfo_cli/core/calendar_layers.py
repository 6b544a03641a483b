"""Calendar layers (docs/rules.md §13): the days an autonomous region, prefecture or county
gives off for its own festivals, and the make-up working days (调休上班) it sets, year by
year, each year with the notice it rests on.

A layer is declared data (a TOML file: the shipped regions under ``govinfo_cli/layers/``,
an office's own local layers imported with `govinfo calendar layer import`); this module
reads such a text into a ``Layer`` and checks it, and ``core.calendar`` applies layers on
top of the national schedule. Pure: text in, values or one-line errors (file:line:column)
out. The format, with an example, is docs/calendar-layers.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from govinfo_cli.core import fields
from govinfo_cli.core.errors import ImportErrors

Date = dt.date

NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,39}$")


@dataclass(frozen=True)
class LayerDay:
    """One day a layer sets: a day off (``working`` False) or a make-up working day."""

    day: Date
    working: bool
    festival: str  # the festival (or reason) the notice gives it for


@dataclass(frozen=True)
class LayerYear:
    year: int
    confirmed: bool  # the notice's text was read and the days are the notice's own
    notice: str  # the notice's title
    number: str = ""  # 文号, where it has one
    published: Date | None = None
    source: str = ""  # where the text was read, or why the year is unconfirmed
    days: tuple[LayerDay, ...] = ()


@dataclass(frozen=True)
class Layer:
    name: str  # ascii, as the command line and the settings spell it
    title: str  # as the screen shows it, e.g. 新疆维吾尔自治区
    basis: str = ""  # the standing rule the yearly notices rest on
    since: int | None = None  # the year the standing rule took effect: nothing before it
    years: tuple[LayerYear, ...] = ()
    local: bool = False  # imported by the office (not shipped)
    _by_year: dict[int, LayerYear] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        self._by_year.update({y.year: y for y in self.years})

    def year(self, year: int) -> LayerYear | None:
        return self._by_year.get(year)

    def applies(self, year: int) -> bool:
        """The layer has (or may have) days in ``year``: not before its standing rule."""
        return self.since is None or year >= self.since

    def confirms(self, year: int) -> bool:
        """``year`` is settled for this layer: before its standing rule, or its notice read."""
        if not self.applies(year):
            return True
        y = self._by_year.get(year)
        return y is not None and y.confirmed

    def status(self, year: int) -> str:
        """'confirmed' | 'unconfirmed' | 'missing' | 'not_applicable' (before ``since``)."""
        if not self.applies(year):
            return "not_applicable"
        y = self._by_year.get(year)
        if y is None:
            return "missing"
        return "confirmed" if y.confirmed else "unconfirmed"


@dataclass(frozen=True)
class RegionalDay:
    """A day whose working status a layer changed (for display and ``--explain``)."""

    day: Date
    working: bool
    layer: str  # the layer's name
    title: str  # the layer's title
    festival: str
    notice: str
    confirmed: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "working_day": self.working,
            "layer": self.layer,
            "layer_title": self.title,
            "festival": self.festival,
            "notice": self.notice,
            "confirmed": self.confirmed,
        }


# --------------------------------------------------------------------------
# Reading a layer file
# --------------------------------------------------------------------------

Pos = tuple[int, int | None]  # line, column (1-based; no column when none applies)
Bad = Callable[[Pos, str], None]

_TOP = {"name", "title", "basis", "since", "year"}
_YEAR = {"year", "confirmed", "notice", "number", "published", "source", "off", "work"}
_OFF = {"from", "to", "festival"}
_WORK = {"date", "festival"}
MAX_SPAN = 31  # a day-off span longer than a month is a typing mistake, not a festival


class _Where:
    """Line and column of things in the text, for error messages (tomllib gives none
    once the text has parsed)."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.tables = [i for i, line in enumerate(self.lines) if re.match(r"^\s*\[\[\s*year\s*\]\]", line)]

    def block(self, index: int) -> tuple[int, int]:
        """The line range [start, end) of the index-th [[year]] table."""
        if index >= len(self.tables):
            return (len(self.lines), len(self.lines))
        start = self.tables[index]
        end = self.tables[index + 1] if index + 1 < len(self.tables) else len(self.lines)
        return start, end

    def find(self, needle: str, start: int = 0, end: int | None = None) -> tuple[int, int | None]:
        """(line, column), 1-based, of the first ``needle`` in lines [start, end); else the
        first line of the range and no column."""
        stop = len(self.lines) if end is None else end
        pattern = re.compile(needle)
        for i in range(start, stop):
            m = pattern.search(self.lines[i])
            if m:
                return i + 1, m.start() + 1
        return min(start, max(len(self.lines) - 1, 0)) + 1, None

    def key(self, key: str, start: int = 0, end: int | None = None) -> tuple[int, int | None]:
        return self.find(rf"(^|[\s{{,])\"?{re.escape(key)}\"?\s*=", start, end)

    def value(self, key: str, value: object, start: int, end: int) -> tuple[int, int | None]:
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        line, col = self.find(rf"{re.escape(key)}\s*=\s*\"?{re.escape(text)}", start, end)
        if col is None:
            line, col = self.find(re.escape(text), start, end)
        return line, col


def parse_layer(text: str, source: str, *, local: bool = False) -> Layer:
    """A layer file's text as a ``Layer``; every problem at once, each as one line
    ``source:line[:column]: what is wrong`` (ImportErrors)."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = re.search(r"\(at line (\d+), column (\d+)\)", msg)
        where = f"{m.group(1)}:{m.group(2)}" if m else "1"
        what = re.sub(r"\s*\(at line \d+, column \d+\)", "", msg)
        raise ImportErrors([f"{source}:{where}: 不是有效的 TOML（{what}）"]) from None
    w = _Where(text)
    problems: list[str] = []

    def bad(pos: Pos, what: str) -> None:
        line, col = pos
        problems.append(f"{source}:{line}" + (f":{col}" if col else "") + f": {what}")

    for key in sorted(set(data) - _TOP):
        bad(w.key(key), f"未知设置 {key}（可用：name、title、basis、since 和 [[year]] 表）")
    name = data.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        bad(w.key("name"), "name 应为小写英文字母开头的名称（字母、数字、连字符，如 liangshan）")
        name = ""
    title = _text(data, "title", w, bad, required=True, where=w.key("title"))
    basis = _text(data, "basis", w, bad, where=w.key("basis"))
    since = data.get("since")
    if since is not None and (not isinstance(since, int) or isinstance(since, bool) or not _year_ok(since)):
        bad(w.key("since"), f"since 应为 {fields.FIRST_YEAR}–{fields.LAST_YEAR} 的年份")
        since = None
    raw_years = data.get("year", [])
    if not isinstance(raw_years, list):
        bad(w.key("year"), "year 应写成 [[year]] 表，每年一个")
        raw_years = []
    years: list[LayerYear] = []
    seen: dict[int, int] = {}
    for index, raw in enumerate(raw_years):
        start, end = w.block(index)
        y = _year(raw, index, start, end, w, bad)
        if y is None:
            continue
        if y.year in seen:
            bad(w.value("year", y.year, start, end), f"{y.year} 年重复（第 {seen[y.year] + 1} 个 [[year]] 表已写过）")
            continue
        seen[y.year] = index
        years.append(y)
    if problems:
        raise ImportErrors(problems)
    return Layer(
        name=name,
        title=title,
        basis=basis,
        since=since,
        years=tuple(sorted(years, key=lambda y: y.year)),
        local=local,
    )


def _year_ok(year: int) -> bool:
    return fields.FIRST_YEAR <= year <= fields.LAST_YEAR


_LONG = {"basis", "source"}  # may run to a paragraph: where a text was read, or why not


def _text(data: dict[str, Any], key: str, w: _Where, bad: Bad, *, required: bool = False, where: Pos) -> str:
    value = data.get(key, "")
    limit = fields.LONG_TEXT_MAX if key in _LONG else fields.TEXT_MAX
    if required and (not isinstance(value, str) or not value.strip()):
        bad(where, f"缺少 {key}（一行文本）")
        return ""
    if not isinstance(value, str) or not fields.one_line(value) or len(value) > limit:
        bad(where, f"{key} 应为一行文本（不超过 {limit} 字）")
        return ""
    return value.strip()


def _year(raw: object, index: int, start: int, end: int, w: _Where, bad: Bad) -> LayerYear | None:  # noqa: C901
    head: Pos = (start + 1, None)
    if not isinstance(raw, dict):
        bad(head, "每个 [[year]] 表应含 year、confirmed、notice 等设置")
        return None
    ok = True
    for key in sorted(set(raw) - _YEAR):
        bad(w.key(key, start, end), f"未知设置 {key}（[[year]] 可用：{'、'.join(sorted(_YEAR))}）")
        ok = False
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not _year_ok(year):
        bad(w.key("year", start, end), f"year 应为 {fields.FIRST_YEAR}–{fields.LAST_YEAR} 的年份")
        return None
    confirmed = raw.get("confirmed")
    if not isinstance(confirmed, bool):
        bad(w.key("confirmed", start, end) if "confirmed" in raw else head, "confirmed 应为 true 或 false")
        ok = False
    notice = _text(raw, "notice", w, bad, required=bool(confirmed), where=w.key("notice", start, end))
    number = _text(raw, "number", w, bad, where=w.key("number", start, end))
    source = _text(raw, "source", w, bad, where=w.key("source", start, end))
    if confirmed and not notice:
        ok = False
    published = raw.get("published")
    if published is not None and (not isinstance(published, dt.date) or isinstance(published, dt.datetime)):
        bad(w.key("published", start, end), "published 应为日期，如 2024-12-25（不加引号）")
        published = None
    days: dict[Date, LayerDay] = {}

    def add(entry: LayerDay, pos: Pos) -> None:
        nonlocal ok
        if entry.day.year != year:
            bad(pos, f"{entry.day} 不在 {year} 年（每天按其所在年度的通知计算，写进该年的 [[year]] 表）")
            ok = False
        elif entry.day in days and days[entry.day].working != entry.working:
            bad(pos, f"{entry.day} 既写成放假又写成上班")
            ok = False
        else:
            days[entry.day] = entry

    for kind, allowed in (("off", _OFF), ("work", _WORK)):
        items = raw.get(kind, [])
        if not isinstance(items, list):
            bad(w.key(kind, start, end), f"{kind} 应为列表，如 {kind} = [{{ … }}]")
            ok = False
            continue
        for item in items:
            if not isinstance(item, dict):
                bad(w.key(kind, start, end), f"{kind} 的每一项应为 {{ … }}")
                ok = False
                continue
            first = item.get("from") if kind == "off" else item.get("date")
            anchor = w.value("from" if kind == "off" else "date", first, start, end) if first else head
            for key in sorted(set(item) - allowed):
                bad(w.key(key, start, end), f"{kind} 中未知设置 {key}（可用：{'、'.join(sorted(allowed))}）")
                ok = False
            festival = item.get("festival")
            if not isinstance(festival, str) or not festival.strip() or not fields.one_line(festival):
                bad(anchor, "每一项须写 festival（节日或事由，一行文本）")
                ok = False
                continue
            if kind == "work":
                if not _is_date(first):
                    bad(anchor, "date 应为日期，如 2023-02-18（不加引号）")
                    ok = False
                    continue
                add(LayerDay(first, True, festival.strip()), anchor)
                continue
            last = item.get("to", first)
            if not _is_date(first) or not _is_date(last):
                bad(anchor, "from、to 应为日期，如 2025-03-29（不加引号）")
                ok = False
                continue
            if last < first or (last - first).days >= MAX_SPAN:
                pos = w.value("to", last, start, end)
                bad(pos, f"to {last} 应在 from {first} 之后且相距不超过 {MAX_SPAN} 天")
                ok = False
                continue
            d = first
            while d <= last:
                add(LayerDay(d, False, festival.strip()), anchor)
                d += dt.timedelta(days=1)
    if not ok:
        return None
    return LayerYear(
        year=year,
        confirmed=bool(confirmed),
        notice=notice,
        number=number,
        published=published,
        source=source,
        days=tuple(sorted(days.values(), key=lambda x: x.day)),
    )


def _is_date(value: object) -> TypeGuard[dt.date]:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
