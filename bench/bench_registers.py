"""Importing a generated 100 000-row request register: `govinfo import requests` (which
validates every cell and computes deadlines) against `sqlite-utils insert --csv` and
`sqlite3 .import` (which do neither), side by side in one run; and exporting it back.

    pip install sqlite-utils      # for this benchmark only
    apt-get install sqlite3
    python bench/bench_registers.py
"""

from __future__ import annotations

import shutil
import statistics

from common import BIN, OUT, TODAY, machine, register, run


def main(rounds: int = 3) -> None:
    OUT.mkdir(exist_ok=True)
    csv = register(OUT / "reg100k.csv", 100_000)
    messy = register(OUT / "reg100k-gb18030.csv", 100_000, messy=True)
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
    run([gov, "--db", str(empty), "db", "upgrade"])
    floor_sql = (
        "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
        f"ATTACH '{OUT / 'imp-govinfo.db'}' AS s; BEGIN IMMEDIATE; "
        "INSERT INTO cases SELECT * FROM s.cases; INSERT INTO events SELECT * FROM s.events; "
        "INSERT INTO deadlines SELECT * FROM s.deadlines; COMMIT;"
    )
    times: dict[str, list[float]] = {
        "govinfo import requests": [],
        "sqlite-utils insert --csv": [],
        "sqlite3 .import": [],
        "govinfo export requests": [],
        "floor: sqlite3 INSERT…SELECT": [],
        "govinfo import requests --dry-run": [],
        "govinfo import requests (messy GB18030)": [],
        "sqlite-utils insert --csv (messy GB18030)": [],
    }
    rss: dict[str, int] = dict.fromkeys(times, 0)
    for _ in range(rounds):
        for name in times:
            suffix = "-messy" if "messy" in name else "-dry" if "dry-run" in name else ""
            db = OUT / f"imp-{name.split()[0]}{suffix}.db"
            if name == "floor: sqlite3 INSERT…SELECT":
                db = OUT / "imp-floor.db"
            if name != "govinfo export requests":
                for suffix in ("", "-wal", "-shm"):
                    (OUT / (db.name + suffix)).unlink(missing_ok=True)
            if name == "floor: sqlite3 INSERT…SELECT":
                shutil.copy(empty, db)
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
            t, m = run(cmd)
            times[name].append(t)
            rss[name] = max(rss[name], m)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"machine: {machine()}; rows: 100 000; rounds: {rounds} (median)")
    for name in times:
        print(f"  {name:30s} {med[name]:6.2f} s  {rss[name] / 1024:6.1f} MiB")
    g = med["govinfo import requests"]
    print(f"govinfo / sqlite-utils: {g / med['sqlite-utils insert --csv']:.2f}× (goal ≤ 0.33×)")
    print(f"govinfo / sqlite3 .import: {g / med['sqlite3 .import']:.1f}× (goal ≤ 10×)")
    print(
        f"floor (SQLite alone writing govinfo's rows) / sqlite-utils: "
        f"{med['floor: sqlite3 INSERT…SELECT'] / med['sqlite-utils insert --csv']:.2f}×"
    )
    print(
        f"dry run (validate + compute, no writes) / sqlite-utils: "
        f"{med['govinfo import requests --dry-run'] / med['sqlite-utils insert --csv']:.2f}×"
    )
    m = med["govinfo import requests (messy GB18030)"]
    print(
        f"messy GB18030 register: govinfo / sqlite-utils: "
        f"{m / med['sqlite-utils insert --csv (messy GB18030)']:.2f}×; govinfo messy / clean: {m / g:.2f}×"
    )
    print(f"govinfo import peak memory: {rss['govinfo import requests'] / 1024:.0f} MiB (goal ≤ 200 MiB)")


if __name__ == "__main__":
    main()
