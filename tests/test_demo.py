"""`govinfo demo`, the README's first command: the sample year loads and the morning check shows."""

from __future__ import annotations

from tests.conftest import ok


def test_demo_loads_the_sample_year_and_shows_the_morning_check(cli, tmp_path) -> None:  # noqa: ANN001
    r = ok(cli("--db", str(tmp_path / "demo.db"), "demo"))
    assert "演示数据库" in r.stdout + r.stderr
    assert "逾期" in r.stdout
    assert "答复期限" in r.stdout
