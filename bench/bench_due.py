"""`govinfo due` on a 100 000-case database against the floor `python -c "import typer,
sqlmodel"`, and `govinfo --help` against `python -c "import typer"`: interleaved runs,
median wall time and peak RSS, in one run.

    python bench/bench_due.py            # builds bench/out/due100k.db once
"""

from __future__ import annotations

import json
import subprocess
import sys

from common import BIN, OUT, PY, ROOT, TODAY, machine, register, side_by_side


def build() -> str:
    db = OUT / "due100k.db"
    if db.exists():
        return str(db)
    OUT.mkdir(exist_ok=True)
    csv = register(OUT / "reg100k.csv", 100_000)
    env = ["--db", str(db), "--today", TODAY.isoformat()]
    subprocess.run([str(BIN / "govinfo"), *env, "import", "requests", str(csv)], check=True)
    # the other kinds, from the sample year
    subprocess.run([str(BIN / "govinfo"), *env, "import", "events",
                    str(ROOT / "sample_data" / "events.jsonl")], check=True)
    return str(db)


def main() -> None:
    db = build()
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    listed = json.loads(subprocess.run([gov, "--db", db, "--today", TODAY.isoformat(), "due", "--json"],
                                       capture_output=True, text=True, check=True).stdout)
    res = side_by_side({
        "floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"],
        "govinfo due": [gov, "--db", db, "--today", TODAY.isoformat(), "due"],
        "floor: python -c 'import typer'": [PY, "-c", "import typer"],
        "govinfo --help": [gov, "--help"],
    }, repeat=int(sys.argv[1]) if len(sys.argv) > 1 else 9)
    (f1, m1), (t_due, m_due), (f2, m2), (t_help, m_help) = res.values()
    print(f"machine: {machine()}; database: 100 000 requests + the sample year; "
          f"rows listed by due: {len(listed)}")
    for name, (t, m) in res.items():
        print(f"  {name:45s} {t * 1000:7.0f} ms  {m / 1024:6.1f} MiB")
    print(f"govinfo due / floor: time {t_due / f1:.2f}× (goal ≤ 1.5×), memory {m_due / m1:.2f}× (goal ≤ 1.3×)")
    print(f"govinfo --help / import typer: time {t_help / f2:.2f}× (goal ≤ 1.3×), memory {m_help / m2:.2f}×")


if __name__ == "__main__":
    main()
