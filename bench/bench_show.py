"""`govinfo show CASE` on a 1 000 000-case database against the same command on a 10 000-case
one, side by side in one run (issue 26, item 3b): a case is found by an index, so `show`
does not grow with the database.

    python bench/bench_show.py [ROUNDS]      # default 15 interleaved rounds, median

The two databases (bench/out/show10k.db, bench/out/show1m.db, built once by `govinfo import
requests` of generated registers, bench/common.py `register`; the 1M one takes minutes) hold
the same kind of office. Each round runs, on both, `show` of a case typed in full, typed as a
bare number (`show 7`: this year's case found through the numbering pattern), and the floor
`python -c "import typer, sqlmodel"`. Also measured in-process: the lookup of a case by its
number without a kind (``store.cases.find_case``), through the index and as before issue 26
(the same query with the index not used: `SCAN cases`).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from common import BIN, OUT, PY, TODAY, machine, register, timed

SIZES = {"10k": 10_000, "1m": 1_000_000}


def build(name: str, n: int) -> Path:
    db = OUT / f"show{name}.db"
    if db.exists():
        return db
    OUT.mkdir(exist_ok=True)
    csv = register(OUT / f"reg-show{name}.csv", n)
    env = {**os.environ, "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    t = time.perf_counter()
    tmp = db.with_suffix(".building")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{tmp}{suffix}").unlink(missing_ok=True)
    subprocess.run([str(BIN / "govinfo"), "--db", str(tmp), "db", "init"], env=env, check=True, capture_output=True)
    cmd = [str(BIN / "govinfo"), "--db", str(tmp), "import", "requests", str(csv)]
    subprocess.run(cmd, env=env, check=True, capture_output=True)
    tmp.rename(db)
    csv.unlink()
    print(f"built {db} ({n} cases) in {time.perf_counter() - t:.0f} s")
    return db


def lookup_ms(db: Path, number: str, indexed: bool, repeat: int = 21) -> tuple[float, str]:
    """Median ms of finding ``number`` without its kind: through the index, or (as before
    issue 26) with no index on the number (`NOT INDEXED`: SCAN cases)."""
    import sqlite3

    con = sqlite3.connect(db)
    sql = f"SELECT * FROM cases {'' if indexed else 'NOT INDEXED '}WHERE number = ?"
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        con.execute(sql, (number,)).fetchall()
        times.append(time.perf_counter() - t)
    plan = " ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + sql, (number,)))
    con.close()
    return statistics.median(times) * 1000, plan


def main(rounds: int = 15) -> None:
    dbs = {name: build(name, n) for name, n in SIZES.items()}
    subprocess.run([PY, "-m", "compileall", "-q", str(Path(__file__).resolve().parents[1] / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    # each register's last row: an open request received this month, numbered N of this year
    full = {name: f"依申〔{TODAY.year}〕{n}号" for name, n in SIZES.items()}
    os.environ.update(GOVINFO_TODAY=TODAY.isoformat(), GOVINFO_USER="基准测试")
    cmds = {"floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"]}
    for name, db in dbs.items():
        subprocess.run([gov, "--db", str(db), "show", full[name]], check=True, capture_output=True)  # warm-up
        cmds[f"show (full number) ({name})"] = [gov, "--db", str(db), "show", full[name]]
        cmds[f"show (bare number) ({name})"] = [gov, "--db", str(db), "show", str(SIZES[name])]
    load = os.getloadavg()[0]
    got: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for k, cmd in cmds.items():
            got[k].append(timed(cmd))
    med = statistics.median
    print(
        f"machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; "
        f"{rounds} interleaved rounds; medians"
    )
    print(f"  {'command':45s} {'wall':>8s} {'cpu':>8s} {'peak RSS':>9s}")
    res = {}
    for k, v in got.items():
        res[k] = (med(w for w, _, _ in v), med(c for _, c, _ in v), max(m for _, _, m in v))
        w, c, m = res[k]
        print(f"  {k:45s} {w * 1000:5.0f} ms {c * 1000:5.0f} ms {m / 1024:5.1f} MiB")
    for typed in ("full number", "bare number"):
        a, b = res[f"show ({typed}) (1m)"], res[f"show ({typed}) (10k)"]
        print(f"show ({typed}): 1M / 10k: wall {a[0] / b[0]:.2f}×, cpu {a[1] / b[1]:.2f}× (goal ≤ 1.1×)")
    for name, db in dbs.items():
        (ix, ix_plan), (scan, scan_plan) = lookup_ms(db, full[name], True), lookup_ms(db, full[name], False)
        print(f"find a case by number alone ({name}): {ix:.3f} ms [{ix_plan}]; before: {scan:.3f} ms [{scan_plan}]")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
