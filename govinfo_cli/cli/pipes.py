"""A reader that goes away early (`govinfo due | head -1`): stop quietly, like cat or grep.

Handled once, around the whole command line (``main``): no traceback, no error line, and
not the exit code 1 that click gives a closed pipe (1 means a refusal in docs/contract.md).
Output that cannot be written for another reason (a full disk behind `> file`) is a
failure: one line, exit 1, never 0.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn


def _to_devnull(stream: Any) -> None:
    """Point a closed stream's file descriptor at /dev/null, so that what is still buffered
    (and the interpreter's last flush) goes nowhere instead of failing again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, stream.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


_closed_pipe_code = 0


def exit_code_if_closed(code: int) -> None:
    """The exit code the command has decided on before it writes (``due --check`` with
    something overdue: 3), kept when the reader goes away mid-way (``| head -1``)."""
    global _closed_pipe_code
    _closed_pipe_code = code


def run(app: Any, **kwargs: Any) -> NoReturn:
    """Run the command line, then flush stdout while a closed pipe can still be caught.

    A closed pipe ends the command with exit 0, or with the code the command had already
    chosen when the pipe turns out closed only at the final flush (``due --check`` → 3)."""
    code: Any = 0
    try:
        app(**kwargs)
    except SystemExit as exc:
        code = exc.code
    except BrokenPipeError:  # raised outside click's own handler
        code = _closed_pipe_code
        _to_devnull(sys.stdout)
    if type(sys.stdout).__name__ == "PacifyFlushWrapper":
        # click (typer's copy of it) caught EPIPE while the command was writing, swapped
        # stdout for this wrapper and exited 1: a closed pipe is not a refusal
        code = _closed_pipe_code
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            _to_devnull(stream)
        except OSError as exc:  # a full disk behind `> file`: the output is incomplete
            _to_devnull(stream)
            if stream is sys.stdout:
                from govinfo_cli.app.files import why

                print(f"错误：输出失败：{why(exc)}", file=sys.stderr)
                code = 1 if code in (0, None) else code
        except ValueError:
            pass
    sys.exit(code)
