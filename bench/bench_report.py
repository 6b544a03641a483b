"""`govinfo report annual` on a 100 000-case database against the floor
`python -c "import typer, sqlmodel"`, interleaved rounds in one run (goal ≤ 2×).

    python bench/bench_report.py [ROUNDS]      # default 9 rounds, median wall time, max RSS

The database (bench/out/report100k.db) is generated once, outside the timing, by
bench_due.build: direct SQLAlchemy Core bulk inserts of ten years of a county bureau
(~93 000 requests, complaints, appeals, disclosure items), each case's events validated and
replayed by the app's own code, so the tables and the deadline cache are what
`govinfo import events` would have written. The timeliness report is timed too, for
information (no goal).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from common import BIN, OUT, PY, ROOT, TODAY, machine, side_by_side

DB = OUT / "report100k.db"


def ensure_db() -> dict:
    info_path = DB.with_suffix(".json")
    if not DB.exists() or not info_path.exists():
        from bench_due import build  # the shared generator of the 100 000-case database

        info = build(DB)
        info_path.write_text(json.dumps(info, ensure_ascii=False))
        print(f"built {DB} in {info['seconds']:.1f} s (not timed)")
    return json.loads(info_path.read_text())


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    info = ensure_db()
    # this machine sets PYTHONDONTWRITEBYTECODE=1; byte-compile as `pip install` would
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    env = {"GOVINFO_DB": str(DB), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    full = {**os.environ, **env}
    sample = json.loads(
        subprocess.run(
            [gov, "report", "annual", "2025", "--json"], env=full, capture_output=True, text=True, check=True
        ).stdout
    )
    cases = {
        "floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"],
        "govinfo report annual 2025 --json": [gov, "report", "annual", "2025", "--json"],
        "govinfo report annual 2025 (screen table)": [gov, "report", "annual", "2025"],
        "govinfo report annual 2025 --format xlsx": [
            gov,
            "report",
            "annual",
            "2025",
            "--format",
            "xlsx",
            "--out",
            str(OUT / "report2025.xlsx"),
        ],
        "govinfo report timeliness 2025 --by department": [gov, "report", "timeliness", "2025", "--by", "department"],
    }
    load = os.getloadavg()[0]
    res = side_by_side(cases, repeat=rounds, env=env)
    floor = next(iter(res.values()))
    s3 = sample["section3"]
    print(
        f"machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; "
        f"{rounds} interleaved rounds; median wall time, max peak RSS"
    )
    print(
        f"database: {info['cases']} cases, {info['events']} events "
        f"({', '.join(f'{k} {v}' for k, v in sorted(info['by_kind'].items()))}), "
        f"{DB.stat().st_size / 2**20:.0f} MiB"
    )
    print(
        f"2025: new {s3['new']['total']}, carried in {s3['carried_in']['total']}, handled "
        f"{s3['handled_total']['total']}, carried out {s3['carried_out']['total']}; checks "
        f"{'all hold' if all(c['ok'] for c in sample['checks']) else 'FAIL'}"
    )
    print("| command | time | peak memory | × floor (time) |\n| --- | --- | --- | --- |")
    for name, (t, mem) in res.items():
        print(f"| `{name}` | {t * 1000:.0f} ms | {mem / 1024:.1f} MiB | {t / floor[0]:.2f}× |")


if __name__ == "__main__":
    main()
