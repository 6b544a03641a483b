"""The suite on PostgreSQL: when GOVINFO_TEST_PG names a server (a SQLAlchemy URL whose
database is one the role may connect to, e.g. postgresql+psycopg://govinfo@127.0.0.1:54329/postgres),
every test gets a fresh database of its own, cloned from a template migrated once per run,
and dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

SERVER = os.environ.get("GOVINFO_TEST_PG", "").strip()
PREFIX = "govinfo_test_"


def _admin():  # noqa: ANN202 - sqlalchemy is imported lazily
    import sqlalchemy as sa

    return sa.create_engine(SERVER, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def url_of(name: str) -> str:
    import sqlalchemy as sa

    return sa.engine.make_url(SERVER).set(database=name).render_as_string(hide_password=False)


def create(template: str | None = None) -> str:
    """A new, empty (or template-cloned) database; returns its name."""
    name = PREFIX + secrets.token_hex(6)
    with _admin().connect() as conn:
        suffix = f" TEMPLATE {template}" if template else ""
        conn.exec_driver_sql(f"CREATE DATABASE {name}{suffix}")
    return name


def drop(name: str) -> None:
    with _admin().connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def disconnect(name: str) -> None:
    """End every session on database ``name`` (to use it as a template)."""
    with _admin().connect() as conn:
        conn.exec_driver_sql(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            (name,),
        )


def migrated_template() -> str:
    """A database at the current schema head, to clone for each test."""
    from govinfo_cli.store.db import make_engine

    name = create()
    engine = make_engine(url_of(name))
    engine.dispose()
    return name


@contextmanager
def fresh_database(template: str | None = None) -> Iterator[str]:
    """The URL of a database that exists for the duration of the block."""
    name = create(template)
    try:
        yield url_of(name)
    finally:
        drop(name)
