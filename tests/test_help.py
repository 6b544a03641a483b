"""Every help page is Chinese and every example on it runs.

The pages are found by walking the command tree (``cli.helpframe.walk``), so a command
added later is checked without an edit here. A page's examples (the ``示例：`` paragraph of
its command's docstring) run in order, in-process, on a fresh copy of the demo database
(``govinfo demo``: the sample year, today 2026-11-20), in an empty directory holding the
few files the examples name."""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from govinfo_cli.cli import app, helpframe
from tests import pg

ROOT = Path(__file__).resolve().parent.parent
PAGES = [(path, cmd) for path, cmd in helpframe.walk(typer.main.get_command(app))]
# PostgreSQL's own commands: refused on a SQLite file; tests/test_logins.py runs them on a server
POSTGRESQL_ONLY = {("db", "grant"), ("db", "roles")}
EXAMPLE_PAGES = [path for path, cmd in PAGES if helpframe.examples(cmd) and path not in POSTGRESQL_ONLY]

# What typer and click write when a page is not govinfo's own frame.
ENGLISH = re.compile(
    r"<(?:str|int|float|bool|path|file|dir|datetime|uuid|int range|float range|list\[[^\]]*\])>"
    r"|\b(?:TEXT|INTEGER|FLOAT|PATH|BOOLEAN|FILENAME|DIRECTORY)\b"
    r"|Usage:|\bOptions\b|\bArguments\b|\bCommands\b|Show this message|\[default|default:|\[required\]"
    r"|\[OPTIONS\]|COMMAND \[ARGS\]|env var:|\bNo such\b|Did you mean"
)

# The files the examples name (a clerk's own files; the sample's where there is one).
FILES = {
    "2027调休.csv": "日期,类型,说明\n2027-02-06,工作日,春节调休上班\n",
    "总体情况.md": "本年度，本局认真贯彻落实《中华人民共和国政府信息公开条例》……\n",
}
SAMPLE_FILES = {
    "公开目录.csv": ROOT / "sample_data" / "catalogue.csv",
    "liangshan.toml": ROOT / "sample_data" / "liangshan.toml",
}


def _page(path: tuple[str, ...]) -> str:
    r = CliRunner().invoke(app, [*path, "--help"], prog_name="govinfo")
    assert r.exit_code == 0, (path, r.stderr)
    return r.stdout


def test_every_group_and_command_is_built_on_the_chinese_frame() -> None:
    assert len(PAGES) > 100
    bad = [" ".join(p) for p, cmd in PAGES if not isinstance(cmd, helpframe.Command | helpframe.Group)]
    assert bad == []


def test_no_help_page_shows_a_framework_word_in_english() -> None:
    found = {}
    for path, _ in PAGES:
        text = _page(path)
        assert text.startswith("用法：govinfo") and "显示此帮助并退出" in text, path
        hits = sorted({m.group() for m in ENGLISH.finditer(text)})
        if hits:
            found[" ".join(path) or "govinfo"] = hits
    assert found == {}


def test_every_leaf_command_has_an_example_of_itself() -> None:
    missing = [
        " ".join(p)
        for p, cmd in PAGES
        if not hasattr(cmd, "list_commands") and not any(f" {' '.join(p)} " in f"{e} " for e in helpframe.examples(cmd))
    ]
    assert missing == []


def test_the_english_detector_sees_typers_own_frame() -> None:
    """The pattern above catches what a plain typer page shows (so its silence means something)."""
    plain = typer.Typer(rich_markup_mode=None)

    @plain.command()
    def hello(name: str, count: int = 1) -> None:
        """Say hello."""

    text = CliRunner().invoke(plain, ["--help"]).stdout
    assert ENGLISH.search(text), text


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("demo")
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_DATA_HOME", str(base / "xdg"))
    mp.setenv("GOVINFO_USER", "测试员")
    mp.delenv("GOVINFO_TODAY", raising=False)
    try:
        r = CliRunner().invoke(app, ["--db", str(base / "demo.db"), "demo"])
    finally:
        mp.undo()
    assert r.exit_code == 0, r.stderr
    return base / "demo.db"


@pytest.mark.skipif(bool(pg.SERVER), reason="the examples run on SQLite copies of the demo; the SQLite run covers them")
@pytest.mark.parametrize("path", EXAMPLE_PAGES, ids=[" ".join(p) or "govinfo" for p in EXAMPLE_PAGES])
def test_every_help_example_runs_as_shown(
    path: tuple[str, ...], demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "govinfo.db"
    with sqlite3.connect(demo_template) as src, sqlite3.connect(db) as dst:
        src.backup(dst)  # a consistent copy, whatever the write-ahead log still holds
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name, source in SAMPLE_FILES.items():
        shutil.copy(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GOVINFO_DB", str(db))
    monkeypatch.setenv("GOVINFO_TODAY", "2026-11-20")
    cmd = dict(PAGES)[path]
    for example in helpframe.examples(cmd):
        words = shlex.split(example)
        if ">" in words or ">>" in words:  # the shell's redirection is not govinfo's
            words = words[: min(words.index(w) for w in (">", ">>") if w in words)]
        assert words[0] == "govinfo"
        r = CliRunner().invoke(app, words[1:], prog_name="govinfo")
        assert r.exit_code == 0, f"{example}\n{r.stderr or r.stdout}"
