"""Case-file evaluation (案卷评查): a round's checklist, scores with their reasons, the grade from the round's
lines, and the round's pass rate, excellent files and typical cases."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.cases import evaluation, services
from fazhi.cases.choices import EvaluationGrade, ServiceMethod
from fazhi.core.models import Org
from tests.conftest import login
from tests.enforcement.factories import make_officer

from .factories import UNIT, decided_case, office, officer, user

pytestmark = pytest.mark.django_db
YEAR = 2026


def closed_case(**fields):
    case = decided_case(fine=600, **fields)
    case = services.case_serve(case=case, method=ServiceMethod.IN_PERSON, on=dt.date(2026, 3, 20), actor=officer())
    case = services.case_execute(case=case, kind="paid", paid_amount=600, on=dt.date(2026, 3, 27), actor=officer())
    return services.case_close(case=case, on=dt.date(2026, 3, 30), actor=officer())


def new_round(org_code="990121.wjw", actor=None, **kwargs):
    return evaluation.evaluation_round_create(org=Org.objects.get(code=org_code), year=YEAR, name="2026年度案卷评查",
                                              actor=actor or office(), **kwargs)


def full_marks(evaluation_round, changes=None):
    """Points by line: full marks but for `changes` ({line number: points})."""
    changes = changes or {}
    return {item.pk: changes.get(item.seq, item.max_points) for item in evaluation_round.checklist.all()}


def test_a_round_starts_from_the_default_checklist_of_a_hundred_points():
    evaluation_round = new_round()
    items = list(evaluation_round.checklist.all())
    assert 10 <= len(items) <= 14 and sum(i.max_points for i in items) == 100
    sections = list(dict.fromkeys(i.section for i in items))
    assert sections == ["立案", "调查取证", "告知", "审核", "决定", "送达执行", "归档"]


def test_a_checklist_that_does_not_total_a_hundred_is_refused():
    with pytest.raises(ValidationError) as error:
        new_round(lines=[("立案", "立案手续完备", Decimal(40)), ("决定", "决定正确", Decimal(50))])
    assert "合计应为100分" in str(error.value)


def test_only_the_legal_affairs_office_organises_a_round():
    with pytest.raises(PermissionDenied):
        new_round(actor=officer())


def test_the_grade_follows_the_rounds_lines_and_a_deduction_needs_its_reason():
    evaluation_round = new_round()
    case = closed_case()
    with pytest.raises(ValidationError) as error:
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=case, actor=office(),
                                    points=full_marks(evaluation_round, {4: Decimal(5)}))
    assert "扣分的须写明理由" in str(error.value)
    fourth = evaluation_round.checklist.get(seq=4)
    scored = evaluation.evaluation_score(evaluation_round=evaluation_round, case=case, actor=office(),
                                         points=full_marks(evaluation_round, {4: Decimal(5)}),
                                         remarks={fourth.pk: "缺少现场录像"}, is_typical=True)
    assert scored.total == Decimal(90) and scored.grade == EvaluationGrade.EXCELLENT and scored.is_typical
    other = evaluation.evaluation_score(evaluation_round=evaluation_round, case=closed_case(), actor=office(),
                                        points=full_marks(evaluation_round, {4: Decimal(0), 5: Decimal(0)}),
                                        remarks={fourth.pk: "无", evaluation_round.checklist.get(seq=5).pk: "无"})
    assert other.total == Decimal(75) and other.grade == EvaluationGrade.PASS


def test_a_point_above_the_lines_value_is_refused():
    evaluation_round = new_round()
    with pytest.raises(ValidationError) as error:
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=closed_case(), actor=office(),
                                    points=full_marks(evaluation_round, {1: Decimal(6)}))
    assert "得分应在0至5分之间" in str(error.value)


def test_an_evaluator_never_scores_a_file_they_worked_on_and_only_closed_files_of_the_year():
    own = user("xian_shenhe")
    evaluation_round = new_round()
    case = closed_case(officers=[make_officer(UNIT, user=own), make_officer(UNIT)])
    with pytest.raises(PermissionDenied):
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=case, actor=own,
                                    points=full_marks(evaluation_round))
    with pytest.raises(ValidationError) as error:
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=decided_case(), actor=office(),
                                    points=full_marks(evaluation_round))
    assert "已结案" in str(error.value)


def test_a_city_round_covers_its_counties_files():
    city_round = new_round("990100.wjw", actor=user("shi_fazhi"))
    case = closed_case()
    assert evaluation.pool(city_round).filter(pk=case.pk).exists()
    county_round = new_round()
    assert not evaluation.pool(county_round).filter(org__code__startswith="990102").exists()


def test_the_round_page_shows_the_pass_rate_the_excellent_files_and_the_typical_cases():
    evaluation_round = new_round()
    fourth = evaluation_round.checklist.get(seq=4)
    for points, typical in ((full_marks(evaluation_round), True),
                            (full_marks(evaluation_round, {4: Decimal(0), 8: Decimal(0), 9: Decimal(0)}), False)):
        remarks = {item.pk: "扣分" for item in evaluation_round.checklist.all() if points[item.pk] < item.max_points}
        evaluation.evaluation_score(evaluation_round=evaluation_round, case=closed_case(), actor=office(),
                                    points=points, remarks=remarks, is_typical=typical)
    assert fourth.max_points == 15
    page = login("xian_fazhi").get(f"/enforcement/cases/evaluations/{evaluation_round.pk}/").content.decode()
    assert 'data-testid="pass-rate">50.0%' in page
    assert 'data-testid="excellent-count">1<' in page and 'data-testid="typical-count">1<' in page


def test_scoring_through_the_page():
    evaluation_round = new_round()
    case = closed_case()
    client = login("xian_fazhi")
    data = {f"points_{i.pk}": str(i.max_points) for i in evaluation_round.checklist.all()}
    data.update({f"remark_{i.pk}": "" for i in evaluation_round.checklist.all()}, comments="规范")
    first = evaluation_round.checklist.get(seq=1)
    data[f"points_{first.pk}"] = "3"
    url = f"/enforcement/cases/evaluations/{evaluation_round.pk}/cases/{case.pk}/"
    response = client.post(url, data)
    assert response.status_code == 200 and "扣分的须写明理由" in response.content.decode()
    data[f"remark_{first.pk}"] = "立案审批表未签署日期"
    assert client.post(url, data).status_code == 302
    assert evaluation_round.evaluations.get(case=case).total == Decimal(98)
    assert "立案审批表未签署日期" in client.get(url).content.decode()
