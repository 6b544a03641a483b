"""Generated bad input through the command line (issue 18): whatever an event line or a
register holds, govinfo answers with a refusal (exit 1 or 2, a message, no traceback) and
the database is exactly as it was; good input is still taken.

The kinds of bad input are bench/fuzz_inputs.py's (lone surrogates, deep JSON, 1e999/NaN
amounts, numbers or lists where text belongs, control characters, dates out of range or
misspelt, oversize text, ragged rows, malformed quoting, blank header cells, bytes that are
not UTF-8 …); hypothesis picks the kind and the random choices within it, and also writes
arbitrary text and JSON values into fields. The fast suite runs a fixed set of examples
(derandomized: the same ones every run); the slow step (`pytest -m slow`) runs new random
ones, 100 by default: `GOVINFO_FUZZ_EXAMPLES=3000 pytest -m slow tests/test_fuzz_inputs.py`
for thousands, or `python bench/fuzz_inputs.py`.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from govinfo_cli.core import fields

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "events.jsonl"


def _bench():
    spec = importlib.util.spec_from_file_location("govinfo_bench_fuzz", ROOT / "bench" / "fuzz_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FZ = _bench()
FAST = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


class Office:
    """The sample office's database, and `govinfo` run in-process against it."""

    def __init__(self, tmp: Path) -> None:
        import sqlalchemy as sa

        from govinfo_cli.cli import app
        from govinfo_cli.store.db import resolve_url

        self.app, self.runner, self.tmp = app, CliRunner(), tmp
        self.url = resolve_url(os.environ["GOVINFO_DB"])
        self.engine = sa.create_engine(self.url, poolclass=sa.pool.NullPool)  # for FZ.fingerprint
        self.n = 0

    def run(self, *args: str) -> tuple[int, str, BaseException | None]:
        """(exit code, stderr, the exception that escaped the command if any)."""
        r = self.runner.invoke(self.app, list(args), catch_exceptions=True)
        exc = r.exception if not isinstance(r.exception, SystemExit | None) else None
        self.stdout = r.stdout
        return r.exit_code, r.stderr, exc

    def feed(self, command: str, data: bytes, suffix: str) -> tuple[int, str, BaseException | None]:
        self.n += 1
        path = self.tmp / f"input-{self.n}{suffix}"
        path.write_bytes(data)
        return self.run("import", command, str(path))

    def refuses(self, command: str, data: bytes, suffix: str) -> str:
        """Feed ``data``; it must be refused cleanly with the database untouched. Its message."""
        before = FZ.fingerprint(self.engine)
        code, err, exc = self.feed(command, data, suffix)
        assert exc is None, f"traceback: {exc!r} on {data[:300]!r}"
        assert code in (1, 2), f"exit {code} (wrongly accepted?) on {data[:300]!r}"
        assert err.strip() and "Traceback" not in err
        assert FZ.fingerprint(self.engine) == before, "the database changed after a refusal"
        return err


def _sample(cli, home: Path) -> None:  # noqa: ANN001
    r = cli("import", "events", str(SAMPLE))
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def office(seeded, tmp_path: Path) -> Iterator[Office]:
    seeded(_sample)
    office = Office(tmp_path)
    yield office
    office.engine.dispose()


# --------------------------------------------------------------------------
# The generator's kinds of bad input: always refused, nothing written
# --------------------------------------------------------------------------


@FAST
@given(kind=st.sampled_from(sorted(FZ.EVENT_MUTATIONS)), template=st.integers(0, 8), seed=st.integers(0, 2**32))
def test_generated_bad_event_lines_are_refused_with_nothing_written(office, kind, template, seed) -> None:
    rnd = random.Random(seed)
    lines = [dict(x) for x in FZ.event_templates(f"H-{office.n}")[template]]
    data = FZ.EVENT_MUTATIONS[kind](rnd, lines)
    if data is None:  # the kind does not apply to this template
        return
    err = office.refuses("events", data, ".jsonl")
    assert "line " in err or ".jsonl:" in err  # where: the line (or the file, for its bytes)


@FAST
@given(kind=st.sampled_from(sorted(FZ.REGISTER_MUTATIONS)), seed=st.integers(0, 2**32))
def test_generated_bad_registers_are_refused_with_the_line_and_nothing_written(office, kind, seed) -> None:
    rnd = random.Random(seed)
    data = FZ.REGISTER_MUTATIONS[kind](rnd, FZ.register_rows(f"HR-{office.n}"))
    err = office.refuses("requests", data, ".csv")
    assert ".csv:" in err  # file and line (and column, for a cell)


# --------------------------------------------------------------------------
# Arbitrary text and JSON values in fields: refused cleanly, or stored clean
# --------------------------------------------------------------------------

TEXT_SLOTS = ["applicant", "subject", "department", "contact", "case"]
TEXTS = st.text(min_size=1, max_size=80)


@FEW
@given(slot=st.sampled_from(TEXT_SLOTS), text=TEXTS)
def test_any_text_in_a_field_is_refused_cleanly_or_stored_as_clean_text(office, slot, text) -> None:
    text_in_a_field(office, slot, text)


def text_in_a_field(office: Office, slot: str, text: str) -> None:
    line = FZ._received(f"T-{office.n}")
    line[slot] = text
    data = json.dumps(line, ensure_ascii=True).encode() + b"\n"
    before = FZ.fingerprint(office.engine)
    code, err, exc = office.feed("events", data, ".jsonl")
    assert exc is None, f"traceback: {exc!r}"
    if code != 0:
        assert code == 1 and err.strip()
        assert FZ.fingerprint(office.engine) == before
        return
    number = text.strip(fields.BLANKS) if slot == "case" else line["case"]
    stored = _stored(office, number)
    value = stored["case"] if slot == "case" else stored["events"][0][slot]
    assert fields.bad_character(value) is None  # no control character, no lone surrogate
    if slot != "subject":  # one line
        assert "\t" not in value and "\n" not in value and "\r" not in value


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


JSON_FIELDS = ["applicant", "amount", "working_days", "until", "date", "kind", "type", "x", "at", "days"]


@FEW
@given(template=st.integers(0, 8), field=st.sampled_from(JSON_FIELDS), value=JSON_VALUES)
def test_any_json_value_in_any_field_never_ends_in_a_traceback(office, template, field, value) -> None:
    json_value_in_a_field(office, template, field, value)


def json_value_in_a_field(office: Office, template: int, field: str, value: Any) -> None:
    lines = [dict(x) for x in FZ.event_templates(f"J-{office.n}")[template]]
    lines[-1][field] = value
    data = "".join(json.dumps(x, ensure_ascii=True) + "\n" for x in lines).encode()
    before = FZ.fingerprint(office.engine)
    code, err, exc = office.feed("events", data, ".jsonl")
    assert exc is None, f"traceback: {exc!r} on {data!r}"
    assert code in (0, 1, 2)
    if code != 0:
        assert err.strip() and FZ.fingerprint(office.engine) == before


# --------------------------------------------------------------------------
# A longer run (marked slow)
# --------------------------------------------------------------------------


MANY = int(os.environ.get("GOVINFO_FUZZ_EXAMPLES", "100"))


@pytest.mark.slow
@settings(max_examples=MANY, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    which=st.sampled_from(["events", "registers"]),
    ev=st.sampled_from(sorted(FZ.EVENT_MUTATIONS)),
    reg=st.sampled_from(sorted(FZ.REGISTER_MUTATIONS)),
    template=st.integers(0, 8),
    seed=st.integers(0, 2**32),
)
def test_many_generated_bad_inputs_are_all_refused(office, which, ev, reg, template, seed) -> None:
    rnd = random.Random(seed)
    if which == "events":
        data = FZ.EVENT_MUTATIONS[ev](rnd, [dict(x) for x in FZ.event_templates(f"S-{office.n}")[template]])
        if data is not None:
            office.refuses("events", data, ".jsonl")
    else:
        office.refuses("requests", FZ.REGISTER_MUTATIONS[reg](rnd, FZ.register_rows(f"SR-{office.n}")), ".csv")


@pytest.mark.slow
@settings(max_examples=MANY, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    slot=st.sampled_from(TEXT_SLOTS),
    text=TEXTS,
    template=st.integers(0, 8),
    field=st.sampled_from(JSON_FIELDS),
    value=JSON_VALUES,
)
def test_many_texts_and_json_values_in_fields_are_refused_cleanly_or_stored_clean(
    office, slot, text, template, field, value
) -> None:
    text_in_a_field(office, slot, text)
    json_value_in_a_field(office, template, field, value)


# --------------------------------------------------------------------------
# Good input is still taken
# --------------------------------------------------------------------------


def test_every_unmutated_template_is_accepted(office) -> None:
    for j in range(len(FZ.event_templates("x"))):
        lines = [{**x, "case": f"OK-{j}"} for x in FZ.event_templates("x")[j]]
        code, err, exc = office.feed("events", FZ._dump(lines), ".jsonl")
        assert exc is None and code == 0, err
    data = FZ._csv(FZ.HEADER, FZ.register_rows("OKR")).encode("utf-8-sig")
    code, err, exc = office.feed("requests", data, ".csv")
    assert exc is None and code == 0, err


def _stored(office: Office, case: str) -> dict[str, Any]:
    code, err, _ = office.run("show", case, "--json", "--reveal")
    assert code == 0, err
    return json.loads(office.stdout)
