"""Who may inspect together: at least two officers with certificates valid that day, none who must stand
aside from the entity."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import LegalTimeLimit, User
from fazhi.enforcement.choices import ConflictReason, InspectionResult, OfficerStatus
from fazhi.enforcement.models import Inspection, OfficerConflict
from fazhi.enforcement.services import inspection_save, team_problems

from .factories import make_entity, make_officer

pytestmark = pytest.mark.django_db
UNIT = "990121.wjw.wsjds"
DAY = dt.date(2026, 5, 12)


def test_two_certified_officers_may_inspect():
    a, b = make_officer(UNIT), make_officer(UNIT)
    assert team_problems(officers=[a, b], on=DAY) == []


def test_one_officer_alone_is_refused_citing_the_law():
    (problem,) = team_problems(officers=[make_officer(UNIT)], on=DAY)
    assert problem == "执法人员不得少于2人（《中华人民共和国行政处罚法》（2021年修订）第四十二条）"


def test_the_minimum_comes_from_the_rules_table():
    LegalTimeLimit.objects.filter(code="enforcement-min-officers").update(number=3)
    problems = team_problems(officers=[make_officer(UNIT), make_officer(UNIT)], on=DAY)
    assert problems and problems[0].startswith("执法人员不得少于3人")


def test_an_expired_or_withheld_certificate_is_refused_by_name():
    expired = make_officer(UNIT, "过期者", valid_until=dt.date(2026, 5, 11))
    withheld = make_officer(UNIT, "暂扣者", status=OfficerStatus.SUSPENDED)
    problems = team_problems(officers=[expired, withheld], on=DAY)
    assert any("过期者" in p and "证件已于2026-05-11到期" in p for p in problems)
    assert any("暂扣者" in p and "暂扣证件" in p for p in problems)
    # the day before expiry the same officer was fine
    assert team_problems(officers=[expired, make_officer(UNIT)], on=dt.date(2026, 5, 11)) == []


def test_an_officer_who_must_stand_aside_is_refused():
    entity = make_entity(UNIT)
    a, b = make_officer(UNIT, "甲"), make_officer(UNIT, "乙")
    OfficerConflict.objects.create(officer=b, entity=entity, reason=ConflictReason.RELATIVE)
    (problem,) = team_problems(officers=[a, b], on=DAY, entity=entity)
    assert "乙" in problem and "回避" in problem


def test_an_inspection_with_a_lone_officer_saves_nothing():
    actor = User.objects.get(username="xian_zhifa")
    entity = make_entity(UNIT)
    with pytest.raises(ValidationError) as error:
        inspection_save(org=entity.org, officers=[make_officer(UNIT)], actor=actor, entity=entity, date=DAY,
                        result=InspectionResult.COMPLIANT)
    assert "officers" in error.value.message_dict
    assert not Inspection.objects.filter(entity=entity).exists()


def test_correction_needs_an_opinion_and_a_deadline():
    actor = User.objects.get(username="xian_zhifa")
    entity = make_entity(UNIT)
    team = [make_officer(UNIT), make_officer(UNIT)]
    with pytest.raises(ValidationError) as error:
        inspection_save(org=entity.org, officers=team, actor=actor, entity=entity, date=DAY,
                        result=InspectionResult.RECTIFY)
    assert "opinion_no" in error.value.message_dict
    inspection = inspection_save(org=entity.org, officers=team, actor=actor, entity=entity, date=DAY,
                                 result=InspectionResult.RECTIFY, opinion_no="示县卫监意〔2026〕1号",
                                 rectify_by=DAY + dt.timedelta(days=15))
    assert inspection.follow_up == "pending" and inspection.officers.count() == 2
