"""The one Markdown table (a command's ``--format md``, or a screen table written to a file)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from govinfo_cli.core.text import safe_cell


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    def cell(v: Any) -> str:  # as in the CSV (是/否, ISO dates, no formula), on one line
        text = safe_cell(v)
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
