"""Reading a request register ahead of the writer: a second process reads and checks the
rows (and prepares what the writer would otherwise compute: payload texts, hash chains,
deadline rows) while this one writes the rows already read, so the two halves of an import
run on two cores at once. The rows come back in file order, exactly as reading them here
would give them.

Only when a core is free: on a machine whose cores are all busy the two processes take
turns and the transfer between them is pure cost (measured: 1.24× the wall time of reading
here, BENCHMARKS.md). A small file, standard input, a busy machine or a system without
``fork`` is read here."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# Off: measured side by side on this project's 2-core machine, the reader process made the
# import slower idle (1.10× the wall time of one process, 1.51× the CPU) and busy (1.24×–1.38×):
# the transfer between the processes costs more than the overlap saves (BENCHMARKS.md).
# `bench/bench_registers.py` still measures it by turning it on.
READ_AHEAD = False

# A register this size or larger (bytes) is read by a second process: below it, starting
# one costs more than it saves.
AHEAD_BYTES = 400_000
_BATCH = 500  # rows per message between the processes
_AHEAD = 24  # messages the reader may hold ready: 12 000 rows, more than a writer's batch

# (line, problem of the row's shape or None, checked cells or None, the row's problems,
#  what ``prepare`` made of the checked cells, the 收到日期 cell as written)
Row = tuple[int, str | None, dict[str, Any] | None, list[str], Any, str]
Read = Callable[[Path | str, str | None], Iterator[tuple[int, dict[str, str] | str]]]
Check = Callable[[str, int, dict[str, str], list[str]], dict[str, Any] | None]


def checked_rows(
    read: Read, path: Path | str, encoding: str | None, check: Check, prepare: Callable[[dict[str, Any]], Any]
) -> Iterator[Row]:
    """Every row of the register as ``read`` gives it, checked by ``check`` (cells → values,
    or None and its problems), and for a good row what ``prepare`` makes of its values (the
    work the writer would otherwise do: payload texts, hash chains, deadline rows)."""
    work = (read, path, encoding, check, prepare)
    ahead = (
        READ_AHEAD
        and str(path) != "-"
        and "fork" in multiprocessing.get_all_start_methods()
        and _size(path) >= AHEAD_BYTES
        and spare_core()
    )
    return _ahead(work) if ahead else _rows(*work)


def spare_core() -> bool:
    """Whether a core is free for the reader: the last minute's load average leaves at
    least half a core of the machine's unused (this import's own process counts in it)."""
    try:
        return os.getloadavg()[0] <= (os.cpu_count() or 1) - 0.5
    except OSError:  # no load average on this system: assume a free core
        return (os.cpu_count() or 1) > 1


def _size(path: Path | str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


def _rows(
    read: Read, path: Path | str, encoding: str | None, check: Check, prepare: Callable[[dict[str, Any]], Any]
) -> Iterator[Row]:
    name = str(path)
    for line, raw in read(path, encoding):
        if isinstance(raw, str):
            yield line, raw, None, [], None, ""
            continue
        problems: list[str] = []
        v = check(name, line, raw, problems)
        yield line, None, v, problems, None if v is None else prepare(v), raw.get("received", "")


def _ahead(work: tuple[Any, ...]) -> Iterator[Row]:
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    _widen(send)
    child = ctx.Process(target=_child, args=(send, work), name="govinfo-reader", daemon=True)
    child.start()
    send.close()
    try:
        while True:
            try:
                message = receive.recv()
            except EOFError:
                raise RuntimeError("读取登记簿的进程意外退出") from None
            if message is None:
                return
            if isinstance(message, BaseException):
                raise message
            yield from message
    finally:  # done, an error, Ctrl-C or SIGTERM here: the reader stops with us
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()


def _widen(send: Any) -> None:
    """Linux: a 1 MiB pipe instead of 64 KiB, so a message goes in one write."""
    try:
        import fcntl

        fcntl.fcntl(send.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def _child(send: Any, work: tuple[Any, ...]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides (and ends this process)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # A thread sends while this one reads on: the reader runs ahead by up to _AHEAD batches
    # (more than the writer's batch, so it keeps reading while the parent writes one).
    out: queue.Queue[Any] = queue.Queue(maxsize=_AHEAD)
    sender = threading.Thread(target=_send_all, args=(send, out), daemon=True)
    sender.start()
    try:
        batch: list[Row] = []
        for row in _rows(*work):
            batch.append(row)
            if len(batch) >= _BATCH:
                out.put(batch)
                batch = []
        if batch:
            out.put(batch)
        out.put(None)
    except BaseException as exc:  # a header or encoding error: raised in the parent
        out.put(exc)
    sender.join()
    os._exit(0)


def _send_all(send: Any, out: queue.Queue[Any]) -> None:
    try:
        while True:
            message = out.get()
            try:
                send.send(message)
            except (TypeError, AttributeError, pickle.PicklingError):  # an exception that does not pickle
                send.send(RuntimeError(str(message)))
            if message is None or isinstance(message, BaseException):
                return
    except OSError:  # the parent is gone (or stopped listening): nothing to read for
        os._exit(0)
