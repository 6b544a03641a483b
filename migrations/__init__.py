"""Alembic migrations, shipped inside the package as ``govinfo_cli.migrations``."""
