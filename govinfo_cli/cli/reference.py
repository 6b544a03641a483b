"""docs/cli.md, the command reference, generated from the commands themselves.

Every group and command the root table reaches (``cli.COMMANDS`` and each group's own
commands, walked with ``cli.helpframe.walk``) with its Chinese help, arguments, options and
examples, in the words of its ``--help`` page (the same ``helpframe`` records). A command
added later appears without any edit here. ``python -m govinfo_cli.cli.reference``
rewrites the file; ``tests/test_cli_reference.py`` fails while it is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from govinfo_cli.cli import helpframe

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "cli.md"
COMMAND = "python -m govinfo_cli.cli.reference"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _anchor(path: tuple[str, ...]) -> str:
    """The anchor GitHub and most Markdown viewers give the command's heading."""
    return "-".join(("govinfo", *path))


def _rows(cmd: Any, ctx: Any, arguments: bool) -> list[tuple[str, str]]:
    rows = []
    for param in cmd.params:  # the help option is left out: every page has -h, --help
        if helpframe.is_argument(param) == arguments:
            row = helpframe.help_record(param, ctx, cmd)
            if row is not None:
                rows.append(row)
    return rows


def _table(title: str, head: str, rows: list[tuple[str, str]]) -> list[str]:
    if not rows:
        return []
    out = [f"{title}：", "", f"| {head} | 说明 |", "|---|---|"]
    out += [f"| `{_cell(a)}` | {_cell(b)} |" for a, b in rows]
    return [*out, ""]


def _section(path: tuple[str, ...], cmd: Any) -> list[str]:
    import typer

    name = " ".join(("govinfo", *path))
    ctx = typer.Context(cmd, info_name=path[-1] if path else "govinfo")
    pieces = cmd.collect_usage_pieces(ctx)
    text, example_lines = helpframe.split_help(cmd.help)
    level = "#" * min(2 + max(len(path) - 1, 0), 4)
    out = [f"{level} {name}", "", f"用法：`{name} {' '.join(pieces)}`", ""]
    if text:
        for paragraph in text.split("\n\n"):
            if paragraph.startswith("\b"):
                out += ["```text", paragraph.removeprefix("\b").strip("\n"), "```", ""]
            else:
                out += [helpframe.joined(paragraph.splitlines()), ""]
    out += _table("参数", "参数", _rows(cmd, ctx, arguments=True))
    out += _table("选项", "选项", _rows(cmd, ctx, arguments=False))
    if hasattr(cmd, "list_commands"):
        subs = [(n, cmd.get_command(ctx, n)) for n in cmd.list_commands(ctx)]
        listed = [(n, c) for n, c in subs if c is not None and not getattr(c, "hidden", False)]
        if listed:
            out += ["命令：", "", "| 命令 | 说明 |", "|---|---|"]
            out += [f"| [`{n}`](#{_anchor((*path, n))}) | {_cell(helpframe.short_help(c))} |" for n, c in listed]
            out.append("")
    if example_lines:
        out += ["示例：", "", "```bash", *example_lines, "```", ""]
    return out


def render() -> str:
    import typer

    from govinfo_cli.cli import app

    root = typer.main.get_command(app)
    out = [
        "# govinfo 命令参考",
        "",
        f"<!-- 由 `{COMMAND}` 从命令定义生成，请勿手改；tests/test_cli_reference.py 检查它是否最新。 -->",
        "",
        "每个命令、参数和选项的说明与 `govinfo … --help` 相同；示例写在各命令的定义旁，"
        "`tests/test_help.py` 在示例数据库上逐条运行。",
        "",
    ]
    for path, cmd in helpframe.walk(root):
        if getattr(cmd, "hidden", False):
            continue
        out += _section(path, cmd)
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> None:
    text = render()
    if REFERENCE.exists() and REFERENCE.read_text(encoding="utf-8") == text:
        print(f"{REFERENCE.relative_to(ROOT)} 已是最新")
        return
    REFERENCE.write_text(text, encoding="utf-8")
    print(f"已写入 {REFERENCE.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
