"""What the annual report as a document needs besides the counts: the agency name for its
title, the office's own text of sections 一、五、六 (text or Markdown files given on the
command line or kept in config), the date it is signed, and the year's information-processing
fees for section 六."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from govinfo_cli.core.errors import ValidationError

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

SECTION_KEYS = {"1": "report.section1", "5": "report.section5", "6": "report.section6"}


def placeholder(year: int, n: str) -> str:
    return (
        f"（本部分由本机关撰写：govinfo report annual {year} --section{n} 文件.md，"
        f"或 govinfo config set {SECTION_KEYS[n]} 文件.md）"
    )


def read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"{what}：找不到文件 {path}") from None
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{what}：{path} 不是 UTF-8 文本（第 {exc.start} 字节）") from None
    except OSError as exc:
        raise ValidationError(f"{what}：无法读取 {path}（{exc.strerror}）") from None


def section_texts(ctx: Context, year: int, given: dict[str, Path | None]) -> tuple[dict[str, str], list[str]]:
    """Sections 一、五、六: the file given as an option, else the one in config, else a line
    saying how to supply it; and the sections (一、五) left with that line, for the command
    to warn about (section 六 may stay empty: its fee sentence is always there)."""
    from govinfo_cli.app import settings

    out, missing = {}, []
    for n, key in SECTION_KEYS.items():
        path = given.get(n)
        what = f"--section{n}"
        if path is None:
            configured = settings.get(ctx, key).strip()
            path, what = (Path(configured).expanduser(), key) if configured else (None, what)
        if path is not None:
            out[n] = read_text(path, what)
        elif n == "6":
            out[n] = ""
        else:
            out[n] = placeholder(year, n)
            missing.append(n)
    return out, missing


def signed_on(ctx: Context, year: int, given: dt.date | None) -> dt.date:
    """The date the report is signed (its closing line): the one given, else the day a locked
    year was locked (so its document stays the same bytes), else today."""
    from govinfo_cli.store.reports import lock_rows

    if given is not None:
        return given
    with ctx.engine.connect() as conn:
        at = next((r.locked_at for r in lock_rows(conn) if r.year == year), None)
    return at.date() if at is not None else ctx.today


def fees(ctx: Context, year: int) -> tuple[int, float]:
    """Fees paid in the year: how many, and how much in 元 (the records of section 二 too)."""
    from govinfo_cli.store.reports import load_fees

    with ctx.engine.connect() as conn:
        paid = [(day, amount) for day, amount in load_fees(conn, year) if day.year == year]
    assert all(isinstance(day, dt.date) for day, _ in paid)
    return len(paid), float(sum(amount for _, amount in paid))
