"""`govinfo report annual` on the 100 000-case database against the floor
`python -c "import typer, sqlmodel"`, interleaved, in one run.

    python bench/bench_report.py        # reuses bench/out/due100k.db (bench_due.py builds it)
"""

from __future__ import annotations

import subprocess

from bench_due import build
from common import BIN, PY, ROOT, TODAY, machine, side_by_side


def main() -> None:
    db = build()
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    res = side_by_side({
        "floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"],
        "govinfo report annual 2025 --json": [str(BIN / "govinfo"), "--db", db, "--today",
                                              TODAY.isoformat(), "report", "annual", "2025", "--json"],
        "govinfo report annual 2025 (table)": [str(BIN / "govinfo"), "--db", db, "--today",
                                               TODAY.isoformat(), "report", "annual", "2025"],
    }, repeat=7)
    (f, fm), (t, m), (t2, m2) = res.values()
    print(f"machine: {machine()}; database: 100 000 requests + the sample year")
    for name, (x, mem) in res.items():
        print(f"  {name:45s} {x * 1000:7.0f} ms  {mem / 1024:6.1f} MiB")
    print(f"report annual --json / floor: {t / f:.2f}× (goal ≤ 2×); table: {t2 / f:.2f}×")


if __name__ == "__main__":
    main()
