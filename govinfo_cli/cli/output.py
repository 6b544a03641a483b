"""One option set for output and one writer that owns stdout versus a file.

Every command that prints a table, a register or a report takes the same options:
``--format table|json|csv|xlsx|md`` (the formats it supports), ``--json`` and ``--csv`` as
aliases, ``--out``, ``--encoding`` and, with a table, ``--wide`` (every column whole).
``output_options`` adds them to a command and hands
it one resolved ``Output``; contradictions (``--json --csv``, ``--format json --csv``) are
refused with one line, exit 2. ``Output.stream`` and ``Output.write_bytes`` are the only
places that decide between stdout and a file; a file is written atomically (all or
nothing, app/files.py). Imports nothing heavy.
"""

from __future__ import annotations

import functools
import inspect
import io
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Annotated, Any, get_type_hints

import typer

FORMATS = ("table", "json", "csv", "xlsx", "md")
ENCODINGS = ("utf-8-sig", "utf-8", "gb18030")
ENCODING_ALIASES = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "utf8": "utf-8",
    "utf8-sig": "utf-8-sig",
    "utf-8-bom": "utf-8-sig",
}
# --out's extension chooses the format when no --format/--json/--csv is given
EXTENSIONS = {".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".md": "md", ".markdown": "md"}
# How --format's help names each format: its help lists only the command's own formats.
FORMAT_LABELS = {"table": "表格", "json": "", "csv": "", "xlsx": "Excel", "md": "Markdown", "docx": "Word"}
NEEDS_OUT = ("xlsx", "docx")


def format_help(formats: Sequence[str]) -> str:
    """``输出格式：table（表格）/ json / md（Markdown）``: the formats a command writes."""

    def word(f: str) -> str:
        notes = [n for n in (FORMAT_LABELS.get(f, ""), "须 --out" if f in NEEDS_OUT else "") if n]
        return f"{f}（{'，'.join(notes)}）" if notes else f

    return "输出格式：" + " / ".join(word(f) for f in formats)


def _noted(option: Any, note: str) -> Any:
    """``option`` (an ``Annotated`` shared option) with ``note`` added to its help."""
    if not note:
        return option
    import copy

    base, info = option.__origin__, copy.copy(option.__metadata__[0])
    info.help = f"{info.help}{note}"
    return Annotated[base, info]


def format_option(help_text: str) -> Any:
    """The ``--format`` option, with its help."""
    return Annotated[str | None, typer.Option("--format", metavar="格式", help=help_text)]


JsonFlag = Annotated[bool, typer.Option("--json", help="输出 JSON（同 --format json）")]
CsvFlag = Annotated[bool, typer.Option("--csv", help="输出 CSV（同 --format csv）")]
OutOpt = Annotated[
    Path | None,
    typer.Option("--out", metavar="文件", help="写入文件（整体写入，失败不留半个文件；默认标准输出）"),
]
WideOpt = Annotated[
    bool,
    typer.Option("--wide", help="表格显示全部列、全文（不按终端宽度省略或截短，长行由终端折行）"),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        metavar="编码",
        help="CSV 编码：utf-8-sig（写入文件时默认，Excel/WPS 不乱码）、utf-8 或 gb18030（gbk 同 gb18030）",
    ),
]


@dataclass(frozen=True)
class Output:
    """Where and how a command writes: the format, the file (None: stdout) and the CSV
    encoding (None: the command's default)."""

    format: str
    out: Path | None = None
    encoding: str | None = None
    stdout_encoding: str = "utf-8"

    @property
    def text_encoding(self) -> str:
        if self.format != "csv":
            return "utf-8"  # JSON and Markdown are UTF-8 without a BOM
        if self.encoding:
            return self.encoding
        return "utf-8-sig" if self.out is not None else self.stdout_encoding

    @contextmanager
    def stream(self) -> Iterator[IO[str]]:
        """A text stream: stdout (a terminal as it is; a pipe in the encoding) or the --out
        file, replaced only once everything is written."""
        from govinfo_cli.core.errors import UsageError

        encoding = self.text_encoding
        try:
            if self.out is None:
                if sys.stdout.isatty() or not hasattr(sys.stdout, "buffer"):
                    yield sys.stdout  # a terminal shows text; a BOM or GB18030 would garble it
                    return
                sys.stdout.flush()
                stream = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, newline="", write_through=False)
                try:
                    yield stream
                finally:
                    stream.flush()
                    stream.detach()
                return
            from govinfo_cli.app.files import atomic_open

            with atomic_open(self.out) as fh:  # streamed: flat memory whatever the size
                stream = io.TextIOWrapper(fh, encoding=encoding, newline="")
                yield stream
                stream.flush()
                stream.detach()
        except UnicodeEncodeError as exc:
            bad = exc.object[exc.start : exc.end]
            raise UsageError(f"有字符无法用 {encoding} 编码（{bad!r}），请改用 utf-8-sig") from None

    def write_bytes(self, data: bytes) -> None:
        from govinfo_cli.app.files import atomic_write_bytes

        assert self.out is not None  # resolve() refuses xlsx without --out
        atomic_write_bytes(self.out, data)

    def write_xlsx(self, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int]) -> int:
        """An xlsx workbook streamed into the --out file (atomic; flat memory); the data rows."""
        from govinfo_cli.app.files import atomic_open
        from govinfo_cli.formats.xlsx_writer import write_xlsx

        assert self.out is not None  # resolve() refuses xlsx without --out
        with atomic_open(self.out) as fh:
            return write_xlsx(fh, header, rows, widths)

    def written(self, what: str, rows: int | None = None) -> None:
        """The status line after writing a file (stderr); nothing for stdout."""
        if self.out is None:
            return
        from govinfo_cli.cli.render import note

        note(f"已导出{what} {rows} 行到 {self.out}" if rows is not None else f"已写入 {self.out}")


def resolve(
    fmt: str | None,
    as_json: bool,
    as_csv: bool,
    out: Path | None,
    encoding: str | None,
    *,
    formats: Sequence[str],
    default: str,
    stdout_encoding: str = "utf-8",
) -> Output:
    """The one format the options ask for, or a usage error (exit 2)."""
    from govinfo_cli.core.errors import UsageError

    flags = (("--json", as_json, "json"), ("--csv", as_csv, "csv"))
    asked: list[tuple[str, str]] = [(name, f) for name, given, f in flags if given]
    if fmt is not None:
        fmt = fmt.strip().lower()
        if fmt == "markdown":
            fmt = "md"
        if fmt not in formats:
            raise UsageError(f"--format 可选：{' / '.join(formats)}")
        asked.insert(0, (f"--format {fmt}", fmt))
    if len({f for _, f in asked}) > 1:
        raise UsageError(f"{asked[0][0]} 与 {asked[1][0]} 互相矛盾，只能选一种输出格式")
    by_name = _format_of(out, formats)
    if by_name is not None and asked and asked[0][1] != by_name and not (by_name == "md" and asked[0][1] == "table"):
        assert out is not None  # a format by name comes from --out
        raise UsageError(f"{asked[0][0]} 与 --out {out.name} 互相矛盾（扩展名是 {by_name}）")
    chosen = asked[0][1] if asked else by_name or default
    if chosen == "xlsx" and out is None:
        raise UsageError("xlsx 格式须用 --out 指定文件")
    if encoding is not None:
        encoding = encoding.strip().lower().replace("_", "-")
        encoding = ENCODING_ALIASES.get(encoding, encoding)
        if encoding not in ENCODINGS:
            raise UsageError("--encoding 可选：utf-8-sig、utf-8、gb18030（gbk 同 gb18030）")
    return Output(chosen, out, encoding, stdout_encoding)


def _format_of(out: Path | None, formats: Sequence[str]) -> str | None:
    """The format a --out file's extension names (登记簿.xlsx → xlsx), when the command has it."""
    if out is None:
        return None
    fmt = EXTENSIONS.get(out.suffix.lower())
    return fmt if fmt in formats else None


def output_options(
    formats: Sequence[str] = FORMATS,
    *,
    default: str = "table",
    stdout_encoding: str = "utf-8",
    formats_help: str | None = None,
    flags_note: str = "",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Replace a command's ``output: Output`` parameter by the shared output options
    (``--json``/``--csv`` only where the command offers that format, ``--encoding`` only
    with CSV; ``--format``'s help lists the command's own formats, or says ``formats_help``;
    ``flags_note`` is added to the help of ``--json``, ``--csv`` and ``--encoding`` when they
    serve only one of the command's modes). Apply below ``@app.command()``."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        sig = inspect.signature(fn)
        if "output" not in sig.parameters:
            raise TypeError(f"{fn.__name__}: needs an 'output' parameter")
        hints = get_type_hints(fn, include_extras=True)
        kw = inspect.Parameter.KEYWORD_ONLY
        params = [p.replace(kind=kw, annotation=hints[p.name]) for p in sig.parameters.values() if p.name != "output"]
        added: list[tuple[str, Any, Any]] = [("fmt", format_option(formats_help or format_help(formats)), None)]
        if "json" in formats:
            added.append(("as_json", _noted(JsonFlag, flags_note), False))
        if "csv" in formats:
            added.append(("as_csv", _noted(CsvFlag, flags_note), False))
        added.append(("out", OutOpt, None))
        if "csv" in formats:
            added.append(("encoding", _noted(EncodingOpt, flags_note), None))
        if "table" in formats:
            added.append(("wide", WideOpt, False))
        params += [inspect.Parameter(name, kw, annotation=ann, default=d) for name, ann, d in added]

        @functools.wraps(fn, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
        def run(**values: Any) -> Any:
            from govinfo_cli.cli.render import wide_tables

            wide = values.pop("wide", False)
            output = resolve(
                values.pop("fmt"),
                values.pop("as_json", False),
                values.pop("as_csv", False),
                values.pop("out"),
                values.pop("encoding", None),
                formats=formats,
                default=default,
                stdout_encoding=stdout_encoding,
            )
            with wide_tables(wide):
                return fn(output=output, **values)

        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        run.output_formats = tuple(formats)  # type: ignore[attr-defined]
        run.output_default = default  # type: ignore[attr-defined]
        return run

    return decorate


def emit(
    output: Output,
    *,
    data: Any,
    header: Sequence[str],
    rows: Callable[[], Iterable[Sequence[Any]]],
    table: Callable[[], None] | None = None,
    title: str = "",
    widths: Sequence[int] | None = None,
    what: str = "",
) -> None:
    """Write one command's result in the chosen format. ``data``: the JSON value (porcelain),
    or a function that makes it (then only ``--json`` pays for it);
    ``header``/``rows``: the CSV, Markdown and Excel rows; ``table``: the terminal screen
    (to a file, a table is written as Markdown)."""
    from govinfo_cli.cli import render
    from govinfo_cli.formats.csvfile import write_csv
    from govinfo_cli.formats.markdown import markdown_table

    fmt = output.format
    if fmt == "table" and output.out is None and table is not None:
        table()
        return
    if fmt == "xlsx":
        output.write_xlsx(header, rows(), widths or [14] * len(header))
        output.written(what)
        return
    with output.stream() as stream:
        if fmt == "json":
            render.print_json(data() if callable(data) else data, stream)
        elif fmt == "csv":
            write_csv(header, rows(), stream)
        else:  # md, or a table written to a file
            stream.write((f"# {title}\n\n" if title else "") + markdown_table(header, rows()))
    output.written(what)
