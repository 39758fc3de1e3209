"""Inspections as an officer registers them at the door on a phone: the entity found by typing, two
certified officers, the entity's check items, the findings and the opinion; then the recheck."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import EvidenceFile, Notification, Org, User
from fazhi.core.services import notify
from fazhi.enforcement import reminders
from fazhi.enforcement.models import CheckItem, Inspection, Officer, OfficerConflict
from tests.conftest import login

from .factories import make_entity, make_officer

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"


@pytest.fixture
def officer_user(db):
    return User.objects.get(username="xian_zhifa")


@pytest.fixture
def team(db):
    return [make_officer(UNIT, "检查员甲"), make_officer(UNIT, "检查员乙")]


@pytest.fixture
def hotel(db):
    return make_entity(UNIT, "示例县检查测试宾馆", category="public_place")


def day(offset=0):
    return timezone.localdate() - dt.timedelta(days=offset)


def form(entity, officers, **extra):
    return {"entity": entity.pk, "date": f"{day(1):%Y-%m-%d}", "kind": "routine",
            "officers": [o.pk for o in officers], "findings": "证照齐全", "result": "compliant", "opinion_no": "",
            "rectify_by": "", **extra}


def test_the_form_is_laid_out_for_a_phone(officer_user):
    page = login(officer_user.username).get("/enforcement/inspections/add/").content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    start = page.index('data-testid="inspection-form"')
    body = page[start:page.index("</form>", start)]
    # one column on a phone: a grid column that applies at every width is a full-width one
    tokens = [token for classes in re.findall(r'class="([^"]*)"', body) for token in classes.split()]
    assert "col-12" in tokens
    assert {token for token in tokens if re.fullmatch(r"col(-\d+)?|row-cols-\d+", token)} == {"col-12"}
    assert 'type="search"' in body and 'hx-get="/enforcement/entities/search/"' in body
    assert "form-selectgroup" in body  # large touch targets for officers, items and the result


def test_an_officer_registers_an_inspection_from_the_entity_page(officer_user, team, hotel):
    item = CheckItem.objects.filter(org__code="990121.wjw", category="public_place").first()
    client = login(officer_user.username)
    page = client.get(hotel.get_absolute_url()).content.decode()
    assert f"/enforcement/inspections/add/?entity={hotel.pk}" in page
    page = client.get(f"/enforcement/inspections/add/?entity={hotel.pk}").content.decode()
    assert f'value="{hotel.pk}" checked' in page and "检查员甲" in page and item.name in page
    photo = SimpleUploadedFile("现场照片.pdf", b"%PDF-1.4\n%photo\n", "application/pdf")
    response = client.post("/enforcement/inspections/add/",
                           form(hotel, team, items=[item.pk], result="rectify", opinion_no="示县卫监意〔2026〕88号",
                                rectify_by=f"{day(-15):%Y-%m-%d}", files=[photo]))
    inspection = Inspection.objects.get(entity=hotel)
    assert response.status_code == 302 and response["Location"] == inspection.get_absolute_url()
    assert set(inspection.officers.all()) == set(team) and list(inspection.items.all()) == [item]
    assert inspection.follow_up == "pending" and inspection.org.code == UNIT and inspection.created_by == officer_user
    assert EvidenceFile.objects.get(object_id=inspection.pk, original_name="现场照片.pdf").linked == inspection
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert "已下达：示县卫监意〔2026〕88号" in page and "待复查" in page and "现场照片.pdf" in page


def test_a_lone_officer_is_refused_citing_the_law_and_nothing_is_saved(officer_user, team, hotel):
    page = login(officer_user.username).post("/enforcement/inspections/add/", form(hotel, team[:1])).content.decode()
    assert "执法人员不得少于2人（《中华人民共和国行政处罚法》（2021年修订）第四十二条）" in page
    assert not Inspection.objects.filter(entity=hotel).exists()


def test_an_expired_officer_sent_anyway_is_refused_by_name(officer_user, team, hotel):
    lapsed = make_officer(UNIT, "过期者", valid_until=day(3))
    page = login(officer_user.username).post("/enforcement/inspections/add/",
                                             form(hotel, [*team, lapsed])).content.decode()
    assert f"过期者（{lapsed.certificate_no}）在{day(1):%Y-%m-%d}不能执法：证件已于{day(3):%Y-%m-%d}到期" in page
    assert not Inspection.objects.filter(entity=hotel).exists()


def test_an_officer_who_must_stand_aside_is_refused(officer_user, team, hotel):
    OfficerConflict.objects.create(officer=team[1], entity=hotel, reason="former")
    page = login(officer_user.username).post("/enforcement/inspections/add/", form(hotel, team)).content.decode()
    assert "检查员乙与示例县检查测试宾馆有回避关系（曾在该单位任职），不能参加" in page
    assert not Inspection.objects.filter(entity=hotel).exists()


def test_correction_needs_an_opinion_and_a_deadline(officer_user, team, hotel):
    page = login(officer_user.username).post("/enforcement/inspections/add/",
                                             form(hotel, team, result="rectify")).content.decode()
    assert "责令整改的须下达《卫生监督意见书》，请填写文书编号" in page and "责令整改的须写明整改期限" in page
    assert not Inspection.objects.filter(entity=hotel).exists()


def test_an_inspection_cannot_be_dated_in_the_future_nor_of_another_countys_entity(officer_user, team, hotel):
    client = login(officer_user.username)
    page = client.post("/enforcement/inspections/add/", form(hotel, team, date=f"{day(-1):%Y-%m-%d}")).content.decode()
    assert "检查日期不能晚于今天" in page
    theirs = make_entity("990102.wjw.wsjds", "示例区某宾馆")
    page = client.post("/enforcement/inspections/add/", form(theirs, team)).content.decode()
    assert "请从搜索结果中选择监管对象" in page
    assert not Inspection.objects.filter(entity__in=[hotel, theirs]).exists()


def test_the_pickers_follow_the_chosen_date_and_entity(officer_user, team, hotel):
    lapsed = make_officer(UNIT, "月初到期者", valid_until=day(10))
    client = login(officer_user.username)
    before = client.get(f"/enforcement/inspections/pickers/?entity={hotel.pk}&date={day(20):%Y-%m-%d}")
    after = client.get(f"/enforcement/inspections/pickers/?entity={hotel.pk}&date={day(5):%Y-%m-%d}"
                       f"&officers={team[0].pk}")
    assert "月初到期者" in before.content.decode() and "月初到期者" not in after.content.decode()
    assert f'value="{team[0].pk}" class="form-selectgroup-input" checked' in after.content.decode()
    assert "公共场所卫生许可及从业人员健康管理" in after.content.decode()
    assert lapsed.pk


def test_the_recheck_closes_the_correction(officer_user, team, hotel):
    client = login(officer_user.username)
    client.post("/enforcement/inspections/add/", form(hotel, team, result="rectify", opinion_no="意见书1号",
                                                      rectify_by=f"{day(0):%Y-%m-%d}"))
    inspection = Inspection.objects.get(entity=hotel)
    page = client.get(inspection.get_absolute_url()).content.decode()
    assert 'data-testid="follow-up-form"' in page
    response = client.post(f"/enforcement/inspections/{inspection.pk}/follow-up/",
                           {"on": f"{day(0):%Y-%m-%d}", "rectified": "yes", "note": "已补办健康证明"}, follow=True)
    assert "已登记复查：已整改" in response.content.decode()
    inspection.refresh_from_db()
    assert (inspection.follow_up, inspection.follow_up_on) == ("done", day(0))
    assert inspection.follow_up_note == "已补办健康证明"
    # once done there is nothing left to recheck
    response = client.post(f"/enforcement/inspections/{inspection.pk}/follow-up/",
                           {"on": f"{day(0):%Y-%m-%d}", "rectified": "no", "note": "再查"}, follow=True)
    assert "该检查没有待复查的整改事项" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.follow_up == "done"


def test_a_recheck_before_the_visit_or_by_a_leader_is_refused(officer_user, team, hotel, county_leader):
    client = login(officer_user.username)
    client.post("/enforcement/inspections/add/", form(hotel, team, result="rectify", opinion_no="意见书2号",
                                                      rectify_by=f"{day(0):%Y-%m-%d}"))
    inspection = Inspection.objects.get(entity=hotel)
    response = client.post(f"/enforcement/inspections/{inspection.pk}/follow-up/",
                           {"on": f"{day(30):%Y-%m-%d}", "rectified": "yes", "note": "x"}, follow=True)
    assert "复查日期不能早于检查日期" in response.content.decode()
    assert login(county_leader.username).post(f"/enforcement/inspections/{inspection.pk}/follow-up/", {
        "on": f"{day(0):%Y-%m-%d}", "rectified": "yes", "note": "x"}).status_code == 403
    inspection.refresh_from_db()
    assert inspection.follow_up == "pending"


def test_an_overdue_recheck_is_flagged_and_reminded_once(officer_user, team, hotel, county_admin):
    inspection = Inspection.objects.create(org=hotel.org, entity=hotel, date=day(40), result="rectify",
                                           opinion_no="意见书3号", rectify_by=day(10), follow_up="pending",
                                           created_by=officer_user)
    inspection.officers.set(team)
    client = login(county_admin.username)
    assert "逾期未复查" in client.get(inspection.get_absolute_url()).content.decode()
    page = client.get("/enforcement/inspections/?overdue=true&q=检查测试宾馆").content.decode()
    assert inspection.get_absolute_url() in page

    def send():
        return sum(notify(**r) for r in reminders.reminders(timezone.localdate())
                   if r["key"] == f"recheck:{inspection.pk}:{day(10):%Y-%m-%d}")

    assert send() == 1 and send() == 0
    assert Notification.objects.get(user=officer_user, key__startswith=f"recheck:{inspection.pk}:").level == "danger"


def test_the_list_filters_by_date_result_and_follow_up(county_admin, officer_user, team, hotel):
    client = login(officer_user.username)
    client.post("/enforcement/inspections/add/", form(hotel, team, date=f"{day(2):%Y-%m-%d}"))
    inspection = Inspection.objects.get(entity=hotel)
    admin = login(county_admin.username)
    url = inspection.get_absolute_url()
    assert url in admin.get(f"/enforcement/inspections/?start={day(2):%Y-%m-%d}&result=compliant").content.decode()
    assert url not in admin.get(f"/enforcement/inspections/?start={day(1):%Y-%m-%d}").content.decode()
    assert url not in admin.get("/enforcement/inspections/?follow_up=pending&q=检查测试宾馆").content.decode()
    unit = Org.objects.get(code=UNIT)
    assert url in admin.get(f"/enforcement/inspections/?unit={unit.pk}&q=检查测试").content.decode()


def test_more_inspections_do_not_mean_more_queries(county_admin, team, hotel):
    client = login(county_admin.username)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/enforcement/inspections/", "/enforcement/inspections/?overdue=true",
            "/enforcement/inspections/?_export=xlsx&start=2026-01-01", "/api/inspections/?year=2026"]
    before = [count(url) for url in urls]
    for n in range(25):
        inspection = Inspection.objects.create(org=hotel.org, entity=hotel, date=day(n + 1), created_by=None)
        inspection.officers.set(team)
    assert [count(url) for url in urls] == before


def test_the_demo_inspections_keep_the_team_rules():
    """Every demo inspection: at least two officers, each certified that day, none who must stand aside."""
    rows = Inspection.objects.values_list("pk", "date", "entity_id")
    teams = {}
    for pk, officer_id in Inspection.officers.through.objects.values_list("inspection_id", "officer_id"):
        teams.setdefault(pk, []).append(officer_id)
    officers = {o.pk: o for o in Officer.objects.all()}
    pairs = set(OfficerConflict.objects.values_list("officer_id", "entity_id"))
    for pk, on, entity_id in rows:
        team = [officers[o] for o in teams.get(pk, [])]
        assert len(team) >= 2, pk
        assert all(o.certified_on(on) and (o.pk, entity_id) not in pairs for o in team), pk
