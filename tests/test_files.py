"""Output files (--out, --ics) are written atomically, and only a regular file is replaced
by a rename: a device or FIFO is written through in place (as root, a rename onto
/dev/null would put a regular file where the device was), a symbolic link stays a link."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

from govinfo_cli.app.files import atomic_write_text


def test_a_fifo_target_is_written_through_and_stays_a_fifo(tmp_path: Path, fresh_db: None) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write_text(fifo, "编号,收到日期\n")
    reader.join(timeout=10)
    assert got == ["编号,收到日期\n".encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left beside it


def test_a_symlink_target_keeps_being_a_link_to_the_new_content(tmp_path: Path) -> None:
    real = tmp_path / "登记簿-真实.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "登记簿.csv"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_export_to_a_fifo_through_the_cli_leaves_the_fifo_in_place(cli, tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = cli("export", "requests", "--out", str(fifo))
    reader.join(timeout=10)
    assert r.exit_code == 0, r.stderr
    assert got and got[0].decode("utf-8-sig").startswith("编号,收到日期")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
