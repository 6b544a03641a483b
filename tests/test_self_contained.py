"""The project carries its own documents: nothing in README.md, docs/, govinfo_cli/ or
sample_data/ points outside the repository (../shared, an absolute path on one machine) or
to the spec files it was built from by their old names; every relative link resolves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCOPE = [ROOT / "README.md", ROOT / "docs", ROOT / "govinfo_cli", ROOT / "sample_data"]
TEXT = {".py", ".md", ".toml", ".csv", ".jsonl", ".json", ".txt", ".mako", ".cfg", ".ini"}

OUTSIDE = {
    "a path outside the repository (../shared)": re.compile(r"\.\./shared"),
    "an absolute machine path": re.compile(r"(?<![\w.~])/(?:work|home)/"),
    "the spec's old file names (cite docs/rules.md or docs/contract.md)": re.compile(
        r"(?<![\w/])(?:RULES|CONTRACT)\.md"
    ),
    "a seed number (name the source document, docs/sources.md)": re.compile(r"\bseed[ _-]?00\d", re.IGNORECASE),
}


def _files() -> list[Path]:
    out: list[Path] = []
    for p in SCOPE:
        if p.is_file():
            out.append(p)
        else:
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in TEXT and "__pycache__" not in f.parts)
    return out


def test_the_scanned_tree_is_the_real_one() -> None:
    names = {f.relative_to(ROOT).as_posix() for f in _files()}
    assert {"README.md", "docs/rules.md", "docs/contract.md", "sample_data/make_sample.py"} <= names


@pytest.mark.parametrize("what", list(OUTSIDE))
def test_nothing_refers_outside_the_repository(what: str) -> None:
    pattern = OUTSIDE[what]
    hits = [
        f"{f.relative_to(ROOT)}:{n}: {line.strip()}"
        for f in _files()
        for n, line in enumerate(f.read_text(encoding="utf-8-sig").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not hits, f"{what}:\n" + "\n".join(hits)


def test_the_patterns_catch_what_they_are_for() -> None:
    bad = [
        "see ../shared/spec/RULES.md",
        "SEED = Path('/work/shared/seeds')",
        "open('/home/clerk/x.csv')",
        "columns as in CONTRACT.md",
        "(seed 002)",
    ]
    for line in bad:
        assert any(p.search(line) for p in OUTSIDE.values()), line
    good = ["docs/rules.md §2", "[contract.md](contract.md)", "SEED = 20261120", "~/.local/share/govinfo"]
    for line in good:
        assert not any(p.search(line) for p in OUTSIDE.values()), line


def test_every_relative_link_in_the_documents_resolves() -> None:
    link = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")
    docs = [ROOT / "README.md", ROOT / "sample_data" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = [
        f"{d.relative_to(ROOT)}: {target}"
        for d in docs
        for target in link.findall(d.read_text(encoding="utf-8"))
        if "://" not in target and not (d.parent / target).exists()
    ]
    assert not broken, broken


def test_readme_links_the_projects_own_rules_contract_and_contributing_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for doc in ("docs/rules.md", "docs/contract.md", "docs/sources.md", "docs/contributing.md"):
        assert f"]({doc})" in readme, doc
