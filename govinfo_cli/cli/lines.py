"""Display width and line breaking in a terminal: how many columns a text takes (East Asian
wide and full-width characters two), where a Chinese line may break, and a text shortened or
wrapped to a width. The one measure of cli.render's tables, and all that help pages need of it
(`govinfo --help` imports this, not the renderer)."""

from __future__ import annotations

import re
from array import array
from collections.abc import Sequence
from itertools import repeat
from operator import methodcaller, mul, sub
from unicodedata import east_asian_width


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns, ending in … when cut (one line)."""
    text = " ".join(text.split())
    if text_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = text_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


_BREAK_AFTER = set("，、；：）。,;: ")
_NO_LINE_START = set("，、；：。）！？”’》〕】」』…,.;:!?)]}%")  # hangs at the end of the line before
_NO_LINE_END = set("（“‘《〔【「『([{")
# What a line never splits: a case or letter number (or case_number.pattern's template of
# one), a date, a time, a number
_WHOLE = re.compile(
    r"\w{0,8}[〔【](?:\d{4}|\{year\})[〕】](?:\d+|\{seq\})号"  # (or the setting's pattern of one)
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?)?≈?"
    r"|\d{1,2}:\d{2}(?::\d{2})?"
    r"|[-+]?\d[\d,]*(?:\.\d+)?%?"
)


def _words(text: str) -> list[str]:
    """``text`` cut where a line may break: after Chinese punctuation and spaces (not after
    ``,.:;`` inside a number or a time) and before （; closing punctuation stays with the
    word before it."""
    words, word = [], ""
    for k, ch in enumerate(text):
        if ch == "（" and word:
            words.append(word)
            word = ""
        if not word and words and ch in _NO_LINE_START:
            words[-1] += ch
            continue
        word += ch
        if ch in _BREAK_AFTER and not (ch in ",.:;" and text[k + 1 : k + 2].isdigit()):
            words.append(word)
            word = ""
    words.append(word)
    return [w for w in words if w]


def _cut(word: str, room: int, *, force: bool) -> int:
    """Where to cut ``word`` so that its head fits ``room`` columns: the last place between
    two characters where a Chinese line may break (beside a Chinese character, after / _ .
    or a space in other text), never inside a number, date, time or case number (``_WHOLE``)
    nor beside a digit, nor before closing or after opening punctuation. 0 when there is none; with ``force``,
    the most that fits (a word wider than the whole line)."""
    inside: set[int] = set()
    for m in _WHOLE.finditer(word):
        inside.update(range(m.start() + 1, m.end()))
    used, best, most = 0, 0, 0
    for k, ch in enumerate(word):
        used += text_width(ch)
        if used > room:
            break
        most = k + 1
        nxt = word[k + 1 : k + 2]
        if not nxt or k + 1 in inside or nxt in _NO_LINE_START or ch in _NO_LINE_END:
            continue
        if nxt == "号":  # (文号, 5号, 〔{year}〕{seq}号: 号 stays with what it numbers)
            continue
        if ch.isdigit() or nxt.isdigit():  # a number keeps the words beside it (起7个工作日, 第30条)
            continue
        if text_width(ch) == 2 or text_width(nxt) == 2 or ch in "/_ " or (ch == "." and not nxt.isdigit()):
            best = k + 1
    if best or not force:
        return best
    whole = [k for k in range(1, most + 1) if k not in inside]
    if whole:
        return whole[-1]
    # in a case number's prefix (见昌医保依申〔2026〕1号: where it starts is a guess), as early as can be
    prefix = []
    for m in _WHOLE.finditer(word):
        bracket = max(m.group().find("〔"), m.group().find("【"))
        prefix += [k for k in range(m.start() + 1, m.start() + bracket) if k <= most]
    return min(prefix) if prefix else max(most, 1)


def wrap(text: str, width: int | None, indent: str = "", *, fill: bool = False) -> list[str]:
    """A line of prose broken into lines of at most ``width`` display columns, between
    words and after Chinese punctuation (a word wider than what is left of a line is broken
    between Chinese characters), so that a date, time, number or case number stays whole
    and no line starts with closing punctuation. Lines after the first start with
    ``indent``. ``fill``: a word is broken between Chinese characters whenever a third of
    the line is left, not moved whole to the next line (a narrow table cell)."""
    if width is None or text_width(text) <= width:
        return [text]
    lines: list[str] = []
    line, room = "", width
    for w in _words(text):
        if text_width(line + w.rstrip()) <= room:
            line += w
            continue
        left = room - text_width(line)
        if line.strip() and text_width(w.rstrip()) <= width - text_width(indent) and not (fill and left > width // 3):
            lines.append(line.rstrip())
            line, room = indent + w.lstrip(), width
            continue
        while text_width(line + w.rstrip()) > room:  # a word wider than what is left: broken
            at = _cut(w, room - text_width(line), force=not line.strip())
            lines.append((line + w[:at]).rstrip())
            line, w, room = indent, w[at:].lstrip(), width
        line += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class _CharWidths(dict[str, int]):
    """Display columns of each character met so far (East Asian wide and full-width: two)."""

    def __missing__(self, ch: str) -> int:
        width = self[ch] = 2 if ch >= "\u1100" and east_asian_width(ch) in "WF" else 1  # nothing below is wide
        return width


_CHAR_WIDTHS = _CharWidths()


def text_width(text: str) -> int:
    """Display columns of ``text``: East Asian wide and full-width characters count two (an
    ASCII text is its length; each other character is looked up once per run)."""
    if text.isascii():
        return len(text)
    return sum(map(_CHAR_WIDTHS.__getitem__, text))


_ASCII = bytes(range(128))
_ascii_part = methodcaller("encode", "ascii", "ignore")


def text_widths(texts: Sequence[str]) -> array[int]:
    """``text_width`` of many texts (`due`'s 20 000 case numbers), a thousand at a time: when
    every non-ASCII character among them is wide (a handful, 依申〔〕号, each looked up once),
    a text's width is twice its length less its ASCII characters, counted by C string methods."""
    out: array[int] = array("I")
    wide: set[str] = set()
    for start in range(0, len(texts), 1000):
        part = texts[start : start + 1000]
        rest = "".join(part).encode().translate(None, _ASCII).decode()  # the non-ASCII characters
        for ch in wide:
            rest = rest.replace(ch, "")
        while rest and _CHAR_WIDTHS[rest[0]] == 2:
            wide.add(rest[0])
            rest = rest.replace(rest[0], "")
        if rest:  # a narrow one among them: each text measured
            out.extend(map(text_width, part))
        else:
            out.extend(map(sub, map(mul, map(len, part), repeat(2)), map(len, map(_ascii_part, part))))
    return out
