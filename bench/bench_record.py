"""Recording one event on the 100 000-case database, side by side with its floor (issue 17,
item 5), in one run.

    python bench/bench_record.py [ROUNDS]     # default 11 interleaved rounds, median
    python bench/bench_record.py ROUNDS --against DIR [--pg URL]

`--against DIR` names another checkout of govinfo (with its own `.venv`): its `request add`
and `request reply` run in the same rounds on their own copy of the same database, so a
change is compared with the code before it side by side (both sides read their byte code
from bench/out/pycache, so nothing is written into DIR). `--pg URL` (a server and a database
the role may connect to, with CREATEDB and CREATEROLE, e.g. GOVINFO_TEST_PG) adds the same
commands on PostgreSQL: each side imports one register of 3 000 requests into a database of
its own and records as the owner; this checkout also records as a clerk's login (issue 24,
item 5: the database then checks the login on every event). The databases and the login are
named `--prefix` (default govinfo_bench_) and a random tag, and dropped afterwards.

* `govinfo request add …` (a new request, its number generated from the office's pattern;
  the case, its event, chain link, deadline cache and audit written in one transaction)
  against the floor `python -c "import typer, sqlmodel"`: goal ≤ 1.3× wall time;
* `govinfo request reply CASE …` (an event appended to a case that exists: the case's log
  loaded and replayed) against the same floor.

The database is a copy of bench_due.py's (bench/out/due100k-core.db, built by that script
when missing, with DIR's interpreter when `--against DIR` is given, so that both sides can
open it; this checkout migrates its own copy, untimed), so every round records into a
100 000-case office.
"""

from __future__ import annotations

import os
import secrets
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_due import DB as DUE_DB
from bench_due import run
from common import BIN, OUT, PY, ROOT, TODAY, machine, register

DB = OUT / "record100k.db"


def _option(args: list[str], name: str) -> str | None:
    if name not in args:
        return None
    i = args.index(name)
    value = args[i + 1]
    del args[i : i + 2]
    return value


def add_args(gov: str, i: int) -> list[str]:
    """`request add` of a new request (a different applicant each time: no 重复申请 warning)."""
    return [
        gov,
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


def reply_args(gov: str, number: str) -> list[str]:
    return [gov, "request", "reply", number, "--outcome", "予以公开", "--date", TODAY.isoformat()]


def added(cmd: list[str], env: dict[str, str]) -> str:
    """Run an untimed `request add`; the number it gave."""
    out = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return out.stdout.split("：", 1)[1].split("（", 1)[0].strip()


def main() -> None:
    args = sys.argv[1:]
    against = _option(args, "--against")
    pg_url = _option(args, "--pg")
    prefix = _option(args, "--prefix") or "govinfo_bench_"
    rounds = int(args[0]) if args else 11
    other = Path(against).resolve() if against else None
    cache = OUT / "pycache"  # byte code of both checkouts, written here (not into DIR)
    base = {**os.environ, "PYTHONPYCACHEPREFIX": str(cache)}
    their_py = str(other / ".venv" / "bin" / "python") if other else PY
    if not DUE_DB.exists():  # built by the older side, so both can open it
        subprocess.run([their_py, str(ROOT / "bench" / "bench_due.py"), "1"], env=base, check=True)
    for side in [ROOT, *([other] if other else [])]:
        py = PY if side == ROOT else their_py
        subprocess.run([py, "-m", "compileall", "-q", str(side / "govinfo_cli")], env=base, check=True)
    if other is not None:
        sqlite_against(rounds, other, base)
    if pg_url:
        postgresql(rounds, pg_url, other, prefix, base)
    if other is None and not pg_url:
        sqlite_floor(rounds, base)


def sqlite_floor(rounds: int, base: dict[str, str]) -> None:
    """`request add` and `request reply` against the floor (issue 17, item 5)."""
    for suffix in ("", "-wal", "-shm"):
        (OUT / (DB.name + suffix)).unlink(missing_ok=True)
    shutil.copyfile(DUE_DB, DB)
    gov = str(BIN / "govinfo")
    env = {**base, "GOVINFO_DB": str(DB), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}

    # one open case per round to reply to (added untimed)
    numbers = [added(add_args(gov, 1000 + i), env) for i in range(rounds)]
    floor = [PY, "-c", "import typer, sqlmodel"]
    names = ("floor: python -c 'import typer, sqlmodel'", "govinfo request add", "govinfo request reply")
    got: dict[str, list[tuple[float, float, int]]] = {n: [] for n in names}
    load = os.getloadavg()[0]
    for i, number in enumerate(numbers):  # interleaved rounds
        for name, cmd in zip(names, (floor, add_args(gov, i), reply_args(gov, number)), strict=True):
            got[name].append(run(cmd, env))
    med = statistics.median
    res = {
        k: (med(w for w, _, _ in v), med(c for _, c, _ in v), med(m for _, _, m in v), max(m for _, _, m in v))
        for k, v in got.items()
    }
    (f, fc, fm, _), (t_add, c_add, m_add, _), (t_rep, c_rep, m_rep, _) = res.values()
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


def _report(title: str, got: dict[str, list[tuple[float, float, int]]], pairs: list[tuple[str, str]]) -> None:
    med = statistics.median
    print(title)
    print(f"  {'command':52s} {'wall':>8s} {'cpu':>8s} {'peak RSS':>9s}")
    for name, v in got.items():
        w, c, m = med(x for x, _, _ in v), med(x for _, x, _ in v), med(x for _, _, x in v)
        print(f"  {name:52s} {w * 1000:5.0f} ms {c * 1000:5.0f} ms {m / 1024:5.1f} MiB")
    for a, b in pairs:
        wa, wb = med(x for x, _, _ in got[a]), med(x for x, _, _ in got[b])
        ca, cb = med(x for _, x, _ in got[a]), med(x for _, x, _ in got[b])
        print(f"  {a} / {b}: wall {wa / wb:.2f}×, cpu {ca / cb:.2f}×")


def sqlite_against(rounds: int, other: Path, base: dict[str, str]) -> None:
    """This checkout's `request add` / `request reply` against DIR's, each on its own copy of
    the 100 000-case database, interleaved."""
    mine, theirs = str(BIN / "govinfo"), str(other / ".venv" / "bin" / "govinfo")
    dbs = {"this": OUT / "record100k.db", "against": OUT / "record100k-against.db"}
    for db in dbs.values():
        for suffix in ("", "-wal", "-shm"):
            (OUT / (db.name + suffix)).unlink(missing_ok=True)
        shutil.copyfile(DUE_DB, db)
    envs = {
        side: {**base, "GOVINFO_DB": str(db), "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
        for side, db in dbs.items()
    }
    govs = {"this": mine, "against": theirs}
    subprocess.run([mine, "db", "upgrade"], env=envs["this"], capture_output=True, check=True)
    numbers = {side: [added(add_args(govs[side], 1000 + i), envs[side]) for i in range(rounds)] for side in govs}
    got: dict[str, list[tuple[float, float, int]]] = {}
    load = os.getloadavg()[0]
    for i in range(rounds):
        for side in ("against", "this"):
            for what, cmd in (("add", add_args(govs[side], i)), ("reply", reply_args(govs[side], numbers[side][i]))):
                got.setdefault(f"SQLite {what} ({side})", []).append(run(cmd, envs[side]))
    _report(
        f"machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; {rounds} "
        f"interleaved rounds, medians; SQLite, copies of {DUE_DB.name}; against = {other}",
        got,
        [("SQLite add (this)", "SQLite add (against)"), ("SQLite reply (this)", "SQLite reply (against)")],
    )


def postgresql(rounds: int, url: str, other: Path | None, prefix: str, base: dict[str, str]) -> None:
    """The same commands on PostgreSQL: each side's own database (a 3 000-request register
    imported), as the owner; this checkout also as a clerk's login."""
    import sqlalchemy as sa

    tag = prefix + secrets.token_hex(4)
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    sides = {"this": str(BIN / "govinfo")}
    if other is not None:
        sides["against"] = str(other / ".venv" / "bin" / "govinfo")
    names = {side: f"{tag}_{side}" for side in sides}
    clerk = f"{tag}_clerk"
    csv = register(OUT / "record-pg.csv", 3000)

    def at(name: str, user: str | None = None) -> str:
        u = sa.engine.make_url(url).set(database=name)
        return (u.set(username=user) if user else u).render_as_string(hide_password=False)

    try:
        with admin.connect() as conn:
            for name in names.values():
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
        envs = {}
        for side, gov in sides.items():
            env = {**base, "GOVINFO_DB": at(names[side]), "GOVINFO_TODAY": TODAY.isoformat()}
            env["GOVINFO_USER"] = "基准测试"
            for cmd in (["db", "init"], ["import", "requests", str(csv)]):
                subprocess.run([gov, *cmd], env=env, capture_output=True, check=True)
            envs[f"{side}, owner"] = (gov, env)
        subprocess.run(
            [sides["this"], "db", "grant", clerk, "clerk", "--no-password"],
            env=envs["this, owner"][1],
            capture_output=True,
            check=True,
        )
        env = {k: v for k, v in envs["this, owner"][1].items() if k != "GOVINFO_USER"}
        envs["this, clerk"] = (sides["this"], {**env, "GOVINFO_DB": at(names["this"], clerk)})
        numbers = {k: [added(add_args(gov, 1000 + i), env) for i in range(rounds)] for k, (gov, env) in envs.items()}
        got: dict[str, list[tuple[float, float, int]]] = {}
        load = os.getloadavg()[0]
        for i in range(rounds):
            for key, (gov, env) in envs.items():
                got.setdefault(f"PostgreSQL add ({key})", []).append(run(add_args(gov, 2000 + i), env))
                got.setdefault(f"PostgreSQL reply ({key})", []).append(run(reply_args(gov, numbers[key][i]), env))
        pairs = [("PostgreSQL add (this, clerk)", "PostgreSQL add (this, owner)")]
        pairs += [("PostgreSQL reply (this, clerk)", "PostgreSQL reply (this, owner)")]
        if other is not None:
            for what in ("add", "reply"):
                pairs += [(f"PostgreSQL {what} (this, owner)", f"PostgreSQL {what} (against, owner)")]
                pairs += [(f"PostgreSQL {what} (this, clerk)", f"PostgreSQL {what} (against, owner)")]
        _report(
            f"machine: {machine()}; load average before/after: {load:.2f}/{os.getloadavg()[0]:.2f}; {rounds} "
            f"interleaved rounds, medians; PostgreSQL {url.split('@')[-1]}, a 3 000-request register each",
            got,
            pairs,
        )
    finally:
        with admin.connect() as conn:
            for name in names.values():
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": clerk}).first():
                conn.exec_driver_sql(f"DROP ROLE {clerk}")
        admin.dispose()


if __name__ == "__main__":
    main()
