"""docs/rules-index.md (article → period → handler → test) is generated and kept current."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

from tests.rules_index import INDEX, ROOT, law_marks, render


def test_rules_index_is_current() -> None:
    assert INDEX.read_text(encoding="utf-8") == render(), "docs/rules-index.md is stale: python -m tests.rules_index"


def test_the_generator_run_on_its_own_writes_the_same_index() -> None:
    """`python -m tests.rules_index` in a fresh interpreter (not one where the tests have
    already loaded every rule module) renders what is committed."""
    code = "import sys; from tests.rules_index import render; sys.stdout.write(render())"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out == INDEX.read_text(encoding="utf-8")


def test_every_law_mark_names_a_period_and_every_period_has_a_test() -> None:
    from govinfo_cli.core.rules.periods import PERIODS

    names = {p.name for p in PERIODS}
    marks = law_marks()
    assert set(marks) <= names, f"unknown periods in @pytest.mark.law: {set(marks) - names}"
    assert names <= set(marks), f"periods without a test: {sorted(names - set(marks))}"


def test_every_handler_and_test_the_index_names_exists() -> None:
    text = INDEX.read_text(encoding="utf-8")
    for module, name in re.findall(r"`(govinfo_cli\.core\.rules\.\w+)\.(\w+)`", text):
        assert hasattr(importlib.import_module(module), name), f"{module}.{name}"
    for path, test in re.findall(r"`(tests/test_\w+\.py)::(\w+)`", text):
        assert re.search(rf"^def {test}\(", (ROOT / path).read_text(encoding="utf-8"), re.M), f"{path}::{test}"


def test_every_handler_cites_an_article_and_counts_only_known_periods() -> None:
    import govinfo_cli.core.rules  # noqa: F401
    from govinfo_cli.core.rules.periods import PERIODS
    from govinfo_cli.core.rules.registry import HANDLERS

    names = {p.name for p in PERIODS}
    for h in HANDLERS.values():
        assert re.search(r"第.+条|号|制度", h.article), f"{h.name}: docstring cites no article"
        assert set(h.periods) <= names, f"{h.name}: {set(h.periods) - names}"
