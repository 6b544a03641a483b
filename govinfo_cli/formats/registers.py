"""A register (登记簿) written as text, streamed row by row (flat memory): Markdown, JSON (an
array of objects keyed by column code, docs/contract.md) or CSV. The xlsx of a register is
``xlsx_writer``'s."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import IO, Any

from govinfo_cli.formats.csvfile import write_csv
from govinfo_cli.formats.markdown import markdown_table

Display = Callable[[str, Any], Any]  # (column code, stored value) -> the cell shown


def write_register(
    fmt: str,
    columns: Sequence[tuple[str, str]],
    header: Sequence[str],
    rows: Iterable[Mapping[str, Any]],
    stream: IO[str],
    display_value: Display,
) -> int:
    """The rows (``{column code: value}``) into ``stream`` as ``fmt`` (md, json or csv);
    returns how many. JSON carries the stored values (dates in ISO), the others the cells
    ``display_value`` shows."""
    if fmt == "md":
        table = [[display_value(c, r.get(c)) for c, _ in columns] for r in rows]
        stream.write(markdown_table(header, table))
        return len(table)
    if fmt == "json":
        n = 0
        stream.write("[")
        for r in rows:
            stream.write(
                ("," if n else "")
                + "\n  "
                + json.dumps(
                    {c: _json_value(r.get(c)) for c, _ in columns},
                    ensure_ascii=False,
                )
            )
            n += 1
        stream.write("\n]\n")
        return n
    return write_csv(header, ([display_value(c, r.get(c)) for c, _ in columns] for r in rows), stream)


def _json_value(v: Any) -> Any:
    """A date (or time) in ISO, anything else as stored."""
    return v.isoformat() if hasattr(v, "isoformat") else v
