"""Proactive disclosure (主动公开, docs/rules.md §5): publish within 20 working days of forming
or changing (条例第26条), licensing and penalty decisions within 7 (国办发〔2018〕118号),
policy interpretation within 3 (政策文件解读制度第五条), the 公开属性, and the 漳州
catalogue (公开目录) in its own table (migration 0002)."""

from __future__ import annotations

import pytest

from tests.builders import event_lines
from tests.conftest import acceptance_cases, dump, ok


def deadlines(cli, case):  # noqa: ANN001, ANN201
    return cli("show", case, "--json").json()["deadlines"]


def test_every_acceptance_disclosure_gives_its_deadlines_through_import_and_show(cli, tmp_path) -> None:
    cases = [c for c in acceptance_cases() if c["kind"] == "disclosure"]
    assert len(cases) >= 10
    src = tmp_path / "disclosures.jsonl"
    src.write_text(event_lines(cases), encoding="utf-8")
    ok(cli("import", "events", str(src)))
    for case in cases:
        got = deadlines(cli, case["case"])
        assert {code: got[code]["due"] for code in case["expect"]} == case["expect"], case["case"]


@pytest.mark.law("publish")
def test_information_formed_is_published_within_20_working_days(cli) -> None:
    ok(
        cli(
            "disclosure",
            "formed",
            "--title",
            "关于印发《医保基金监督检查办法》的通知",
            "--category",
            "行政规范性文件",
            "--case",
            "P-1",
            "--date",
            "2026-09-25",
        )
    )
    assert deadlines(cli, "P-1")["publish"]["due"] == "2026-10-29"  # National Day week skipped


@pytest.mark.law("publish_enforcement")
def test_penalty_decision_is_published_within_7_working_days(cli) -> None:
    ok(
        cli(
            "disclosure",
            "decision",
            "--kind",
            "行政处罚",
            "--title",
            "行政处罚决定书",
            "--case",
            "P-2",
            "--date",
            "2026-11-02",
        )
    )
    assert deadlines(cli, "P-2")["publish"]["due"] == "2026-11-11"


def test_licensing_and_penalty_decisions_cite_guobanfa_2018_118_not_article_26(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "licensing", "--case", "P-21", "--date", "2026-11-02"))
    ok(cli("disclosure", "decision", "--kind", "compulsion", "--case", "P-22", "--date", "2026-11-02"))
    assert deadlines(cli, "P-21")["publish"]["basis"] == "国办发〔2018〕118号"
    assert deadlines(cli, "P-22")["publish"]["basis"] == "条例第26条"  # the general rule
    ok(cli("disclosure", "published", "P-21", "--date", "2026-11-05"))
    assert deadlines(cli, "P-21")["publish"] == {
        "due": "2026-11-11",
        "state": "met",
        "provisional": False,
        "basis": "国办发〔2018〕118号",
    }


def test_compulsion_decision_falls_under_the_general_20_working_days(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "compulsion", "--case", "P-3", "--date", "2026-11-02"))
    assert deadlines(cli, "P-3")["publish"]["due"] == "2026-11-30"


@pytest.mark.law("interpretation")
def test_policy_published_opens_the_3_working_day_interpretation(cli) -> None:
    ok(cli("disclosure", "policy", "--title", "长期护理保险试点方案", "--case", "P-4", "--date", "2026-11-19"))
    assert deadlines(cli, "P-4")["interpretation"]["due"] == "2026-11-24"


def test_policy_on_an_existing_item_meets_its_publish_deadline(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "长期护理保险试点方案", "--case", "P-5", "--date", "2026-11-02"))
    ok(cli("disclosure", "policy", "--title", "长期护理保险试点方案", "--case", "P-5", "--date", "2026-11-10"))
    d = deadlines(cli, "P-5")
    assert d["publish"]["state"] == "met" and d["interpretation"]["due"] == "2026-11-13"
    ok(cli("disclosure", "published", "P-5", "--channel", "政策解读专栏", "--date", "2026-11-16"))
    shown = cli("show", "P-5", "--json").json()
    assert shown["deadlines"]["interpretation"]["state"] == "missed" and shown["status"] == "closed"


def test_published_with_nothing_pending_is_refused(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "penalty", "--case", "P-6", "--date", "2026-11-02"))
    ok(cli("disclosure", "published", "P-6", "--channel", "政府网站"))
    assert cli("show", "P-6", "--json").json()["status"] == "closed"
    before = dump()
    r = cli("disclosure", "published", "P-6")
    assert r.exit_code == 1 and "没有待公开" in r.stderr
    assert dump() == before


@pytest.mark.parametrize("attribute", ["此件不公开", "on_request"])
def test_information_not_proactively_disclosed_has_no_publish_deadline(cli, attribute) -> None:
    ok(
        cli(
            "disclosure",
            "formed",
            "--title",
            "党组会议纪要",
            "--attribute",
            attribute,
            "--case",
            "P-7",
            "--date",
            "2026-11-02",
        )
    )
    shown = cli("show", "P-7", "--json").json()
    assert shown["deadlines"] == {} and shown["status"] == "closed"


def test_an_item_changed_to_not_public_drops_its_open_publish_duty(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "某工作方案", "--case", "P-17", "--date", "2026-11-02"))
    assert "P-17" in {r["case"] for r in cli("due", "--json", "--within", "30").json()}
    ok(
        cli(
            "disclosure",
            "changed",
            "--title",
            "某工作方案（定稿）",
            "--attribute",
            "此件不公开",
            "--case",
            "P-17",
            "--date",
            "2026-11-05",
        )
    )
    shown = cli("show", "P-17", "--json").json()
    assert shown["deadlines"]["publish"]["state"] == "lapsed" and shown["status"] == "closed"
    assert "P-17" not in {r["case"] for r in cli("due", "--json", "--within", "30").json()}


def test_unknown_attribute_is_refused(cli) -> None:
    r = cli("disclosure", "formed", "--title", "x", "--attribute", "看情况", "--case", "P-8")
    assert r.exit_code == 1 and "此件公开发布" in r.stderr


def test_a_change_restarts_the_20_working_days(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "定点医药机构名单", "--case", "P-9", "--date", "2026-10-09"))
    ok(cli("disclosure", "published", "P-9", "--date", "2026-10-20"))
    ok(cli("disclosure", "changed", "--title", "定点医药机构名单（更新）", "--case", "P-9", "--date", "2026-11-02"))
    shown = cli("show", "P-9", "--json").json()
    assert shown["status"] == "open" and shown["deadlines"]["publish"]["due"] == "2026-11-30"


def test_forming_the_same_item_twice_is_refused(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "x", "--case", "P-10", "--date", "2026-11-02"))
    r = cli("disclosure", "formed", "--title", "x", "--case", "P-10", "--date", "2026-11-03")
    assert r.exit_code == 1 and "information_changed" in r.stderr


def test_published_on_an_unknown_case_is_refused(cli) -> None:
    r = cli("disclosure", "published", "P-404")
    assert r.exit_code == 1 and "P-404" in r.stderr


def test_disclosure_list_and_export(cli) -> None:
    ok(
        cli(
            "disclosure",
            "decision",
            "--kind",
            "licensing",
            "--title",
            "医疗机构定点协议",
            "--case",
            "P-11",
            "--date",
            "2026-11-16",
        )
    )
    rows = {r["case"]: r for r in cli("disclosure", "list", "--json").json()}
    assert rows["P-11"]["next_deadline"] == "publish" and rows["P-11"]["next_due"] == "2026-11-25"
    assert "医疗机构定点协议" in cli("export", "disclosures").stdout


# --- the catalogue (公开目录, docs/sources.md) -------------------------------------


def test_catalogue_import_reads_the_sample_file(cli) -> None:
    import csv

    from govinfo_cli.app.demo import sample_file

    path = sample_file("catalogue.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        table = [r for r in csv.DictReader(fh) if any(v.strip() for v in r.values() if v)]
    ok(cli("disclosure", "catalogue", "import", str(path)))
    rows = cli("disclosure", "catalogue", "list", "--json").json()
    assert len(rows) == len(table) > 20
    assert [r["content"] for r in rows] == [t["公开内容"].strip() for t in table]
    assert [r["responsible"] for r in rows] == [t["公开责任"].strip() for t in table]
    assert any("1月31日" in r["time_limit"] for r in rows)  # the annual report's row
    assert f"公开目录（{len(table)} 项）" in cli("disclosure", "catalogue", "list").stdout


def test_catalogue_reimport_replaces_the_catalogue(cli, tmp_path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(
        "公开事项,公开内容,公开时限\n机构概况,机构职能,实时公开\n财政预算,部门预算,批复后20日内\n", encoding="utf-8-sig"
    )
    second = tmp_path / "b.csv"
    second.write_text("公开事项,公开内容,公开时限\n年度报告,工作年度报告,每年1月31日前\n", encoding="gb18030")
    ok(cli("disclosure", "catalogue", "import", str(first)))
    r = ok(cli("disclosure", "catalogue", "import", str(second)))
    assert "替换原有 2 项" in r.stderr + r.stdout
    assert [x["item"] for x in cli("disclosure", "catalogue", "list", "--json").json()] == ["年度报告"]


def test_catalogue_with_a_missing_column_is_refused(cli, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("一级,二级,三级\n主动公开,,机构概况\n", encoding="utf-8")
    r = cli("disclosure", "catalogue", "import", str(bad))
    assert r.exit_code == 1 and "公开时限" in r.stderr


def test_catalogue_with_an_empty_required_cell_names_the_line_and_writes_nothing(cli, tmp_path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("公开内容,公开时限\n机构职能,实时公开\n", encoding="utf-8")
    ok(cli("disclosure", "catalogue", "import", str(good)))
    bad = tmp_path / "bad.csv"
    bad.write_text("公开内容,公开时限\n部门预算,批复后20日内\n部门决算,\n", encoding="utf-8")
    r = cli("disclosure", "catalogue", "import", str(bad))
    assert r.exit_code == 1 and f"{bad}:3: 列 公开时限" in r.stderr
    assert [x["content"] for x in cli("disclosure", "catalogue", "list", "--json").json()] == ["机构职能"]


def test_catalogue_survives_an_upgrade_from_revision_0002(cli, tmp_path) -> None:
    from govinfo_cli.store import db

    path = tmp_path / "old.db"
    engine = db.make_engine(f"sqlite:///{path}", migrate=False)
    db.upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO catalogue_items (level1, level2, item, content, time_limit, channel, basis, "
            "clause, manner, responsible, imported_at) VALUES ('主动公开', '', '年度报告', "
            "'政府信息公开工作年度报告', '每年1月31日前', '政府网站', '条例', '第四十九条', '主动公开', "
            "'办公室', '2026-01-05 08:00:00')"
        )
    r = ok(cli("--db", str(path), "disclosure", "catalogue", "list", "--json"))  # migrates first
    assert db.current_revision(engine) == db.HEAD != "0002"
    assert [(x["item"], x["responsible"]) for x in r.json()] == [("年度报告", "办公室")]


# --- the catalogue drives disclosure items (适用期限, --item, this year's duties) ------------


def _catalogue(cli, tmp_path, text=None):  # noqa: ANN001, ANN202
    if text is None:
        from govinfo_cli.app.demo import sample_file

        path = sample_file("catalogue.csv")
    else:
        path = tmp_path / "目录.csv"
        path.write_text(text, encoding="utf-8-sig")
    ok(cli("disclosure", "catalogue", "import", str(path)))
    return {r["id"]: r for r in cli("disclosure", "catalogue", "list", "--json").json()}


@pytest.mark.parametrize(
    "text", ["信息形成或变更后20个工作日内公开", "信息形成后 二十个工作日内公开", "自变更之日起２０个工作日内"]
)
def test_catalogue_time_limit_of_20_working_days_maps_to_publish_under_article_26(text) -> None:
    from govinfo_cli.core.rules import catalogue_rule

    r = catalogue_rule(text, "决算公开")
    assert (r.kind, r.deadline, r.basis) == ("publish", "publish", "条例第26条")
    assert r.label == "形成或变更后20个工作日（条例第26条）"


@pytest.mark.parametrize("text", ["实时公开", "实时更新"])
def test_realtime_in_the_catalogue_is_a_commitment_and_the_statutory_20_working_days_still_apply(text) -> None:
    from govinfo_cli.core.rules import catalogue_rule

    r = catalogue_rule(text, "机构概况")
    assert (r.kind, r.deadline, r.basis) == ("realtime", "publish", "条例第26条")
    assert "本机关承诺" in r.text and "无单独法定时限" in r.text and "20个工作日" in r.text


def test_january_31_maps_to_the_annual_report_only_on_the_annual_report_row() -> None:
    from govinfo_cli.core.rules import catalogue_rule

    r = catalogue_rule("每年1月31日前", "政府信息公开工作年度报告")
    assert (r.kind, r.deadline, r.basis) == ("annual_report", "annual_report", "条例第49条")
    # 国办发〔2018〕118号's 行政执法统计年报 is also due by 31 January, but docs/rules.md has no such deadline
    assert catalogue_rule("每年1月31日前", "行政执法总体情况统计数据").kind == "unknown"


@pytest.mark.parametrize(
    "subject", ["具有一定社会影响的行政处罚决定。公布医药机构医保定点准入申请", "行政许可决定", "行政许可的执法决定"]
)
def test_a_catalogue_row_of_licensing_or_penalty_decisions_maps_to_7_working_days_whatever_it_promises(subject) -> None:
    """docs/rules.md §5 wins over the catalogue: the 漳州 catalogue's row of 行政处罚决定 promises 20 working
    days, but licensing and penalty decisions are published within 7 (国办发〔2018〕118号)."""
    from govinfo_cli.core.rules import catalogue_rule

    r = catalogue_rule("信息形成或变更后20个工作日内公开", subject)
    assert (r.kind, r.deadline, r.basis) == ("enforcement", "publish", "国办发〔2018〕118号")
    assert "7个工作日" in r.text


def test_linking_an_item_to_the_penalty_decisions_row_is_refused_towards_disclosure_decision(cli, tmp_path) -> None:
    rows = _catalogue(cli, tmp_path)
    penalty = [n for n, r in rows.items() if "行政处罚决定" in r["content"]]
    assert len(penalty) == 1 and rows[penalty[0]]["rule"]["kind"] == "enforcement"
    before = dump()
    r = cli("disclosure", "formed", "--title", "行政处罚决定书", "--item", str(penalty[0]), "--case", "P-47")
    assert r.exit_code == 1 and "7个工作日" in r.stderr and "disclosure decision" in r.stderr
    assert dump() == before
    listed = cli("disclosure", "catalogue", "list").stdout
    assert "见执法决定" in listed


@pytest.mark.parametrize("text", ["批复后20日内", "及时公开", "每季度", "120个工作日内", "7个工作日内", ""])
def test_an_unrecognised_time_limit_is_flagged_as_unknown_not_guessed(text) -> None:
    from govinfo_cli.core.rules import catalogue_rule

    r = catalogue_rule(text, "部门预算")
    assert (r.kind, r.deadline, r.basis) == ("unknown", None, "")
    assert r.label.startswith("未识别")


def test_every_sample_catalogue_row_maps_to_a_rules_md_deadline(cli, tmp_path) -> None:
    from collections import Counter

    rows = _catalogue(cli, tmp_path)
    assert Counter(r["rule"]["kind"] for r in rows.values()) == {
        "publish": 18,
        "enforcement": 1,
        "realtime": 7,
        "annual_report": 1,
    }
    assert all(r["rule"]["deadline"] == "publish" for r in rows.values() if r["time_limit"].startswith("实时"))


def test_catalogue_list_shows_the_applicable_deadline_and_its_basis_in_chinese(cli, tmp_path) -> None:
    _catalogue(
        cli,
        tmp_path,
        "公开事项,公开内容,公开时限\n机构概况,机构职能,实时公开\n"
        "财政预算,部门预算,批复后20日内\n年度报告,政府信息公开工作年度报告,每年1月31日前\n",
    )
    out = cli("disclosure", "catalogue", "list").stdout
    assert "适用期限" in out and "条例第26条" in out and "条例第49条" in out and "未识别" in out
    rules = [r["rule"] for r in cli("disclosure", "catalogue", "list", "--json").json()]
    assert [(x["kind"], x["deadline"], x["basis"]) for x in rules] == [
        ("realtime", "publish", "条例第26条"),
        ("unknown", None, ""),
        ("annual_report", "annual_report", "条例第49条"),
    ]


def test_formed_with_item_fills_category_and_department_from_the_catalogue_and_records_it(cli, tmp_path) -> None:
    rows = _catalogue(cli, tmp_path)
    assert rows[3]["content"] == "决算公开" and rows[5]["responsible"] == "办公室、市医保中心"
    ok(
        cli(
            "disclosure", "formed", "--title", "2025年部门决算", "--item", "5", "--case", "P-30", "--date", "2026-11-02"
        )
    )
    shown = cli("show", "P-30", "--json").json()
    assert shown["facts"]["category"] == "漳州市医疗保障局基金中心决算公开"
    assert shown["facts"]["department"] == "办公室、市医保中心" and shown["department"] == "办公室、市医保中心"
    assert shown["events"][0]["catalogue_item"] == 5
    assert shown["deadlines"]["publish"]["due"] == "2026-11-30"  # the statutory 20 working days


def test_catalogue_heading_is_preferred_over_its_content_for_the_category(cli, tmp_path) -> None:
    _catalogue(
        cli,
        tmp_path,
        "一级,二级,三级,公开内容,公开时限,公开责任\n"
        "财政信息,预决算,部门决算,经批复的部门决算及说明,信息形成或变更后20个工作日内公开,财务科\n"
        "财政信息,预决算,,部门预算,信息形成或变更后20个工作日内公开,财务科\n",
    )
    ok(cli("disclosure", "formed", "--title", "决算", "--item", "1", "--case", "P-31", "--date", "2026-11-02"))
    ok(cli("disclosure", "formed", "--title", "预算", "--item", "2", "--case", "P-32", "--date", "2026-11-02"))
    assert cli("show", "P-31", "--json").json()["facts"]["category"] == "部门决算"
    assert cli("show", "P-32", "--json").json()["facts"]["category"] == "预决算"


def test_explicit_category_and_department_win_over_the_catalogue_row(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    ok(
        cli(
            "disclosure",
            "formed",
            "--title",
            "关于印发《实施细则》的通知",
            "--item",
            "17",
            "--category",
            "行政规范性文件",
            "--department",
            "待遇保障股",
            "--case",
            "P-33",
            "--date",
            "2026-11-02",
        )
    )
    facts = cli("show", "P-33", "--json").json()["facts"]
    assert (facts["category"], facts["department"], facts["catalogue_item"]) == ("行政规范性文件", "待遇保障股", 17)


def test_changed_with_item_records_the_catalogue_item_and_restarts_the_20_working_days(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    ok(
        cli(
            "disclosure",
            "changed",
            "--title",
            "定点医药机构名单（更新）",
            "--item",
            "15",
            "--case",
            "P-34",
            "--date",
            "2026-11-02",
        )
    )
    shown = cli("show", "P-34", "--json").json()
    assert shown["events"][0]["type"] == "information_changed" and shown["events"][0]["catalogue_item"] == 15
    assert shown["deadlines"]["publish"] == {
        "due": "2026-11-30",
        "state": "pending",
        "provisional": False,
        "basis": "条例第26条",
        "working_days_left": 6,
    }


@pytest.mark.parametrize("item", ["28", "0"])
def test_an_unknown_catalogue_item_is_refused_in_one_chinese_line_and_nothing_is_written(cli, tmp_path, item) -> None:
    _catalogue(cli, tmp_path)
    before = dump()
    r = cli("disclosure", "formed", "--title", "x", "--item", item, "--case", "P-35", "--date", "2026-11-02")
    assert r.exit_code == 1 and r.stderr.strip().count("\n") == 0
    assert f"公开目录中没有第 {item} 项" in r.stderr
    assert dump() == before


def test_an_item_number_with_no_catalogue_imported_is_refused(cli) -> None:
    r = cli("disclosure", "changed", "--title", "x", "--item", "1", "--case", "P-36")
    assert r.exit_code == 1 and "公开目录为空" in r.stderr
    assert cli("show", "P-36").exit_code == 1


def test_show_names_the_catalogue_entry_and_its_commitment_next_to_the_statutory_deadline(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    ok(cli("disclosure", "formed", "--title", "机构职能调整", "--item", "2", "--case", "P-37", "--date", "2026-11-02"))
    shown = cli("show", "P-37", "--json").json()
    assert shown["catalogue"]["item"] == 2 and shown["catalogue"]["heading"] == "漳州市医疗保障局机构概况"
    assert shown["catalogue"]["time_limit"] == "实时公开" and shown["catalogue"]["rule"]["kind"] == "realtime"
    assert shown["deadlines"]["publish"]["due"] == "2026-11-30"  # 实时 does not shorten the statutory period
    out = cli("show", "P-37").stdout
    assert "第 2 项 漳州市医疗保障局机构概况" in out and "目录公开时限：实时公开" in out
    assert "法定期限：实时系本机关承诺，无单独法定时限；法定仍为20个工作日（条例第26条）" in out
    ok(cli("disclosure", "formed", "--title", "无目录", "--case", "P-38", "--date", "2026-11-02"))
    assert "catalogue" not in cli("show", "P-38", "--json").json() and "公开目录" not in cli("show", "P-38").stdout


def test_linking_an_item_to_the_annual_report_row_is_refused_as_a_yearly_duty(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    before = dump()
    r = cli("disclosure", "formed", "--title", "2025年政府信息公开工作年度报告", "--item", "26", "--case", "P-46")
    assert r.exit_code == 1 and "条例第49条" in r.stderr and "duty-done" in r.stderr
    assert dump() == before


def test_show_of_an_item_whose_row_left_the_catalogue_says_so(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    ok(cli("disclosure", "formed", "--title", "政府采购", "--item", "22", "--case", "P-39", "--date", "2026-11-02"))
    _catalogue(cli, tmp_path, "公开内容,公开时限\n机构职能,实时公开\n")
    assert cli("show", "P-39", "--json").json()["catalogue"] == {"item": 22, "found": False}
    assert "当前目录中已没有此项" in cli("show", "P-39").stdout


def test_reimporting_the_same_catalogue_keeps_the_row_numbers(cli, tmp_path) -> None:
    first = _catalogue(cli, tmp_path)
    again = _catalogue(cli, tmp_path)
    assert sorted(first) == sorted(again) == list(range(1, 28))
    assert [again[n]["content"] for n in sorted(again)] == [first[n]["content"] for n in sorted(first)]


def test_catalogue_item_in_an_event_line_is_optional_and_checked_as_a_number(cli, tmp_path) -> None:
    src = tmp_path / "e.jsonl"
    src.write_text(
        '{"case": "P-40", "kind": "disclosure", "type": "information_formed", "date": "2026-11-02", '
        '"title": "部门决算", "attribute": "public", "catalogue_item": 3}\n'
        '{"case": "P-41", "kind": "disclosure", "type": "information_formed", "date": "2026-11-02", '
        '"title": "部门预算", "category": "财政预决算", "attribute": "public"}\n',
        encoding="utf-8",
    )
    ok(cli("import", "events", str(src)))
    assert cli("show", "P-40", "--json").json()["facts"]["catalogue_item"] == 3
    assert "catalogue_item" not in cli("show", "P-41", "--json").json()["facts"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"case": "P-42", "kind": "disclosure", "type": "information_changed", "date": "2026-11-02", '
        '"title": "x", "catalogue_item": "决算"}\n',
        encoding="utf-8",
    )
    r = cli("import", "events", str(bad))
    assert r.exit_code == 1 and "catalogue_item" in r.stderr


def test_catalogue_list_marks_rows_with_no_disclosure_item_recorded_this_year(cli, tmp_path) -> None:
    _catalogue(cli, tmp_path)
    ok(
        cli(
            "disclosure", "formed", "--title", "2026年部门预算", "--item", "4", "--case", "P-43", "--date", "2025-12-20"
        )
    )  # last year: does not count for 2026
    ok(
        cli(
            "disclosure", "formed", "--title", "2025年部门决算", "--item", "3", "--case", "P-44", "--date", "2026-06-02"
        )
    )
    ok(cli("disclosure", "changed", "--title", "2025年部门决算（更正）", "--case", "P-44", "--date", "2026-07-01"))
    ok(
        cli(
            "disclosure",
            "formed",
            "--title",
            "不公开的纪要",
            "--item",
            "7",
            "--attribute",
            "not_public",
            "--case",
            "P-45",
            "--date",
            "2026-03-02",
        )
    )
    rows = cli("disclosure", "catalogue", "list", "--json").json()
    assert {r["id"] for r in rows if r["recorded_this_year"]} == {3, 7}
    out = cli("disclosure", "catalogue", "list").stdout
    assert "2026年尚未登记主动公开事项（--item）的目录项：23 项" in out and "已登记" in out and "见年度义务" in out


def test_the_sample_disclosures_name_their_catalogue_rows(cli) -> None:
    from govinfo_cli.app.demo import sample_file

    ok(cli("disclosure", "catalogue", "import", str(sample_file("catalogue.csv"))))
    ok(cli("import", "events", str(sample_file("events.jsonl"))))
    rows = {r["id"]: r for r in cli("disclosure", "catalogue", "list", "--json").json()}
    assert {n for n, r in rows.items() if r["recorded_this_year"]} == {3, 17}
    shown = cli("show", "昌医保公开〔2026〕5号", "--json").json()
    assert shown["catalogue"]["heading"] == "决算公开" and shown["facts"]["category"] == "财政预决算"
