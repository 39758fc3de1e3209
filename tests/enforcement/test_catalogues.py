"""The catalogues a commission publishes beforehand (权责清单, 随机抽查事项清单, 两轻一免清单): the legal affairs
office keeps them, everyone else reads them, and an inspection offers the check items of its entity's kind."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Org
from fazhi.enforcement.models import CheckItem, LenientItem, Power
from fazhi.enforcement.selectors import check_items_for
from tests.conftest import login

from .factories import make_entity

pytestmark = pytest.mark.django_db
COMMISSION = "990121.wjw"


def test_the_legal_affairs_office_adds_corrects_and_removes_an_item(county_admin):
    client = login(county_admin.username)
    response = client.post("/enforcement/powers/add/", {"kind": "penalty", "name": "对游泳场所水质不合格的行政处罚",
                                                        "basis": "《公共场所卫生管理条例实施细则》第三十六条",
                                                        "sort_order": 20})
    power = Power.objects.get(name="对游泳场所水质不合格的行政处罚")
    assert response.status_code == 302 and power.org.code == COMMISSION and power.created_by == county_admin
    assert power.name in client.get("/enforcement/powers/").content.decode()
    client.post(f"/enforcement/powers/{power.pk}/edit/", {"kind": "penalty", "name": power.name, "sort_order": 1,
                                                          "basis": "《公共场所卫生管理条例实施细则》第三十六条第一款"})
    power.refresh_from_db()
    assert power.basis.endswith("第一款")
    client.post(f"/enforcement/powers/{power.pk}/delete/")
    assert not Power.objects.filter(pk=power.pk).exists() and Power.all_objects.get(pk=power.pk).deleted_by


def test_officers_reviewers_and_leaders_read_the_catalogues_but_do_not_change_them(county_leader):
    item = LenientItem.objects.filter(org__code=COMMISSION).first()
    for username in ("xian_zhifa", "xian_shenhe", county_leader.username):
        client = login(username)
        page = client.get("/enforcement/lenient-items/").content.decode()
        assert item.violation in page and f"/enforcement/lenient-items/{item.pk}/edit/" not in page, username
        assert client.get("/enforcement/lenient-items/add/").status_code == 403, username
        assert client.post(f"/enforcement/lenient-items/{item.pk}/delete/").status_code in (403, 404), username
    assert LenientItem.objects.filter(pk=item.pk).exists()


def test_a_unit_works_from_its_commissions_catalogues_and_never_a_neighbours():
    """An officer sees only his unit's records, yet reads the commission's lists he inspects by."""
    mine = CheckItem.objects.filter(org__code=COMMISSION, category="public_place").first()
    neighbour = CheckItem.objects.filter(org__code="990102.wjw", category="public_place").first()
    hotel = make_entity("990121.wjw.wsjds", category="public_place")
    offered = set(check_items_for(hotel))
    assert mine in offered and neighbour not in offered
    assert all(item.category == "public_place" for item in offered)
    page = login("xian_zhifa").get("/enforcement/check-items/?category=public_place").content.decode()
    assert mine.name in page and "示例区" not in page


def test_more_items_do_not_mean_more_queries(county_admin):
    client = login(county_admin.username)
    commission = Org.objects.get(code=COMMISSION)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/enforcement/powers/", "/enforcement/check-items/", "/enforcement/lenient-items/"]
    before = [count(url) for url in urls]
    for n in range(15):
        Power.objects.create(org=commission, kind="penalty", name=f"事项{n}", basis="依据")
        CheckItem.objects.create(org=commission, name=f"抽查{n}", category="school", content="内容", basis="依据")
        LenientItem.objects.create(org=commission, kind="minor", violation=f"违法行为{n}", basis="依据",
                                   conditions="条件")
    assert [count(url) for url in urls] == before
