"""List pages, forms and the dashboard as their users see them."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import EvidenceFile, Org, User

from ..conftest import login
from ..sample_files import EXE

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("url, limit", [
    # The home page and the indicator page cost one query per indicator, commission and period asked
    # (the home page: each area's headlines this year and last, four month splits of one query each,
    # four counts per commission; the task panel computes each mapped target's indicator), never one
    # per record.
    ("/", 160), ("/orgs/", 10), ("/users/", 11), ("/evidence/", 10), ("/time-limits/", 9),
    ("/indicators/", 184), ("/calendar/", 10),
    ("/activities/", 28), ("/activities/study/", 11), ("/activities/publicity/", 12), ("/activities/account/", 11),
    ("/activities/service/", 11), ("/activities/adviser/", 11), ("/activities/year/", 21),
    ("/activities/year/?view=units", 21), ("/activities/account-coverage/", 8), ("/activities/publicity-days/", 8),
    # The enforcement hub: its figures, a row of figures per commission, and the counts needing attention.
    ("/enforcement/", 74),
])
def test_pages_use_a_fixed_number_of_queries(city_leader, url, limit):
    # Pinned so that a list growing from 20 to 2,000 rows costs no more queries (no N+1).
    client = login(city_leader.username)
    first = count_queries(client, url)
    assert first <= limit, f"{url}: {first} queries"


def test_more_rows_do_not_mean_more_queries(county_admin, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import services

    client = login(county_admin.username)
    before = count_queries(client, "/evidence/?per_page=100")
    for i in range(15):
        services.evidence_upload(org=county, uploaded=SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.4 " + bytes([i])),
                                 actor=county_admin)
    assert count_queries(client, "/evidence/?per_page=100") == before


def test_filter_search_sort_and_paginate_orgs(city_leader):
    client = login(city_leader.username)
    page = client.get("/orgs/?kind=unit&q=医院").content.decode()
    assert "示例县人民医院" in page and "示例区中医医院" in page and "政策法规科" not in page
    ordered = client.get("/orgs/?sort=-name&kind=commission").content.decode()
    assert ordered.index("示例市卫生健康委员会") < ordered.index("示例县卫生健康局") < ordered.index("示例区卫生健康局")
    paged = client.get("/orgs/?page=2").content.decode()
    assert "第 2 / 2 页" in paged


def test_htmx_requests_get_only_the_table(city_leader):
    client = login(city_leader.username)
    body = client.get("/orgs/?q=示例县", HTTP_HX_REQUEST="true").content.decode()
    assert "<table" in body and "<html" not in body


def test_export_downloads_every_filtered_row_as_excel(city_leader):
    client = login(city_leader.username)
    response = client.get("/orgs/?kind=unit&_export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "名称"
    assert len(rows) - 1 == Org.objects.filter(kind="unit", path__startswith="/").filter(
        path__startswith=city_leader.org.parent.path).count()


def test_a_sysadmin_creates_an_org_and_sees_chinese_errors(county_sysadmin, county):
    client = login(county_sysadmin.username)
    bad = client.post("/orgs/add/", {"parent": county.pk, "kind": "unit", "level": "county", "name": "",
                                     "code": "990121.wjw.bgs", "sort_order": 0, "is_active": "on"})
    body = bad.content.decode()
    assert "只有行政区域才有行政级别" in body and "该字段是必填项" in body and "已存在" in body
    ok = client.post("/orgs/add/", {"parent": county.pk, "kind": "unit", "name": "示例县精神卫生中心",
                                    "code": "990121.wjw.jwzx", "sort_order": 9, "is_active": "on"})
    assert ok.status_code == 302
    created = Org.objects.get(code="990121.wjw.jwzx")
    assert created.path == f"{county.path}{created.pk}/"


def test_a_sysadmin_cannot_put_an_org_under_another_county(county_sysadmin, other_county):
    client = login(county_sysadmin.username)
    response = client.post("/orgs/add/", {"parent": other_county.pk, "kind": "unit", "name": "越权单位",
                                          "code": "x.y", "sort_order": 0, "is_active": "on"})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not Org.objects.filter(code="x.y").exists()


def test_a_sysadmin_creates_a_user_with_a_strong_password(county_sysadmin, county):
    client = login(county_sysadmin.username)
    weak = client.post("/users/add/", {"username": "xian_new", "org": county.pk, "roles": ["reporter"],
                                       "password": "12345678", "is_active": "on"})
    assert "密码" in weak.content.decode() and not User.objects.filter(username="xian_new").exists()
    client.post("/users/add/", {"username": "xian_new", "org": county.pk, "roles": ["reporter"],
                                "password": "Ruleoflaw-2026", "full_name": "新同事", "is_active": "on"})
    user = User.objects.get(username="xian_new")
    assert user.password.startswith("argon2") and user.has_role("reporter")


def test_a_county_sysadmin_cannot_edit_or_reset_a_superuser(county_sysadmin):
    User.objects.filter(username="admin").update(org=county_sysadmin.org)
    superuser = User.objects.get(username="admin")
    client = login(county_sysadmin.username)
    assert client.get(f"/users/{superuser.pk}/edit/").status_code == 404


def test_a_very_long_file_name_is_cut_not_crashed_on(county_admin, county):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login(county_admin.username)
    name = "很长的文件名" * 60 + ".pdf"
    response = client.post("/evidence/upload/", {"org": county.pk, "file": SimpleUploadedFile(name, b"%PDF-1.4 x")})
    assert response.status_code == 302
    assert len(EvidenceFile.objects.latest("created_at").title) == 200


def test_the_history_page_costs_a_fixed_number_of_queries(deployment_admin):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.core.models import LegalTimeLimit

    limit = LegalTimeLimit.objects.get(code="penalty-decision")
    client = login(deployment_admin.username)
    url = f"/history/{ContentType.objects.get_for_model(LegalTimeLimit).pk}/{limit.pk}/"
    before = count_queries(client, url)
    for number in range(60, 70):
        limit.number = number
        limit.save()
    assert count_queries(client, url) == before


def test_non_sysadmins_cannot_manage_users_or_orgs(county_admin):
    client = login(county_admin.username)
    for url in ["/users/add/", "/orgs/add/", "/calendar/import/", "/trash/"]:
        assert client.get(url).status_code == 403, url


def test_the_dashboard_counts_the_users_scope(county_leader, city_leader):
    county_page = login(county_leader.username).get("/").content.decode()
    city_page = login(city_leader.username).get("/").content.decode()
    county_users = User.objects.filter(org__path__startswith=county_leader.org.path, is_active=True).count()
    assert f'data-testid="home-figure-org.users">{county_users}<' in county_page
    assert county_users < User.objects.filter(org__path__startswith=city_leader.org.parent.path).count()
    assert 'data-testid="home-figure-org.commissions">3<' in city_page


def test_the_dashboard_warns_when_next_years_holidays_are_missing(county_leader):
    page = login(county_leader.username).get("/").content.decode()
    assert "2027年节假日安排尚未录入" in page


def test_the_due_date_calculator_marks_provisional_results(county_admin):
    client = login(county_admin.username)
    page = client.get("/calendar/due/?start=2026-12-20&number=20&unit=wd").content.decode()
    # 1 January 2027 is a statutory holiday, the 调休 of 2027 is not yet known.
    assert "2027年1月18日" in page and "临时" in page and "已计入法定节假日" in page
    bad = client.get("/calendar/due/?start=2026-13-01&number=20&unit=wd").content.decode()
    assert "有效的日期" in bad


def test_the_schedule_import_page_reports_bad_lines(deployment_admin, county_sysadmin):
    assert login(county_sysadmin.username).get("/calendar/import/").status_code == 403
    client = login(deployment_admin.username)
    page = client.post("/calendar/import/", {"year": 2027, "source": "通知", "text": "2027-01-01 放假 元旦\n乱码"})
    assert "第2行" in page.content.decode()
    program = SimpleUploadedFile("通知.txt", EXE)
    page = client.post("/calendar/import/", {"year": 2027, "source": "通知", "file": program}).content.decode()
    assert "文件内容与扩展名“.txt”不符" in page
    word = client.post("/calendar/import/", {"year": 2027, "source": "通知",
                                             "file": SimpleUploadedFile("通知.docx", b"x")})
    assert "不支持的文件类型“.docx”，允许：csv、txt" in word.content.decode()
    ok = client.post("/calendar/import/", {"year": 2027, "source": "通知",
                                           "file": SimpleUploadedFile("通知.txt", "2027-01-01 放假 元旦\n".encode())})
    assert ok.status_code == 302
    assert "管理员录入" in client.get("/calendar/?year=2027").content.decode()


def test_time_limit_form_requires_a_number_and_validates_fixed_dates(deployment_admin):
    from fazhi.core.models import LegalTimeLimit

    limit = LegalTimeLimit.objects.get(code="annual-report-filing")
    client = login(deployment_admin.username)
    page = client.post(f"/time-limits/{limit.pk}/edit/", {"name": limit.name, "unit": "next_year_date",
                                                          "fixed_month": 2, "fixed_day": 30,
                                                          "legal_basis": "x", "status": "partial"})
    assert "该月没有这一天" in page.content.decode()
    page = client.post(f"/time-limits/{limit.pk}/edit/", {"name": limit.name, "unit": "wd",
                                                          "legal_basis": "x", "status": "partial"})
    assert "请填写期限数值" in page.content.decode()
    limit.refresh_from_db()
    assert (limit.fixed_month, limit.fixed_day, limit.unit) == (3, 1, "next_year_date")


def test_error_pages_are_chinese(county_admin):
    client = login(county_admin.username)
    response = client.get("/evidence/99999999/")
    assert response.status_code == 404 and "不在您的权限范围内" in response.content.decode()


def test_the_evidence_list_filters_by_date(county_admin):
    client = login(county_admin.username)
    year = EvidenceFile.objects.visible_to(county_admin).filter(created_at__year=2025).count()
    page = client.get("/evidence/?created_after=2025-01-01&created_before=2025-12-31&per_page=200").content.decode()
    assert f"共 {year} 条" in page or (year == 0 and "没有符合条件的记录" in page)
