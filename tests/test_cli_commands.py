"""The shape of the command line itself: every command that appends an event to a case takes
the case, ``--date`` and ``--unlock-reason`` (checked on the built Typer app, so a new
command declared without them fails here), and the steps a locked year blocks can all be
recorded with a reason."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer

from govinfo_cli.cli import COMMANDS, app
from tests.builders import add_request
from tests.conftest import dump, ok

CASE_GROUPS = ("request", "complaint", "appeal", "disclosure", "opinion", "correction")
# the case kind each group records (the group is named for the clerk, the kind by RULES.md)
GROUP_KIND = {"correction": "record_correction"}
# The commands of those groups that record nothing; every other one appends an event.
READ_ONLY = {
    "request list",
    "request fee-quote",
    "complaint list",
    "appeal list",
    "disclosure list",
    "disclosure catalogue import",
    "disclosure catalogue list",
    "opinion list",
    "correction list",
}
NO_CASE = {"disclosure duty-done"}  # names its yearly duty instead of a case


def _leaves() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    out = []

    def walk(cmd: Any, path: str) -> None:
        if hasattr(cmd, "list_commands"):
            for name in cmd.list_commands(None):  # type: ignore[arg-type]
                walk(cmd.get_command(None, name), f"{path} {name}")  # type: ignore[arg-type]
        else:
            out.append((path, cmd))

    for group in CASE_GROUPS:
        walk(root.get_command(None, group), group)  # type: ignore[arg-type]
    return out


def _recording() -> list[tuple[str, Any]]:
    return [(path, cmd) for path, cmd in _leaves() if path not in READ_ONLY]


def _opts(cmd: Any) -> set[str]:
    return {o for p in cmd.params for o in p.opts if o.startswith("-")}


def test_the_read_only_list_names_only_existing_commands() -> None:
    paths = {path for path, _ in _leaves()}
    assert READ_ONLY <= paths and NO_CASE <= paths
    assert len(_recording()) >= 35  # the five kinds' recording commands are all found


@pytest.mark.parametrize("path,cmd", _recording(), ids=[p for p, _ in _recording()])
def test_every_event_recording_command_takes_the_case_a_date_and_an_unlock_reason(path: str, cmd: Any) -> None:
    opts = _opts(cmd)
    assert "--date" in opts, f"{path}: no --date"
    assert "--unlock-reason" in opts, f"{path}: no --unlock-reason"
    assert "--entered-late" in opts, f"{path}: no --entered-late"  # 补录 (docs/rules.md §14)
    if path not in NO_CASE:
        names = {p.name for p in cmd.params}
        assert "case" in names, f"{path}: no case argument or --case"
    # declared through the one factory (cli.record.event_commands), not by hand
    group = path.split()[0]
    assert getattr(cmd.callback, "records_event", None) == GROUP_KIND.get(group, group), path
    assert cmd.help and cmd.help.strip(), path


@pytest.mark.parametrize("name", ["amend", "void"])
def test_amend_and_void_take_the_case_a_date_and_an_unlock_reason_through_the_factory(name: str) -> None:
    cmd = typer.main.get_command(app).get_command(None, name)  # type: ignore[arg-type]
    assert {"--date", "--unlock-reason", "--entered-late", "--kind"} <= _opts(cmd)
    assert "case" in {p.name for p in cmd.params}
    assert getattr(cmd.callback, "records_event", "missing") is None  # any kind, found from the case


def test_an_event_command_may_not_declare_the_shared_parameters_itself() -> None:
    from govinfo_cli.cli.record import Event, event_commands

    event = event_commands(typer.Typer(), "request")
    with pytest.raises(TypeError, match="unlock_reason"):

        @event()
        def bad(ev: Event, unlock_reason: str | None = None) -> None:
            """x"""


def test_every_case_group_is_in_the_root_table() -> None:
    assert set(CASE_GROUPS) <= set(COMMANDS)


def _xinjiang_request_in_2025(cli) -> None:  # noqa: ANN001
    ok(cli("config", "set", "profile", "xinjiang"))
    ok(
        cli(
            "request",
            "add",
            "--case",
            "X-1",
            "--date",  # --received by its shared name
            "2025-12-01",
            "--channel",
            "online",
            "--applicant",
            "张伟",
            "--type",
            "自然人",
            "--subject",
            "x",
        )
    )
    assert cli("show", "X-1", "--json").json()["events"][0]["date"] == "2025-12-01"
    ok(cli("report", "lock", "2025"))


XINJIANG_STEPS = [
    ("transfer", "--department", "基金监管股", "--date", "2025-12-02"),
    ("decline", "--reason", "属待遇保障股职责", "--date", "2025-12-03"),
    ("transfer", "--department", "待遇保障股", "--date", "2025-12-04"),
    ("extend-draft", "--days", "5", "--reason", "需调取档案", "--date", "2025-12-05"),
    ("draft", "--date", "2025-12-08"),
    ("approve", "--date", "2025-12-09"),
]


def test_division_steps_in_a_locked_year_are_refused_without_a_reason_and_recorded_with_one(cli) -> None:
    _xinjiang_request_in_2025(cli)
    for command, *rest in XINJIANG_STEPS:
        before = dump()
        r = cli("request", command, "X-1", *rest)
        assert r.exit_code == 1 and "2025 年度已锁定" in r.stderr and "--unlock-reason" in r.stderr, command
        assert dump() == before, command
        ok(cli("request", command, "X-1", *rest, "--unlock-reason", f"补录{command}"))
    events = cli("show", "X-1", "--json").json()["events"]
    assert [e["type"] for e in events] == [
        "received",
        "transferred",
        "transfer_declined",
        "transferred",
        "draft_extended",
        "draft_submitted",
        "approved",
    ]
    assert [e.get("unlock_reason") for e in events[1:]] == [f"补录{c}" for c, *_ in XINJIANG_STEPS]


def test_division_steps_in_an_open_year_need_no_reason_and_record_none(cli) -> None:
    _xinjiang_request_in_2025(cli)
    ok(cli("request", "transfer", "X-1", "--department", "基金监管股", "--date", "2026-01-05"))
    ok(cli("request", "draft", "X-1", "--date", "2026-01-06"))
    ok(cli("request", "approve", "X-1", "--date", "2026-01-07"))
    events = cli("show", "X-1", "--json").json()["events"]
    assert all("unlock_reason" not in e for e in events[1:])


def test_an_opinion_time_may_be_given_as_date(cli) -> None:
    ok(cli("opinion", "detect", "--date", "2026-11-20 09:00", "--summary", "x", "--case", "O-1"))
    ok(cli("opinion", "responded", "O-1", "--date", "2026-11-20 10:00"))
    events = cli("show", "O-1", "--json").json()["events"]
    assert [e.get("at") for e in events] == ["2026-11-20T09:00", "2026-11-20T10:00"]
    r = cli("opinion", "released", "O-1")
    assert r.exit_code == 2 and "缺少必填选项 --at" in r.stderr


# --------------------------------------------------------------------------
# The output option set (cli/output.py)
# --------------------------------------------------------------------------

# Every command that prints a table, a register or a report, with its default format.
OUTPUT_COMMANDS = {
    "due": "table",
    "request list": "table",
    "complaint list": "table",
    "appeal list": "table",
    "disclosure list": "table",
    "opinion list": "table",
    "disclosure catalogue list": "table",
    "report annual": "table",
    "report timeliness": "table",
    "report locks": "table",
    "config list": "table",
    "export requests": "csv",
    "export complaints": "csv",
    "export appeals": "csv",
    "export disclosures": "csv",
}


def _command(path: str) -> Any:
    cmd = typer.main.get_command(app)
    for name in path.split():
        cmd = cmd.get_command(None, name)  # type: ignore[arg-type]
    return cmd


@pytest.mark.parametrize("path", sorted(OUTPUT_COMMANDS))
def test_every_table_command_takes_the_shared_output_options(path: str) -> None:
    cmd = _command(path)
    opts = _opts(cmd)
    formats = cmd.callback.output_formats
    assert cmd.callback.output_default == OUTPUT_COMMANDS[path] and OUTPUT_COMMANDS[path] in formats
    assert {"--format", "--out"} <= opts, path
    assert ("--json" in opts) == ("json" in formats) and ("--csv" in opts) == ("csv" in formats), path
    assert ("--encoding" in opts) == ("csv" in formats), path
    helps = {p.opts[0]: p.help for p in cmd.params if p.opts[0] in ("--out", "--json", "--csv")}
    assert helps == {
        k: _command("due").params[[p.opts[0] for p in _command("due").params].index(k)].help for k in helps
    }
    # --format's help names exactly the formats this command writes (25.4: no csv/table it cannot write)
    (format_help,) = [p.help for p in cmd.params if p.opts[0] == "--format"]
    named = set(re.findall(r"\b(table|json|csv|xlsx|md|docx)\b", format_help))
    assert named == set(formats), (path, format_help)


@pytest.mark.parametrize(
    "args,first",
    [
        (("due", "--json", "--csv"), "--json 与 --csv 互相矛盾"),
        (("due", "--format", "json", "--csv"), "--format json 与 --csv 互相矛盾"),
        (("due", "--format", "table", "--json"), "--format table 与 --json 互相矛盾"),
        (("request", "list", "--csv", "--json"), "--json 与 --csv 互相矛盾"),
        (("report", "annual", "2025", "--format", "csv", "--json"), "--format csv 与 --json 互相矛盾"),
        (("export", "requests", "--format", "xlsx", "--csv"), "--format xlsx 与 --csv 互相矛盾"),
        (("due", "--format", "pdf"), "--format 可选：table / json / csv / xlsx / md"),
        (("due", "--format", "xlsx"), "xlsx 格式须用 --out 指定文件"),
        (("due", "--csv", "--encoding", "latin-1"), "--encoding 可选"),
    ],
)
def test_contradicting_output_options_are_one_chinese_line_and_exit_2(cli, args, first) -> None:  # noqa: ANN001
    before = dump()
    r = cli(*args)
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.startswith("错误：") and first in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert dump() == before


def test_the_same_format_named_twice_is_not_a_contradiction(cli) -> None:
    assert ok(cli("due", "--format", "json", "--json")).json() == ok(cli("due", "--json")).json()
    assert ok(cli("due", "--format", "CSV", "--csv")).stdout == ok(cli("due", "--csv")).stdout


def _office(cli) -> None:  # noqa: ANN001
    for n, day in (("Q-1", "2026-11-02"), ("Q-2", "2026-11-16")):
        add_request(cli, n, day, subject="药品目录", department="待遇保障科")


def test_out_writes_the_same_bytes_as_stdout_for_json(cli, tmp_path) -> None:
    _office(cli)
    path = tmp_path / "due.json"
    r = ok(cli("due", "--json", "--out", str(path)))
    assert r.stdout == "" and str(path) in r.stderr
    assert path.read_text("utf-8") == ok(cli("due", "--json")).stdout


def test_a_csv_file_gets_a_bom_by_default_and_gb18030_on_request(cli, tmp_path) -> None:
    _office(cli)
    piped = ok(cli("request", "list", "--csv")).stdout
    assert not piped.startswith("\ufeff")  # stdout keeps this command's encoding
    bom, gb = tmp_path / "a.csv", tmp_path / "b.csv"
    ok(cli("request", "list", "--csv", "--out", str(bom)))
    ok(cli("request", "list", "--format", "csv", "--encoding", "gb18030", "--out", str(gb)))
    assert bom.read_bytes().startswith(b"\xef\xbb\xbf")
    as_bom, as_gb = bom.read_bytes().decode("utf-8-sig"), gb.read_bytes().decode("gb18030")
    assert as_bom == as_gb and as_bom.replace("\r\n", "\n") == piped  # the test runner reads \r\n as \n
    assert "待遇保障科" in piped


def test_markdown_and_xlsx_carry_the_csv_rows(cli, tmp_path) -> None:
    from openpyxl import load_workbook

    _office(cli)
    md = ok(cli("due", "--format", "md")).stdout
    assert md.splitlines()[2].startswith("| 编号 | 类别 | 期限 |")  # in Chinese, as the CSV
    assert "| Q-1 | 依申请公开 | 答复期限 |" in md
    path = tmp_path / "due.xlsx"
    ok(cli("due", "--format", "xlsx", "--out", str(path)))
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "类别", "期限") and {r[0] for r in rows[1:]} >= {"Q-1", "Q-2"}


def test_a_table_written_to_a_file_is_markdown_and_nothing_reaches_stdout(cli, tmp_path) -> None:
    _office(cli)
    path = tmp_path / "list.md"
    r = ok(cli("request", "list", "--out", str(path)))
    assert r.stdout == ""
    text = path.read_text("utf-8")
    assert text.startswith("# 依申请公开（2 件）") and "| Q-2 |" in text


def test_registers_accept_the_json_alias_and_keep_their_json_shape(cli) -> None:
    _office(cli)
    assert ok(cli("export", "requests", "--json")).stdout == ok(cli("export", "requests", "--format", "json")).stdout
    assert [r["case"] for r in ok(cli("export", "requests", "--json")).json()] == ["Q-1", "Q-2"]


# --------------------------------------------------------------------------
# Colour: one style map (cli/render.py STYLE)
# --------------------------------------------------------------------------

_COLOUR = r"(?:bold |dim |italic )?(?:red|yellow|green|cyan|magenta|blue|white|black)|bold|dim|italic"


def test_every_colour_is_looked_up_in_the_one_style_map() -> None:
    import re
    from pathlib import Path

    import govinfo_cli

    package = Path(govinfo_cli.__file__).parent
    markup = re.compile(rf"\[/?(?:{_COLOUR})\]")
    literal = re.compile(rf"[\"'](?:{_COLOUR})[\"']")
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "render.py" and path.parent.name == "cli":
            continue  # the map itself
        for n, text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if markup.search(text) or literal.search(text):
                found.append(f"{path.relative_to(package)}:{n}: {text.strip()}")
    assert found == []


def test_styled_markup_uses_the_maps_colour() -> None:
    from govinfo_cli.cli import render

    assert render.styled("逾期", "overdue") == f"[{render.STYLE['overdue']}]逾期[/]"
    with pytest.raises(KeyError):
        render.styled("x", "no-such-meaning")
