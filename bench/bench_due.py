"""The morning check on a 100 000-case database, side by side with its floors, in one run.

    python bench/bench_due.py [ROUNDS]     # default 9 interleaved rounds, median
    python bench/bench_due.py ROUNDS --shape many-open
                                           # the office with 20 000 requests open and overdue
    python bench/bench_due.py ROUNDS --against DIR
                                           # also DIR's `due` and `--help`, interleaved

`--against DIR` names another checkout of govinfo (an older commit, with its own `.venv` and
its own `bench/out/due100k-core.db` built by its own copy of this script): its `due` and
`--help` run in the same rounds, so a change is compared with the code before it side by side.

* `govinfo due` (GOVINFO_DB and GOVINFO_TODAY=2026-11-20 in the environment) against the
  floor `python -c "import typer, sqlmodel"`: goal ≤ 1.5× wall time, ≤ 1.3× peak RSS;
* `govinfo --help` against `python -c "import typer"`: goal ≤ 1.3× wall time.

Two shapes of database (`--shape`):
* `few-open` (the default; bench/out/due100k-core.db, below): a well-kept office, about 300
  deadlines in `due`'s window;
* `many-open` (bench/out/due100k-open.db): 100 000 requests imported by `govinfo import
  requests` from a generated register (bench/common.py `register`) in which 20 000 requests
  received over the years were never answered, so `due` lists 20 000 overdue deadlines
  (and about 300 recent ones) on one screen: the renderer's cost per row.

The database (bench/out/due100k-core.db, built once, ≈ 16 s) is written directly with
SQLAlchemy Core bulk inserts into the tables of store/models.py. Every case's events are
validated by ``core.events.normalize`` and replayed by ``core.rules.replay`` against the
office's calendar; the case row and the deadline cache rows are the app's own
(``store.cache.case_row`` / ``deadline_rows``), so the cache is exactly what
`govinfo import events` would have written. Mix: ten years of a county bureau —
~93 000 requests (mostly closed; corrections, extensions, consultations, fees,
withdrawals among them), ~2 000 complaints, ~600 appeals, ~4 300 proactive-disclosure
items, ~100 public-opinion cases — and about 300 pending deadlines inside `due`'s default
window of 10 working days (some overdue).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import BIN, OUT, PY, ROOT, TODAY, machine

from govinfo_cli.core.rules.periods import period

DB = OUT / "due100k-core.db"
OPEN_DB = OUT / "due100k-open.db"
TOTAL = 100_000
START = dt.date(2016, 1, 4)
DEPTS = ["办公室", "基金监管股", "医药服务管理股", "待遇保障股", "医疗保障事务中心"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超"]
SUBJECTS = [
    "医保基金支出明细",
    "定点医药机构名单",
    "药品集中带量采购中选结果",
    "对某定点药店的行政处罚决定书",
    "医疗救助资金使用情况",
    "异地就医直接结算备案流程",
    "医保基金收支决算情况",
    "DRG付费改革实施方案",
]
RESPONDENTS = ["康源医药有限公司", "仁和大药房", "县中医院", "惠民诊所", "百姓药店连锁"]
OUTCOMES = (
    ["disclosed"] * 12
    + ["partially_disclosed"] * 3
    + [
        "withheld:third_party",
        "withheld:process_info",
        "unavailable:not_held",
        "unavailable:not_held",
        "not_processed:duplicate",
        "not_processed:petition",
    ]
)
CHANNELS = ["online"] * 5 + ["in_person"] * 2 + ["post", "email", "letter", "fax"]
TYPES = ["natural_person"] * 8 + ["business", "research", "nonprofit", "legal_services", "other"]


# ---------------------------------------------------------------------------
# Case histories (the events a clerk would have recorded)
# ---------------------------------------------------------------------------


class Gen:
    def __init__(self, cal: Any, seed: int = 7) -> None:
        self.cal, self.rnd = cal, random.Random(seed)
        self.seq: dict[tuple[str, int], int] = {}

    def number(self, kind: str, day: dt.date) -> str:
        key = (kind, day.year)
        self.seq[key] = n = self.seq.get(key, 0) + 1
        prefix = {
            "request": "依申",
            "complaint": "投诉",
            "appeal": "复议诉讼",
            "disclosure": "公开",
            "opinion": "舆情",
        }[kind]
        return f"{prefix}〔{day.year}〕{n}号"

    def day(self, lo: dt.date, hi: dt.date) -> dt.date:
        return dt.date.fromordinal(self.rnd.randint(lo.toordinal(), hi.toordinal()))

    def history_day(self) -> dt.date:
        return self.day(START, TODAY - dt.timedelta(days=75))

    def wd_before_today(self, k: int) -> dt.date:
        """The working day k working days before TODAY."""
        d = TODAY
        while self.cal.working_days_between(d, TODAY) < k:
            d -= dt.timedelta(days=1)
        return d

    def name(self) -> str:
        return self.rnd.choice(SURNAMES) + "".join(self.rnd.choices(GIVEN, k=self.rnd.randint(1, 2)))

    # -- requests ---------------------------------------------------------------
    def received(self, d: dt.date) -> tuple[str, dt.date, dict[str, Any]]:
        r = self.rnd
        return (
            "received",
            d,
            {
                "channel": r.choice(CHANNELS),
                "applicant": self.name(),
                "applicant_type": r.choice(TYPES),
                "subject": r.choice(SUBJECTS),
                "department": r.choice(DEPTS),
                "contact": f"1{r.choice('3589')}{r.randrange(10**8, 10**9)}",
            },
        )

    def request(self, d: dt.date, *, open_: bool = False, middle: str | None = None) -> list:
        r, cal = self.rnd, self.cal
        evs = [self.received(d)]
        last = d
        reply_days = period("reply", d).days
        x = r.random() if middle is None and not open_ else -1.0  # open ones: only `middle`
        if middle == "correction" or 0 <= x < 0.08:
            last = cal.add_working_days(d, r.randint(1, 7))
            evs.append(("correction_requested", last, {}))
            if not open_ or r.random() < 0.5:
                last = last + dt.timedelta(days=r.randint(1, 12))
                evs.append(("correction_received", last, {}))
        elif middle == "extension" or 0.08 <= x < 0.13:
            due = cal.add_working_days(d, reply_days)
            last = min(max(d, due - dt.timedelta(days=r.randint(0, 6))), TODAY)
            cap = period("reply_extension", d).days  # the law in force on receipt (docs/rules.md §8)
            evs.append(
                (
                    "extended",
                    last,
                    {"working_days": r.choice([10, cap]), "reason": "需调取多个年度档案，经负责人同意延期"},
                )
            )
        elif middle == "consultation" or 0.13 <= x < 0.17:
            last = d + dt.timedelta(days=r.randint(1, 5))
            party = r.choice(["third_party", "agency"])
            evs.append(("consultation_sent", last, {"party": party, "name": r.choice(RESPONDENTS)}))
            if not open_:
                last = last + dt.timedelta(days=r.randint(3, 20))
                evs.append(("consultation_answered", last, {"party": party, "opinion": r.choice(["agree", "object"])}))
        elif middle == "fee" or 0.17 <= x < 0.19:
            last = d + dt.timedelta(days=r.randint(3, 8))
            evs.append(("fee_notice_received", last, {"amount": 100}))
            if not open_:
                last = last + dt.timedelta(days=r.randint(1, 10))
                evs.append(("fee_paid", last, {}))
        elif 0.19 <= x < 0.20 and not open_:
            evs.append(("withdrawn", d + dt.timedelta(days=r.randint(1, 10)), {"reason": "申请人撤回申请"}))
            return evs
        if open_:
            return evs
        # the reply deadline without pauses (they only move it later): 20 working days from
        # receipt, or from the corrected request, plus any extension
        base = evs[-1][1] if evs[-1][0] == "correction_received" else d
        extra = evs[-1][2]["working_days"] if evs[-1][0] == "extended" else 0
        due = max(cal.add_working_days(base, reply_days + extra), last)
        late = r.random() < 0.03
        replied = due + dt.timedelta(days=r.randint(1, 10)) if late else self.day(last, due)
        outcome = r.choice(OUTCOMES)
        if evs[-1][0] == "correction_requested":  # never corrected: deemed abandoned
            outcome = "other:no_correction"
            replied = max(replied, cal.add_working_days(last, 16))
        data = {"outcome": outcome}
        if outcome not in ("disclosed", "other:no_correction"):
            data["reason"] = "依法作出处理，详见答复书"
        evs.append(("replied", replied, data))
        return evs

    # -- the other kinds ----------------------------------------------------------
    def complaint(self, d: dt.date, *, open_: bool = False) -> list:
        r = self.rnd
        evs = [
            (
                "complaint_accepted",
                d,
                {
                    "respondent": r.choice(RESPONDENTS),
                    "summary": "串换药品、虚假结算医保费用",
                    "reporter": self.name(),
                    "channel": "12345热线",
                    "department": "基金监管股",
                },
            )
        ]
        if open_:
            return evs
        if r.random() < 0.05:
            evs.append(
                ("complaint_rejected", d + dt.timedelta(days=r.randint(1, 10)), {"reason": "outside_jurisdiction"})
            )
            return evs
        decided = d + dt.timedelta(days=r.randint(1, 12))
        evs.append(("handling_decided", decided, {"mode": r.choice(["direct", "direct", "transfer", "supervise"])}))
        evs.append(
            ("complaint_concluded", decided + dt.timedelta(days=r.randint(3, 17)), {"result": "查实，已责令整改"})
        )
        return evs

    def appeal(self, d: dt.date, *, open_: bool = False) -> list:
        r = self.rnd
        if r.random() < 0.7:
            evs = [("reconsideration_copy_received", d, {"simplified": r.random() < 0.2, "department": "办公室"})]
            done = "agency_replied"
        else:
            evs = [
                (
                    "lawsuit_copy_received",
                    d,
                    {"route": r.choice(["direct", "after_reconsideration"]), "department": "办公室"},
                )
            ]
            done = "defense_submitted"
        if open_:
            return evs
        replied = d + dt.timedelta(days=r.randint(2, 7))
        evs.append((done, replied, {}))
        evs.append(
            (
                "appeal_decided",
                replied + dt.timedelta(days=r.randint(20, 60)),
                {"result": r.choice(["upheld", "upheld", "corrected", "other"])},
            )
        )
        return evs

    def disclosure(self, d: dt.date, *, open_: bool = False) -> list:
        r = self.rnd
        if r.random() < 0.6:
            evs = [
                (
                    "information_formed",
                    d,
                    {
                        "title": f"关于{r.choice(SUBJECTS)}的通知",
                        "category": "规范性文件",
                        "attribute": r.choice(["public", "public", "public_redacted"]),
                        "department": r.choice(DEPTS),
                    },
                )
            ]
            n = 20
        else:
            evs = [
                (
                    "enforcement_decision",
                    d,
                    {
                        "decision": r.choice(["penalty", "licensing"]),
                        "title": f"{r.choice(RESPONDENTS)}行政处罚决定书",
                        "department": "基金监管股",
                    },
                )
            ]
            n = 7
        if not open_:
            evs.append(("published", self.day(d, self.cal.add_working_days(d, n)), {"channel": "政府门户网站"}))
        return evs

    def opinion(self, d: dt.date) -> list:
        at = dt.datetime.combine(d, dt.time(self.rnd.randint(8, 14), 0))
        return [
            (
                "opinion_detected",
                d,
                {"at": at.isoformat(timespec="minutes"), "summary": "网传医保报销比例下调", "department": "办公室"},
            ),
            ("opinion_responded", d, {"at": (at + dt.timedelta(hours=3)).isoformat(timespec="minutes")}),
        ]

    def duties(self) -> Iterator[tuple[str, list, str]]:
        """The yearly duties (app.duties numbers): every annual report and December review
        of withheld information done on time since 2016; this year's review still open."""
        r = self.rnd
        for year in range(START.year, TODAY.year + 1):
            review = [
                ("duty_opened", dt.date(year, 1, 1), {"duty": "withheld_review", "year": year, "department": "办公室"})
            ]
            if year < TODAY.year:
                review.append(("duty_done", dt.date(year, 12, r.randint(8, 19)), {"duty": "withheld_review"}))
            yield "disclosure", review, f"不予公开信息审查〔{year}〕"
            if year < TODAY.year:
                yield (
                    "disclosure",
                    [
                        (
                            "duty_opened",
                            dt.date(year, 12, 1),
                            {"duty": "annual_report", "year": year, "department": "办公室"},
                        ),
                        ("duty_done", dt.date(year + 1, 1, r.randint(10, 28)), {"duty": "annual_report"}),
                    ],
                    f"年度报告〔{year}〕",
                )

    # -- the whole office ------------------------------------------------------------
    def cases(self) -> Iterator[tuple[str, list, str | None]]:
        r = self.rnd
        recent: list[tuple[str, list]] = []
        # open requests whose reply falls due between 1 working day ago and 10 ahead
        for _ in range(200):
            recent.append(("request", self.request(self.wd_before_today(r.randint(10, 21)), open_=True)))
        # open requests received this week and last: the correction-notice window is open
        for _ in range(50):
            recent.append(("request", self.request(self.wd_before_today(r.randint(0, 6)), open_=True)))
        # open requests paused or extended: consultation answers, fee payments, extensions
        for middle in ["consultation"] * 8 + ["fee"] * 6 + ["extension"] * 6:
            recent.append(("request", self.request(self.wd_before_today(r.randint(8, 20)), open_=True, middle=middle)))
        for _ in range(25):
            recent.append(("complaint", self.complaint(TODAY - dt.timedelta(days=r.randint(0, 25)), open_=True)))
        for _ in range(8):
            recent.append(("appeal", self.appeal(self.wd_before_today(r.randint(0, 12)), open_=True)))
        for _ in range(20):
            recent.append(("disclosure", self.disclosure(self.wd_before_today(r.randint(8, 22)), open_=True)))
        duties = list(self.duties())
        history = {"complaint": 2_000, "appeal": 600, "disclosure": 4_300, "opinion": 100}
        history["request"] = TOTAL - len(recent) - len(duties) - sum(history.values())
        plan = [k for k, n in history.items() for _ in range(n)]
        r.shuffle(plan)
        days = sorted(self.history_day() for _ in plan)
        for kind, d in zip(plan, days, strict=True):
            yield kind, getattr(self, kind)(d), None
        yield from duties
        for kind, evs in sorted(recent, key=lambda c: c[1][0][1]):
            yield kind, evs, None


# ---------------------------------------------------------------------------
# The database, written with Core bulk inserts
# ---------------------------------------------------------------------------


def build(path: Path) -> dict[str, Any]:
    import sqlalchemy as sa

    from govinfo_cli.app.calendar import build_calendar, save_snapshot
    from govinfo_cli.app.context import Context
    from govinfo_cli.core.chain import event_chain
    from govinfo_cli.core.events import Event, normalize
    from govinfo_cli.core.rules import replay
    from govinfo_cli.store import db
    from govinfo_cli.store.cache import case_row, deadline_rows
    from govinfo_cli.store.models import Deadline
    from govinfo_cli.store.tables import cases_t, events_t

    OUT.mkdir(exist_ok=True)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    ctx = Context(db=str(path), today_opt=TODAY.isoformat(), by="基准测试")
    engine = ctx.engine  # created and migrated by the app's own engine factory
    cal = build_calendar(ctx)
    gen = Gen(cal)
    stamp = dt.datetime(2026, 11, 20, 1, 0, tzinfo=dt.UTC)
    deadlines_t = Deadline.__table__
    case_rows: list[dict] = []
    event_rows: list[dict] = []
    dl_rows: list[dict] = []
    counts: dict[str, int] = {}
    n_events = 0

    def flush(conn: sa.Connection) -> None:
        if not case_rows:
            return
        conn.execute(sa.insert(cases_t), case_rows)
        conn.execute(sa.insert(events_t), event_rows)
        if dl_rows:
            conn.execute(sa.insert(deadlines_t), dl_rows)
        case_rows.clear(), event_rows.clear(), dl_rows.clear()

    with db.transaction(engine) as conn:
        for case_id, (kind, raw, number) in enumerate(gen.cases(), start=1):
            evs = [
                Event(t, d, normalize(kind, t, data), seq=i + 1, operator=ctx.operator)
                for i, (t, d, data) in enumerate(raw)
            ]
            st = replay(kind, evs, cal)
            counts[f"{kind}:{st.status}"] = counts.get(f"{kind}:{st.status}", 0) + 1
            number = number or gen.number(kind, evs[0].date)
            case_rows.append(
                {
                    "id": case_id,
                    "kind": kind,
                    "number": number,
                    "event_count": len(evs),
                    "created_at": stamp,
                    **case_row(kind, st),
                }
            )
            prev = None
            for e in evs:  # each event chained to the one before it, as the app appends it
                prev = event_chain(prev, kind, number, e.seq, e.type, e.date, dict(e.data), e.operator, stamp)
                event_rows.append(
                    {
                        "case_id": case_id,
                        "seq": e.seq,
                        "type": e.type,
                        "date": e.date,
                        "payload": dict(e.data),
                        "operator": e.operator,
                        "recorded_at": stamp,
                        "chain": prev,
                    }
                )
            dl_rows.extend(deadline_rows(case_id, kind, number, st))
            n_events += len(evs)
            if len(case_rows) >= 10_000:
                flush(conn)
        flush(conn)
        save_snapshot(ctx, conn, cal)
    engine.dispose()
    return {"seconds": time.perf_counter() - t0, "cases": case_id, "events": n_events, "by_kind": counts}


def build_many_open(path: Path) -> dict[str, Any]:
    """100 000 requests through `govinfo import requests`, 20 000 of them never answered."""
    from common import register

    OUT.mkdir(exist_ok=True)
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    csv = register(OUT / "reg100k-open.csv", TOTAL, open_old=20_000)
    t0 = time.perf_counter()
    gov = str(BIN / "govinfo")
    env = {**os.environ, "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    subprocess.run([gov, "--db", str(path), "db", "init"], env=env, check=True, capture_output=True)
    subprocess.run([gov, "--db", str(path), "import", "requests", str(csv)], env=env, check=True, capture_output=True)
    return {"seconds": time.perf_counter() - t0, "cases": TOTAL, "events": -1, "by_kind": {"request": TOTAL}}


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + sys) and peak RSS (KiB) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(p.stderr.strip().splitlines()[-1])


def side_by_side(cases: dict[str, list[str]], env: dict[str, str], rounds: int) -> dict[str, tuple]:
    """Interleaved rounds of every command: median wall, median CPU, median and max peak RSS."""
    got: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cases}
    for _ in range(rounds):
        for name, cmd in cases.items():
            got[name].append(run(cmd, env))
    med = statistics.median
    return {
        k: (med(w for w, _, _ in v), med(c for _, c, _ in v), med(m for _, _, m in v), max(m for _, _, m in v))
        for k, v in got.items()
    }


def main() -> None:
    args = sys.argv[1:]
    against: Path | None = None
    if "--against" in args:
        i = args.index("--against")
        against = Path(args[i + 1]).resolve()
        del args[i : i + 2]
    shape = "few-open"
    if "--shape" in args:
        i = args.index("--shape")
        shape = args[i + 1]
        del args[i : i + 2]
    if shape not in ("few-open", "many-open"):
        raise SystemExit("--shape few-open | many-open")
    db_path = DB if shape == "few-open" else OPEN_DB
    rounds = int(args[0]) if args else 9
    info_path = db_path.with_suffix(".json")
    if not db_path.exists() or not info_path.exists():
        info = build(db_path) if shape == "few-open" else build_many_open(db_path)
        info_path.write_text(json.dumps(info, ensure_ascii=False))
        print(f"built {db_path} in {info['seconds']:.1f} s: {info['cases']} cases, {info['events']} events")
    info = json.loads(info_path.read_text())
    # this machine sets PYTHONDONTWRITEBYTECODE=1; byte-compile as `pip install` would
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    env = {"GOVINFO_DB": str(db_path), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    full_env = {**os.environ, **env}
    # untimed warm-up: the first `due` of a period would open a missing duty case (a write)
    listed = json.loads(
        subprocess.run([gov, "due", "--json"], env=full_env, capture_output=True, text=True, check=True).stdout
    )
    screen = subprocess.run([gov, "due"], env=full_env, capture_output=True, text=True, check=True).stdout
    cmds = {
        "floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"],
        "govinfo due": [gov, "due"],
        "floor: python -c 'import typer'": [PY, "-c", "import typer"],
        "govinfo --help": [gov, "--help"],
        "govinfo due --json": [gov, "due", "--json"],
    }
    if against is not None:
        old = str(against / ".venv" / "bin" / "govinfo")
        old_db = against / "bench" / "out" / db_path.name
        subprocess.run(
            [str(against / ".venv" / "bin" / "python"), "-m", "compileall", "-q", str(against / "govinfo_cli")],
            check=True,
        )
        # the --db option names the other checkout's database; its warm-up like ours
        subprocess.run([old, "--db", str(old_db), "due"], env=full_env, capture_output=True, check=True)
        cmds["govinfo due (--against)"] = [old, "--db", str(old_db), "due"]
        cmds["govinfo --help (--against)"] = [old, "--help"]
    load = os.getloadavg()[0]
    res = side_by_side(cmds, full_env, rounds)
    (f1, c1, m1, _), (t_due, c_due, m_due, _), (f2, c2, m2, _), (t_help, c_help, m_help, _) = list(res.values())[:4]
    kinds: dict[str, int] = {}
    for item in listed:
        kinds[item["kind"]] = kinds.get(item["kind"], 0) + 1
    print(
        f"shape: {shape}; machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; "
        f"{rounds} interleaved rounds; medians (peak RSS: median, max)"
    )
    print(
        f"database: {info['cases']} cases, {info['events']} events "
        f"({', '.join(f'{k} {v}' for k, v in sorted(info['by_kind'].items()))}), "
        f"{db_path.stat().st_size / 2**20:.0f} MiB; built in {info['seconds']:.1f} s"
    )
    print(
        f"`due` lists {len(listed)} deadlines ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
        f"overdue {sum(1 for i in listed if i['working_days_left'] < 0)}; "
        f"screen: {screen.splitlines()[0] if screen else ''}"
    )
    print(f"  {'command':45s} {'wall':>8s} {'cpu':>8s} {'peak RSS':>9s} {'max':>7s}")
    for name, (t, c, m, mx) in res.items():
        print(f"  {name:45s} {t * 1000:5.0f} ms {c * 1000:5.0f} ms {m / 1024:5.1f} MiB {mx / 1024:5.1f}")
    print(
        f"govinfo due / floor:           wall {t_due / f1:.2f}× (goal ≤ 1.5×), cpu {c_due / c1:.2f}×, "
        f"memory {m_due / m1:.2f}× (goal ≤ 1.3×)"
    )
    print(
        f"govinfo --help / import typer: wall {t_help / f2:.2f}× (goal ≤ 1.3×), cpu {c_help / c2:.2f}×, "
        f"memory {m_help / m2:.2f}×"
    )
    if against is not None:
        t_od, c_od, m_od, _ = res["govinfo due (--against)"]
        t_oh, c_oh, _, _ = res["govinfo --help (--against)"]
        print(f"--against {against}:")
        print(
            f"  its due / floor: wall {t_od / f1:.2f}×, cpu {c_od / c1:.2f}×, memory {m_od / m1:.2f}×; "
            f"its --help / import typer: wall {t_oh / f2:.2f}×, cpu {c_oh / c2:.2f}×"
        )
        print(
            f"  this due / its due: wall {t_due / t_od:.2f}×, cpu {c_due / c_od:.2f}×; "
            f"this --help / its --help: wall {t_help / t_oh:.2f}×, cpu {c_help / c_oh:.2f}×"
        )


if __name__ == "__main__":
    main()
