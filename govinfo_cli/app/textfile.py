"""Opening clerks' text files: UTF-8 with or without BOM, or GB18030, detected."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO

from govinfo_cli.core.errors import ValidationError


def detect_encoding(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        raise ValidationError("无法识别文件编码（既不是 UTF-8 也不是 GB18030），请用 --encoding 指定") from None


def open_text(path: Path | str, encoding: str | None = None) -> IO[str]:
    """A text stream over a file (or '-' for stdin), its encoding detected unless given."""
    if str(path) == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise ValidationError(f"找不到文件 {path}") from None
        except IsADirectoryError:
            raise ValidationError(f"{path} 是目录，不是文件") from None
    enc = encoding or detect_encoding(raw)
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: 按 {enc} 解码失败（字节 {exc.start}），请检查 --encoding") from None
    except LookupError:
        raise ValidationError(f"未知编码 {enc!r}") from None
    return io.StringIO(text.removeprefix("\ufeff"), newline="")


def _decodes(path: Path, encoding: str) -> bool:
    import codecs

    dec = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(1 << 20):
                dec.decode(chunk)
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def open_text_stream(path: Path | str, encoding: str | None = None) -> IO[str]:
    """Like ``open_text``, but the file is read as it is consumed (flat memory for big
    registers): the encoding is detected by decoding the file once in chunks. A BOM may
    remain as the first character when an encoding is given; callers strip it. A decoding
    error can then surface while reading (UnicodeDecodeError) only with ``encoding``."""
    if str(path) == "-":
        return open_text(path, encoding)
    p = Path(path)
    try:
        with p.open("rb") as fh:
            head = fh.read(3)
    except FileNotFoundError:
        raise ValidationError(f"找不到文件 {path}") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} 是目录，不是文件") from None
    enc = encoding
    if enc is None:
        if head.startswith(b"\xef\xbb\xbf"):
            enc = "utf-8-sig"
        else:
            enc = next((e for e in ("utf-8", "gb18030") if _decodes(p, e)), None)
            if enc is None:
                raise ValidationError("无法识别文件编码（既不是 UTF-8 也不是 GB18030），请用 --encoding 指定")
    try:
        return p.open(encoding=enc, newline="")
    except LookupError:
        raise ValidationError(f"未知编码 {enc!r}") from None
