"""Importing a generated 100 000-row request register: `govinfo import requests` (which
validates every cell and computes deadlines) against `sqlite-utils insert --csv` and
`sqlite3 .import` (which do neither), side by side in one run; and exporting it back.

    pip install sqlite-utils      # for this benchmark only (found on PATH or beside python)
    apt-get install sqlite3
    python bench/bench_registers.py [ROUNDS]

Wall time and CPU time (user + sys of the command and its children) are medians of
interleaved rounds; on a machine shared with other work the CPU figures are the steadier
ones. Every govinfo database starts as a copy of one made by `db init` (a clerk's database
exists before the import; `sqlite-utils` and `sqlite3` create theirs)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys

from common import BIN, OUT, TODAY, machine, register, timed


def main(rounds: int = 3) -> None:
    OUT.mkdir(exist_ok=True)
    csv = register(OUT / "reg100k.csv", 100_000)
    messy = register(OUT / "reg100k-gb18030.csv", 100_000, messy=True)
    header_only = OUT / "reg-header-only.csv"
    header_only.write_text(csv.read_text(encoding="utf-8-sig").split("\n", 1)[0] + "\n", encoding="utf-8-sig")
    gov, su, s3 = (
        str(BIN / "govinfo"),
        shutil.which("sqlite-utils") or str(BIN / "sqlite-utils"),
        shutil.which("sqlite3"),
    )
    if not s3:
        raise SystemExit("sqlite3 not found (apt-get install sqlite3)")
    # the floor: SQLite alone (no Python) writing the rows govinfo writes, into the same schema
    empty = OUT / "floor-empty.db"
    for suffix in ("", "-wal", "-shm"):
        (OUT / (empty.name + suffix)).unlink(missing_ok=True)
    subprocess.run([gov, "--db", str(empty), "db", "upgrade"], check=True, capture_output=True)
    # the rows of the round's `govinfo import requests` (run before it in each round), written
    # as govinfo writes them: secondary indexes dropped and built again in the same transaction
    indexes = subprocess.run(
        [s3, str(empty), "SELECT name || char(9) || sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    pairs = [line.split("\t", 1) for line in indexes if line.strip()]
    floor_sql = (
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
        f"ATTACH '{OUT / 'imp-govinfo.db'}' AS s; BEGIN IMMEDIATE; "
        + "".join(f'DROP INDEX "{name}"; ' for name, _ in pairs)
        + "INSERT INTO cases SELECT * FROM s.cases; INSERT INTO events SELECT * FROM s.events; "
        "INSERT INTO deadlines SELECT * FROM s.deadlines; " + "".join(f"{sql}; " for _, sql in pairs) + "COMMIT;"
    )
    times: dict[str, list[tuple[float, float, int]]] = {
        "govinfo import requests": [],
        "sqlite-utils insert --csv": [],
        "sqlite3 .import": [],
        "floor: sqlite3 INSERT…SELECT": [],
        "floor: govinfo import (header only)": [],
        "govinfo import requests --dry-run": [],
        "govinfo import requests (messy GB18030)": [],
        "sqlite-utils insert --csv (messy GB18030)": [],
        "govinfo export requests": [],
    }
    for _ in range(rounds):
        for name in times:
            suffix = "-messy" if "messy" in name else "-dry" if "dry-run" in name else ""
            suffix = "-header" if "header only" in name else suffix
            db = OUT / f"imp-{name.split()[0]}{suffix}.db"
            if name == "floor: sqlite3 INSERT…SELECT":
                db = OUT / "imp-floor.db"
            if name.startswith(("govinfo import", "floor")):
                fresh_copy(empty, db)
            elif name != "govinfo export requests":
                for suffix in ("", "-wal", "-shm"):
                    (OUT / (db.name + suffix)).unlink(missing_ok=True)
            cmd = {
                "govinfo import requests": [
                    gov,
                    "--db",
                    str(db),
                    "--today",
                    TODAY.isoformat(),
                    "import",
                    "requests",
                    str(csv),
                ],
                "sqlite-utils insert --csv": [su, "insert", str(db), "requests", str(csv), "--csv"],
                # start-up, opening the database, the transaction, the commit: every fixed cost
                "floor: govinfo import (header only)": [
                    gov,
                    "--db",
                    str(db),
                    "--today",
                    TODAY.isoformat(),
                    "import",
                    "requests",
                    str(header_only),
                ],
                "sqlite3 .import": [s3, str(db), f".import --csv {csv} requests"],
                "govinfo export requests": [
                    gov,
                    "--db",
                    str(OUT / "imp-govinfo.db"),
                    "--today",
                    TODAY.isoformat(),
                    "export",
                    "requests",
                    "--out",
                    str(OUT / "export.csv"),
                ],
                "floor: sqlite3 INSERT…SELECT": [s3, str(db), floor_sql],
                # reading, validating and computing deadlines, nothing written: the part of an
                # import that is Python's, start-up included
                "govinfo import requests --dry-run": [
                    gov,
                    "--db",
                    str(db),
                    "--today",
                    TODAY.isoformat(),
                    "import",
                    "requests",
                    str(csv),
                    "--dry-run",
                ],
                # the same register as a clerk's spreadsheet gives it (encoding detected, not told)
                "govinfo import requests (messy GB18030)": [
                    gov,
                    "--db",
                    str(db),
                    "--today",
                    TODAY.isoformat(),
                    "import",
                    "requests",
                    str(messy),
                ],
                "sqlite-utils insert --csv (messy GB18030)": [
                    su,
                    "insert",
                    str(db),
                    "requests",
                    str(messy),
                    "--csv",
                    "--encoding",
                    "gb18030",
                ],
            }[name]
            times[name].append(timed(cmd))
    wall = {k: statistics.median(r[0] for r in v) for k, v in times.items()}
    cpu = {k: statistics.median(r[1] for r in v) for k, v in times.items()}
    rss = {k: max(r[2] for r in v) for k, v in times.items()}
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f}; rows: 100 000; rounds: {rounds} (median)")
    for name in times:
        print(f"  {name:45s} wall {wall[name]:6.2f} s  cpu {cpu[name]:6.2f} s  {rss[name] / 1024:6.1f} MiB")

    def ratio(a: str, b: str) -> str:
        return f"{wall[a] / wall[b]:.2f}× wall, {cpu[a] / cpu[b]:.2f}× cpu"

    g, su_ = "govinfo import requests", "sqlite-utils insert --csv"
    print(f"govinfo / sqlite-utils: {ratio(g, su_)} (goal ≤ 0.33×)")
    print(f"govinfo / sqlite3 .import: {ratio(g, 'sqlite3 .import')} (goal ≤ 10×)")
    print(f"floor: SQLite alone writing govinfo's rows / sqlite-utils: {ratio('floor: sqlite3 INSERT…SELECT', su_)}")
    fixed = "floor: govinfo import (header only)"
    print(f"floor: govinfo's fixed costs (header only) / sqlite-utils: {ratio(fixed, su_)}")
    print(f"dry run (read, validate, compute; nothing written) / sqlite-utils: {ratio(g + ' --dry-run', su_)}")
    m = "govinfo import requests (messy GB18030)"
    print(f"messy GB18030: govinfo / sqlite-utils: {ratio(m, 'sqlite-utils insert --csv (messy GB18030)')}")
    print(f"govinfo import peak memory: {rss[g] / 1024:.0f} MiB (goal ≤ 200 MiB)")
    for db in ("imp-govinfo.db",):
        out = subprocess.run(
            ["sqlite3", str(OUT / db), "SELECT count(*) FROM cases; SELECT count(*) FROM events;"],
            capture_output=True,
            text=True,
        ).stdout.split()
        print(f"{db}: {out[0]} cases, {out[1]} events")


def fresh_copy(empty: object, db: object) -> None:
    from pathlib import Path

    target = Path(str(db))
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(str(empty), target)


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:]))
