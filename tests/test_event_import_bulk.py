"""The bulk event import (lines grouped by case, one replay per case, the register import's
writer) gives the same database as recording the same lines one by one with ``record``,
the typed commands' path: events and cache alike, refusals on the same lines, and a
second import of the same file changes nothing. Checked on seeded random logs built from
the acceptance cases (interleaved, some lines swapped, dropped or repeated)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from govinfo_cli.core.errors import ImportErrors, NotFound, Refusal, ValidationError
from tests.conftest import acceptance_cases, dump, engine_of, new_db


def _register_like(rnd: random.Random, n: int) -> dict:
    """A request whose lines are mostly what a register row makes (the import's fast path),
    sometimes with a field or step that the fast path leaves to the full replay, or that
    replay refuses (a reply before receipt, a withheld reply without its reason)."""
    import datetime as dt

    received = dt.date(2025, 1, 2) + dt.timedelta(days=rnd.randrange(600))
    first = {"type": "received", "date": received.isoformat(), "channel": rnd.choice(["online", "post", "email"]),
             "applicant": f"申请人{n}", "applicant_type": rnd.choice(["natural_person", "business"]),
             "subject": "医保基金支出明细"}  # fmt: skip
    for name, value in (("department", "办公室"), ("contact", "13800000000"), ("id_number", "11010519491231002X")):
        if rnd.random() < 0.4:
            first[name] = value
    if rnd.random() < 0.1:
        first["arrival_date"] = (received - dt.timedelta(days=1)).isoformat()
    events = [first]
    how = rnd.random()
    if how < 0.2:
        return {"case": f"登记〔2025〕{n}号", "kind": "request", "events": events}
    if how < 0.3:
        events.append({"type": "extended", "date": (received + dt.timedelta(days=2)).isoformat(),
                       "working_days": 5, "reason": "复杂"})  # fmt: skip
    replied = received + dt.timedelta(days=rnd.randrange(-1, 60))
    reply = {"type": "replied", "date": replied.isoformat(),
             "outcome": rnd.choice(["disclosed"] * 8 + ["withheld:third_party", "other:no_correction"])}  # fmt: skip
    if rnd.random() < 0.5:
        reply["historic"] = "登记簿导入"  # a history flag holds its reason
    elif rnd.random() < 0.5:
        reply["reason"] = "依法作出处理"
    events.append(reply)
    return {"case": f"登记〔2025〕{n}号", "kind": "request", "events": events}


def _log(seed: int) -> list[str]:
    rnd = random.Random(seed)
    pool = acceptance_cases()
    chosen = rnd.sample(pool, 7) + [_register_like(rnd, n) for n in range(rnd.randrange(2, 7))]
    # an appeal's request, when the pool has it, usually comes along
    numbers = {c["case"] for c in pool if c["kind"] == "request"}
    for c in list(chosen):
        req = next((e.get("request") for e in c["events"] if e.get("request")), None)
        if c["kind"] == "appeal" and req in numbers and rnd.random() < 0.8:
            chosen.insert(0, next(p for p in pool if p["case"] == req and p["kind"] == "request"))
    queues = [[json.dumps({"case": c["case"], "kind": c["kind"], **e}, ensure_ascii=False) for e in c["events"]]
              for c in chosen]  # fmt: skip
    evs = rnd.choice(queues)
    how = rnd.random()
    if len(evs) > 1 and how < 0.15:  # out of order: a refusal
        i = rnd.randrange(len(evs) - 1)
        evs[i], evs[i + 1] = evs[i + 1], evs[i]
    elif len(evs) > 1 and how < 0.25:  # a lost line
        del evs[rnd.randrange(1, len(evs))]
    elif how < 0.35:  # a repeated line
        i = rnd.randrange(len(evs))
        evs.insert(i + 1, evs[i])
    lines = []
    while any(queues):  # interleaved, each case's own lines in order
        q = rnd.choice([q for q in queues if q])
        lines.append(q.pop(0))
    return lines


def _record_each(ctx, lines: list[str]) -> set[int]:  # noqa: ANN001
    """Record line by line as typed commands would; the first refused line of each case."""
    from govinfo_cli.app.record import record
    from govinfo_cli.core.events import event_date

    refused: set[int] = set()
    failed: set[tuple[str, str]] = set()
    for n, text in enumerate(lines, start=1):
        obj = json.loads(text)
        key = (obj["kind"], obj["case"])
        if key in failed:
            continue
        try:
            record(ctx, obj["kind"], obj["case"], obj["type"], event_date(obj["date"]), obj)
        except (Refusal, ValidationError, NotFound):
            refused.add(n)
            failed.add(key)
    return refused


def _text(v: object) -> str:
    """A value as the same text on SQLite and PostgreSQL (booleans as 0/1)."""
    return str(int(v)) if isinstance(v, bool) else str(v)


def _state(db: str) -> dict:
    """Each case's log and cache, by (kind, number): what both paths must agree on."""
    import sqlalchemy as sa

    engine = engine_of(db)
    out: dict = {}
    try:
        with engine.connect() as conn:
            ids = {}
            for r in conn.execute(sa.text("SELECT * FROM cases")).mappings():
                ids[r["id"]] = (r["kind"], r["number"])
                row = {k: _text(v) for k, v in r.items() if k not in ("id", "created_at")}
                out[(r["kind"], r["number"])] = {"case": row, "events": [], "deadlines": []}
            for r in conn.execute(sa.text("SELECT * FROM events ORDER BY case_id, seq")).mappings():
                payload = r["payload"] if isinstance(r["payload"], dict) else json.loads(r["payload"])
                out[ids[r["case_id"]]]["events"].append((r["seq"], r["type"], str(r["date"]), payload, r["operator"]))
            for r in conn.execute(sa.text("SELECT * FROM deadlines ORDER BY case_id, code")).mappings():
                out[ids[r["case_id"]]]["deadlines"].append(
                    tuple(
                        _text(r[k])
                        for k in ("code", "due", "due_at", "state", "provisional", "quiet", "basis")
                        # the copies of the case's columns `due` reads (store.cache.deadline_rows)
                        + ("number", "kind", "status", "department", "party", "party_type")
                    )
                )
    finally:
        engine.dispose()
    return out


@pytest.mark.parametrize("seed", range(16))
def test_bulk_event_import_equals_line_by_line_recording(seed: int, tmp_path: Path, cli, monkeypatch) -> None:  # noqa: ANN001
    import os

    from govinfo_cli.app import event_import
    from govinfo_cli.app.context import Context
    from govinfo_cli.app.event_import import import_events

    if seed % 2:  # stored logs loaded a few cases at a time, as for a large file
        monkeypatch.setattr(event_import, "LOAD_CHUNK", 1 + seed % 3)

    lines = _log(seed)
    split = random.Random(seed).randrange(len(lines))  # a first file, then the whole log again
    bulk = Context(db=os.environ["GOVINFO_DB"])
    each = Context(db=new_db(tmp_path / "each.db"))

    refused_first = _record_each(each, lines[:split])
    try:
        import_events(bulk, [x + "\n" for x in lines[:split]])
        assert not refused_first, f"recording refused lines {sorted(refused_first)}, the import none"
    except ImportErrors as exc:
        assert {int(p.split(":")[0].removeprefix("line ")) for p in exc.problems} == refused_first
        return
    assert _state(bulk.db) == _state(each.db)

    refused = _record_each(each, lines[split:])  # only the lines the first file did not have
    before = dump()
    try:
        summary = import_events(bulk, [x + "\n" for x in lines])
    except ImportErrors as exc:
        assert {int(p.split(":")[0].removeprefix("line ")) - split for p in exc.problems} == refused
        assert dump() == before  # all or nothing
        return
    assert not refused
    assert summary.unchanged == split and summary.added == len(lines) - split
    assert _state(bulk.db) == _state(each.db)

    again = import_events(bulk, [x + "\n" for x in lines])  # idempotent
    assert (again.added, again.unchanged, again.new_cases) == (0, len(lines), 0)
    assert _state(bulk.db) == _state(each.db)
    from tests.conftest import ok

    info = ok(cli("db", "check", "--json")).json()  # new cases and appends: chains and cache whole
    assert info["healthy"] and info["chain_breaks"] == [], info


def test_bulk_import_new_cases_and_appends_keep_chains_and_cache_whole(cli, tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    """Tamper evidence (issue 19) through the bulk writer: events of new cases (every kind
    the file has) and events appended to stored cases, amendments naming lines of the same
    file and a voiding among them, chain on from each case's last stored event with the
    operator and recording time stored; ``db check`` finds chains and cache whole."""
    from tests.conftest import ok

    first = "昌医保依申〔2026〕1号"
    second = "昌医保依申〔2026〕2号"
    for case, day in ((first, "2026-03-02"), (second, "2026-03-03")):
        ok(
            cli(
                "request", "add", "--case", case, "--received", day, "--channel", "in_person",
                "--applicant", "张伟", "--applicant-type", "natural_person", "--subject", "医保基金",
            )
        )  # fmt: skip
    ok(cli("--today", "2026-03-05", "amend", first, "1", "--event-date", "2026-03-03", "--reason", "录错"))
    ok(cli("request", "reply", first, "--date", "2026-03-20", "--outcome", "disclosed"))
    ok(cli("void", second, "--reason", "误登记"))
    lines = ok(cli("export", "events", "--reveal")).stdout.splitlines(keepends=True)
    assert any('"amended"' in x for x in lines) and any('"voided"' in x for x in lines)
    for name in ("appeals", "complaints"):  # other kinds, when the acceptance data has them
        lines += [
            json.dumps({"case": c["case"], "kind": c["kind"], **e}, ensure_ascii=False) + "\n"
            for c in acceptance_cases()
            if c["kind"] == name.removesuffix("s") and not any(e.get("request") for e in c["events"])
            for e in c["events"]
        ][:12]
    monkeypatch.setenv("GOVINFO_DB", new_db(tmp_path / "second.db"))
    src = tmp_path / "events.jsonl"
    # a first file holds each case's opening lines only: the second appends the rest
    openers = [x for x in lines if '"received"' in x]
    src.write_text("".join(openers), encoding="utf-8")
    ok(cli("import", "events", str(src)))
    src.write_text("".join(lines), encoding="utf-8")
    got = ok(cli("import", "events", str(src), "--json")).json()
    assert got["added"] == len(lines) - len(openers) > 0
    info = ok(cli("db", "check", "--json")).json()
    assert info["healthy"] and info["chain_breaks"] == [], info
    assert info["events"] == len(lines)


def test_the_random_logs_take_the_register_fast_path_and_the_full_replay(monkeypatch) -> None:  # noqa: ANN001
    """The logs above do exercise the fast path (new requests shaped as register rows) and
    leave other new requests to the full replay: the comparison covers both."""
    import os

    from govinfo_cli.app import event_import
    from govinfo_cli.app.context import Context

    taken = {"fast": 0, "replay": 0}
    real = event_import._register_case

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        got = real(*args, **kwargs)
        taken["fast" if got is not None else "replay"] += 1
        return got

    monkeypatch.setattr(event_import, "_register_case", spy)
    for seed in range(16):
        try:
            event_import.import_events(
                Context(db=os.environ["GOVINFO_DB"]), [x + "\n" for x in _log(seed)], dry_run=True
            )
        except ImportErrors:
            pass
    assert taken["fast"] >= 30 and taken["replay"] >= 30, taken
