"""The registers through the API: read-only, scoped like the pages."""

import datetime as dt

import pytest
from django.utils import timezone

from fazhi.enforcement.models import Inspection
from tests.conftest import login

from .factories import make_entity, make_officer

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"


def test_officers_come_with_their_certificate_state(county_admin):
    today = timezone.localdate()
    lapsed = make_officer(UNIT, "接口过期者", valid_until=today - dt.timedelta(days=1))
    client = login(county_admin.username)
    row = client.get(f"/api/officers/{lapsed.pk}/").json()
    assert (row["certificate_state"], row["certified_today"], row["org_code"]) == ("expired", False, UNIT)
    names = {r["name"] for r in client.get(f"/api/officers/?certified_on={today:%Y-%m-%d}").json()
             ["results"]}
    assert "接口过期者" not in names
    assert client.get("/api/officers/?certified_on=明天").status_code == 400


def test_entities_and_inspections_are_searched_and_filtered(county_admin):
    entity = make_entity(UNIT, "接口测试游泳馆", credit_code="92990121MA7ABCDEF2")
    client = login(county_admin.username)
    rows = client.get("/api/entities/?q=MA7ABCDEF2").json()["results"]
    assert [r["name"] for r in rows] == ["接口测试游泳馆"]
    inspection = Inspection.objects.create(org=entity.org, entity=entity, date=dt.date(2026, 3, 2))
    inspection.officers.set([make_officer(UNIT, "甲"), make_officer(UNIT, "乙")])
    rows = client.get(f"/api/inspections/?entity={entity.pk}").json()["results"]
    assert len(rows) == 1 and set(rows[0]["officer_names"]) == {"甲", "乙"}


def test_the_api_changes_nothing(county_admin):
    entity = make_entity(UNIT)
    client = login(county_admin.username)
    assert client.post("/api/entities/", {"name": "x"}).status_code == 405
    assert client.delete(f"/api/entities/{entity.pk}/").status_code == 405
