"""The enforcement hub and home panel as a county and a city see them: the year's figures from the
records, each commission beside the city's total, and what needs attention."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.indicators.registry import Period, value
from tests.conftest import login

from .factories import make_officer

pytestmark = pytest.mark.django_db


def figure_in(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{testid}">([^<]*)<', html)
    assert match, testid
    return match.group(1).strip()


def test_the_city_sees_each_commission_beside_the_total(city_leader):
    year = timezone.localdate().year
    html = login(city_leader.username).get(f"/enforcement/?year={year}").content.decode()
    assert 'data-testid="breakdown"' in html
    for name in ("示例市卫生健康委员会", "示例县卫生健康局", "示例区卫生健康局"):
        assert name in html
    city = Org.objects.get(code="990100")
    total = value("enforcement.inspections", city, Period.year(year))
    assert total > 0
    assert figure_in(html, "total-enforcement.inspections") == f"{total:,}"
    parts = sum(value("enforcement.inspections", Org.objects.get(code=code), Period.year(year))
                for code in ("990100.wjw", "990121.wjw", "990102.wjw"))
    assert parts == total  # the total is the region's, and the commissions make it up


def test_a_county_sees_its_own_figures_and_no_breakdown(county_admin, county):
    year = timezone.localdate().year
    html = login(county_admin.username).get(f"/enforcement/?year={year}").content.decode()
    assert 'data-testid="breakdown"' not in html and "示例区" not in html
    fines = value("cases.fines", county, Period.year(year))
    assert figure_in(html, "figure-cases.fines").startswith(f"{fines.normalize():,f}")


def test_a_certificate_running_out_shows_in_attention_and_on_the_home_page(county_admin):
    client = login(county_admin.username)

    def expiring_count(html):
        block = html.split("执法证件即将到期", 1)[1]
        return int(re.search(r'data-testid="attention-count">(\d+)<', block).group(1))

    before = expiring_count(client.get("/enforcement/").content.decode())
    make_officer("990121.wjw.wsjds", "将到期者", valid_until=timezone.localdate() + dt.timedelta(days=3))
    assert expiring_count(client.get("/enforcement/").content.decode()) == before + 1
    home = client.get("/").content.decode()
    assert 'data-testid="home-enforcement"' in home and "执法证件即将到期" in home


def test_a_year_with_no_records_shows_dashes_not_zeros_for_rates(county_admin):
    html = login(county_admin.username).get("/enforcement/?year=2001").content.decode()
    assert figure_in(html, "figure-enforcement.coverage") == "—"
    assert figure_in(html, "figure-enforcement.inspections") == "0"
