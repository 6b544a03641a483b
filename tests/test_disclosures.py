"""Proactive disclosure (主动公开, RULES.md §5): publish within 20 working days of forming
or changing (条例第26条), licensing and penalty decisions within 7 (国办发〔2018〕118号),
policy interpretation within 3 (政策文件解读制度第五条), the 公开属性, and the seed-002
catalogue (公开目录) in its own table (migration 0002)."""

from __future__ import annotations

import pytest

from tests.conftest import acceptance_cases, dump, event_lines


def ok(r):  # noqa: ANN001, ANN201
    assert r.exit_code == 0, r.stderr
    return r


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


def test_information_formed_is_published_within_20_working_days(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "关于印发《医保基金监督检查办法》的通知",
           "--category", "行政规范性文件", "--case", "P-1", "--date", "2026-09-25"))
    assert deadlines(cli, "P-1")["publish"]["due"] == "2026-10-29"  # National Day week skipped


def test_penalty_decision_is_published_within_7_working_days(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "行政处罚", "--title", "行政处罚决定书",
           "--case", "P-2", "--date", "2026-11-02"))
    assert deadlines(cli, "P-2")["publish"]["due"] == "2026-11-11"


def test_licensing_and_penalty_decisions_cite_guobanfa_2018_118_not_article_26(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "licensing", "--case", "P-21", "--date", "2026-11-02"))
    ok(cli("disclosure", "decision", "--kind", "compulsion", "--case", "P-22", "--date", "2026-11-02"))
    assert deadlines(cli, "P-21")["publish"]["basis"] == "国办发〔2018〕118号"
    assert deadlines(cli, "P-22")["publish"]["basis"] == "条例第26条"  # the general rule
    ok(cli("disclosure", "published", "P-21", "--date", "2026-11-05"))
    assert deadlines(cli, "P-21")["publish"] == {
        "due": "2026-11-11", "state": "met", "provisional": False, "basis": "国办发〔2018〕118号"}


def test_compulsion_decision_falls_under_the_general_20_working_days(cli) -> None:
    ok(cli("disclosure", "decision", "--kind", "compulsion", "--case", "P-3", "--date", "2026-11-02"))
    assert deadlines(cli, "P-3")["publish"]["due"] == "2026-11-30"


def test_policy_published_opens_the_3_working_day_interpretation(cli) -> None:
    ok(cli("disclosure", "policy", "--title", "长期护理保险试点方案", "--case", "P-4",
           "--date", "2026-11-19"))
    assert deadlines(cli, "P-4")["interpretation"]["due"] == "2026-11-24"


def test_policy_on_an_existing_item_meets_its_publish_deadline(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "长期护理保险试点方案", "--case", "P-5",
           "--date", "2026-11-02"))
    ok(cli("disclosure", "policy", "--title", "长期护理保险试点方案", "--case", "P-5",
           "--date", "2026-11-10"))
    d = deadlines(cli, "P-5")
    assert d["publish"]["state"] == "met" and d["interpretation"]["due"] == "2026-11-13"
    ok(cli("disclosure", "published", "P-5", "--channel", "政策解读专栏", "--date", "2026-11-16"))
    shown = cli("show", "P-5", "--json").json()
    assert shown["deadlines"]["interpretation"]["state"] == "missed" and shown["status"] == "closed"


def test_published_with_nothing_pending_is_refused(cli, db_path) -> None:
    ok(cli("disclosure", "decision", "--kind", "penalty", "--case", "P-6", "--date", "2026-11-02"))
    ok(cli("disclosure", "published", "P-6", "--channel", "政府网站"))
    assert cli("show", "P-6", "--json").json()["status"] == "closed"
    before = dump(db_path)
    r = cli("disclosure", "published", "P-6")
    assert r.exit_code == 1 and "没有待公开" in r.stderr
    assert dump(db_path) == before


@pytest.mark.parametrize("attribute", ["此件不公开", "on_request"])
def test_information_not_proactively_disclosed_has_no_publish_deadline(cli, attribute) -> None:
    ok(cli("disclosure", "formed", "--title", "党组会议纪要", "--attribute", attribute,
           "--case", "P-7", "--date", "2026-11-02"))
    shown = cli("show", "P-7", "--json").json()
    assert shown["deadlines"] == {} and shown["status"] == "closed"


def test_an_item_changed_to_not_public_drops_its_open_publish_duty(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "某工作方案", "--case", "P-17", "--date", "2026-11-02"))
    assert "P-17" in {r["case"] for r in cli("due", "--json", "--within", "30").json()}
    ok(cli("disclosure", "changed", "--title", "某工作方案（定稿）", "--attribute", "此件不公开",
           "--case", "P-17", "--date", "2026-11-05"))
    shown = cli("show", "P-17", "--json").json()
    assert shown["deadlines"]["publish"]["state"] == "lapsed" and shown["status"] == "closed"
    assert "P-17" not in {r["case"] for r in cli("due", "--json", "--within", "30").json()}


def test_unknown_attribute_is_refused(cli) -> None:
    r = cli("disclosure", "formed", "--title", "x", "--attribute", "看情况", "--case", "P-8")
    assert r.exit_code == 1 and "此件公开发布" in r.stderr


def test_a_change_restarts_the_20_working_days(cli) -> None:
    ok(cli("disclosure", "formed", "--title", "定点医药机构名单", "--case", "P-9", "--date", "2026-10-09"))
    ok(cli("disclosure", "published", "P-9", "--date", "2026-10-20"))
    ok(cli("disclosure", "changed", "--title", "定点医药机构名单（更新）", "--case", "P-9",
           "--date", "2026-11-02"))
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
    ok(cli("disclosure", "decision", "--kind", "licensing", "--title", "医疗机构定点协议",
           "--case", "P-11", "--date", "2026-11-16"))
    rows = {r["case"]: r for r in cli("disclosure", "list", "--json").json()}
    assert rows["P-11"]["next_deadline"] == "publish" and rows["P-11"]["next_due"] == "2026-11-25"
    assert "医疗机构定点协议" in cli("export", "disclosures").stdout


# --- the catalogue (公开目录, seed 002) ------------------------------------------------

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
    first.write_text("公开事项,公开内容,公开时限\n机构概况,机构职能,实时公开\n财政预算,部门预算,批复后20日内\n",
                     encoding="utf-8-sig")
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
    assert r.exit_code == 1 and f"{bad}:3: column 公开时限" in r.stderr
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
            "'办公室', '2026-01-05 08:00:00')")
    r = ok(cli("--db", str(path), "disclosure", "catalogue", "list", "--json"))  # migrates first
    assert db.current_revision(engine) == db.HEAD != "0002"
    assert [(x["item"], x["responsible"]) for x in r.json()] == [("年度报告", "办公室")]
