"""Registering, correcting and deleting ledger records through the pages, as an office or a unit does."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.activities.models import Exam, PublicityDay, StudySession
from fazhi.core.models import EvidenceFile, Org
from fazhi.indicators.registry import Period, value
from fazhi.plans.selectors import with_states
from tests.conftest import TODAY, login
from tests.plans.factories import make_plan
from tests.sample_files import EXE

pytestmark = pytest.mark.django_db
PLAN = """示例县卫生健康局{year}年依法行政工作要点
一、加强学法用法
（一）坚持领导带头学法。组织局领导班子成员集中学法全年不少于2次。
示例县卫生健康局
{year}年2月10日
"""


def study(org, **extra):
    return {
        "org": org.pk,
        "date": "2030-03-12",
        "title": "中心组专题学习行政复议法（二〇三〇）",
        "kind": "central_group",
        "form": "concentrated",
        "laws": "行政复议法",
        "presenter": "党组书记",
        "participants": "9",
        **extra,
    }


def test_a_study_session_saved_with_its_sign_in_sheet_moves_the_task_target(county_admin, county):
    plan = make_plan(county_admin, year=2030, text=PLAN, lead_code=f"{county.code}.zcfgk")
    task = plan.tasks.get()
    target = task.targets.get()
    assert target.indicator_code == "study.leadership"
    client = login(county_admin.username)
    sheet = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4\n%sign-in\n", "application/pdf")
    response = client.post("/activities/study/add/", {**study(county, task=task.pk), "files": [sheet]})
    assert response.status_code == 302, response.content.decode()[:2000]
    session = StudySession.objects.get(title="中心组专题学习行政复议法（二〇三〇）")
    assert session.task == task and session.created_by == county_admin
    assert EvidenceFile.objects.get(object_id=session.pk, original_name="签到表.pdf").linked == session
    ((_, state),) = with_states([task], TODAY)
    assert state.targets[0].value == 1
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert "1次" in page or ">1<" in page


def test_a_bad_attachment_among_good_ones_stores_none_of_them(county_admin, county, settings):
    client = login(county_admin.username)
    sheet = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4\n%sign-in\n", "application/pdf")
    photo = SimpleUploadedFile("现场照片.jpg", EXE, "image/jpeg")
    response = client.post("/activities/study/add/", {**study(county), "files": [sheet, photo]})
    assert '<div class="invalid-feedback d-block">文件内容与扩展名“.jpg”不符' in response.content.decode()
    assert not StudySession.objects.filter(title="中心组专题学习行政复议法（二〇三〇）").exists()
    assert not (settings.MEDIA_ROOT.exists() and any(p.is_file() for p in settings.MEDIA_ROOT.rglob("*")))


def test_the_detail_page_shows_fields_and_attachments(county_admin, county):
    client = login(county_admin.username)
    sheet = SimpleUploadedFile("签到表.pdf", b"%PDF-1.4\n%x\n", "application/pdf")
    client.post("/activities/study/add/", {**study(county), "files": [sheet]})
    session = StudySession.objects.get(title="中心组专题学习行政复议法（二〇三〇）")
    page = client.get(session.get_absolute_url()).content.decode()
    assert "行政复议法" in page and "党组（党委）理论学习中心组学法" in page and "签到表.pdf" in page


def test_bad_input_is_refused_in_chinese_and_nothing_is_saved(county_admin, county):
    client = login(county_admin.username)
    before = Exam.objects.count()
    response = client.post(
        "/activities/exam/add/",
        {
            "org": county.pk,
            "date": "2030-06-01",
            "title": "学法考试",
            "kind": "law",
            "expected": "40",
            "sat": "43",
            "passed": "44",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "实考人数不能多于应考人数" in page
    assert Exam.objects.count() == before
    response = client.post(
        "/activities/exam/add/",
        {"org": county.pk, "date": "明天", "title": "", "kind": "law", "expected": "0", "sat": "0", "passed": "0"},
    )
    page = response.content.decode()
    assert "该字段是必填项" in page and "输入一个有效的日期" in page
    assert Exam.objects.count() == before


def test_a_task_of_another_year_is_refused(county_admin, county):
    task = make_plan(county_admin, year=2030, text=PLAN).tasks.get()
    client = login(county_admin.username)
    response = client.post("/activities/study/add/", study(county, task=task.pk, date="2031-01-05"))
    assert "该任务属于2030年工作要点" in response.content.decode()


def test_a_unit_registers_for_itself_only_and_a_leader_registers_nothing(county_reporter, county_leader, county):
    client = login(county_reporter.username)
    hospital = county_reporter.org
    assert client.post("/activities/study/add/", study(hospital, kind="staff")).status_code == 302
    response = client.post("/activities/study/add/", study(Org.objects.get(code=f"{county.code}.zcfgk")))
    assert "选择一个有效的选项" in response.content.decode()
    assert login(county_leader.username).get("/activities/study/add/").status_code == 403
    assert login(county_leader.username).get("/activities/study/").status_code == 200


def test_publicity_events_record_channels_and_a_case_needs_its_summary(county_admin, county):
    client = login(county_admin.username)
    day = PublicityDay.objects.get(name="国家宪法日")
    data = {
        "org": county.pk,
        "date": "2030-12-04",
        "title": "宪法进社区",
        "kind": "case",
        "occasion": day.pk,
        "channels": ["onsite", "wechat"],
        "materials": "1200",
        "reached": "800",
    }
    assert "以案释法须填写案例及释法要点" in client.post("/activities/publicity/add/", data).content.decode()
    response = client.post("/activities/publicity/add/", {**data, "case_summary": "以一起非法行医案释法"})
    assert response.status_code == 302
    event = day.events.get(title="宪法进社区")
    assert event.get_channels_display() == "现场宣传、微信公众号"
    assert value("publicity.materials", county, Period.year(2030)) == 1200


def test_deleting_goes_to_the_trash_and_a_person_with_accounts_stays(county_admin, county):
    client = login(county_admin.username)
    session = StudySession.objects.filter(org__path__startswith=county.path).first()
    assert client.post(f"/activities/study/{session.pk}/delete/").status_code == 302
    assert StudySession.all_objects.get(pk=session.pk).deleted_at is not None
    from fazhi.activities.models import Accountable

    person = Accountable.objects.filter(org__path__startswith=county.path, accounts__isnull=False).first()
    client.post(f"/activities/accountable/{person.pk}/delete/")
    person.refresh_from_db()
    assert person.deleted_at is None


def test_year_view_and_coverage_show_the_counties_records(county_admin, county):
    client = login(county_admin.username)
    session = StudySession.objects.filter(org__path__startswith=county.path, date__year=2026).first()
    for view in ("calendar", "timeline", "units"):
        page = client.get(f"/activities/year/?year=2026&view={view}").content.decode()
        assert (session.get_absolute_url() in page) or view == "units"
    assert session.org.name in client.get("/activities/year/?year=2026&view=units").content.decode()
    page = client.get("/activities/account-coverage/?year=2025").content.decode()
    assert "100%" in page  # the demo's 2025 accounts are all in
    page = client.get("/activities/publicity-days/?year=2026").content.decode()
    assert "民法典宣传月" in page and "宪法宣传周" in page


def test_more_records_do_not_mean_more_queries(county_admin, county):
    client = login(county_admin.username)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    StudySession.objects.create(org=county, date=dt.date(2030, 1, 2), title="学法", kind="staff", participants=10)
    urls = ["/activities/study/?year=2030", "/activities/year/?year=2030", "/activities/year/?year=2030&view=units"]
    before = [count(url) for url in urls]
    for i in range(30):
        StudySession.objects.create(
            org=county, date=dt.date(2030, 1 + i % 12, 3), title=f"学法{i}", kind="staff", participants=10
        )
    assert [count(url) for url in urls] == before
