"""The register of supervised entities as an enforcement unit keeps it: entries, credit grading with its
history, practitioners, the list's search and filters, and its cost."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import Org, User
from fazhi.enforcement.models import CreditRating, Entity, Practitioner
from tests.conftest import login

from .factories import make_entity

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"


def entity_form(**extra):
    return {"org": Org.objects.get(code=UNIT).pk, "name": "示例县青石镇明华宾馆", "category": "public_place",
            "credit_code": "92990121MA12345678", "licence_no": "示卫公字〔2026〕第0999号", "licence_valid_until": "",
            "address": "示例县青石镇人民路8号", "legal_person": "王明", "phone": "", "status": "open",
            "credit_grade": "B", "graded_on": "", "note": "", **extra}


def test_a_unit_registers_an_entity_and_its_first_grade_starts_the_history():
    officer = "xian_zhifa"
    client = login(officer)
    response = client.post("/enforcement/entities/add/", entity_form(is_individual="on"))
    entity = Entity.objects.get(credit_code="92990121MA12345678")
    assert response.status_code == 302 and entity.is_individual
    (rating,) = CreditRating.objects.filter(entity=entity)
    assert rating.grade == "B" and rating.rated_on == timezone.localdate()
    page = client.get(entity.get_absolute_url()).content.decode()
    assert "B级（基本守信）" in page and "新登记监管对象的初始等级" in page


def test_the_day_supervision_began_is_kept_and_cannot_be_in_the_future(county_admin):
    client = login(county_admin.username)
    future = timezone.localdate() + dt.timedelta(days=1)
    response = client.post("/enforcement/entities/add/", entity_form(registered_on=future.isoformat()))
    assert "纳入监管日期不能晚于今天" in response.content.decode()
    assert not Entity.objects.filter(credit_code="92990121MA12345678").exists()
    client.post("/enforcement/entities/add/", entity_form(registered_on="2019-03-01"))
    entity = Entity.objects.get(credit_code="92990121MA12345678")
    assert entity.registered_on == dt.date(2019, 3, 1)
    assert "2019-03-01" in client.get(entity.get_absolute_url()).content.decode()


def test_a_credit_code_is_checked_and_registered_once(county_admin):
    client = login(county_admin.username)
    response = client.post("/enforcement/entities/add/", entity_form(credit_code="91990121MA1234567O"))
    assert "统一社会信用代码应为18位数字或大写字母" in response.content.decode()
    existing = Entity.objects.filter(org__code=UNIT).exclude(credit_code="").first()
    response = client.post("/enforcement/entities/add/", entity_form(credit_code=existing.credit_code))
    assert f"该统一社会信用代码已登记：{existing.name}" in response.content.decode()
    # one of another county is refused without naming it
    other = Entity.objects.filter(org__code__startswith="990102").exclude(credit_code="").first()
    page = client.post("/enforcement/entities/add/", entity_form(credit_code=other.credit_code)).content.decode()
    assert "该统一社会信用代码已在其他单位登记" in page and other.name not in page
    assert not Entity.objects.filter(name="示例县青石镇明华宾馆").exists()


def test_a_new_grade_is_kept_with_its_date_and_basis(county_admin):
    entity = make_entity(UNIT, credit_grade="B", graded_on=dt.date(2025, 12, 20))
    client = login(county_admin.username)
    day = timezone.localdate()
    response = client.post(f"/enforcement/entities/{entity.pk}/grade/",
                           {"grade": "C", "rated_on": f"{day:%Y-%m-%d}", "basis": "示卫罚〔2026〕12号行政处罚决定"})
    assert response.status_code == 302
    entity.refresh_from_db()
    assert (entity.credit_grade, entity.graded_on) == ("C", day)
    rating = CreditRating.objects.get(entity=entity)
    assert (rating.previous_grade, rating.grade, rating.created_by) == ("B", "C", county_admin)
    page = client.get(entity.get_absolute_url()).content.decode()
    assert "示卫罚〔2026〕12号行政处罚决定" in page and "原B级" in page
    # a grading dated before the last one, or without a basis, is refused and changes nothing
    page = client.post(f"/enforcement/entities/{entity.pk}/grade/",
                       {"grade": "A", "rated_on": "2025-01-01", "basis": "补录"}).content.decode()
    assert f"评定日期不能早于上次评定日期（{day:%Y-%m-%d}）" in page
    page = client.post(f"/enforcement/entities/{entity.pk}/grade/",
                       {"grade": "A", "rated_on": f"{day:%Y-%m-%d}", "basis": " "}).content.decode()
    assert "必填项" in page
    entity.refresh_from_db()
    assert entity.credit_grade == "C" and CreditRating.objects.filter(entity=entity).count() == 1


def test_the_grade_is_not_changed_by_editing_the_entry(county_admin):
    entity = make_entity(UNIT, credit_grade="D")
    client = login(county_admin.username)
    data = entity_form(name="改名后的宾馆", credit_code="", credit_grade="A")
    client.post(f"/enforcement/entities/{entity.pk}/edit/", data)
    entity.refresh_from_db()
    assert entity.name == "改名后的宾馆" and entity.credit_grade == "D"


def test_a_leader_reads_the_register_and_changes_nothing(county_leader):
    entity = make_entity(UNIT)
    client = login(county_leader.username)
    assert client.get(entity.get_absolute_url()).status_code == 200
    assert client.get("/enforcement/entities/add/").status_code == 403
    assert client.post(f"/enforcement/entities/{entity.pk}/grade/",
                       {"grade": "D", "rated_on": "2026-01-05", "basis": "x"}).status_code == 403
    assert not CreditRating.objects.filter(entity=entity).exists()


def test_practitioners_are_registered_on_a_medical_institution_only(county_admin):
    clinic = make_entity(UNIT, "示例县口腔诊所", category="clinic")
    hotel = make_entity(UNIT, "示例县宾馆", category="public_place")
    client = login(county_admin.username)
    data = {"name": "李医生", "profession": "医师", "licence_no": "110990121000123"}
    assert client.post(f"/enforcement/entities/{clinic.pk}/practitioners/add/", data).status_code == 302
    person = Practitioner.objects.get(licence_no="110990121000123")
    assert person.entity == clinic and person.org == clinic.org
    page = client.post(f"/enforcement/entities/{hotel.pk}/practitioners/add/",
                       {**data, "licence_no": "110990121000124"}).content.decode()
    assert "不是医疗机构" in page
    page = client.post(f"/enforcement/entities/{clinic.pk}/practitioners/add/", data).content.decode()
    assert "该执业证书编码已登记" in page
    assert Practitioner.objects.filter(name="李医生").count() == 1


def test_the_list_searches_name_credit_code_licence_and_address(county_admin):
    entity = make_entity(UNIT, "示例县搜索测试浴场", credit_code="92990121MA9ABCDEF1", licence_no="示卫公字第7777号",
                         address="示例县团结路77号")
    client = login(county_admin.username)
    for text in ("搜索测试浴场", "MA9ABCDEF1", "7777", "团结路77号"):
        assert entity.name in client.get(f"/enforcement/entities/?q={text}").content.decode(), text
    page = client.get("/enforcement/entities/?category=water&q=搜索测试").content.decode()
    assert entity.name not in page


def test_the_type_ahead_offers_only_entities_in_view(county_admin):
    mine = make_entity(UNIT, "示例县类型检索宾馆")
    theirs = make_entity("990102.wjw.wsjds", "示例区类型检索宾馆")
    page = login(county_admin.username).get("/enforcement/entities/search/?q=类型检索").content.decode()
    assert f'value="{mine.pk}"' in page and theirs.name not in page
    assert "没有找到" in login(county_admin.username).get("/enforcement/entities/search/?q=无此单位").content.decode()


def test_list_pages_and_exports_never_show_another_county(county_admin):
    client = login(county_admin.username)
    for url in ["/enforcement/officers/", "/enforcement/entities/", "/enforcement/inspections/",
                "/enforcement/points/?band=key", "/enforcement/powers/", "/enforcement/check-items/",
                "/enforcement/lenient-items/", "/enforcement/entities/?_export=xlsx",
                "/enforcement/inspections/?_export=xlsx", "/enforcement/officers/?_export=xlsx"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "示例区" not in response.content.decode("utf-8", errors="ignore"), url
    for url in ["/api/officers/", "/api/entities/", "/api/inspections/"]:
        data = client.get(url).json()
        assert data["count"] > 0 and all("990102" not in str(row) for row in data["results"]), url


def test_more_entities_do_not_mean_more_queries(county_admin):
    client = login(county_admin.username)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ["/enforcement/entities/", "/enforcement/entities/?band=key", "/enforcement/entities/?q=示例"]
    before = [count(url) for url in urls]
    for n in range(30):
        make_entity(UNIT, f"示例县新增单位{n}")
    assert [count(url) for url in urls] == before


def test_the_demo_names_more_entities_than_its_patterns_can(county):
    """A province wants more public places per county than pattern × town × branch can name: the names run on
    with a number instead of looping for ever, and none repeats."""
    import random

    from fazhi.core.demo import DemoContext
    from fazhi.enforcement.choices import EntityCategory
    from fazhi.enforcement.demo import NAMES, STREETS, TOWNSHIPS, Registers

    ctx = DemoContext(scale="province", today=dt.date(2026, 11, 22), rng=random.Random(1), province=county,
                      city=county)
    registers = Registers(ctx, county, User.objects.get(username="xian_fazhi"))
    possible = len(NAMES[EntityCategory.PUBLIC_PLACE]) * len(TOWNSHIPS + STREETS) * (1 + len(STREETS))
    seen: set[str] = set()
    names = [registers._entity_name(EntityCategory.PUBLIC_PLACE, seen) for _ in range(possible + 200)]
    assert len(set(names)) == len(names)
