"""Writing files atomically: a temporary file beside the target, then a rename.

Only a regular file (or a new one) is replaced that way. A target that is a device, a FIFO
or a socket (`--out /dev/null`, `--out >(gzip > x.gz)`) is written through in place: a
rename would put a regular file where the device was (as root, /dev/null itself). A
symbolic link keeps being a link: its target file is the one replaced."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from govinfo_cli.core.errors import ValidationError


def _cannot_write(path: Path, exc: OSError) -> ValidationError:
    if isinstance(exc, FileNotFoundError):
        why = f"目录 {path.parent} 不存在"
    elif isinstance(exc, IsADirectoryError):
        why = "这是一个目录"
    elif isinstance(exc, PermissionError):
        why = "没有写入权限"
    else:
        why = exc.strerror or str(exc)
    return ValidationError(f"无法写入 {path}：{why}")


def _special(path: Path) -> bool:
    """An existing target that is neither a regular file nor a directory."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def _through(path: Path) -> Iterator[IO[bytes]]:
    try:
        fh = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    with fh:
        yield fh


def _temp_beside(path: Path) -> tuple[int, str]:
    if path.is_dir():
        raise _cannot_write(path, IsADirectoryError())
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def _replace(tmp: str, path: Path) -> None:
    try:
        os.replace(tmp, path)
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def atomic_write_bytes(path: Path, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to stream into; it replaces ``path`` only when the block succeeds
    (readers never see half a file, and memory stays flat whatever the size)."""
    path = Path(path)
    if _special(path):
        with _through(path) as fh:
            yield fh
        return
    if path.is_symlink():
        path = path.resolve()  # replace the file the link points to, not the link
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))
