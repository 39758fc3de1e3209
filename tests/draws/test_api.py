"""The read-only API of tasks and draws, scoped like the pages; a draw's secret only once drawn."""

import pytest
from rest_framework.test import APIClient

from fazhi.draws import algorithm, services
from fazhi.draws.choices import DrawStatus
from fazhi.draws.models import Draw

from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_tasks_are_listed_with_their_rates_and_only_in_scope(county_admin):
    rows = api(county_admin).get("/api/draw-tasks/?year=2025&source=national").json()["results"]
    assert rows and all(row["year"] == 2025 and row["source"] == "national" for row in rows)
    assert all(row["org_code"].startswith("990121") for row in rows)
    row = rows[0]
    assert row["state"] == "settled" and row["closure_rate"] == 100.0
    assert row["completion_rate"] == round(100 * row["inspected"] / row["picks"], 1)


def test_a_draw_carries_its_picks_and_its_record_verifies(county_admin):
    unit = make_unit()
    stock(unit)
    draw = drawn(make_task(county_admin, unit), county_admin)
    data = api(county_admin).get(f"/api/draws/{draw.pk}/").json()
    assert data["secret"] == draw.secret and [p["rank"] for p in data["picks"]] == [1, 2, 3]
    assert len(data["picks"][0]["officers"]) == 2
    record = api(county_admin).get(f"/api/draws/{draw.pk}/record/").json()
    assert algorithm.report(record)[1]


def test_a_draw_not_yet_made_keeps_its_secret(county_admin):
    unit = make_unit()
    stock(unit)
    draw = services.draw_create(task=make_task(county_admin, unit), actor=county_admin)
    data = api(county_admin).get(f"/api/draws/{draw.pk}/").json()
    assert data["status"] == DrawStatus.COMMITTED and data["secret"] is None and data["picks"] == []
    assert draw.secret not in str(api(county_admin).get("/api/draws/").json())


def test_another_county_gets_nothing(other_county_admin):
    draw = Draw.objects.filter(org__code__startswith="990121", status=DrawStatus.DRAWN).first()
    client = api(other_county_admin)
    assert client.get(f"/api/draws/{draw.pk}/").status_code == 404
    assert client.get(f"/api/draw-tasks/{draw.task_id}/").status_code == 404
    assert all("990121" not in row["org_code"] for row in client.get("/api/draw-tasks/").json()["results"])
