"""Generated bad input through the command line, counted (issue 18).

    python bench/fuzz_inputs.py                       # 3 000 event-line files, 2 500 registers
    python bench/fuzz_inputs.py --events 500 --registers 500 --seed 3
    python bench/fuzz_inputs.py --json                # the counts as JSON

Every generated input is bad by construction: a valid file (event lines, or a request
register with two good rows) with one mutation of a named kind: a lone surrogate, JSON
nested deeper than an event line goes, an amount of 1e999 or NaN, a number or a list
where text belongs, a control character in text, a date before 2000 or after 2100 or in a
spelling event lines do not allow, oversize text, a ragged register row, malformed
quoting, a blank header cell, bytes that are not UTF-8 … Each is fed to `govinfo import
events` / `govinfo import requests` (the Typer app in-process, as `govinfo` runs it) on a
database seeded with the sample office, and counted as

- refused cleanly: exit 1 or 2, a message on stderr, no traceback, database unchanged;
- traceback: an exception escaped the command (or the database changed after a refusal);
- wrongly accepted: exit 0.

The same templates without a mutation are fed too (``valid inputs accepted``): the
validation must not refuse good input. ``--processes N`` also runs the first N inputs of
each kind as separate `python -m govinfo_cli` processes and checks they end the same way.

The file and disk cases (a backup under a regular file, exports to /dev/full, a read-only
database, a file that is not a database …) run as real processes: one line, exit 1,
nothing left behind.
"""

from __future__ import annotations

import argparse
import collections
import csv
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # this tree's govinfo_cli, whatever is installed

TODAY = "2026-11-20"
SAMPLE = ROOT / "sample_data" / "events.jsonl"

# --------------------------------------------------------------------------
# Event lines: valid templates (each accepted on the seeded database) …
# --------------------------------------------------------------------------

Line = dict[str, Any]


def _received(case: str) -> Line:
    return {
        "case": case,
        "kind": "request",
        "type": "received",
        "date": "2026-11-02",
        "channel": "post",
        "applicant": "王芳",
        "applicant_type": "natural_person",
        "subject": "医保基金支出明细",
        "arrival_date": "2026-10-30",
        "department": "基金监管股",
        "contact": "13812345678",
    }


def event_templates(case: str) -> list[list[Line]]:
    """Small valid event files about a new case ``case`` (a different number each time)."""
    r = _received(case)
    req = {"case": case, "kind": "request"}
    return [
        [r],
        [r, {**req, "type": "fee_notice_received", "date": "2026-11-05", "amount": 120.5}],
        [r, {**req, "type": "extended", "date": "2026-11-10", "working_days": 15, "reason": "需调取档案\n并核对"}],
        [r, {**req, "type": "deferred", "date": "2026-11-06", "until": "2026-12-20", "reason": "涉及第三方"}],
        [r, {**req, "type": "consultation_sent", "date": "2026-11-04", "party": "third_party", "name": "某诊所"}],
        [r, {**req, "type": "replied", "date": "2026-11-12", "outcome": "disclosed", "reason": "已公开"}],
        [r, {**req, "type": "accepted", "date": "2026-11-03"}],
        [
            r,
            {**req, "type": "fee_notice_received", "date": "2026-11-05", "amount": 30},
            {**req, "type": "fee_paid", "date": "2026-11-09", "accept_late": "申请人来电说明\n已核实"},
        ],
        [
            r,
            {**req, "type": "consultation_sent", "date": "2026-11-04", "party": "third_party", "name": "某诊所"},
            {**req, "type": "consultation_answered", "date": "2026-11-09", "party": "third_party", "name": "某诊所"},
        ],
        [r, {**req, "type": "voided", "date": "2026-11-04", "reason": "重复登记\n与前案相同"}],
        [
            {
                "case": case,
                "kind": "record_correction",
                "type": "received",
                "date": "2026-11-03",
                "applicant": "李强",
                "applicant_type": "natural_person",
                "subject": "更正本人参保记录中的出生日期",
                "department": "待遇保障股",
            },
            {"case": case, "kind": "record_correction", "type": "refused", "date": "2026-11-10", "reason": "无权更正"},
        ],
        [
            {
                "case": case,
                "kind": "complaint",
                "type": "complaint_accepted",
                "date": "2026-11-03",
                "respondent": "某中医诊所",
                "summary": "诱导住院",
                "reporter": "黄明",
            },
            {"case": case, "kind": "complaint", "type": "complaint_extended", "date": "2026-11-10", "days": 10},
        ],
        [
            {
                "case": case,
                "kind": "disclosure",
                "type": "information_formed",
                "date": "2026-11-03",
                "title": "关于印发医保基金监督检查办法的通知",
                "category": "行政规范性文件",
                "attribute": "public",
            }
        ],
        [
            {
                "case": case,
                "kind": "opinion",
                "type": "opinion_detected",
                "date": "2026-11-19",
                "at": "2026-11-19 08:30",
                "summary": "网传医保报销比例下调",
            }
        ],
    ]


# … and the mutations, by kind. Each returns the mutated file's bytes.

TEXT_FIELDS = (
    "applicant",
    "subject",
    "department",
    "contact",
    "reason",
    "name",
    "respondent",
    "summary",
    "title",
    "accept_late",
)
ONE_LINE_FIELDS = ("applicant", "department", "contact", "name", "respondent", "title", "case")
DATE_FIELDS = ("date", "arrival_date", "until")
CONTROLS = [chr(c) for c in (*range(0, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0))]
ODD = ["\u202e", "\u2066", "\ufeff", "\uffff", "\ufdd0"]
LONE = ["\ud800", "\udbff", "\udc00", "\udfff", "\udcff"]


def _dump(lines: list[Line], *, ascii_only: bool = False) -> bytes:
    text = "".join(json.dumps(x, ensure_ascii=ascii_only) + "\n" for x in lines)
    return text.encode("utf-8", "surrogatepass")


def _pick(rnd: random.Random, lines: list[Line], names: tuple[str, ...]) -> tuple[Line, str] | None:
    spots = [(x, k) for x in lines for k in names if k in x and isinstance(x[k], str)]
    return rnd.choice(spots) if spots else None


def _set_text(rnd: random.Random, lines: list[Line], names: tuple[str, ...], value: Callable[[str], Any]) -> bool:
    spot = _pick(rnd, lines, names)
    if spot is None:
        return False
    x, k = spot
    x[k] = value(x[k])
    return True


def _insert(s: str, rnd: random.Random, bad: str) -> str:
    i = rnd.randrange(0, len(s) + 1)
    return s[:i] + bad + s[i:]


def m_lone_surrogate(rnd: random.Random, lines: list[Line]) -> bytes | None:
    bad = rnd.choice(LONE)
    if not _set_text(rnd, lines, TEXT_FIELDS + ("case",), lambda s: _insert(s, rnd, bad)):
        return None
    # as a JSON escape ("\ud800", valid UTF-8 bytes), or as raw surrogate bytes (not UTF-8)
    return _dump(lines, ascii_only=True) if rnd.random() < 0.7 else _dump(lines)


def m_deep_json(rnd: random.Random, lines: list[Line]) -> bytes | None:
    depth = rnd.choice([4, 5, 20, 500, 5_000, 50_000])
    nested = "[" * depth + "1" + "]" * depth if rnd.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth
    x = rnd.choice(lines)
    field = rnd.choice([k for k in x if k not in ("case", "kind", "type", "date")] or ["subject"])
    body = json.dumps({k: v for k, v in x.items() if k != field}, ensure_ascii=False)
    bad = body[:-1] + f', "{field}": {nested}}}'
    out = [json.dumps(y, ensure_ascii=False) if y is not x else bad for y in lines]
    return ("\n".join(out) + "\n").encode("utf-8")


AMOUNTS = ["1e999", "-1e999", "NaN", "Infinity", "-Infinity", '"NaN"', '"Infinity"', '"1e999"', '"-5"']
AMOUNTS += ["-0.01", "12.345", '"12.345"', "1e20", '"1e20"', "9" * 400, "1" + "0" * 5000, '"abc"', "[12]", "true"]


def m_bad_amount(rnd: random.Random, lines: list[Line]) -> bytes | None:
    case = lines[0]["case"]
    fee = {"case": case, "kind": "request", "type": "fee_notice_received", "date": "2026-11-05", "amount": 0}
    head = [_received(case)]
    text = json.dumps(fee, ensure_ascii=False).replace('"amount": 0', f'"amount": {rnd.choice(AMOUNTS)}')
    return (_dump(head).decode() + text + "\n").encode("utf-8")


WRONG_TYPES: list[Any] = [1.5, 42, 0, -7, [], ["王芳"], {"a": "b"}, True, False, 1e300]


def m_wrong_type(rnd: random.Random, lines: list[Line]) -> bytes | None:
    bad = rnd.choice(WRONG_TYPES)
    names = TEXT_FIELDS + ("case", "kind", "type", "channel", "applicant_type", "date", "arrival_date", "outcome")
    if not _set_text(rnd, lines, names, lambda s: bad):
        return None
    return _dump(lines)


def m_control_char(rnd: random.Random, lines: list[Line]) -> bytes | None:
    bad = rnd.choice(CONTROLS + ODD)
    names = TEXT_FIELDS if bad not in "\t\n\r" else ONE_LINE_FIELDS
    if not _set_text(rnd, lines, names, lambda s: _insert(s, rnd, bad)):
        return None
    return _dump(lines, ascii_only=rnd.random() < 0.5)


OUT_OF_RANGE = ["0001-01-01", "1999-12-31", "1900-01-01", "1970-01-01", "2101-01-01", "9999-12-31"]


def m_date_range(rnd: random.Random, lines: list[Line]) -> bytes | None:
    if not _set_text(rnd, lines, ("arrival_date", "until"), lambda s: rnd.choice(OUT_OF_RANGE)):
        return None
    return _dump(lines)


def m_event_date_range(rnd: random.Random, lines: list[Line]) -> bytes | None:
    day = rnd.choice(OUT_OF_RANGE)
    for x in lines:
        x["date"] = day  # the whole case, so the state machine has nothing to refuse
    return _dump(lines)


SPELLINGS = ["2026/11/2", "2026.11.2", "2026年11月2日", "20261102", "２０２６-１１-０２", "2026-11-2", "2026-1-02"]
SPELLINGS += ["2026-11-02T00:00", "02/11/2026", "2026-02-30", "2026-13-01", "tomorrow", "2026-11-02 x", "२०२६-११-०२"]


def m_date_spelling(rnd: random.Random, lines: list[Line]) -> bytes | None:
    spell = rnd.choice(SPELLINGS)
    if not _set_text(rnd, lines, DATE_FIELDS, lambda s: spell):
        return None
    return _dump(lines)


def m_oversize(rnd: random.Random, lines: list[Line]) -> bytes | None:
    ok = _set_text(rnd, lines, TEXT_FIELDS + ("case",), lambda s: s * (7000 // max(len(s), 1) + 2))
    return _dump(lines) if ok else None


BAD_INTS: list[Any] = ["5.0", 5.5, 1e3, "1_0", "٥", True, "", 10**30, -3, 0, 21, "二十", [5]]


def m_bad_integer(rnd: random.Random, lines: list[Line]) -> bytes | None:
    case = lines[0]["case"]
    ext = {"case": case, "kind": "request", "type": "extended", "date": "2026-11-10", "reason": "复杂"}
    ext["working_days"] = rnd.choice(BAD_INTS)
    if ext["working_days"] == "":
        ext["working_days"] = "  "
    return _dump([_received(case), ext])


def m_duplicate_key(rnd: random.Random, lines: list[Line]) -> bytes | None:
    x = lines[-1]
    k = rnd.choice([k for k in x if k not in ("case",)])
    text = json.dumps(x, ensure_ascii=False)
    text = text[:-1] + f", {json.dumps(k)}: {json.dumps(x[k], ensure_ascii=False)}}}"
    return (_dump(lines[:-1]).decode() + text + "\n").encode("utf-8")


def m_not_an_object(rnd: random.Random, lines: list[Line]) -> bytes | None:
    good = _dump(lines).decode()
    bad = rnd.choice(
        [
            good.splitlines()[0][: rnd.randrange(1, 40)],
            json.dumps(list(lines[0].values()), ensure_ascii=False),
            '"只是文本"',
            "null",
            "12",
            "{'case': 'x'}",
            '{"case": "x",}',
        ]
    )
    return (good + bad + "\n").encode("utf-8")


def m_bad_bytes(rnd: random.Random, lines: list[Line]) -> bytes | None:
    raw = _dump(lines)
    at = raw.index(b'"applicant": "') + 14 if b'"applicant": "' in raw else len(raw) // 2
    junk = rnd.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe4\xb8", b"\xfe\xfe", b"\x80"])
    return raw[:at] + junk + raw[at:]


EVENT_MUTATIONS: dict[str, Callable[[random.Random, list[Line]], bytes | None]] = {
    "lone surrogate": m_lone_surrogate,
    "deep JSON": m_deep_json,
    "1e999 / NaN / bad amount": m_bad_amount,
    "number or list where text belongs": m_wrong_type,
    "control character in text": m_control_char,
    "date before 2000 / after 2100 (field)": m_date_range,
    "date before 2000 / after 2100 (event)": m_event_date_range,
    "date spelling not YYYY-MM-DD": m_date_spelling,
    "oversize text": m_oversize,
    "bad integer": m_bad_integer,
    "duplicate field": m_duplicate_key,
    "not a JSON object": m_not_an_object,
    "bytes that are not UTF-8": m_bad_bytes,
}

# --------------------------------------------------------------------------
# Registers
# --------------------------------------------------------------------------

HEADER = ["编号", "收到日期", "渠道", "申请人", "申请人类型", "证件号码", "联系方式", "申请内容", "承办处室"]
HEADER += ["答复期限", "答复日期", "办理结果", "备注"]


def register_rows(prefix: str) -> list[list[str]]:
    return [
        [f"{prefix}-1", "2025-03-05", "互联网", "王芳", "自然人", "", "13812345678", "医保基金\n支出明细", "办公室"]
        + ["", "2025-03-20", "予以公开", ""],
        [f"{prefix}-2", "2025/4/7", "邮寄", "某律师事务所", "法律服务机构", "", "", "定点医药机构名单", ""]
        + ["", "2025年4月20日", "部分公开", "涉及第三方"],
        [f"{prefix}-3", "20251103", "当面提交", "李明", "自然人", "", "", "药品集中采购结果", "基金监管股"]
        + ["", "", "", ""],
    ]


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def _enc(text: str, rnd: random.Random) -> bytes:
    return text.encode("utf-8-sig" if rnd.random() < 0.5 else "gb18030", "surrogatepass")


REG_TEXT_COLS = (0, 3, 6, 7, 8, 12)  # 编号 申请人 联系方式 申请内容 承办处室 备注
REG_ONE_LINE = (0, 3, 6, 8)


def r_ragged(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row = rnd.choice(rows)
    if rnd.random() < 0.5:
        row.insert(rnd.randrange(0, len(row) + 1), rnd.choice(["多出来的单元格", "x", "2025-03-05"]))
    else:
        del row[rnd.randrange(0, len(row))]
        if rnd.random() < 0.5:
            del row[rnd.randrange(0, len(row))]
    return _enc(_csv(HEADER, rows), rnd)


def r_bad_quoting(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    text = _csv(HEADER, rows)
    lines = text.split("\r\n")
    i = rnd.randrange(1, len(lines) - 1)
    cells = lines[i].split(",")
    j = rnd.randrange(0, len(cells))
    if rnd.random() < 0.6:
        cells[j] = f'"{cells[j].strip(chr(34))}"多余'  # text after a closing quote
        lines[i] = ",".join(cells)
    else:
        cells[j] = '"' + cells[j].strip('"')  # a quote never closed (it swallows the rest)
        lines[i] = ",".join(cells)
        lines = lines[: i + 1]
    return _enc("\r\n".join(lines) + "\r\n", rnd)


def r_blank_header(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    header = list(HEADER)
    at = rnd.choice([len(header), rnd.randrange(0, len(header) + 1)])
    header.insert(at, rnd.choice(["", " ", "\u3000"]))
    for row in rows:
        row.insert(at, "")
    return _enc(_csv(header, rows), rnd)


def r_control_char(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    bad = rnd.choice(CONTROLS + ODD)
    cols = REG_TEXT_COLS if bad not in "\t\n\r" else REG_ONE_LINE
    row, col = rnd.choice(rows), rnd.choice(cols)
    row[col] = _insert(row[col] or "某", rnd, bad)
    return _enc(_csv(HEADER, rows), rnd)


def r_lone_surrogate(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row, col = rnd.choice(rows), rnd.choice(REG_TEXT_COLS)
    row[col] = _insert(row[col] or "某", rnd, rnd.choice(LONE))
    return _csv(HEADER, rows).encode("utf-8", "surrogatepass")  # bytes that are not UTF-8


def r_date_range(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row = rnd.choice(rows[:2])
    col = rnd.choice([1, 10])
    row[col] = rnd.choice(OUT_OF_RANGE + ["1999/12/31", "1999年12月31日", "19991231", "2101/1/1"])
    if col == 1:
        row[10], row[11], row[12] = "", "", ""  # no reply before a bad received date to blame
    return _enc(_csv(HEADER, rows), rnd)


def r_bad_date(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row = rnd.choice(rows)
    row[1] = rnd.choice(["2025-02-30", "2025-13-01", "2025/0/5", "明天", "5/3/2025", "2025-3", "1e9", "2025–03–05"])
    return _enc(_csv(HEADER, rows), rnd)


def r_oversize(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row, col = rnd.choice(rows), rnd.choice(REG_TEXT_COLS)
    if col == 12 and not row[10]:
        col = 7
    row[col] = (row[col] or "某") * 6000
    return _enc(_csv(HEADER, rows), rnd)


def r_bad_code(rnd: random.Random, rows: list[list[str]]) -> bytes | None:
    row = rnd.choice(rows[:2])
    col = rnd.choice([2, 4, 11])
    row[col] = rnd.choice(["微信", "natural person", "1", "予以公开\x00", "公开 ", "部分"]) if col != 11 else "大概公开"
    return _enc(_csv(HEADER, rows), rnd)


REGISTER_MUTATIONS: dict[str, Callable[[random.Random, list[list[str]]], bytes | None]] = {
    "ragged row (more or fewer cells)": r_ragged,
    "malformed quoting": r_bad_quoting,
    "blank header cell": r_blank_header,
    "control character in a cell": r_control_char,
    "lone surrogate (bytes not UTF-8)": r_lone_surrogate,
    "date before 2000 / after 2100": r_date_range,
    "not a date": r_bad_date,
    "oversize cell": r_oversize,
    "unknown code value": r_bad_code,
}


# --------------------------------------------------------------------------
# Running them
# --------------------------------------------------------------------------


def fingerprint(db: Any) -> str:
    """A digest of every row of every table (to prove a refusal wrote nothing). ``db``: a
    URL, or an engine to reuse (its compiled statements too) across many fingerprints."""
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    import govinfo_cli.store.models  # noqa: F401 - registers the tables

    h = hashlib.sha256()
    engine = sa.create_engine(db, poolclass=sa.pool.NullPool) if isinstance(db, str) else db
    try:
        with engine.connect() as conn:
            for table in SQLModel.metadata.sorted_tables:
                for row in conn.execute(sa.select(table).order_by(*table.primary_key.columns)):
                    h.update(repr(tuple(row)).encode("utf-8", "backslashreplace"))
    finally:
        if engine is not db:
            engine.dispose()
    return h.hexdigest()


class Runner:
    """`govinfo …` in-process through the Typer app, on one database."""

    def __init__(self, db: str) -> None:
        from typer.testing import CliRunner

        from govinfo_cli.cli import app
        from govinfo_cli.store.db import resolve_url

        self.app, self.runner = app, CliRunner()
        self.env = {"GOVINFO_DB": db, "GOVINFO_TODAY": TODAY, "GOVINFO_USER": "fuzz"}
        self.url = resolve_url(db)

    def __call__(self, *args: str) -> tuple[int, str, BaseException | None]:
        r = self.runner.invoke(self.app, list(args), env=self.env, catch_exceptions=True)
        exc = r.exception if r.exception is not None and not isinstance(r.exception, SystemExit) else None
        return r.exit_code, r.stderr, exc


def classify(run: Runner, args: list[str], before: str) -> tuple[str, str]:
    code, err, exc = run(*args)
    if exc is not None:
        return "traceback", f"{type(exc).__name__}: {str(exc)[:120]}"
    if code == 0:
        return "wrongly accepted", ""
    if code not in (1, 2) or not err.strip():
        return "traceback", f"exit {code}, stderr {err[:120]!r}"
    if fingerprint(run.url) != before:
        return "traceback", "the database changed after a refusal"
    return "refused cleanly", err.strip().splitlines()[-1][:160]


def fuzz(run: Runner, work: Path, n_events: int, n_registers: int, seed: int, keep: Path | None) -> dict[str, Any]:
    rnd = random.Random(seed)
    before = fingerprint(run.url)

    def failed(kind: str, verdict: str, note: str, data: bytes, name: str) -> None:
        nonlocal before
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            (keep / name).write_bytes(data)
        if len(examples[kind]) < 3:
            examples[kind].append(f"{verdict}: {note} ← {name}")
        before = fingerprint(run.url)  # an input wrongly taken moved the database on

    table: dict[str, dict[str, collections.Counter]] = {"events": {}, "registers": {}}
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for i in range(n_events):
        kind = rnd.choice(list(EVENT_MUTATIONS))
        lines = rnd.choice(event_templates(f"FZ-{seed}-{i}"))
        data = EVENT_MUTATIONS[kind](rnd, [dict(x) for x in lines])
        if data is None:
            data = m_wrong_type(rnd, [_received(f"FZ-{seed}-{i}")])
            kind = "number or list where text belongs"
        path = work / f"e{i % 2}.jsonl"
        path.write_bytes(data)
        verdict, note = classify(run, ["import", "events", str(path)], before)
        table["events"].setdefault(kind, collections.Counter())[verdict] += 1
        if verdict != "refused cleanly":
            failed(kind, verdict, note, data, f"event-{i}.jsonl")
    for i in range(n_registers):
        kind = rnd.choice(list(REGISTER_MUTATIONS))
        data = REGISTER_MUTATIONS[kind](rnd, register_rows(f"RZ-{seed}-{i}"))
        path = work / f"r{i % 2}.csv"
        path.write_bytes(data or b"")
        verdict, note = classify(run, ["import", "requests", str(path)], before)
        table["registers"].setdefault(kind, collections.Counter())[verdict] += 1
        if verdict != "refused cleanly":
            failed(kind, verdict, note, data or b"", f"register-{i}.csv")
    return {"table": table, "examples": dict(examples)}


def controls(run: Runner, work: Path, n: int) -> dict[str, int]:
    """The same templates unmutated: every one must be accepted (then the database moves on)."""
    accepted = refused = 0
    for i in range(n):
        for j, lines in enumerate(event_templates(f"OK-{i}")):
            lines = [{**x, "case": f"OK-{i}-{j}"} for x in lines]
            path = work / "ok.jsonl"
            path.write_bytes(_dump(lines))
            code, err, exc = run("import", "events", str(path))
            accepted += code == 0 and exc is None
            refused += not (code == 0 and exc is None)
        path = work / "ok.csv"
        path.write_bytes(_csv(HEADER, register_rows(f"OKR-{i}")).encode("utf-8-sig"))
        code, err, exc = run("import", "requests", str(path))
        accepted += code == 0 and exc is None
        refused += not (code == 0 and exc is None)
    return {"valid inputs accepted": accepted, "valid inputs refused": refused}


def processes(db: str, work: Path, seed: int, n: int) -> dict[str, int]:
    """The first inputs again, each as its own `python -m govinfo_cli` process."""
    rnd = random.Random(seed + 1)
    env = {**os.environ, "GOVINFO_DB": db, "GOVINFO_TODAY": TODAY, "GOVINFO_USER": "fuzz"}
    out = collections.Counter()
    for i in range(n):
        if i % 2 == 0:
            kind = rnd.choice(list(EVENT_MUTATIONS))
            data = EVENT_MUTATIONS[kind](rnd, [dict(x) for x in rnd.choice(event_templates(f"PZ-{i}"))])
            cmd, suffix = "events", ".jsonl"
        else:
            kind = rnd.choice(list(REGISTER_MUTATIONS))
            data = REGISTER_MUTATIONS[kind](rnd, register_rows(f"PRZ-{i}"))
            cmd, suffix = "requests", ".csv"
        if data is None:
            continue
        path = work / f"p{suffix}"
        path.write_bytes(data)
        p = subprocess.run(
            [sys.executable, "-m", "govinfo_cli", "import", cmd, str(path)],
            env=env,
            capture_output=True,
            cwd=ROOT,
        )
        err = p.stderr.decode("utf-8", "replace")
        if "Traceback" in err:
            out["traceback"] += 1
        elif p.returncode == 0:
            out["wrongly accepted"] += 1
        elif p.returncode in (1, 2):
            out["refused cleanly"] += 1
        else:
            out[f"exit {p.returncode}"] += 1
    return dict(out)


# --------------------------------------------------------------------------
# Files and disks: real processes
# --------------------------------------------------------------------------


def disk_cases(db_file: Path, work: Path) -> list[dict[str, Any]]:
    env = {**os.environ, "GOVINFO_TODAY": TODAY, "GOVINFO_USER": "fuzz", "GOVINFO_DB": str(db_file)}
    a_file = work / "a-file"
    a_file.write_text("x")
    not_db = work / "not-a-database.db"
    not_db.write_text("这不是数据库\n" * 50)
    newer = work / "newer.db"
    import sqlite3

    with sqlite3.connect(db_file) as src, sqlite3.connect(newer) as c:
        src.backup(c)  # the WAL's pages too
        c.execute("UPDATE alembic_version SET version_num = '9999'")
    ro = f"sqlite:///file:{db_file}?mode=ro&uri=true"
    XLSX = ["--format", "xlsx"]  # noqa: N806
    add = ["request", "add", "--applicant", "王芳", "--subject", "x", "--channel", "online", "--type", "自然人"]
    cases: list[tuple[str, list[str], str | None, Path | None]] = [
        ("db backup to a path under a regular file", ["db", "backup", str(a_file / "b.db")], None, a_file),
        ("db backup into a missing directory", ["db", "backup", str(work / "nope" / "b.db")], None, work / "nope"),
        ("export events --out /dev/full", ["export", "events", "--out", "/dev/full"], None, None),
        ("export requests --out /dev/full", ["export", "requests", "--out", "/dev/full"], None, None),
        ("export requests xlsx to /dev/full", ["export", "requests", *XLSX, "--out", "/dev/full"], None, None),
        ("export requests > /dev/full (stdout)", ["export", "requests"], "/dev/full", None),
        ("due > /dev/full (stdout)", ["due"], "/dev/full", None),
        ("due --ics /dev/full", ["due", "--ics", "/dev/full"], None, None),
        ("report annual --out /dev/full", ["report", "annual", "2025", *XLSX, "--out", "/dev/full"], None, None),
        ("export into a missing directory", ["export", "requests", "--out", str(work / "nope" / "a.csv")], None, work),
        ("export to a path under a regular file", ["export", "requests", "--out", str(a_file / "a.csv")], None, work),
        ("export onto a directory", ["export", "requests", "--out", str(work)], None, work),
        ("a read-only database", ["--db", ro, *add], None, None),
        ("a file that is not a database", ["--db", str(not_db), "due"], None, None),
        ("a database from a newer govinfo", ["--db", str(newer), "due"], None, None),
        ("a database path under a regular file", ["--db", str(a_file / "g.db"), "due"], None, None),
    ]
    results = []
    for name, args, stdout_to, watch in cases:
        listing = sorted(p.name for p in watch.iterdir()) if watch and watch.is_dir() else None
        out = open(stdout_to, "wb") if stdout_to else subprocess.PIPE  # noqa: SIM115
        try:
            p = subprocess.run(
                [sys.executable, "-m", "govinfo_cli", *args], env=env, stdout=out, stderr=subprocess.PIPE, cwd=ROOT
            )
        finally:
            if stdout_to:
                out.close()
        err = p.stderr.decode("utf-8", "replace").strip()
        after = sorted(p.name for p in watch.iterdir()) if watch and watch.is_dir() else None
        results.append(
            {
                "case": name,
                "exit": p.returncode,
                "traceback": "Traceback" in err,
                "lines": len(err.splitlines()),
                "left_behind": sorted(set(after or []) - set(listing or [])),
                "message": err.splitlines()[-1] if err else "",
            }
        )
    return results


# --------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--registers", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--processes", type=int, default=40, help="inputs also run as separate processes")
    ap.add_argument("--controls", type=int, default=20, help="rounds of unmutated templates (must be accepted)")
    ap.add_argument("--keep", type=Path, help="save every input not refused cleanly into this directory")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="govinfo-fuzz-"))
    try:
        db = work / "office.db"
        run = Runner(str(db))
        code, err, exc = run("import", "events", str(SAMPLE))
        if code != 0 or exc is not None:
            raise SystemExit(f"seeding the sample office failed: {err or exc}")
        t = time.perf_counter()
        report = fuzz(run, work, args.events, args.registers, args.seed, args.keep)
        report["seconds"] = round(time.perf_counter() - t, 1)
        report["processes"] = processes(str(db), work, args.seed, args.processes)
        report["controls"] = controls(run, work, args.controls)
        report["disk"] = disk_cases(db, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1, default=dict))
        return
    print_report(report, args)


def print_report(report: dict[str, Any], args: argparse.Namespace) -> None:
    cols = ("refused cleanly", "traceback", "wrongly accepted")
    print(f"seed {args.seed}; {args.events} event-line files, {args.registers} registers; {report['seconds']} s\n")
    titles = {"events": "event lines (`import events`)", "registers": "request registers (`import requests`)"}
    for what, title in titles.items():
        rows = report["table"][what]
        total = collections.Counter()
        print(f"| {title} | tried | " + " | ".join(cols) + " |")
        print("| --- | ---: | " + " | ".join("---:" for _ in cols) + " |")
        for kind in sorted(rows):
            c = rows[kind]
            total.update(c)
            print(f"| {kind} | {sum(c.values())} | " + " | ".join(str(c[k]) for k in cols) + " |")
        print(f"| **all** | **{sum(total.values())}** | " + " | ".join(f"**{total[k]}**" for k in cols) + " |\n")
    print(f"as separate processes: {report['processes']}")
    print(f"unmutated templates: {report['controls']}\n")
    print("| file or disk case | exit | traceback | stderr lines | left behind | message |")
    print("| --- | ---: | --- | ---: | --- | --- |")
    for d in report["disk"]:
        left = ", ".join(d["left_behind"]) or "nothing"
        tb = "yes" if d["traceback"] else "no"
        print(f"| {d['case']} | {d['exit']} | {tb} | {d['lines']} | {left} | {d['message']} |")
    if report["examples"]:
        print("\nexamples of failures:")
        for kind, items in report["examples"].items():
            for item in items:
                print(f"  [{kind}] {item}")


if __name__ == "__main__":
    main()
