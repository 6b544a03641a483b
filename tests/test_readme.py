"""The README's promises: its two set-up commands, and CI running the same test command."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _bash_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("```bash", 1)[1].split("```", 1)[0]
    return [ln for ln in block.splitlines() if ln.strip() and not ln.startswith("#")]


def test_readme_opens_with_the_demo_and_the_test_command() -> None:
    demo, tests = _bash_lines()[:2]
    assert demo.endswith("govinfo demo")
    assert tests.endswith("python -m pytest")


def test_ci_runs_exactly_the_readme_test_command() -> None:
    tests = _bash_lines()[1]
    assert tests in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_command_runs_the_fast_suite_and_ci_runs_the_slow_tests_as_their_own_step() -> None:
    import tomllib

    addopts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"][
        "addopts"
    ]
    assert "-m 'not slow'" in addopts  # a plain `pytest` (the README's command) leaves them out
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m pytest -m slow" in ci  # … and CI runs exactly them as a second step
    assert ci.count("slow_tests\n") >= 2  # on SQLite and on PostgreSQL


def test_ci_checks_the_style_and_types_before_the_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    first_tests = ci.index('echo "== tests on SQLite"')
    for step in (".venv/bin/ruff check .", ".venv/bin/ruff format --check .", ".venv/bin/mypy"):
        assert 0 <= ci.find(step) < first_tests, step


@pytest.mark.slow
def test_the_quick_start_runs_when_pasted_into_a_fresh_shell(tmp_path) -> None:
    """The 快速上手 block, line by line in bash with -e, on a fresh data directory, with the
    venv's govinfo first on PATH (what `source .venv/bin/activate` does)."""
    import os
    import re
    import subprocess
    import sys

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## 快速上手", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    block = block.replace("source .venv/bin/activate", ":")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVINFO_")}
    env.update(PATH=f"{Path(sys.executable).parent}:{env['PATH']}", XDG_DATA_HOME=str(tmp_path / "data"), COLUMNS="60")
    r = subprocess.run(["bash", "-e", "-c", block], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "依申〔" in r.stdout and "作出答复（予以公开）" in r.stdout
    assert (tmp_path / "登记簿.xlsx").read_bytes()[:2] == b"PK"
    for line in r.stdout.splitlines():  # no date split at the end of a line
        assert not re.search(r"\d{4}-\d{0,2}$|\d{4}$", line.rstrip()) or "年" in line, line


def _requirement_floors() -> dict[str, str]:
    import re
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    found = {}
    for dep in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9A-Za-z.]*)", dep.replace(" ", ""))
        assert m, f"{dep}: every runtime dependency has a lower bound, and only that"
        found[m.group(1).lower()] = m.group(2)
    return found


def test_the_dependency_floor_is_what_pyproject_declares_and_ci_installs_it() -> None:
    pins = {}
    for line in (ROOT / "constraints-min.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name.strip().lower()] = version.strip()
    assert pins == _requirement_floors()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "-c constraints-min.txt" in ci and "floor_tests\n" in ci
