"""The help frame in Chinese (用法 / 参数 / 选项 / 命令 / 示例), and the words a usage error
names a parameter with, built only on what typer and click publish.

Every group and command of govinfo is an instance of ``Group`` or ``Command`` below:
``App`` is a ``typer.Typer`` whose groups and commands default to them (``cli.options.group``
and every single-command module make their app with it; ``tests/test_help.py`` walks the
whole command tree and fails on an English frame word). The classes subclass
``typer.core.TyperGroup`` / ``typer.core.TyperCommand`` and override only methods click
documents for it: ``format_usage`` (with ``HelpFormatter.write_usage(prefix=…)``),
``collect_usage_pieces``, ``get_help_option``, ``format_help_text``, ``format_options``,
``format_commands``, ``resolve_command``, ``parse_args``. A parameter is read through its
public attributes (``opts``, ``metavar``, ``help``, ``required``, ``default``, ``is_flag``,
``hidden``); the kind of value an option takes comes from the command function's own type
hints. Nothing of typer or click is patched, so the same code serves typer before 0.26
(click a separate package) and after it (click vendored as a private module).

Examples live in the command's own docstring, in a paragraph that starts with ``示例：``;
``examples(cmd)`` reads them back for the help page, docs/cli.md and the test that runs them.
Imports nothing heavy: a page's text is wrapped in display columns by ``cli.lines.wrap``,
imported when a page is written (``tests/test_startup.py``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
import functools
import inspect
import types
import typing
from collections.abc import Iterator
from pathlib import PurePath
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

USAGE = "用法："
HELP_TEXT = "显示此帮助并退出"
OPTIONS_WORD = "[选项]"
SUBCOMMAND_WORD = "命令 [参数]..."
EXAMPLES_HEAD = "示例："

# The kind of value an option takes, by the Python type its command declares.
TYPE_WORDS: tuple[tuple[type, str], ...] = (
    (bool, ""),
    (int, "整数"),
    (float, "数字"),
    (PurePath, "文件"),
    (dt.datetime, "时间"),
    (dt.date, "日期"),
    (str, "文本"),
)
VALUE_WORD = "值"


# ---------------------------------------------------------------------------
# Parameters: their Chinese names
# ---------------------------------------------------------------------------


def _declared_types(cmd: Any) -> dict[str, Any]:
    """The command function's parameter types by name (``typing.Annotated`` and ``None``
    stripped), from its signature: typer's callback wraps the function with
    ``functools.update_wrapper``, so ``inspect.signature`` reaches the function itself."""
    callback = getattr(cmd, "callback", None)
    if callback is None:
        return {}
    return _signature_types(callback)


@functools.cache
def _signature_types(callback: Any) -> dict[str, Any]:
    try:
        sig = inspect.signature(callback, eval_str=True)
    except Exception:  # noqa: BLE001 - a hint that cannot be evaluated: fall back to the word 值
        try:
            sig = inspect.signature(callback)
        except (TypeError, ValueError):
            return {}
    return {name: _base_type(p.annotation) for name, p in sig.parameters.items()}


def _base_type(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = rest[0] if rest else str
        elif origin in (list, tuple, set, frozenset):
            args = typing.get_args(annotation)
            annotation = args[0] if args else str
        else:
            return annotation


def type_word(annotation: Any) -> str:
    """The Chinese word for a value of ``annotation`` (整数, 文件, 文本 …)."""
    if isinstance(annotation, type):
        if issubclass(annotation, enum.Enum):
            return "|".join(str(m.value) for m in annotation)
        for base, word in TYPE_WORDS:
            if issubclass(annotation, base):
                return word
    return VALUE_WORD


def value_word(param: Any, cmd: Any = None) -> str:
    """What follows an option's name in help (``--days 整数``), or an argument's name:
    its declared ``metavar``, else the word for its declared type."""
    if getattr(param, "metavar", None):
        return str(param.metavar)
    if cmd is not None:
        declared = _declared_types(cmd)
        if getattr(param, "name", None) in declared:
            return type_word(declared[param.name])
    return VALUE_WORD


def is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def is_flag(param: Any) -> bool:
    return bool(getattr(param, "is_flag", False) or getattr(param, "count", False))


def display_name(param: Any, cmd: Any = None) -> str:
    """How a message names a parameter: an option by its first name (``--reason``), an
    argument by its Chinese name and help (``编号（案件编号）``)."""
    if not is_argument(param):
        opts: list[str] = [o for o in getattr(param, "opts", None) or () if o.startswith("-")]
        if opts:
            return opts[0]
    name = value_word(param, cmd)
    help_text = (getattr(param, "help", None) or "").strip()
    if not help_text or help_text == name:
        return name
    return help_text if help_text.startswith(name) else f"{name}（{help_text}）"


def _range(param: Any) -> tuple[Any, Any]:
    """An option's declared bounds (``typer.Option(min=…, max=…)``): typer keeps them on the
    parameter itself (0.26 on) or on its click ``IntRange``/``FloatRange`` type (before)."""
    for holder in (param, getattr(param, "type", None)):
        lo, hi = getattr(holder, "min", None), getattr(holder, "max", None)
        if lo is not None or hi is not None:
            return lo, hi
    return None, None


def expected(param: Any, cmd: Any = None) -> str:
    """What a parameter accepts, in words: ``应为 1–20 之间的整数``."""
    declared = _declared_types(cmd).get(getattr(param, "name", None) or "") if cmd is not None else None
    word = type_word(declared) if declared is not None else value_word(param, cmd)
    lo, hi = _range(param)
    if lo is not None and hi is not None:
        return f"应为 {lo}–{hi} 之间的{word}"
    if lo is not None:
        return f"应为不小于 {lo} 的{word}"
    if hi is not None:
        return f"应为不大于 {hi} 的{word}"
    return f"应为{word}"


def _extras(param: Any, ctx: Any) -> list[str]:
    help_text = getattr(param, "help", None) or ""
    out: list[str] = []
    if getattr(param, "required", False):
        out.append("必填")
    default = getattr(param, "default", None)
    shown_default = getattr(param, "show_default", None)
    if (
        not getattr(param, "required", False)
        and not is_flag(param)
        and shown_default is not False
        and isinstance(default, str | int | float | PurePath | enum.Enum | list | tuple)
        and default not in ("", (), [])
        and "默认" not in help_text
    ):
        out.append(f"默认：{shown_default if isinstance(shown_default, str) else _default_text(default)}")
    lo, hi = _range(param)
    if (lo is not None or hi is not None) and not is_flag(param):
        if lo is not None and hi is not None:
            out.append(f"{lo}–{hi}")
        elif lo is not None:
            out.append(f"不小于 {lo}")
        else:
            out.append(f"不大于 {hi}")
    return out


def _default_text(value: Any) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def help_record(param: Any, ctx: Any, cmd: Any) -> tuple[str, str] | None:
    """One row of the 参数 / 选项 list: the names and value, and the help with （必填） etc."""
    if getattr(param, "hidden", False):
        return None
    if is_argument(param):
        first = value_word(param, cmd)
    else:
        names = ", ".join(param.opts)
        if getattr(param, "secondary_opts", None):
            names += " / " + ", ".join(param.secondary_opts)
        first = names if is_flag(param) else f"{names} {value_word(param, cmd)}"
        if getattr(param, "multiple", False) and not is_flag(param):
            first += " …"
    text = (getattr(param, "help", None) or "").strip()
    extras = _extras(param, ctx)
    if extras:
        text = f"{text}（{'；'.join(extras)}）" if text else "；".join(extras)
    return first, text


def usage_piece(param: Any, cmd: Any) -> str:
    word = value_word(param, cmd)
    if getattr(param, "nargs", 1) != 1:
        word += "..."
    return word if getattr(param, "required", False) else f"[{word}]"


# ---------------------------------------------------------------------------
# Examples: a paragraph of the command's own docstring
# ---------------------------------------------------------------------------


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return paragraphs


def _is_examples(paragraph: str) -> bool:
    return paragraph.lstrip("\b\n ").startswith(EXAMPLES_HEAD)


def split_help(help_text: str | None) -> tuple[str, list[str]]:
    """A command's help: the text without its examples, and the example lines (commands,
    or ``#`` notes between them), each as it is to be typed."""
    text = inspect.cleandoc(help_text or "").partition("\f")[0]
    keep: list[str] = []
    lines: list[str] = []
    for paragraph in _paragraphs(text):
        if not _is_examples(paragraph):
            keep.append(paragraph)
            continue
        body = paragraph.lstrip("\b\n ")[len(EXAMPLES_HEAD) :]
        lines += [line.strip() for line in body.splitlines() if line.strip()]
    return "\n\n".join(keep), lines


def examples(cmd: Any) -> list[str]:
    """The command lines of a command's examples (notes left out)."""
    return [line for line in split_help(getattr(cmd, "help", None))[1] if line.startswith("govinfo")]


# ---------------------------------------------------------------------------
# The frame
# ---------------------------------------------------------------------------


def _heading(formatter: Any, title: str) -> None:
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{title}\n")


def joined(lines: list[str]) -> str:
    """A paragraph's lines as one line: Chinese joins without a space, other text with one."""
    out = ""
    for line in (x.strip() for x in lines):
        if out and line and out[-1].isascii() and line[0].isascii():
            out += " "
        out += line
    return out


# Punctuation that never starts a line (it hangs at the end of the line before).
_NO_LINE_START = "，、；：。）！？”,.;:)!?"


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of ``width`` display columns (cli.lines.wrap), no line starting
    with closing punctuation."""
    from govinfo_cli.cli.lines import wrap

    out: list[str] = []
    for line in wrap(text, width):
        while out and line and line[0] in _NO_LINE_START:
            out[-1], line = out[-1] + line[0], line[1:]
        if line or not out:
            out.append(line)
    return out


def _write_text(formatter: Any, text: str) -> None:
    """Paragraphs wrapped at the help's width in display columns (a Chinese character is
    two), breaking after Chinese punctuation; a paragraph marked ``\\b`` keeps its lines."""
    indent = " " * formatter.current_indent
    width = max(formatter.width - formatter.current_indent, 20)
    for n, paragraph in enumerate(_paragraphs(text)):
        if n:
            formatter.write("\n")
        if paragraph.startswith("\b"):
            for line in paragraph.removeprefix("\b").strip("\n").splitlines():
                formatter.write(f"{indent}{line}\n")
            continue
        for line in _wrapped(joined(paragraph.splitlines()), width):
            formatter.write(f"{indent}{line}\n")


def write_dl(formatter: Any, rows: list[tuple[str, str]], col_max: int = 30) -> None:
    """A definition list aligned and wrapped in display columns."""
    from govinfo_cli.cli.lines import text_width

    indent = formatter.current_indent
    first = min(max(text_width(a) for a, _ in rows), col_max) + 2
    width = max(formatter.width - indent - first, 20)
    for term, text in rows:
        lines = _wrapped(text, width) if text else [""]
        if text_width(term) + 2 > first:
            formatter.write(f"{'':>{indent}}{term}\n")
            head = " " * (indent + first)
        else:
            head = " " * indent + term + " " * (first - text_width(term))
        formatter.write(f"{head}{lines[0]}".rstrip() + "\n")
        for line in lines[1:]:
            formatter.write(f"{'':>{indent + first}}{line}\n")


def short_help(cmd: Any) -> str:
    """The one line a group lists for a subcommand: its short help, or the first sentence
    of its help (click's own shortening cuts at spaces, which Chinese has none of)."""
    if getattr(cmd, "short_help", None):
        return inspect.cleandoc(cmd.short_help)
    text, _ = split_help(getattr(cmd, "help", None))
    first = text.split("\n\n", 1)[0].replace("\n", "")
    end = first.find("。")
    return first[: end + 1] if end != -1 else first


class Frame:
    """The Chinese help frame, mixed into typer's command and group classes."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        params = self.get_params(ctx)  # type: ignore[attr-defined]
        pieces = [OPTIONS_WORD] if any(not is_argument(p) for p in params) else []
        pieces += [usage_piece(p, self) for p in params if is_argument(p)]
        return pieces

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
            order = list(ctx.help_option_names)  # -h, --help: in the order the app declares them
            option.opts = sorted(option.opts, key=lambda o: order.index(o) if o in order else len(order))
        return option

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        text, _ = split_help(getattr(self, "help", None))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                _write_text(formatter, text)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            row = help_record(param, ctx, self)
            if row is not None:
                (arguments if is_argument(param) else options).append(row)
        for title, rows in (("参数：", arguments), ("选项：", options)):
            if rows:
                _heading(formatter, title)
                with formatter.indentation():
                    write_dl(formatter, rows)
        self.format_more(ctx, formatter)
        _, lines = split_help(getattr(self, "help", None))
        if lines:
            _heading(formatter, EXAMPLES_HEAD)
            with formatter.indentation():
                for line in lines:  # as typed: never rewrapped
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")

    def format_more(self, ctx: Any, formatter: Any) -> None:
        """What a group lists after its options (its commands)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and getattr(self, "no_args_is_help", False) and not ctx.resilient_parsing:
            typer.echo(ctx.get_help(), err=True)  # as before: the help, exit 2 (a command is missing)
            ctx.exit(2)
        allow = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)  # type: ignore[misc]
        except Exception as exc:
            if hasattr(exc, "ctx") and exc.ctx is None:  # the option parser's errors: name the command
                exc.ctx = ctx
            raise
        finally:
            ctx.allow_extra_args = allow
        if rest and not allow and not ctx.resilient_parsing:
            ctx.fail("多余的参数：" + " ".join(rest))
        return rest


class Command(Frame, TyperCommand):
    """A govinfo command (typer's command class with the Chinese frame)."""


def _names_a_command(params: list[Any], tokens: list[str]) -> bool:
    """Whether a group's command line names a command after the group's own options."""
    takes_value = {o for p in params if not is_argument(p) and not is_flag(p) for o in p.opts}
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "--":
            return i + 1 < len(tokens)
        if not token.startswith("-") or token == "-":
            return True
        i += 2 if token in takes_value else 1
    return False


class Group(Frame, TyperGroup):
    """A govinfo command group (typer's group class with the Chinese frame)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [*super().collect_usage_pieces(ctx), SUBCOMMAND_WORD]

    def format_more(self, ctx: Any, formatter: Any) -> None:
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not getattr(cmd, "hidden", False):
                rows.append((name, short_help(cmd)))
        if rows:
            _heading(formatter, "命令：")
            with formatter.indentation():
                write_dl(formatter, rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        tokens = list(args)
        rest = super().parse_args(ctx, args)
        if not ctx.resilient_parsing and not getattr(self, "invoke_without_command", False):
            if not _names_a_command(self.get_params(ctx), tokens):
                ctx.fail("缺少命令")
        return rest

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            close = difflib.get_close_matches(name, list(self.list_commands(ctx)), n=1, cutoff=0.6)
            ctx.fail(f"没有命令 {name}" + (f"；是否想用 {close[0]}？" if close else ""))
        return super().resolve_command(ctx, args)


class App(typer.Typer):
    """``typer.Typer`` whose groups and commands are ``Group`` and ``Command``."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("cls", Group)
        kwargs.setdefault("rich_markup_mode", None)
        kwargs.setdefault("add_completion", False)
        super().__init__(**kwargs)

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or Command, **kwargs)


def walk(cmd: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every group and command under ``cmd`` with its path (``("request", "extend")``)."""
    yield path, cmd
    if hasattr(cmd, "list_commands"):
        ctx = typer.Context(cmd, info_name=path[-1] if path else "govinfo")
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None:
                yield from walk(sub, (*path, name))


__all__ = [
    "App",
    "Command",
    "Group",
    "display_name",
    "examples",
    "expected",
    "split_help",
    "value_word",
    "walk",
]
