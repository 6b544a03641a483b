"""Names for the store's SQLAlchemy types, for the type checker (mypy, in .ci/run).

SQLAlchemy's rows and selects are generic over their columns; the store's queries return
rows of any columns, read by attribute, so they are typed as ``Row`` and ``Select`` here.
"""

from __future__ import annotations

from typing import Any, TypeAlias

import sqlalchemy as sa

# Strings: only the type checker reads them (no subscripting of SQLAlchemy classes at run time).
Row: TypeAlias = "sa.Row[*tuple[Any, ...]]"  # a result row, any columns
Select: TypeAlias = "sa.Select[*tuple[Any, ...]]"  # a SELECT, any columns
