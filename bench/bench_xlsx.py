"""Excel in and out at 100 000 rows, and a profile change on 100 000 cases (issue 17, items
3 and 4), each side by side with its baseline in one run, interleaved round by round.

    python bench/bench_xlsx.py [ROUNDS] [--against DIR]

- `import requests` of a workbook against `import requests` of the CSV with the same rows
  (goal ≤ 1.5×): the generated 100 000-row register (bench/common.py) as a clean pair (the
  workbook's dates real Excel dates, its phone numbers stored as numbers, as Excel keeps a
  typed-in number) and a messy pair (the GB18030 file's text dates in all six spellings,
  kept as text in the workbook too);
- `export requests --format xlsx` against `export requests` as CSV (goal ≤ 3×);
- `config set profile xinjiang` on a copy of the 100 000-case database (goal ≤ 150 MiB
  peak); with ``--against DIR`` also the same command run by another checkout's
  ``DIR/.venv/bin/govinfo`` (e.g. main before this change) on its own copy.

Wall and CPU time (user + sys of the child) are medians; memory is the largest peak RSS.
On a machine shared with other work the CPU ratio is the steadier one."""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_ingest import counts, fresh, timed
from common import BIN, OUT, TODAY, machine, register

DATES = ("收到日期", "答复日期")


def workbook(src: Path, dst: Path, *, real_dates: bool, encoding: str) -> Path:
    """The CSV's rows as a workbook saved the way Excel saves one (shared strings)."""
    if dst.exists() and dst.stat().st_mtime > src.stat().st_mtime:
        return dst
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    with src.open(encoding=encoding, newline="") as fh:
        rows = csv.reader(fh)
        header = next(rows)
        ws.append(header)
        at = [header.index(h) for h in DATES]
        phone = header.index("联系方式")
        for r in rows:
            cells: list[object] = list(r)
            if real_dates:
                for i in at:
                    if r[i]:
                        cells[i] = dt.date.fromisoformat(r[i])
            if r[phone].isdigit():
                cells[phone] = int(r[phone])
            ws.append([c if c != "" else None for c in cells])
    tmp = dst.with_suffix(".part.xlsx")
    wb.save(tmp)
    os.replace(tmp, dst)
    return dst


def main(*args: str) -> None:
    rounds = int(args[0]) if args and args[0].isdigit() else 3
    against = Path(args[args.index("--against") + 1]) if "--against" in args else None
    OUT.mkdir(exist_ok=True)
    gov = str(BIN / "govinfo")
    base = [gov, "--today", TODAY.isoformat()]
    clean = register(OUT / "reg100k.csv", 100_000)
    messy = register(OUT / "reg100k-gb18030.csv", 100_000, messy=True)
    clean_x = workbook(clean, OUT / "reg100k.xlsx", real_dates=True, encoding="utf-8-sig")
    messy_x = workbook(messy, OUT / "reg100k-messy.xlsx", real_dates=False, encoding="gb18030")
    full = fresh("xlsx-full.db")
    subprocess.run([*base, "--db", full, "db", "init"], check=True, capture_output=True)
    subprocess.run([*base, "--db", full, "import", "requests", str(clean)], check=True, capture_output=True)

    empty = fresh("xlsx-empty.db")
    subprocess.run([*base, "--db", empty, "db", "init"], check=True, capture_output=True)

    def imp(db: str, path: Path) -> list[str]:
        target = fresh(db)
        shutil.copy(empty, target)  # a database named by --db must exist
        return [*base, "--db", target, "import", "requests", str(path)]

    def copy(name: str) -> str:
        target = fresh(name)
        shutil.copy(full, target)
        return target

    cmds = {
        "import requests CSV (clean, UTF-8)": lambda: imp("xlsx-csv.db", clean),
        "import requests xlsx (clean: real dates, numeric phones)": lambda: imp("xlsx-xlsx.db", clean_x),
        "import requests CSV (messy GB18030, 6 date spellings)": lambda: imp("xlsx-csv-messy.db", messy),
        "import requests xlsx (messy: the same text dates)": lambda: imp("xlsx-xlsx-messy.db", messy_x),
        "export requests CSV": lambda: [*base, "--db", full, "export", "requests", "--out", str(OUT / "x.csv")],
        "export requests xlsx": lambda: [*base, "--db", full, "export", "requests", "--out", str(OUT / "x.xlsx")],
        "config set profile xinjiang (this checkout)": lambda: [
            *base,
            "--db",
            copy("xlsx-profile.db"),
            "config",
            "set",
            "profile",
            "xinjiang",
        ],
    }
    if against is not None:
        other = str(against / ".venv" / "bin" / "govinfo")
        cmds[f"config set profile xinjiang ({against})"] = lambda: [
            other,
            "--today",
            TODAY.isoformat(),
            "--db",
            copy("xlsx-profile-against.db"),
            "config",
            "set",
            "profile",
            "xinjiang",
        ]
    got: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cmds}
    load = os.getloadavg()
    for _ in range(rounds):
        for name, cmd in cmds.items():
            got[name].append(timed(cmd()))
    print(f"machine: {machine()}; rounds: {rounds} (median; memory: largest peak)")
    print(f"load average before: {load[0]:.1f}, after: {os.getloadavg()[0]:.1f}")
    med = {}
    for name, runs in got.items():
        med[name] = (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs),
            max(r[2] for r in runs),
        )
        wall, cpu, rss = med[name]
        print(f"  {name:60s} wall {wall:6.2f} s  cpu {cpu:6.2f} s  {rss / 1024:6.1f} MiB")
    names = list(cmds)

    def ratio(a: str, b: str, goal: str) -> None:
        (aw, ac, _), (bw, bc, _) = med[a], med[b]
        print(f"{a} / {b}: wall {aw / bw:.2f}×, cpu {ac / bc:.2f}× (goal {goal})")

    ratio(names[1], names[0], "≤ 1.5×")
    ratio(names[3], names[2], "≤ 1.5×")
    ratio(names[5], names[4], "≤ 3×")
    print(f"profile change peak memory: {med[names[6]][2] / 1024:.0f} MiB (goal ≤ 150 MiB)")
    if against is not None:
        ratio(names[6], names[7], "—")
    for pair in (("xlsx-csv.db", "xlsx-xlsx.db"), ("xlsx-csv-messy.db", "xlsx-xlsx-messy.db")):
        print(
            f"rows (cases, events, deadlines): {pair[0]} {counts(str(OUT / pair[0]))}, "
            f"{pair[1]} {counts(str(OUT / pair[1]))}"
        )


if __name__ == "__main__":
    main(*sys.argv[1:])
