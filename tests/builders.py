"""Test data, built in one place: events for the pure engine, event lines for `govinfo
import events`, and the commands that register a case.

Three levels, one vocabulary (the event types and fields of docs/contract.md):

* the engine (core, no database): ``ev`` builds one ``Event``; ``replay_case`` /
  ``request`` / ``complaint`` / ``appeal`` / ``disclosure`` / ``opinion`` replay events on the official
  calendar (``calendar()``) and return the case state; ``received`` is a request's first
  event with harmless defaults;
* event lines: ``line`` builds one JSON line as a dict, ``received_line`` a request's first
  line; ``jsonl`` / ``import_lines`` turn a list of them into a file and import it;
* commands: ``add_request_args`` / ``add_request`` register a request the way a clerk types
  it (every option a test does not care about gets a default).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from govinfo_cli.core.calendar import WorkCalendar, load_source
from govinfo_cli.core.events import Event, normalize

D = dt.date.fromisoformat

# A request's required fields, for tests that do not care about them.
RECEIVED: dict[str, str] = {
    "channel": "online",
    "applicant": "张伟",
    "applicant_type": "natural_person",
    "subject": "医保基金支出明细",
}


# ----------------------------------------------------------------------------- the engine
@cache
def calendar() -> WorkCalendar:
    """The official calendar (the ``holidays`` package's China data, no overrides) over the
    years the tests count in."""
    return WorkCalendar.build(load_source(2000, 2031))


def profile(name: str = "national") -> Any:
    """A rule profile by name (national, xinjiang) or TOML path, as the office would load it."""
    from govinfo_cli.app.profile import load_profile

    return load_profile(name)


def ev(type_: str, date: str, kind: str = "request", **fields: Any) -> Event:
    """One event, its fields normalised exactly as a command or an event line would be."""
    return Event(type_, D(date), normalize(kind, type_, fields))


def events_of(kind: str) -> Callable[..., Event]:
    """``ev`` bound to one kind of case: ``c = events_of("complaint")`` then
    ``c("handling_decided", "2026-11-05", mode="direct")``."""

    def build(type_: str, date: str, **fields: Any) -> Event:
        return ev(type_, date, kind, **fields)

    return build


def received(date: str, **fields: Any) -> Event:
    """A request's ``received`` event; fields not given take the RECEIVED defaults."""
    return ev("received", date, **{**RECEIVED, **fields})


def replay_case(kind: str, *events: Event, rules: Any = None) -> Any:
    """The case state after replaying ``events`` through the engine (core only)."""
    from govinfo_cli.core.rules import replay

    return replay(kind, list(events), calendar(), rules if rules is not None else profile("national"))


def request(*events: Event, profile: Any = None) -> Any:  # noqa: A002 - the engine's own word
    return replay_case("request", *events, rules=profile)


def complaint(*events: Event) -> Any:
    return replay_case("complaint", *events)


def appeal(*events: Event) -> Any:
    return replay_case("appeal", *events)


def disclosure(*events: Event) -> Any:
    return replay_case("disclosure", *events)


def opinion(*events: Event) -> Any:
    return replay_case("opinion", *events)


# ----------------------------------------------------------------------------- event lines
def line(case: str, type_: str, date: str, *, kind: str = "request", **fields: Any) -> dict[str, Any]:
    """One event line of docs/contract.md, as a dict."""
    return {"case": case, "kind": kind, "type": type_, "date": date, **fields}


def received_line(
    case: str, date: str, applicant_type: str = "natural_person", *, department: str | None = None, **fields: Any
) -> dict[str, Any]:
    """A request's first line: applicant 申请人<case>, online, a fixed subject."""
    base: dict[str, Any] = {
        "applicant": f"申请人{case}",
        "applicant_type": applicant_type,
        "channel": "online",
        "subject": "医保基金支出明细",
    }
    if department:
        base["department"] = department
    return line(case, "received", date, **{**base, **fields})


def jsonl(lines: Iterable[Mapping[str, Any]], *, by_date: bool = True) -> str:
    """Event lines as JSON Lines text, in date order unless told otherwise (stable sort)."""
    rows = sorted(lines, key=lambda x: x["date"]) if by_date else list(lines)
    return "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in rows)


def event_lines(cases: Iterable[Mapping[str, Any]]) -> str:
    """The acceptance cases (tests/data) as JSON Lines, case by case in file order."""
    return "".join(
        json.dumps({"case": c["case"], "kind": c["kind"], **e}, ensure_ascii=False) + "\n"
        for c in cases
        for e in c["events"]
    )


def import_lines(cli: Callable[..., Any], path: Path, lines: Iterable[Mapping[str, Any]]) -> Any:
    """Write ``lines`` to ``path`` and import them (asserting success); returns ``cli``."""
    path.write_text(jsonl(lines), encoding="utf-8")
    r = cli("import", "events", str(path))
    assert r.exit_code == 0, r.stderr
    return cli


# ----------------------------------------------------------------------------- commands
def add_request_args(
    case: str | None,
    on: str,
    *,
    applicant: str = "张伟",
    type: str = "自然人",  # noqa: A002 - the option's name
    subject: str | None = None,
    channel: str = "online",
    **options: str,
) -> list[str]:
    """The arguments of `govinfo request add` for a request received ``on`` that day;
    ``options`` are further options by field name (department="办公室" → --department
    办公室, id_number=… → --id-number …)."""
    args = ["request", "add"]
    if case is not None:
        args += ["--case", case]
    args += ["--received", on, "--channel", channel, "--applicant", applicant, "--type", type]
    args += ["--subject", subject if subject is not None else f"事项{case}"]
    for name, value in options.items():
        args += [f"--{name.replace('_', '-')}", value]
    return args


def add_request(cli: Callable[..., Any], case: str | None, on: str, **kw: str) -> Any:
    """Register one request with `govinfo request add` (asserting success); the result."""
    r = cli(*add_request_args(case, on, **kw))
    assert r.exit_code == 0, r.stderr
    return r
