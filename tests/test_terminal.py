"""The clerk's terminal (issue 15): safe defaults, forgiving input, honest output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import dump, ok

REQUEST = ("--channel", "当面提交", "--applicant", "张伟", "--type", "自然人", "--subject", "2025年医保基金支出明细")


def add_request(cli, *extra: str):  # noqa: ANN001, ANN201
    return ok(cli("request", "add", "--received", "2026-11-20", *REQUEST, "--department", "基金监管股", *extra))


# 1. a database named by --db / GOVINFO_DB that does not exist -----------------------------


@pytest.mark.parametrize(
    "args",
    [("due",), ("show", "依申〔2026〕1号"), ("request", "list"), ("config", "get", "agency.name"), ("db", "check")],
)
def test_a_missing_named_database_is_refused_and_nothing_is_created(cli, tmp_path, args) -> None:
    typo = tmp_path / "typo" / "govnifo.db"
    r = cli("--db", str(typo), *args)
    assert r.exit_code == 1
    assert r.stderr.count("\n") == 1 and str(typo) in r.stderr and "db init" in r.stderr
    assert not typo.exists() and not typo.parent.exists()


def test_a_missing_database_from_govinfo_db_is_refused_naming_the_variable(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVINFO_DB", str(tmp_path / "nope.db"))
    r = cli("due")
    assert r.exit_code == 1 and "GOVINFO_DB" in r.stderr and not (tmp_path / "nope.db").exists()


@pytest.mark.parametrize("create", [("db", "init"), ("db", "upgrade")])
def test_db_init_and_upgrade_create_the_named_database(cli, tmp_path, create) -> None:
    new = tmp_path / "new" / "office.db"
    ok(cli("--db", str(new), *create))
    assert new.exists()
    assert ok(cli("--db", str(new), "due", "--json")).json() == []


def test_help_of_a_command_is_shown_even_when_the_named_database_is_missing(cli, tmp_path) -> None:
    r = cli("--db", str(tmp_path / "nope.db"), "due", "--help")
    assert r.exit_code == 0 and not (tmp_path / "nope.db").exists()
