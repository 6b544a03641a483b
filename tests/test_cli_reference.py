"""docs/cli.md is generated from the commands and kept current; docs/README.md indexes
every page of docs/."""

from __future__ import annotations

import re

import typer

from govinfo_cli.cli import app, helpframe
from govinfo_cli.cli.reference import COMMAND, REFERENCE, ROOT, render


def test_cli_reference_is_current() -> None:
    assert REFERENCE.read_text(encoding="utf-8") == render(), f"docs/cli.md is stale: {COMMAND}"


def test_cli_reference_has_a_section_for_every_command_with_its_example() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    headings = set(re.findall(r"^#+ (govinfo(?: [\w-]+)*)$", text, flags=re.MULTILINE))
    paths = list(helpframe.walk(typer.main.get_command(app)))
    assert len(paths) > 100
    for path, cmd in paths:
        assert " ".join(("govinfo", *path)) in headings, path
        for example in helpframe.examples(cmd):
            assert f"\n{example}\n" in text, example


def test_docs_index_links_every_page_and_every_link_resolves() -> None:
    docs = ROOT / "docs"
    index = (docs / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+\.md)\)", index))
    pages = {p.name for p in docs.glob("*.md")} - {"README.md"}
    assert pages <= linked, sorted(pages - linked)
    assert all((docs / name).exists() for name in linked), sorted(n for n in linked if not (docs / n).exists())
