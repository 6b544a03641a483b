"""Recording one event on the 100 000-case database, side by side with its floor (issue 17,
item 5), in one run; with ``--against DIR``, beside another checkout's code as well.

    python bench/bench_record.py [ROUNDS]                 # default 11 interleaved rounds, median
    python bench/bench_record.py [ROUNDS] --against DIR   # and DIR's govinfo (DIR/.venv), same rounds

* `govinfo request add …` (a new request, its number generated from the office's pattern;
  the case, its event, chain link, deadline cache and audit written in one transaction)
  against the floor `python -c "import typer, sqlmodel"`: goal ≤ 1.3× wall time;
* `govinfo request reply CASE …` (an event appended to a case that exists: the case's log
  loaded and replayed) against the same floor.

The database is a copy of bench_due.py's (bench/out/due100k-core.db, built by that script
when missing), so every round records into a 100 000-case office. ``--against DIR`` runs
DIR's govinfo on a second copy of the same database: DIR's own ``.venv/bin/govinfo`` if it
has one, else this checkout's ``govinfo`` script with ``PYTHONPATH=DIR`` (a tree of another
commit, e.g. ``git archive COMMIT | tar -x -C DIR``: the same interpreter and packages). The
copy is taken back, by this checkout's migrations, to the newest revision whose migration
file is the same in both trees; DIR's govinfo migrates it further itself (untimed, before
the rounds). Nothing is written inside DIR. Each round runs the floor, then both sides'
``request add``, then both sides' ``request reply``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench_due import DB as DUE_DB
from bench_due import run
from common import BIN, OUT, PY, ROOT, TODAY, machine

DB = OUT / "record100k.db"
AGAINST_DB = OUT / "record100k-against.db"


def _fresh_copy(dest: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dest}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(DUE_DB, dest)


def _common_revision(other: Path) -> str:
    """The newest migration whose file is byte for byte the same in this tree and ``other``."""
    mine = sorted((ROOT / "migrations" / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"), reverse=True)
    for f in mine:
        theirs = other / "migrations" / "versions" / f.name
        if theirs.exists() and theirs.read_bytes() == f.read_bytes():
            return f.name[:4]
    raise SystemExit(f"{other} shares no migration with this checkout")


def _to_revision(path: Path, revision: str) -> None:
    """Take a copy of the database back to ``revision`` with this checkout's migrations."""
    from alembic import command

    from govinfo_cli.store import db

    engine = db.make_engine(f"sqlite:///{path}", migrate=False)
    if db.current_revision(engine) != revision:
        command.downgrade(db.alembic_config(engine), revision)
    engine.dispose()


def _add(gov: str, i: int) -> list[str]:  # a different applicant each time: no 重复申请 warning
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


def _open_cases(gov: str, env: dict[str, str], rounds: int) -> list[str]:
    """One open case per round to reply to (added untimed)."""
    numbers = []
    for i in range(rounds):
        out = subprocess.run(_add(gov, 1000 + i), env=env, capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
        numbers.append(out.stdout.split("：", 1)[1].split("（", 1)[0].strip())
    return numbers


def main() -> None:
    args = [a for a in sys.argv[1:]]
    against: Path | None = None
    if "--against" in args:
        i = args.index("--against")
        against = Path(args[i + 1]).resolve()
        del args[i : i + 2]
    rounds = int(args[0]) if args else 11
    if not DUE_DB.exists():
        subprocess.run([PY, str(ROOT / "bench" / "bench_due.py"), "1"], check=True)
    _fresh_copy(DB)
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "govinfo_cli")], check=True)
    gov = str(BIN / "govinfo")
    base_env = {**os.environ, "GOVINFO_TODAY": TODAY.isoformat(), "GOVINFO_USER": "基准测试"}
    env = {**base_env, "GOVINFO_DB": str(DB)}
    sides = {"": (gov, env)}
    if against is not None:
        venv = against / ".venv" / "bin" / "govinfo"
        other_env = {**base_env, "GOVINFO_DB": str(AGAINST_DB)}
        if not venv.exists():  # a plain tree: byte-compiled as this one is (never inside another's checkout)
            other_env["PYTHONPATH"] = str(against)
            subprocess.run([PY, "-m", "compileall", "-q", str(against / "govinfo_cli")], check=True)
        _fresh_copy(AGAINST_DB)
        _to_revision(AGAINST_DB, _common_revision(against))
        sides[" (--against)"] = (str(venv) if venv.exists() else gov, other_env)
    numbers = {tag: _open_cases(g, e, rounds) for tag, (g, e) in sides.items()}
    floor = [PY, "-c", "import typer, sqlmodel"]
    got: dict[str, list[tuple[float, float, int]]] = {"floor: python -c 'import typer, sqlmodel'": []}
    load = os.getloadavg()[0]
    for i in range(rounds):  # interleaved rounds
        cmds = {"floor: python -c 'import typer, sqlmodel'": (floor, env)}
        for tag, (g, e) in sides.items():
            cmds[f"govinfo request add{tag}"] = (_add(g, i), e)
        for tag, (g, e) in sides.items():
            reply = [g, "request", "reply", numbers[tag][i], "--outcome", "予以公开", "--date", TODAY.isoformat()]
            cmds[f"govinfo request reply{tag}"] = (reply, e)
        for name, (cmd, e) in cmds.items():
            got.setdefault(name, []).append(run(cmd, e))
    med = statistics.median
    res = {
        k: (med(w for w, _, _ in v), med(c for _, c, _ in v), med(m for _, _, m in v), max(m for _, _, m in v))
        for k, v in got.items()
    }
    f, fc, fm, _ = res["floor: python -c 'import typer, sqlmodel'"]
    t_add, c_add, m_add, _ = res["govinfo request add"]
    t_rep, c_rep, m_rep, _ = res["govinfo request reply"]
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
    if against is not None:
        print(f"--against {against} (its copy at the newest migration both trees share, then migrated by it):")
        for what in ("add", "reply"):
            t, c, _, _ = res[f"govinfo request {what}"]
            to, co, _, _ = res[f"govinfo request {what} (--against)"]
            print(f"  request {what:5s} this / against: wall {t / to:.2f}×, cpu {c / co:.2f}×")


if __name__ == "__main__":
    main()
