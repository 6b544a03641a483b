"""Usage errors (exit 2) in the clerk's language.

Typer raises its parsing errors in English ("Missing option '--reason'", "No such
option", pydantic's "Input should be a valid integer"). ``message`` turns one into a
single Chinese line from the exception's own fields (the parameter, the option name,
the suggestions), so it does not depend on Typer's wording; an unknown English detail is
kept as it is rather than guessed. Imports nothing.
"""

from __future__ import annotations

import re
from typing import Any

# pydantic's constraint messages (Typer validates option values with pydantic) → Chinese.
_DETAILS: tuple[tuple[str, str], ...] = (
    (r"valid integer", "应为整数"),
    (r"valid (number|decimal)", "应为数字"),
    (r"valid boolean", "应为 true 或 false"),
    (r"greater than or equal to (\S+)", r"应不小于 \1"),
    (r"less than or equal to (\S+)", r"应不大于 \1"),
    (r"greater than (\S+)", r"应大于 \1"),
    (r"less than (\S+)", r"应小于 \1"),
    (r"(?:is not one of|should be) (.+)", r"可选值：\1"),
)


def is_usage_error(exc: BaseException) -> bool:
    """A command-line parsing error (Typer's UsageError family), not the 'no arguments:
    show the help' signal that shares its class."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    return "UsageError" in names and "NoArgsIsHelpError" not in names


def _option(param: Any) -> str:
    opts = [o for o in getattr(param, "opts", None) or () if o.startswith("-")]
    if opts:
        return opts[0]  # the canonical name (aliases follow it)
    name = getattr(param, "name", None) or "?"
    help_text = getattr(param, "help", None)
    return f"{name}（{help_text}）" if help_text else name


def _detail(text: str) -> str:
    text = text.strip().rstrip(".")
    for pattern, repl in _DETAILS:
        m = re.search(pattern, text, flags=re.IGNORECASE)
        if m:
            return m.expand(repl)
    return text


def message(exc: Any) -> str:
    """One line, without the leading 错误：."""
    kind = type(exc).__name__
    text = str(getattr(exc, "message", "") or exc)
    param = getattr(exc, "param", None)
    option = getattr(exc, "option_name", None)
    if kind == "MissingParameter":
        is_argument = getattr(param, "param_type_name", "") == "argument" or not getattr(param, "opts", None)
        what = "缺少参数" if is_argument or not str(_option(param)).startswith("-") else "缺少必填选项"
        line = f"{what} {_option(param)}"
    elif kind == "NoSuchOption":
        line = f"没有选项 {option}"
        possible = list(getattr(exc, "possibilities", None) or ())
        if possible:
            line += f"；是否想用 {' / '.join(sorted(possible))}？"
    elif kind == "BadOptionUsage" and "requires an argument" in text:
        line = f"选项 {option} 后须给出一个值"
    elif kind == "BadOptionUsage" and "does not take a value" in text:
        line = f"选项 {option} 不带值"
    elif kind == "BadParameter" and param is not None:
        line = f"{_option(param)} 的值无效：{_detail(text)}"
    elif m := re.match(r"No such command '([^']*)'\.?(?:\s*Did you mean '([^']*)'\?)?", text):
        line = f"没有命令 {m.group(1)}" + (f"；是否想用 {m.group(2)}？" if m.group(2) else "")
    elif m := re.match(r"Got unexpected extra argument(?:\(s\)|s)? \((.*)\)", text):
        line = f"多余的参数：{m.group(1)}"
    else:
        line = _detail(text)
    ctx = getattr(exc, "ctx", None)
    path = getattr(ctx, "command_path", None)
    return f"{line}（用法：{path} -h）" if path else line
