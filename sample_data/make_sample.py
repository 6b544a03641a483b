"""Generate govinfo's sample data: a year of 昌宁县医疗保障局 and the 漳州 catalogue.

    python sample_data/make_sample.py [--out DIR] [--catalogue-text FILE]

Writes ``events.jsonl`` (event lines of docs/contract.md, sorted by date) and checks the
disclosure catalogue ``sample_data/catalogue.csv`` (the table of
《漳州市医疗保障局政府信息公开事项目录》, docs/sources.md) that the sample's disclosure
items refer to; with ``--out`` elsewhere, copies it there. ``--catalogue-text FILE``
rebuilds catalogue.csv from a text copy of that table instead.

Deterministic (seeded ``random``), standard library plus ``holidays`` only. Every date is
computed with the working-day rules of docs/rules.md §1 (official holidays and 调休 make-up
days from ``holidays.China``), and the script asserts what it claims: replies on time or
late, deadlines overdue or pending on the demo day, periods that must have passed before
a lapse is recorded. The demo day is 2026-11-20 (a Friday); no event is later.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import holidays

HERE = Path(__file__).resolve().parent
SEED = 20261120
TODAY = dt.date(2026, 11, 20)
START = dt.date(2025, 10, 9)  # first working day after the 2025 National Day holiday
AGENCY = "昌医保"
CATALOGUE = HERE / "catalogue.csv"  # in the repository: the input, unless --catalogue-text

Date = dt.date
Event = dict[str, Any]

# ---------------------------------------------------------------- calendar (docs/rules.md §1)
_CN = holidays.China(years=range(2025, 2028))
_MAKEUP = frozenset(_CN.weekend_workdays)


def is_wd(d: Date) -> bool:
    """A working day: Mon–Fri not a holiday, or a declared make-up day (调休上班日)."""
    return d in _MAKEUP or (d.weekday() < 5 and d not in _CN)


def add_wd(d: Date, n: int, skip: frozenset[Date] = frozenset()) -> Date:
    """The n-th working day strictly after d (days in ``skip`` do not count)."""
    while n > 0:
        d += dt.timedelta(days=1)
        if is_wd(d) and d not in skip:
            n -= 1
    return d


def wd_range(a: Date, b: Date) -> set[Date]:
    """Working days in (a, b]."""
    out: set[Date] = set()
    while a < b:
        a += dt.timedelta(days=1)
        if is_wd(a):
            out.add(a)
    return out


def wd_left(due: Date) -> int:
    """Working days from TODAY to ``due`` (negative when overdue)."""
    if due >= TODAY:
        return len(wd_range(TODAY, due))
    return -len(wd_range(due, TODAY))


def add_days(d: Date, n: int) -> Date:
    """N days (日) from d: d + n, rolled to the next working day (民法典第203条)."""
    e = d + dt.timedelta(days=n)
    while not is_wd(e):
        e += dt.timedelta(days=1)
    return e


def next_wd(d: Date) -> Date:
    """d itself if it is a working day, else the next one."""
    return d if is_wd(d) else add_wd(d, 1)


def id_check(body: str) -> str:
    """GB 11643 check character for the first 17 digits."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def by_pages(pages: int) -> dict[str, Any]:
    """The 109号 calculation a fee notice records: per volume, its pages."""
    return {"scheme": "per_volume", "pages": pages}


def fee_by_pages(pages: int) -> int:
    """国办函〔2020〕109号 按量收费: ≤30 free; 31–100 10元; 101–200 20元; ≥201 40元 (累进)."""
    tiers = ((30, 0), (100, 10), (200, 20), (10**9, 40))
    total, low = 0, 0
    for top, price in tiers:
        if pages > low:
            total += (min(pages, top) - low) * price
        low = top
    return total


# ---------------------------------------------------------------- the bureau's world
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾杞字段"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "建华",
    "志强",
    "海燕",
    "德兵",
    "会芬",
    "绍春",
    "正云",
]
ORGS = {
    "business": [
        "昌宁县康源医药有限公司",
        "保山市仁和大药房连锁有限公司",
        "云南滇中医疗器械有限公司",
        "昌宁县民生药店有限公司",
        "保山安康医院有限公司",
        "云南白药大药房有限公司昌宁分店",
    ],
    "research": ["云南省卫生健康发展研究院", "昆明医科大学公共卫生学院", "保山学院医学研究所"],
    "nonprofit": ["保山市慈善总会", "昌宁县红十字会", "云南省罕见病关爱中心"],
    "legal_services": ["云南永昌律师事务所", "云南八谦律师事务所", "昌宁县法律援助中心"],
    "other": ["昌宁县田园镇某村民委员会", "昌宁县个体劳动者协会", "昌宁县老年人体育协会"],
}
TYPE_WEIGHTS = {"natural_person": 62, "business": 12, "research": 5, "nonprofit": 5, "legal_services": 10, "other": 6}
CHANNEL_WEIGHTS = {"online": 40, "in_person": 22, "post": 14, "letter": 6, "fax": 4, "email": 14}
DEPARTMENTS = ["办公室", "医药服务管理股", "基金监管股", "待遇保障股", "医疗保障事务中心"]
AREAS = ["530524", "530524", "530502", "530521", "530102", "533103"]  # 昌宁、隆阳、施甸、五华、芒市

# (subject, department) of ordinary requests that end disclosed or partially disclosed
SUBJECTS = [
    ("2025年度县医保基金收支决算情况", "医疗保障事务中心"),
    ("全县定点医药机构名单及服务协议签订情况", "医药服务管理股"),
    ("国家组织药品集中带量采购中选药品在本县的落地情况", "医药服务管理股"),
    ("2026年城乡居民基本医疗保险个人缴费标准及财政补助标准", "待遇保障股"),
    ("职工医保门诊共济保障机制改革实施细则", "待遇保障股"),
    ("异地就医直接结算备案办理流程及所需材料", "医疗保障事务中心"),
    ("2025年医疗救助资金分配及使用情况", "待遇保障股"),
    ("县域DRG/DIP支付方式改革实施方案及年度清算结果", "医药服务管理股"),
    ("2025年国家医保药品目录调整后新增药品在本县的执行情况", "医药服务管理股"),
    ("欺诈骗保举报奖励兑现情况", "基金监管股"),
    ("2026年医保基金监督检查工作计划", "基金监管股"),
    ("县医保局2025年政府采购项目及合同", "办公室"),
    ("城乡居民大病保险承办合同及年度考核结果", "待遇保障股"),
    ("定点医疗机构医保违规费用追回情况", "基金监管股"),
    ("门诊慢特病病种目录及认定标准", "待遇保障股"),
    ("医保经办服务事项清单及办理时限", "医疗保障事务中心"),
    ("对县内某定点药店作出的行政处罚决定书", "基金监管股"),
    ("2025年度定点医药机构考核结果", "医药服务管理股"),
    ("医保基金“双随机、一公开”抽查事项清单及结果", "基金监管股"),
    ("脱贫人口医疗保障待遇政策及资助参保情况", "待遇保障股"),
]

# outcome -> (subject, department, reason) for outcomes that need a fitting request
FITTED: dict[str, tuple[str, str, str]] = {
    "withheld:state_secret": (
        "县医保信息系统网络安全等级保护测评报告",
        "办公室",
        "所申请信息经保密审查属于国家秘密，依据《政府信息公开条例》第十四条不予公开",
    ),
    "withheld:prohibited": (
        "某参保人2025年住院医疗费用医保结算明细",
        "医疗保障事务中心",
        "所申请信息属于《中华人民共和国社会保险法》第八十一条规定应予保密的个人信息，依法不予公开",
    ),
    "withheld:security_stability": (
        "全县医保基金运行风险监测预警数据及应对预案",
        "医疗保障事务中心",
        "所申请信息公开后可能危及经济安全和社会稳定，依据条例第十四条不予公开",
    ),
    "withheld:internal_affairs": (
        "县医保局机关干部职工2025年度考核结果",
        "办公室",
        "所申请信息属于人事管理内部事务信息，依据条例第十六条第一款不予公开",
    ),
    "withheld:process_info": (
        "2026年医保基金监督检查工作方案讨论稿及局务会议纪要",
        "基金监管股",
        "所申请信息属于讨论记录、过程稿等过程性信息，依据条例第十六条第二款不予公开",
    ),
    "withheld:enforcement_file": (
        "对县人民医院医保违规问题的调查询问笔录及取证材料",
        "基金监管股",
        "所申请信息属于行政执法案卷信息，依据条例第十六条第二款不予公开",
    ),
    "withheld:admin_query": (
        "本人2016年至2025年职工医保缴费及个人账户使用记录",
        "医疗保障事务中心",
        "所申请信息属于行政查询事项，请持有效身份证件到医保经办窗口或通过国家医保服务平台查询",
    ),
    "unavailable:not_held": (
        "县人民医院医务人员绩效工资发放明细",
        "办公室",
        "医务人员绩效工资由医疗机构发放、由卫生健康部门管理，本机关未制作或获取该信息",
    ),
    "unavailable:needs_creation": (
        "近五年全县各乡镇医保基金支出分项统计及排名",
        "医疗保障事务中心",
        "本机关无现成信息，需对现有数据进行汇总、加工、分析方能形成，依据条例第三十八条不予提供",
    ),
    "not_processed:petition": (
        "要求查处某药店刷医保卡套现问题并答复处理结果",
        "基金监管股",
        "申请实为举报，依据条例第三十九条第一款告知通过投诉举报渠道提出，已转基金监管股办理",
    ),
    "not_processed:duplicate": (
        "2025年医疗救助资金分配及使用情况（再次申请）",
        "待遇保障股",
        "申请人此前已就同一信息提出申请并获答复，重复申请不予重复处理（条例第三十六条第（六）项）",
    ),
    "not_processed:publication": (
        "《国家基本医疗保险、工伤保险和生育保险药品目录（2025年）》文本",
        "医药服务管理股",
        "该目录由国家医疗保障局、人力资源社会保障部印发，可在国家医疗保障局网站“政策法规”栏目查阅或购买出版物",
    ),
    "not_processed:excessive": (
        "2018年以来全部定点医药机构稽核检查资料",
        "基金监管股",
        "申请人无正当理由大量、反复申请，明显超过合理范围（条例第三十五条），不予处理",
    ),
    "not_processed:confirmation": (
        "要求对已获取的行政处罚决定书复印件加盖公章予以确认",
        "基金监管股",
        "申请人要求本机关对已获取的行政处罚决定书复印件加盖公章予以确认，不属于提供政府信息",
    ),
    "other:other": (
        "职工医保个人账户家庭共济如何办理（政策咨询）",
        "待遇保障股",
        "申请内容属于政策咨询，不属于政府信息公开申请，已通过电话另行解答",
    ),
}
NOT_OURS_BODY = "昌宁县卫生健康局（联系电话：0875-6120001）"  # invented, as every phone here
NOT_EXISTING = "经检索本机关文书档案和业务系统，没有该信息"
CORRECTION_ITEMS = {
    "fee": ["所需政府信息的名称、文号或者便于本机关查询的其他特征性描述", "“某项费用”所指的费用名称和年度"],
    "all": [
        "所需政府信息的名称、文号或者便于本机关查询的其他特征性描述",
        "申请公开的时间范围和事项（“所有文件”无法检索）",
    ],
    "last_year": ["所需政府信息的名称、文号或者便于本机关查询的其他特征性描述", "“去年那个文件”所指的年度和发文机关"],
}
REASONS = {
    "partially_disclosed": "所申请信息中涉及第三方个人隐私和商业秘密的内容已作区分处理，其余部分予以公开",
    "withheld:third_party": "公开会损害第三方合法权益，经征求意见第三方不同意公开（条例第十五条）",
    "unavailable:still_unclear": "经补正后申请内容仍不明确，无法确定所指政府信息",
    "other:no_correction": "申请人无正当理由逾期不补正，视为放弃申请，本机关不再处理（条例第三十条）",
    "other:fee_unpaid": "申请人逾期未按收费通知缴纳信息处理费，视为放弃申请（国办函〔2020〕109号）",
}
EXTENSION_REASONS = [
    "所申请信息涉及多个股室，需协调汇总",
    "需调取2019年以前的纸质档案",
    "信息量较大，需逐页审查并作区分处理",
    "需经局务会研究确定答复意见",
]
OUTCOMES = (
    "disclosed",
    "partially_disclosed",
    "withheld:state_secret",
    "withheld:prohibited",
    "withheld:security_stability",
    "withheld:third_party",
    "withheld:internal_affairs",
    "withheld:process_info",
    "withheld:enforcement_file",
    "withheld:admin_query",
    "unavailable:not_held",
    "unavailable:needs_creation",
    "unavailable:still_unclear",
    "not_processed:petition",
    "not_processed:duplicate",
    "not_processed:publication",
    "not_processed:excessive",
    "not_processed:confirmation",
    "other:no_correction",
    "other:fee_unpaid",
    "other:other",
)


# ---------------------------------------------------------------- requests
class ReplyClock:
    """The reply deadline of one request (条例第30、33、35条; 国办函〔2020〕109号).

    20 working days from receipt, restarted by a received correction; plus extensions;
    working days paused by consultations and an unpaid fee do not count; a 第35条 deferral
    replaces it.
    """

    def __init__(self, received: Date) -> None:
        self.base = received
        self.extension = 0
        self.paused: set[Date] = set()
        self.until: Date | None = None

    def restart(self, d: Date) -> None:
        self.base, self.extension, self.paused = d, 0, set()

    def pause(self, a: Date, b: Date) -> None:
        self.paused |= {x for x in wd_range(a, b) if x > self.base}

    def due(self) -> Date:
        if self.until:
            return self.until
        return add_wd(self.base, 20 + self.extension, frozenset(self.paused))


class Request:
    """One request being built event by event (dates checked as they are added)."""

    def __init__(
        self,
        gen: Sample,
        day: Date,
        *,
        subject: str | None = None,
        department: str | None = None,
        channel: str | None = None,
        applicant_type: str | None = None,
    ) -> None:
        assert is_wd(day) and day <= TODAY, day
        rnd = gen.rnd
        atype = applicant_type or gen.pick(TYPE_WEIGHTS)
        channel = channel or gen.pick(CHANNEL_WEIGHTS)
        if subject is None:
            subject, department = rnd.choice(SUBJECTS)
        e: Event = {
            "type": "received",
            "date": day,
            "channel": channel,
            "applicant": gen.person() if atype == "natural_person" else rnd.choice(ORGS[atype]),
            "applicant_type": atype,
            "subject": subject,
            "department": department or rnd.choice(DEPARTMENTS),
        }
        if channel == "letter":  # 平常信函: arrived earlier, receipt = confirmed by phone
            e["arrival_date"] = day - dt.timedelta(days=rnd.choice([1, 2, 3]))
        if atype == "natural_person":
            if rnd.random() < 0.75:
                e["id_number"] = gen.id_number()
            if rnd.random() < 0.9:
                e["contact"] = gen.mobile()
        self.gen = gen
        self.received = day
        self.events: list[Event] = [e]
        self.clock = ReplyClock(day)
        self.outcome: str | None = None
        self.number = ""
        self.claim: str | None = None  # what it shows on TODAY: late, overdue, due_soon, ...

    @property
    def last(self) -> Date:
        return self.events[-1]["date"]

    def add(self, type_: str, day: Date, **fields: Any) -> Date:
        assert self.last <= day <= TODAY, (type_, day, self.events)
        self.events.append({"type": type_, "date": day, **fields})
        return day

    def due(self) -> Date:
        return self.clock.due()

    def reply(self, day: Date, outcome: str, reason: str | None = None, **given: Any) -> None:
        if outcome == "unavailable:not_held":  # the first not this office's (第36条第（五）项), then (四)
            self.gen.not_held += 1
            if self.gen.not_held % 2:
                given.setdefault("body", NOT_OURS_BODY)
            else:
                reason = reason or NOT_EXISTING
        reason = reason or REASONS.get(outcome) or FITTED.get(outcome, ("", "", None))[2]
        assert outcome == "disclosed" or reason, outcome
        fields: dict[str, Any] = {"outcome": outcome}
        if reason and outcome != "disclosed":
            fields["reason"] = reason
        if outcome in ("disclosed", "partially_disclosed"):
            fields.update(given or self.provided())
        else:
            fields.update(given)
        self.add("replied", day, **fields)
        self.outcome = outcome

    def provided(self) -> dict[str, str]:
        """How a disclosed request's information goes to the applicant (条例第40条): by e-mail
        for a request that came by internet or e-mail, on paper with the reply otherwise."""
        if self.events[0]["channel"] in ("online", "email"):
            return {"provide": "email", "provide_at": f"sqr{self.gen.requests.index(self) + 1}@example.com"}
        return {"provide": "paper"}

    def reply_in(self, outcome: str, reason: str | None = None, late: int = 0) -> None:
        """Reply on a random working day before the deadline, or ``late`` days after it."""
        due = self.due()
        if late:
            day = add_wd(due, late)
            assert day > due
        else:
            room = len(wd_range(self.last, due))
            day = add_wd(self.last, self.gen.rnd.randint(min(2, room), max(min(2, room), room - 1)))
            assert day <= due
        self.reply(day, outcome, reason)


class Sample:
    def __init__(self, seed: int = SEED) -> None:
        self.rnd = random.Random(seed)
        self.requests: list[Request] = []
        self.cases: list[tuple[str, str, list[Event]]] = []  # (case, kind, events)
        self.claims: dict[str, str] = {}  # case -> what it shows on TODAY
        self.appeal_seq: Counter[tuple[str, int]] = Counter()
        self.not_held = 0  # replies 本机关不掌握 so far (they alternate 第36条第（五）项 and （四）)

    # -- helpers ------------------------------------------------------------
    def pick(self, weights: dict[str, int]) -> str:
        return self.rnd.choices(list(weights), list(weights.values()))[0]

    def person(self) -> str:
        return self.rnd.choice(SURNAMES) + self.rnd.choice(GIVEN)

    def id_number(self) -> str:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=self.rnd.randrange(0, 20000))
        body = f"{self.rnd.choice(AREAS)}{birth:%Y%m%d}{self.rnd.randrange(1, 999):03d}"
        return body + id_check(body)

    def mobile(self) -> str:
        return f"1{self.rnd.choice(['38', '39', '58', '59', '87', '88', '36', '51'])}{self.rnd.randrange(0, 10**8):08d}"

    def workday(self, lo: Date, hi: Date) -> Date:
        """A random working day in [lo, hi]."""
        while True:
            d = lo + dt.timedelta(days=self.rnd.randrange((hi - lo).days + 1))
            if is_wd(d):
                return d

    def new(self, day: Date, **kw: Any) -> Request:
        r = Request(self, day, **kw)
        self.requests.append(r)
        return r

    # -- closed requests, one scenario each -----------------------------------
    def ordinary(self, day: Date, outcome: str, late: int = 0) -> Request:
        if outcome in FITTED:
            subject, dept, _ = FITTED[outcome]
            r = self.new(day, subject=subject, department=dept)
        else:
            r = self.new(day)
        r.reply_in(outcome, late=late)
        return r

    def on_the_spot(self, day: Date) -> Request:
        r = self.new(
            day,
            channel="in_person",
            applicant_type="natural_person",
            subject="全县定点医药机构名单及服务协议签订情况",
            department="医药服务管理股",
        )
        r.reply(day, "disclosed", provide="web", provide_at="http://www.example.com/cnyb/xxgk/ddyyjg.html")
        return r

    def corrected(self, day: Date, outcome: str) -> Request:
        r = self.new(day, subject="医保局关于某项费用的文件", department="办公室")
        asked = r.add(
            "correction_requested", add_wd(day, self.rnd.randint(2, 7)), within_wd=15, items=CORRECTION_ITEMS["fee"]
        )
        assert asked <= add_wd(day, 7)  # 第30条: within 7 working days of receipt
        got = r.add("correction_received", add_wd(asked, self.rnd.randint(3, 12)))
        assert got <= add_wd(asked, 15)
        r.clock.restart(got)  # the 20 working days run again from the corrected request
        r.reply_in(outcome)
        return r

    def no_correction(self, day: Date) -> Request:
        r = self.new(day, subject="有关医保的所有文件", department="办公室")
        asked = r.add("correction_requested", add_wd(day, 4), within_wd=15, items=CORRECTION_ITEMS["all"])
        lapse = add_wd(asked, 15)  # correction_response period ends
        r.clock.pause(asked, lapse)  # no reply is due while the applicant may still correct
        r.reply(add_wd(lapse, self.rnd.randint(1, 3)), "other:no_correction")
        return r

    def extended(self, day: Date, outcome: str, twice: bool = False, late: int = 0) -> Request:
        r = self.new(day, applicant_type=self.rnd.choice(["legal_services", "research", "business"]))
        first = 10 if twice else self.rnd.choice([10, 15, 20])
        on = r.add(
            "extended",
            add_wd(day, self.rnd.randint(16, 19)),
            working_days=first,
            reason=self.rnd.choice(EXTENSION_REASONS),
        )
        assert on <= r.due()  # recorded on or before the current deadline
        r.clock.extension += first
        if twice:
            on2 = add_wd(on, self.rnd.randint(5, 9))
            assert on2 <= r.due()
            r.add("extended", on2, working_days=10, reason="第三方材料尚未汇总完毕")
            r.clock.extension += 10
            assert r.clock.extension <= 20
        r.reply_in(outcome, late=late)
        return r

    def consulted(self, day: Date, party: str, opinion: str | None, outcome: str, delivered: bool = False) -> Request:
        r = self.new(day)
        sent = add_wd(day, self.rnd.randint(3, 7))
        name = (
            self.rnd.choice(ORGS["business"])
            if party == "third_party"
            else self.rnd.choice(["昌宁县卫生健康局", "保山市医疗保障局", "昌宁县财政局"])
        )
        fields: dict[str, Any] = {"party": party, "name": name}
        got = sent
        if delivered:
            got = add_wd(sent, 2)
            fields["delivered"] = got
        r.add("consultation_sent", sent, **fields)
        answer_due = add_wd(got, 15)
        if opinion is None:  # no answer: agency silence = consent (第34条), decide after the period
            r.clock.pause(sent, answer_due)
            r.reply(add_wd(answer_due, self.rnd.randint(1, 3)), outcome)
            assert r.last <= r.due()
            return r
        answered = add_wd(sent, self.rnd.randint(5, 12))
        assert answered <= answer_due
        r.add("consultation_answered", answered, party=party, name=name, opinion=opinion)  # docs/rules.md §10
        r.clock.pause(sent, answered)
        r.reply_in(outcome)
        return r

    def fee_paid(self, day: Date, pages: int) -> Request:
        r = self.new(day, subject="2025年县医保局对定点医药机构的全部检查通报及整改材料", department="基金监管股")
        notice = r.add(
            "fee_notice_received", add_wd(day, self.rnd.randint(5, 9)), amount=fee_by_pages(pages), **by_pages(pages)
        )
        paid = r.add("fee_paid", add_wd(notice, self.rnd.randint(2, 8)))
        assert paid <= add_wd(notice, 20)
        r.clock.pause(notice, paid)  # fee_notice_pauses_clock (default true)
        r.reply_in("disclosed")
        return r

    def fee_unpaid(self, day: Date, pages: int) -> Request:
        r = self.new(
            day,
            subject="2020年以来医保基金审计报告及整改台账",
            department="医疗保障事务中心",
            applicant_type="legal_services",
        )
        notice = r.add("fee_notice_received", add_wd(day, 6), amount=fee_by_pages(pages), **by_pages(pages))
        lapse = add_wd(notice, 20)  # fee_payment deadline
        r.clock.pause(notice, lapse)  # the reply clock is suspended while the fee is unpaid
        r.reply(add_wd(lapse, self.rnd.randint(1, 2)), "other:fee_unpaid")
        return r

    def deferred(self, day: Date) -> Request:
        r = self.new(
            day,
            subject="2019年以来全县每一家定点药店的医保结算数据（第6件）",
            department="医疗保障事务中心",
            applicant_type="natural_person",
        )
        on = r.add(
            "deferred",
            add_wd(day, 8),
            until=add_wd(day, 50),
            reason="同一申请人一个月内提出6件申请，数量明显超过合理范围，确定延迟答复期限（条例第三十五条）",
        )
        r.clock.until = add_wd(day, 50)
        r.reply(add_wd(on, self.rnd.randint(25, 35)), "partially_disclosed")
        assert r.last <= r.due()
        return r

    def withdrawn(self, day: Date) -> Request:
        r = self.new(day)
        r.add("withdrawn", add_wd(day, self.rnd.randint(3, 8)), reason="申请人书面撤回申请")
        r.outcome = "other:other"
        return r

    # -- open on TODAY --------------------------------------------------------
    def open_plain(self, day: Date, claim: str) -> Request:
        r = self.new(day)
        r.claim = claim
        return r

    def open_extended(self, day: Date, claim: str) -> Request:
        r = self.new(day, applicant_type="legal_services")
        on = r.add("extended", add_wd(day, 19), working_days=15, reason=EXTENSION_REASONS[0])
        assert on <= r.due()
        r.clock.extension += 15
        r.claim = claim
        return r

    def open_consultation(self, day: Date) -> Request:
        r = self.new(
            day,
            subject="对县内某定点药店作出的行政处罚决定书及现场检查笔录",
            department="基金监管股",
            applicant_type="business",
        )
        sent = r.add(
            "consultation_sent",
            add_wd(day, 3),
            party="third_party",
            name="昌宁县民生药店有限公司",
            delivered=add_wd(day, 5),
        )
        r.clock.pause(sent, add_wd(add_wd(day, 5), 15))  # unanswered: paused up to its deadline
        r.claim = "consultation"
        return r

    def open_fee(self, day: Date, pages: int) -> Request:
        r = self.new(
            day,
            subject="2024年至2026年县医保局行政处罚案件目录及处罚决定书",
            department="基金监管股",
            applicant_type="legal_services",
        )
        r.add("fee_notice_received", add_wd(day, 5), amount=fee_by_pages(pages), **by_pages(pages))
        r.claim = "fee"
        return r

    def open_correction(self, day: Date) -> Request:
        r = self.new(day, subject="医保局去年那个文件", department="办公室", applicant_type="natural_person")
        r.add("correction_requested", add_wd(day, 2), within_wd=15, items=CORRECTION_ITEMS["last_year"])
        r.claim = "correction"
        return r

    # -- the year -----------------------------------------------------------------
    def build_requests(self) -> None:
        rnd = self.rnd
        w = self.workday
        # outcomes every ordinary reply must cover at least once, then the usual mix
        forced = list(FITTED)
        rnd.shuffle(forced)
        mix = {
            "disclosed": 60,
            "partially_disclosed": 14,
            "unavailable:not_held": 10,
            "not_processed:petition": 4,
            "withheld:admin_query": 4,
            "not_processed:duplicate": 3,
            "withheld:process_info": 3,
        }
        ordinary_days = sorted(w(START, dt.date(2026, 9, 30)) for _ in range(40))
        slots = forced + [self.pick(mix) for _ in range(len(ordinary_days) - len(forced))]
        rnd.shuffle(slots)
        late_at = {6, 22, 35}  # indexes of ordinary_days replied late
        for i, (day, outcome) in enumerate(zip(ordinary_days, slots, strict=True)):
            late = rnd.randint(1, 4) if i in late_at else 0
            r = self.ordinary(day, outcome, late=late)
            if late:
                r.claim = "late"
        # replies that the applicants will contest (行政复议 / 行政诉讼, see build_appeals)
        self.contested = [
            self.ordinary(dt.date(2025, 10, 21), "partially_disclosed"),
            self.ordinary(dt.date(2026, 2, 24), "withheld:process_info"),
            self.ordinary(dt.date(2026, 4, 28), "unavailable:not_held"),
            self.ordinary(dt.date(2026, 9, 22), "withheld:enforcement_file"),
        ]
        # the carry-over into 2026: received in December 2025, replied in January
        for day in (dt.date(2025, 12, 15), dt.date(2025, 12, 22), dt.date(2025, 12, 26)):
            self.ordinary(day, "disclosed")
        self.on_the_spot(dt.date(2026, 3, 17))
        self.corrected(dt.date(2025, 11, 12), "disclosed")
        self.corrected(dt.date(2026, 4, 8), "unavailable:still_unclear")
        self.corrected(dt.date(2026, 7, 14), "partially_disclosed")
        self.no_correction(dt.date(2026, 5, 19))
        self.extended(dt.date(2025, 11, 20), "partially_disclosed")
        self.extended(dt.date(2026, 1, 12), "disclosed", twice=True)
        self.extended(dt.date(2026, 6, 2), "unavailable:needs_creation")
        self.extended(dt.date(2026, 8, 11), "disclosed")
        self.consulted(dt.date(2026, 3, 3), "third_party", "agree", "disclosed", delivered=True)
        self.consulted(dt.date(2026, 4, 21), "third_party", "object", "withheld:third_party")
        self.consulted(dt.date(2026, 6, 16), "agency", "agree", "partially_disclosed")
        self.consulted(dt.date(2026, 8, 25), "agency", None, "disclosed")
        self.fee_paid(dt.date(2025, 10, 28), pages=64)
        self.fee_paid(dt.date(2026, 5, 12), pages=135)
        self.fee_unpaid(dt.date(2026, 7, 7), pages=420)
        self.deferred(dt.date(2026, 2, 2))
        self.withdrawn(dt.date(2026, 9, 8))
        # open on the demo day
        self.open_extended(dt.date(2026, 9, 10), "overdue")
        self.open_plain(dt.date(2026, 10, 12), "overdue")
        self.open_plain(dt.date(2026, 10, 15), "overdue")
        self.open_plain(dt.date(2026, 10, 23), "due_soon")
        self.open_plain(dt.date(2026, 10, 28), "due_soon")
        self.open_consultation(dt.date(2026, 10, 27))
        self.open_fee(dt.date(2026, 11, 2), pages=80)
        self.open_correction(dt.date(2026, 11, 10))
        self.open_plain(dt.date(2026, 11, 16), "recent")
        self.open_plain(dt.date(2026, 11, 18), "recent")
        self.number_requests()

    def number_requests(self) -> None:
        """Case numbers by year of receipt, in order of receipt (昌医保依申〔2026〕12号)."""
        seq: Counter[int] = Counter()
        for r in sorted(self.requests, key=lambda r: r.received):
            seq[r.received.year] += 1
            r.number = f"{AGENCY}依申〔{r.received.year}〕{seq[r.received.year]}号"
            self.check_request(r)
            self.cases.append((r.number, "request", r.events))

    def check_request(self, r: Request) -> None:
        """Assert what the request is said to show on TODAY."""
        claim = r.claim
        replied = r.events[-1]["type"] in ("replied", "withdrawn")
        if replied:
            on_time = r.last <= r.due()
            assert on_time == (claim != "late"), (r.number, r.last, r.due())
            if claim == "late":
                self.claims[r.number] = f"replied late ({r.last}, deadline {r.due()})"
            return
        if claim == "overdue":
            assert r.due() < TODAY, (r.number, r.due())
            self.claims[r.number] = f"OVERDUE: reply due {r.due()} ({wd_left(r.due())} wd)"
        elif claim == "due_soon":
            assert 0 <= wd_left(r.due()) <= 10, (r.number, r.due())
            self.claims[r.number] = f"reply due {r.due()} ({wd_left(r.due())} wd left)"
        elif claim == "recent":
            assert (TODAY - r.received).days <= 7
            self.claims[r.number] = f"received {r.received}, reply due {r.due()}"
        elif claim == "consultation":
            sent = r.events[1]
            due = add_wd(sent["delivered"], 15)
            assert due >= TODAY
            self.claims[r.number] = f"third-party consultation answer due {due}; reply paused"
        elif claim == "fee":
            due = add_wd(r.events[1]["date"], 20)
            assert due >= TODAY
            self.claims[r.number] = f"waiting for the fee: payment due {due}; reply suspended"
        elif claim == "correction":
            due = add_wd(r.events[1]["date"], 15)
            assert due >= TODAY
            self.claims[r.number] = f"waiting for the correction: due {due}"
        else:
            raise AssertionError(f"{r.number} is open without a claim")

    # -- complaints (昌宁县《投诉举报处理制度》) -----------------------------------------
    def build_complaints(self) -> None:
        rnd = self.rnd
        # complaints about the disclosure work itself (制度第四条: 不依法履行政府信息公开义务 …)
        plans = [  # accepted, respondent, summary, plan
            (
                dt.date(2025, 11, 4),
                "县医疗保障局基金监管股",
                "申请公开2025年医保基金监督检查结果，超过20个工作日未获答复",
                "direct",
            ),
            (
                dt.date(2026, 1, 13),
                "县医疗保障局",
                "政府信息公开目录长期未更新，已印发的医保政策文件未主动公开",
                "direct",
            ),
            (dt.date(2026, 3, 24), "县医疗保障事务中心", "2025年医疗救助资金分配结果未按规定主动公开", "supervise"),
            (
                dt.date(2026, 5, 11),
                "县医疗保障局待遇保障股",
                "不予公开的答复书未说明理由，也未告知救济途径",
                "extended",
            ),
            (
                dt.date(2026, 6, 22),
                "某县卫生健康局",
                "该局未公开医疗机构收费标准，不属于本局政府信息公开工作的监督范围",
                "rejected",
            ),
            (dt.date(2026, 8, 17), "昌宁县某乡镇卫生院", "未公示医保定点服务的收费项目和价格", "transfer"),
            (
                dt.date(2026, 10, 12),
                "县医疗保障局医药服务管理股",
                "答复书未写明获取定点药店名单的方式和途径",
                "open_overdue",
            ),
            (dt.date(2026, 11, 9), "县医疗保障局", "收取信息处理费未出具收费通知，也未说明收费标准", "open"),
        ]
        seq: Counter[int] = Counter()
        for acc, respondent, summary, plan in plans:
            assert is_wd(acc)
            seq[acc.year] += 1
            case = f"{AGENCY}投诉〔{acc.year}〕{seq[acc.year]}号"
            ev: list[Event] = [
                {
                    "type": "complaint_accepted",
                    "date": acc,
                    "respondent": respondent,
                    "summary": summary,
                    "reporter": self.person(),
                    "department": "办公室",  # 制度第六条: 局办公室受理、调查、答复
                }
            ]
            decide_by, conclude_by = add_days(acc, 15), add_days(acc, 30)
            if plan == "rejected":
                ev.append({"type": "complaint_rejected", "date": add_wd(acc, 3), "reason": "outside_jurisdiction"})
                self.cases.append((case, "complaint", ev))
                continue
            mode = {"supervise": "supervise", "transfer": "transfer"}.get(plan, "direct")
            decided = add_wd(acc, rnd.randint(2, 6))
            assert decided <= decide_by
            ev.append({"type": "handling_decided", "date": decided, "mode": mode})
            if plan == "open_overdue":
                assert conclude_by < TODAY
                self.claims[case] = f"OVERDUE: conclusion due {conclude_by} ({wd_left(conclude_by)} wd)"
            elif plan == "open":
                assert conclude_by > TODAY
                self.claims[case] = f"open: conclusion due {conclude_by}"
            else:
                if plan == "extended":
                    on = add_days(acc, 26)
                    assert on <= conclude_by
                    ev.append(
                        {
                            "type": "complaint_extended",
                            "date": on,
                            "days": 15,
                            "reason": "需调阅该申请的办理台账和答复书底稿逐项核查",
                        }
                    )
                    conclude_by = add_days(acc, 45)
                done = add_days(acc, rnd.randint(18, 28) + (15 if plan == "extended" else 0))
                done = min(done, conclude_by)
                assert done <= conclude_by
                result = {
                    "direct": "经查属实，已督促承办股室限期答复或补充公开，对承办人员批评教育，结果已告知举报人",
                    "supervise": "已督促医疗保障事务中心在县政府门户网站公开分配结果，结果已告知举报人",
                    "transfer": "已转县卫生健康局依职责处理并跟踪办理结果",
                    "extended": "经核查部分属实，已责令重新作出答复，在答复书中说明理由并告知救济途径",
                }[plan]
                ev.append({"type": "complaint_concluded", "date": done, "result": result})
            self.cases.append((case, "complaint", ev))

    # -- appeals (行政复议 / 行政诉讼) ------------------------------------------------
    def build_appeals(self) -> None:
        r1, r2, r3, r4 = self.contested
        # a 2025 reply reconsidered, decided in 2026 (pending in the 2025 report) ...
        # (in order of receipt: case numbers run by year in that order)
        first = self.appeal("reconsideration", r1, add_wd(r1.last, 15), decided=(50, "upheld"))
        # ... whose applicant then went to court: still pending on TODAY
        self.appeal("lawsuit_after_reconsideration", r1, add_wd(self.last_date(first), 11))
        self.appeal("reconsideration", r2, add_wd(r2.last, 18), simplified=True, decided=(40, "corrected"))
        self.appeal("lawsuit_direct", r3, add_wd(r3.last, 30), decided=(75, "other"))
        self.appeal("reconsideration", r4, dt.date(2026, 11, 16), answer=False)

    def last_date(self, case: str) -> Date:
        return next(ev for c, _, ev in self.cases if c == case)[-1]["date"]

    def appeal(
        self,
        route: str,
        req: Request,
        got: Date,
        *,
        simplified: bool = False,
        decided: tuple[int, str] | None = None,
        answer: bool = True,
    ) -> str:
        """An appeal case; ``decided`` = (days after the copy, result)."""
        assert got > req.last and is_wd(got)
        word = "复议" if route == "reconsideration" else "应诉"
        self.appeal_seq[(word, got.year)] += 1
        case = f"{AGENCY}{word}〔{got.year}〕{self.appeal_seq[(word, got.year)]}号"
        if route == "reconsideration":
            ev: list[Event] = [
                {
                    "type": "reconsideration_copy_received",
                    "date": got,
                    "request": req.number,
                    "simplified": simplified,
                    "department": "办公室",
                }
            ]
            due = add_wd(got, 5 if simplified else 10)  # 行政复议法第48、54、88条
            done_type = "agency_replied"
        else:
            ev = [
                {
                    "type": "lawsuit_copy_received",
                    "date": got,
                    "request": req.number,
                    "route": route.removeprefix("lawsuit_"),
                    "department": "办公室",
                }
            ]
            due = add_days(got, 15)  # 行政诉讼法第67条
            done_type = "defense_submitted"
        if not answer:
            assert due >= TODAY
            self.claims[case] = f"open: {done_type} due {due}"
            self.cases.append((case, "appeal", ev))
            return case
        done = min(add_wd(got, self.rnd.randint(3, 5)), due)
        ev.append({"type": done_type, "date": done})
        if decided and next_wd(got + dt.timedelta(days=decided[0])) <= TODAY:
            ev.append(
                {"type": "appeal_decided", "date": next_wd(got + dt.timedelta(days=decided[0])), "result": decided[1]}
            )
        else:
            self.claims[case] = "pending (尚未审结)"
        self.cases.append((case, "appeal", ev))
        return case

    # -- proactive disclosure (主动公开) ---------------------------------------------
    def build_disclosures(self) -> None:
        rnd = self.rnd
        seq: Counter[int] = Counter()

        def number(day: Date) -> str:
            seq[day.year] += 1
            return f"{AGENCY}公开〔{day.year}〕{seq[day.year]}号"

        def item(day: Date, first: Event, publish: bool | str = True, n: int = 20) -> None:
            case = number(day)
            ev = [{"date": day, **first}]
            due = add_wd(day, n)
            if publish is True:
                ev.append(
                    {
                        "type": "published",
                        "date": add_wd(day, rnd.randint(1, n - 1)),
                        "channel": "昌宁县人民政府门户网站",
                    }
                )
                assert ev[-1]["date"] <= due
            elif publish == "overdue":
                assert due < TODAY
                self.claims[case] = f"OVERDUE: publish due {due} ({wd_left(due)} wd)"
            elif publish == "pending":
                assert due >= TODAY
                self.claims[case] = f"open: publish due {due}"
            self.cases.append((case, "disclosure", ev))

        def formed(
            title: str,
            category: str,
            attribute: str = "public",
            dept: str = "办公室",
            type_: str = "information_formed",
            **extra: Any,
        ) -> Event:
            return {
                "type": type_,
                "title": title,
                "category": category,
                "attribute": attribute,
                "department": dept,
                **extra,
            }

        def decision(kind: str, title: str) -> Event:
            return {"type": "enforcement_decision", "decision": kind, "title": title, "department": "基金监管股"}

        # three items name their catalogue row (catalogue_item: `catalogue list` #, CATALOGUE_ITEMS)
        item(dt.date(2025, 10, 20), formed("昌宁县医疗保障局2026年部门预算编制说明", "财政预决算", catalogue_item=4))
        item(
            dt.date(2025, 11, 18),
            formed("关于印发《昌宁县医疗保障基金监督检查办法》的通知", "行政规范性文件", dept="基金监管股"),
        )
        item(dt.date(2025, 12, 9), decision("penalty", "行政处罚决定书 昌医保罚〔2025〕4号"), n=7)
        item(dt.date(2026, 1, 20), formed("昌宁县医疗保障局2025年度工作总结和2026年工作要点", "工作动态"))
        item(dt.date(2026, 2, 9), formed("局党组会议纪要（2026年第2次）", "内部管理", "not_public"), publish=False)
        item(
            dt.date(2026, 3, 16),
            formed(
                "昌宁县定点医药机构名单（2026年3月更新）",
                "工作动态",
                "public",
                "医药服务管理股",
                type_="information_changed",
            ),
        )
        item(dt.date(2026, 4, 14), decision("licensing", "医保定点医药机构准入 昌医保许〔2026〕3号"), n=7)
        item(
            dt.date(2026, 5, 26),
            formed(
                "昌宁县医疗保障局2025年部门决算", "财政预决算", "public_redacted", "医疗保障事务中心", catalogue_item=3
            ),
        )
        item(dt.date(2026, 6, 9), decision("penalty", "行政处罚决定书 昌医保罚〔2026〕2号"), n=7)
        item(
            dt.date(2026, 6, 30),
            formed(
                "关于废止《昌宁县城乡居民门诊统筹管理暂行办法》的通知",
                "行政规范性文件",
                "public",
                "待遇保障股",
                type_="information_changed",
                repealed=True,
            ),
        )
        item(dt.date(2026, 7, 21), decision("compulsion", "查封财物决定书 昌医保强〔2026〕1号"), n=20)
        item(
            dt.date(2026, 8, 4),
            formed("2025年度定点医疗机构医保服务协议考核结果", "工作动态", "on_request", "医药服务管理股"),
            publish=False,
        )
        # a policy and its interpretation (昌宁县《政策文件解读制度》第五条: 3 working days)
        case = number(dt.date(2026, 9, 7))
        formed_on = dt.date(2026, 9, 7)
        pub = add_wd(formed_on, 6)
        interp = add_wd(pub, 2)
        assert interp <= add_wd(pub, 3)
        self.cases.append(
            (
                case,
                "disclosure",
                [
                    {
                        "date": formed_on,
                        **formed(
                            "关于印发《昌宁县职工基本医疗保险门诊共济保障实施细则》的通知",
                            "行政规范性文件",
                            dept="待遇保障股",
                            catalogue_item=17,
                        ),
                    },
                    {
                        "type": "policy_published",
                        "date": pub,
                        "title": "关于印发《昌宁县职工基本医疗保险门诊共济保障实施细则》的通知",
                    },
                    {"type": "published", "date": interp, "channel": "政策解读：《实施细则》图解"},
                ],
            )
        )
        item(
            dt.date(2026, 10, 16),
            formed("昌宁县2026年城乡居民医疗救助资金分配方案", "工作动态", dept="待遇保障股"),
            publish="overdue",
        )
        item(dt.date(2026, 11, 17), decision("penalty", "行政处罚决定书 昌医保罚〔2026〕9号"), n=7, publish="pending")
        # the yearly duties (docs/rules.md §5): withheld-information review and the annual report
        self.cases.append(
            (
                "不予公开审查〔2025〕",
                "disclosure",
                [
                    {
                        "type": "duty_opened",
                        "date": dt.date(2025, 12, 1),
                        "duty": "withheld_review",
                        "year": 2025,
                        "department": "办公室",
                    },
                    {"type": "duty_done", "date": dt.date(2025, 12, 17), "duty": "withheld_review"},
                ],
            )
        )
        self.cases.append(
            (
                "年度报告〔2025〕",
                "disclosure",
                [
                    {
                        "type": "duty_opened",
                        "date": dt.date(2026, 1, 5),
                        "duty": "annual_report",
                        "year": 2025,
                        "department": "办公室",
                    },
                    {"type": "duty_done", "date": dt.date(2026, 1, 27), "duty": "annual_report"},
                ],
            )
        )

    # -- public opinion (舆情回应制度) ------------------------------------------------
    def build_opinions(self) -> None:
        self.cases.append(
            (
                f"{AGENCY}舆情〔2026〕1号",
                "opinion",
                [
                    {
                        "type": "opinion_detected",
                        "date": dt.date(2026, 6, 3),
                        "at": "2026-06-03 09:20",
                        "major": True,
                        "summary": "网传某定点医院套取医保基金",
                        "department": "办公室",
                    },
                    {"type": "opinion_released", "date": dt.date(2026, 6, 3), "at": "2026-06-03 10:05"},
                    {"type": "press_conference_held", "date": dt.date(2026, 6, 4), "at": "2026-06-04 09:00"},
                ],
            )
        )
        self.cases.append(
            (
                f"{AGENCY}舆情〔2026〕2号",
                "opinion",
                [
                    {
                        "type": "opinion_detected",
                        "date": dt.date(2026, 9, 14),
                        "at": "2026-09-14 16:40",
                        "major": False,
                        "summary": "网民反映异地就医备案办理难",
                        "department": "待遇保障股",
                    },
                    {"type": "opinion_responded", "date": dt.date(2026, 9, 15), "at": "2026-09-15 11:30"},
                ],
            )
        )

    # -- output -------------------------------------------------------------------
    def lines(self) -> list[dict[str, Any]]:
        out = []
        for case, kind, events in self.cases:
            dates = [e["date"] for e in events]
            assert dates == sorted(dates) and dates[-1] <= TODAY, case
            for e in events:
                out.append({"case": case, "kind": kind, **e})
        out.sort(key=lambda e: e["date"])  # stable: a case's events keep their order
        return [{k: (v.isoformat() if isinstance(v, Date) else v) for k, v in e.items()} for e in out]


def build(seed: int = SEED) -> Sample:
    s = Sample(seed)
    s.build_requests()
    s.build_complaints()
    s.build_appeals()
    s.build_disclosures()
    s.build_opinions()
    return s


# ---------------------------------------------------------------- the 漳州 catalogue
CATALOGUE_HEADER = [
    "一级",
    "二级",
    "三级",
    "公开内容",
    "公开时限",
    "公开渠道",
    "公开依据",
    "具体条款",
    "公开方式",
    "公开责任",
]
# rows that sample disclosure items refer to (catalogue_item = the row's number in the file)
CATALOGUE_ITEMS = {3: "决算公开", 4: "预算公开", 17: "医疗保障规范性文件"}


def catalogue_rows(text: str) -> list[list[str]]:
    """The rows of the 漳州 catalogue's table from a text copy of it (a dump of a
    merged-cell Word table).

    Each data row has seven cells (公开内容 … 公开责任) in ``|``-separated columns; the
    dump lost the merged 一级/二级/三级 cells (only empty ``|`` separators and padding
    remain), so they stay empty. One row's 公开依据 cell is blank and breaks the line.
    """
    body = text.split("一级 | 二级 | 三级", 1)[1].split("\n", 1)[1]
    rows: list[list[str]] = []
    pending: list[str] = []
    for line in body.splitlines():
        cells = [c.strip() for c in line.split("|")]
        cells = [c for c in cells if c]
        if not cells:
            continue
        cells = pending + cells
        if len(cells) < 7:  # continues on the next line (a blank 公开依据)
            pending = [*cells, ""] if len(cells) == 3 else cells
            continue
        pending = []
        assert len(cells) == 7, cells
        rows.append(["", "", "", *cells])
    return rows


def check_catalogue(rows: list[list[str]]) -> None:
    """The rows the sample's disclosure items name (catalogue_item) are where they say."""
    for n, content in CATALOGUE_ITEMS.items():
        assert rows[n - 1][3] == content, (n, rows[n - 1][3])


def read_catalogue(path: Path) -> list[list[str]]:
    """The data rows of a catalogue.csv (UTF-8 with BOM, header CATALOGUE_HEADER)."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        header, *rows = list(csv.reader(fh))
    assert header == CATALOGUE_HEADER, header
    return rows


def write_catalogue(rows: list[list[str]], out: Path) -> int:
    check_catalogue(rows)
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh, lineterminator="\r\n")
        w.writerow(CATALOGUE_HEADER)
        w.writerows(rows)
    return len(rows)


# ---------------------------------------------------------------- checks on the written file
def validate(path: Path) -> None:
    """Re-read events.jsonl: every line parses, dates ordered, none after TODAY, IDs valid."""
    last: dict[str, Date] = {}
    previous = dt.date.min
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        e = json.loads(line)
        assert {"case", "kind", "type", "date"} <= e.keys(), n
        assert e["kind"] in ("request", "complaint", "appeal", "disclosure", "opinion"), n
        d = dt.date.fromisoformat(e["date"])
        assert previous <= d <= TODAY, f"line {n}: {d}"
        assert last.get(e["case"], d) <= d, f"line {n}: before the case's previous event"
        previous = last[e["case"]] = d
        if "id_number" in e:
            idn = e["id_number"]
            assert len(idn) == 18 and idn[:17].isdigit() and id_check(idn[:17]) == idn[17], n
        if e["type"] == "replied":
            assert e["outcome"] in OUTCOMES and (e["outcome"] == "disclosed" or e.get("reason")), n


# ---------------------------------------------------------------- main
def summary(s: Sample, lines: list[dict[str, Any]]) -> str:
    kinds = Counter(e["kind"] for e in lines)
    cases = Counter(kind for _, kind, _ in s.cases)
    types = Counter((e["kind"], e["type"]) for e in lines)
    outcomes = Counter(r.outcome for r in s.requests if r.outcome)
    missing = [o for o in OUTCOMES if not any(e.get("outcome") == o for e in lines)]
    assert not missing, missing
    out = [
        f"{len(lines)} event lines, {len(s.cases)} cases: "
        + ", ".join(f"{k} {cases[k]} cases / {kinds[k]} events" for k in cases)
    ]
    out += [f"  {k}.{t}: {n}" for (k, t), n in sorted(types.items())]
    out += ["outcomes: " + ", ".join(f"{o} {outcomes[o]}" for o in OUTCOMES)]
    out += [f"on {TODAY}:"] + [f"  {c}: {what}" for c, what in sorted(s.claims.items())]
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--catalogue-text",
        type=Path,
        help="rebuild catalogue.csv from a text copy of the 漳州 catalogue table (default: check the repository's)",
    )
    ap.add_argument("--out", type=Path, default=HERE, help="output directory (default: here)")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary")
    args = ap.parse_args()
    s = build()
    lines = s.lines()
    with open(args.out / "events.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for e in lines:
            fh.write(json.dumps(e, ensure_ascii=False) + "\n")
    validate(args.out / "events.jsonl")
    out = args.out / "catalogue.csv"
    if args.catalogue_text:
        n = write_catalogue(catalogue_rows(args.catalogue_text.read_text(encoding="utf-8")), out)
        print(f"catalogue.csv: {n} rows from {args.catalogue_text.name}")
    else:
        rows = read_catalogue(CATALOGUE)
        if out.resolve() == CATALOGUE.resolve():
            check_catalogue(rows)
            print(f"catalogue.csv: {len(rows)} rows, checked")
        else:
            print(f"catalogue.csv: {write_catalogue(rows, out)} rows, copied from the repository")
    if not args.quiet:
        print(summary(s, lines))


if __name__ == "__main__":
    main()
