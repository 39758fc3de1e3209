"""The query planner's statistics, refreshed after the bulk writes that change a table's size at once.

PostgreSQL plans from statistics that autovacuum refreshes only some time after a table has grown; right
after `fazhi demo`, a restore or a large import it would plan a city's report over tables it believes
empty (4.0 s instead of 0.6 s). SQLite's `PRAGMA optimize` analyses only the tables that need it.
"""

from __future__ import annotations

from django.db import connection

# An import smaller than this leaves the statistics to autovacuum.
BULK_ROWS = 1000


def refresh_statistics(*models) -> None:
    """ANALYZE the tables of `models` (every table when none is named)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
            cursor.execute(f"ANALYZE {tables}" if tables else "ANALYZE")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA optimize")


def after_import(model, rows: int) -> None:
    if model is not None and rows >= BULK_ROWS:
        refresh_statistics(model)
