"""`govinfo completion bash|zsh|fish`: the shell's completion script (Tab completes
commands, options and choices). Nothing of it is loaded unless asked for: the script calls
govinfo with _GOVINFO_COMPLETE set, which ``cli.main`` hands to Typer's completion
(``typer.completion``, its public module)."""

from __future__ import annotations

from typing import Annotated

import typer

from govinfo_cli.cli.helpframe import App

app = App()

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_GOVINFO_COMPLETE"


@app.command(name="completion")
def completion(
    shell: Annotated[str, typer.Argument(metavar="bash|zsh|fish", help="终端的 shell：bash、zsh 或 fish")],
) -> None:
    """输出命令补全脚本（按 Tab 补全命令、选项）。

    示例：
      govinfo completion bash >> ~/.bashrc
      # zsh：govinfo completion zsh >> ~/.zshrc；fish：govinfo completion fish > ~/.config/fish/completions/govinfo.fish
    """
    from govinfo_cli.core.errors import UsageError

    shell = shell.strip().lower()
    if shell not in SHELLS:
        raise UsageError(f"shell 可选：{'、'.join(SHELLS)}")
    import typer.completion

    typer.completion.completion_init()
    print(typer.completion.get_completion_script(prog_name="govinfo", complete_var=COMPLETE_VAR, shell=shell))


def enable_if_asked() -> None:
    """The completion script is calling: register Typer's shell classes (only then)."""
    import os

    if os.environ.get(COMPLETE_VAR):
        import typer.completion

        typer.completion.completion_init()
