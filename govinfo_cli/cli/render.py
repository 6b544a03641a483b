"""The one place for screen output: the colour map, the table renderer, prose, JSON.

Colour only on a terminal (rich decides; NO_COLOR is honoured); JSON (and the CSV of
``formats/csvfile.py``) are "porcelain": keys, columns and date formats never change
between versions.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import chain, islice
from operator import itemgetter
from typing import IO, TYPE_CHECKING, Any

from govinfo_cli.cli.lines import (  # the one measure (render.wrap, render.text_width, … too)
    _NO_LINE_END,
    _NO_LINE_START,
    _WHOLE,
    shorten,
    text_width,
    text_widths,
    wrap,
)
from govinfo_cli.core import codes

if TYPE_CHECKING:
    from rich.console import Console

# The one colour map: every colour on screen is looked up here by what it means.
STYLE = {
    "overdue": "bold red",
    "soon": "yellow",
    "today": "bold yellow",
    "met": "green",
    "missed": "red",
    "lapsed": "dim",
    "suspended": "magenta",
    "provisional": "cyan",
    "muted": "dim",
    "title": "bold",
    "emphasis": "bold",
    "warn": "yellow",
    "ok": "green",
    "error": "bold red",
    "bad": "red",
    "holiday": "red",
    "makeup_workday": "yellow",
    "office_override": "cyan",
    "weekend": "dim",
}
PROVISIONAL_MARK = codes.PROVISIONAL_MARK  # the date depends on a calendar year not yet confirmed

_console: Console | None = None
_err_console: Console | None = None


def _new_console(**options: Any) -> Console:
    """rich's Console, but a closed pipe goes to the one handler (cli.pipes) rather than
    rich's exit 1: ``on_broken_pipe`` is overridden as rich documents it."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            _closed_pipe()

    return _Console(**options)


def console() -> Console:
    global _console
    if _console is None:
        # A pipe or a log file gets a wide page rather than rich's 80 columns.
        width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS") or 140)
        _console = _new_console(highlight=False, width=width, no_color=bool(os.environ.get("NO_COLOR")) or None)
    return _console


def _closed_pipe() -> None:
    """A closed pipe under rich: raised as BrokenPipeError for the one handler (cli.pipes)."""
    import errno

    raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def err_console() -> Console:
    global _err_console
    if _err_console is None:
        _err_console = _new_console(stderr=True, highlight=False)
    return _err_console


def warn(text: str) -> None:
    """A warning line on stderr: whole for a pipe or log file, wrapped at the terminal's
    width (``wrap``) on a terminal; the text is shown as it is (no markup: a name with
    brackets in it stays as typed)."""
    colour = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
    lines = wrap("注意：" + text, _stderr_width(), fill=True)
    lines[0] = paint("注意：", STYLE["warn"], colour) + lines[0].removeprefix("注意：")
    sys.stderr.write("\n".join(lines) + "\n")


def styled(text: str, meaning: str) -> str:
    """``text`` in rich markup with the colour of ``meaning`` (a STYLE key)."""
    return f"[{STYLE[meaning]}]{text}[/]"


def note(text: str) -> None:
    """A status line for the clerk (stderr, so stdout stays clean for pipes): whole for a
    pipe or log file, wrapped at the terminal's width on a terminal."""
    sys.stderr.write("\n".join(wrap(text, _stderr_width(), fill=True)) + "\n")


def _stderr_width() -> int | None:
    """The terminal's width when stderr is one (a warning is wrapped there, whole elsewhere)."""
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns if sys.stderr.isatty() else None
    except (OSError, ValueError, AttributeError):
        return None


def _default(o: Any) -> Any:
    if isinstance(o, dt.date | dt.datetime):
        return o.isoformat()
    if isinstance(o, set | frozenset):
        return sorted(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def print_json(obj: Any, out: IO[str] | None = None) -> None:
    stream = out or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, indent=2, default=_default))
    stream.write("\n")


def days_left_text(n: int | None) -> str:
    if n is None:
        return "—"
    if n < 0:
        return f"逾期 {-n} 个工作日"
    if n == 0:
        return "今日到期"
    return f"剩 {n} 个工作日"


def remaining_text(
    left: Any,
    due: dt.date,
    due_at: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> str:
    """What is left of a pending deadline, for one case's screens (show, after recording), from
    ``left`` (app.remaining.days_left: working days and overdue/today/pending). An hour-counted
    one (舆情) in hours against the clock; a day-counted one in working days, where "today"
    means the due date is today (a date on a rest day later this week has no working day left
    before it, but is not due today), and a date already past is late even when no working
    day lies between."""
    if due_at is not None and now is not None:
        return hours_left_text(due_at, now)
    if left.state == "today":
        return "今日到期"
    if left.state == "overdue":
        return days_left_text(left.days) if left.days < 0 else f"已过 {due}"
    return days_left_text(left.days) if left.days > 0 else "剩 0 个工作日"


def hours_left_text(due_at: dt.datetime, now: dt.datetime) -> str:
    """Time left on an hour-counted deadline (舆情), whole hours (minutes under one hour)."""
    minutes = int((due_at - now).total_seconds() // 60)
    late, minutes = minutes < 0, abs(minutes)
    amount = f"{minutes // 60} 小时" if minutes >= 60 else f"{minutes} 分钟"
    return f"已超 {amount}" if late else amount


def local_time(stamp: str | None) -> str:
    """A stored UTC time stamp (ISO, with its offset) as the clerk's local time
    'YYYY-MM-DD HH:MM:SS' (the screens; JSON keeps the stamp as stored)."""
    if not stamp:
        return ""
    try:
        t = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)  # stored in UTC
    return t.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def date_text(d: dt.date | None, provisional: bool = False) -> str:
    if d is None:
        return "中止"
    return d.isoformat() + (PROVISIONAL_MARK if provisional else "")


_FIXED_CELL = re.compile(r"^[-+\d.:/≈ —%]*$|〔\d{4}〕\d+号$|^\d{4}-\d{2}-\d{2}")
_FIXED_WORDS = {"", "中止", "—", "-", "是", "否"}  # what a date or number column shows instead of one
TEXT_MIN = 6  # a shortened text column keeps at least this many columns (two CJK characters and …)
WRAP_MIN = 20  # a wrapped text column keeps at least this many (ten CJK characters a line)


def terminal_width() -> int | None:
    """The width every table must fit: the terminal's, else COLUMNS (a pipe with COLUMNS
    set); None (no limit) for a pipe without it."""
    if sys.stdout.isatty():
        import shutil

        return shutil.get_terminal_size().columns
    cols = os.environ.get("COLUMNS", "")
    return int(cols) if cols.isdigit() and int(cols) > 0 else None


_WIDE: bool | None = None  # --wide: None where the command does not offer it


@contextmanager
def wide_tables(wide: bool) -> Iterator[None]:
    """Within it, tables show every column whole (``--wide``: the terminal wraps long rows),
    and a note about columns left out names ``--wide``."""
    global _WIDE
    before, _WIDE = _WIDE, wide
    try:
        yield
    finally:
        _WIDE = before


def wide() -> bool:
    """Whether the command was asked for ``--wide`` (every column, and texts in full)."""
    return bool(_WIDE)


def table_width() -> int | None:
    """The width a table must fit: the terminal's (``terminal_width``), none with ``--wide``."""
    return None if _WIDE else terminal_width()


def fit_widths(
    natural: Sequence[int],
    shrinkable: Sequence[int],
    limit: int | None,
    gap: int,
    *,
    minimum: dict[int, int] | None = None,
    drop: Sequence[int] | None = None,
) -> tuple[list[int], list[int]]:
    """Column widths that fit ``limit`` (with ``gap`` between columns) and the columns kept.
    Only ``shrinkable`` columns get narrower (the widest first, down to their ``minimum``,
    TEXT_MIN unless given); if that is not enough, columns are left out in the order of
    ``drop`` (by default the shrinkable ones, the last first). Others keep their width."""
    widths = list(natural)
    kept = list(range(len(widths)))
    if limit is None:
        return widths, kept
    least = {i: min(widths[i], (minimum or {}).get(i, TEXT_MIN)) for i in shrinkable}

    def total() -> int:
        return sum(widths[i] for i in kept) + gap * max(len(kept) - 1, 0)

    droppable = list(reversed(shrinkable)) if drop is None else list(drop)
    while total() > limit:
        floor = sum(least.get(i, widths[i]) for i in kept)
        if floor + gap * max(len(kept) - 1, 0) > limit and droppable:
            kept.remove(droppable.pop(0))
            continue
        candidates = [i for i in kept if i in least and widths[i] > least[i]]
        if not candidates:
            if minimum and any(x > min(widths[i], TEXT_MIN) for i, x in least.items()):
                least = {i: min(widths[i], TEXT_MIN) for i in least}  # the last resort: TEXT_MIN
                continue
            break
        widest = max(candidates, key=lambda i: widths[i])
        runner_up = max([widths[i] for i in candidates if i != widest] + [least[widest]])
        widths[widest] -= max(1, min(widths[widest] - runner_up, total() - limit))
    return widths, kept


def fits(headers: Sequence[str], rows: Iterable[Sequence[str]], gap: int = 2) -> bool:
    """Whether ``grid`` shows these columns whole at the terminal's width."""
    limit = table_width()
    widths = column_widths(headers, rows)
    return limit is None or sum(widths) + gap * (len(widths) - 1) <= limit


# --------------------------------------------------------------------------
# The one table renderer (every table on screen, long or short): plain text aligned for
# CJK, each distinct cell measured once, ANSI colour from the style map only on a terminal.
# rich is kept for panels, prose and the progress bar, never for a table.
# --------------------------------------------------------------------------

_ANSI = {
    "bold red": "1;31",
    "red": "31",
    "yellow": "33",
    "bold yellow": "1;33",
    "green": "32",
    "dim": "2",
    "bold": "1",
    "cyan": "36",
    "magenta": "35",
}


def use_colour() -> bool:
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def paint(text: str, style: str | None, colour: bool) -> str:
    code = _ANSI.get(style or "")
    return f"\x1b[{code}m{text}\x1b[0m" if colour and code else text


def say(text: str, style: str | None = None, indent: str = "") -> None:
    """One line of a command's result on stdout, in ``style``'s colour on a terminal, wrapped
    to the terminal's width (``wrap``; lines after the first start with ``indent``); plain
    text for a pipe, shown as typed (no markup). No rich: recording an event prints with
    this, and its start-up must stay light."""
    colour = use_colour()
    for line in wrap(text, terminal_width(), indent, fill=True):
        sys.stdout.write(paint(line, style, colour) + "\n")
    sys.stdout.flush()  # in order with the warnings on stderr when both go to one log


def column_widths(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[int]:
    """Display widths (CJK counted double) that fit the headers and every row; each distinct
    cell is measured once."""
    columns = [set(c) for c in zip(*rows, strict=True)] or [set() for _ in headers]
    return [max([text_width(h), *map(text_width, c)]) for h, c in zip(headers, columns, strict=True)]


class Styled(str):
    """A table cell with a colour of its own (``cell``), over its row's."""

    style: str | None

    def __new__(cls, text: str, style: str | None) -> Styled:
        out = super().__new__(cls, text)
        out.style = style
        return out


def cell(text: str, meaning: str) -> Styled:
    """A table cell in the colour of ``meaning`` (a STYLE key)."""
    return Styled(text, STYLE[meaning])


# title, the title's style, the rows (cells as text), each row's style
Block = tuple[str | None, str | None, Sequence[Sequence[Any]], Sequence[str | None]]


class Table:
    """A titled table built row by row (``table``) and printed by the one renderer
    (``grids``): the first column, ``fixed`` ones and any column whose cells all look like
    dates, numbers or case numbers never wrap or shrink; the other (text) columns are
    shortened with … (``wrap`` ones: wrapped over several lines) and, when even that is not
    enough, left out (from the right, or in the order of ``drop``), which a line under the
    table says. Full text is in ``show``, ``--wide`` and ``--json``."""

    def __init__(
        self,
        title: str | None,
        columns: Sequence[str],
        fixed: Sequence[int] = (),
        wrap: Sequence[int] = (),
        least: Mapping[int, int] | None = None,
        drop: Sequence[int] | None = None,
    ) -> None:
        self.title = title
        self.columns = list(columns)
        self.fixed = tuple(fixed)
        self.wrap = tuple(wrap)
        self.least = least
        self.drop = drop
        self.rows: list[list[str]] = []
        self.styles: list[str | None] = []
        self.cell_colours = False

    def add_row(self, *cells: object, style: str | None = None) -> None:
        row = [c if isinstance(c, str) else str(c) for c in cells]
        self.cell_colours = self.cell_colours or any(type(c) is Styled for c in row)
        self.rows.append(row)
        self.styles.append(style)

    def print(self, out: IO[str] | None = None) -> None:
        grids(
            [(self.title, None, self.rows, self.styles)],
            self.columns,
            fixed=self.fixed,
            cell_colours=self.cell_colours,
            out=out,
            wrap=self.wrap,
            least=self.least,
            drop=self.drop,
        )


def table(
    title: str | None = None,
    *columns: str,
    fixed: Sequence[int] = (),
    wrap: Sequence[int] = (),
    least: Mapping[int, int] | None = None,
    drop: Sequence[int] | None = None,
) -> Table:
    """A table to fill with ``add_row`` and ``print``: ``fixed`` columns never shrink,
    ``wrap`` columns are wrapped over several lines (``wrap``) instead of shortened,
    ``least`` gives a text column's narrowest width (TEXT_MIN, or WRAP_MIN for a wrapped
    one, unless given), and ``drop`` (column numbers) says which columns go first when
    the terminal is too narrow (by default the text columns, from the right)."""
    return Table(title, columns, fixed, wrap, least, drop)


def grid(
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str | None],
    *,
    right: Sequence[int] = (),
    shrink: Sequence[int] = (),
    title_style: str | None = None,
    out: IO[str] | None = None,
) -> None:
    """One titled block of aligned rows (``grids``); only the ``shrink`` (text) columns are
    shortened or left out."""
    grids([(title, title_style, rows, styles)], headers, right=right, shrink=shrink, out=out)


def _fixed_looking(values: Iterable[str]) -> bool:
    return all(x in _FIXED_WORDS or _FIXED_CELL.search(x) for x in values)


def _padder(
    width: Mapping[str, int], fitted: Sequence[int], shrinks: set[int], on_right: set[int]
) -> Callable[..., str]:
    """``padded(i, text, w=None)``: a cell of column ``i`` padded to its fitted width (on the
    right of a number column), shortened with … first in a shrink column; ``w``: its width if
    known (else ``width``'s memo, else measured)."""

    def padded(i: int, text: str, w: int | None = None) -> str:
        if w is None:
            w = width[text] if text in width else text_width(text)
        if i in shrinks and w > fitted[i]:
            text = shorten(text, fitted[i])
            w = text_width(text)
        pad = " " * (fitted[i] - w)
        return pad + text if i in on_right else text + pad

    return padded


def grids(
    blocks: Sequence[Block],
    headers: Sequence[str],
    *,
    right: Sequence[int] = (),
    shrink: Sequence[int] | None = None,
    fixed: Sequence[int] = (),
    cell_colours: bool = False,
    shared: bool = False,
    out: IO[str] | None = None,
    wrap: Sequence[int] = (),
    least: Mapping[int, int] | None = None,
    drop: Sequence[int] | None = None,
) -> None:
    """Consecutive titled blocks of rows in one grid (the same column widths), fitting the
    terminal (``table_width``): only the ``shrink`` columns are shortened with … or, if
    need be, left out, so a date, a number or a case number never wraps. ``shrink=None``:
    every column but the first, ``fixed`` ones and those whose cells all look like dates
    or numbers. ``wrap`` columns are wrapped over several lines (never narrower than their
    widest date or case number), not shortened. ``least``: the narrowest a shrink or wrap
    column may get (default TEXT_MIN, WRAP_MIN). Columns are left out in the order of
    ``drop`` (default: the shrink columns, the last first), and a line under the grid
    names them (and ``--wide``). ``cell_colours``: some cells are ``Styled`` (their colour
    over the row's). Each distinct cell of a column is measured (and padded) once.
    ``shared``: each block's rows come as columns (`due`: 20 000 rows held as a few lists),
    (first cells, tuples of the next cells, the other cells…), one tuple object for the rows
    with the same next cells (a few thousand kinds): each padded once."""
    if shared:
        _shared_grids(blocks, headers, right=right, shrink=shrink, fixed=fixed, out=out)
        return
    stream = out or sys.stdout
    colour = use_colour()
    n = len(headers)

    def column(i: int) -> Iterator[str]:
        return chain.from_iterable(map(itemgetter(i), rows) for _, _, rows, _ in blocks)

    # A column of many different cells (case numbers: most of its first 64 differ) keeps each
    # row's width, in order; a column of few keeps each distinct cell's width, and pads each
    # distinct cell once.
    width: dict[str, int] = {}
    row_widths: list[array[int] | None] = []
    distinct: list[set[str] | None] = []
    natural = []
    for i in range(n):
        if len(set(islice(column(i), 64))) > 48:
            w = array("I", map(text_width, column(i)))
            row_widths.append(w)
            distinct.append(None)
            natural.append(max(text_width(headers[i]), max(w, default=0)))
        else:
            values = set(column(i))
            row_widths.append(None)
            distinct.append(values)
            width.update((v, text_width(v)) for v in values if v not in width)
            natural.append(max([text_width(headers[i]), *map(width.__getitem__, values)]))
    wraps = set(wrap)
    if shrink is None:
        keep = {0, *fixed, *wraps}
        shrink = [i for i in range(n) if i not in keep and not _fixed_looking(distinct[i] or column(i))]
    limit = table_width()
    floors = {**dict.fromkeys(wrap, WRAP_MIN), **(least or {})}
    for i in wrap if limit else ():  # (a date or case number is never split)
        floors[i] = _wrap_floor(distinct[i] or column(i), min(natural[i], floors[i]))
    shrinkable = [*shrink, *(i for i in wrap if i not in shrink)]
    fitted, kept = fit_widths(natural, shrinkable, limit, 2, minimum=floors, drop=drop)
    on_right, shrinks = set(right), set(shrink) - wraps

    padded = _padder(width, fitted, shrinks, on_right)

    # each distinct cell of a column of few, padded once; a row is then a lookup per cell
    memo = {i: {v: padded(i, v) for v in few} for i in kept if (few := distinct[i]) is not None}
    del distinct
    first_many = [i for i in kept if row_widths[i] is not None] == kept[:1] and len(kept) > 1
    rest = kept[1:] if first_many else kept
    lookups = [memo[i] for i in rest] if set(rest) <= set(memo) else None
    pick = itemgetter(*rest) if len(rest) > 1 else lambda row: (row[rest[0]],)
    get = dict.__getitem__
    first = kept[0]
    first_widths = row_widths[first] if first_many else None

    def cells(row: Sequence[str], k: int) -> list[str]:
        out = []
        for i in kept:
            ws = row_widths[i]
            out.append(padded(i, row[i], ws[k]) if ws is not None else memo[i][row[i]])
        return out

    def line(row: Sequence[str], style: str | None, k: int) -> str:
        if cell_colours:  # (a Styled cell equals its plain text: it is painted from the row itself)
            own = [getattr(row[i], "style", None) for i in kept]
            parts = [paint(p, s or style, colour) for s, p in zip(own, cells(row, k), strict=True)]
            return "  ".join(parts).rstrip()
        if lookups is None:
            text = "  ".join(cells(row, k))
        elif first_widths is not None:  # (the case number, then columns of few values: C-level lookups)
            text = padded(first, row[first], first_widths[k]) + "  " + "  ".join(map(get, lookups, pick(row)))
        else:
            text = "  ".join(map(get, lookups, pick(row)))
        text = text.rstrip()
        return paint(text, style, colour) if style and colour else text

    wrapping = wraps.intersection(kept)

    def wrapped(row: Sequence[str], style: str | None) -> list[str]:  # a row over several lines
        parts = {i: _wrap_cell(row[i], fitted[i]) if i in wrapping else [row[i]] for i in kept}
        out = []
        for j in range(max(map(len, parts.values()))):
            texts = []
            for i in kept:
                piece = parts[i][j] if j < len(parts[i]) else ""
                text = padded(i, piece) if i not in wrapping else piece + " " * (fitted[i] - text_width(piece))
                if cell_colours and piece.strip():  # (the padding unpainted)
                    core = text.strip(" ")
                    text = text.replace(core, paint(core, getattr(row[i], "style", None) or style, colour), 1)
                texts.append(text)
            text = "  ".join(texts).rstrip()
            out.append(paint(text, style, colour) if style and not cell_colours else text)
        return out

    head = "  ".join(padded(i, headers[i]) for i in kept)
    hidden = [headers[i] for i in range(n) if i not in kept]
    k = 0  # the row's place in the whole grid
    for b, (title, title_style, rows, styles) in enumerate(blocks):
        lines = []
        if title:
            lines += [paint(x, title_style or STYLE["title"], colour) for x in _wrap(title, limit)]
        lines.append(paint(head.rstrip(), STYLE["muted"], colour))
        for row, style in zip(rows, styles, strict=True):
            if wrapping:
                lines += wrapped(row, style)
            else:
                lines.append(line(row, style, k))
            k += 1
            if len(lines) >= 2000:
                stream.write("\n".join(lines) + "\n")
                lines.clear()
        if hidden and b == len(blocks) - 1:
            lines += [paint(x, STYLE["muted"], colour) for x in _wrap(hidden_note(hidden, limit), limit)]
        lines.append("")
        stream.write("\n".join(lines) + "\n")


def _shared_grids(
    blocks: Sequence[Block],
    headers: Sequence[str],
    *,
    right: Sequence[int],
    shrink: Sequence[int] | None,
    fixed: Sequence[int],
    out: IO[str] | None,
) -> None:
    """``grids`` of rows given by columns (first cells, shared tuples of the next cells, the
    other cells)."""
    stream = out or sys.stdout
    colour = use_colour()
    n, last = len(headers), len(headers) - 1
    columns = [block[2] for block in blocks]
    shared = list({id(t): t for cols in columns for t in cols[1]}.values())
    k = len(shared[0]) if shared else 0  # the shared cells are the columns 1 … k
    firsts = [text_widths(cols[0]) for cols in columns]
    distinct: list[set[str]] = [set()]
    distinct += [{cells[i - 1] for cells in shared} for i in range(1, k + 1)]
    distinct += [{v for cols in columns for v in cols[i - k + 1]} for i in range(k + 1, n)]
    width: dict[str, int] = {}
    natural = [max([text_width(headers[0]), *(max(w, default=0) for w in firsts)])]
    for i in range(1, n):
        width.update((v, text_width(v)) for v in distinct[i] if v not in width)
        natural.append(max([text_width(headers[i]), *map(width.__getitem__, distinct[i])]))
    if shrink is None:
        keep = {0, *fixed}
        shrink = [
            i
            for i in range(n)
            if i not in keep and not _fixed_looking(distinct[i] if i else chain.from_iterable(c[0] for c in columns))
        ]
    limit = table_width()
    fitted, kept = fit_widths(natural, shrink, limit, 2)
    on_right, shrinks = set(right), set(shrink)

    padded = _padder(width, fitted, shrinks, on_right)

    # each distinct shared tuple's kept cells, padded once; each other cell from a memo of
    # its column's padded values, but the line's last cell as it is when it needs no padding
    between = any(0 < i <= k for i in kept)
    others = [i for i in kept if i > k]
    as_is = bool(others) and others[-1] == last and last not in on_right and fitted[last] >= natural[last]
    memo = [{v: padded(i, v) for v in distinct[i]} for i in (others[:-1] if as_is else others)]
    at = [i - k + 1 for i in (others[:-1] if as_is else others)]  # their columns
    first = 0 in kept
    plain = first and 0 not in shrinks and 0 not in on_right
    blank = [" " * b for b in range(fitted[0] + 1)]
    f0 = fitted[0]
    # `due`'s rows (the case number, the shared cells, the department, the party) as one
    # f-string each: the shared cells and the department padded, each with the gap after it
    fast = plain and between and as_is and at == [2] and n == k + 3
    gap = "  " if fast else ""
    texts = {id(cells): "  ".join(padded(i, cells[i - 1]) for i in kept if 0 < i <= k) + gap for cells in shared}
    one = {v: t + gap for v, t in memo[0].items()} if fast else {}
    del shared, distinct
    width.clear()  # (measured: every cell is padded by now)

    def line(row: Sequence[Any], w: int) -> str:
        parts = [row[0] + blank[f0 - w] if plain else padded(0, row[0], w)] if first else []
        if between:
            parts.append(texts[id(row[1])])
        parts += [m[row[j]] for m, j in zip(memo, at, strict=True)]
        if as_is:
            parts.append(row[-1])
        return "  ".join(parts).rstrip()

    head = "  ".join(padded(i, headers[i]) for i in kept)
    hidden = [headers[i] for i in range(n) if i not in kept]
    for b, ((title, title_style, cols, styles), ws) in enumerate(zip(blocks, firsts, strict=True)):
        lines = []
        if title:
            lines += [paint(x, title_style or STYLE["title"], colour) for x in wrap(title, limit)]
        lines.append(paint(head.rstrip(), STYLE["muted"], colour))
        stream.write("\n".join(lines) + "\n")
        for start in range(0, len(cols[0]), 1000):  # a thousand lines written at a time
            part = [c[start : start + 1000] for c in cols]
            widths = ws[start : start + 1000]
            if fast:
                a, m, d, p = part
                lines = [
                    f"{x}{blank[f0 - w]}  {texts[id(y)]}{one[z]}{v}".rstrip()
                    for x, y, z, v, w in zip(a, m, d, p, widths, strict=True)
                ]
            else:
                lines = [line(row, w) for row, w in zip(zip(*part, strict=True), widths, strict=True)]
            if colour:
                lines = [
                    paint(x, style, colour) if style else x
                    for x, style in zip(lines, styles[start : start + 1000], strict=True)
                ]
            stream.write("\n".join(lines) + "\n")
        if hidden and b == len(blocks) - 1:
            stream.write(
                "\n".join(paint(x, STYLE["muted"], colour) for x in _wrap(hidden_note(hidden, limit), limit)) + "\n"
            )
        stream.write("\n")


_wrap = wrap  # (``grids`` and ``table`` take an argument of that name)


def hidden_note(hidden: Sequence[str], limit: int | None) -> str:
    """The line under a table whose columns did not all fit: which, and how to see them."""
    how = "；加 --wide 显示全部列" if _WIDE is not None else ""
    return f"（终端宽 {limit} 列，未显示：{'、'.join(hidden)}{how}）"


def _wrap_floor(values: Iterable[str], least: int) -> int:
    """The narrowest a wrapped column may get: ``least``, or its widest date, time or case
    number (never split)."""
    whole = (text_width(m.group()) for v in values for m in _UNBROKEN.finditer(v))
    return max([least, *whole])


# a _WHOLE with the punctuation that may not be parted from it
_UNBROKEN = re.compile(
    f"[{re.escape(''.join(sorted(_NO_LINE_END)))}]?(?:{_WHOLE.pattern})[{re.escape(''.join(sorted(_NO_LINE_START)))}]?"
)


def _wrap_cell(text: str, width: int) -> list[str]:
    lines = _wrap(text, width, fill=True)
    return [shorten(x, width) if text_width(x) > width else x for x in lines]  # (a word wider than the column)


@contextmanager
def progress_bar(
    description: str, unit: str, *, after: int = 2000, enabled: bool = True
) -> Iterator[Callable[..., None] | None]:
    """A callback ``(done, total=None)`` for long work: a transient bar on stderr, shown once
    ``after`` items are done (short work stays silent); None when stderr is not a terminal."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    shown: list[Any] = []

    def update(done: int, total: int | None = None) -> None:
        if done < after:
            return
        if not shown:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            bar = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.completed} " + unit),
                TimeElapsedColumn(),
                transient=True,
                console=err_console(),
            )
            shown.extend([bar, bar.add_task(description, total=total)])
            bar.start()
        shown[0].update(shown[1], completed=done, total=total)

    try:
        yield update
    finally:
        if shown:
            shown[0].stop()


def moved_text(moved: int, counts: dict[str, int]) -> str:
    """How many deadlines a recompute changed, and of them how many moved their due date."""
    due = counts.get("due", 0)
    if moved == due:
        return f"{moved} 个期限随之变化"
    return f"{moved} 个期限随之变化（其中到期日变化 {due} 个，其余只是暂定标记或状态变化）"
