"""Bad-practice points (不良执业行为记分): given to an institution or one of its own practitioners, added up
over the rules table's cycle, and banded by the rules table's thresholds — which an administrator may change."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import LegalTimeLimit, User
from fazhi.enforcement.choices import PointBand, PointSubject
from fazhi.enforcement.models import PointRecord, Practitioner
from fazhi.enforcement.selectors import standings
from fazhi.enforcement.services import point_add
from tests.conftest import TODAY, login

from .factories import make_entity

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"


@pytest.fixture
def actor(db):
    return User.objects.get(username="xian_zhifa")


@pytest.fixture
def clinic(db):
    return make_entity(UNIT, "示例县记分测试诊所", category="clinic")


def doctor(entity, name="张医生"):
    return Practitioner.objects.create(org=entity.org, entity=entity, name=name, licence_no=f"LIC-{name}-{entity.pk}")


def give(entity, actor, days_ago, points, practitioner=None):
    return point_add(entity=entity, date=timezone.localdate() - dt.timedelta(days=days_ago), behaviour="病历书写不规范",
                     points=points, practitioner=practitioner, actor=actor)


def standing_of(entity, subject=PointSubject.INSTITUTION, pk=None):
    return standings(PointRecord.objects.filter(entity=entity), timezone.localdate()).get((subject, pk or entity.pk))


def test_points_add_up_and_reach_the_bands_of_the_rules_table(clinic, actor):
    give(clinic, actor, 30, 6)
    assert standing_of(clinic).total == 6 and standing_of(clinic).band is None
    give(clinic, actor, 10, 6)
    assert (standing_of(clinic).total, standing_of(clinic).band) == (12, PointBand.KEY_SUPERVISION)
    give(clinic, actor, 1, 6)
    assert standing_of(clinic).band == PointBand.INTERVIEW


def test_the_bands_move_when_the_rules_row_changes(clinic, actor):
    give(clinic, actor, 5, 12)
    assert standing_of(clinic).band == PointBand.KEY_SUPERVISION
    LegalTimeLimit.objects.filter(code="points-key-supervision").update(number=15)
    assert standing_of(clinic).band is None
    LegalTimeLimit.objects.filter(code="points-interview").update(number=10)
    assert standing_of(clinic).band == PointBand.INTERVIEW
    page = login(actor.username).get(clinic.get_absolute_url()).content.decode()
    assert "约谈" in page and "12<small" in page


def test_one_record_gives_at_most_the_rules_tables_maximum(clinic, actor):
    with pytest.raises(ValidationError) as error:
        give(clinic, actor, 1, 13)
    assert error.value.message_dict["points"] == ["一次记分不得超过12分（地方医疗机构不良执业行为记分管理办法）"]
    assert not PointRecord.objects.filter(entity=clinic).exists()
    LegalTimeLimit.objects.filter(code="points-max-per-record").update(number=15)
    assert give(clinic, actor, 1, 13).points == 13


def test_a_cycle_starts_with_its_first_points_and_ends_clean(clinic, actor, django_capture_on_commit_callbacks):
    # a year's cycle (the rules table's default) from points given 500 days ago is long over
    give(clinic, actor, 500, 10)
    give(clinic, actor, 400, 10)  # still in that first cycle
    assert standing_of(clinic) is None
    give(clinic, actor, 20, 4)  # opens a new cycle
    now = standing_of(clinic)
    assert now.total == 4 and now.start == timezone.localdate() - dt.timedelta(days=20)
    cycle = LegalTimeLimit.objects.get(code="points-cycle")
    cycle.number = 3  # a three-year cycle, saved as the rules page saves it: the stored cycles follow
    with django_capture_on_commit_callbacks(execute=True):
        cycle.save()
    assert standing_of(clinic).total == 24 and standing_of(clinic).band == PointBand.SUSPEND


def test_a_practitioner_is_scored_apart_from_the_institution(clinic, actor):
    person = doctor(clinic)
    give(clinic, actor, 3, 12, practitioner=person)
    assert standing_of(clinic) is None
    assert standing_of(clinic, PointSubject.PRACTITIONER, person.pk).band == PointBand.KEY_SUPERVISION


def test_only_the_institutions_own_practitioner_can_be_scored(clinic, actor):
    elsewhere = doctor(make_entity(UNIT, "另一家诊所", category="clinic"), "外院医生")
    with pytest.raises(ValidationError) as error:
        give(clinic, actor, 1, 2, practitioner=elsewhere)
    assert error.value.message_dict["practitioner"] == ["外院医生不是示例县记分测试诊所的医务人员"]
    with pytest.raises(ValidationError) as error:
        give(make_entity(UNIT, "示例县游泳馆"), actor, 1, 2)
    assert "不是医疗机构" in error.value.messages[0]
    assert not PointRecord.objects.filter(entity=clinic).exists()


def test_points_are_given_and_withdrawn_through_the_entity_page(clinic, actor):
    person = doctor(clinic)
    client = login(actor.username)
    day = timezone.localdate()
    response = client.post(f"/enforcement/entities/{clinic.pk}/points/add/", {
        "practitioner": person.pk, "date": f"{day:%Y-%m-%d}", "behaviour": "超范围执业", "points": 12, "basis": ""},
        follow=True)
    page = response.content.decode()
    assert "本记分周期累计12分，已达到“重点监管”" in page
    record = PointRecord.objects.get(entity=clinic)
    assert record.subject == PointSubject.PRACTITIONER and record.created_by == actor
    page = client.post(f"/enforcement/entities/{clinic.pk}/points/add/", {
        "date": f"{day:%Y-%m-%d}", "behaviour": "超范围执业", "points": 13}).content.decode()
    assert "一次记分不得超过12分" in page and PointRecord.objects.filter(entity=clinic).count() == 1
    client.post(f"/enforcement/points/{record.pk}/delete/")
    assert not PointRecord.objects.filter(entity=clinic).exists()
    assert PointRecord.all_objects.get(pk=record.pk).deleted_by == actor


def test_the_band_list_and_the_register_filter_show_who_reached_a_band(clinic, actor, county_admin):
    person = doctor(clinic)
    give(clinic, actor, 3, 12)
    give(clinic, actor, 2, 10, practitioner=person)
    give(clinic, actor, 1, 10, practitioner=person)
    client = login(county_admin.username)
    page = client.get("/enforcement/points/?band=key").content.decode()
    assert "示例县记分测试诊所" in page and "张医生" in page
    page = client.get("/enforcement/points/?band=interview").content.decode()
    assert "张医生" in page and "20分" in page and "<td>示例县记分测试诊所</td>" not in page
    assert clinic.name in client.get("/enforcement/entities/?band=key").content.decode()
    assert clinic.name in client.get("/enforcement/entities/?band=interview").content.decode()  # by its doctor
    assert clinic.name not in client.get("/enforcement/entities/?band=suspend").content.decode()


def test_more_points_do_not_mean_more_queries_on_the_band_list(clinic, actor, county_admin):
    client = login(county_admin.username)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/enforcement/points/?band=key").status_code == 200
        return len(queries)

    give(clinic, actor, 1, 12)
    before = count()
    for n in range(10):
        entity = make_entity(UNIT, f"诊所{n}", category="clinic")
        give(entity, actor, 2, 12)
        give(entity, actor, 1, 6, practitioner=doctor(entity, f"医生{n}"))
    assert count() == before


@pytest.fixture(autouse=True)
def stored_cycles_stay_current():
    """After every test here, recounting the cycles of the subjects it scored changes nothing: no service left
    a record's stored cycle behind."""
    from django.utils import timezone as tz

    from fazhi.enforcement.stored import chain_cycles

    started = tz.now()
    yield
    touched = PointRecord.all_objects.filter(updated_at__gte=started).values("entity_id")
    assert chain_cycles(PointRecord.all_objects.filter(entity_id__in=touched)) == 0


def test_a_deleted_record_leaves_its_cycle_and_the_standing(clinic, actor):
    from fazhi.core.services import record_delete

    first = give(clinic, actor, 30, 6)
    give(clinic, actor, 10, 6)
    assert standing_of(clinic).total == 12
    record_delete(record=first, actor=actor)
    assert standing_of(clinic).total == 6
    assert standing_of(clinic).start == TODAY - dt.timedelta(days=10)
