"""One way to name a case, everywhere (issue 25, item 3): every command that takes a case
number reads it as `show` does, through the one resolver in ``app.numbers``.

The commands are found by walking the command tree: every parameter named ``case`` or
``request``, or whose help speaks of a 编号. Each is run with every spelling of the table
below, in-process against one small database (``world``): a spelling must reach the case
`show` finds for it, or be refused with the line `show` refuses it with. A command that
records an event is stopped where it hands its case to ``app.record.record`` (the spy below
says which case it reached), so nothing is written and every run starts from the same state;
read-only commands run to the end. ``--case`` of a command that opens a case names a new
number (``app.numbers.new_number``): other rules, their own table at the end."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from govinfo_cli.core.errors import Refusal
from tests import pg
from tests.builders import jsonl, line, received_line
from tests.conftest import TODAY, dump

# ------------------------------------------------------------------------------ the world
# this year's 1号 of every kind, last year's 1号 request, and a 2号 that only a complaint and
# an appeal have (a bare `2` is several cases' number, and no request's)
REQUEST_1 = "依申〔2026〕1号"
COMPLAINT = {"kind": "complaint", "respondent": "某药房"}
APPEAL = {"kind": "appeal", "request": REQUEST_1}
WORLD = [
    received_line("依申〔2025〕1号", "2025-03-03"),
    received_line(REQUEST_1, "2026-11-02"),
    line("投诉〔2026〕1号", "complaint_accepted", "2026-11-02", **COMPLAINT, summary="刷卡套现"),
    line("投诉〔2026〕2号", "complaint_accepted", "2026-11-03", **COMPLAINT, summary="串换药品"),
    line("复议诉讼〔2026〕1号", "reconsideration_copy_received", "2026-11-04", **APPEAL),
    line("复议诉讼〔2026〕2号", "lawsuit_copy_received", "2026-11-05", **APPEAL, route="direct"),
    line("公开〔2026〕1号", "information_formed", "2026-11-02", kind="disclosure", title="2026年医保基金收支情况"),
    line("舆情〔2026〕1号", "opinion_detected", "2026-11-02", kind="opinion", at="2026-11-02 09:00"),
    line(
        "更正〔2026〕1号",
        "received",
        "2026-11-02",
        kind="record_correction",
        applicant="李娜",
        applicant_type="natural_person",
        subject="参保记录有误",
    ),
]
PREFIX = {  # the office's default numbering patterns (store/settings.py)
    None: "依申",
    "request": "依申",
    "complaint": "投诉",
    "appeal": "复议诉讼",
    "disclosure": "公开",
    "opinion": "舆情",
    "record_correction": "更正",
}
LABEL = {
    "request": "依申请公开",
    "complaint": "投诉举报",
    "appeal": "复议诉讼",
    "disclosure": "主动公开",
    "opinion": "舆情回应",
    "record_correction": "更正申请",
}
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def spellings(prefix: str, seq: int) -> dict[str, str]:
    """The table: every way a clerk writes this year's case ``seq`` of the kind whose numbers
    start with ``prefix``, a near miss, and a bare number several kinds share."""
    return {
        "stored": f"{prefix}〔2026〕{seq}号",
        "【】": f"{prefix}【2026】{seq}号",
        "()": f"{prefix}(2026){seq}号",
        "full-width": f"{prefix}（2026）{seq}号".translate(FULLWIDTH),
        "bare": str(seq),
        "bare 号": f"{seq}号",
        "near miss": f"{prefix}〔2026〕{seq}1号",
        "several kinds": "2",
    }


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    """The --db of a database holding WORLD (SQLite file, or a PostgreSQL database), checked
    unchanged when the module is done (no run of these tests may write)."""
    import shutil

    folder = tmp_path_factory.mktemp("world")
    if pg.SERVER:
        name = pg.create(request.getfixturevalue("pg_template"))
        db = pg.url_of(name)
    else:
        db = str(folder / "world.db")
        shutil.copy2(request.getfixturevalue("sqlite_template"), db)
    events = folder / "world.jsonl"
    events.write_text(jsonl(WORLD), encoding="utf-8")
    from govinfo_cli.app.demo import DEMO_SETTINGS

    office = [["config", "set", k, v] for k, v in DEMO_SETTINGS.items() if k.startswith("agency.")]  # for letters
    for args in (["import", "events", str(events)], *office, ["due"]):  # `due` settles the calendar snapshot
        r = CliRunner().invoke(_app(), ["--db", db, "--today", TODAY, "--by", "测试员", *args])
        assert r.exit_code == 0, r.stderr
    built = dump(db)
    yield db
    try:  # nothing written by any run: recording stopped where it reached the case
        assert dump(db) == built
    finally:
        if pg.SERVER:
            pg.drop(name)


def _app() -> typer.Typer:
    from govinfo_cli.cli import app

    return app


# -------------------------------------------------------------- the commands that take a case
CASE_NAMES = {"case", "request"}
NOT_A_CASE = {"disclosure formed item", "disclosure changed item"}  # 公开目录事项编号: a catalogue row
# the kind each group's commands act on (the group is named for the clerk, the kind by RULES.md)
GROUP_KIND = {
    "request": "request",
    "complaint": "complaint",
    "appeal": "appeal",
    "disclosure": "disclosure",
    "opinion": "opinion",
    "correction": "record_correction",
}


def _leaves() -> list[tuple[str, Any]]:
    root = typer.main.get_command(_app())
    out = []

    def walk(cmd: Any, path: str) -> None:
        if hasattr(cmd, "list_commands"):
            for name in cmd.list_commands(None):
                walk(cmd.get_command(None, name), f"{path} {name}".strip())
        else:
            out.append((path, cmd))

    walk(root, "")
    return out


def case_parameters() -> list[tuple[str, Any, Any]]:
    """(command path, command, parameter) of every parameter that names a case."""
    found = []
    for path, cmd in _leaves():
        for p in cmd.params:
            if f"{path} {p.name}" in NOT_A_CASE:
                continue
            takes_text = not getattr(p, "is_flag", False)  # not --external ("编号只作文字记录")
            if p.name in CASE_NAMES or (takes_text and "编号" in (getattr(p, "help", None) or "")):
                found.append((path, cmd, p))
    return found


def opens_a_case(cmd: Any, param: Any) -> bool:
    """``--case`` of a command that records an event names the case it opens (or adds to)."""
    return param.name == "case" and param.param_type_name == "option" and hasattr(cmd.callback, "records_event")


def scope(path: str, cmd: Any, param: Any, args: list[str]) -> str | None:
    """The kind among which the command looks the number up: a request for ``--request``;
    the kind an event command records; its group's kind; else any kind, or ``--kind``'s."""
    if param.name == "request":
        return "request"
    kind = getattr(cmd.callback, "records_event", None) or GROUP_KIND.get(path.split()[0])
    if kind is None and "--kind" in args:
        return args[args.index("--kind") + 1]
    return kind


# How each is invoked: the other arguments and options it needs (several lists: several
# runs). A command found in the tree and missing here fails: add how it is run.
EXT = ["--days", "5", "--reason", "需调取档案"]
INVOCATIONS: dict[str, list[list[str]]] = {
    "show case": [["--json"], ["--json", "--kind", "complaint"]],
    "request correct case": [[]],
    "request corrected case": [[]],
    "request accept case": [[]],
    "request correction-lapsed case": [[]],
    "request extend case": [EXT],
    "request consult case": [["--party", "third_party", "--name", "某医药公司"]],
    "request consult-answered case": [["--party", "third_party"]],
    "request fee case": [["--pages", "300"]],  # no --amount: the 109号 quote of the case reached, then recorded
    "request fee-quote case": [[]],
    "request fee-paid case": [[]],
    "request fee-lapsed case": [[]],
    "request defer case": [["--until", "2026-12-31", "--reason", "申请数量明显超过合理范围"]],
    "request reply case": [["--outcome", "disclosed"]],
    "request withdraw case": [[]],
    "request transfer case": [["--department", "基金监管股"]],
    "request decline case": [["--reason", "不属本股职责"]],
    "request extend-draft case": [EXT],
    "request draft case": [[]],
    "request approve case": [[]],
    "complaint decide case": [["--mode", "direct"]],
    "complaint extend case": [["--days", "5", "--reason", "需调取结算数据"]],
    "complaint conclude case": [[]],
    "complaint reject case": [["--reason", "outside_jurisdiction"]],
    "appeal reconsideration request": [[]],
    "appeal lawsuit request": [[]],
    "appeal replied case": [[]],
    "appeal defended case": [[]],
    "appeal decided case": [["--result", "upheld"]],
    "disclosure published case": [[]],
    "opinion released case": [["--at", "2026-11-20 10:00"]],
    "opinion press case": [["--at", "2026-11-20 10:00"]],
    "opinion responded case": [["--at", "2026-11-20 10:00"]],
    "correction done case": [[]],
    "correction transfer case": [["--to", "昌宁县人力资源和社会保障局"]],
    "correction refuse case": [["--reason", "经核对原始记录无误"]],
    "amend case": [
        ["1", "--set", "summary=医保基金支出明细", "--reason", "录错"],
        ["1", "--set", "summary=刷卡", "--reason", "录错", "--kind", "complaint"],
    ],
    "void case": [["--reason", "重复登记"], ["--reason", "重复登记", "--kind", "complaint"]],
    "letter case": [
        ["--list"],
        ["receipt", "--preview"],
        ["--list", "--kind", "complaint"],
        ["acceptance", "--preview", "--kind", "complaint"],
    ],
    "audit case": [[]],
    # --case of the commands that open a case: a new number
    "request add case": [
        ["--received", TODAY, "--channel", "online", "--applicant", "张伟", "--type", "自然人", "--subject", "x"]
    ],
    "complaint accept case": [["--respondent", "某药房", "--summary", "刷卡套现"]],
    "appeal reconsideration case": [["--request", REQUEST_1]],
    "appeal lawsuit case": [["--request", REQUEST_1]],
    "disclosure formed case": [["--title", "医保目录调整"]],
    "disclosure changed case": [["--title", "医保目录调整"]],
    "disclosure decision case": [["--decision", "penalty"]],
    "disclosure policy case": [["--title", "医保支付方式改革实施方案"]],
    "opinion detect case": [["--at", "2026-11-20 09:00", "--summary", "网传定点药店串换药品"]],
    "correction add case": [["--applicant", "李娜", "--type", "自然人", "--subject", "参保记录有误"]],
}


def _runs(opening: bool) -> list[Any]:
    out = []
    for path, cmd, param in case_parameters():
        if opens_a_case(cmd, param) != opening:
            continue
        key = f"{path} {param.name}"
        for i, args in enumerate(INVOCATIONS.get(key, [None])):  # type: ignore[list-item]
            out.append(pytest.param(path, cmd, param, args, id=f"{key}#{i}" if i else key))
    return out


def command_line(path: str, param: Any, typed: str, args: list[str]) -> list[str]:
    if param.param_type_name == "argument":  # the case comes first (amend CASE SEQ, letter CASE TYPE)
        return [*path.split(), typed, *args]
    return [*path.split(), *args, "--" + param.name, typed]


# ----------------------------------------------------------------------------- the spies
class Reached(Refusal):
    """Raised by the stand-in for app.record.record: the command handed it this case."""


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str | None]]:
    """Every call of the resolver (function, text typed, kind); recording stops at the case
    it reached (``Reached``: exit 1, its line on stderr), so nothing is written."""
    from govinfo_cli.app import numbers
    from govinfo_cli.app import record as recording

    calls: list[tuple[str, str, str | None]] = []
    find, new_number = numbers.find, numbers.new_number

    def find_spy(ctx: Any, conn: Any, typed: str, kind: str | None = None) -> Any:
        # ``resolve`` finds through ``find``, and `show` calls ``find`` itself (one lookup)
        calls.append(("resolve", typed, kind))
        return find(ctx, conn, typed, kind)

    def new_number_spy(ctx: Any, typed: str, kind: str, year: int) -> str:
        calls.append(("new_number", typed, kind))
        return new_number(ctx, typed, kind, year)

    def record_spy(ctx: Any, kind: str, number: str | None, type_: str, day: Any, raw: dict, **kw: Any) -> Any:
        raise Reached(f"已到达 {kind} {number}" + (f" 所涉申请 {raw['request']}" if raw.get("request") else ""))

    monkeypatch.setattr(numbers, "find", find_spy)
    monkeypatch.setattr(numbers, "new_number", new_number_spy)
    monkeypatch.setattr(recording, "record", record_spy)
    return calls


def error_line(stderr: str) -> str:
    return next((x for x in stderr.splitlines() if x.startswith("错误：")), "")


Outcome = tuple[str, str]  # ("case", number) or ("refused", the error line)


def outcome_of(r: Any, param: str = "case") -> Outcome:
    """What a run came to: the case it reached (its app.record call: the case, or for
    ``--request`` the request it links), or the line it was refused with, or its output."""
    err = error_line(r.stderr)
    if m := re.fullmatch(r"错误：已到达 \S+ (\S+)(?: 所涉申请 (\S+))?", err):
        return ("case", m.group(2) if param == "request" else m.group(1))
    if err:
        return ("refused", err)
    return ("ran", r.stdout)


_oracle: dict[tuple[str, str, str | None], Outcome] = {}


def shown(cli: Callable[..., Any], world: str, typed: str, kind: str | None) -> Outcome:
    """What `show` makes of ``typed`` (with --kind): the case it shows, or its refusal."""
    key = (world, typed, kind)
    if key not in _oracle:
        r = cli("--db", world, "show", typed, "--json", *(["--kind", kind] if kind else []))
        _oracle[key] = ("case", r.json()["case"]) if r.exit_code == 0 else ("refused", error_line(r.stderr))
    return _oracle[key]


def run(
    cli: Callable[..., Any], world: str, spied: list, path: str, cmd: Any, param: Any, typed: str, args: list[str]
) -> Any:
    """Run the command with the case written ``typed``, and check that it went through the
    one resolver (``app.numbers``) exactly once for it: a command that looked the number up
    any other way (or twice) fails here."""
    kind = scope(path, cmd, param, args)
    first = len(spied)
    r = cli("--db", world, *command_line(path, param, typed, args))
    calls = spied[first:]
    fn = "new_number" if opens_a_case(cmd, param) else "resolve"
    assert calls.count((fn, typed, kind)) == 1, f"{path}: {typed!r} 应经 app.numbers.{fn} 查找恰好一次：{calls}"
    others = sum(a in ("--case", "--request") for a in args)  # the command's other case options
    assert len(calls) <= 1 + others and len(set(calls)) == len(calls), f"{path}: 查了两次：{calls}"
    return r


# ------------------------------------------------------------------------------- the tests
def test_the_case_parameters_found_are_the_ones_this_file_knows_how_to_run() -> None:
    found = {f"{path} {p.name}" for path, _, p in case_parameters()}
    assert found == set(INVOCATIONS), (
        f"新的取案件编号的参数：{sorted(found - set(INVOCATIONS))}；不再存在的：{sorted(set(INVOCATIONS) - found)}"
    )
    assert len(found) >= 50  # every kind's commands, amend, void, letter, audit, show
    for path, _cmd, p in case_parameters():  # a case is named case (or --request), never otherwise
        assert p.name in CASE_NAMES, f"{path}: {p.name} 像是案件编号，请命名为 case，或列入 NOT_A_CASE"


@pytest.mark.parametrize(
    "kind,typed,expected",
    [
        (None, REQUEST_1, REQUEST_1),
        (None, "依申【2026】1号", REQUEST_1),
        (None, "依申(2026)1号", REQUEST_1),
        (None, "依申（２０２６）１号", REQUEST_1),
        (None, "1", REQUEST_1),  # this year's 1号; requests first
        (None, "1号", REQUEST_1),
        (None, "依申〔2025〕1号", "依申〔2025〕1号"),
        ("complaint", "1", "投诉〔2026〕1号"),
        ("complaint", "投诉【2026】1号", "投诉〔2026〕1号"),
        ("complaint", "2", "投诉〔2026〕2号"),
        ("appeal", "２号", "复议诉讼〔2026〕2号"),
        ("record_correction", "更正(2026)1号", "更正〔2026〕1号"),
        ("opinion", "1", "舆情〔2026〕1号"),
        ("disclosure", "1号", "公开〔2026〕1号"),
    ],
)
def test_show_finds_the_case_however_its_number_is_written(
    cli: Callable[..., Any], world: str, kind: str | None, typed: str, expected: str
) -> None:
    assert shown(cli, world, typed, kind) == ("case", expected)


def test_show_refuses_a_bare_number_of_several_kinds_with_the_list_and_a_near_miss_with_suggestions(
    cli: Callable[..., Any], world: str
) -> None:
    several = shown(cli, world, "2", None)
    assert several == ("refused", "错误：2 可能是：投诉〔2026〕2号、复议诉讼〔2026〕2号；请写完整编号")
    near = shown(cli, world, "依申〔2026〕11号", None)
    assert near[0] == "refused" and "是否想找" in near[1] and REQUEST_1 in near[1]
    near = shown(cli, world, "投诉〔2026〕11号", "complaint")
    assert near[0] == "refused" and near[1].startswith("错误：找不到投诉举报案件 投诉〔2026〕11号；是否想找：")
    assert "投诉〔2026〕1号" in near[1] and "依申" not in near[1]  # among complaints only
    assert shown(cli, world, "2", "disclosure") == ("refused", "错误：找不到主动公开案件 2")


@pytest.mark.parametrize("path,cmd,param,args", _runs(opening=False))
def test_every_case_command_reads_every_spelling_through_the_one_resolver_as_show_does(
    cli: Callable[..., Any], world: str, spied: list, path: str, cmd: Any, param: Any, args: list[str] | None
) -> None:
    assert args is not None, f"{path} {param.name}: 请在 INVOCATIONS 中写明如何运行"
    kind = scope(path, cmd, param, args)
    results = {}
    for name, typed in spellings(PREFIX[kind], 1).items():
        r = run(cli, world, spied, path, cmd, param, typed, args)
        results[name] = (typed, r, outcome_of(r, param.name))
    stored_typed, stored_run, _ = results["stored"]
    for name, (typed, r, got) in results.items():
        want = shown(cli, world, typed, kind)
        if want[0] == "refused" or got[0] == "case":  # refused as `show` refuses; or reached its case
            assert got == want, f"{name} {typed!r}: {r.stderr}"
        elif want == shown(cli, world, stored_typed, kind):  # a read-only command: it ran on that case
            assert r.exit_code == 0, f"{name} {typed!r}: {r.stderr}"
            assert r.stdout == stored_run.stdout, f"{name} {typed!r}"
        else:  # … on another case (`2` among complaints)
            assert r.exit_code == 0 and want[1] in r.stdout, f"{name} {typed!r}: {r.stderr}"


# ------------------------------------------- --case of a command that opens a case: a new number
def new_spellings(prefix: str) -> dict[str, tuple[str, Outcome]]:
    """Spelling -> what an opening command makes of it: a new number is stored in the office's
    form (〔〕, ASCII digits), any way it is written; an existing number is that case's; a bare
    number is refused with the full number, never taken as an existing case."""
    new = f"{prefix}〔2026〕9号"
    bare = f"编号 {{}} 不完整：请写完整编号，如 {prefix}〔2026〕{{}}号（不写编号则按编号格式自动生成）"
    return {
        "stored": (new, ("case", new)),
        "【】": (f"{prefix}【2026】9号", ("case", new)),
        "()": (f"{prefix}(2026)9号", ("case", new)),
        "full-width": (f"{prefix}（2026）9号".translate(FULLWIDTH), ("case", new)),
        "existing, otherwise written": (f"{prefix}【2026】1号", ("case", f"{prefix}〔2026〕1号")),
        "bare": ("9", ("refused", "错误：" + bare.format(9, 9))),
        "bare 号": ("9号", ("refused", "错误：" + bare.format("9号", 9))),
        "bare, of an existing case": ("1", ("refused", "错误：" + bare.format(1, 1))),
        "several kinds": ("2", ("refused", "错误：" + bare.format(2, 2))),
    }


@pytest.mark.parametrize("path,cmd,param,args", _runs(opening=True))
def test_a_command_that_opens_a_case_stores_its_number_in_the_office_form_and_refuses_a_bare_one(
    cli: Callable[..., Any], world: str, spied: list, path: str, cmd: Any, param: Any, args: list[str] | None
) -> None:
    assert args is not None, f"{path} {param.name}: 请在 INVOCATIONS 中写明如何运行"
    kind = scope(path, cmd, param, args)
    for name, (typed, want) in new_spellings(PREFIX[kind]).items():
        r = run(cli, world, spied, path, cmd, param, typed, args)
        assert outcome_of(r) == want, f"{name} {typed!r}: {r.stderr}"


def test_a_bare_new_number_is_kept_when_the_office_numbers_cases_by_the_number_alone(cli: Callable[..., Any]) -> None:
    from tests.conftest import ok

    ok(cli("config", "set", "case_number.pattern.complaint", "{seq}号"))
    ok(cli("complaint", "accept", "--case", "７号", "--respondent", "某药房", "--summary", "刷卡套现"))
    assert ok(cli("show", "7号", "--kind", "complaint", "--json")).json()["case"] == "7号"
    assert ok(cli("show", "7", "--kind", "complaint", "--json")).json()["case"] == "7号"


def test_an_appeal_about_a_request_govinfo_lacks_suggests_the_close_ones_and_external(cli: Callable[..., Any]) -> None:
    from tests.builders import add_request

    add_request(cli, None, "2026-11-02")
    r = cli("appeal", "reconsideration", "--request", "依申〔2026〕11号")
    assert r.exit_code == 1
    assert error_line(r.stderr) == f"错误：找不到依申请公开案件 依申〔2026〕11号；是否想找：{REQUEST_1}？"
    assert "--external" in r.stderr
    ok_run = cli("appeal", "reconsideration", "--request", "依申（２０２４）９号", "--external")
    assert ok_run.exit_code == 0, ok_run.stderr
    assert cli("show", "复议诉讼〔2026〕1号", "--json").json()["facts"]["request"] == "依申〔2024〕9号"


def test_amend_with_kind_amends_that_kinds_case_of_a_bare_number(cli: Callable[..., Any]) -> None:
    from tests.builders import add_request

    add_request(cli, None, "2026-11-02")
    r = cli("complaint", "accept", "--respondent", "某药房", "--summary", "刷卡套现", "--date", "2026-11-02")
    assert r.exit_code == 0, r.stderr
    r = cli("amend", "1", "1", "--kind", "complaint", "--set", "summary=串换药品", "--reason", "录错")
    assert r.exit_code == 0, r.stderr
    assert cli("show", "投诉〔2026〕1号", "--json").json()["facts"]["summary"] == "串换药品"
