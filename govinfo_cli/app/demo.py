"""The demo: the sample year of a county medical-insurance bureau in a fresh database."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govinfo_cli.core.errors import Refusal, StorageError

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context


def sample_file(name: str) -> Path:
    """A file of sample_data/: shipped in the package, or the source tree's own."""
    try:
        path = Path(str(resources.files("govinfo_cli.sample_data") / name))
        if path.exists():
            return path
    except ModuleNotFoundError:
        pass
    path = Path(__file__).resolve().parents[2] / "sample_data" / name
    if not path.exists():
        raise StorageError(f"找不到示例数据 {name}")
    return path


def demo_path() -> Path:
    """The demo's own database: ``demo.db`` beside the default one in the user data
    directory (never the clerk's database), replaced by every ``govinfo demo`` without --db,
    so the commands it prints keep working and nothing is left in a temporary directory."""
    from govinfo_cli.store.db import default_path

    return default_path().with_name("demo.db")


def demo_context(ctx: Context, *, default_today: str) -> Context:
    """The demo's context: ``ctx`` with --today defaulting to the sample's day and --db to
    the demo's own database (``demo_path``)."""
    return ctx.with_defaults(db=None if ctx.db is not None else str(demo_path()), today=default_today)


def _replace_own(ctx: Context) -> None:
    """Start the demo's own database afresh (it holds nothing but a previous demo)."""
    from govinfo_cli.store.db import sqlite_path

    path = sqlite_path(ctx.url)
    if path is None or path.resolve() != demo_path().resolve():
        return
    for name in (path, *(path.with_name(path.name + end) for end in ("-wal", "-shm", "-journal"))):
        name.unlink(missing_ok=True)


def load(ctx: Context) -> dict[str, Any]:
    """Load the sample year into ``ctx``'s database (which must be empty, unless it is the
    demo's own, which is replaced); see ``demo_context``."""
    from govinfo_cli.app import catalogue
    from govinfo_cli.app.event_import import import_events
    from govinfo_cli.store.cases import count_rows
    from govinfo_cli.store.db import sqlite_path
    from govinfo_cli.store.tables import cases_t, events_t

    _replace_own(ctx)
    with ctx.engine.connect() as conn:
        if count_rows(conn, cases_t):
            raise Refusal("演示只能载入空数据库；请用 --db 指定一个新文件")
    with open(sample_file("events.jsonl"), encoding="utf-8") as fh:
        import_events(ctx, fh)
    catalogue.import_catalogue(ctx, sample_file("catalogue.csv"))
    configure_office(ctx)
    with ctx.engine.connect() as conn:
        n_cases = count_rows(conn, cases_t)
        n_events = count_rows(conn, events_t)
    path = sqlite_path(ctx.url)
    return {
        "path": str(path) if path else ctx.url,
        "cases": n_cases,
        "events": n_events,
        "today": ctx.today.isoformat(),
    }


# The sample bureau's office settings: enough to print every letter and the whole annual
# report of the sample year (invented address and phone).
DEMO_SETTINGS = {
    "agency.name": "昌宁县医疗保障局",
    "agency.office": "昌宁县医疗保障局办公室",
    "agency.address": "云南省保山市昌宁县田园镇示例路1号",
    "agency.phone": "0875-6120000",
    "agency.seal": "昌宁县医疗保障局（印章）",
    "agency.reconsideration_organ": "昌宁县人民政府",
    "agency.court": "昌宁县人民法院",
    # the bureau's own rules (《昌宁县医疗保障局政府信息与政务公开制度》), cited by complaint letters
    "complaint.rules_title": "昌宁县医疗保障局政府信息公开投诉举报处理制度",
    "fee.payment": "请持本通知到昌宁县医疗保障局办公室开具缴款书，"
    "通过云南省非税收入缴款渠道缴纳（执收单位：昌宁县医疗保障局）",
    "report.download": "昌宁县人民政府门户网站“政府信息公开”专栏",
    # the sample year's request numbers (sample_data/events.jsonl): `show 7` is 昌医保依申〔2026〕7号
    "case_number.pattern": "昌医保依申〔{year}〕{seq}号",
    **{
        f"letters.number.{k}": "昌医保" + p
        for k, p in {
            "receipt": "依申告〔{year}〕{seq}号",
            "correction": "依申告〔{year}〕{seq}号",
            "extension": "依申告〔{year}〕{seq}号",
            "fee": "依申告〔{year}〕{seq}号",
            "deferral": "依申告〔{year}〕{seq}号",
            "consultation": "依申征〔{year}〕{seq}号",
            "transfer": "依申转〔{year}〕{seq}号",
            "reply": "依申复〔{year}〕{seq}号",
            "acceptance": "投诉告〔{year}〕{seq}号",
            "complaint_transfer": "投诉告〔{year}〕{seq}号",
            "complaint_extension": "投诉告〔{year}〕{seq}号",
            "rejection": "投诉告〔{year}〕{seq}号",
            "result": "投诉告〔{year}〕{seq}号",
            "correction_receipt": "更正告〔{year}〕{seq}号",
            "correction_done": "更正告〔{year}〕{seq}号",
            "correction_transfer": "更正告〔{year}〕{seq}号",
            "correction_refusal": "更正告〔{year}〕{seq}号",
        }.items()
    },
}


def configure_office(ctx: Context) -> None:
    from govinfo_cli.app import settings

    values = dict(DEMO_SETTINGS)
    for n in ("1", "5", "6"):
        values[f"report.section{n}"] = str(sample_file(f"report_section{n}.md"))
    for key, value in values.items():
        settings.set_value(ctx, key, value)
