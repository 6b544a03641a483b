"""The help frame in Chinese (用法 / 选项 / 参数 / 命令 / 显示此帮助并退出 …).

Typer writes its frame with a handful of fixed English words. ``install`` swaps them for
Chinese once, at import of the CLI: it only rebinds names in modules Typer has already
loaded, so it costs nothing at ``govinfo --help`` time (tests/test_startup.py).
"""

from __future__ import annotations

from typing import Any

WORDS = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中断，未写入任何内容。",
}
HELP_TEXT = "显示此帮助并退出"
USAGE = "用法："


def _translate(text: str) -> str:
    return WORDS.get(text, text)


def install() -> None:
    import typer.core
    from typer._click import core as click_core
    from typer._click import formatting

    typer.core._ = _translate  # type: ignore[attr-defined]
    if getattr(formatting.HelpFormatter.write_usage, "_govinfo", False):
        return
    write_usage = formatting.HelpFormatter.write_usage

    def chinese_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]...", "命令 [参数]...")
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    chinese_usage._govinfo = True  # type: ignore[attr-defined]
    formatting.HelpFormatter.write_usage = chinese_usage  # type: ignore[method-assign]

    get_help_option = click_core.Command.get_help_option

    def chinese_help_option(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    click_core.Command.get_help_option = chinese_help_option  # type: ignore[method-assign]
