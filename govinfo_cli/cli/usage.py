"""Usage errors (exit 2) in the clerk's language.

Typer raises its parsing errors with English messages ("Missing option '--reason'", "No
such option", "Input should be a valid integer"). ``message`` never reads that text: it
builds one Chinese line from the exception's public fields, the way click documents them
(``ctx``, ``param``, ``option_name``, ``possibilities``, ``param_type``, ``exit_code``),
and from the parameter it names (what it accepts: ``cli.helpframe.expected``). The
govinfo frame raises its own usage errors already in Chinese (no such command, extra
arguments: ``cli.helpframe``), and an option callback's ``typer.BadParameter`` carries
Chinese text, both kept as they are. Imports nothing heavy.
"""

from __future__ import annotations

from typing import Any

import typer

from govinfo_cli.cli import helpframe


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def is_usage_error(exc: BaseException) -> bool:
    """click's usage errors (typer's ``BadParameter`` and its siblings): exit code 2 and the
    context they arose in. The 'no arguments: show the help' case never gets here (the
    frame answers it before parsing)."""
    return (
        getattr(exc, "exit_code", None) == 2 and hasattr(exc, "ctx") and callable(getattr(exc, "format_message", None))
    )


def _command(exc: Any) -> Any:
    return getattr(getattr(exc, "ctx", None), "command", None)


def _param_named(exc: Any, option: str) -> Any:
    ctx = getattr(exc, "ctx", None)
    cmd = _command(exc)
    if cmd is None:
        return None
    name = option.split("=", 1)[0]
    for param in cmd.get_params(ctx):
        if name in (getattr(param, "opts", None) or ()) or name in (getattr(param, "secondary_opts", None) or ()):
            return param
    return None


def message(exc: Any) -> str:
    """One line, without the leading 错误：."""
    text = str(getattr(exc, "message", "") or "")
    param = getattr(exc, "param", None)
    cmd = _command(exc)
    if isinstance(exc, typer.BadParameter) and hasattr(exc, "param_type"):  # a missing parameter
        if param is None:
            line = f"缺少参数 {exc.param_hint or ''}".rstrip()
        elif helpframe.is_argument(param):
            line = f"缺少参数 {helpframe.display_name(param, cmd)}"
        else:
            line = f"缺少必填选项 {helpframe.display_name(param, cmd)}"
    elif isinstance(exc, typer.BadParameter):
        what = helpframe.display_name(param, cmd) if param is not None else "参数"
        said = text if _chinese(text) else helpframe.expected(param, cmd) if param is not None else "无效"
        line = f"{what}{'' if what.endswith('）') else ' '}的值无效：{said}"
    elif hasattr(exc, "possibilities"):  # no such option
        line = f"没有选项 {exc.option_name}"
        possible = sorted(exc.possibilities or ())
        if possible:
            line += f"；是否想用 {' / '.join(possible)}？"
    elif hasattr(exc, "option_name"):  # an option given the wrong way
        param = _param_named(exc, exc.option_name)
        if param is None:
            line = f"选项 {exc.option_name} 用法有误"
        elif helpframe.is_flag(param):
            line = f"选项 {exc.option_name.split('=', 1)[0]} 不带值"
        else:
            line = f"选项 {exc.option_name} 后须给出一个值"
    elif _chinese(text):
        line = text
    else:
        line = f"命令行用法有误（{text}）"
    path = getattr(getattr(exc, "ctx", None), "command_path", None)
    return f"{line}（用法：{path} -h）" if path else line
