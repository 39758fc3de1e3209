"""The indicator registry: one definition per quantity, computed for an org subtree and a period."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services
from fazhi.core.models import EvidenceFile, Org, User
from fazhi.indicators import registry
from fazhi.indicators.registry import Period, value

from ..conftest import login

pytestmark = pytest.mark.django_db


def test_every_indicator_has_a_unique_code_name_and_unit():
    items = registry.all_indicators()
    assert len({i.code for i in items}) == len(items)
    assert len({i.name for i in items}) == len(items)
    assert all(i.unit and i.area for i in items)


def test_reports_wording_finds_its_indicator():
    assert registry.find("执法人员数").code == "org.officer_accounts"
    assert registry.find("附件数").code == "evidence.files"
    assert registry.find("不存在的说法") is None


def test_org_counts_follow_the_subtree(county):
    city_region = Org.objects.get(code="990100")
    year = Period.year(2026)
    assert value("org.commissions", city_region, year) == 3
    assert value("org.commissions", county, year) == 1
    assert value("org.departments", county, year) == county.children.filter(kind="department").count()
    assert value("org.units", city_region, year) == Org.objects.filter(path__startswith=city_region.path,
                                                                        kind="unit").count()


def test_user_counts_include_only_active_accounts_in_scope(county):
    before = value("org.users", county, Period.year(2026))
    User.objects.filter(username="xian_tianbao").update(is_active=False)
    assert value("org.users", county, Period.year(2026)) == before - 1
    assert value("org.officer_accounts", county, Period.year(2026)) == 1


def test_evidence_counts_follow_the_period_and_soft_deletes(county_admin, county):
    period = Period(dt.date(2030, 1, 1), dt.date(2030, 12, 31))
    assert value("evidence.files", county, period) == 0
    evidence = services.evidence_upload(org=county, uploaded=SimpleUploadedFile("x.pdf", b"%PDF-1.4 x"),
                                        actor=county_admin)
    EvidenceFile.all_objects.filter(pk=evidence.pk).update(created_at=dt.datetime(2030, 6, 1, tzinfo=dt.UTC))
    assert value("evidence.files", county, period) == 1
    assert value("evidence.integrity_rate", county, period) == 100.0
    services.record_delete(record=evidence, actor=county_admin)
    assert value("evidence.files", county, period) == 0
    assert value("evidence.integrity_rate", county, period) is None


def test_the_indicator_page_lists_every_indicator_with_its_value(county_leader, county):
    page = login(county_leader.username).get("/indicators/?year=2026").content.decode()
    for item in registry.all_indicators():
        assert item.name in page
    assert county.name in page


def test_the_indicator_page_refuses_another_countys_org(county_leader, other_county):
    assert login(county_leader.username).get(f"/indicators/?org={other_county.pk}").status_code == 404


def test_a_period_prints_in_chinese():
    assert str(Period.year(2025)) == "2025年"
    assert str(Period(dt.date(2025, 1, 1), dt.date(2025, 3, 31))) == "2025年1-3月"
    assert str(Period(dt.date(2025, 1, 2), dt.date(2025, 3, 31))) == "2025-01-02至2025-03-31"
