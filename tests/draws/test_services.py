"""A 双随机 task from set-up to published results, through the services the pages call: every refused step
says why in Chinese (citing the law where a legal number decides) and changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from fazhi.core.deadlines import due_for
from fazhi.core.models import LegalTimeLimit, Org, User
from fazhi.draws import algorithm, selectors, services
from fazhi.draws.choices import DrawStatus, PickOutcome
from fazhi.draws.models import Draw, DrawTask, Pick
from fazhi.enforcement.choices import ConflictReason, CreditGrade, EntityStatus, InspectionKind, InspectionResult
from fazhi.enforcement.models import Inspection, OfficerConflict
from fazhi.enforcement.services import inspection_save

from ..enforcement.factories import make_entity, make_officer
from .factories import drawn, make_task, make_unit, stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return make_unit()


def state():
    return (list(DrawTask.all_objects.values_list("pk", "updated_at")),
            list(Draw.all_objects.values_list("pk", "status", "pool_hash", "seed")),
            list(Pick.objects.values_list("pk", "outcome")), Inspection.all_objects.count())


# ---------------------------------------------------------------- tasks
def test_a_team_smaller_than_the_legal_minimum_is_refused_citing_the_law(county_admin, unit):
    with pytest.raises(ValidationError) as error:
        make_task(county_admin, unit, team_size=1)
    minimum = LegalTimeLimit.objects.get(code="enforcement-min-officers")
    assert error.value.message_dict["team_size"] == [
        f"执法人员不得少于2人（{minimum.legal_basis}{minimum.article}）"]
    assert not DrawTask.objects.filter(org=unit).exists()


def test_a_task_without_a_team_size_takes_the_rules_tables_minimum(county_admin, unit):
    LegalTimeLimit.objects.filter(code="enforcement-min-officers").update(number=3)
    assert make_task(county_admin, unit, team_size=None).team_size == 3
    with pytest.raises(ValidationError, match="执法人员不得少于3人"):
        make_task(county_admin, unit, team_size=2)


def test_the_mode_and_the_sample_size_must_agree(county_admin, unit):
    with pytest.raises(ValidationError) as error:
        make_task(county_admin, unit, mode="fixed", sample_size=None)
    assert error.value.message_dict["sample_size"] == ["按数量抽取须填写抽取数量"]
    with pytest.raises(ValidationError) as error:
        make_task(county_admin, unit, mode="credit", sample_size=5)
    assert "由各等级的抽查比例计算" in error.value.message_dict["sample_size"][0]
    assert make_task(county_admin, unit, mode="credit", sample_size=None).sample_size is None


def test_a_county_cannot_draw_from_another_countys_entities(county_admin, unit, other_county):
    before = state()
    with pytest.raises(PermissionDenied, match="抽取范围“示例区卫生健康局”不在您的管理范围内"):
        make_task(county_admin, unit, pool_org=other_county)
    with pytest.raises(PermissionDenied):
        make_task(county_admin, Org.objects.get(code="990102.wjw.wsjds"))
    assert state() == before


def test_a_leader_reads_but_sets_up_nothing(county_leader, unit):
    with pytest.raises(PermissionDenied):
        make_task(county_leader, unit)


# ---------------------------------------------------------------- the draw
def test_a_draw_commits_first_fixes_its_pool_then_draws(county_admin, unit):
    officers, entities = stock(unit, entities=8, officers=4)
    task = make_task(county_admin, unit, sample_size=3)
    draw = services.draw_create(task=task, actor=county_admin)
    assert draw.status == DrawStatus.COMMITTED and draw.commitment == algorithm.commitment_of(draw.secret)
    assert not draw.pool and not draw.seed

    draw = services.draw_fix_pool(draw=draw, actor=county_admin)
    assert draw.status == DrawStatus.POOL_FIXED
    assert [e["id"] for e in draw.pool["entities"]] == sorted(e.pk for e in entities)
    assert draw.pool["officers"] == sorted(o.pk for o in officers)
    assert draw.pool_hash == algorithm.pool_hash(draw.pool)
    assert (draw.pool_entity_count, draw.pool_officer_count) == (8, 4)

    draw = services.draw_run(draw=draw, witness="驻局纪检组 王某某", witness_input="271828", actor=county_admin)
    assert draw.status == DrawStatus.DRAWN and draw.drawn_by == county_admin
    assert draw.seed == algorithm.derive_seed(draw.secret, draw.pool_hash, "271828")
    expected = algorithm.run(draw.pool, draw.seed)
    picks = list(selectors.draw_picks(draw))
    assert [(p.rank, p.entity_id, sorted(o.pk for o in p.officers.all())) for p in picks] == [
        (row["rank"], row["entity"], row["officers"]) for row in expected]
    assert all(p.outcome == PickOutcome.PENDING for p in picks)


def test_a_second_live_draw_of_a_task_is_refused(county_admin, unit):
    stock(unit)
    task = make_task(county_admin, unit)
    first = drawn(task, county_admin)
    with pytest.raises(ValidationError, match="该任务已有一次有效的抽取（已抽取），不能重复抽取"):
        services.draw_create(task=task, actor=county_admin)
    with pytest.raises(ValidationError, match="已抽取的结果不能作废，也不能重新抽取"):
        services.draw_void(draw=first, reason="结果不理想", actor=county_admin)
    with pytest.raises(ValidationError, match="不能再次抽取"):
        services.draw_run(draw=first, witness="甲", witness_input="9", actor=county_admin)
    assert list(Draw.objects.filter(task=task).values_list("status", flat=True)) == [DrawStatus.DRAWN]


def test_nothing_is_drawn_before_the_pool_is_fixed(county_admin, unit):
    stock(unit)
    draw = services.draw_create(task=make_task(county_admin, unit), actor=county_admin)
    with pytest.raises(ValidationError, match="名录尚未锁定，不能抽取"):
        services.draw_run(draw=draw, witness="驻局纪检组 王某某", witness_input="1", actor=county_admin)
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and not draw.picks.exists()


def test_the_witness_and_their_input_are_required(county_admin, unit):
    stock(unit)
    draw = services.draw_create(task=make_task(county_admin, unit), actor=county_admin)
    draw = services.draw_fix_pool(draw=draw, actor=county_admin)
    with pytest.raises(ValidationError) as error:
        services.draw_run(draw=draw, witness=" ", witness_input="", actor=county_admin)
    assert set(error.value.message_dict) == {"witness", "witness_input"}
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.POOL_FIXED


def test_a_pool_smaller_than_the_sample_is_refused(county_admin, unit):
    stock(unit, entities=3)
    draw = services.draw_create(task=make_task(county_admin, unit, sample_size=5), actor=county_admin)
    with pytest.raises(ValidationError, match=r"不能锁定名录：抽取数量（5）大于名录中的监管对象数（3）"):
        services.draw_fix_pool(draw=draw, actor=county_admin)
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED


def test_the_pool_leaves_out_closed_entities_other_categories_and_grades(county_admin, unit):
    stock(unit, entities=6, grades=[CreditGrade.A, CreditGrade.C])
    closed = make_entity(unit, status=EntityStatus.CLOSED, credit_grade=CreditGrade.C)
    school = make_entity(unit, category="school", credit_grade=CreditGrade.C)
    task = make_task(county_admin, unit, categories=["public_place"], grades=["C"], sample_size=1)
    draw = services.draw_fix_pool(draw=services.draw_create(task=task, actor=county_admin), actor=county_admin)
    ids = {e["id"] for e in draw.pool["entities"]}
    assert len(ids) == 3 and {e["grade"] for e in draw.pool["entities"]} == {"C"}
    assert closed.pk not in ids and school.pk not in ids


def test_the_pool_leaves_out_entities_not_yet_under_supervision(county_admin, unit):
    stock(unit, entities=3)
    opening = make_entity(unit, registered_on=timezone.localdate() + dt.timedelta(days=10))
    task = make_task(county_admin, unit, sample_size=1)
    draw = services.draw_fix_pool(draw=services.draw_create(task=task, actor=county_admin), actor=county_admin)
    ids = {e["id"] for e in draw.pool["entities"]}
    assert len(ids) == 3 and opening.pk not in ids


def test_officers_outside_the_task_unit_or_without_a_valid_certificate_never_enter_the_pool(county_admin, unit):
    officers, _ = stock(unit)
    lapsed = make_officer(unit, "过期者", valid_until=dt.date(2020, 6, 30))
    stranger = make_officer("990102.wjw.wsjds", "示例区执法员")
    draw = drawn(make_task(county_admin, unit), county_admin)
    assert set(draw.pool["officers"]) == {o.pk for o in officers}
    assert not Pick.officers.through.objects.filter(pick__draw=draw, officer__in=[lapsed, stranger]).exists()


def test_avoidance_and_the_last_inspectors_stand_aside(county_admin, unit):
    (a, b, c, d), entities = stock(unit, entities=4, officers=4)
    target = entities[0]
    OfficerConflict.objects.create(officer=a, entity=target, reason=ConflictReason.RELATIVE)
    inspection_save(org=unit, officers=[c, d], actor=county_admin, entity=target, date=dt.date(2026, 2, 1))
    inspection_save(org=unit, officers=[b, c], actor=county_admin, entity=target, date=dt.date(2026, 4, 1))
    task = make_task(county_admin, unit, sample_size=4)
    draw = services.draw_fix_pool(draw=services.draw_create(task=task, actor=county_admin), actor=county_admin)
    # the relative, and the two who inspected it last time; not d, who inspected it the time before
    assert draw.pool["avoid"] == {str(target.pk): sorted([a.pk, b.pk, c.pk])}
    # every entity is drawn, and only d is left for this one: no team of two can be formed
    with pytest.raises(ValidationError, match=target.name):
        services.draw_run(draw=draw, witness="驻局纪检组 王某某", witness_input="2", actor=county_admin)


def test_a_draw_that_cannot_form_a_team_names_the_entity_and_saves_nothing(county_admin, unit):
    (a, b, c), entities = stock(unit, entities=2, officers=3)
    for officer in (a, b):
        OfficerConflict.objects.create(officer=officer, entity=entities[1], reason=ConflictReason.FORMER)
    draw = services.draw_fix_pool(draw=services.draw_create(task=make_task(county_admin, unit, sample_size=2),
                                                            actor=county_admin), actor=county_admin)
    with pytest.raises(ValidationError) as error:
        services.draw_run(draw=draw, witness="驻局纪检组 王某某", witness_input="7", actor=county_admin)
    assert f"监管对象“{entities[1].name}”回避后可派的执法人员只有1人，不足每组2人" in error.value.messages[0]
    draw.refresh_from_db()
    assert draw.status == DrawStatus.POOL_FIXED and not draw.seed and not draw.picks.exists()


def test_credit_ratios_come_from_the_rules_table(county_admin, unit):
    stock(unit, entities=20, grades=[CreditGrade.A, CreditGrade.B, CreditGrade.C, CreditGrade.D])
    LegalTimeLimit.objects.filter(code="random-ratio-a").update(number=50)
    draw = drawn(make_task(county_admin, unit, mode="credit", sample_size=None), county_admin)
    assert draw.pool["rules"]["ratios"] == {"A": 50, "B": 10, "C": 30, "D": 100}
    strata = {g: draw.picks.filter(stratum=g).count() for g in "ABCD"}
    assert strata == {"A": 3, "B": 1, "C": 2, "D": 5}  # ceil(5×50%), ceil(5×10%), ceil(5×30%), 5×100%


def test_a_draw_is_voided_only_before_drawing_and_keeps_its_reason(county_admin, unit):
    stock(unit)
    task = make_task(county_admin, unit)
    draw = services.draw_create(task=task, actor=county_admin)
    with pytest.raises(ValidationError) as error:
        services.draw_void(draw=draw, reason=" ", actor=county_admin)
    assert error.value.message_dict == {"void_reason": ["请写明作废原因"]}
    services.draw_void(draw=draw, reason="抽查事项调整", actor=county_admin)
    assert Draw.objects.get(pk=draw.pk).void_reason == "抽查事项调整"
    again = drawn(task, county_admin)  # a voided draw leaves room for a new one
    assert selectors.live_draw(task) == again


def test_once_the_pool_is_fixed_what_it_is_made_of_cannot_change(county_admin, unit):
    stock(unit)
    task = make_task(county_admin, unit)
    services.draw_fix_pool(draw=services.draw_create(task=task, actor=county_admin), actor=county_admin)
    with pytest.raises(ValidationError, match="名录已锁定，不能再修改抽取数量"):
        services.task_save(task=task, org=task.org, actor=county_admin, sample_size=4)
    renamed = services.task_save(task=task, org=task.org, actor=county_admin, name="更名后的任务")
    assert renamed.name == "更名后的任务" and DrawTask.objects.get(pk=task.pk).sample_size == 3


def test_another_county_cannot_take_any_step(county_admin, other_county_admin, unit):
    stock(unit)
    task = make_task(county_admin, unit)
    draw = services.draw_create(task=task, actor=county_admin)
    before = state()
    for step in (lambda: services.draw_create(task=task, actor=other_county_admin),
                 lambda: services.draw_fix_pool(draw=draw, actor=other_county_admin),
                 lambda: services.draw_void(draw=draw, reason="x", actor=other_county_admin)):
        with pytest.raises(PermissionDenied):
            step()
    assert state() == before


# ---------------------------------------------------------------- picks
def test_the_drawn_team_inspects_and_the_result_is_due_for_publicity(county_admin, unit):
    stock(unit)
    draw = drawn(make_task(county_admin, unit), county_admin)
    pick = draw.picks.order_by("rank").first()
    today = timezone.localdate()
    pick = services.pick_inspect(pick=pick, date=today, actor=county_admin, result=InspectionResult.COMPLIANT,
                                 findings="未发现问题")
    inspection = pick.inspection
    assert pick.outcome == PickOutcome.INSPECTED and pick.settled_on == today
    assert inspection.kind == InspectionKind.RANDOM and inspection.entity == pick.entity
    assert set(inspection.officers.all()) == set(pick.officers.all())
    assert pick.result_due == due_for("random-inspection-publicity", today).date
    with pytest.raises(ValidationError, match="已登记为“已检查”"):
        services.pick_inspect(pick=pick, date=today, actor=county_admin)


def test_an_inspection_cannot_predate_its_draw(county_admin, unit):
    stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.first()
    with pytest.raises(ValidationError) as error:
        services.pick_inspect(pick=pick, date=timezone.localdate() - dt.timedelta(days=1), actor=county_admin)
    assert "日期不能早于抽取日期" in error.value.message_dict["date"][0]
    assert Pick.objects.get(pk=pick.pk).outcome == PickOutcome.PENDING


def test_another_team_inspects_only_with_the_reason_kept_in_the_picks_history(county_admin, unit):
    officers, _ = stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.order_by("rank").first()
    others = [o for o in officers if o not in set(pick.officers.all())]
    with pytest.raises(ValidationError) as error:
        services.pick_inspect(pick=pick, date=timezone.localdate(), actor=county_admin, officers=others)
    assert "请写明调整原因" in error.value.message_dict["team_change_reason"][0]
    assert Pick.objects.get(pk=pick.pk).outcome == PickOutcome.PENDING and not Inspection.objects.filter(
        entity=pick.entity).exists()
    services.pick_inspect(pick=pick, date=timezone.localdate(), actor=county_admin, officers=others,
                          team_change_reason="张某病假")
    pick.refresh_from_db()
    assert pick.team_change_reason == "张某病假" and set(pick.inspection.officers.all()) == set(others)
    assert pick.history.first().team_change_reason == "张某病假"
    assert pick.history.first().history_user == county_admin


def test_an_inspection_of_a_pick_keeps_its_entity_and_kind_and_none_is_dated_ahead(county_admin, unit):
    stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.order_by("rank").first()
    with pytest.raises(ValidationError) as error:
        services.pick_inspect(pick=pick, date=timezone.localdate() + dt.timedelta(days=1), actor=county_admin)
    assert error.value.message_dict["date"] == ["检查日期不能晚于今天：检查结束后再登记"]
    assert Pick.objects.get(pk=pick.pk).outcome == PickOutcome.PENDING
    pick = services.pick_inspect(pick=pick, date=timezone.localdate(), actor=county_admin)
    inspection, team = pick.inspection, list(pick.officers.all())
    other = make_entity(unit)
    with pytest.raises(ValidationError) as error:
        inspection_save(org=inspection.org, officers=team, actor=county_admin, inspection=inspection,
                        entity=other, kind=InspectionKind.ROUTINE)
    assert error.value.message_dict == {"entity": ["该检查是双随机抽中对象的检查，监管对象不能更改"],
                                        "kind": ["该检查是双随机抽中对象的检查，检查类型须为“双随机抽查”"]}
    saved = Inspection.objects.get(pk=inspection.pk)
    assert (saved.entity, saved.kind) == (pick.entity, InspectionKind.RANDOM)
    inspection_save(org=inspection.org, officers=team, actor=county_admin, inspection=saved, findings="补记情况")
    assert Inspection.objects.get(pk=inspection.pk).findings == "补记情况"


def test_officers_from_another_county_cannot_join_the_inspection(county_admin, unit):
    officers, _ = stock(unit)
    stranger = make_officer("990102.wjw.wsjds", "示例区执法员")
    pick = drawn(make_task(county_admin, unit), county_admin).picks.first()
    before = Inspection.all_objects.count()
    with pytest.raises(ValidationError) as error:
        services.pick_inspect(pick=pick, date=timezone.localdate(), actor=county_admin,
                              officers=[officers[0], stranger])
    assert error.value.message_dict["officers"] == ["示例区执法员不属于本任务单位的执法人员，不能参加本次抽查"]
    assert Inspection.all_objects.count() == before


def test_an_entity_that_cannot_be_inspected_is_settled_with_its_reason(county_admin, unit):
    stock(unit)
    pick = drawn(make_task(county_admin, unit), county_admin).picks.first()
    with pytest.raises(ValidationError) as error:
        services.pick_unable(pick=pick, reason="", actor=county_admin)
    assert "停业、注销、查无此户" in error.value.message_dict["unable_reason"][0]
    pick = services.pick_unable(pick=pick, reason="停业", actor=county_admin)
    assert (pick.outcome, pick.unable_reason, pick.inspection) == (PickOutcome.UNABLE, "停业", None)


def test_an_officer_of_the_unit_registers_the_inspection(unit, county_admin):
    """The 执法人员 account works in the enforcement unit the task belongs to."""
    officer_user = User.objects.get(username="xian_zhifa")
    wsjds = officer_user.org
    officers = [make_officer(wsjds) for _ in range(2)]
    task = make_task(county_admin, wsjds, pool_org=wsjds, sample_size=1, name="大队抽查")
    pick = drawn(task, officer_user).picks.get()
    services.pick_inspect(pick=pick, date=timezone.localdate(), actor=officer_user, officers=officers,
                          team_change_reason="抽中人员外出培训")
    inspection = Pick.objects.get(pk=pick.pk).inspection
    assert inspection.org == wsjds and inspection.created_by == officer_user


def test_results_are_published_once_settled(county_admin, unit):
    stock(unit)
    draw = drawn(make_task(county_admin, unit), county_admin)
    with pytest.raises(ValidationError, match="没有待公示的检查结果"):
        services.draw_publish_results(draw=draw, actor=county_admin)
    first, second, _ = draw.picks.order_by("rank")
    services.pick_inspect(pick=first, date=timezone.localdate(), actor=county_admin)
    services.pick_unable(pick=second, reason="查无此户", actor=county_admin)
    assert services.draw_publish_results(draw=draw, actor=county_admin) == 2
    assert draw.picks.filter(result_published_at__isnull=False).count() == 2
    assert selectors.publicity(draw, timezone.localdate()).published == 2


def test_a_task_with_a_draw_keeps_its_unit(county_admin, unit):
    stock(unit)
    task = make_task(county_admin, unit)
    services.draw_create(task=task, actor=county_admin)
    with pytest.raises(ValidationError) as error:
        services.task_save(task=task, org=make_unit(), actor=county_admin)
    assert error.value.message_dict == {"org": ["已发起抽取的任务不能更换组织单位"]}
    assert DrawTask.objects.get(pk=task.pk).org == unit


def test_a_superuser_sets_up_a_task_with_check_items_from_the_catalogue(unit):
    from fazhi.enforcement.models import CheckItem
    from fazhi.enforcement.selectors import catalogue_visible

    superuser = User.objects.create_superuser("chaoji", password="Chaoji-Mima-2026")
    # "Everything, or the lists above": the superuser's everything must survive being OR-ed.
    assert catalogue_visible(CheckItem, superuser).count() == CheckItem.objects.count() > 0
    items = list(CheckItem.objects.filter(category="public_place")[:2])
    task = make_task(superuser, unit, items=items)
    assert set(task.items.all()) == set(items)
