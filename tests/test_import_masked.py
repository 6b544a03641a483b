"""`govinfo import events` fed an export made without --reveal: the masked personal fields
(ID number, phone, complaint reporter) are refused with one clear line each, instead of
check-digit errors or, worse, a masked phone number stored as if it were one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govinfo_cli.core.personal import id_check_digit
from tests.builders import add_request
from tests.conftest import new_db, ok

ID = "11010119900307451" + id_check_digit("11010119900307451")
PHONE = "13912345678"


def hint(n: int, name: str) -> str:
    return (
        f"line {n}: 字段 {name} 是遮蔽后的值（导出时未加 --reveal），不能导入；"
        "请用 govinfo export events --reveal 重新导出"
    )


def _office(cli, home):  # noqa: ANN001
    add_request(cli, "R-1", "2026-11-02", subject="x", id_number=ID, contact=PHONE)
    add_request(cli, "R-2", "2026-11-03", applicant="李娜", subject="y", contact=PHONE)
    ok(cli("request", "extend", "R-1", "--days", "5", "--reason", "需调取档案"))
    ok(
        cli(
            "complaint",
            "accept",
            "--case",
            "C-1",
            "--respondent",
            "某药店",
            "--summary",
            "z",
            "--reporter",
            "王芳",
            "--date",
            "2026-11-04",
        )
    )


@pytest.fixture
def office(seeded):  # noqa: ANN001, ANN201
    return seeded(_office)


def test_a_masked_export_is_refused_with_one_clear_line_per_masked_line(office, tmp_path) -> None:
    exported = ok(office("export", "events")).stdout
    lines = [json.loads(x) for x in exported.splitlines()]
    n = {(x["case"], x["type"]): i for i, x in enumerate(lines, start=1)}
    assert lines[n["R-1", "received"] - 1]["id_number"].startswith("110***********")
    assert lines[n["C-1", "complaint_accepted"] - 1]["reporter"] == "（保密）"  # the masking we reject
    src = tmp_path / "masked.jsonl"
    src.write_text(exported, encoding="utf-8")
    other = new_db(tmp_path / "other.db")
    r = office("--db", other, "import", "events", str(src))
    assert r.exit_code == 1
    problems = [x for x in r.stderr.splitlines() if x.startswith("line ")]
    assert problems == sorted(
        [
            hint(n["R-1", "received"], "id_number"),
            hint(n["R-2", "received"], "contact"),
            hint(n["C-1", "complaint_accepted"], "reporter"),
        ],
        key=lambda x: int(x.split(":")[0].split()[1]),
    )
    assert "校验位" not in r.stderr and "18位" not in r.stderr
    assert ok(office("--db", other, "request", "list", "--json")).json() == []  # nothing written
    r = office("--db", other, "import", "events", "--dry-run", str(src))
    assert r.exit_code == 1 and hint(n["R-1", "received"], "id_number") in r.stderr


def test_a_masked_phone_alone_is_refused_not_stored(cli, tmp_path) -> None:
    line = {
        "case": "R-9",
        "kind": "request",
        "type": "received",
        "date": "2026-11-02",
        "channel": "online",
        "applicant": "张伟",
        "applicant_type": "natural_person",
        "subject": "x",
        "contact": "139****5678",
    }
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 1 and hint(1, "contact") in r.stderr
    assert cli("show", "R-9").exit_code == 1


def test_a_revealed_export_still_round_trips(office, tmp_path: Path) -> None:
    src = tmp_path / "all.jsonl"
    ok(office("export", "events", "--reveal", "--out", str(src)))
    other = new_db(tmp_path / "other.db")
    ok(office("--db", other, "import", "events", str(src)))
    again = ok(office("--db", other, "import", "events", str(src)))  # idempotent
    assert "新增事件 0 条" in again.stdout + again.stderr
    ok(office("import", "events", str(src)))  # back into the original: nothing new
    shown = ok(office("--db", other, "show", "R-1", "--json", "--reveal")).json()
    assert json.dumps(shown, ensure_ascii=False).count(ID) >= 1
