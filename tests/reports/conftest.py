import pytest

from fazhi.reports import services
from fazhi.reports.models import AnnualReport

YEAR = 2025


def fresh_report(org, actor, year=YEAR, **settings):
    """A new draft for (org, year) in place of the demo's report of that year."""
    AnnualReport.all_objects.filter(org=org, year=year).delete()
    return services.report_create(org=org, year=year, actor=actor, **settings)


@pytest.fixture
def report(county, county_admin):
    return fresh_report(county, county_admin)
