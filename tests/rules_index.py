"""Generate docs/rules-index.md: article → period → handler → test.

Periods come from ``govinfo_cli.core.rules.periods.PERIODS``, handlers from the handler
table (``registry.HANDLERS``: each names the periods it counts), tests from the
``@pytest.mark.law("<period>", …)`` marks in tests/test_*.py (read from the source, not
by running them). ``python -m tests.rules_index`` rewrites the file;
``tests/test_rules_index.py`` fails when it is stale.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INDEX = ROOT / "docs" / "rules-index.md"


@cache
def law_marks() -> dict[str, list[str]]:
    """period name → ["tests/test_x.py::test_name", …] from ``@pytest.mark.law(...)`` (read
    once per process; callers only read it)."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or not node.name.startswith("test"):
                continue
            for dec in node.decorator_list:
                if (
                    isinstance(dec, ast.Call)
                    and isinstance(dec.func, ast.Attribute)
                    and dec.func.attr == "law"
                    and ast.unparse(dec.func.value) == "pytest.mark"
                ):
                    for arg in dec.args:
                        name = ast.literal_eval(arg)
                        found.setdefault(name, []).append(f"tests/{path.name}::{node.name}")
    return found


def _in_force(p: object) -> str:
    start, end = p.effective_from, p.effective_until  # type: ignore[attr-defined]
    if start and end:
        return f"{start} – {end}"
    if start:
        return f"自 {start}"
    return f"至 {end}" if end else "现行"


def render() -> str:
    import govinfo_cli.core.rules.engine  # noqa: F401  (the engine imports every kind: every handler registered)
    from govinfo_cli.core.rules import registry
    from govinfo_cli.core.rules.periods import PERIODS

    marks = law_marks()
    lines = [
        "# Rules index: article → period → handler → test",
        "",
        "Generated from `govinfo_cli/core/rules/periods.py` (every period once), the handler table",
        "(`govinfo_cli/core/rules/registry.py`) and the `@pytest.mark.law(...)` marks of the tests.",
        "Do not edit by hand: run `python -m tests.rules_index` (`tests/test_rules_index.py` fails",
        "when this file is stale). The rules themselves are explained in [rules.md](rules.md).",
        "",
        "| article | period | days | law (in force) | handlers | tests |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for p in PERIODS:  # in the order of docs/rules.md
        handlers = sorted(
            f"`{h.kind}/{h.type}` ({h.fn.__module__.rsplit('.', 1)[-1]}.{h.fn.__name__})"
            for h in registry.HANDLERS.values()
            if p.name in h.periods
        )
        tests = [f"`{t}`" for t in marks.get(p.name, [])]
        days = p.span + (f"（可配置：{p.configurable}）" if p.configurable else "")
        law = f"{p.law}（{_in_force(p)}）"
        lines.append(
            f"| {p.article} | `{p.name}` {p.title} | {days} | {law} | {'<br>'.join(handlers) or '—'} "
            f"| {'<br>'.join(tests) or '—'} |"
        )
    lines += [
        "",
        "## Handlers by event type",
        "",
        "| kind / event | handler | article (its docstring) |",
        "| --- | --- | --- |",
    ]
    for h in sorted(registry.HANDLERS.values(), key=lambda h: (h.kind, h.type)):
        lines.append(f"| `{h.kind}/{h.type}` | `{h.name}` | {h.article} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    INDEX.write_text(render(), encoding="utf-8")
    print(f"wrote {INDEX.relative_to(ROOT)}")
