"""Regional calendar layers (docs/rules.md §13) as a clerk uses them: the region setting, the
recompute it triggers, local layer files, `calendar status`/`show`, `show --explain`, `due`,
and the letters and reports that read the replayed deadlines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.builders import import_lines, line, received_line
from tests.conftest import dump, ok

SAMPLE = Path(__file__).parent.parent / "sample_data" / "liangshan.toml"

# Urumqi, 2025 (新疆维吾尔自治区人民政府办公厅 2025年通知: 古尔邦节 6-6…6-10 off): a request
# received 2025-06-03 is due 2025-07-01 nationally, 2025-07-04 in Xinjiang (6-6, 6-9 and 6-10
# are weekdays inside the 20 working days); its correction window 6-12 → 6-17.
URUMQI = [received_line("X1", "2025-06-03", department="办公室")]


def deadlines(cli, case: str) -> dict:  # noqa: ANN001
    return {k: v["due"] for k, v in ok(cli("show", case, "--json")).json()["deadlines"].items()}


def test_setting_the_region_recomputes_the_deadlines_and_says_how_many_moved(cli, tmp_path) -> None:
    import_lines(cli, tmp_path / "x.jsonl", URUMQI)
    assert deadlines(cli, "X1") == {"correction_notice": "2025-06-12", "reply": "2025-07-01"}
    r = ok(cli("config", "set", "calendar.region", "xinjiang"))
    assert "calendar.region = xinjiang；2 个期限随之变化" in r.stderr + r.stdout
    assert deadlines(cli, "X1") == {"correction_notice": "2025-06-17", "reply": "2025-07-04"}
    r = ok(cli("config", "set", "calendar.region", "none"))
    assert "2 个期限随之变化" in r.stderr + r.stdout
    assert deadlines(cli, "X1")["reply"] == "2025-07-01"
    audit = ok(cli("audit", "--json")).json()
    assert [a["detail"] for a in audit if a["target"] == "calendar.region"] == ["xinjiang", "none"]


def test_a_region_change_moves_only_the_cases_that_count_across_its_days(cli, tmp_path) -> None:
    import_lines(
        cli,
        tmp_path / "x.jsonl",
        URUMQI + [received_line("X2", "2025-09-01"), line("X2", "replied", "2025-09-05", outcome="disclosed")],
    )
    before = deadlines(cli, "X2")
    r = ok(cli("config", "set", "calendar.region", "新疆"))  # the Chinese name is taken too
    assert "calendar.region = xinjiang；2 个期限随之变化" in r.stderr + r.stdout
    assert deadlines(cli, "X2") == before
    assert ok(cli("config", "get", "calendar.region")).stdout.strip() == "xinjiang"


def test_an_unknown_region_is_refused_in_one_line_and_nothing_is_written(cli) -> None:
    before = dump()
    r = cli("config", "set", "calendar.region", "yunnan")
    assert r.exit_code == 1
    assert len(r.stderr.strip().splitlines()) == 1
    assert "calendar.region：未知地区 'yunnan'" in r.stderr and "xinjiang" in r.stderr
    assert dump() == before


def test_the_xinjiang_profile_implies_the_xinjiang_layer_unless_the_region_says_otherwise(cli, tmp_path) -> None:
    import_lines(cli, tmp_path / "x.jsonl", URUMQI)
    ok(cli("config", "set", "profile", "xinjiang"))
    assert deadlines(cli, "X1")["reply"] == "2025-07-04"
    status = ok(cli("calendar", "status", "--json")).json()
    assert status["region"] == {"name": "xinjiang", "title": "新疆维吾尔自治区", "from": "profile"}
    ok(cli("config", "set", "calendar.region", "none"))  # explicitly none
    assert deadlines(cli, "X1")["reply"] == "2025-07-01"
    ok(cli("config", "set", "calendar.region", "ningxia"))  # another region (古尔邦节 6-6 only)
    assert deadlines(cli, "X1")["reply"] == "2025-07-02"
    ok(cli("config", "set", "calendar.region", ""))  # not set again: the profile decides
    assert deadlines(cli, "X1")["reply"] == "2025-07-04"


def test_due_reads_the_region_in_its_snapshot(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("GOVINFO_TODAY", "2025-06-03")
    import_lines(cli, tmp_path / "x.jsonl", URUMQI)
    (row,) = [i for i in ok(cli("due", "--within", "30", "--json")).json() if i["deadline"] == "reply"]
    assert (row["due"], row["working_days_left"]) == ("2025-07-01", 20)  # the snapshot is stored now
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    (row,) = [i for i in ok(cli("due", "--within", "30", "--json")).json() if i["deadline"] == "reply"]
    assert (row["due"], row["working_days_left"]) == ("2025-07-04", 20)


def test_show_explain_names_the_regional_days_skipped_and_their_notice(cli, tmp_path) -> None:
    import_lines(cli, tmp_path / "x.jsonl", URUMQI)
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    text = ok(cli("show", "X1", "--explain")).stdout
    assert "新疆维吾尔自治区古尔邦节（放假，跳过）：2025-06-06、2025-06-09、2025-06-10" in text
    assert "依据《新疆维吾尔自治区人民政府办公厅关于2025年节假日放假和冬夏季作息时间安排的通知》" in text
    data = ok(cli("show", "X1", "--json", "--explain")).json()
    regional = data["deadlines"]["reply"]["explain"]["regional"]
    assert [r["date"] for r in regional] == ["2025-06-06", "2025-06-09", "2025-06-10"]
    assert {(r["layer"], r["festival"], r["confirmed"]) for r in regional} == {("xinjiang", "古尔邦节", True)}


def test_show_explain_marks_a_year_whose_notice_was_not_read(cli, tmp_path) -> None:
    import_lines(cli, tmp_path / "x.jsonl", [received_line("X3", "2026-05-25")])
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    text = ok(cli("show", "X3", "--explain")).stdout
    assert "新疆维吾尔自治区古尔邦节（放假，跳过）：2026-05-27、2026-05-28、2026-05-29" in text
    assert "依据通知原文未核实；该年度尚未确认，期限暂定" in text
    assert ok(cli("show", "X3", "--json")).json()["deadlines"]["correction_notice"]["provisional"] is True


def test_calendar_show_marks_the_regional_days_with_their_layer_and_festival(cli) -> None:
    ok(cli("config", "set", "calendar.region", "guangxi"))
    text = ok(cli("calendar", "show", "2022-04")).stdout
    assert " 2休※" in text and " 6休※" in text  # 4-2: a national make-up Saturday, off in Guangxi
    assert "2022-04-06 ※广西壮族自治区：壮族三月三" in text
    days = {d["date"]: d for d in ok(cli("calendar", "show", "2022-04", "--json")).json()["days"]}
    assert (days["2022-04-02"]["working_day"], days["2022-04-02"]["layer"]) == (False, "guangxi")
    assert days["2022-04-06"]["festival"] == "壮族三月三"
    assert days["2022-04-05"]["layer"] is None  # 清明节: national, the region changes nothing


def test_calendar_status_lists_each_layers_confirmed_unconfirmed_and_missing_years(cli) -> None:
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    ok(cli("calendar", "layer", "import", str(SAMPLE)))
    info = ok(cli("calendar", "status", "--json")).json()
    layers = {x["layer"]: x for x in info["layers"]}
    assert list(layers) == ["national", "xinjiang", "liangshan"]
    xj = layers["xinjiang"]
    assert xj["kind"] == "region"
    assert (xj["confirmed"], xj["unconfirmed"]) == ([2022, 2023, 2025], [2021, 2024, 2026])
    assert 2019 in xj["missing"] and 2020 in xj["missing"] and 2027 in xj["missing"]
    ls = layers["liangshan"]
    assert (ls["kind"], ls["confirmed"], ls["unconfirmed"]) == ("local", [2023], [2024])
    assert 2026 in layers["national"]["confirmed"] and 2027 in layers["national"]["unconfirmed"]
    text = ok(cli("calendar", "status")).stdout
    assert "地区日历层：新疆维吾尔自治区（xinjiang，按 calendar.region 设置）" in text
    assert "2022–2023、2025" in text and "2021、2024、2026" in text
    assert "凉山彝族自治州（liangshan）" in text


def test_a_local_layer_is_imported_listed_and_removed_and_each_recomputes(cli, tmp_path) -> None:
    # 凉山 2023 (凉府办函〔2022〕121号): 火把节 8-10…8-16 off, Sunday 8-6 and Saturday 8-19 worked.
    # Received 2023-08-04 (Friday): 7 working days → nationally 8-15; in 凉山 8-6 ①, 8-7 ② 8-8 ③,
    # 8-9 民族团结进步节 休, 8-10…8-16 休, 8-17 ④ 8-18 ⑤ 8-19 ⑥, 8-21 ⑦
    import_lines(cli, tmp_path / "x.jsonl", [received_line("L1", "2023-08-04")])
    assert deadlines(cli, "L1")["correction_notice"] == "2023-08-15"
    r = ok(cli("calendar", "layer", "import", str(SAMPLE)))
    assert "已导入本地日历层 凉山彝族自治州（liangshan）：2023、2024（未确认）" in r.stderr + r.stdout
    assert "2 个期限随之变化" in r.stderr + r.stdout
    assert deadlines(cli, "L1")["correction_notice"] == "2023-08-21"
    (row,) = ok(cli("calendar", "layer", "list", "--json")).json()
    assert (row["name"], row["file"], row["years"]) == ("liangshan", "liangshan.toml", [2023, 2024])
    assert "凉山彝族自治州" in ok(cli("calendar", "layer", "list")).stdout
    r = ok(cli("calendar", "layer", "import", str(SAMPLE)))  # again: replaced, nothing moves
    assert "已替换本地日历层" in r.stderr + r.stdout and "0 个期限随之变化" in r.stderr + r.stdout
    r = ok(cli("calendar", "layer", "remove", "liangshan"))
    assert "已删除本地日历层 liangshan；2 个期限随之变化" in r.stderr + r.stdout
    assert deadlines(cli, "L1")["correction_notice"] == "2023-08-15"
    assert ok(cli("calendar", "layer", "list", "--json")).json() == []


def test_removing_a_layer_that_is_not_there_is_refused(cli) -> None:
    r = cli("calendar", "layer", "remove", "yanbian")
    assert r.exit_code == 1 and "没有名为 'yanbian' 的本地日历层" in r.stderr


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            'name = "yanbian"\ntitle = "延边朝鲜族自治州"\n\n[[year]]\nyear = 2025\nconfirmed = true\n'
            'notice = "延边州通知"\noff = [{ from = 2025-09-03, to = 2025-08-01, festival = "州庆" }]\n',
            "bad.toml:8:29: to 2025-08-01 应在 from 2025-09-03 之后",
        ),
        ('name = "yanbian"\ntitle = "延边朝鲜族自治州"\n[[year]\n', "bad.toml:3:7: 不是有效的 TOML"),
        ('name = "xinjiang"\ntitle = "新疆"\n', "bad.toml:1: name = 'xinjiang' 是内置的日历层"),
    ],
)
def test_a_bad_layer_file_is_refused_with_file_line_and_column_and_nothing_is_written(cli, tmp_path, text, where):
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    before = dump()
    r = cli("calendar", "layer", "import", str(bad))
    assert r.exit_code == 1
    assert where in r.stderr.replace(str(tmp_path) + "/", "")
    assert dump() == before


def test_the_layer_commands_help_has_a_runnable_example(cli) -> None:
    text = ok(cli("calendar", "layer", "import", "--help")).stdout
    assert "govinfo calendar layer import liangshan.toml" in text.split("示例：", 1)[1]
    assert "docs/calendar-layers.md" in text and "sample_data/liangshan.toml" in text


def test_the_extension_letter_of_a_xinjiang_office_states_the_regional_date(cli, tmp_path) -> None:
    # extended 2025-06-20 by 10 working days: Xinjiang 7-4 + 10 → 7-18 (national 7-1 + 10 → 7-15)
    import_lines(
        cli,
        tmp_path / "x.jsonl",
        URUMQI + [line("X1", "extended", "2025-06-20", working_days=10, reason="需调取档案")],
    )
    from govinfo_cli.app.demo import DEMO_SETTINGS

    for key, value in DEMO_SETTINGS.items():  # the letterhead settings a letter needs
        ok(cli("config", "set", key, value))
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    md = ok(cli("letter", "X1", "extension", "--format", "md")).stdout
    assert "2025年7月18日" in md and "2025年7月15日" not in md


def test_the_timeliness_report_of_a_xinjiang_office_counts_a_reply_on_its_regional_date_on_time(cli, tmp_path):
    # replied 2025-07-03: on time in Xinjiang (due 7-4), 2 working days late nationally (due 7-1)
    import_lines(cli, tmp_path / "x.jsonl", URUMQI + [line("X1", "replied", "2025-07-03", outcome="disclosed")])
    (row,) = ok(cli("report", "timeliness", "2025", "--json")).json()
    assert (row["on_time"], row["late"], row["late_detail"]) == (0, 1, [{"case": "X1", "working_days": 2}])
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    (row,) = ok(cli("report", "timeliness", "2025", "--json")).json()
    assert (row["on_time"], row["late"], row["late_cases"]) == (1, 0, [])


def test_the_weekdays_the_notices_name_agree_with_the_calendar() -> None:
    # the shipped notices name weekdays next to their dates: each one agrees with the calendar
    from govinfo_cli.app.calendar import REGIONS, shipped_layer

    names = "一二三四五六日"
    for region in REGIONS:
        for y in shipped_layer(region).years:
            for day, weekday in _named_weekdays(y.source, y.year):
                assert names[day.weekday()] == weekday, f"{region} {y.year}: {day} is not 星期{weekday}"


def _named_weekdays(text: str, year: int) -> list[tuple[dt.date, str]]:
    import re

    out = []
    for m in re.finditer(r"(\d{1,2})月(\d{1,2})日（(?:星期|周)([一二三四五六日])", text):
        out.append((dt.date(year, int(m.group(1)), int(m.group(2))), m.group(3)))
    return out


def test_due_reads_the_layers_from_its_snapshot_without_loading_the_layer_files(tmp_path) -> None:
    """After the first command stored the snapshot, `due` on a Xinjiang office checks the
    snapshot's stamp (the region and a digest of its file) and parses no layer."""
    import os
    import subprocess
    import sys

    db = str(tmp_path / "o.db")
    env = {**os.environ, "GOVINFO_TODAY": "2025-06-03", "GOVINFO_USER": "测试"}
    from typer.testing import CliRunner

    from govinfo_cli.cli import app

    for args in (["db", "init"], ["config", "set", "calendar.region", "xinjiang"], ["due"]):  # (in this process)
        assert CliRunner().invoke(app, ["--db", db, *args], env=env).exit_code == 0, args
    code = f"""
import sys
from govinfo_cli.cli import app
try:
    app(args=["--db", {db!r}, "due"], prog_name="govinfo")
except SystemExit:
    pass
print("LOADED=" + ",".join(sorted(m for m in sys.modules if m in ("govinfo_cli.core.calendar_layers", "tomllib"))))
"""
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split("LOADED=", 1)[1].strip() == ""


def test_a_region_change_says_how_many_due_dates_moved_and_how_many_only_became_provisional(cli, tmp_path):
    # 新疆 2020 is missing (no notice read): the dates stay, both deadlines become provisional
    import_lines(cli, tmp_path / "x.jsonl", [received_line("X4", "2020-03-02")])
    r = ok(cli("config", "set", "calendar.region", "xinjiang"))
    assert "2 个期限随之变化（其中到期日变化 0 个，其余只是暂定标记或状态变化）" in r.stderr + r.stdout
    data = ok(cli("show", "X4", "--json")).json()["deadlines"]
    assert (data["reply"]["due"], data["reply"]["provisional"]) == ("2020-03-30", True)


def test_due_names_the_region_year_it_waits_for_and_confirming_that_year_clears_the_mark(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVINFO_TODAY", "2026-05-20")
    import_lines(cli, tmp_path / "x.jsonl", [received_line("X5", "2026-05-20")])
    ok(cli("config", "set", "calendar.region", "xinjiang"))
    r = ok(cli("due"))
    assert "尚未确认的 2026 年新疆维吾尔自治区节假日安排（日历层 xinjiang）" in r.stderr
    assert "govinfo calendar confirm 2026 --layer xinjiang --notice" in r.stderr
    assert "国务院办公厅通知发布后" not in r.stderr  # the national 2026 schedule is confirmed
    assert ok(cli("show", "X5", "--json")).json()["deadlines"]["reply"]["provisional"] is True
    notice = "新疆维吾尔自治区人民政府办公厅关于2026年节假日放假和冬夏季作息时间安排的通知"
    r = ok(cli("calendar", "confirm", "2026", "--layer", "xinjiang", "--notice", notice))
    assert "已确认 2026 年度的 xinjiang 日历层" in r.stderr + r.stdout
    data = ok(cli("show", "X5", "--json")).json()["deadlines"]["reply"]
    # 5-21 ① … 5-26 ④, 5-27/28/29 古尔邦节 休, 6-1 ⑤ … 6-18 ⑱, 6-19 端午节 休, 6-22 ⑲ 6-23 ⑳: the date stays
    assert (data["due"], data["provisional"]) == ("2026-06-23", False)
    assert "尚未确认" not in ok(cli("due")).stderr
    xj = {x["layer"]: x for x in ok(cli("calendar", "status", "--json")).json()["layers"]}["xinjiang"]
    assert 2026 in xj["confirmed"] and 2026 not in xj["unconfirmed"]
    assert any(a["target"] == "layer:xinjiang" for a in ok(cli("audit", "--json")).json())


def test_confirming_a_layer_the_office_does_not_have_is_refused(cli) -> None:
    before = dump()
    r = cli("calendar", "confirm", "2026", "--layer", "guangxi", "--notice", "某通知")
    assert r.exit_code == 1 and "本机关没有日历层 'guangxi'" in r.stderr
    assert dump() == before
