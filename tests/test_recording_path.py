"""Recording one event stays light (issue 17, item 5): the next case number is counted
from the index, the applicant's recent requests are read by their own index, and the
recording lines are written without rich, alembic or holidays."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.builders import add_request, add_request_args
from tests.conftest import engine_of, new_db, ok


def test_count_numbered_counts_exactly_the_numbers_of_one_pattern_and_year(cli) -> None:
    from govinfo_cli.store.cases import count_numbered

    for number in ("依申〔2026〕1号", "依申〔2026〕2号", "依申〔2027〕1号", "依申〔2026〕甲", "另〔2026〕3号"):
        add_request(cli, number, "2026-11-20", department="办公室")
    with engine_of().connect() as conn:
        assert count_numbered(conn, "request", "依申〔2026〕%号") == 2
        assert count_numbered(conn, "request", "依申〔2027〕%号") == 1
        assert count_numbered(conn, "request", "依申〔2026〕%") == 3
        assert count_numbered(conn, "complaint", "依申〔2026〕%号") == 0


def test_a_new_request_takes_the_number_after_the_years_last(cli) -> None:
    add_request(cli, "依申〔2026〕1号", "2026-11-20", department="办公室")
    add_request(cli, "依申〔2026〕2号", "2026-11-20", department="办公室")
    cli(*add_request_args("依申〔2025〕7号", "2025-12-01", department="办公室"), "--yes")
    r = add_request(cli, None, "2026-11-20", department="办公室")
    assert "依申〔2026〕3号" in r.stdout


def test_recording_an_event_loads_neither_rich_nor_alembic_nor_holidays(cli, tmp_path) -> None:
    """At a terminal or in a script, `request add` on a database at head pays only for what
    recording needs (the recording lines are plain text with ANSI colour). The recording
    under test runs in a fresh interpreter; the database is made here."""
    db = new_db(tmp_path / "o.db")
    env = {**os.environ, "GOVINFO_TODAY": "2026-11-20", "GOVINFO_USER": "测试"}
    args = ["--db", db, "request", "add", "--received", "2026-11-20", "--channel", "当面提交"]
    args += ["--applicant", "张伟", "--type", "自然人", "--subject", "医保基金支出明细", "--department", "办公室"]
    # the first recording stores the office's calendar snapshot; from then on it is read
    ok(cli(*args))
    code = f"""
import sys
from govinfo_cli.cli import app
try:
    app(args={args!r}, prog_name="govinfo")
except SystemExit as exc:
    assert not exc.code, exc.code
print("LOADED=" + ",".join(sorted({{m.split('.')[0] for m in sys.modules}} & {{"rich", "alembic", "holidays"}})))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert "已登记 2026-11-20 收到申请：" in out
    assert out.split("LOADED=", 1)[1].strip() == ""


def test_a_warning_shows_brackets_as_typed(capsys) -> None:
    from govinfo_cli.cli import render

    render.warn("申请人 [bold]张伟[/] 的申请")
    assert capsys.readouterr().err == "注意：申请人 [bold]张伟[/] 的申请\n"


def test_a_recording_line_wraps_at_the_terminal_width_and_keeps_a_date_whole(capsys, monkeypatch) -> None:
    from govinfo_cli.cli import render

    monkeypatch.setenv("COLUMNS", "24")
    render.say("  答复期限：2026-12-18（剩 20 个工作日；条例第33条）")
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 1 and all(render.text_width(x) <= 24 for x in lines)
    assert any("2026-12-18" in x for x in lines)
