"""The office's disclosure catalogue (公开目录, seed 002): its recurring duties."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.app.textfile import open_text
from govinfo_cli.core.errors import ImportErrors
from govinfo_cli.store import db
from govinfo_cli.store.models import CatalogueItem

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context

items_t = CatalogueItem.__table__
# column in the file (seed 002's headings) -> field
COLUMNS = {"一级": "level1", "二级": "level2", "三级": "item", "公开事项": "item",
           "公开内容": "content", "公开时限": "time_limit", "公开渠道": "channel",
           "公开依据": "basis", "具体条款": "clause", "公开方式": "manner", "公开责任": "responsible"}
REQUIRED = ("公开内容", "公开时限")


def read(path: Path, encoding: str | None = None) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    problems: list[str] = []
    with open_text(path, encoding) as fh:
        reader = csv.reader(fh)
        header = [h.strip() for h in next(reader, [])]
        missing = [h for h in REQUIRED if h not in header]
        if missing:
            raise ImportErrors([f"{path}:1: 缺少列 {'、'.join(missing)}"])
        for lineno, rec in enumerate(reader, start=2):
            if not "".join(rec).strip():
                continue
            row = {COLUMNS[h]: (rec[i].strip() if i < len(rec) else "")
                   for i, h in enumerate(header) if h in COLUMNS}
            for h in REQUIRED:
                if not row.get(COLUMNS[h]):
                    problems.append(f"{path}:{lineno}: column {h}: 不能为空")
            rows.append(row)
    if problems:
        raise ImportErrors(problems)
    return rows


def import_catalogue(ctx: Context, path: Path, encoding: str | None = None) -> dict[str, int]:
    """Replace the catalogue with the file's rows (all or nothing)."""
    rows = read(path, encoding)
    with db.transaction(ctx.engine) as conn:
        before = conn.execute(sa.select(sa.func.count()).select_from(items_t)).scalar() or 0
        conn.execute(sa.delete(items_t))
        now = ctx.now()
        if rows:
            conn.execute(sa.insert(items_t), [
                {**{f: "" for f in set(COLUMNS.values())}, **r, "imported_at": now} for r in rows
            ])
    return {"imported": len(rows), "replaced": before}


def items(ctx: Context) -> list[dict[str, Any]]:
    with ctx.engine.connect() as conn:
        return [
            {k: v for k, v in r._mapping.items() if k != "imported_at"}
            for r in conn.execute(sa.select(items_t).order_by(items_t.c.id))
        ]
