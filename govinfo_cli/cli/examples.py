"""One example per command, shown at the end of its help (``govinfo request extend -h``).

Kept in one table so every page has one and they read alike; a test runs through every
command's help and fails on a page without 示例. Imports nothing."""

from __future__ import annotations

from typing import Any

C = "依申〔2026〕1号"

EXAMPLES: dict[str, str] = {
    "due": "govinfo due --within 5 --department 基金监管股",
    "show": f"govinfo show {C} --explain",
    "request add": "govinfo request add --received 2026-11-20 --channel 当面提交 --applicant 张伟 --type 自然人 "
    '--subject "2025年医保基金支出明细" --department 基金监管股',
    "request correct": f'govinfo request correct {C} --items "所需信息的名称或文号" --items "申请公开的年度" '
    "--date 2026-11-24",
    "request corrected": f"govinfo request corrected {C} --date 2026-12-01",
    "request correction-lapsed": f"govinfo request correction-lapsed {C}",
    "request extend": f'govinfo request extend {C} --days 10 --reason "需调取档案"',
    "request consult": f"govinfo request consult {C} --party 第三方 --name 某医药公司",
    "request consult-answered": f"govinfo request consult-answered {C} --party 第三方 --name 乙公司 --opinion 同意公开",
    "request fee": f"govinfo request fee {C} --pages 120",
    "request fee-quote": f"govinfo request fee-quote {C} --pages 120",
    "request fee-paid": f"govinfo request fee-paid {C} --date 2026-12-03",
    "correction list": "govinfo correction list --status 办理中",
    "audit": f"govinfo audit --case {C} --from 2026-11-01",
    "request fee-lapsed": f"govinfo request fee-lapsed {C}",
    "request defer": f'govinfo request defer {C} --until 2026-12-31 --reason "申请人同意延后"',
    "request reply": f"govinfo request reply {C} --outcome 予以公开 --provide 电子邮件 --address zhangwei@example.com",
    "request withdraw": f"govinfo request withdraw {C}",
    "request transfer": f"govinfo request transfer {C} --department 待遇保障股",
    "request decline": f'govinfo request decline {C} --reason "不属于政府信息公开申请"',
    "request extend-draft": f'govinfo request extend-draft {C} --days 10 --reason "需调取档案"',
    "request draft": f"govinfo request draft {C}",
    "request approve": f"govinfo request approve {C}",
    "request list": "govinfo request list --status 办理中 --department 基金监管股",
    "complaint accept": "govinfo complaint accept --respondent 县医疗保障局基金监管股 "
    '--summary "政府信息公开申请超过20个工作日未答复" --reporter 李明 --channel 来信',
    "complaint decide": "govinfo complaint decide 投诉〔2026〕1号 --mode 直接办理",
    "complaint extend": 'govinfo complaint extend 投诉〔2026〕1号 --days 15 --reason "需调阅申请办理台账核查"',
    "complaint conclude": 'govinfo complaint conclude 投诉〔2026〕1号 --result "已督促承办股室限期答复"',
    "complaint reject": "govinfo complaint reject 投诉〔2026〕1号 --reason 不属于本机关职责范围",
    "complaint list": "govinfo complaint list --status 办理中",
    "appeal reconsideration": f"govinfo appeal reconsideration --request {C} --date 2026-12-10",
    "appeal lawsuit": f"govinfo appeal lawsuit --request {C} --date 2026-12-10",
    "appeal replied": "govinfo appeal replied 复议〔2026〕1号 --date 2026-12-15",
    "appeal defended": "govinfo appeal defended 诉讼〔2026〕1号 --date 2026-12-20",
    "appeal decided": "govinfo appeal decided 复议〔2026〕1号 --result 结果维持",
    "appeal list": "govinfo appeal list --json",
    "disclosure formed": 'govinfo disclosure formed --title "2026年医保目录调整" --department 医药服务管理股',
    "disclosure changed": 'govinfo disclosure changed --title "定点医药机构名单" --department 医药服务管理股',
    "disclosure decision": 'govinfo disclosure decision --decision 行政处罚 --title "某药房行政处罚决定"',
    "disclosure policy": 'govinfo disclosure policy --title "门诊共济保障政策解读"',
    "disclosure published": "govinfo disclosure published 公开〔2026〕1号 --date 2026-11-25",
    "disclosure duty-done": "govinfo disclosure duty-done annual_report --year 2025",
    "disclosure list": "govinfo disclosure list --status 办理中",
    "disclosure catalogue import": "govinfo disclosure catalogue import 公开目录.csv",
    "disclosure catalogue list": "govinfo disclosure catalogue list",
    "opinion detect": 'govinfo opinion detect --at "2026-11-20 9:20" --summary "网传药价上涨"',
    "opinion released": 'govinfo opinion released 舆情〔2026〕1号 --at "2026-11-20 15:00"',
    "opinion press": 'govinfo opinion press 舆情〔2026〕1号 --at "2026-11-21 10:00"',
    "opinion responded": 'govinfo opinion responded 舆情〔2026〕1号 --at "2026-11-21 16:00"',
    "opinion list": "govinfo opinion list",
    "import events": "govinfo import events 事件.jsonl",
    "import requests": "govinfo import requests 登记簿.csv",
    "export requests": "govinfo export requests --year 2026 --out 登记簿.xlsx",
    "export complaints": "govinfo export complaints --year 2026 --out 投诉登记簿.csv",
    "export appeals": "govinfo export appeals --year 2026 --out 复议诉讼登记簿.csv",
    "export disclosures": "govinfo export disclosures --year 2026 --out 主动公开登记簿.csv",
    "export events": "govinfo export events --out 全部事件.jsonl",
    "report annual": "govinfo report annual 2026 --out 年度报告.md",
    "report lock": "govinfo report lock 2025",
    "report locks": "govinfo report locks",
    "report timeliness": "govinfo report timeliness 2026 --group-by department",
    "calendar show": "govinfo calendar show 2026-10",
    "calendar add": 'govinfo calendar add 2026-11-23 --holiday --note "县政府通知停止办公"',
    "calendar import": "govinfo calendar import 2027调休.csv",
    "calendar confirm": 'govinfo calendar confirm 2027 --notice "国办发明电〔2026〕7号"',
    "calendar status": "govinfo calendar status",
    "calendar add-days": "govinfo calendar add-days 2026-09-30 20",
    "calendar between": "govinfo calendar between 2026-09-30 2026-10-30",
    "calendar layer import": "govinfo calendar layer import liangshan.toml",
    "calendar layer list": "govinfo calendar layer list",
    "calendar layer remove": "govinfo calendar layer remove liangshan",
    "config set": 'govinfo config set agency.name "昌宁县医疗保障局"',
    "config get": "govinfo config get case_number.pattern",
    "config list": "govinfo config list",
    "db path": "govinfo db path",
    "db init": "govinfo --db 台账.db db init",
    "db upgrade": "govinfo db upgrade",
    "db check": "govinfo db check",
    "db backup": "govinfo db backup 备份-2026-11-20.db",
    "db copy": "govinfo db copy --to postgresql://govinfo@db.example/govinfo",
    "demo": "govinfo demo",
    "completion": "govinfo completion bash >> ~/.bashrc",
}


def add_examples(cmd: Any, path: str) -> None:
    """Append 示例 to ``cmd``'s help (and its subcommands'), unless the page has one."""
    example = EXAMPLES.get(path)
    if example and "示例：" not in (cmd.help or ""):
        cmd.help = (cmd.help or "").rstrip() + f"\n\n示例：{example}"
    for name, sub in (getattr(cmd, "commands", None) or {}).items():
        add_examples(sub, f"{path} {name}")
