"""Writing files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import os
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
    path = Path(path)
    fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        _replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_open(path: Path) -> Iterator[IO[bytes]]:
    """A binary file to stream into; it replaces ``path`` only when the block succeeds
    (readers never see half a file, and memory stays flat whatever the size)."""
    path = Path(path)
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
