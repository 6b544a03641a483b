"""The calendar as the office sees it: the package data, the office's calendar layers (its
region's and any local ones, docs/rules.md §13), and the database's overrides."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from govinfo_cli.core import fields
from govinfo_cli.core.calendar import Override, WorkCalendar, load_source
from govinfo_cli.store import calendar as stored
from govinfo_cli.store import db

if TYPE_CHECKING:
    from govinfo_cli.app.context import Context
    from govinfo_cli.core.calendar_layers import Layer

CALENDAR_FIRST_YEAR = fields.FIRST_YEAR  # no date before it is accepted anywhere (core.fields)
CALENDAR_YEARS_AHEAD = 5

# The regions whose layers ship with govinfo (govinfo_cli/layers/NAME.toml): name -> title
REGIONS: dict[str, str] = {
    "xinjiang": "新疆维吾尔自治区",
    "ningxia": "宁夏回族自治区",
    "guangxi": "广西壮族自治区",
    "tibet-lhasa": "拉萨市（西藏自治区）",
}
# what `config set calendar.region` also takes for them
REGION_ALIASES: dict[str, str] = {
    "新疆": "xinjiang",
    "新疆维吾尔自治区": "xinjiang",
    "宁夏": "ningxia",
    "宁夏回族自治区": "ningxia",
    "广西": "guangxi",
    "广西壮族自治区": "guangxi",
    "拉萨": "tibet-lhasa",
    "拉萨市": "tibet-lhasa",
    "lhasa": "tibet-lhasa",
    "无": "none",
}
REGION_KEY = stored.REGION_KEY
PROFILE_REGIONS = {"xinjiang": "xinjiang"}  # a rule profile's name -> the region it implies


@lru_cache(maxsize=8)
def _shipped_text(name: str) -> str:
    from importlib import resources

    return (resources.files("govinfo_cli.layers") / f"{name}.toml").read_text(encoding="utf-8")


@lru_cache(maxsize=8)
def shipped_layer(name: str) -> Layer:
    """A shipped region's layer (declared data, govinfo_cli/layers/NAME.toml)."""
    from govinfo_cli.core.calendar_layers import parse_layer

    return parse_layer(_shipped_text(name), f"govinfo_cli/layers/{name}.toml")


@lru_cache(maxsize=32)
def local_layer(text: str, source: str) -> Layer:
    from govinfo_cli.core.calendar_layers import parse_layer

    return parse_layer(text, source, local=True)


def region_of(conn: sa.Connection) -> tuple[str | None, str]:
    """The office's region and why: ('xinjiang', 'setting') when `calendar.region` names
    it, ('xinjiang', 'profile') when the Xinjiang rule profile implies it and the setting is
    not set, (None, 'setting') when the setting says none, (None, '') otherwise."""
    from govinfo_cli.store import settings

    raw = settings.get_raw(conn, REGION_KEY)
    if raw:
        return (None if raw == "none" else raw), "setting"
    profile = settings.get(conn, "profile", "national")
    if profile in PROFILE_REGIONS:
        return PROFILE_REGIONS[profile], "profile"
    if profile.endswith(".toml"):  # a user profile: its name (the Xinjiang measures' keys under another file)
        from govinfo_cli.app.profile import load_profile
        from govinfo_cli.core.errors import GovinfoError

        try:
            name = load_profile(profile).name
        except GovinfoError:
            return None, ""
        if name in PROFILE_REGIONS:
            return PROFILE_REGIONS[name], "profile"
    return None, ""


def local_layer_entries(conn: sa.Connection) -> list[dict[str, Any]]:
    """The office's imported local layers as stored: name, file, text, operator, at."""
    raw = stored.read_local_layers(conn)
    return json.loads(raw) if raw else []


def layer_confirmations(conn: sa.Connection) -> dict[str, dict[str, dict[str, str]]]:
    """The layer years the clerk confirmed (`calendar confirm YEAR --layer NAME`):
    name -> year -> {notice, operator, at}."""
    raw = stored.read_layer_confirmations(conn)
    return json.loads(raw) if raw else {}


def _with_confirmations(layer: Layer, confirmed: dict[str, dict[str, str]]) -> Layer:
    """``layer`` with the years the clerk confirmed after reading their notice: a year the
    layer carries keeps its days; a year it lacks is confirmed with none (the clerk enters
    any day the notice gives with `calendar add`)."""
    from dataclasses import replace

    from govinfo_cli.core.calendar_layers import LayerYear

    years = {y.year: y for y in layer.years}
    for key, c in confirmed.items():
        y = int(key)
        if y in years:
            years[y] = replace(years[y], confirmed=True, notice=c["notice"])
        else:
            years[y] = LayerYear(y, True, c["notice"], source=f"{c['operator']} 核对通知后确认（本年度无数据）")
    return replace(layer, years=tuple(sorted(years.values(), key=lambda y: y.year)))


def office_layers(conn: sa.Connection) -> tuple[Layer, ...]:
    """The layers the office counts on, in the order they apply: its region's, then its
    local layers by name (the clerk's overrides come after all of them); each with the years
    the clerk confirmed."""
    region, _ = region_of(conn)
    layers = [shipped_layer(region)] if region else []
    for e in sorted(local_layer_entries(conn), key=lambda e: e["name"]):
        layers.append(local_layer(e["text"], e["file"]))
    confirmations = layer_confirmations(conn)
    return tuple(_with_confirmations(x, confirmations[x.name]) if x.name in confirmations else x for x in layers)


def _layer_signature(conn: sa.Connection) -> str:
    """What the office's layers are, for the snapshot's stamp: the region and a digest of
    its shipped file and the local layers as stored (reads text, parses nothing)."""
    import hashlib

    region, _ = region_of(conn)
    h = hashlib.sha1(usedforsecurity=False)
    h.update((region or "none").encode())
    if region:
        h.update(_shipped_text(region).encode())
    h.update((stored.read_local_layers(conn) or "").encode())
    h.update((stored.read_layer_confirmations(conn) or "").encode())
    return f"{region or 'none'}:{h.hexdigest()[:16]}"


@lru_cache(maxsize=8)
def _build(
    first: int, last: int, overrides: tuple[Override, ...], confirmed: frozenset[int], layers: tuple[Layer, ...]
) -> WorkCalendar:
    return WorkCalendar.build(load_source(first, last, overrides, confirmed, layers))


def build_calendar(ctx: Context, conn: sa.Connection | None = None) -> WorkCalendar:
    """The office's calendar: the package data, the office's layers, the database's
    overrides and confirmations."""

    def read(c: sa.Connection) -> tuple[tuple[Override, ...], frozenset[int], tuple[Layer, ...]]:
        return stored.read_overrides(c), stored.read_confirmed(c), office_layers(c)

    if conn is None:
        with ctx.engine.connect() as c:
            overs, years, layers = read(c)
    else:
        overs, years, layers = read(conn)
    last = ctx.today.year + CALENDAR_YEARS_AHEAD
    if overs:
        last = max(last, overs[-1].day.year)
    return _build(CALENDAR_FIRST_YEAR, last, overs, years, layers)


def year_ranges(years: list[int]) -> str:
    """2019、2021–2023 (for screens)."""
    spans: list[list[int]] = []
    for y in sorted(years):
        if spans and spans[-1][1] == y - 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return "、".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def layer_years(layer: Layer, first: int, last: int) -> dict[str, list[int]]:
    """A layer's years in [first, last]: confirmed, unconfirmed, missing (years before its
    standing rule are none of them)."""
    out: dict[str, list[int]] = {"confirmed": [], "unconfirmed": [], "missing": []}
    for y in range(first, last + 1):
        s = layer.status(y)
        if s in out:
            out[s].append(y)
    return out


def status(ctx: Context) -> dict[str, Any]:
    with ctx.engine.connect() as conn:
        cal = build_calendar(ctx, conn)
        confirmed = [{"year": r.year, "notice": r.notice, "operator": r.operator} for r in stored.confirmed_rows(conn)]
        overrides = stored.count_overrides(conn)
        region, why = region_of(conn)
        national = stored.read_confirmed(conn)
    first, last = cal.first.year, cal.last.year
    package = WorkCalendar.build(load_source(first, last)).confirmed_years
    package_years = sorted(package)
    national_years = sorted(y for y in package | national if first <= y <= last)
    layers: list[dict[str, Any]] = [
        {
            "layer": "national",
            "title": "全国（国务院办公厅节假日安排）",
            "kind": "national",
            "confirmed": national_years,
            "unconfirmed": [y for y in range(first, last + 1) if y not in national_years],
            "missing": [],
        }
    ]
    for layer in cal.layers:
        layers.append(
            {
                "layer": layer.name,
                "title": layer.title,
                "kind": "local" if layer.local else "region",
                "basis": layer.basis,
                "since": layer.since,
                **layer_years(layer, first, last),
                "years": [
                    {
                        "year": y.year,
                        "confirmed": y.confirmed,
                        "notice": y.notice,
                        "number": y.number,
                        "published": y.published,
                        "source": y.source,
                    }
                    for y in layer.years
                ],
            }
        )
    return {
        "range": [first, last],
        "package_confirmed_through": max(package_years) if package_years else None,
        "confirmed_by_clerk": confirmed,
        "overrides": overrides,
        "unconfirmed": cal.unconfirmed_years(range(ctx.today.year, ctx.today.year + 2)),
        "region": {"name": region, "title": REGIONS.get(region or "", ""), "from": why or None},
        "layers": layers,
    }


# --------------------------------------------------------------------------
# The snapshot `due` reads: the working days as a bit string, stored in settings,
# so the morning check needs neither the holidays package nor a replay.
# --------------------------------------------------------------------------

SNAPSHOT_KEY = stored.SNAPSHOT_KEY


@lru_cache(maxsize=1)
def _holidays_version() -> str:
    """Read once per process: importlib.metadata parses the package's METADATA file on every call."""
    from importlib.metadata import version

    return version("holidays")


def _snapshot_stamp(conn: sa.Connection) -> str:
    """The holidays package's version and the office's layers: a snapshot with another
    stamp is stale (a package upgrade, a region or layer change made outside govinfo)."""
    return f"snapshot 2; holidays {_holidays_version()}; layers {_layer_signature(conn)}"


@lru_cache(maxsize=8)
def _from_bits(
    first: int, bits: str, confirmed: tuple[int, ...], waiting: tuple[tuple[int, tuple[tuple[str, str], ...]], ...]
) -> WorkCalendar:
    """The calendar a snapshot stores, parsed once per process (``waiting``: the layers that leave
    each unconfirmed year unconfirmed, as ``WorkCalendar.unconfirmed_by``)."""
    return WorkCalendar.from_bits(first, bits, confirmed, dict(waiting))


def save_snapshot(ctx: Context, conn: sa.Connection, cal: WorkCalendar) -> None:
    value = json.dumps(
        {
            "stamp": _snapshot_stamp(conn),
            "first": cal.first.year,
            "last": cal.last.year,
            "confirmed": sorted(cal.confirmed_years),
            "unconfirmed_by": {str(y): [list(n) for n in names] for y, names in cal.unconfirmed_by.items()},
            "bits": cal.to_bits(),
        }
    )
    stored.write_snapshot(conn, value)


def _current_snapshot(ctx: Context, conn: sa.Connection) -> WorkCalendar | None:
    raw = stored.read_snapshot(conn)
    if raw:
        try:
            snap = json.loads(raw)
            if snap.get("stamp") == _snapshot_stamp(conn) and snap["last"] >= ctx.today.year + 1:
                waiting = tuple(
                    (int(y), tuple((n, t) for n, t in names)) for y, names in snap.get("unconfirmed_by", {}).items()
                )
                return _from_bits(snap["first"], snap["bits"], tuple(snap["confirmed"]), waiting)
        except (ValueError, KeyError, TypeError, AttributeError, IndexError):
            return None  # a damaged snapshot is a cache: built afresh (and stored again)
    return None


def calendar_for_writing(ctx: Context, conn: sa.Connection) -> WorkCalendar:
    """The calendar for recording one event, inside its write transaction: the stored
    snapshot when it is current (the same working days as ``build_calendar``, without
    the holidays package), else a full build, stored for next time in the same transaction."""
    cal = _current_snapshot(ctx, conn)
    if cal is None:
        cal = build_calendar(ctx, conn)
        save_snapshot(ctx, conn, cal)
    return cal


def calendar_for_reading(ctx: Context, conn: sa.Connection) -> WorkCalendar:
    """The calendar for read-only commands: the stored snapshot when it is current,
    else a full build (which is then stored for next time)."""
    cal = _current_snapshot(ctx, conn)
    if cal is not None:
        return cal
    cal = build_calendar(ctx, conn)
    # several first commands at once store it together: a collision is retried like any write
    try:
        db.run_write(ctx.engine, lambda wconn: save_snapshot(ctx, wconn, cal))
    except sa.exc.DBAPIError as exc:
        if not db.is_refused(exc):
            raise
        # an auditor's login writes nothing (PostgreSQL): the next clerk's command stores it
    return cal
