"""A record only for what happened (issue 24.4): a letter's record commits with its file or
not at all; `import events` takes only the documented event types and fields (the field
table of core/events.py is the one docs/contract.md documents), a `letter_issued` line only
for a letter its case calls for, with a number no other letter has; the history flags
(`id_unchecked`, `historic`) only with a reason that `show` and `audit` list."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govinfo_cli.core.events import FIELDS
from govinfo_cli.core.personal import id_check_digit
from tests.builders import add_request
from tests.conftest import dump, new_db, ok

ROOT = Path(__file__).resolve().parents[1]
GOOD_ID = "11010119900307451" + id_check_digit("11010119900307451")
BAD_ID = GOOD_ID[:17] + ("0" if GOOD_ID[17] != "0" else "1")


@pytest.fixture
def office(cli):  # noqa: ANN001, ANN201
    from govinfo_cli.app.demo import DEMO_SETTINGS

    for key, value in DEMO_SETTINGS.items():
        ok(cli("config", "set", key, value))
    add_request(cli, "R-1", "2026-11-02", subject="定点医药机构名单")
    add_request(cli, "R-2", "2026-11-03", subject="医保基金支出")
    return cli


def numbers(cli, case: str) -> dict[str, str | None]:  # noqa: ANN001
    return {x["letter"]: x["number"] for x in ok(cli("letter", case, "--list", "--json")).json()["letters"]}


# --------------------------------------------------------------------------
# Letters: the record commits with the file
# --------------------------------------------------------------------------


def _read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory no file can be created in: without write permission, or (as root, whom
    permissions do not stop) one whose temporary files the system refuses."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):
        import tempfile

        real = tempfile.mkstemp

        def refuse(*args, **kw):  # noqa: ANN002, ANN003, ANN202
            if Path(kw.get("dir") or "") == folder:
                raise PermissionError(errno.EACCES, "Permission denied")
            return real(*args, **kw)

        monkeypatch.setattr("govinfo_cli.app.files.tempfile.mkstemp", refuse)
    return folder / "回执.docx"


def _rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The last step, the rename of the written file into place, fails (a read-only remount)."""

    def refuse(src, dst):  # noqa: ANN001, ANN202
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("govinfo_cli.app.files.os.replace", refuse)
    return tmp_path / "回执.docx"


TARGETS = {
    "a full disk": lambda tmp, mp: Path("/dev/full"),
    "a directory that does not exist": lambda tmp, mp: tmp / "没有的目录" / "回执.docx",
    "a read-only directory": _read_only,
    "the final rename": _rename_fails,
}


@pytest.mark.parametrize("where", list(TARGETS))
def test_a_letter_that_cannot_be_written_leaves_no_record_and_takes_no_number(
    office, tmp_path, monkeypatch, where
) -> None:
    before = dump()
    with monkeypatch.context() as patched:
        target = TARGETS[where](tmp_path, patched)
        if str(target) == "/dev/full" and not target.exists():
            pytest.skip("no /dev/full here")
        r = office("letter", "R-1", "receipt", "--out", str(target))
    assert r.exit_code == 1 and r.stderr.startswith(f"错误：无法写入 {target}"), r.stderr
    assert dump() == before  # no letter_issued event, the series' counter untouched
    assert numbers(office, "R-1")["receipt"] is None
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".docx", ".part")]
    assert leftovers == []  # neither the letter nor its temporary file
    out = tmp_path / "回执.docx"
    ok(office("letter", "R-1", "receipt", "--out", str(out)))
    assert out.is_file()
    assert numbers(office, "R-1")["receipt"] == "昌医保依申告〔2026〕1号"  # the number the failure did not take


def test_a_letter_shown_on_a_full_standard_output_leaves_no_record(office) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    before = dump()
    with open("/dev/full", "w") as full:
        r = subprocess.run(
            [sys.executable, "-m", "govinfo_cli", "letter", "R-1", "receipt"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=dict(os.environ),
            check=False,
        )
    assert r.returncode == 1 and "磁盘已满" in r.stderr, r.stderr
    assert dump() == before


def test_a_written_letter_has_its_record_and_a_reprint_adds_none(office, tmp_path) -> None:
    out = tmp_path / "回执.docx"
    r = ok(office("letter", "R-1", "receipt", "--out", str(out)))
    assert "已记入" in r.stderr and out.is_file()
    once = dump()
    r = ok(office("letter", "R-1", "receipt", "--out", str(out)))
    assert "沿用原文号" in r.stderr and dump() == once


def test_when_the_record_does_not_commit_the_written_letter_is_taken_back(office, tmp_path, monkeypatch) -> None:
    from govinfo_cli.store import db

    real = db.run_write

    def then_fail(engine, work):  # noqa: ANN001, ANN202
        def failing(conn):  # noqa: ANN001, ANN202
            work(conn)  # the letter is written inside the transaction ...
            raise db.StorageError("数据库错误：磁盘已满")  # ... which then fails to commit

        return real(engine, failing)

    monkeypatch.setattr(db, "run_write", then_fail)
    out = tmp_path / "回执.docx"
    before = dump()
    r = office("letter", "R-1", "receipt", "--out", str(out))
    assert r.exit_code == 1 and not out.exists()
    assert dump() == before


# --------------------------------------------------------------------------
# import events: letter_issued lines
# --------------------------------------------------------------------------


def _import(cli, tmp_path: Path, *lines: dict, name: str = "in.jsonl", db: str | None = None):  # noqa: ANN001, ANN202
    src = tmp_path / name
    src.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
    return cli(*(["--db", db] if db else []), "import", "events", str(src))


def letter_line(case: str, number: str, source: int = 1, letter: str = "receipt", **extra: object) -> dict:
    line = {"case": case, "kind": "request", "type": "letter_issued", "date": "2026-11-20"}
    return line | {"letter": letter, "number": number, "source": source} | extra


def test_a_letter_line_with_a_number_another_letter_has_is_refused(office, tmp_path) -> None:
    ok(office("letter", "R-1", "receipt", "--out", str(tmp_path / "a.docx")))
    before = dump()
    r = _import(office, tmp_path, letter_line("R-2", "昌医保依申告〔2026〕1号"))
    assert r.exit_code == 1
    assert "line 1: 字段 number: 文号 昌医保依申告〔2026〕1号 已给了数据库中的另一份文书" in r.stderr
    r = _import(office, tmp_path, letter_line("R-2", "X-9"), received_line("Q-1"), letter_line("Q-1", "X-9"))
    assert r.exit_code == 1 and "line 3: 字段 number: 文号 X-9 已在第 1 行给了另一份文书" in r.stderr
    assert dump() == before


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (letter_line("R-2", "X-1", source=9), "字段 source: 该案件没有需要政府信息公开申请登记回执的第 9 号事件"),
        (letter_line("R-2", "X-1", letter="reply"), "字段 source: 该案件没有需要政府信息公开申请答复书的第 1 号事件"),
        (letter_line("R-2", "X-1", letter="acceptance"), "字段 letter: 依申请公开案件没有文书 'acceptance'"),
        (letter_line("R-2", "X-1", to="某公司"), "字段 to: 第 1 号事件的政府信息公开申请登记回执对象是"),
        (letter_line("R-2", "X-1") | {"copies": 2}, "事件 letter_issued 没有字段 'copies'"),
    ],
)
def test_a_letter_line_must_report_an_event_of_its_case_that_calls_for_it(office, tmp_path, line, says) -> None:
    before = dump()
    r = _import(office, tmp_path, line)
    assert r.exit_code == 1 and f"line 1: {says}" in r.stderr, r.stderr
    assert dump() == before


def test_a_second_number_for_a_letter_already_issued_is_refused(office, tmp_path) -> None:
    ok(office("letter", "R-1", "receipt", "--out", str(tmp_path / "a.docx")))
    r = _import(office, tmp_path, letter_line("R-1", "X-2"))
    assert r.exit_code == 1 and "已出具（文号 昌医保依申告〔2026〕1号），不能再记一个文号" in r.stderr


def test_letters_travel_with_export_events_and_come_back_once(office, tmp_path) -> None:
    ok(office("letter", "R-1", "receipt", "--out", str(tmp_path / "a.docx")))
    ok(office("letter", "R-2", "receipt", "--out", str(tmp_path / "b.docx")))
    exported = tmp_path / "all.jsonl"
    ok(office("export", "events", "--reveal", "--out", str(exported)))
    assert '"type": "letter_issued"' in exported.read_text(encoding="utf-8")
    other = new_db(tmp_path / "other.db")
    ok(office("--db", other, "import", "events", str(exported)))
    assert numbers(office, "R-2") == numbers(office, "R-2") | {"receipt": "昌医保依申告〔2026〕2号"}
    got = ok(office("--db", other, "letter", "R-2", "--list", "--json")).json()["letters"]
    assert {x["letter"]: x["number"] for x in got}["receipt"] == "昌医保依申告〔2026〕2号"
    r = ok(office("import", "events", str(exported)))  # the same database: nothing new
    assert "新增事件 0 条" in r.stderr


# --------------------------------------------------------------------------
# History flags: only with a reason, which show and audit list
# --------------------------------------------------------------------------


def received_line(case: str, **extra: object) -> dict:
    line = {"case": case, "kind": "request", "type": "received", "date": "2026-11-02", "channel": "online"}
    return line | {"applicant": "张伟", "applicant_type": "natural_person", "subject": "x"} | extra


@pytest.mark.parametrize(
    "lines",
    [
        [received_line("Q-1", id_number=BAD_ID, id_unchecked=True)],
        [received_line("Q-1", id_number=BAD_ID, id_unchecked="")],
        [
            received_line("Q-1"),
            {"case": "Q-1", "kind": "request", "type": "replied", "date": "2026-11-03"}
            | {"outcome": "withheld:third_party", "historic": True},
        ],
    ],
)
def test_a_history_flag_without_a_reason_is_refused(cli, tmp_path, lines) -> None:
    before = dump()
    r = _import(cli, tmp_path, *lines)
    assert r.exit_code == 1 and dump() == before
    assert re.search(
        r"line \d: (字段 (id_unchecked|historic): 应写明理由|居民身份证号码校验位错误|证件号码校验位错误)", r.stderr
    ), r.stderr


def test_a_history_flag_with_a_reason_is_accepted_and_listed_by_show_and_audit(cli, tmp_path) -> None:
    ok(
        _import(
            cli,
            tmp_path,
            received_line("Q-1", id_number=BAD_ID, id_unchecked="身份证原件核对无误（老证号码）"),
            received_line("Q-2"),
            {"case": "Q-2", "kind": "request", "type": "replied", "date": "2026-11-03"}
            | {"outcome": "withheld:third_party", "historic": "2019年纸质台账补录"},
        )
    )
    assert "证件号码未校验：身份证原件核对无误（老证号码）" in ok(cli("show", "Q-1")).stdout
    trail = ok(cli("audit", "--json")).json()
    details = " ".join(x["detail"] for x in trail)
    assert "证件号码未校验：身份证原件核对无误（老证号码）" in details
    assert "历史记录：2019年纸质台账补录" in details


def test_force_id_takes_a_reason_which_the_audit_lists(cli) -> None:
    args = ["--applicant", "张伟", "--type", "自然人", "--subject", "x", "--id-number", BAD_ID]
    r = cli("request", "add", "--case", "R-3", "--received", "2026-11-02", "--channel", "online", *args)
    assert r.exit_code == 1 and "--force-id 理由" in r.stderr
    ok(cli("request", "add", "--case", "R-3", "--received", "2026-11-02", "--channel", "online", *args,
           "--force-id", "外籍人员证件，另行核对"))  # fmt: skip
    assert ok(cli("show", "R-3", "--json")).json()["events"][0]["id_unchecked"] == "外籍人员证件，另行核对"
    assert "证件号码未校验：外籍人员证件，另行核对" in ok(cli("audit", "--case", "R-3")).stdout
    add_request(cli, "R-4", "2026-11-02", id_number=GOOD_ID)
    r = cli("amend", "R-4", "1", "--id-number", BAD_ID, "--reason", "录错")
    assert r.exit_code == 1 and "--force-id 理由" in r.stderr
    ok(cli("amend", "R-4", "1", "--id-number", BAD_ID, "--force-id", "港澳居民来往内地通行证", "--reason", "录错"))
    assert "证件号码未校验：港澳居民来往内地通行证" in ok(cli("audit", "--case", "R-4")).stdout


def test_an_old_history_flag_stored_as_true_exports_with_its_reason_and_round_trips(cli, tmp_path) -> None:
    """Before issue 24 the flags were stored as true: such events still travel, written with
    the reason they stood for, and re-importing them into their own database adds nothing."""
    from govinfo_cli.app.context import Context
    from govinfo_cli.store import cases, db

    ctx = Context()

    def old(conn):  # noqa: ANN001, ANN202 - what govinfo wrote before: appended as such
        import datetime as dt

        case_id = cases.insert_case(conn, "request", "OLD-1", ctx.now())
        received = received_line("OLD-1", id_number=BAD_ID, id_unchecked=True)
        payload = {k: v for k, v in received.items() if k not in ("case", "kind", "type", "date")}
        cases.append_event(conn, case_id, 1, "received", dt.date(2026, 11, 2), payload, operator="old", now=ctx.now())
        reply = {"outcome": "withheld:third_party", "historic": True}
        cases.append_event(conn, case_id, 2, "replied", dt.date(2026, 11, 3), reply, operator="old", now=ctx.now())

    db.run_write(ctx.engine, old)
    exported = tmp_path / "old.jsonl"
    ok(cli("export", "events", "--reveal", "--out", str(exported)))
    lines = [json.loads(x) for x in exported.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["id_unchecked"] == "以 --force-id 登记（当时不要求写理由）"
    assert lines[1]["historic"] == "登记簿导入"
    assert "新增事件 0 条" in ok(cli("import", "events", str(exported))).stderr
    other = new_db(tmp_path / "other.db")
    ok(cli("--db", other, "import", "events", str(exported)))
    assert ok(cli("--db", other, "show", "OLD-1", "--json")).json()["outcome"] == "withheld:third_party"


def test_a_line_carries_its_own_unlock_reason_which_export_writes_and_import_takes(cli, tmp_path) -> None:
    """An event recorded in a locked year keeps its reason in the log; export writes it and
    import takes it (as --unlock-reason), into a database with the year locked or not."""
    add_request(cli, "R-1", "2025-12-01")  # a request of 2025, before the lock
    ok(cli("report", "lock", "2025"))
    ok(cli("request", "reply", "R-1", "--outcome", "disclosed", "--date", "2025-12-10", "--unlock-reason", "补录"))
    exported = tmp_path / "e.jsonl"
    ok(cli("export", "events", "--reveal", "--out", str(exported)))
    assert '"unlock_reason": "补录"' in exported.read_text(encoding="utf-8")
    other = new_db(tmp_path / "other.db")
    ok(cli("--db", other, "import", "events", str(exported)))
    assert "补录" in ok(cli("--db", other, "audit", "--case", "R-1")).stdout
    assert "新增事件 0 条" in ok(cli("import", "events", str(exported))).stderr
    locked = new_db(tmp_path / "locked.db")
    ok(cli("--db", locked, "report", "lock", "2025"))
    r = cli("--db", locked, "import", "events", str(exported))
    assert r.exit_code == 1 and "2025 年度已锁定" in r.stderr  # the received line has no reason of its own
    ok(cli("--db", locked, "import", "events", str(exported), "--unlock-reason", "迁移"))


# --------------------------------------------------------------------------
# The field table is the documented one
# --------------------------------------------------------------------------


def _contract_sections() -> list[tuple[str, str]]:
    text = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    body = text[text.index("## Event lines") : text.index("## Registers")]
    parts = body.split("\n### ")[1:]
    return [(p.splitlines()[0], p) for p in parts]


def _entries(kind: str, type_: str) -> list[str]:
    """The paragraphs and table rows of docs/contract.md that document ``type_`` for ``kind``:
    in the section named after the kind (or the type), or the one for any kind."""
    out = []
    for head, text in _contract_sections():
        if f"`{kind}`" in head or f"`{type_}`" in head or head.startswith("Any kind"):
            out += [x for x in re.split(r"\n\s*\n|\n(?=\|)", text) if f"`{type_}`" in x]
    return out


def test_every_event_type_and_field_import_events_takes_is_documented_in_the_contract() -> None:
    from govinfo_cli.core.events import ENTERED_LATE

    # a field any event may carry is documented once, in prose, not in each type's row
    text = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    assert f"`{ENTERED_LATE}`" in text[text.index("## Event lines") : text.index("## Registers")]
    undocumented = []
    for (kind, type_), spec in FIELDS.items():
        entries = _entries(kind, type_)
        if not entries:
            undocumented.append(f"{kind} {type_}")
        undocumented += [
            f"{kind} {type_}.{name}"
            for name in spec
            if name != ENTERED_LATE and entries and not any(f"`{name}`" in e for e in entries)
        ]
    assert undocumented == []


def test_every_event_type_the_contract_documents_is_in_the_field_table() -> None:
    types = {t for (_, t) in FIELDS}
    documented = set()
    for _head, text in _contract_sections():
        for row in re.findall(r"^\| (`[a-z_]+`(?: / `[a-z_]+`)*) \|", text, flags=re.M):
            documented |= set(re.findall(r"`([a-z_]+)`", row))
    fields_of_any_table = {"id_unchecked", "historic", "unlock_reason"}  # the table of reasons names fields
    assert documented - types - fields_of_any_table == set()
    assert {"letter_issued", "amended", "voided", "received", "replied"} <= documented
