"""The planner's statistics are refreshed after bulk writes: on PostgreSQL, ANALYZE leaves its mark."""

import pytest
from django.db import connection

from fazhi.core.statistics import refresh_statistics
from fazhi.enforcement.models import Inspection

pytestmark = pytest.mark.django_db


def analysed(table: str):
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statistics")
def test_analyze_refreshes_the_statistics_of_the_tables_named():
    table = Inspection._meta.db_table
    before = analysed(table)
    refresh_statistics(Inspection)
    after = analysed(table)
    assert after is not None and (before is None or after >= before)


def test_refreshing_runs_on_either_engine():
    refresh_statistics()  # SQLite: PRAGMA optimize; raises nothing on a database in use
    assert Inspection.objects.exists()
