"""Word documents: fill a docxtpl template, read a .docx back as Markdown, fix a .docx's
bytes. docxtpl, python-docx and Jinja2 are imported inside the functions (never at
``govinfo --help`` time)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from govinfo_cli.core.errors import ValidationError


def fixed_zip(data: bytes, stamp: str | None = None) -> bytes:
    """The same document (docx or xlsx) with no time of saving in it: fixed zip entry times
    and, given ``stamp`` (ISO 8601), fixed created/modified dates in docProps/core.xml, so the
    same content gives the same bytes (python-docx and openpyxl stamp both with "now")."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if stamp is not None and info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), body)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, body)
    return out.getvalue()


def render_template(path: Path, values: Mapping[str, str], known: Iterable[str], name: str) -> bytes:
    """The template filled in; a broken .docx, a Jinja syntax error or a placeholder outside
    ``known`` is one ValidationError naming the template (and the placeholder)."""
    import jinja2
    from docxtpl import DocxTemplate

    label = f"模板 {path}（{name}）"
    try:
        tpl = DocxTemplate(str(path))
        tpl.init_docx()
    except Exception as exc:  # noqa: BLE001 - zip, XML or package errors all mean "not a .docx"
        raise ValidationError(f"{label} 不是可用的 .docx 文件（{type(exc).__name__}）") from None
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    try:
        used = tpl.get_undeclared_template_variables(env)
    except jinja2.TemplateSyntaxError as exc:
        raise ValidationError(f"{label} 占位符语法错误：{exc.message}") from None
    except Exception as exc:  # noqa: BLE001
        raise ValidationError(f"{label} 无法读取（{type(exc).__name__}: {exc}）") from None
    unknown = sorted(set(used) - set(known))
    if unknown:
        names = "、".join("{{ " + u + " }}" for u in unknown)
        raise ValidationError(
            f"{label} 使用了不存在的占位符 {names}",
            hint="可用占位符：" + "、".join(sorted(known)),
        )
    try:
        tpl.render(dict(values), env)
    except jinja2.TemplateError as exc:
        raise ValidationError(f"{label} 无法填写：{exc}") from None
    buf = io.BytesIO()
    tpl.save(buf)
    return fixed_zip(buf.getvalue())


def _cell_text(cell: Any) -> str:
    return " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()).replace("|", "\\|")


def docx_markdown(data: bytes) -> str:
    """A filled .docx as Markdown, paragraph by paragraph and table by table, in document
    order: what the letter says, for the terminal and for review."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    out: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, doc)
            text = re.sub(r"[ \t]+$", "", p.text)
            if not text.strip():
                continue
            style = (p.style.name if p.style is not None else "") or ""
            if style == "Title":
                out.append(f"## {text.strip()}")
            elif style.startswith("Heading"):
                level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
                out.append("#" * (level + 1) + " " + text.strip())
            else:
                out.append(text)
        elif tag == "tbl":
            t = Table(child, doc)
            rows = [[_cell_text(c) for c in r.cells] for r in t.rows]
            if not rows:
                continue
            width = max(len(r) for r in rows)
            rows = [r + [""] * (width - len(r)) for r in rows]
            lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
            lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
            out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"


def docx_text(data: bytes) -> str:
    """Every piece of text of a .docx (body, tables, headers, footers), one paragraph a line:
    what a check for unfilled template text reads. Text split across runs is joined."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(io.BytesIO(data))
    parts = [doc.element.body]
    for section in doc.sections:
        parts += [section.header._element, section.footer._element]
    lines = []
    for part in parts:
        for p in part.iter(qn("w:p")):
            lines.append("".join(t.text or "" for t in p.iter(qn("w:t"))))
    return "\n".join(lines)
