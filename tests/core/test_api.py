"""The REST API: token auth, the same scoping as the pages, Chinese validation errors."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from fazhi.core.models import EvidenceFile, LegalTimeLimit

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_a_token_is_issued_for_a_username_and_password():
    client = APIClient()
    response = client.post("/api/token/", {"username": "xian_fazhi", "password": "Fazhi-demo-2026"})
    assert response.status_code == 200 and len(response.json()["token"]) == 40
    bad = client.post("/api/token/", {"username": "xian_fazhi", "password": "wrong"})
    assert bad.status_code == 400


def test_requests_without_a_token_are_refused():
    assert APIClient().get("/api/orgs/").status_code == 401


def test_the_openapi_schema_describes_the_endpoints(county_admin):
    response = api(county_admin).get("/api/schema/?format=json")
    schema = response.json()
    for path in ["/api/orgs/", "/api/evidence/", "/api/time-limits/{id}/due/", "/api/due-date/", "/api/indicators/"]:
        assert path in schema["paths"], path
    assert "TokenAuth" in str(schema["components"]["securitySchemes"]) or "tokenAuth" in str(schema)


def test_orgs_are_scoped_and_carry_stable_codes(county_admin, city_leader):
    county_codes = {row["code"] for row in api(county_admin).get("/api/orgs/?page_size=200").json()["results"]}
    assert "990121.wjw" in county_codes and not any(c.startswith("990102") for c in county_codes)
    city = api(city_leader).get("/api/orgs/").json()
    assert city["count"] > len(county_codes)


def test_upload_through_the_api_and_see_it_listed(county_admin, county):
    client = api(county_admin)
    response = client.post("/api/evidence/", {"org": county.pk, "title": "学法记录",
                                              "file": SimpleUploadedFile("学法记录.pdf", b"%PDF-1.4 study")},
                           format="multipart")
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["sha256"]) == 64 and body["integrity"] == "ok"
    assert client.post(f"/api/evidence/{body['id']}/verify/").json()["integrity"] == "ok"


def test_a_bad_upload_gets_a_chinese_error_and_saves_nothing(county_admin, county):
    before = EvidenceFile.all_objects.count()
    response = api(county_admin).post("/api/evidence/", {"org": county.pk, "file": SimpleUploadedFile("a.exe", b"MZ")},
                                      format="multipart")
    assert response.status_code == 400 and "不支持的文件类型" in response.json()["file"][0]
    assert EvidenceFile.all_objects.count() == before


def test_a_county_cannot_upload_into_another_county(county_admin, other_county):
    response = api(county_admin).post("/api/evidence/", {"org": other_county.pk,
                                                         "file": SimpleUploadedFile("x.pdf", b"%PDF-1.4")},
                                      format="multipart")
    assert response.status_code == 400 and "org" in response.json()
    assert not EvidenceFile.all_objects.filter(org=other_county).exists()


def test_delete_through_the_api_is_soft(county_admin, county):
    # a file of no whole-process record: those are kept for good
    evidence = EvidenceFile.objects.filter(org__path__startswith=county.path, content_type__isnull=True).first()
    assert api(county_admin).delete(f"/api/evidence/{evidence.pk}/").status_code == 204
    assert EvidenceFile.all_objects.get(pk=evidence.pk).deleted_at is not None


def test_leaders_cannot_delete_through_the_api(county_leader, county):
    evidence = EvidenceFile.objects.filter(org__path__startswith=county.path).first()
    assert api(county_leader).delete(f"/api/evidence/{evidence.pk}/").status_code == 403
    assert EvidenceFile.objects.filter(pk=evidence.pk).exists()


def test_due_date_endpoint(county_admin):
    client = api(county_admin)
    data = client.get("/api/due-date/?start=2026-02-13&number=2&unit=wd").json()
    assert data["due"] == "2026-02-24" and data["provisional"] is False
    data = client.get("/api/due-date/?start=2026-12-20&number=20&unit=wd").json()
    assert data["provisional"] is True and "临时" in data["note"]
    bad = client.get("/api/due-date/?start=2026-02-31&number=x&unit=week")
    assert bad.status_code == 400 and "日期格式" in bad.json()["start"]


def test_time_limits_are_corrected_only_by_the_deployments_sysadmin(county_admin, county_sysadmin,
                                                                    deployment_admin):
    limit = LegalTimeLimit.objects.get(code="normative-filing")
    assert api(county_admin).patch(f"/api/time-limits/{limit.pk}/", {"number": 15}).status_code == 403
    # a county's own 系统管理员 may not change the law for every other county
    assert api(county_sysadmin).patch(f"/api/time-limits/{limit.pk}/", {"number": 15}).status_code == 403
    response = api(deployment_admin).patch(f"/api/time-limits/{limit.pk}/", {"number": 15, "status": "partial"})
    assert response.status_code == 200 and response.json()["number"] == 15
    invalid = api(deployment_admin).patch(f"/api/time-limits/{limit.pk}/", {"unit": "next_year_date"})
    assert invalid.status_code == 400
    limit.refresh_from_db()
    assert limit.unit == "cal"
    due = api(county_admin).get(f"/api/time-limits/{limit.pk}/due/?start=2026-03-02").json()
    assert due["due"] == "2026-03-17"


def test_indicators_for_the_users_scope(county_admin, city_leader):
    county_rows = {r["code"]: r for r in api(county_admin).get("/api/indicators/?year=2026").json()}
    city_rows = {r["code"]: r for r in api(city_leader).get("/api/indicators/?year=2026").json()}
    assert county_rows["org.commissions"]["value"] == 1
    assert city_rows["org.commissions"]["value"] == 3
    assert "执法人员数" in county_rows["org.officer_accounts"]["synonyms"]


def test_a_read_only_leader_cannot_mark_a_file_checked(city_leader, county):
    evidence = EvidenceFile.objects.filter(org__path__startswith=county.path).first()
    assert api(city_leader).post(f"/api/evidence/{evidence.pk}/verify/").status_code == 403


def test_the_api_documentation_page_is_chinese_and_lists_the_endpoints(county_admin):
    from ..conftest import login

    page = login(county_admin.username).get("/api-docs/").content.decode()
    assert "/api/orgs/" in page and "/api/evidence/{id}/verify/" in page
    assert "机构：您查看范围内的" in page and "Authorization: Token" in page


def test_browsers_get_json_not_an_english_api_page(county_admin):
    response = api(county_admin).get("/api/orgs/", HTTP_ACCEPT="text/html")
    assert response["Content-Type"].startswith("application/json")
