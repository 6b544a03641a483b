"""Opening clerks' text files: UTF-8 with or without BOM, or GB18030, detected."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from govinfo_cli.core.errors import ValidationError

_UNKNOWN = "无法识别文件编码（既不是 UTF-8 也不是 GB18030），请用 --encoding 指定"


def _broken_utf8(path: Path | str, line: int) -> ValidationError:
    """UTF-8 text with bytes that are not UTF-8 in it: refused, not re-read as GB18030 (which
    would take the whole file as other characters)."""
    return ValidationError(f"{path}:{line}: 文件是 UTF-8 编码，但此行有无效的 UTF-8 字节；请修正或用 --encoding 指定")


def _sniff(chunks: Iterator[bytes], path: Path | str) -> str:
    """utf-8, or gb18030 when the very first non-ASCII bytes are not UTF-8. A file whose
    non-ASCII text decoded as UTF-8 up to a bad byte is UTF-8 with an error in it."""
    import codecs

    dec = codecs.getincrementaldecoder("utf-8")()
    ascii_so_far, lines = True, 0
    for chunk in chunks:
        try:
            dec.decode(chunk)
        except UnicodeDecodeError as exc:
            head = chunk[: max(exc.start, 0)]
            if ascii_so_far and head.isascii():
                return "gb18030"
            raise _broken_utf8(path, lines + head.count(b"\n") + 1) from None
        ascii_so_far = ascii_so_far and chunk.isascii()
        lines += chunk.count(b"\n")
    try:
        dec.decode(b"", final=True)
    except UnicodeDecodeError:
        if ascii_so_far:
            return "gb18030"
        raise _broken_utf8(path, lines + 1) from None
    return "utf-8"


def detect_encoding(raw: bytes, path: Path | str = "") -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    enc = _sniff(iter((raw,)), path or "文件")
    if enc == "gb18030":
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise ValidationError(_UNKNOWN) from None
    return enc


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
    enc = encoding or detect_encoding(raw, path)
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{path}: 按 {enc} 解码失败（字节 {exc.start}），请检查 --encoding") from None
    except LookupError:
        raise ValidationError(f"未知编码 {enc!r}") from None
    return io.StringIO(text.removeprefix("\ufeff"), newline="")


class Utf8Lines:
    """The lines of a UTF-8 file (or stdin), read as they are consumed: memory stays flat
    however large the file. Lines end as in a text file read with ``newline=""`` (a lone CR
    ends a line too); a leading BOM is dropped. Bytes that are not UTF-8 raise
    ValidationError naming the file, the line and the byte column where they start."""

    def __init__(self, path: Path | str) -> None:
        self.path = path
        if str(path) == "-":
            self.fh: IO[bytes] = sys.stdin.buffer
            self.own = False
            return
        try:
            self.fh = Path(path).open("rb")
        except FileNotFoundError:
            raise ValidationError(f"找不到文件 {path}") from None
        except IsADirectoryError:
            raise ValidationError(f"{path} 是目录，不是文件") from None
        self.own = True

    def __enter__(self) -> Utf8Lines:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.own:
            self.fh.close()

    def __iter__(self) -> Iterator[str]:
        for number, raw in enumerate(self.fh, start=1):
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ValidationError(
                    f"{self.path}:{number}: 第 {exc.start + 1} 字节起不是有效的 UTF-8（事件行须为 UTF-8 编码）"
                ) from None
            if number == 1:
                text = text.removeprefix("\ufeff")
            if "\r" in text and text.count("\r") > text.endswith("\r\n"):  # a lone CR ends a line too
                yield from _CR_LINES.findall(text)
            else:
                yield text


_CR_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def open_utf8(path: Path | str) -> Utf8Lines:
    """A UTF-8 text file (or '-' for stdin), as event lines must be (docs/contract.md): bytes
    that are not UTF-8 are refused with their line, not guessed as another encoding. Read as
    a stream (``Utf8Lines``): the refusal comes when the reader reaches that line."""
    return Utf8Lines(path)


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
            with p.open("rb") as fh:
                enc = _sniff(iter(lambda: fh.read(1 << 20), b""), path)
            if enc == "gb18030" and not _decodes(p, enc):
                raise ValidationError(_UNKNOWN)
    try:
        return p.open(encoding=enc, newline="")
    except LookupError:
        raise ValidationError(f"未知编码 {enc!r}") from None
