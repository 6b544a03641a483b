"""Case numbers as clerks type them: one normalisation for every case argument and --case.

``依申【2026】1号``, ``依申(2026)1号``, ``依申（２０２６）１号`` and ``依申〔2026〕1号`` are one
number: brackets become 〔〕 (the official 六角括号), full-width digits ASCII, spaces go."""

from __future__ import annotations

import re

_BRACKETS = str.maketrans({"【": "〔", "】": "〕", "[": "〔", "]": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕",
                           "［": "〔", "］": "〕", "﹝": "〔", "﹞": "〕", "〖": "〔", "〗": "〕"})  # fmt: skip
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_BARE = re.compile(r"^(\d+)号?$")


def normalize(text: str) -> str:
    """The number as stored: 〔〕 brackets, ASCII digits, no spaces."""
    return "".join(text.translate(_FULLWIDTH_DIGITS).translate(_BRACKETS).split())


def bare_seq(text: str) -> int | None:
    """``1`` or ``1号`` (after normalising): the sequence number alone, else None."""
    m = _BARE.match(normalize(text))
    return int(m.group(1)) if m else None


def seq_key(number: str) -> tuple[int | str, ...]:
    """A sort key that orders numbers as people read them: 依申〔2026〕2号 before 10号."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", number))
