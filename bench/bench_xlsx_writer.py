"""The register export's xlsx writer: govinfo's hand-written streaming writer
(formats/xlsx_writer.py) against XlsxWriter's constant-memory mode writing the same workbook (a
bold header, the column widths, real dates shown yyyy-mm-dd, numbers as numbers, every text
through the spreadsheet guard, never a formula), side by side in one run (issue 26, item 7).

    pip install xlsxwriter     # for this benchmark only
    python bench/bench_xlsx_writer.py [ROUNDS]

Each round runs `govinfo export requests --format xlsx` of bench_due.py's 100 000-case
database (bench/out/due100k-core.db) twice: as shipped, and with ``write_xlsx`` replaced by
``xlsxwriter_write`` below; and the CSV export as a baseline. Wall and CPU time are medians,
memory the largest peak RSS; both workbooks are read back by openpyxl and compared.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from common import BIN, OUT, PY, TODAY, machine, timed

HERE = Path(__file__).resolve().parent


def xlsxwriter_write(
    fh: IO[bytes], header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[int], sheet: str = "登记簿"
) -> int:
    """``formats.xlsx_writer.write_xlsx`` done by XlsxWriter in constant-memory mode."""
    import xlsxwriter

    from govinfo_cli.core.text import safe_cell

    wb = xlsxwriter.Workbook(
        fh,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    ws = wb.add_worksheet(sheet)
    bold, day = wb.add_format({"bold": True}), wb.add_format({"num_format": "yyyy-mm-dd"})
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    for i, h in enumerate(header):
        ws.write_string(0, i, safe_cell(h), bold)
    n = 0
    for n, row in enumerate(rows, start=1):
        for i, v in enumerate(row):
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                ws.write_boolean(n, i, v)
            elif isinstance(v, int | float):
                ws.write_number(n, i, v)
            elif isinstance(v, dt.date):
                ws.write_datetime(n, i, v, day)
            else:
                ws.write_string(n, i, safe_cell(str(v)))
    wb.close()
    return n


PATCHED = (
    "import sys; sys.path.insert(0, {here!r}); import bench_xlsx_writer as b; "
    "import govinfo_cli.formats.xlsx_writer as w; w.write_xlsx = b.xlsxwriter_write; "
    "from govinfo_cli.cli import main; sys.argv[0] = 'govinfo'; main()"
)


def cells(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    ws = load_workbook(path, read_only=True).active
    out = []
    for r in ws.iter_rows(values_only=True):
        r = list(r)
        while r and r[-1] is None:  # (a row's trailing empty cells: one writer lists them, one not)
            r.pop()
        out.append(tuple(r))
    return out


def main(rounds: int = 5) -> None:
    db = OUT / "due100k-core.db"
    if not db.exists():
        raise SystemExit("run bench/bench_due.py first (it builds bench/out/due100k-core.db)")
    gov = str(BIN / "govinfo")
    base = ["--db", str(db), "--today", TODAY.isoformat(), "export", "requests"]
    cmds = {
        "export requests CSV": [gov, *base, "--out", str(OUT / "w.csv")],
        "export requests xlsx (hand-written writer)": [gov, *base, "--out", str(OUT / "w-hand.xlsx")],
        "export requests xlsx (XlsxWriter, constant memory)": [
            PY,
            "-c",
            PATCHED.format(here=str(HERE)),
            *base,
            "--out",
            str(OUT / "w-xw.xlsx"),
        ],  # fmt: skip
    }
    subprocess.run(cmds["export requests CSV"], check=True, capture_output=True)  # warm-up (migrates once)
    load = os.getloadavg()[0]
    got: dict[str, list[tuple[float, float, int]]] = {k: [] for k in cmds}
    for _ in range(rounds):
        for name, cmd in cmds.items():
            got[name].append(timed(cmd))
    med = statistics.median
    print(f"machine: {machine()}; load average before/after {load:.1f}/{os.getloadavg()[0]:.1f}; {rounds} rounds")
    res = {}
    for name, runs in got.items():
        res[name] = (med(r[0] for r in runs), med(r[1] for r in runs), max(r[2] for r in runs))
        w, c, m = res[name]
        print(f"  {name:52s} wall {w:6.2f} s  cpu {c:6.2f} s  {m / 1024:6.1f} MiB")
    hand, xw = (
        res["export requests xlsx (hand-written writer)"],
        res["export requests xlsx (XlsxWriter, constant memory)"],
    )
    print(
        f"XlsxWriter / hand-written: wall {xw[0] / hand[0]:.2f}×, cpu {xw[1] / hand[1]:.2f}×, "
        f"memory {xw[2] / hand[2]:.2f}×"
    )
    size = {p: (OUT / p).stat().st_size for p in ("w-hand.xlsx", "w-xw.xlsx")}
    print(
        f"file sizes: hand-written {size['w-hand.xlsx'] / 2**20:.1f} MiB, "
        f"XlsxWriter {size['w-xw.xlsx'] / 2**20:.1f} MiB"
    )
    print(f"same cells read back: {cells(OUT / 'w-hand.xlsx') == cells(OUT / 'w-xw.xlsx')}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
