"""Recording one event on the 100 000-case database, side by side with its floor (issue 17,
item 5), in one run.

    python bench/bench_record.py [ROUNDS] [--against DIR]   # default 11 interleaved rounds, median

* `govinfo request add …` (a new request, its number generated from the office's pattern;
  the case, its event, chain link, deadline cache and audit written in one transaction)
  against the floor `python -c "import typer, sqlmodel"`: goal ≤ 1.3× wall time;
* `govinfo request reply CASE …` (an event appended to a case that exists: the case's log
  loaded and replayed) against the same floor.

The database is a copy of bench_due.py's (bench/out/due100k-core.db, built by that script
when missing), so every round records into a 100 000-case office.

`--against DIR` names another checkout of govinfo (main, an older commit) with its own
`.venv`: its `request add` and `request reply` run in the same interleaved rounds, into its
own copy of the same database (bench/out/record100k-against.db, here: nothing is written
in DIR), and the ratios of this code to that one are printed (issue 24: recording within
1.1× of the code before).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_due import DB as DUE_DB
from bench_due import run
from common import BIN, OUT, PY, ROOT, TODAY, machine

DB = OUT / "record100k.db"
AGAINST_DB = OUT / "record100k-against.db"


def _fresh_copy(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        (OUT / (db.name + suffix)).unlink(missing_ok=True)
    shutil.copyfile(DUE_DB, db)


def main() -> None:
    args = sys.argv[1:]
    against: Path | None = None
    if "--against" in args:
        i = args.index("--against")
        against = Path(args[i + 1]).resolve()
        del args[i : i + 2]
    rounds = int(args[0]) if args else 11
    if not DUE_DB.exists():
        subprocess.run([PY, str(ROOT / "bench" / "bench_due.py"), "1"], check=True)
    _fresh_copy(DB)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    env = {**os.environ, "GOVINFO_DB": str(DB), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    old = str(against / ".venv" / "bin" / "govinfo") if against else ""
    if against is not None:
        _fresh_copy(AGAINST_DB)
        subprocess.run(
            [str(against / ".venv" / "bin" / "python"), "-m", "compileall", "-q", str(against / "govinfo_cli")],
            check=True,
        )

    def add(i: int, gov: str = gov, db: Path = DB) -> list[str]:  # a different applicant each time: no 重复申请
        return [
            gov,
            "--db",
            str(db),
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
    def opened(cmd: list[str]) -> str:
        out = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        return out.stdout.split("：", 1)[1].split("（", 1)[0].strip()

    numbers = [opened(add(1000 + i)) for i in range(rounds)]
    old_numbers = [opened(add(1000 + i, old, AGAINST_DB)) for i in range(rounds)] if against else []
    floor = [PY, "-c", "import typer, sqlmodel"]
    names = ["floor: python -c 'import typer, sqlmodel'", "govinfo request add", "govinfo request reply"]
    if against is not None:
        names += ["govinfo request add (--against)", "govinfo request reply (--against)"]
    got: dict[str, list[tuple[float, float, int]]] = {n: [] for n in names}
    load = os.getloadavg()[0]

    def reply(gov: str, db: Path, number: str) -> list[str]:
        return [gov, "--db", str(db), "request", "reply", number, "--outcome", "予以公开", "--date", TODAY.isoformat()]

    for i, number in enumerate(numbers):  # interleaved rounds
        cmds = [floor, add(i), reply(gov, DB, number)]
        if against is not None:
            cmds += [add(i, old, AGAINST_DB), reply(old, AGAINST_DB, old_numbers[i])]
        for name, cmd in zip(names, cmds, strict=True):
            got[name].append(run(cmd, env))
    med = statistics.median
    res = {
        k: (med(w for w, _, _ in v), med(c for _, c, _ in v), med(m for _, _, m in v), max(m for _, _, m in v))
        for k, v in got.items()
    }
    (f, fc, fm, _), (t_add, c_add, m_add, _), (t_rep, c_rep, m_rep, _) = list(res.values())[:3]
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
    if against is not None:
        (o_add, oc_add, _, _), (o_rep, oc_rep, _, _) = list(res.values())[3:]
        print(f"--against {against} (goal: within 1.1× of it):")
        print(f"  request add / its request add:     wall {t_add / o_add:.2f}×, cpu {c_add / oc_add:.2f}×")
        print(f"  request reply / its request reply: wall {t_rep / o_rep:.2f}×, cpu {c_rep / oc_rep:.2f}×")


if __name__ == "__main__":
    main()
