"""The shared acceptance cases (computed independently on another holiday source),
through the engine and through the command line.

Besides deadlines.json and named_cases.json, every other case file of tests/data (the same
shape) runs too; a case, or a file written as ``{"region": …, "cases": […]}``, may name the
office's region (``calendar.region``, docs/rules.md §13): xinjiang, ningxia, guangxi,
tibet-lhasa or none."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache

import pytest

from govinfo_cli.core.calendar import WorkCalendar, load_source
from govinfo_cli.core.events import Event, normalize
from govinfo_cli.core.rules import replay
from tests.builders import event_lines
from tests.conftest import DATA


@cache
def calendar(region: str | None = None) -> WorkCalendar:
    from govinfo_cli.app.calendar import shipped_layer
    from govinfo_cli.app.settings import check_region

    region = check_region(region or "")  # as `config set calendar.region` takes it (xinjiang, 新疆, none …)
    layers = (shipped_layer(region),) if region and region != "none" else ()
    return WorkCalendar.build(load_source(2000, 2030, layers=layers))


SHARED = ("deadlines.json", "named_cases.json")


def _cases(name: str) -> list[dict]:
    """A case file's cases; a file-level region is given to every case that names none."""
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    if isinstance(data, dict):
        region = data.get("region")
        return [{**c, "region": c.get("region", region)} if region else c for c in data.get("cases", [])]
    return data


def _is_case_file(name: str) -> bool:
    try:
        cases = _cases(name)
    except (ValueError, AttributeError):
        return False
    return bool(cases) and all(isinstance(c, dict) and {"case", "kind", "events", "expect"} <= set(c) for c in cases)


OTHER_FILES = sorted(p.name for p in DATA.glob("*.json") if p.name not in SHARED and _is_case_file(p.name))


def _id(case: dict) -> str:
    return f"{case['case']}:{case.get('scenario') or case['kind']}"


# docs/rules.md §8's fee row (added with §14): a fee notice dated before 2021-01-01 (国办函〔2020〕109号
# not yet in force) pauses, suspends and sets nothing. These two generated cases predate that row
# and expect the fee pause; the data files are acceptance copies and stay as they are, so the
# expectation the row supersedes is replaced here by the unpaused count, by hand:
# A-R060, received Tuesday 2020-11-03: 11-04…06 (3), 09…13 (8), 16…20 (13), 23…27 (18), 30, 12-01 (20);
# A-R069, received Sunday 2020-09-13: 09-14…18 (5), 21…25 (10), 09-27 (a make-up Sunday, 11),
# 28…30 (14), 国庆 10-01…08 off, 10-09 (15), 10-10 (a make-up Saturday, 16), 10-12…15 (20).
SUPERSEDED = {("A-R060", "reply"): "2020-12-01", ("A-R069", "reply"): "2020-10-15"}


def _want(case: dict, code: str, want: str | None) -> str | None:
    return SUPERSEDED.get((case["case"], code), want)


def _check(case: dict) -> None:
    events = [
        Event(e["type"], dt.date.fromisoformat(e["date"]), normalize(case["kind"], e["type"], e))
        for e in case["events"]
    ]
    state = replay(case["kind"], events, calendar(case.get("region")))
    for code, want in case["expect"].items():
        want = _want(case, code, want)
        got = state.deadlines.get(code)
        assert got is not None, f"{case['case']}: no deadline {code}"
        due = got.due.isoformat() if got.due else None
        assert due == want, (
            f"{case['case']} ({case.get('title') or case.get('scenario')}; region {case.get('region')}): {code} "
            f"[{got.basis}; {got.explain.rule}] is {due}, expected {want}"
        )


@pytest.mark.parametrize("case", _cases("deadlines.json"), ids=_id)
@pytest.mark.law(
    "correction_notice",
    "reply",
    "reply_extension",
    "consultation_answer:third_party",
    "fee_payment",
    "handling_decision",
    "conclusion",
    "conclusion_extension",
    "agency_reply",
    "defense",
    "publish",
    "publish_enforcement",
)
def test_generated_deadlines_through_engine(case: dict) -> None:
    _check(case)


@pytest.mark.parametrize("case", _cases("named_cases.json"), ids=_id)
@pytest.mark.law(
    "correction_notice",
    "correction_response",
    "reply",
    "reply_extension",
    "consultation_answer:third_party",
    "consultation_answer:agency",
    "fee_payment",
    "handling_decision",
    "conclusion",
    "agency_reply",
    "defense",
)
def test_named_edge_cases_through_engine(case: dict) -> None:
    _check(case)


def test_every_acceptance_case_through_import_events_and_show_json(cli, tmp_path) -> None:
    cases = _cases("deadlines.json") + _cases("named_cases.json")
    src = tmp_path / "events.jsonl"
    src.write_text(event_lines(cases), encoding="utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 0, r.stderr
    failures = []
    for case in cases:
        shown = cli("show", case["case"], "--kind", case["kind"], "--json").json()
        for code, want in case["expect"].items():
            want = _want(case, code, want)
            got = shown["deadlines"].get(code, {}).get("due", "missing")
            if got != want:
                failures.append(f"{case['case']} {code}: {got} != {want}")
            if want is None:
                assert shown["deadlines"][code]["state"] == "suspended"
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    "case", [c for name in OTHER_FILES for c in _cases(name)], ids=lambda c: f"{_id(c)}:{c.get('region') or '-'}"
)
def test_every_other_case_file_through_engine_with_its_region(case: dict) -> None:
    _check(case)


def test_the_regional_cases_are_found_and_each_has_a_title_and_a_region() -> None:
    assert "regional_cases.json" in OTHER_FILES
    for case in _cases("regional_cases.json"):
        assert case.get("title") and case.get("region"), case["case"]


def test_a_file_level_region_reaches_every_case_that_names_none(tmp_path, monkeypatch) -> None:
    import tests.test_acceptance as me

    (tmp_path / "x.json").write_text(
        json.dumps(
            {
                "region": "xinjiang",
                "cases": [
                    {"case": "a", "kind": "request", "events": [], "expect": {}},
                    {"case": "b", "kind": "request", "region": "none", "events": [], "expect": {}},
                ],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(me, "DATA", tmp_path)
    assert [c["region"] for c in me._cases("x.json")] == ["xinjiang", "none"]


def test_every_other_case_file_through_import_events_and_show_json(cli, tmp_path) -> None:
    """Each region's cases in a database of their own whose office names that region."""
    from tests.conftest import new_db

    by_region: dict[str, list[dict]] = {}
    for name in OTHER_FILES:
        for case in _cases(name):
            by_region.setdefault(case.get("region") or "", []).append(case)
    failures = []
    for region, cases in sorted(by_region.items()):
        db = new_db(tmp_path / f"{region or 'unset'}.db")
        if region:
            r = cli("--db", db, "config", "set", "calendar.region", region)
            assert r.exit_code == 0, r.stderr
        src = tmp_path / f"{region or 'unset'}.jsonl"
        src.write_text(event_lines(cases), encoding="utf-8")
        r = cli("--db", db, "import", "events", str(src))
        assert r.exit_code == 0, r.stderr
        for case in cases:
            shown = cli("--db", db, "show", case["case"], "--kind", case["kind"], "--json").json()
            for code, want in case["expect"].items():
                got = shown["deadlines"].get(code, {}).get("due", "missing")
                if got != want:
                    failures.append(f"{case['case']} ({region}) {code}: {got} != {want}")
    assert not failures, "\n".join(failures)
