"""Many clerks at once (issue 9): P processes each record N events through the real
command line, all at the same moment, on overlapping cases, against one database.

    python bench/stress.py                      # SQLite (a file in bench/out)
    python bench/stress.py --pg URL             # and PostgreSQL (a server URL; a database
                                                #   is created for the run and dropped after)
    python bench/stress.py --procs 8 --events 200
    python bench/stress.py --pg URL --logins    # also: each clerk its own login with the
                                                #   clerk's role (issue 24, item 5)

Each worker is its own Python process running govinfo's Typer app in-process, one
invocation per event, as a clerk's terminal would, with its own operator name:
- four events in five: `disclosure changed` on one of six shared items (公开-S0 … S5),
  each with its own title, so every item is written by every worker, interleaved (events
  of a case must be in date order, so they all carry today's date; the item's cached
  title must then be the title of its last event by sequence number);
- one in five: `request add` with no number, so case numbers are generated concurrently.

Afterwards (``check``): 0 events lost, 0 duplicate or missing sequence numbers, case
numbers 1…R with no gap and no twin, 0 non-zero exits, 0 lines on stderr, every case's
cached row and deadlines equal to a fresh replay of its events.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-11-20"
SHARED = 6


def _id_number(k: int) -> str:
    """A valid 居民身份证号码, one per applicant (a request without one draws the fee-count
    warning on stderr, RULES.md §14)."""
    import datetime as dt

    from govinfo_cli.core.personal import id_check_digit

    first17 = f"110101{dt.date(1960, 1, 1) + dt.timedelta(days=k):%Y%m%d}{k % 1000:03d}"
    return first17 + id_check_digit(first17)


def _commands(wid: int, n: int, seed: int) -> list[list[str]]:
    rnd = random.Random(seed * 1000 + wid)
    out = []
    for i in range(n):
        if i % 5 == 0:
            out.append(
                [
                    "request",
                    "add",
                    "--channel",
                    "online",
                    "--applicant",
                    f"申请人{wid}-{i}",
                    "--type",
                    "natural_person",
                    "--subject",
                    f"压力测试{wid}-{i}",
                    "--id-number",
                    _id_number(wid * n + i),
                ]
            )
            continue
        k = rnd.randrange(SHARED)
        out.append(["disclosure", "changed", "--case", f"公开-S{k}", "--title", f"事项{k}（{wid}-{i}）"])
    return out


def worker(url: str, wid: int, n: int, seed: int, start_at: float, login: bool = False) -> dict:
    """One clerk: N commands, back to back. Returns exit codes and anything on stderr.
    ``login``: the URL is the clerk's own login, which is the operator (no GOVINFO_USER)."""
    os.environ.update(GOVINFO_DB=url, GOVINFO_TODAY=TODAY, GOVINFO_USER=f"科员{wid}")
    if login:
        del os.environ["GOVINFO_USER"]
    from typer.testing import CliRunner

    import govinfo_cli.app.record  # noqa: F401  (import before the start, not during)
    import govinfo_cli.cli.disclosures  # noqa: F401
    import govinfo_cli.cli.requests  # noqa: F401
    from govinfo_cli.cli import app

    runner = CliRunner()
    cmds = _commands(wid, n, seed)
    time.sleep(max(0.0, start_at - time.time()))
    failures: list[dict] = []
    numbers: list[str] = []
    t0 = time.perf_counter()
    for args in cmds:
        r = runner.invoke(app, args, catch_exceptions=True)
        if r.exit_code != 0 or r.stderr.strip():
            failures.append(
                {
                    "args": args,
                    "exit": r.exit_code,
                    "stderr": r.stderr.strip()[:300],
                    "exception": repr(r.exception) if r.exception else None,
                }
            )
        elif args[:2] == ["request", "add"]:
            numbers.append(r.stdout.split("：", 1)[1].split("（", 1)[0].strip())
    return {
        "worker": wid,
        "commands": len(cmds),
        "failures": failures,
        "numbers": numbers,
        "seconds": time.perf_counter() - t0,
    }


def run(url: str, procs: int = 8, events: int = 200, seed: int = 1, logins: list[str] | None = None) -> dict:
    """Start the workers together, wait for them, then check the database. ``logins``: each
    worker connects as its own login (PostgreSQL; given the clerk's role beforehand)."""
    import sqlalchemy as sa

    from govinfo_cli.store.db import make_engine

    make_engine(url).dispose()  # created and migrated before the clerks start

    def url_of(w: int) -> str:
        if not logins:
            return url
        return sa.engine.make_url(url).set(username=logins[w]).render_as_string(hide_password=False)

    start_at = time.time() + 2.5  # after every worker has imported govinfo
    children = [
        subprocess.Popen(
            [
                sys.executable,
                str(__file__),
                "--worker",
                str(w),
                "--url",
                url_of(w),
                *(["--login"] if logins else []),
                "--events",
                str(events),
                "--seed",
                str(seed),
                "--start-at",
                repr(start_at),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for w in range(procs)
    ]
    results, crashes = [], []
    for c in children:
        out, err = c.communicate()
        if c.returncode != 0:
            crashes.append(err[-2000:])
        else:
            results.append(json.loads(out.strip().splitlines()[-1]))
    report = check(url, procs, events)
    report.update(
        crashed_workers=crashes,
        user_errors=[f for r in results for f in r["failures"]],
        seconds=max((r["seconds"] for r in results), default=0.0),
        handed_numbers=[n for r in results for n in r["numbers"]],
    )
    twins = [k for k, v in Counter(report["handed_numbers"]).items() if v > 1]
    report["numbers_handed_twice"] = twins
    return report


def consistency(url: str) -> dict:
    """The log and its caches, whatever happened: sequence numbers 1…n without twin or gap
    in every case, the cached event count, case row and deadlines equal to a fresh replay."""
    import sqlalchemy as sa

    from govinfo_cli.app.context import Context
    from govinfo_cli.app.recompute import stale_cases
    from govinfo_cli.store.cases import load_events
    from govinfo_cli.store.tables import cases_t, events_t

    ctx = Context(db=url, today_opt=TODAY)
    with ctx.engine.connect() as conn:
        total = conn.execute(sa.select(sa.func.count()).select_from(events_t)).scalar()
        dupes = conn.execute(
            sa.select(events_t.c.case_id, events_t.c.seq)
            .group_by(events_t.c.case_id, events_t.c.seq)
            .having(sa.func.count() > 1)
        ).all()
        gaps, count_wrong = [], []
        cases = conn.execute(sa.select(cases_t)).all()
        for case in cases:
            evs = load_events(conn, case.id)
            if [e.seq for e in evs] != list(range(1, len(evs) + 1)):
                gaps.append(case.number)
            if case.event_count != len(evs):
                count_wrong.append(case.number)
        stale = stale_cases(ctx, conn)
        numbers = [(c.kind, c.number) for c in cases]
        by_operator = dict(
            conn.execute(sa.select(events_t.c.operator, sa.func.count()).group_by(events_t.c.operator)).all()
        )
    ctx.engine.dispose()
    return {
        "cases": numbers,
        "events_stored": total,
        "duplicate_sequence_numbers": len(dupes),
        "cases_with_sequence_gaps": gaps,
        "cases_with_wrong_event_count": count_wrong,
        "cases_whose_cache_differs_from_replay": stale,
        "events_by_operator": by_operator,
    }


def consistent(report: dict) -> bool:
    return (
        report["duplicate_sequence_numbers"] == 0
        and not report["cases_with_sequence_gaps"]
        and not report["cases_with_wrong_event_count"]
        and not report["cases_whose_cache_differs_from_replay"]
    )


def check(url: str, procs: int, events: int) -> dict:
    """The database after the storm, compared with what the workers were asked to write."""
    import sqlalchemy as sa

    report = consistency(url)
    expected_requests = procs * len(range(0, events, 5))
    numbers = sorted(n for k, n in report.pop("cases") if k == "request")
    want = sorted(f"依申〔2026〕{k}号" for k in range(1, expected_requests + 1))
    report.update(
        {
            "url": sa.engine.make_url(url).render_as_string(hide_password=True),
            "procs": procs,
            "events_each": events,
            "events_expected": procs * events,
            "events_lost": procs * events - report["events_stored"],
            "request_numbers_ok": numbers == want,
        }
    )
    return report


def ok(report: dict) -> bool:
    return (
        report["events_lost"] == 0
        and consistent(report)
        and report["request_numbers_ok"]
        and not report["user_errors"]
        and not report["crashed_workers"]
        and not report["numbers_handed_twice"]
        and report.get("operators_are_the_logins", True)
    )


def summary(name: str, report: dict) -> str:
    numbers_ok = report["request_numbers_ok"] and not report["numbers_handed_twice"]
    return (
        f"{name}: {report['procs']} processes × {report['events_each']} events in "
        f"{report['seconds']:.1f} s — stored {report['events_stored']}/{report['events_expected']}, "
        f"lost {report['events_lost']}, duplicate seq {report['duplicate_sequence_numbers']}, "
        f"user errors {len(report['user_errors'])}, stale caches "
        f"{len(report['cases_whose_cache_differs_from_replay'])}, request numbers "
        f"{'1…N without gap or twin' if numbers_ok else 'WRONG'} → {'OK' if ok(report) else 'FAILED'}"
    )


def with_logins(url: str, a: argparse.Namespace) -> dict:
    """The storm with each worker its own login (the clerk's role, created for the run by
    `govinfo db grant` as the owner, dropped afterwards): the database checks every event's
    operator and time (store.roles)."""
    import secrets

    import sqlalchemy as sa

    from govinfo_cli.store.db import make_engine

    tag = f"govinfo_stress_{secrets.token_hex(3)}"
    logins = [f"{tag}_{w}" for w in range(a.procs)]
    make_engine(url).dispose()
    env = {**os.environ, "GOVINFO_DB": url}
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        for name in logins:
            subprocess.run(
                [sys.executable, "-m", "govinfo_cli", "db", "grant", name, "clerk", "--no-password"],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        report = run(url, a.procs, a.events, a.seed, logins)
        report["operators_are_the_logins"] = set(report["events_by_operator"]) == set(logins)
        return report
    finally:
        with admin.connect() as conn:
            for name in logins:
                if conn.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first():
                    conn.exec_driver_sql(f"DROP OWNED BY {name}")
                    conn.exec_driver_sql(f"DROP ROLE {name}")
        admin.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--procs", type=int, default=8)
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg", help="PostgreSQL server URL (a database is created and dropped)")
    ap.add_argument("--logins", action="store_true", help="with --pg: also each clerk as its own login (clerk role)")
    ap.add_argument("--login", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    ap.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker is not None:
        print(json.dumps(worker(a.url, a.worker, a.events, a.seed, a.start_at, a.login), ensure_ascii=False))
        return 0
    sys.path.insert(0, str(ROOT))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)

    def sqlite_db(name: str) -> str:
        path = out / name
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"

    # Baseline, side by side: one clerk alone recording the same kind of events.
    runs = [
        ("SQLite", "1 clerk (baseline)", run(sqlite_db("stress1.db"), 1, a.events, a.seed)),
        ("SQLite", f"{a.procs} clerks at once", run(sqlite_db("stress.db"), a.procs, a.events, a.seed)),
    ]
    if a.pg:
        from tests import pg

        pg.SERVER = a.pg
        with pg.fresh_database() as url:
            runs.append(("PostgreSQL", "1 clerk (baseline)", run(url, 1, a.events, a.seed)))
        with pg.fresh_database() as url:
            runs.append(("PostgreSQL", f"{a.procs} clerks at once", run(url, a.procs, a.events, a.seed)))
        if a.logins:
            with pg.fresh_database() as url:
                runs.append(("PostgreSQL", f"{a.procs} clerks at once, own logins", with_logins(url, a)))
    failed = False
    print(
        "| backend | run | events | wall time | events/s | vs 1 clerk | lost | dup seq | user errors | stale caches |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    base: dict[str, float] = {}
    for backend, name, rep in runs:
        rate = rep["events_stored"] / rep["seconds"] if rep["seconds"] else 0.0
        base.setdefault(backend, rate)
        print(
            f"| {backend} | {name} | {rep['events_stored']}/{rep['events_expected']} | "
            f"{rep['seconds']:.1f} s | {rate:.0f} | {rate / base[backend]:.2f}× | {rep['events_lost']} | "
            f"{rep['duplicate_sequence_numbers']} | {len(rep['user_errors'])} | "
            f"{len(rep['cases_whose_cache_differs_from_replay'])} |"
        )
        for f in rep["user_errors"][:5] + rep["crashed_workers"][:2]:
            print("   ", f)
        failed |= not ok(rep)
    print("\n".join(summary(f"{b}, {n}", r) for b, n, r in runs))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
