"""The cost of tamper evidence (issue 19), side by side in one run.

    python bench/bench_tamper.py [EVENTS] [--skip-check]

1. Recording: EVENTS events (default 300: a third of them new requests, the rest
   extensions and replies on them) through ``app.record.record``, the path every
   `govinfo request …` command takes, into two fresh SQLite databases, interleaved event
   by event: *before* = the append without a chain (the code before 0006_event_chain) on
   a database without the new insert guards; *after* = the chained append with every
   guard. Median per event, and the total.
2. `govinfo db check` (chains verified and every case replayed against the cache) against
   `govinfo db check --quick` and the floor `python -c "import typer, sqlmodel"`, on
   bench_due.py's 100 000-case database (built once), wall time and peak RSS.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from common import BIN, PY  # noqa: E402


def _unchained_append(conn, case_id, seq, type_, date, payload, *, operator, now) -> None:  # noqa: ANN001
    import sqlalchemy as sa

    from govinfo_cli.store.tables import events_t

    conn.execute(
        sa.insert(events_t).values(
            case_id=case_id, seq=seq, type=type_, date=date, payload=payload, operator=operator, recorded_at=now
        )
    )


def recording(n: int) -> dict[str, float]:
    from govinfo_cli.app import record as rec
    from govinfo_cli.app.context import Context
    from govinfo_cli.store import cases

    chained = cases.append_event
    tmp = Path(tempfile.mkdtemp(prefix="bench-tamper-"))
    ctxs = {}
    for name in ("before", "after"):
        ctx = Context(db=str(tmp / f"{name}.db"), today_opt="2026-11-20", by="基准测试")
        ctx.engine  # noqa: B018 - created and migrated
        if name == "before":
            with ctx.engine.begin() as conn:
                for t in ("events_no_replace", "audit_no_replace"):
                    conn.exec_driver_sql(f"DROP TRIGGER {t}")
        ctxs[name] = ctx
    per: dict[str, list[float]] = {"before": [], "after": []}
    plan = []
    for i in range(n):
        k = i // 3
        step = i % 3
        if step == 0:
            raw = {"channel": "online", "applicant": f"申请人{k}", "applicant_type": "natural_person",
                   "subject": f"医保基金支出明细 {k}"}  # fmt: skip
            plan.append((None, "received", dt.date(2026, 11, 2), raw, k))
        elif step == 1:
            plan.append((k, "extended", dt.date(2026, 11, 10), {"reason": "需协调汇总", "working_days": 20}, k))
        else:
            plan.append((k, "replied", dt.date(2026, 11, 16), {"outcome": "disclosed"}, k))
    numbers: dict[str, dict[int, str]] = {"before": {}, "after": {}}
    for num_ref, type_, day, raw, k in plan:
        for name in ("before", "after"):
            cases.append_event = _unchained_append if name == "before" else chained
            number = numbers[name].get(num_ref) if num_ref is not None else None
            t = time.perf_counter()
            got = rec.record(ctxs[name], "request", number, type_, day, dict(raw))
            per[name].append(time.perf_counter() - t)
            numbers[name][k] = got.number
    cases.append_event = chained
    med = {k: statistics.median(v) * 1000 for k, v in per.items()}
    tot = {k: sum(v) for k, v in per.items()}
    return {"before_ms": med["before"], "after_ms": med["after"], "before_s": tot["before"], "after_s": tot["after"]}


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], env=env, capture_output=True, text=True)
    return time.perf_counter() - t, int(p.stderr.strip().splitlines()[-1]), p.returncode


def check(rounds: int = 1) -> dict[str, tuple[float, int, int]]:
    import bench_due

    if not bench_due.DB.exists():
        info = bench_due.build(bench_due.DB)
        bench_due.DB.with_suffix(".json").write_text(__import__("json").dumps(info, ensure_ascii=False))
        print(f"built {bench_due.DB}: {info['cases']} cases, {info['events']} events in {info['seconds']:.0f} s")
    env = {**os.environ, "GOVINFO_DB": str(bench_due.DB), "GOVINFO_TODAY": "2026-11-20", "GOVINFO_USER": "基准测试"}
    gov = str(BIN / "govinfo")
    cmds = {
        "floor: python -c 'import typer, sqlmodel'": [PY, "-c", "import typer, sqlmodel"],
        "govinfo db check --quick": [gov, "db", "check", "--quick"],
        "govinfo db check --head": [gov, "db", "check", "--head"],
        "govinfo db check (full)": [gov, "db", "check"],
    }
    got: dict[str, list] = {k: [] for k in cmds}
    for _ in range(rounds):
        for k, cmd in cmds.items():
            got[k].append(_timed(cmd, env))
    return {k: (statistics.median(w for w, _, _ in v), max(m for _, m, _ in v), v[-1][2]) for k, v in got.items()}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 300
    print(f"load average {os.getloadavg()[0]:.1f}")
    r = recording(n)
    print(f"recording {n} events (median per event / total):")
    print(f"  before (no chain, no insert guard): {r['before_ms']:.2f} ms / {r['before_s']:.2f} s")
    print(f"  after  (chained, guarded):          {r['after_ms']:.2f} ms / {r['after_s']:.2f} s")
    ratio, total = r["after_ms"] / r["before_ms"], r["after_s"] / r["before_s"]
    print(f"  ratio after/before: {ratio:.2f}× (median), {total:.2f}× (total)")
    if "--skip-check" in sys.argv:
        return
    for k, (wall, rss, rc) in check().items():
        print(f"  {k:45s} {wall:7.2f} s  peak RSS {rss / 1024:6.0f} MiB  exit {rc}")


if __name__ == "__main__":
    main()
