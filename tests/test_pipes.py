"""`govinfo due | head -1`: a reader that goes away early ends govinfo quietly, like cat or
grep: exit 0, nothing on stderr (exit 1 means a refusal in docs/contract.md)."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.builders import add_request


def into_closed_pipe(*args: str, buffered: bool = True) -> subprocess.CompletedProcess:
    """Run the real entry point with stdout on a pipe whose reader has already gone. Buffered
    (the usual case) the pipe turns out closed at the last flush; unbuffered, at the first write."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "govinfo_cli", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)


def test_a_closed_pipe_ends_every_kind_of_output_quietly_with_exit_0(cli) -> None:
    add_request(cli, "R-1", "2026-10-15", subject="x")  # overdue
    for args in (
        ("due",),  # plain text table
        ("show", "R-1", "--explain"),  # rich panels
        ("export", "events"),
    ):  # streamed lines
        for buffered in (True, False):
            r = into_closed_pipe(*args, buffered=buffered)
            assert (r.returncode, r.stderr.decode()) == (0, ""), (args, buffered)
    r = into_closed_pipe("due", "--check")  # the command's own exit code survives the last flush
    assert (r.returncode, r.stderr.decode()) == (3, "")
