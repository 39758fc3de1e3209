"""Many figures at once: a split by commission, by month or by a category agrees with asking one figure at a
time, and a page costs the same number of queries for three commissions as for thirty-one."""

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.activities.models import StudySession
from fazhi.core.choices import OrgKind, RegionLevel
from fazhi.core.models import Org, refresh_belongs_to
from fazhi.enforcement.models import Inspection
from fazhi.indicators import registry
from fazhi.indicators.registry import Period, commissions_of, month_period, value, values

from ..conftest import TODAY, login

pytestmark = pytest.mark.django_db

YEAR = TODAY.year
CITY = "990100"


def city_region():
    return Org.objects.get(code=CITY)


def add_counties(how_many: int) -> list[Org]:
    """More counties under the demo city, each a commission with a department, a study session and a copy
    of one of the demo's inspections: enough that a split by commission has something in every part."""
    city = city_region()
    inspection = Inspection.objects.filter(date__year=YEAR).select_related("entity").first()
    added = []
    for n in range(how_many):
        region = Org.objects.create(kind=OrgKind.REGION, level=RegionLevel.COUNTY, name=f"新设{n}县",
                                    code=f"9901{60 + n}", parent=city)
        commission = Org.objects.create(kind=OrgKind.COMMISSION, name=f"新设{n}县卫生健康局",
                                        code=f"9901{60 + n}.wjw", parent=region)
        department = Org.objects.create(kind=OrgKind.DEPARTMENT, name="政策法规股", code=f"9901{60 + n}.wjw.zcfg",
                                        parent=commission)
        StudySession.objects.create(org=department, date=dt.date(YEAR, 1 + n % 10, 5), title="集中学法",
                                    kind="staff", participants=10 + n)
        entity = inspection.entity
        entity.pk, entity.id, entity.org = None, None, commission
        entity.name, entity.credit_code, entity.public_id = f"新设{n}县某诊所", "", uuid.uuid4()
        entity.save()
        copy = Inspection.objects.get(pk=inspection.pk)
        copy.pk, copy.id, copy.org, copy.entity = None, None, commission, entity
        copy.date, copy.opinion_no = dt.date(YEAR, 2 + n % 9, 10), ""
        if hasattr(copy, "public_id"):
            copy.public_id = uuid.uuid4()
        copy.save()
        added.append(commission)
    return added


def close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return abs(Decimal(str(a)) - Decimal(str(b))) < Decimal("0.05")


def test_every_figure_split_by_commission_agrees_with_each_commission_asked_alone():
    add_counties(3)
    city, period = city_region(), Period.year(YEAR)
    codes = [item.code for item in registry.all_indicators()]
    split = values(codes, city, period, by="org")
    commissions = commissions_of(city)
    assert len(commissions) == 6
    for code in codes:
        for commission in commissions:
            alone = value(code, commission, period)
            assert close(split[code][commission], alone), (code, commission.name, split[code][commission], alone)


def test_every_figure_split_by_month_agrees_with_each_month_asked_alone(county):
    codes = [item.code for item in registry.all_indicators()]
    split = values(codes, county, Period.year(YEAR - 1), by="month")
    for month in (1, 6, 12):
        alone = values(codes, county, month_period(YEAR - 1, month))
        for code in codes:
            assert close(split[code][month], alone[code]), (code, month, split[code][month], alone[code])


def test_a_count_split_by_category_adds_up_to_its_total(county):
    period = Period.year(YEAR - 1)
    split = values(["enforcement.inspections"], county, period, by="entity__category")["enforcement.inspections"]
    assert len(split) > 1
    assert sum(split.values()) == value("enforcement.inspections", county, period)
    by_hand = Inspection.objects.filter(org__path__startswith=county.path, date__year=YEAR - 1,
                                        entity__category="public_place").count()
    assert split["public_place"] == by_hand


def test_the_new_counties_own_records_are_counted_in_their_own_part():
    added = add_counties(2)
    split = values(["study.sessions", "study.person_times", "enforcement.inspections"], city_region(),
                   Period.year(YEAR), by="org")
    assert [split["study.sessions"][c] for c in added] == [1, 1]
    assert [split["study.person_times"][c] for c in added] == [10, 11]
    assert [split["enforcement.inspections"][c] for c in added] == [1, 1]


def test_each_org_knows_its_commission_and_keeps_it_when_moved(county, other_county):
    unit = Org.objects.filter(path__startswith=county.path, kind=OrgKind.UNIT).first()
    assert unit.belongs_to == county and unit.commission() == county
    other = other_county
    unit.parent = other
    unit.save()
    unit.refresh_from_db()
    assert unit.belongs_to == other
    Org.objects.filter(pk=unit.pk).update(belongs_to=None)
    assert refresh_belongs_to() == 1
    unit.refresh_from_db()
    assert unit.belongs_to == other


def test_the_ancestors_are_read_in_one_query(county):
    unit = Org.objects.filter(path__startswith=county.path, kind=OrgKind.UNIT).first()
    with CaptureQueriesContext(connection) as queries:
        above = unit.ancestors()
        region = unit.region()
    assert [org.kind for org in above][-1] == OrgKind.COMMISSION
    assert region.kind == OrgKind.REGION and region.pk == county.parent_id
    assert len(queries) == 2  # one for the ancestors, one more for the region's own call


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


PAGES = ["/", f"/?year={YEAR - 1}", "/indicators/", "/enforcement/",
         "/reports/figure/?code=enforcement.inspections&org={city}",
         "/reports/figure/?code=study.sessions&org={city}"]


@pytest.mark.parametrize("username", ["shi_lingdao", "shi_fazhi"])
def test_pages_cost_the_same_queries_for_three_commissions_as_for_thirty_one(username):
    city = city_region()
    client = login(username)
    urls = [url.format(city=city.pk) for url in PAGES]
    for url in urls:  # warm the caches a first visit fills (sessions, content types)
        queries_for(client, url)
    before = [queries_for(client, url) for url in urls]
    add_counties(28)
    assert len(commissions_of(city)) == 31
    after = [queries_for(client, url) for url in urls]
    assert after == before, list(zip(urls, before, after, strict=True))


def test_figures_over_the_same_rows_take_one_query_for_every_commission():
    add_counties(5)
    city = city_region()
    commissions = commissions_of(city)
    with CaptureQueriesContext(connection) as queries:
        split = values(["study.sessions", "study.central_group", "study.person_times"], city, Period.year(YEAR),
                       by="org", among=commissions)
    assert len(queries) == 1
    assert "GROUP BY" in queries[0]["sql"]
    assert len(split["study.sessions"]) == len(commissions) == 8
