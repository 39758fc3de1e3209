"""The benchmark's hand-written SQL counts the same figures as the registry, on the demo's records."""

import pytest

from fazhi.indicators.registry import Period, values
from fazhi.reports import bench

pytestmark = pytest.mark.django_db


def test_the_hand_written_sql_and_the_registry_agree_figure_by_figure():
    from fazhi.core.models import Org

    region = Org.objects.get(code="990100")
    period = Period.year(bench.YEAR)
    hand = bench._hand_sql(region, period)
    assert hand["enforcement.inspections"] > 0 and hand["cases.penalties"] > 0
    mine = values(bench.HAND_CODES, region, period)
    assert {code: float(mine[code]) for code in bench.HAND_CODES} == {code: float(v) for code, v in hand.items()}
    assert "比值" in bench.report_figures_against_hand_sql()
