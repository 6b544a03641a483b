"""Regional calendar layers (docs/rules.md §13) through the engine: the shipped data against
its notices, one hand-counted deadline per region and year; how a layer composes with the
national schedule and the clerk's overrides; provisional years; the layer file's checks."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from govinfo_cli.app.calendar import REGIONS, shipped_layer
from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.core.calendar_layers import Layer, parse_layer
from govinfo_cli.core.errors import ImportErrors
from govinfo_cli.core.rules import replay
from tests.builders import profile, received

D = dt.date.fromisoformat
SAMPLE = Path(__file__).parent.parent / "sample_data" / "liangshan.toml"


@cache
def office(region: str | None, *extra: Layer, overrides: tuple[Override, ...] = ()) -> WorkCalendar:
    layers = ((shipped_layer(region),) if region else ()) + extra
    return WorkCalendar.build(load_source(2000, 2031, overrides, (), layers))


def correction_window(region: str | None, day: str) -> tuple[dt.date | None, bool]:
    """The 7-working-day correction-notice window (条例第30条) of a request received on
    ``day`` by an office of ``region``: its last day and whether it is provisional. Before
    2019-05-15 (the 2007 Regulation, docs/rules.md §8, no such window): the 15-working-day
    reply instead."""
    st = replay("request", [received(day)], office(region), profile())
    d = st.deadlines["correction_notice" if D(day) >= D("2019-05-15") else "reply"]
    return d.due, d.provisional


# One row per region and year shipped: the notice's days, a request received just before
# them, and its 7-working-day correction-notice window (before 2019-05-15: the 2007
# Regulation's 15-working-day reply) counted by hand on the office's calendar (the receipt
# day never counts; 休 = not a working day for the office).
REGION_YEARS = [
    # region, year, what the notice (or the year's source) gives, received, due, provisional, the count
    (
        "xinjiang",
        2021,
        "unconfirmed: 肉孜节 5-13 only (令第174号: one day; 宁夏's 2021 notice: the festival's date)",
        "2021-05-11",
        "2021-05-21",
        True,
        "5-12 ①, 5-13 肉孜节 休, 5-14 ②, 5-17 ③ 5-18 ④ 5-19 ⑤ 5-20 ⑥ 5-21 ⑦ (national: 5-20)",
    ),
    (
        "xinjiang",
        2021,
        "unconfirmed: 古尔邦节 7月20日至22日 (a relayed account of the notice of 2021-07-02)",
        "2021-07-19",
        "2021-08-02",
        True,
        "7-20/21/22 古尔邦节 休, 7-23 ①, 7-26 ② 7-27 ③ 7-28 ④ 7-29 ⑤ 7-30 ⑥ 8-2 ⑦ (national: 7-28)",
    ),
    (
        "xinjiang",
        2022,
        "自治区人民政府办公厅2022年通知: 古尔邦节 7月9日至13日放假调休",
        "2022-07-07",
        "2022-07-21",
        False,
        "7-8 ①, 7-11/12/13 古尔邦节 休, 7-14 ② 7-15 ③ 7-18 ④ 7-19 ⑤ 7-20 ⑥ 7-21 ⑦ (national: 7-18)",
    ),
    (
        "xinjiang",
        2023,
        "关于2023年节假日放假安排和冬夏季作息时间的通知 (2022-12-25): 古尔邦节 6月28日至30日",
        "2023-06-26",
        "2023-07-10",
        False,
        "6-27 ①, 6-28/29/30 古尔邦节 休, 7-3 ② 7-4 ③ 7-5 ④ 7-6 ⑤ 7-7 ⑥ 7-10 ⑦ (national: 7-5)",
    ),
    (
        "xinjiang",
        2024,
        "unconfirmed: 古尔邦节 6月17日至19日 (secondary account)",
        "2024-06-13",
        "2024-06-27",
        True,
        "6-14 ①, 6-17/18/19 古尔邦节 休, 6-20 ② 6-21 ③ 6-24 ④ 6-25 ⑤ 6-26 ⑥ 6-27 ⑦ (national: 6-24)",
    ),
    (
        "xinjiang",
        2025,
        "关于2025年节假日放假和冬夏季作息时间安排的通知: 古尔邦节 6月6日至10日",
        "2025-06-03",
        "2025-06-17",
        False,
        "6-4 ① 6-5 ②, 6-6 古尔邦节 休, 6-9/10 古尔邦节 休, 6-11 ③ 6-12 ④ 6-13 ⑤ 6-16 ⑥ 6-17 ⑦ (national: 6-12)",
    ),
    (
        "xinjiang",
        2026,
        "unconfirmed: 古尔邦节 5月27日至31日 (secondary account)",
        "2026-05-25",
        "2026-06-08",
        True,
        "5-26 ①, 5-27/28/29 古尔邦节 休, 6-1 ② 6-2 ③ 6-3 ④ 6-4 ⑤ 6-5 ⑥ 6-8 ⑦ (national: 6-3)",
    ),
    (
        "ningxia",
        2019,
        "宁政办发〔2018〕137号: 开斋节 6月5日、6日放假",
        "2019-06-03",
        "2019-06-17",
        False,
        "6-4 ①, 6-5/6 开斋节 休, 6-7 端午节 休, 6-10 ② 6-11 ③ 6-12 ④ 6-13 ⑤ 6-14 ⑥ 6-17 ⑦ (national: 6-13)",
    ),
    (
        "ningxia",
        2020,
        "关于2020年部分节假日安排的通知 (2019-12-04): 古尔邦节 7月30日至31日",
        "2020-07-28",
        "2020-08-10",
        False,
        "7-29 ①, 7-30/31 古尔邦节 休, 8-3 ② 8-4 ③ 8-5 ④ 8-6 ⑤ 8-7 ⑥ 8-10 ⑦ (national: 8-6)",
    ),
    (
        "ningxia",
        2021,
        "关于2021年部分节假日安排的通知: 开斋节 5月13日至14日",
        "2021-05-11",
        "2021-05-24",
        False,
        "5-12 ①, 5-13/14 开斋节 休, 5-17 ② 5-18 ③ 5-19 ④ 5-20 ⑤ 5-21 ⑥ 5-24 ⑦ (national: 5-20)",
    ),
    (
        "ningxia",
        2022,
        "关于2022年部分节假日安排的通知: 古尔邦节 7月11日至12日",
        "2022-07-07",
        "2022-07-20",
        False,
        "7-8 ①, 7-11/12 古尔邦节 休, 7-13 ② 7-14 ③ 7-15 ④ 7-18 ⑤ 7-19 ⑥ 7-20 ⑦ (national: 7-18)",
    ),
    (
        "ningxia",
        2023,
        "unconfirmed: 古尔邦节 6月29日至30日 (secondary account)",
        "2023-06-27",
        "2023-07-10",
        True,
        "6-28 ①, 6-29/30 古尔邦节 休, 7-3 ② 7-4 ③ 7-5 ④ 7-6 ⑤ 7-7 ⑥ 7-10 ⑦ (national: 7-6)",
    ),
    (
        "ningxia",
        2024,
        "unconfirmed: 开斋节 4月10日至11日 (secondary account)",
        "2024-04-08",
        "2024-04-19",
        True,
        "4-9 ①, 4-10/11 开斋节 休, 4-12 ②, 4-15 ③ 4-16 ④ 4-17 ⑤ 4-18 ⑥ 4-19 ⑦ (national: 4-17)",
    ),
    (
        "ningxia",
        2025,
        "unconfirmed: 开斋节 3月31日至4月1日 (secondary account)",
        "2025-03-27",
        "2025-04-10",
        True,
        "3-28 ①, 3-31/4-1 开斋节 休, 4-2 ② 4-3 ③, 4-4 清明节 休, 4-7 ④ 4-8 ⑤ 4-9 ⑥ 4-10 ⑦ (national: 4-8)",
    ),
    (
        "ningxia",
        2026,
        "unconfirmed: 古尔邦节 5月27日至28日 (secondary account)",
        "2026-05-25",
        "2026-06-05",
        True,
        "5-26 ①, 5-27/28 古尔邦节 休, 5-29 ②, 6-1 ③ 6-2 ④ 6-3 ⑤ 6-4 ⑥ 6-5 ⑦ (national: 6-3)",
    ),
    (
        "guangxi",
        2019,
        "2019年“壮族三月三”放假的通知: 本自治区内4月4日、8日放假调休",
        "2019-04-02",
        "2019-04-26",
        False,
        "the 2007 Regulation's 15-working-day reply: 4-3 ①, 4-4 三月三 休, 4-5 清明节 休, 4-8 三月三 休, "
        "4-9 ② 4-10 ③ 4-11 ④ 4-12 ⑤ 4-15 ⑥ 4-16 ⑦ 4-17 ⑧ 4-18 ⑨ 4-19 ⑩ 4-22 ⑪ 4-23 ⑫ 4-24 ⑬ 4-25 ⑭ 4-26 ⑮ "
        "(national: 4-24)",
    ),
    (
        "guangxi",
        2020,
        "关于调整2020年“壮族三月三”假期安排的通知 (2020-03-05): 3月26日、27日照常上班",
        "2020-03-24",
        "2020-04-02",
        False,
        "3-25 ① 3-26 ② 3-27 ③, 3-30 ④ 3-31 ⑤ 4-1 ⑥ 4-2 ⑦ (the same as national: no regional day)",
    ),
    (
        "guangxi",
        2021,
        "2021年“壮族三月三”放假的通知: 4月14日至16日休息, 4月18日（星期日）上班",
        "2021-04-12",
        "2021-04-23",
        False,
        "4-13 ①, 4-14/15/16 三月三 休, 4-18 (Sunday) 上班 ②, 4-19 ③ 4-20 ④ 4-21 ⑤ 4-22 ⑥ 4-23 ⑦ (national: 4-21)",
    ),
    (
        "guangxi",
        2022,
        "2022年“壮族三月三”放假的通知: 4月2日（星期六）、6日放假调休",
        "2022-03-31",
        "2022-04-14",
        False,
        "4-1 ①, 4-2 (the national make-up Saturday) 三月三 休, 4-3/4/5 清明节 休, 4-6 三月三 休, 4-7 ② 4-8 ③ "
        "4-11 ④ 4-12 ⑤ 4-13 ⑥ 4-14 ⑦ (national: 4-12)",
    ),
    (
        "guangxi",
        2023,
        "unconfirmed: 4月21日至23日放假调休 (news report of the notice)",
        "2023-04-19",
        "2023-05-04",
        True,
        "4-20 ①, 4-21 三月三 休, 4-23 (the national make-up Sunday) 三月三 休, 4-24 ② 4-25 ③ 4-26 ④ 4-27 ⑤ "
        "4-28 ⑥, 4-29…5-3 劳动节 休, 5-4 ⑦ (national: 4-27)",
    ),
    (
        "guangxi",
        2024,
        "2024年“壮族三月三”放假的通知 (2024-03-22): 4月11日至12日放假",
        "2024-04-09",
        "2024-04-22",
        False,
        "4-10 ①, 4-11/12 三月三 休, 4-15 ② 4-16 ③ 4-17 ④ 4-18 ⑤ 4-19 ⑥ 4-22 ⑦ (national: 4-18)",
    ),
    (
        "guangxi",
        2025,
        "unconfirmed: 3月31日至4月1日 (secondary account)",
        "2025-03-27",
        "2025-04-10",
        True,
        "3-28 ①, 3-31/4-1 三月三 休, 4-2 ② 4-3 ③, 4-4 清明节 休, 4-7 ④ 4-8 ⑤ 4-9 ⑥ 4-10 ⑦ (national: 4-8)",
    ),
    (
        "guangxi",
        2026,
        "unconfirmed: 4月17日至20日 (secondary account)",
        "2026-04-15",
        "2026-04-28",
        True,
        "4-16 ①, 4-17 三月三 休, 4-20 三月三 休, 4-21 ② 4-22 ③ 4-23 ④ 4-24 ⑤ 4-27 ⑥ 4-28 ⑦ (national: 4-24)",
    ),
    (
        "tibet-lhasa",
        2019,
        "unconfirmed: 2月4日至13日放假调休 (昌都市卡若区 relaying Lhasa's notice)",
        "2019-02-01",
        "2019-03-04",
        True,
        "the 2007 Regulation's 15-working-day reply: 2-2 (Saturday) 上班 ①, 2-3 (Sunday) 上班 ②, 2-4…2-10 春节 休, "
        "2-11/12/13 藏历新年 休, 2-14 ③ 2-15 ④ 2-18 ⑤ 2-19 ⑥ 2-20 ⑦ 2-21 ⑧ 2-22 ⑨ 2-25 ⑩ 2-26 ⑪ 2-27 ⑫ 2-28 ⑬ "
        "3-1 ⑭ 3-4 ⑮ (national: 2-27)",
    ),
    (
        "tibet-lhasa",
        2022,
        "unconfirmed: 3月2日至8日放假调休, 2月26日、3月13日上班 (relayed)",
        "2022-02-25",
        "2022-03-13",
        True,
        "2-26 (Saturday) 上班 ①, 2-28 ② 3-1 ③, 3-2…3-8 藏历新年 休, 3-9 ④ 3-10 ⑤ 3-11 ⑥, 3-13 (Sunday) 上班 ⑦ "
        "(national: 3-8)",
    ),
    (
        "tibet-lhasa",
        2023,
        "拉萨市人民政府办公室 2023-02-14: 2月20日至26日放假调休, 2月18日、19日上班",
        "2023-02-17",
        "2023-03-03",
        False,
        "2-18 (Saturday) 上班 ①, 2-19 (Sunday) 上班 ②, 2-20…2-26 藏历新年 休, 2-27 ③ 2-28 ④ 3-1 ⑤ 3-2 ⑥ 3-3 ⑦ "
        "(national: 2-28)",
    ),
    (
        "tibet-lhasa",
        2025,
        "拉萨市人民政府办公室 2025-02-11: 2月27日至3月4日, 不调休",
        "2025-02-25",
        "2025-03-12",
        False,
        "2-26 ①, 2-27/28 藏历新年 休, 3-3/4 藏历新年 休, 3-5 ② 3-6 ③ 3-7 ④ 3-10 ⑤ 3-11 ⑥ 3-12 ⑦ (national: 3-6)",
    ),
    (
        "tibet-lhasa",
        2026,
        "unconfirmed: 2月15日至26日放假调休 (news report of the notice)",
        "2026-02-13",
        "2026-03-05",
        True,
        "2-14 (Saturday) 上班 ①, 2-15…2-23 春节 休, 2-24/25/26 藏历新年 休, 2-27 ②, 2-28 (Saturday) 上班 ③, "
        "3-2 ④ 3-3 ⑤ 3-4 ⑥ 3-5 ⑦ (national: 3-2)",
    ),
]


def _id(row: tuple) -> str:
    return f"{row[0]}-{row[3]}"


@pytest.mark.parametrize("row", REGION_YEARS, ids=_id)
def test_a_region_year_counts_the_days_its_notice_gives(row: tuple) -> None:
    region, year, notice, day, due, provisional, count = row
    assert correction_window(region, day) == (D(due), provisional), f"{notice}: {count}"


def test_every_year_the_regions_ship_has_a_hand_counted_deadline() -> None:
    shipped = {(name, y.year) for name in REGIONS for y in shipped_layer(name).years}
    assert shipped == {(r[0], r[1]) for r in REGION_YEARS}


def _national(row: tuple) -> dt.date:
    """The due date the row's count gives on the national schedule alone."""
    import re

    m = re.search(r"national: (\d+)-(\d+)", row[6])
    return dt.date(int(row[3][:4]), int(m.group(1)), int(m.group(2))) if m else D(row[4])


@pytest.mark.parametrize("row", REGION_YEARS, ids=_id)
def test_the_same_request_on_the_national_schedule_alone(row: tuple) -> None:
    assert correction_window(None, row[3])[0] == _national(row)


def test_urumqi_2025_example_the_reply_is_three_working_days_later() -> None:
    # 新疆 2025: 6-6, 6-9, 6-10 off (古尔邦节). 20 working days from 2025-06-03: national 7-1,
    # Xinjiang 7-4 (the three festival days fall inside the count)
    xj = replay("request", [received("2025-06-03")], office("xinjiang"), profile()).deadlines["reply"]
    cn = replay("request", [received("2025-06-03")], office(None), profile()).deadlines["reply"]
    assert (cn.due, xj.due) == (D("2025-07-01"), D("2025-07-04"))
    assert [r.day for r in xj.explain.regional] == [D("2025-06-06"), D("2025-06-09"), D("2025-06-10")]
    assert {r.festival for r in xj.explain.regional} == {"古尔邦节"}
    assert "2025年节假日放假和冬夏季作息时间安排的通知" in xj.explain.regional[0].notice


# ------------------------------------------------------------------ how layers compose


def layer(text: str) -> Layer:
    head = 'name = "t"\ntitle = "测试州"\n'
    return parse_layer(head + text, "t.toml", local=True)


CONFIRMED = '[[year]]\nyear = {y}\nconfirmed = true\nnotice = "测试通知"\n'


def test_a_layer_day_off_on_an_ordinary_weekend_or_a_national_holiday_changes_nothing() -> None:
    t = layer(
        CONFIRMED.format(y=2025)
        + 'off = [{ from = 2025-06-07, to = 2025-06-08, festival = "周末" },\n'
        + '  { from = 2025-10-01, festival = "国庆" }]\n'
    )
    cal = office(None, t)
    assert cal.to_bits() == office(None).to_bits()
    assert cal.regional_in(D("2025-01-01"), D("2025-12-31")) == ()
    assert cal.holiday_name(D("2025-10-01")) == office(None).holiday_name(D("2025-10-01"))


def test_a_layer_make_up_day_on_a_weekend_is_a_working_day_for_the_office() -> None:
    t = layer(CONFIRMED.format(y=2025) + 'work = [{ date = 2025-06-14, festival = "调休上班" }]\n')
    cal = office(None, t)
    assert cal.is_working_day(D("2025-06-14")) and not office(None).is_working_day(D("2025-06-14"))
    assert cal.add_working_days(D("2025-06-13"), 1) == D("2025-06-14")  # Saturday counts
    assert cal.regional(D("2025-06-14")).working is True


def test_a_layer_day_off_on_a_national_make_up_saturday_is_a_day_off() -> None:
    # 广西 2022: 4-2 is a make-up working day nationally, a day off in the region
    assert office(None).is_working_day(D("2022-04-02"))
    assert not office("guangxi").is_working_day(D("2022-04-02"))


def test_the_clerks_override_wins_over_the_region() -> None:
    over = (Override(D("2025-06-09"), True, "本机关值班"),)
    cal = office("xinjiang", overrides=over)
    assert cal.is_working_day(D("2025-06-09"))
    assert not cal.is_working_day(D("2025-06-10"))
    assert cal.regional(D("2025-06-09")) is None  # shown as the clerk's, not the region's
    assert cal.day_kind(D("2025-06-09")) == "override_work"


def test_a_local_layer_applies_on_top_of_the_region() -> None:
    ls = parse_layer(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name, local=True)
    cal = office("xinjiang", ls)
    # 凉山 2023: 火把节 8-10…8-16 off, 8-6 (Sunday) and 8-19 (Saturday) worked
    assert cal.is_working_day(D("2023-08-06")) and not cal.is_working_day(D("2023-08-14"))
    # and the region's days stay: 新疆 2023 古尔邦节 6-28
    assert not cal.is_working_day(D("2023-06-28"))


def test_a_day_counts_by_the_layer_of_its_own_year() -> None:
    # law by date (§8): a day of 2025 written into the 2024 table is refused
    with pytest.raises(ImportErrors, match=r"t\.toml:7:\d+: 2025-01-02 不在 2024 年"):
        layer(CONFIRMED.format(y=2024) + 'off = [{ from = 2025-01-02, festival = "x" }]\n')


# ------------------------------------------------------------------ provisional years


def test_an_unconfirmed_region_year_makes_the_deadlines_across_it_provisional() -> None:
    assert correction_window("xinjiang", "2026-05-25")[1] is True  # 2026: secondary account only
    assert correction_window(None, "2026-05-25")[1] is False


def test_a_missing_region_year_makes_the_deadlines_across_it_provisional() -> None:
    # no notice of 新疆 2020 was read: nothing carried, and the count is provisional
    assert correction_window("xinjiang", "2020-07-27") == correction_window(None, "2020-07-27")[:1] + (True,)


def test_before_its_standing_rule_a_layer_leaves_the_year_settled() -> None:
    # 广西's 壮族三月三 is a holiday from 2014 (令第98号): 2013 is settled, 2016 is missing
    assert correction_window("guangxi", "2013-04-08")[1] is False
    assert correction_window("guangxi", "2016-04-05")[1] is True


# ------------------------------------------------------------------ the layer file's checks


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[year]]\nyear = 2025\nconfirmed = "yes"\n', r"t\.toml:5:1: confirmed 应为 true 或 false"),
        ("[[year]]\nyear = 2025\nconfirmed = true\n", r"t\.toml:3: 缺少 notice"),
        (CONFIRMED.format(y=2025) + "colour = 1\n", r"t\.toml:7:1: 未知设置 colour"),
        (
            CONFIRMED.format(y=2025) + 'off = [{ from = "2025-06-01", festival = "x" }]\n',
            r"t\.toml:7:\d+: from、to 应为日期",
        ),
        (
            CONFIRMED.format(y=2025) + 'off = [{ from = 2025-06-09, to = 2025-06-01, festival = "x" }]\n',
            r"t\.toml:7:\d+: to 2025-06-01 应在 from 2025-06-09 之后",
        ),
        (CONFIRMED.format(y=2025) + "off = [{ from = 2025-06-09 }]\n", r"t\.toml:7:\d+: 每一项须写 festival"),
        (CONFIRMED.format(y=2025) + CONFIRMED.format(y=2025), r"t\.toml:8:1: 2025 年重复"),
        (
            CONFIRMED.format(y=2025) + 'off = [{ from = 2025-06-09, festival = "x" }]\n'
            'work = [{ date = 2025-06-09, festival = "y" }]\n',
            r"t\.toml:8:\d+: 2025-06-09 既写成放假又写成上班",
        ),
        ("[[year]\n", r"t\.toml:3:7: 不是有效的 TOML"),
    ],
)
def test_a_bad_layer_file_is_refused_with_its_line_and_column(text: str, message: str) -> None:
    with pytest.raises(ImportErrors, match=message) as exc:
        layer(text)
    assert all(line.startswith("t.toml:") for line in exc.value.message.splitlines())


def test_a_layer_without_a_name_is_refused() -> None:
    with pytest.raises(ImportErrors, match=r"x\.toml:1:1: name 应为"):
        parse_layer('name = "凉山"\ntitle = "凉山州"\n', "x.toml")


def test_the_shipped_layers_and_the_sample_parse() -> None:
    for name in REGIONS:
        assert shipped_layer(name).name == name
    assert parse_layer(SAMPLE.read_text(encoding="utf-8"), SAMPLE.name).name == "liangshan"


# How a year's source settles the make-up working days (调休上班) when it carries none: the
# notice's clause names no 上班 day, says 不调休, gives 补休 weekdays, or the year says it is unknown.
SETTLES_MAKE_UP_DAYS = ("未写上班日", "未写调休、上班日", "不调休", "补休", "调休上班日未知")


def test_a_year_whose_notice_says_tiaoxiu_carries_its_make_up_days_or_says_why_none() -> None:
    # a notice that says 放假调休 usually also names a Saturday or Sunday worked
    for name in REGIONS:
        for y in shipped_layer(name).years:
            if "调休" in y.source and not any(d.working for d in y.days):
                assert any(p in y.source for p in SETTLES_MAKE_UP_DAYS), f"{name} {y.year}: 调休 without 上班 days"


def test_every_confirmed_shipped_year_names_its_notice_and_where_it_was_read() -> None:
    for name in REGIONS:
        for y in shipped_layer(name).years:
            assert y.source, f"{name} {y.year}: no source"
            if y.confirmed:
                assert y.notice, f"{name} {y.year}: confirmed without a notice"
            else:
                assert y.source.startswith(("未找到", "未读到")), f"{name} {y.year}: why unconfirmed?"
