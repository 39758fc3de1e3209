"""The read-only API of cases and reviews, scoped like the pages."""

import datetime as dt

import pytest

from fazhi.cases import services
from tests.conftest import login

from .factories import decided_case, notified_case, officer

pytestmark = pytest.mark.django_db


def test_a_case_comes_with_its_record_and_its_clocks():
    case = decided_case()
    data = login("xian_zhifa").get(f"/api/cases/{case.pk}/").json()
    assert data["number"] == case.number and data["decision_no"] == case.decision_no
    assert [s["kind"] for s in data["steps"]] == ["open", "notify", "decide"]
    assert data["steps"][0]["prev_hash"] == "0" * 64 and data["steps"][1]["prev_hash"] == data["steps"][0]["hash"]
    assert data["log_problems"] == []
    service = next(d for d in data["deadlines"] if d["key"] == "service")
    assert service["due"] == "2026-03-31" and service["state"] == "overdue" and "第六十一条" in service["legal_basis"]


def test_the_list_is_scoped_and_filtered():
    case = decided_case()
    mine = login("xian_zhifa").get("/api/cases/?status=decided&year=2026").json()
    assert case.number in {row["number"] for row in mine["results"]}
    assert all(row["status"] == "decided" for row in mine["results"])
    theirs = login("qu_fazhi").get("/api/cases/").json()
    assert theirs["count"] > 0 and all("990121" not in row["org_code"] for row in theirs["results"])
    assert login("qu_fazhi").get(f"/api/cases/{case.pk}/").status_code == 404


def test_reviews_are_listed_for_the_case():
    case = notified_case()
    review = services.case_submit_review(case=case, summary="拟罚款", on=dt.date(2026, 3, 12), actor=officer())
    rows = login("xian_shenhe").get(f"/api/legal-reviews/?case={case.pk}&pending=true").json()["results"]
    assert [r["id"] for r in rows] == [review.pk] and rows[0]["opinion"] == ""
