"""`govinfo import events` of a 100 000-case event log against `govinfo import requests` of
the register holding the same cases, side by side in one run (issue 17, item 1).

    python bench/bench_ingest.py [ROUNDS]
    python bench/bench_ingest.py ROUNDS --against DIR    # also DIR's govinfo (an older
                                                          # checkout with its own .venv), interleaved

The log is the register's own cases: the register is imported once (untimed) and exported
with `export events --reveal`; then each round imports the register and the log into fresh
databases, interleaved. Wall and CPU time (user + sys of the child) are medians; memory is
the largest peak RSS. On a machine shared with other work the CPU ratio is the steadier one.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

from common import BIN, OUT, TODAY, machine, register, timed


def fresh(name: str, gov: str = str(BIN / "govinfo")) -> str:
    """An empty database at its schema (`db init` by ``gov``, untimed): a command never creates one."""
    for suffix in ("", "-wal", "-shm"):
        (OUT / (name + suffix)).unlink(missing_ok=True)
    db = str(OUT / name)
    subprocess.run([gov, "--db", db, "db", "init"], check=True, capture_output=True)
    return db


def counts(db: str) -> tuple[int, ...]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cases", "events", "deadlines"))
    finally:
        con.close()


def main(rounds: int = 3, against: str | None = None) -> None:
    OUT.mkdir(exist_ok=True)
    gov = str(BIN / "govinfo")
    base = [gov, "--today", TODAY.isoformat()]
    csv = register(OUT / "reg100k.csv", 100_000)
    log = OUT / "ev100k.jsonl"
    src = fresh("ingest-src.db")
    subprocess.run([*base, "--db", src, "import", "requests", str(csv)], check=True, capture_output=True)
    subprocess.run(
        [*base, "--db", src, "export", "events", "--reveal", "--out", str(log)], check=True, capture_output=True
    )
    cmds = {
        "govinfo import requests (register, 100 000 rows)": lambda: [
            *base,
            "--db",
            fresh("ingest-req.db"),
            "import",
            "requests",
            str(csv),
        ],
        "govinfo import events (the same cases, 199 700 lines)": lambda: [
            *base,
            "--db",
            fresh("ingest-ev.db"),
            "import",
            "events",
            str(log),
        ],
    }
    if against is not None:
        old = str(Path(against).resolve() / ".venv" / "bin" / "govinfo")
        old_base = [old, "--today", TODAY.isoformat()]
        cmds["import requests (--against)"] = lambda: [
            *old_base, "--db", fresh("ingest-req-old.db", old), "import", "requests", str(csv)
        ]  # fmt: skip
        cmds["import events (--against)"] = lambda: [
            *old_base, "--db", fresh("ingest-ev-old.db", old), "import", "events", str(log)
        ]  # fmt: skip
    got: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cmds}
    load = [os.getloadavg()[0]]
    for n in range(1, rounds + 1):
        for name, cmd in cmds.items():
            got[name].append(timed(cmd()))
            wall, cpu, rss = got[name][-1]
            line = f"wall {wall:6.2f} s  cpu {cpu:6.2f} s  {rss / 1024:6.1f} MiB"
            print(f"  round {n}: {name.split(' (')[0]:25s} {line}", flush=True)
    load.append(os.getloadavg()[0])
    print(f"machine: {machine()}; rounds: {rounds} (median; memory: largest peak)")
    print(f"load average (1 min) before / after: {load[0]:.1f} / {load[1]:.1f}")
    med = {}
    for name, runs in got.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        rss = max(r[2] for r in runs)
        med[name] = (wall, cpu, rss)
        print(f"  {name:55s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  {rss / 1024:6.1f} MiB")
    (rw, rc, _), (ew, ec, em), *older = med.values()
    print(f"events / requests: wall {ew / rw:.2f}×, cpu {ec / rc:.2f}× (goal ≤ 1.5×)")
    print(f"import events peak memory: {em / 1024:.0f} MiB (goal ≤ 250 MiB)")
    req, ev = counts(str(OUT / "ingest-req.db")), counts(str(OUT / "ingest-ev.db"))
    print(f"rows (cases, events, deadlines): register {req}, event log {ev}")
    if older:
        (ow, oc, om), (oew, oec, oem) = older
        print(f"--against {against}: requests this / its: wall {rw / ow:.2f}×, cpu {rc / oc:.2f}×; ", end="")
        print(
            f"events this / its: wall {ew / oew:.2f}×, cpu {ec / oec:.2f}×; "
            f"its peak memory {om / 1024:.0f}/{oem / 1024:.0f} MiB"
        )
        oreq, oev = counts(str(OUT / "ingest-req-old.db")), counts(str(OUT / "ingest-ev-old.db"))
        print(f"its rows (cases, events, deadlines): register {oreq}, event log {oev}")


if __name__ == "__main__":
    args = sys.argv[1:]
    other = None
    if "--against" in args:
        i = args.index("--against")
        other = args[i + 1]
        del args[i : i + 2]
    main(*(int(a) for a in args), against=other)
