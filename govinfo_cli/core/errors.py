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


class WriteError(GovinfoError):
    """A file (an export, a report, a backup) or the output could not be written: no such
    directory, no permission, disk full. Nothing half-written is left behind."""


class UsageError(GovinfoError):
    """Wrong use of the command line (exit 2)."""

    exit_code = 2
