"""Writing files atomically: a temporary file beside the target, then a rename. Every file
govinfo writes (exports, reports, calendars, backups, letters) goes through here.

Only a regular file (or a new one) is replaced that way. A target that is a device, a FIFO
or a socket (`--out /dev/null`, `--out >(gzip > x.gz)`) is written through in place: a
rename would put a regular file where the device was (as root, /dev/null itself). A
symbolic link keeps being a link: its target file is the one replaced.

Any OS error on the way (no such directory, not a directory, no permission, disk full,
read-only file system) becomes one ``WriteError`` naming the file; the temporary file is
removed, so the target is either the old file or the whole new one, never half of one."""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from govinfo_cli.core.errors import WriteError

_WHY = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出磁盘配额",
    errno.EROFS: "文件系统只读",
    errno.EACCES: "权限不足",
    errno.EPERM: "权限不足",
    errno.ENOENT: "目录不存在",
    errno.ENOTDIR: "路径中有一段不是目录",
    errno.EISDIR: "这是一个目录",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EFBIG: "文件过大",
    errno.EIO: "输入输出错误",
}


def why(exc: OSError) -> str:
    """An OS error in a few Chinese words, with the system's own text for the rest."""
    text = _WHY.get(exc.errno or 0)
    system = exc.strerror or exc.__class__.__name__
    return f"{text or '系统错误'}（{system}）"


def cannot_write(path: Path | str, exc: OSError) -> WriteError:
    if isinstance(exc, FileNotFoundError) and not Path(path).parent.exists():
        return WriteError(f"无法写入 {path}：目录 {Path(path).parent} 不存在")
    return WriteError(f"无法写入 {path}：{why(exc)}")


def _special(path: Path) -> bool:
    """An existing target that is neither a regular file nor a directory."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


@contextmanager
def _through(path: Path, shown: Path) -> Iterator[IO[bytes]]:
    try:
        fh = open(path, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise cannot_write(shown, exc) from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):  # the reader went away (a FIFO): not a failure
            raise
        raise cannot_write(shown, exc) from None


def _temp_beside(path: Path, shown: Path) -> tuple[int, str]:
    if path.is_dir():
        raise cannot_write(shown, IsADirectoryError(errno.EISDIR, "Is a directory"))
    try:
        return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as exc:
        raise cannot_write(shown, exc) from None


@contextmanager
def atomic_path(path: Path | str, *, overwrite: bool = True) -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that needs a file name (SQLite's online
    backup); it becomes ``path`` when the block succeeds, and is removed when it fails.
    ``overwrite=False``: an existing ``path`` is refused, even one created meanwhile."""
    shown = Path(path)
    target = shown.resolve() if shown.is_symlink() else shown
    if not overwrite and os.path.lexists(shown):
        raise WriteError(f"目标文件 {shown} 已存在，不会覆盖")
    fd, tmp = _temp_beside(target, shown)
    os.close(fd)
    try:
        try:
            yield Path(tmp)
            _sync(tmp)
            if overwrite:
                os.replace(tmp, target)
            else:
                os.link(tmp, target)  # fails if the target appeared meanwhile: never overwritten
                os.unlink(tmp)
        except FileExistsError:
            raise WriteError(f"目标文件 {shown} 已存在，不会覆盖") from None
        except OSError as exc:
            raise cannot_write(shown, exc) from None
    finally:
        Path(tmp).unlink(missing_ok=True)


@contextmanager
def atomic_open(path: Path | str) -> Iterator[IO[bytes]]:
    """A binary file to stream into; it replaces ``path`` only when the block succeeds
    (readers never see half a file, and memory stays flat whatever the size)."""
    shown = Path(path)
    if _special(shown):
        with _through(shown, shown) as fh:
            yield fh
        return
    target = shown.resolve() if shown.is_symlink() else shown  # replace the file the link points to
    fd, tmp = _temp_beside(target, shown)
    try:
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            raise cannot_write(shown, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync(name: str) -> None:
    fd = os.open(name, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    with atomic_open(path) as fh:
        fh.write(data)


def atomic_write_text(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    atomic_write_bytes(path, text.encode(encoding))
