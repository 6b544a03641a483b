"""Asking the clerk at the terminal: one question at a time, numbered choices, a blank or
invalid answer asked again, a summary to confirm. Ctrl-C ends the command with one Chinese
line and nothing written (cli.LazyGroup). Imports nothing heavy."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import typer

from govinfo_cli.core import codes


def interactive() -> bool:
    """Questions are asked only at a terminal; a script must give every value as an option."""
    return sys.stdin.isatty()


def ask(label: str, *, default: str | None = None, check: Callable[[str], Any] | None = None) -> str:
    """One answer; blank (without a default) or refused by ``check`` (a ValueError or a
    GovinfoError whose message is shown) is asked again."""
    from govinfo_cli.core.errors import GovinfoError

    while True:
        answer: str = typer.prompt(label, default=default or "", show_default=bool(default))
        value = answer.strip()
        if not value:
            typer.echo("  此项必填，请输入。", err=True)
            continue
        if check is None:
            return value
        try:
            check(value)
            return value
        except (ValueError, GovinfoError) as exc:
            typer.echo(f"  {getattr(exc, 'message', None) or exc}", err=True)


def choose(label: str, table: Mapping[str, str] | Sequence[str], *, free: bool = False) -> str:
    """A numbered choice: the number, the code or the Chinese label; ``free`` also takes a
    value not in the list (a department not seen before). Returns the code (or the text)."""
    options = list(table.items()) if isinstance(table, Mapping) else [(v, v) for v in table]
    typer.echo(f"{label}：")
    for i, (_, text) in enumerate(options, 1):
        typer.echo(f"  {i}. {text}")
    hint = "序号" + ("或名称" if free else "")
    while True:
        answer: str = typer.prompt(f"{label}（{hint}）", default="", show_default=False)
        value = answer.strip()
        if value.isdigit() and 1 <= int(value) <= len(options):
            return options[int(value) - 1][0]
        if isinstance(table, Mapping) and value and (code := codes.parse(table, value)) is not None:
            return code  # the code, the label, or another word for it (网上 → online)
        for code, text in options:
            if value in (code, text):
                return code
        if value and free:
            return value
        typer.echo(f"  请输入 1–{len(options)} 的序号" + ("或名称" if free else ""), err=True)


def confirm_summary(title: str, rows: Sequence[tuple[str, str]]) -> None:
    """Show what is about to be written; anything but yes ends the command, nothing written."""
    from govinfo_cli.cli import render

    width = max(render.text_width(k) for k, _ in rows)
    typer.echo(title)
    for k, v in rows:
        typer.echo(f"  {k}{' ' * (width - render.text_width(k))}  {v}")
    if not typer.confirm("确认登记？", default=True):
        typer.echo("已取消，未写入任何内容。", err=True)
        raise typer.Exit(1)
