"""The one error hierarchy. Each error carries its exit code (docs/contract.md) and a
message for the clerk; the CLI prints that one line on stderr, no traceback."""

from __future__ import annotations


class GovinfoError(Exception):
    """Base of every error a clerk may see."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class Refusal(GovinfoError):
    """A domain rule refuses the action (e.g. an extension beyond 20 working days)."""


class ValidationError(GovinfoError):
    """Bad input: a date that is not a date, an unknown code, a malformed line. ``field``
    names the event field at fault, ``detail`` what is wrong with it (so a command can
    say it in terms of its own option)."""

    def __init__(self, message: str, *, hint: str = "", field: str | None = None, detail: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.field = field
        self.detail = detail or message


class ImportErrors(ValidationError):
    """Several bad lines or rows at once; the message lists them (capped)."""

    def __init__(self, problems: list[str], *, cap: int = 50) -> None:
        shown = problems[:cap]
        more = len(problems) - len(shown)
        text = "\n".join(shown) + (f"\n…以及另外 {more} 处错误" if more > 0 else "")
        super().__init__(text)
        self.problems = problems


class NotFound(GovinfoError):
    """A case number (or other key) that does not exist."""


class CalendarRangeError(GovinfoError):
    """A date outside the years the working-day calendar covers."""


class StorageError(GovinfoError):
    """The database cannot be opened, migrated or written."""


class DamagedRecord(StorageError):
    """A stored value govinfo cannot read back (a flipped byte, a hand-edited row): which
    record (``where``, added by the reader that knows it: a case and event, an audit entry),
    which column, what it holds and why it is unreadable. ``govinfo db check`` lists every
    such record and goes on; every other command stops at the first, in one line."""

    def __init__(self, column: str, raw: object, why: str, *, where: str = "", quote: bool = True) -> None:
        self.column, self.raw, self.why, self.where, self.quote = column, raw, why, where, quote
        self.case_id: int | None = None  # an event's case, while the reader has not named it
        super().__init__(self._text())

    def _shown(self) -> str:
        """The value as stored: a date or a time is quoted; a payload, which may hold
        personal data, only by its length."""
        if not self.quote:
            return f"（{len(self.raw)} 个字符）" if isinstance(self.raw, str | bytes) else ""
        shown = repr(self.raw)
        return " " + (shown if len(shown) <= 60 else shown[:57] + "…")

    def _text(self) -> str:
        where = f"{self.where}的 " if self.where else ""
        return (
            f"数据库记录无法读取：{where}{self.column} 列{self._shown()}{self.why}，数据库可能已损坏；"
            "govinfo db check 列出每一处无法读取的记录"
        )

    def at(self, where: str) -> DamagedRecord:
        """The same error, naming the record it was read from: ``where`` goes before what
        is already named (``案件 T-1 `` before ``第 2 个事件（received）``)."""
        self.where = f"{where}{self.where}"
        self.message = self._text()
        self.args = (self.message,)
        return self

    @property
    def detail(self) -> str:
        """What is wrong, without the record (db check names the record itself)."""
        return f"{self.column} 列{self._shown()}{self.why}"


class WriteError(GovinfoError):
    """A file (an export, a report, a backup) or the output could not be written: no such
    directory, no permission, disk full. Nothing half-written is left behind."""


class UsageError(GovinfoError):
    """Wrong use of the command line (exit 2)."""

    exit_code = 2
