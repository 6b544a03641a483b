"""Letters (文书): which ones a case calls for, issuing one with its document number (文号),
and the office's templates.

Issuing a letter: the case's log and the engine give its content (``core.letters``), the
office's settings its header and remedy clause, the template its wording. The template is
filled once before anything is recorded (a bad template or a missing setting writes
nothing); then, in one write transaction, the letter gets its number (from the counter of
its series, ``store.letters``), a ``letter_issued`` event goes into the case's log, and the
letter is filled with that number and delivered (its file written and renamed into place)
before the transaction commits: a letter that cannot be written leaves no record and takes
no number (docs/rules.md §12: the log holds only what happened). Printing the same letter
again finds that event and uses its number.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.core import codes, personal
from govinfo_cli.core import letters as core
from govinfo_cli.core.errors import Refusal, ValidationError
from govinfo_cli.core.events import LETTER_ISSUED, Event
from govinfo_cli.store import cases

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

PREVIEW_NUMBER = "〔预览，未编号〕"


# --------------------------------------------------------------------------
# Settings: document-number patterns, office settings, templates
# --------------------------------------------------------------------------


def office(ctx: Context, conn: sa.Connection) -> dict[str, str]:
    from govinfo_cli.app import settings

    keys = (
        "agency.name",
        "agency.office",
        "agency.address",
        "agency.phone",
        *core.REMEDY_SETTINGS,
        "agency.seal",
        "fee.payment",
        "complaint.rules_title",
    )
    return {k: settings.get(ctx, k, conn=conn) for k in keys}


def check_settings(letter: str, values: dict[str, str]) -> None:
    from govinfo_cli.app.settings import KNOWN

    for key in core.required_settings(letter):
        if not values.get(key, "").strip():
            what = KNOWN[key][0].split("（")[0].split("，")[0]
            raise ValidationError(
                f"未设置{what}（{key}），无法出具{core.LETTERS[letter][0]}：请先运行 govinfo config set {key} …"
            )


def default_templates() -> Path:
    """The templates shipped in the package (or the source tree's own)."""
    try:
        path = Path(str(resources.files("govinfo_cli.templates")))
        if (path / "reply.docx").exists():
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[1] / "templates"


def template_path(ctx: Context, conn: sa.Connection, letter: str) -> Path:
    from govinfo_cli.app import settings

    folder = settings.get(ctx, "letters.templates", conn=conn).strip()
    if not folder:
        return default_templates() / f"{letter}.docx"
    path = Path(folder).expanduser() / f"{letter}.docx"
    if not path.is_file():
        raise ValidationError(
            f"模板目录 {folder} 中没有 {letter}.docx（{core.LETTERS[letter][0]}）",
            hint="govinfo letter templates export 目录 可导出全部默认模板",
        )
    return path


def export_templates(dest: Path, *, force: bool = False) -> list[Path]:
    """Write every default template into ``dest`` (created if missing); an existing file is
    refused (nothing written) unless ``force``."""
    src = default_templates()
    names = [f"{letter}.docx" for letter in core.LETTERS]
    if dest.exists() and not dest.is_dir():
        raise ValidationError(f"{dest} 不是目录")
    clash = [n for n in names if (dest / n).exists()]
    if clash and not force:
        raise ValidationError(f"{dest} 中已有 {clash[0]} 等 {len(clash)} 个模板，不会覆盖（确需覆盖请加 --force）")
    try:
        dest.mkdir(parents=True, exist_ok=True)
        for n in names:
            shutil.copyfile(src / n, dest / n)
    except OSError as exc:
        raise ValidationError(f"无法写入 {dest}：{exc.strerror or exc}") from None
    return [dest / n for n in names]


# --------------------------------------------------------------------------
# Which letters, and which were issued
# --------------------------------------------------------------------------


def issued(events: list[Event]) -> dict[tuple[str, int], Event]:
    """(letter, source event) -> its letter_issued event (the first, should there be two)."""
    out: dict[tuple[str, int], Event] = {}
    for e in events:
        if e.type == LETTER_ISSUED:
            out.setdefault((str(e.get("letter")), int(e.get("source"))), e)
    return out


def letters_of(kind: str, events: list[Event]) -> list[dict[str, Any]]:
    """Every letter the case's events call for, with its number once issued."""
    done = issued(events)
    typed = {letter: t for t, letter in core.typed_names(kind)}
    out = []
    for s in core.sources(kind, events):
        e = done.get((s.letter, s.seq))
        out.append(
            {
                "type": typed.get(s.letter, s.letter),
                "letter": s.letter,
                "title": s.title,
                "event": s.seq,
                "date": s.date.isoformat(),
                "to": s.to,
                "number": e.get("number") if e else None,
                "issued": e.date.isoformat() if e else None,
            }
        )
    return out


def sent(events: list[Event]) -> list[dict[str, Any]]:
    """The letters recorded in a log (for ``show``)."""
    return [
        {
            "letter": e.get("letter"),
            "title": core.LETTERS.get(str(e.get("letter")), (str(e.get("letter")),))[0],
            "number": e.get("number"),
            "event": e.get("source"),
            "to": e.get("to", ""),
            "date": e.date.isoformat(),
        }
        for e in events
        if e.type == LETTER_ISSUED
    ]


def _has_letters(number: str, kind: str) -> None:
    if kind not in core.LETTER_KINDS:
        raise Refusal(
            f"{number} 是{codes.label(codes.KINDS, kind)}案件，只有依申请公开、投诉举报和更正申请案件出具文书"
        )


def listing(ctx: Context, number: str, kind: str | None = None) -> tuple[str, str, list[dict[str, Any]]]:
    with ctx.engine.connect() as conn:
        row = cases.get_case(conn, number, kind)
        events = cases.load_events(conn, row.id)
    _has_letters(row.number, row.kind)
    return row.number, row.kind, letters_of(row.kind, events)


# --------------------------------------------------------------------------
# Issuing one letter
# --------------------------------------------------------------------------


def check_printable(data: bytes, title: str, template: Path) -> None:
    """A filled letter still holding template text (a placeholder, （…请逐项列明）) is refused,
    naming it: nothing unfilled reaches print."""
    from govinfo_cli.formats.documents import docx_text

    found = core.leftover(docx_text(data))
    if found is not None:
        raise ValidationError(
            f"{title}仍含模板中的待填内容“{found}”，不能出具（模板 {template.name}）",
            hint="请修改模板中的这段文字（govinfo letter templates export 可导出默认模板对照）",
        )


@dataclass
class Letter:
    case: str
    kind: str
    letter: str
    title: str
    number: str
    new: bool  # the number was handed out by this command
    docx: bytes
    values: dict[str, Any] = field(default_factory=dict)
    masked: bool = False  # the reporter's name was withheld (投诉举报处理制度第十一条)

    def markdown(self) -> str:
        from govinfo_cli.formats.documents import docx_markdown

        return docx_markdown(self.docx)


# Writes a letter where the clerk asked (a file: written beside it, then renamed into place)
# and returns how to take that back should the transaction fail after it (None: nothing to
# take back, e.g. a page shown on standard output).
Deliver = Callable[["Letter"], Callable[[], None] | None]


def issue(
    ctx: Context,
    number: str,
    typed: str,
    *,
    kind: str | None = None,
    seq: int | None = None,
    to: str | None = None,
    reveal: bool = False,
    preview: bool = False,
    deliver: Deliver | None = None,
) -> Letter:
    """Issue (or print again) one letter of a case. Everything that can refuse (the case, the
    type, the settings, the template) is checked before a number is taken. ``deliver``
    writes the letter; a new letter's ``letter_issued`` event commits only once it has
    written it (a failure of either leaves neither)."""
    from govinfo_cli.app import settings
    from govinfo_cli.app.calendar import build_calendar
    from govinfo_cli.app.profile import office_profile
    from govinfo_cli.formats.documents import render_template

    with ctx.engine.connect() as conn:
        row = cases.get_case(conn, number, kind)
        _has_letters(row.number, row.kind)
        events = cases.load_events(conn, row.id)
        cal = build_calendar(ctx, conn)
        profile = office_profile(ctx, conn)
        letter = core.resolve_type(row.kind, typed)
        values_office = office(ctx, conn)
        path = template_path(ctx, conn, letter)
        patterns = settings.get(ctx, f"letters.number.{letter}", conn=conn)
    voided = next((e for e in events if e.type == "voided"), None)
    if voided is not None:
        raise Refusal(f"{row.number} 已于 {voided.date} 作废（{voided.get('reason', '')}），不再出具文书")
    check_settings(letter, values_office)
    source = core.pick(row.kind, events, letter, seq=seq, to=to)
    # The reporter's identity is confidential (投诉举报处理制度第十一条): the letter names them
    # only when revealed (logged); else it is addressed to 投诉举报人 and the command says so.
    reporter, masked = "", False
    if row.kind == "complaint":
        name = str(events[0].get("reporter") or "")
        shown = str(personal.seal({"reporter": name}, reveal=reveal)["reporter"])
        masked = personal.is_masked("reporter", shown)
        reporter = "" if masked else shown
        if reveal and name:
            settings.log_reveal(ctx, row.number, f"letter {letter}")
    known = core.placeholders(letter)
    title = core.LETTERS[letter][0]

    def fill(doc_number: str) -> Letter:
        values = core.content(
            row.kind,
            events,
            source,
            cal,
            profile,
            values_office,
            number=doc_number,
            case=row.number,
            reporter=reporter,
        )
        core.check_complete(letter, values, row.number, source.seq)
        data = render_template(path, values, known, title)
        check_printable(data, title, path)
        return Letter(row.number, row.kind, letter, title, doc_number, False, data, values, masked)

    def delivered(done: Letter) -> Letter:
        if deliver is not None:
            deliver(done)
        return done

    earlier = issued(events).get((letter, source.seq))
    if earlier is not None:
        return delivered(fill(str(earlier.get("number"))))
    if preview:
        return delivered(fill(PREVIEW_NUMBER))
    # A new letter is filled once, with its number, inside the transaction that takes the
    # number: a template or content that cannot be filled rolls the transaction back, so
    # nothing is taken and nothing recorded (tests/test_letters.py, test_records_of_what_happened.py).
    core.check_pattern(f"letters.number.{letter}", patterns)
    undo: list[Callable[[], None]] = []

    def work(conn: sa.Connection) -> Letter:
        """The number: the one another clerk gave this letter a moment ago, or the next of
        its series, recorded in the case's log; then the letter, filled with it and
        delivered, before this transaction commits (clerks queue on the counter for the
        time one letter takes to fill and write: tens of milliseconds)."""
        from govinfo_cli.store import letters as stored

        cases.lock_case(conn, row.id)
        again = issued(cases.load_events(conn, row.id)).get((letter, source.seq))
        if again is not None:
            return fill(str(again.get("number")))  # delivered below: no new record
        series = patterns.replace("{year}", str(source.date.year))
        while True:
            candidate = series.replace("{seq}", str(stored.next_in_series(conn, series)))
            if not stored.number_used(conn, candidate):
                break
        payload: dict[str, Any] = {"letter": letter, "number": candidate, "source": source.seq}
        if source.to:
            payload["to"] = source.to
        stored.append_letter(conn, row.id, LETTER_ISSUED, ctx.today, payload, operator=ctx.operator, now=ctx.now())
        done = fill(candidate)
        done.new = True
        if deliver is not None:  # the file's final rename, inside the transaction
            taken_back = deliver(done)
            if taken_back is not None:
                undo.append(taken_back)
        return done

    from govinfo_cli.store import db

    try:
        done = db.run_write(ctx.engine, work)
    except BaseException:
        for take_back in undo:  # written, but the record did not commit: no letter without its record
            take_back()
        raise
    return done if done.new else delivered(done)
