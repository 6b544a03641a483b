"""Recording one event on the 100 000-case database, side by side with its floor (issue 17,
item 5), in one run.

    python bench/bench_record.py [ROUNDS]     # default 11 interleaved rounds, median

* `govinfo request add …` (a new request, its number generated from the office's pattern;
  the case, its event, chain link, deadline cache and audit written in one transaction)
  against the floor `python -c "import typer, sqlmodel"`: goal ≤ 1.3× wall time;
* `govinfo request reply CASE …` (an event appended to a case that exists: the case's log
  loaded and replayed) against the same floor.

The database is a copy of bench_due.py's (bench/out/due100k-core.db, built by that script
when missing), so every round records into a 100 000-case office.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys

from bench_due import DB as DUE_DB
from bench_due import run
from common import BIN, OUT, PY, ROOT, TODAY, machine

DB = OUT / "record100k.db"


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    if not DUE_DB.exists():
        subprocess.run([PY, str(ROOT / "bench" / "bench_due.py"), "1"], check=True)
    for suffix in ("", "-wal", "-shm"):
        (OUT / (DB.name + suffix)).unlink(missing_ok=True)
    shutil.copyfile(DUE_DB, DB)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    env = {**os.environ, "GOVINFO_DB": str(DB), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}

    def add(i: int) -> list[str]:  # a different applicant each time: no 重复申请 warning
        return [
            gov,
            "request",
            "add",
            "--received",
            TODAY.isoformat(),
            "--channel",
            "当面提交",
            "--applicant",
            f"张伟{i}",
            "--type",
            "自然人",
            "--subject",
            "2025年医保基金支出明细",
            "--department",
            "基金监管股",
        ]

    # one open case per round to reply to (added untimed)
    numbers = []
    for i in range(rounds):
        out = subprocess.run(add(1000 + i), env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        numbers.append(out.stdout.split("：", 1)[1].split("（", 1)[0].strip())
    floor = [PY, "-c", "import typer, sqlmodel"]
    names = ("floor: python -c 'import typer, sqlmodel'", "govinfo request add", "govinfo request reply")
    got: dict[str, list[tuple[float, float, int]]] = {n: [] for n in names}
    load = os.getloadavg()[0]
    for i, number in enumerate(numbers):  # interleaved rounds
        reply = [gov, "request", "reply", number, "--outcome", "予以公开", "--date", TODAY.isoformat()]
        for name, cmd in zip(names, (floor, add(i), reply), strict=True):
            got[name].append(run(cmd, env))
    med = statistics.median
    res = {
        k: (med(w for w, _, _ in v), med(c for _, c, _ in v), med(m for _, _, m in v), max(m for _, _, m in v))
        for k, v in got.items()
    }
    (f, fc, fm, _), (t_add, c_add, m_add, _), (t_rep, c_rep, m_rep, _) = res.values()
    print(
        f"machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; "
        f"{rounds} interleaved rounds; medians (peak RSS: median, max); database: a copy of {DUE_DB.name}"
    )
    print(f"  {'command':45s} {'wall':>8s} {'cpu':>8s} {'peak RSS':>9s} {'max':>7s}")
    for name, (t, c, m, mx) in res.items():
        print(f"  {name:45s} {t * 1000:5.0f} ms {c * 1000:5.0f} ms {m / 1024:5.1f} MiB {mx / 1024:5.1f}")
    print(
        f"request add / floor:   wall {t_add / f:.2f}× (goal ≤ 1.3×), cpu {c_add / fc:.2f}×, memory {m_add / fm:.2f}×"
    )
    print(f"request reply / floor: wall {t_rep / f:.2f}×, cpu {c_rep / fc:.2f}×, memory {m_rep / fm:.2f}×")


if __name__ == "__main__":
    main()
