"""Generate the sample year of 昌宁县医疗保障局 (events.jsonl) and the 漳州 catalogue.

    python sample_data/make_sample.py [--seed-002 PATH]

Deterministic (seeded). Dates are chosen with govinfo's own working-day calendar, and
every case is replayed through the rules engine before it is written, so what the data
claims (on time, late, overdue on the demo day) is true. Demo day: 2026-11-20.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from pathlib import Path
from typing import Any

from govinfo_cli.core.calendar import WorkCalendar, load_source
from govinfo_cli.core.events import Event, normalize
from govinfo_cli.core.personal import id_check_digit
from govinfo_cli.core.rules import replay

HERE = Path(__file__).parent
TODAY = dt.date(2026, 11, 20)
START = dt.date(2025, 10, 9)
AGENCY = "昌医保"

SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰",
         "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕"]
ORGS = {
    "business": ["昌宁县康源医药有限公司", "保山市仁和大药房连锁有限公司", "云南滇中医疗器械有限公司",
                 "昌宁县民生药店", "保山安康医院有限公司"],
    "research": ["云南省卫生健康发展研究院", "昆明医科大学公共卫生学院", "保山学院医学研究所"],
    "nonprofit": ["保山市慈善总会", "昌宁县红十字会", "云南省患者权益促进会"],
    "legal_services": ["云南保山永昌律师事务所", "北京德恒(昆明)律师事务所", "昌宁县法律援助中心"],
    "other": ["昌宁县田园镇卫生院职工代表", "某村民委员会", "昌宁县个体劳动者协会"],
}
SUBJECTS = [
    "2025年度医保基金收支决算情况", "本县定点医药机构名单及协议管理情况", "药品集中带量采购中选结果落地情况",
    "对某定点药店的行政处罚决定书", "城乡居民医保门诊共济保障实施细则", "异地就医直接结算备案办理流程",
    "医疗救助资金分配及使用明细", "DRG/DIP支付方式改革试点评估报告", "医保目录调整后新增药品清单",
    "欺诈骗保举报奖励兑现情况", "2026年城乡居民医保筹资标准", "县医保局2025年政府采购合同",
    "某医院医保违规费用追回情况", "大病保险承办合同及考核结果", "长期护理保险试点方案",
    "医保基金监督检查年度计划", "定点医疗机构年度考核结果", "医保经办窗口办理时限规定",
]
DEPARTMENTS = ["办公室", "基金监管股", "医药服务管理股", "待遇保障股", "医疗保障事务中心"]
CHANNEL_WEIGHTS = [("online", 5), ("in_person", 3), ("post", 2), ("email", 2), ("letter", 1),
                   ("fax", 1)]
TYPE_WEIGHTS = [("natural_person", 12), ("business", 4), ("legal_services", 2), ("research", 1),
                ("nonprofit", 1), ("other", 1)]
REASONS = {
    "partially_disclosed": "所申请信息中含有第三方商业秘密，作区分处理后公开其余部分",
    "withheld:state_secret": "所申请信息经依法认定属于国家秘密",
    "withheld:prohibited": "属于法律、行政法规禁止公开的信息",
    "withheld:security_stability": "公开后可能危及社会稳定",
    "withheld:third_party": "涉及第三方个人隐私，第三方不同意公开",
    "withheld:internal_affairs": "属于人事管理、后勤管理等内部事务信息",
    "withheld:process_info": "属于讨论记录、请示报告等过程性信息",
    "withheld:enforcement_file": "属于行政执法案卷信息",
    "withheld:admin_query": "属于行政查询事项，请按相关规定查询",
    "unavailable:not_held": "经检索，本机关未制作或获取该信息",
    "unavailable:needs_creation": "需对现有信息进行加工、分析方能形成",
    "unavailable:still_unclear": "经补正后申请内容仍不明确",
    "not_processed:petition": "以政府信息公开申请形式进行信访、投诉、举报",
    "not_processed:duplicate": "重复申请，已于此前作出答复",
    "not_processed:publication": "要求提供公开出版物，请通过公开渠道获取",
    "not_processed:excessive": "无正当理由大量、反复申请",
    "not_processed:confirmation": "要求本机关确认或重新出具已获取的信息",
    "other:other": "申请人自愿撤回申请",
}


class Sample:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.cal = WorkCalendar.build(load_source(2024, 2028))
        self.lines: list[dict[str, Any]] = []
        self.seq: dict[tuple[str, int], int] = {}

    # -- helpers ------------------------------------------------------------
    def wd(self, d: dt.date, n: int) -> dt.date:
        return self.cal.add_working_days(d, n)

    def number(self, kind: str, year: int) -> str:
        key = (kind, year)
        self.seq[key] = self.seq.get(key, 0) + 1
        word = {"request": "依申", "complaint": "投诉", "appeal": "复议诉讼", "disclosure": "公开",
                "opinion": "舆情"}[kind]
        return f"{AGENCY}{word}〔{year}〕{self.seq[key]}号"

    def pick(self, weights: list[tuple[str, int]]) -> str:
        return self.rnd.choices([w for w, _ in weights], [n for _, n in weights])[0]

    def person(self) -> str:
        return self.rnd.choice(SURNAMES) + self.rnd.choice(GIVEN)

    def id_number(self) -> str:
        area = self.rnd.choice(["530524", "530502", "530102", "532901"])
        birth = dt.date(1955, 1, 1) + dt.timedelta(days=self.rnd.randrange(0, 17000))
        body = f"{area}{birth:%Y%m%d}{self.rnd.randrange(0, 999):03d}"
        return body + id_check_digit(body)

    def add(self, case: str, kind: str, events: list[dict[str, Any]]) -> None:
        """Replay the case through the engine (refusing anything it refuses), then keep it."""
        evs = [Event(e["type"], dt.date.fromisoformat(e["date"]),
                     normalize(kind, e["type"], e)) for e in events]
        assert all(e.date <= TODAY for e in evs), (case, events)
        replay(kind, evs, self.cal)
        self.lines += [{"case": case, "kind": kind, **e} for e in events]

    # -- requests -----------------------------------------------------------
    def received(self, day: dt.date) -> dict[str, Any]:
        atype = self.pick(TYPE_WEIGHTS)
        channel = "in_person" if day.weekday() >= 5 else self.pick(CHANNEL_WEIGHTS)
        e: dict[str, Any] = {
            "type": "received", "date": day.isoformat(), "channel": channel,
            "applicant": self.person() if atype == "natural_person" else self.rnd.choice(ORGS[atype]),
            "applicant_type": atype, "subject": self.rnd.choice(SUBJECTS),
            "department": self.rnd.choice(DEPARTMENTS),
        }
        if channel in ("post", "letter"):
            e["arrival_date"] = (day - dt.timedelta(days=self.rnd.choice([0, 1, 2]))).isoformat()
        if atype == "natural_person":
            if self.rnd.random() < 0.7:
                e["id_number"] = self.id_number()
            e["contact"] = f"1{self.rnd.choice('3589')}{self.rnd.randrange(10**8, 10**9)}"
        return e

    def reply(self, day: dt.date, outcome: str) -> dict[str, Any]:
        e = {"type": "replied", "date": day.isoformat(), "outcome": outcome}
        if outcome in REASONS:
            e["reason"] = REASONS[outcome]
        return e

    def request(self, day: dt.date, scenario: str, outcome: str) -> None:
        case = self.number("request", day.year)
        ev = [self.received(day)]
        d = day
        if scenario == "on_the_spot":
            ev[0]["channel"] = "in_person"
            ev[0].pop("arrival_date", None)
            self.add(case, "request", [*ev, self.reply(day, "disclosed")])
            return
        if scenario in ("correction", "no_correction"):
            asked = self.wd(d, self.rnd.randint(2, 6))
            ev.append({"type": "correction_requested", "date": asked.isoformat(), "within_wd": 15})
            if scenario == "no_correction":
                close = self.wd(asked, 15 + self.rnd.randint(1, 4))
                ev.append(self.reply(close, "other:no_correction"))
                ev[-1]["reason"] = "申请人无正当理由逾期不补正，视为放弃申请"
                self.add(case, "request", ev)
                return
            d = self.wd(asked, self.rnd.randint(3, 10))
            ev.append({"type": "correction_received", "date": d.isoformat()})
        if scenario == "extension":
            ext_day = self.wd(d, self.rnd.randint(15, 19))
            ext = self.rnd.choice([10, 15, 20])
            ev.append({"type": "extended", "date": ext_day.isoformat(), "working_days": ext,
                       "reason": self.rnd.choice(["涉及多个处室，需协调", "需调取历年档案", "信息量较大，需汇总整理"])})
            d = self.wd(ext_day, self.rnd.randint(2, ext))
            ev.append(self.reply(d, outcome))
            self.add(case, "request", ev)
            return
        if scenario in ("third_party", "agency"):
            sent = self.wd(d, self.rnd.randint(3, 8))
            name = self.rnd.choice(ORGS["business"]) if scenario == "third_party" else \
                self.rnd.choice(["昌宁县卫生健康局", "保山市医疗保障局", "昌宁县财政局"])
            ev.append({"type": "consultation_sent", "date": sent.isoformat(), "party": scenario,
                       "name": name})
            answered = self.wd(sent, self.rnd.randint(4, 14))
            opinion = {"type": "consultation_answered", "date": answered.isoformat(),
                       "party": scenario}
            if scenario == "third_party":
                opinion["opinion"] = self.rnd.choice(["agree", "object"])
            ev.append(opinion)
            d = self.wd(answered, self.rnd.randint(2, 8))
        if scenario in ("fee", "fee_unpaid"):
            notice = self.wd(d, self.rnd.randint(4, 9))
            ev.append({"type": "fee_notice_received", "date": notice.isoformat(),
                       "amount": self.rnd.choice([100, 200, 700, 1100])})
            if scenario == "fee_unpaid":
                ev.append(self.reply(self.wd(notice, 21 + self.rnd.randint(0, 3)), "other:fee_unpaid"))
                ev[-1]["reason"] = "申请人逾期未按收费通知要求缴纳费用"
                self.add(case, "request", ev)
                return
            paid = self.wd(notice, self.rnd.randint(2, 10))
            ev.append({"type": "fee_paid", "date": paid.isoformat()})
            d = self.wd(paid, self.rnd.randint(3, 10))
        if scenario == "deferred":
            on = self.wd(d, self.rnd.randint(5, 12))
            until = on + dt.timedelta(days=60)
            ev.append({"type": "deferred", "date": on.isoformat(), "until": until.isoformat(),
                       "reason": "同一申请人短期内提出大量申请，明显超过合理范围"})
            d = self.wd(on, self.rnd.randint(20, 35))
            ev.append(self.reply(d, outcome))
            self.add(case, "request", ev)
            return
        if scenario == "withdrawn":
            ev.append({"type": "withdrawn", "date": self.wd(d, self.rnd.randint(1, 6)).isoformat(),
                       "reason": "申请人书面撤回申请"})
            self.add(case, "request", ev)
            return
        late = scenario == "late"
        k = self.rnd.randint(22, 25) if late else self.rnd.randint(3, 18)
        if scenario in ("plain", "late"):
            d = self.wd(day, k)
        ev.append(self.reply(d, outcome))
        self.add(case, "request", ev)

    def open_request(self, day: dt.date, stage: str) -> None:
        case = self.number("request", day.year)
        ev = [self.received(day)]
        if stage == "fee_waiting":
            ev.append({"type": "fee_notice_received", "date": self.wd(day, 3).isoformat(),
                       "amount": 200})
        elif stage == "correction_waiting":
            ev.append({"type": "correction_requested", "date": self.wd(day, 2).isoformat(),
                       "within_wd": 15})
        elif stage == "consulting":
            ev.append({"type": "consultation_sent", "date": self.wd(day, 3).isoformat(),
                       "party": "third_party", "name": self.rnd.choice(ORGS["business"])})
        elif stage == "extended":
            ev.append({"type": "extended", "date": self.wd(day, 18).isoformat(), "working_days": 10,
                       "reason": "需向多个定点医药机构调取数据"})
        self.add(case, "request", ev)

    def requests(self) -> None:
        outcomes = list(REASONS) + ["disclosed"] * 14
        scenarios = (["plain"] * 16 + ["correction"] * 4 + ["extension"] * 4 + ["third_party"] * 4
                     + ["agency"] * 3 + ["fee"] * 3 + ["deferred", "late", "late", "late"])
        days = sorted(START + dt.timedelta(days=self.rnd.randrange(0, 330)) for _ in range(60))
        must = ["no_correction", "fee_unpaid", "withdrawn", "on_the_spot"]
        plan = [(d, scenarios[i % len(scenarios)]) for i, d in enumerate(days)]
        for i, s in enumerate(must):
            plan[5 + i * 12] = (plan[5 + i * 12][0], s)
        for i, (day, scenario) in enumerate(plan):
            if scenario == "on_the_spot":
                day = self.cal.next_working_day_on_or_after(day)
            outcome = outcomes[i % len(outcomes)] if scenario != "withdrawn" else "other:other"
            if scenario in ("correction",) and outcome == "disclosed":
                outcome = "unavailable:still_unclear"
            self.request(day, scenario, outcome)
        # open cases on the demo day: overdue, due soon, waiting, fresh
        for day, stage in [
            (dt.date(2026, 10, 12), "plain"), (dt.date(2026, 10, 15), "plain"),
            (dt.date(2026, 9, 21), "extended"), (dt.date(2026, 10, 22), "plain"),
            (dt.date(2026, 10, 26), "plain"), (dt.date(2026, 10, 28), "consulting"),
            (dt.date(2026, 11, 3), "fee_waiting"), (dt.date(2026, 11, 5), "correction_waiting"),
            (dt.date(2026, 11, 16), "plain"), (dt.date(2026, 11, 18), "plain"),
            (dt.date(2026, 11, 20), "plain"),
        ]:
            self.open_request(day, stage)

    # -- the other kinds ------------------------------------------------------
    def complaints(self) -> None:
        subjects = [("昌宁县康源医药有限公司", "定点药店串换药品、虚假结算医保费用"),
                    ("昌宁县某医院", "未按规定公开医保定点协议及收费标准"),
                    ("县医保局经办窗口", "未依法履行政府信息公开义务"),
                    ("昌宁县民生药店", "违规为非参保人刷卡购药"),
                    ("保山安康医院有限公司", "挂床住院骗取医保基金"),
                    ("某乡镇卫生院", "医疗救助资金发放信息未公示"),
                    ("县医保局", "依申请公开答复超期"),
                    ("某诊所", "收取费用与公示价格不符")]
        starts = [dt.date(2025, 11, 3), dt.date(2026, 1, 12), dt.date(2026, 3, 9),
                  dt.date(2026, 5, 18), dt.date(2026, 7, 6), dt.date(2026, 9, 14),
                  dt.date(2026, 10, 19), dt.date(2026, 11, 9)]
        for i, (day, (respondent, summary)) in enumerate(zip(starts, subjects, strict=True)):
            case = self.number("complaint", day.year)
            ev: list[dict[str, Any]] = [{
                "type": "complaint_accepted", "date": day.isoformat(), "respondent": respondent,
                "summary": summary, "reporter": self.person(), "channel": "12345热线",
                "department": "基金监管股"}]
            if i == 2:
                ev.append({"type": "complaint_rejected", "date": (day + dt.timedelta(days=5)).isoformat(),
                           "reason": "before_other_body"})
            elif i == 6:  # open and overdue on the demo day (decision due 2026-11-03)
                pass
            elif i == 7:  # freshly accepted
                ev.append({"type": "handling_decided", "date": (day + dt.timedelta(days=4)).isoformat(),
                           "mode": "direct"})
            else:
                ev.append({"type": "handling_decided",
                           "date": (day + dt.timedelta(days=self.rnd.randint(3, 12))).isoformat(),
                           "mode": ["direct", "transfer", "supervise"][i % 3]})
                end = 28
                if i in (1, 4):
                    ev.append({"type": "complaint_extended",
                               "date": (day + dt.timedelta(days=25)).isoformat(), "days": 15,
                               "reason": "需调取定点机构结算数据，经负责人批准延长"})
                    end = 40
                ev.append({"type": "complaint_concluded",
                           "date": (day + dt.timedelta(days=end)).isoformat(),
                           "result": "经核查，情况属实，已责令整改并追回违规费用" if i % 2
                           else "经核查，反映问题不属实"})
            self.add(case, "complaint", ev)

    def appeals(self) -> None:
        requests = [x["case"] for x in self.lines if x["kind"] == "request" and x["type"] == "replied"
                    and x["outcome"] in ("withheld:third_party", "unavailable:not_held",
                                         "not_processed:duplicate", "withheld:process_info")]
        specs = [("reconsideration", False, "upheld"), ("reconsideration", True, "corrected"),
                 ("lawsuit:direct", False, "upheld"), ("lawsuit:after_reconsideration", False, None),
                 ("reconsideration", False, None)]
        for i, (what, simplified, result) in enumerate(specs):
            req = requests[i % len(requests)]
            replied = max(dt.date.fromisoformat(x["date"]) for x in self.lines if x["case"] == req)
            day = min(self.cal.add_working_days(replied, 15 + 10 * i), dt.date(2026, 11, 12))
            case = self.number("appeal", day.year)
            if what == "reconsideration":
                ev: list[dict[str, Any]] = [{"type": "reconsideration_copy_received", "date": day.isoformat(),
                                             "request": req, "simplified": simplified}]
                ev.append({"type": "agency_replied", "date": self.wd(day, 4).isoformat()})
            else:
                ev = [{"type": "lawsuit_copy_received", "date": day.isoformat(), "request": req,
                       "route": what.split(":")[1]}]
                ev.append({"type": "defense_submitted", "date": (day + dt.timedelta(days=12)).isoformat()})
            if result:
                ev.append({"type": "appeal_decided", "date": (day + dt.timedelta(days=55)).isoformat(),
                           "result": result})
            ev = [e for e in ev if dt.date.fromisoformat(e["date"]) <= TODAY]
            self.add(case, "appeal", ev)

    def disclosures(self) -> None:
        items = [
            ("information_formed", "关于印发《昌宁县医疗保障基金监督检查办法》的通知", "行政规范性文件", "public"),
            ("information_formed", "昌宁县医疗保障局2025年部门决算", "财政预决算", "public"),
            ("information_formed", "昌宁县医疗保障局2026年部门预算", "财政预决算", "public"),
            ("information_changed", "昌宁县定点医药机构名单（2026年调整）", "工作动态", "public"),
            ("information_formed", "关于城乡居民医保门诊共济保障的实施细则", "行政规范性文件", "public"),
            ("information_formed", "2026年医保基金监督检查工作方案", "工作动态", "public_redacted"),
            ("information_formed", "局党组会议纪要", "内部事务", "not_public"),
            ("information_formed", "昌宁县医疗救助资金分配明细", "工作动态", "on_request"),
            ("enforcement_decision", "行政处罚决定书 昌医保罚〔2026〕2号", "行政处罚", "penalty"),
            ("enforcement_decision", "行政处罚决定书 昌医保罚〔2026〕5号", "行政处罚", "penalty"),
            ("enforcement_decision", "医保定点准入许可 昌医保许〔2026〕3号", "行政许可", "licensing"),
            ("policy_published", "昌宁县长期护理保险试点实施方案", "行政规范性文件", None),
            ("information_formed", "2026年第三季度医保基金运行情况", "统计数据", "public"),
            ("enforcement_decision", "行政处罚决定书 昌医保罚〔2026〕9号", "行政处罚", "penalty"),
            ("information_formed", "关于调整城乡居民医保筹资标准的通知", "行政规范性文件", "public"),
        ]
        days = [dt.date(2025, 12, 5), dt.date(2026, 1, 20), dt.date(2026, 2, 10), dt.date(2026, 3, 16),
                dt.date(2026, 4, 8), dt.date(2026, 5, 12), dt.date(2026, 5, 20), dt.date(2026, 6, 15),
                dt.date(2026, 7, 7), dt.date(2026, 8, 18), dt.date(2026, 9, 8), dt.date(2026, 10, 13),
                dt.date(2026, 10, 19), dt.date(2026, 11, 6), dt.date(2026, 11, 16)]
        for i, ((type_, title, category, extra), day) in enumerate(zip(items, days, strict=True)):
            case = self.number("disclosure", day.year)
            e: dict[str, Any] = {"type": type_, "date": day.isoformat(), "title": title,
                                 "department": self.rnd.choice(DEPARTMENTS)}
            if type_ == "enforcement_decision":
                e["decision"] = extra
            elif type_ != "policy_published":
                e["category"] = category
                e["attribute"] = extra
            ev = [e]
            if type_ == "policy_published":
                ev.append({"type": "published", "date": self.wd(day, 2).isoformat(),
                           "channel": "县政府门户网站 政策解读"})
            elif extra in ("public", "public_redacted", "penalty", "licensing") and i not in (12, 13, 14):
                n = 5 if type_ == "enforcement_decision" else self.rnd.randint(5, 18)
                ev.append({"type": "published", "date": self.wd(day, n).isoformat(),
                           "channel": "县政府门户网站 信息公开专栏"})
            # 12: formed 2026-10-19, unpublished → overdue (due 2026-11-16); 13, 14: pending
            self.add(case, "disclosure", ev)

    def opinions(self) -> None:
        self.add(self.number("opinion", 2026), "opinion", [
            {"type": "opinion_detected", "date": "2026-06-03", "at": "2026-06-03 09:20",
             "major": True, "summary": "网传某定点医院套取医保基金", "department": "办公室"},
            {"type": "opinion_released", "date": "2026-06-03", "at": "2026-06-03 10:05"},
            {"type": "press_conference_held", "date": "2026-06-04", "at": "2026-06-04 09:00"},
        ])
        self.add(self.number("opinion", 2026), "opinion", [
            {"type": "opinion_detected", "date": "2026-11-19", "at": "2026-11-19 16:40",
             "major": False, "summary": "网民反映异地就医备案办理难", "department": "待遇保障股"},
        ])

    def duties(self) -> None:
        """The 2025 annual report was published on time (the December review of 2026 is
        still to come on the demo day: govinfo creates it by itself)."""
        self.add("年度报告〔2025〕", "disclosure", [
            {"type": "duty_opened", "date": "2026-01-01", "duty": "annual_report", "year": 2025,
             "department": "办公室"},
            {"type": "duty_done", "date": "2026-01-23", "duty": "annual_report"},
        ])

    def write(self, path: Path) -> None:
        self.lines.sort(key=lambda x: x["date"])  # stable: each case keeps its order
        with path.open("w", encoding="utf-8", newline="\n") as fh:
            for x in self.lines:
                fh.write(json.dumps(x, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# Seed 002: the 漳州 disclosure catalogue, as a CSV
# ---------------------------------------------------------------------------

CATALOGUE_HEADER = ["一级", "二级", "三级", "公开内容", "公开时限", "公开渠道", "公开依据", "具体条款",
                    "公开方式", "公开责任"]
_TIME = re.compile(r"(实时|工作日|日内|日前|及时|每年|定期|长期)")


def catalogue_rows(seed: Path) -> list[list[str]]:
    """The seed's table lost its merged category cells; each row keeps its content,
    time limit, channel, basis, clause, manner and responsible division."""
    rows: list[list[str]] = []
    for raw in seed.read_text(encoding="utf-8").splitlines()[3:]:
        cells = [c.strip() for c in raw.split("|")]
        while cells and not cells[-1]:
            cells.pop()
        if cells and not cells[0]:
            cells = cells[1:]
        if not cells:
            continue
        at = next((i for i, c in enumerate(cells) if _TIME.search(c) and len(c) < 30), None)
        if at is None or at == 0:
            if rows:  # a continuation line: fill the previous row's empty trailing columns
                prev = rows[-1]
                for c in cells:
                    empty = next((i for i in range(6, 10) if not prev[i]), None)
                    if empty is None:
                        break
                    prev[empty] = c
            continue
        content = cells[at - 1]
        item = cells[at - 2] if at >= 2 else content
        rest = (cells[at:] + [""] * 6)[:6]
        rows.append(["", "", item, content, *rest])
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seed-002", type=Path,
                    default=HERE.parent.parent / "shared" / "seeds" / "002_cbc78462a7bbd2c4.txt")
    ap.add_argument("--seed", type=int, default=20261120)
    args = ap.parse_args()
    s = Sample(args.seed)
    s.requests()
    s.complaints()
    s.appeals()
    s.disclosures()
    s.opinions()
    s.duties()
    s.write(HERE / "events.jsonl")
    print(f"events.jsonl: {len(s.lines)} events, {len({(x['kind'], x['case']) for x in s.lines})} cases")
    if args.seed_002.exists():
        rows = catalogue_rows(args.seed_002)
        with (HERE / "catalogue.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(CATALOGUE_HEADER)
            w.writerows(rows)
        print(f"catalogue.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
