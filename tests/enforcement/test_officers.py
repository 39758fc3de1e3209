"""The officer roster as the legal affairs office keeps it: certificates valid, about to run out or expired;
who may be put on an inspection; avoidance pairs; and the reminders before a certificate lapses."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import Notification, User
from fazhi.core.services import notify
from fazhi.enforcement import reminders
from fazhi.enforcement.choices import CERTIFICATE_WARNING_DAYS, CertificateState, OfficerStatus
from fazhi.enforcement.models import Officer, OfficerConflict
from fazhi.enforcement.selectors import officers_offered
from tests.conftest import login

from .factories import make_entity, make_officer

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"


def today():
    return timezone.localdate()


def officer_form(**extra):
    from fazhi.core.models import Org

    return {"org": Org.objects.get(code=UNIT).pk, "name": "周立新", "position": "卫生监督员",
            "certificate_no": "99012100999", "issuing_body": "示例县人民政府", "issued_on": "2024-03-01",
            "valid_until": "2030-02-28", "status": "active", "note": "", **extra}


def test_a_certificate_is_valid_about_to_run_out_or_expired_by_its_dates():
    day = today()
    fine = make_officer(UNIT, valid_until=day + dt.timedelta(days=CERTIFICATE_WARNING_DAYS + 1))
    soon = make_officer(UNIT, valid_until=day + dt.timedelta(days=CERTIFICATE_WARNING_DAYS))
    lapsed = make_officer(UNIT, valid_until=day - dt.timedelta(days=1))
    assert [o.certificate_state(day) for o in (fine, soon, lapsed)] == [
        CertificateState.VALID, CertificateState.EXPIRING, CertificateState.EXPIRED]
    assert CertificateState.EXPIRING.label == f"{CERTIFICATE_WARNING_DAYS}日内到期"


def test_the_list_filters_by_certificate_state_and_shows_it(county_admin):
    soon = make_officer(UNIT, "将到期者", valid_until=today() + dt.timedelta(days=5))
    lapsed = make_officer(UNIT, "已过期者", valid_until=today() - dt.timedelta(days=3))
    client = login(county_admin.username)
    page = client.get("/enforcement/officers/?certificate=expiring").content.decode()
    assert soon.certificate_no in page and lapsed.certificate_no not in page
    assert "30日内到期" in page
    page = client.get("/enforcement/officers/?certificate=expired").content.decode()
    assert lapsed.certificate_no in page and soon.certificate_no not in page


def test_the_office_enters_an_officer_and_a_certificate_number_is_registered_once(county_admin):
    client = login(county_admin.username)
    response = client.post("/enforcement/officers/add/", officer_form())
    officer = Officer.objects.get(certificate_no="99012100999")
    assert response.status_code == 302 and response["Location"] == officer.get_absolute_url()
    assert officer.created_by == county_admin and officer.history.first().history_user == county_admin
    response = client.post("/enforcement/officers/add/", officer_form(name="另一人"))
    assert "该执法证号已登记：周立新（99012100999）" in response.content.decode()
    assert Officer.objects.filter(certificate_no="99012100999").count() == 1


def test_a_certificate_cannot_run_out_before_it_was_issued(county_admin):
    response = login(county_admin.username).post("/enforcement/officers/add/",
                                                  officer_form(valid_until="2020-01-01"))
    assert "有效期至不能早于发证日期" in response.content.decode()
    assert not Officer.objects.filter(certificate_no="99012100999").exists()


def test_only_the_legal_affairs_office_keeps_the_roster(county_leader):
    officer_account = User.objects.get(username="xian_zhifa")
    officer = Officer.objects.filter(org__code=UNIT).first()
    for user in (officer_account, county_leader):
        client = login(user.username)
        assert client.get("/enforcement/officers/").status_code == 200
        assert client.get("/enforcement/officers/add/").status_code == 403
        assert client.post(f"/enforcement/officers/{officer.pk}/edit/", officer_form()).status_code == 403
    entity = make_entity(UNIT)
    response = login(officer_account.username).post(f"/enforcement/officers/{officer.pk}/conflicts/add/",
                                                     {"entity": entity.pk, "reason": "interest"})
    assert response.status_code == 403
    assert not Officer.objects.filter(certificate_no="99012100999").exists()
    assert not OfficerConflict.objects.filter(entity=entity).exists()


def test_an_expired_or_withheld_officer_is_never_offered_for_an_inspection(county_admin):
    day = today()
    able = make_officer(UNIT, "在岗者")
    lapsed = make_officer(UNIT, "过期者", valid_until=day - dt.timedelta(days=1))
    withheld = make_officer(UNIT, "暂扣者", status=OfficerStatus.SUSPENDED)
    offered = set(officers_offered(county_admin, day))
    assert able in offered and lapsed not in offered and withheld not in offered
    # the day before it lapsed, the same officer was offered
    assert lapsed in set(officers_offered(county_admin, day - dt.timedelta(days=1)))
    page = login(county_admin.username).get(f"/enforcement/inspections/pickers/?date={day:%Y-%m-%d}").content.decode()
    assert "在岗者" in page and "过期者" not in page and "暂扣者" not in page


def test_an_officer_who_must_stand_aside_is_not_offered_for_that_entity(county_admin):
    entity = make_entity(UNIT)
    officer = make_officer(UNIT, "回避者")
    client = login(county_admin.username)
    response = client.post(f"/enforcement/officers/{officer.pk}/conflicts/add/",
                           {"entity": entity.pk, "reason": "relative", "note": "配偶在该单位任职"})
    assert response.status_code == 302
    conflict = OfficerConflict.objects.get(officer=officer, entity=entity)
    assert conflict.created_by == county_admin
    assert officer not in set(officers_offered(county_admin, today(), entity))
    assert officer in set(officers_offered(county_admin, today()))
    page = client.get(officer.get_absolute_url()).content.decode()
    assert entity.name in page and "近亲属在该单位" in page
    assert entity.name in client.get(entity.get_absolute_url()).content.decode()
    # the same pair twice is refused; removing it offers the officer again, and the history keeps both steps
    client.post(f"/enforcement/officers/{officer.pk}/conflicts/add/", {"entity": entity.pk, "reason": "former"})
    assert OfficerConflict.objects.filter(officer=officer).count() == 1
    client.post(f"/enforcement/officers/conflicts/{conflict.pk}/remove/")
    assert officer in set(officers_offered(county_admin, today(), entity))
    assert [h.history_type for h in OfficerConflict.history.filter(id=conflict.pk).order_by("history_id")] == ["+", "-"]


def test_an_officer_page_lists_the_inspections_they_worked_on(county_admin):
    officer = Officer.objects.filter(org__code=UNIT, inspections__isnull=False).first()
    inspection = officer.inspections.order_by("-date").first()
    page = login(county_admin.username).get(officer.get_absolute_url()).content.decode()
    assert inspection.get_absolute_url() in page and officer.certificate_no in page


def test_an_expiring_certificate_reminds_its_holder_and_the_office_once(county_admin):
    holder = User.objects.get(username="xian_zhifa")
    officer = Officer.objects.get(user=holder)
    Officer.objects.filter(pk=officer.pk).update(valid_until=today() + dt.timedelta(days=12))
    other_office = User.objects.get(username="qu_fazhi")

    def send():
        key = f"certificate:{officer.pk}:"
        return sum(notify(**r) for r in reminders.reminders(today()) if r["key"].startswith(key))

    assert send() == 2
    assert send() == 0  # the daily run is idempotent
    note = Notification.objects.get(user=holder, key__startswith=f"certificate:{officer.pk}:")
    assert officer.name in note.title and "还有12天" in note.title
    assert Notification.objects.filter(user=county_admin, key=note.key).exists()
    assert not Notification.objects.filter(user=other_office, key=note.key).exists()
    # renewed and running out again later: a new reminder for the new expiry date
    Officer.objects.filter(pk=officer.pk).update(valid_until=today() + dt.timedelta(days=20))
    assert send() == 2


def test_more_officers_do_not_mean_more_queries(county_admin):
    client = login(county_admin.username)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/enforcement/officers/", "/enforcement/officers/?certificate=expiring&_export=xlsx"]
    before = [count(url) for url in urls]
    for n in range(20):
        make_officer(UNIT, f"新增{n}", valid_until=today() + dt.timedelta(days=n))
    assert [count(url) for url in urls] == before
