"""Shared pieces of the benchmarks: a realistic generated register, timing of commands."""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PY = sys.executable
BIN = Path(PY).parent
TODAY = dt.date(2026, 11, 20)

HEADER = [
    "编号",
    "收到日期",
    "渠道",
    "申请人",
    "申请人类型",
    "证件号码",
    "联系方式",
    "申请内容",
    "承办处室",
    "答复期限",
    "答复日期",
    "办理结果",
    "备注",
]
CHANNELS = ["互联网", "当面提交", "邮寄", "电子邮件", "平常信函", "传真"]
TYPES = ["自然人"] * 6 + ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
OUTCOMES = ["予以公开"] * 6 + [
    "部分公开",
    "不予公开-保护第三方合法权益",
    "无法提供-本机关不掌握相关政府信息",
    "不予处理-重复申请",
]
SUBJECTS = ["医保基金支出明细", "定点医药机构名单", "药品集中带量采购结果", "行政处罚决定书", "医疗救助资金使用情况"]
DEPTS = ["办公室", "基金监管股", "医药服务管理股", "待遇保障股", "医疗保障事务中心"]


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _spelled(day: dt.date, k: int) -> str:
    """The date spellings clerks' spreadsheets carry (docs/contract.md), in rotation."""
    return [
        day.isoformat(),
        f"{day.year}/{day.month}/{day.day}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        day.strftime("%Y%m%d"),
        f"{day.year}年{day.month}月{day.day}日".translate(FULL_WIDTH),
    ][k % 6]


def _id_number(rnd: random.Random) -> str:
    from govinfo_cli.core.personal import id_check_digit

    born = dt.date(1950, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365 * 55))
    first17 = f"5305{rnd.randrange(21, 25):02d}{born:%Y%m%d}{rnd.randrange(0, 1000):03d}"
    return first17 + id_check_digit(first17)


def register(
    path: Path, n: int, *, open_recent: int = 300, open_old: int = 0, seed: int = 7, messy: bool = False
) -> Path:
    """n rows: years of closed requests, plus `open_recent` open ones received in the last
    four weeks (so ~that many reply deadlines fall in `due`'s default window), plus
    `open_old` never answered ones spread over the years before (all overdue: the register
    of an office that stopped recording replies).

    ``messy``: the file as a clerk's spreadsheet gives it: GB18030 without a BOM (the
    encoding must be detected), dates in all six spellings in rotation (full-width digits
    too), a valid 居民身份证 number on every natural person's row (its check digit is
    verified), stray spaces around cells."""
    rnd = random.Random(seed)
    start = dt.date(2016, 1, 4)
    span = (TODAY - dt.timedelta(days=60) - start).days
    spell = (lambda d, i: _spelled(d, i)) if messy else (lambda d, i: d.isoformat())
    pad = (lambda s, i: f" {s} " if s and i % 7 == 0 else s) if messy else (lambda s, i: s)
    with path.open("w", encoding="gb18030" if messy else "utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(n):
            recent = i >= n - open_recent
            old_open = i % (n // open_old) == 0 if open_old else False
            if recent:
                received = TODAY - dt.timedelta(days=rnd.randrange(0, 28))
            else:
                received = start + dt.timedelta(days=rnd.randrange(0, span))
            outcome = rnd.choice(OUTCOMES)
            replied = "" if recent else spell(received + dt.timedelta(days=rnd.randrange(1, 25)), i + 3)
            note = "" if outcome == "予以公开" else "依法作出处理"
            if old_open:
                replied, outcome, note = "", "", ""
            kind = rnd.choice(TYPES)
            id_number = _id_number(rnd) if messy and kind == "自然人" else ""
            w.writerow(
                [
                    pad(f"依申〔{received.year}〕{i + 1}号", i),
                    spell(received, i),
                    rnd.choice(CHANNELS),
                    pad(f"申请人{i % 5000}", i + 1),
                    kind,
                    id_number,
                    f"138{rnd.randrange(10**7, 10**8)}",
                    pad(rnd.choice(SUBJECTS), i + 2),
                    rnd.choice(DEPTS),
                    "",
                    replied,
                    "" if recent or old_open else outcome,
                    "" if recent else note,
                ]
            )
    return path


def run(cmd: list[str], env: dict[str, str] | None = None, stdin: str | None = None) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one command."""
    full_env = {**os.environ, **(env or {})}
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=full_env, capture_output=True, text=True, input=stdin)
    wall = time.perf_counter() - t
    if p.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-800:]}")
    rss = int(p.stderr.strip().splitlines()[-1])
    return wall, rss


def side_by_side(
    cases: dict[str, list[str]], repeat: int = 7, env: dict[str, str] | None = None
) -> dict[str, tuple[float, int]]:
    """Interleaved runs of every command, `repeat` rounds; median wall time, max RSS."""
    walls: dict[str, list[float]] = {k: [] for k in cases}
    rss: dict[str, int] = dict.fromkeys(cases, 0)
    for _ in range(repeat):
        for name, cmd in cases.items():
            w, m = run(cmd, env)
            walls[name].append(w)
            rss[name] = max(rss[name], m)
    return {k: (statistics.median(v), rss[k]) for k, v in walls.items()}


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {dt.date.today()}"


def max_rss_children_kib() -> int:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + sys, children included) and peak RSS (KiB) of one
    command, through /usr/bin/time."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%U %S %M", *cmd], capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr[-800:]}")
    user, sys_, rss = p.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(sys_), int(rss)
