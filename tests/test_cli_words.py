"""The words of the Chinese interface (issue 25, item 4): the channel words clerks use, event
types by their Chinese term in `audit`, `db check`'s words, and a library's own error text
only in parentheses after its Chinese meaning."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from tests.conftest import ok

REQUEST = ("--applicant", "张伟", "--type", "自然人", "--subject", "医保目录")


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("网上", "online"),
        ("网络", "online"),
        ("在线", "online"),
        ("当面", "in_person"),
        ("现场", "in_person"),
        ("邮件", "email"),
        ("电子邮箱", "email"),
        ("信件", "letter"),
        ("平信", "letter"),
        ("互联网", "online"),  # the label
        ("in_person", "in_person"),  # the code
    ],
)
def test_a_channel_word_clerks_use_is_recorded_as_its_code(cli, word, code) -> None:
    ok(cli("request", "add", "--case", "R-1", "--channel", word, *REQUEST))
    shown = ok(cli("show", "R-1", "--json")).json()
    assert shown["events"][0]["channel"] == code


def test_a_refused_channel_word_lists_every_accepted_one(cli) -> None:
    r = cli("request", "add", "--case", "R-1", "--channel", "微信", *REQUEST)
    assert r.exit_code == 1 and r.stderr.count("\n") == 1
    for said in ("当面提交(in_person；当面、现场)", "互联网(online；网上、网络、在线)", "平常信函(letter；信件、平信)"):
        assert said in r.stderr
    assert ok(cli("request", "list", "--json")).json() == []


def test_a_channel_word_is_accepted_in_an_event_line(cli, tmp_path) -> None:
    line = '{"case": "R-9", "kind": "request", "type": "received", "date": "2026-11-20", "channel": "网上",'
    line += ' "applicant": "张伟", "applicant_type": "自然人", "subject": "x"}\n'
    (tmp_path / "e.jsonl").write_text(line, encoding="utf-8")
    ok(cli("import", "events", str(tmp_path / "e.jsonl")))
    assert ok(cli("show", "R-9", "--json")).json()["events"][0]["channel"] == "online"


def test_audit_lines_name_events_by_their_chinese_term_and_the_json_keeps_the_code(cli) -> None:
    ok(cli("request", "add", "--case", "R-1", "--channel", "网上", *REQUEST))
    screen = ok(cli("audit")).stdout
    assert "收到申请" in screen and "received" not in screen
    (entry,) = ok(cli("audit", "--json")).json()
    assert entry["event_type"] == "received" and "收到申请" in entry["detail"] and "received" not in entry["detail"]


def test_db_check_speaks_chinese_on_screen_and_keeps_the_values_in_json(cli, backend) -> None:
    ok(cli("request", "add", "--case", "R-1", "--channel", "网上", *REQUEST))
    screen = ok(cli("db", "check")).stdout
    assert "记录数：案件 1  事件 1" in screen and "依申请公开 1" in screen
    for english in (" ok", " wal", "cases", "events", "deadlines", "0o", "request 1"):
        assert english not in screen, english
    info = ok(cli("db", "check", "--json")).json()
    assert info["integrity"] == "ok" and set(info["counts"]) == {"cases", "events", "deadlines", "audit", "year_locks"}
    if backend == "sqlite":
        assert "完整性 正常" in screen and "预写式日志（WAL）" in screen and "0600（仅本人可读写）" in screen


def test_a_database_error_is_its_chinese_meaning_with_the_drivers_text_in_parentheses(tmp_path) -> None:
    from govinfo_cli.store import dberrors

    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(junk).execute("SELECT 1 FROM sqlite_master")
    assert dberrors.explain(caught.value) == "不是数据库文件（file is not a database）"

    class PgError(Exception):  # what psycopg raises: the SQLSTATE is a field
        sqlstate = "25006"

    assert dberrors.explain(PgError("cannot execute INSERT in a read-only transaction")).startswith(
        "数据库只读（只读连接或只读副本）（cannot execute INSERT"
    )
    PgError.sqlstate = "08006"  # a class the table names by its first two characters
    assert dberrors.meaning(PgError("x")) == "无法连接数据库服务器"


def test_a_junk_database_file_is_refused_with_a_chinese_meaning(cli, tmp_path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_text("不是数据库" * 100)
    r = cli("--db", str(junk), "due")
    assert r.exit_code == 1 and "不是 SQLite 数据库（file is not a database）" in r.stderr


def test_an_os_error_without_a_chinese_word_still_says_what_it_is() -> None:
    from govinfo_cli.app.files import why

    assert why(OSError(errno.ENOSPC, "No space left on device")) == "磁盘已满（No space left on device）"
    assert why(OSError(errno.ETXTBSY, "Text file busy")) == "系统错误（Text file busy）"
