"""Helpers for the workbooks built with openpyxl (the annual report's form): every text cell
through the one spreadsheet guard, and merged ranges. openpyxl is imported by the caller,
inside its function (never at ``govinfo --help`` time); a worksheet is openpyxl's, untyped."""

from __future__ import annotations

from typing import Any

from govinfo_cli.core.text import safe_cell


def text_cell(cell: Any) -> Any:
    """An openpyxl cell whose text goes through the one guard (``safe_cell``) and is stored
    as text: openpyxl would otherwise store a string starting with = as a formula."""
    if isinstance(cell.value, str):
        cell.value = safe_cell(cell.value)
        cell.data_type = "s"
    return cell


def guard_sheet(ws: Any) -> None:
    """Every text cell of a (normal, not write-only) worksheet through ``text_cell``."""
    for row in ws.iter_rows():
        for cell in row:
            text_cell(cell)


def merge(ws: Any, first_row: int, first_col: int, last_row: int, last_col: int) -> None:
    """Merge the cells from (first_row, first_col) to (last_row, last_col), 1-based as openpyxl
    counts. Every merged range of the package goes through here."""
    # The next line is openpyxl's public Worksheet method, not a private name: it is the one
    # line issue 26's grep for private framework names (typer's underscored ones, rich's cells) finds.
    ws.merge_cells(start_row=first_row, start_column=first_col, end_row=last_row, end_column=last_col)
