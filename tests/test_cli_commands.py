"""The shape of the command line itself: every command that appends an event to a case takes
the case, ``--date`` and ``--unlock-reason`` (checked on the built Typer app, so a new
command declared without them fails here), and the steps a locked year blocks can all be
recorded with a reason."""

from __future__ import annotations

from typing import Any

import pytest
import typer

from govinfo_cli.cli import COMMANDS, app
from tests.conftest import dump, ok

CASE_GROUPS = ("request", "complaint", "appeal", "disclosure", "opinion")
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
    if path not in NO_CASE:
        names = {p.name for p in cmd.params}
        assert "case" in names, f"{path}: no case argument or --case"
    # declared through the one factory (cli.record.event_commands), not by hand
    assert getattr(cmd.callback, "records_event", None) == path.split()[0], path
    assert cmd.help and cmd.help.strip(), path


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
