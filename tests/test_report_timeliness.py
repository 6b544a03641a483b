"""The timeliness report (办理时效, for 昌宁县医疗保障局's 《责任追究制度》). The working
days below are counted by hand on the 2026 calendar (清明: 4–6 April, 6 April a Monday off).

  case  department   received    events                               reply due   replied     wd
  T1    基金监管股    2026-03-02  replied 03-09                        03-30       on time      5
  T2    基金监管股    2026-03-02  replied 04-02                        03-30       3 wd late   23
  T3    办公室        2026-03-02  extended +10 wd, replied 04-08       04-14       on time     26
  T4    办公室        2026-10-12  open                                 11-09       overdue now
  T5    —             2026-05-06  withdrawn 05-08
  T6    —             2026-11-02  fee notice 11-04, unpaid             (suspended: not overdue)
  T0    基金监管股    2025-12-22  replied 2026-01-20                   received 2025, replied 2026
"""

from __future__ import annotations

import pytest

from tests.builders import jsonl, line, received_line

LINES = [
    received_line("T0", "2025-12-22", department="基金监管股"),
    line("T0", "replied", "2026-01-20", outcome="disclosed"),
    received_line("T1", "2026-03-02", department="基金监管股"),
    line("T1", "replied", "2026-03-09", outcome="disclosed"),
    received_line("T2", "2026-03-02", department="基金监管股"),
    line("T2", "replied", "2026-04-02", outcome="disclosed"),
    received_line("T3", "2026-03-02", department="办公室"),
    line("T3", "extended", "2026-03-10", working_days=10, reason="需协调多个处室"),
    line("T3", "replied", "2026-04-08", outcome="disclosed"),
    received_line("T4", "2026-10-12", department="办公室"),
    received_line("T5", "2026-05-06"),
    line("T5", "withdrawn", "2026-05-08"),
    received_line("T6", "2026-11-02"),
    line("T6", "fee_notice_received", "2026-11-04", amount=100),
]


def _lines(cli, home):  # noqa: ANN001
    src = home / "t.jsonl"
    src.write_text(jsonl(LINES), "utf-8")
    r = cli("import", "events", str(src))
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def tcli(seeded):  # noqa: ANN001, ANN201
    return seeded(_lines)


def test_replies_on_time_and_late_with_working_days_late(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2026", "--json").json()
    assert row["group"] == "全部"
    assert (row["replied"], row["on_time"], row["late"]) == (4, 3, 1)  # T0 T1 T2 T3
    assert row["late_detail"] == [{"case": "T2", "working_days": 3}]  # 03-31, 04-01, 04-02
    assert row["late_cases"] == ["T2"]


def test_extensions_are_counted_with_their_working_days(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2026", "--json").json()
    assert (row["extensions"], row["extension_working_days"]) == (1, 10)


def test_average_and_90th_percentile_working_days_from_receipt_to_reply(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2026", "--json").json()
    # T0: 2025-12-22 → 2026-01-20: Dec 23–26 (4), 29–31 (3), Jan 2 is off (元旦 1–3 Jan; 4 Jan a
    # make-up working Sunday), Jan 4–9 (6), 12–16 (5), 19–20 (2) = 20
    days = sorted([20, 5, 23, 26])
    assert row["avg_working_days"] == round(sum(days) / 4, 1) == 18.5
    assert row["p90_working_days"] == 26  # nearest rank: ceil(3.6) = 4th
    assert "未扣除" in row["days_basis"]


def test_a_withdrawal_is_not_a_reply(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2026", "--json").json()
    assert row["withdrawn"] == 1  # T5


def test_open_and_overdue_now_leave_out_a_reply_suspended_for_an_unpaid_fee(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2026", "--json").json()
    assert (row["open_now"], row["overdue_now"], row["overdue_cases"]) == (2, 1, ["T4"])


def test_a_request_counts_in_the_year_it_was_answered(tcli) -> None:
    (row,) = tcli("report", "timeliness", "2025", "--json").json()
    assert (row["replied"], row["late"], row["avg_working_days"]) == (0, 0, None)  # T0 is 2026's


def test_by_department(tcli) -> None:
    rows = {r["group"]: r for r in tcli("report", "timeliness", "2026", "--by", "department", "--json").json()}
    assert set(rows) == {"基金监管股", "办公室", "（未指定）"}
    fund, office, none = rows["基金监管股"], rows["办公室"], rows["（未指定）"]
    assert (fund["replied"], fund["on_time"], fund["late"], fund["avg_working_days"]) == (3, 2, 1, 16.0)
    assert fund["p90_working_days"] == 23  # [5, 20, 23]: ceil(2.7) = 3rd
    assert (office["replied"], office["extensions"], office["overdue_cases"]) == (1, 1, ["T4"])
    assert (none["replied"], none["withdrawn"], none["open_now"], none["overdue_now"]) == (0, 1, 1, 0)


def test_csv_has_one_row_per_group_and_the_case_lists(tcli) -> None:
    import csv
    import io

    out = tcli("report", "timeliness", "2026", "--by", "department", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
    by = {r["分组"]: r for r in rows}
    assert by["基金监管股"]["逾期"] == "1" and by["基金监管股"]["逾期答复案件"] == "T2"
    assert by["办公室"]["当前逾期案件"] == "T4"


def test_the_table_says_pauses_are_not_subtracted_and_names_late_cases(tcli) -> None:
    r = tcli("report", "timeliness", "2026")
    assert r.exit_code == 0
    assert "未扣除征求意见、缴费等中止期间" in r.stdout
    assert "T2（逾期 3 个工作日）" in r.stdout and "当前逾期未答复：T4" in r.stdout


def test_by_accepts_only_department(tcli) -> None:
    r = tcli("report", "timeliness", "2026", "--by", "applicant")
    assert r.exit_code != 0 and "department" in r.stderr
