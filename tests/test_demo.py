"""`govinfo demo`, the README's first command: the sample year loads and the morning check shows."""

from __future__ import annotations

from tests.conftest import ok


def test_demo_loads_the_sample_year_and_shows_the_morning_check(cli, tmp_path) -> None:  # noqa: ANN001
    r = ok(cli("--db", str(tmp_path / "demo.db"), "demo"))
    assert "演示数据库" in r.stdout + r.stderr
    assert "逾期" in r.stdout
    assert "答复期限" in r.stdout


def test_demo_prints_commands_that_run_as_shown_and_leaves_no_temporary_directory(cli, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """Without --db the demo loads its own database (demo.db in the user data directory,
    replaced on every run); the commands it prints run as they are, pasted into a shell."""
    import shlex
    import tempfile
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    temp = Path(tempfile.gettempdir())
    before = set(temp.glob("govinfo-demo-*"))
    first = ok(cli("demo"))
    again = ok(cli("demo"))  # a second run starts the demo's database afresh
    assert set(temp.glob("govinfo-demo-*")) == before
    said = again.stderr.splitlines()
    assert said[0] == first.stderr.splitlines()[0]  # the same number of cases and events
    lines = [line.strip() for line in said if line.strip().startswith("govinfo ")]
    assert len(lines) >= 3
    for line in lines:
        words = shlex.split(line)
        assert "--db" in words and "<" not in line and "（" not in line.split()[-1], line
        r = cli(*words[1:])
        assert r.exit_code == 0, (line, r.stderr)
    assert (tmp_path / "答复书.docx").exists() and (tmp_path / "年报.docx").exists()


def test_demo_into_a_named_database_that_is_not_empty_is_refused(cli, tmp_path) -> None:  # noqa: ANN001
    ok(cli("--db", str(tmp_path / "x.db"), "demo"))
    r = cli("--db", str(tmp_path / "x.db"), "demo")
    assert r.exit_code == 1 and "空数据库" in r.stderr
