"""A penalty case step by step, and each legal gate on the way: the refused step saves nothing, says why in
Chinese and cites the law; the numbers come from the rules table, so changing a row moves the gate."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.cases import services
from fazhi.cases.choices import CaseStatus, DecisionKind, ServiceMethod, StepKind
from fazhi.cases.models import Case, CaseStep
from fazhi.core.models import LegalTimeLimit
from fazhi.enforcement.choices import ConflictReason, LenientKind
from fazhi.enforcement.models import LenientItem, OfficerConflict
from tests.conftest import TODAY, login
from tests.enforcement.factories import make_entity, make_officer

from .factories import (
    OPENED,
    OTHER_UNIT,
    UNIT,
    C,
    F,
    P,
    W,
    decided_case,
    notified_case,
    office,
    officer,
    open_case,
    passed_review,
    reviewer,
    team,
    unit,
    user,
    waived,
)

pytestmark = pytest.mark.django_db


def refused(call, **kwargs) -> str:
    """Run a service that must refuse; return its message."""
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return " ".join(error.value.messages)


def steps_of(case) -> list[str]:
    return list(CaseStep.objects.filter(case=case).order_by("seq").values_list("kind", flat=True))


def set_rule(code, **fields):
    LegalTimeLimit.objects.filter(code=code).update(**fields)


# ---------------------------------------------------------------- 立案
def test_a_case_is_opened_by_two_officers_with_a_number_of_the_org_and_year():
    first, second = open_case(), open_case()
    assert first.number.startswith("示例县卫健立〔2026〕") and first.number.endswith("号")
    assert second.seq == first.seq + 1 and second.number == f"示例县卫健立〔2026〕{second.seq}号"
    assert first.status == CaseStatus.INVESTIGATING and steps_of(first) == [StepKind.OPEN]
    assert first.party_name == first.entity.name and first.party_kind == "organisation"


def test_the_partys_kind_is_the_registers_and_a_contradicting_form_is_refused():
    person = make_entity(UNIT, "张三诊所", is_individual=True)
    before = Case.objects.count()
    message = refused(services.case_open, org=unit(), officers=team(), entity=person, party_kind="organisation",
                      cause="x", actor=officer(), on=OPENED)
    assert "当事人类型应与监管对象库登记一致" in message and "公民" in message
    message = refused(services.case_on_the_spot, org=unit(), officers=team(), entity=person,
                      party_kind="organisation", cause="x", penalty_kinds=[F], fine=3000, on=OPENED, actor=officer())
    assert "当事人类型应与监管对象库登记一致" in message
    assert Case.objects.count() == before
    # Left empty or agreeing, the register's kind holds, and with it the individual's on-the-spot ceiling.
    assert "应适用普通程序" in refused(services.case_on_the_spot, org=unit(), officers=team(), entity=person,
                                  cause="x", penalty_kinds=[F], fine=3000, on=OPENED, actor=officer())
    case = services.case_open(org=unit(), officers=team(), entity=person, party_kind="individual", cause="x",
                              actor=officer(), on=OPENED)
    assert case.party_kind == "individual"


def test_a_lone_officer_cannot_open_a_case_and_nothing_is_saved():
    before = Case.objects.count()
    message = refused(open_case, officers=[make_officer(UNIT)])
    assert "执法人员不得少于2人" in message and "第四十二条" in message
    assert Case.objects.count() == before


def test_an_officer_who_must_stand_aside_cannot_be_on_the_case():
    entity = make_entity(UNIT)
    a, b = make_officer(UNIT, "甲"), make_officer(UNIT, "乙")
    OfficerConflict.objects.create(officer=b, entity=entity, reason=ConflictReason.RELATIVE)
    with pytest.raises(ValidationError) as error:
        services.case_open(org=unit(), officers=[a, b], entity=entity, cause="x", actor=officer(), on=OPENED)
    assert "乙" in str(error.value) and "回避" in str(error.value)
    assert not Case.objects.filter(entity=entity).exists()


def test_a_leader_reads_cases_but_opens_none():
    with pytest.raises(PermissionDenied):
        open_case(actor=user("xian_lingdao"))


def test_another_countys_officer_cannot_act_on_the_case():
    case = open_case()
    with pytest.raises(PermissionDenied):
        services.case_add_evidence(case=case, note="笔录", on=OPENED, actor=user("qu_zhifa"))
    assert steps_of(case) == [StepKind.OPEN]


def test_a_step_dated_in_the_future_is_refused():
    case = open_case()
    tomorrow = TODAY + dt.timedelta(days=1)
    assert "不能晚于今天" in refused(services.case_add_evidence, case=case, note="笔录", on=tomorrow, actor=officer())


# ---------------------------------------------------------------- 告知 and the right to a hearing
@pytest.mark.parametrize(("individual", "fine", "right"), [
    (True, 4999, False), (True, 5000, True), (False, 99999, False), (False, 100000, True)])
def test_the_hearing_right_follows_the_amount_and_the_partys_kind(individual, fine, right):
    case = notified_case(fine=fine, individual=individual)
    assert case.hearing_right is right
    assert case.status == CaseStatus.NOTIFIED


def test_a_heavy_penalty_gives_the_right_to_a_hearing_whatever_the_amount():
    case = notified_case(fine=0, kinds=["warning", "suspend_business"])
    assert case.hearing_right is True
    step = case.steps.get(kind=StepKind.NOTIFY)
    assert "责令停产停业" in step.parameters["hearing_reason"]


def test_the_hearing_amount_comes_from_the_rules_table():
    set_rule("hearing-amount-organisation", number=2000)
    assert notified_case(fine=2000).hearing_right is True


def test_a_fine_needs_the_fine_kind_and_the_fine_kind_needs_an_amount():
    case = open_case()
    assert "罚款" in refused(services.case_notify, case=case, penalty_kinds=[W], fine=500, actor=officer(),
                            on=OPENED)
    assert "罚款" in refused(services.case_notify, case=case, penalty_kinds=[W, F], fine=0, actor=officer(), on=OPENED)
    assert "没收违法所得" in refused(services.case_notify, case=case, penalty_kinds=[W], confiscation=100,
                                  actor=officer(), on=OPENED)
    case.refresh_from_db()
    assert case.notified_on is None and steps_of(case) == [StepKind.OPEN]


def test_no_hearing_can_be_asked_for_without_the_right():
    case = notified_case(fine=1000)
    message = refused(services.case_request_hearing, case=case, on=dt.date(2026, 3, 11), actor=officer())
    assert "不享有要求听证的权利" in message and "第六十三条" in message
    case.refresh_from_db()
    assert case.hearing_requested_on is None and case.status == CaseStatus.NOTIFIED


def test_a_hearing_must_be_asked_for_within_the_time_after_the_notice():
    case = notified_case(fine=100000)  # notified Tuesday 10 March 2026: five working days run to 17 March
    message = refused(services.case_request_hearing, case=case, on=dt.date(2026, 3, 18), actor=officer())
    assert "2026年3月17日" in message and "第六十四条第一项" in message
    assert services.case_request_hearing(case=case, on=dt.date(2026, 3, 17), actor=officer()).status == \
        CaseStatus.HEARING


def test_the_hearing_notice_must_come_the_rules_tables_days_before_the_hearing():
    case = services.case_request_hearing(case=notified_case(fine=100000), on=dt.date(2026, 3, 12), actor=officer())
    # 7 working days before Monday 23 March is Thursday 12 March
    message = refused(services.case_notice_hearing, case=case, hearing_on=dt.date(2026, 3, 23), place="会议室",
                      on=dt.date(2026, 3, 13), actor=officer())
    assert "7工作日" in message and "2026年3月12日" in message and "第六十四条第二项" in message
    set_rule("penalty-hearing-notice", number=3)
    case = services.case_notice_hearing(case=case, hearing_on=dt.date(2026, 3, 23), place="会议室",
                                        on=dt.date(2026, 3, 13), actor=officer())
    assert case.hearing_on == dt.date(2026, 3, 23)


def test_the_hearing_is_held_on_the_day_noticed_by_someone_who_did_not_investigate():
    case = services.case_request_hearing(case=notified_case(fine=100000), on=dt.date(2026, 3, 12), actor=officer())
    case = services.case_notice_hearing(case=case, hearing_on=dt.date(2026, 3, 25), place="会议室",
                                        on=dt.date(2026, 3, 12), actor=officer())
    investigator = case.officers.first().name
    assert "非本案调查人员" in refused(services.case_hold_hearing, case=case, presider=investigator, note="听证",
                                   on=dt.date(2026, 3, 25), actor=officer())
    assert "重新通知" in refused(services.case_hold_hearing, case=case, presider="法制科", note="听证",
                              on=dt.date(2026, 3, 26), actor=officer())
    assert services.case_hold_hearing(case=case, presider="法制科", note="听证", on=dt.date(2026, 3, 25),
                                      actor=officer()).hearing_held


# ---------------------------------------------------------------- 决定
def test_a_penalty_cannot_be_decided_before_the_party_was_notified():
    case = open_case()
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W],
                      on=dt.date(2026, 3, 20), actor=officer())
    assert "告知" in message and "第四十四条" in message
    case.refresh_from_db()
    assert not case.decision_no and case.status == CaseStatus.INVESTIGATING


@pytest.mark.parametrize(("kinds", "fine", "confiscation", "why"), [
    ([W, F, "suspend_business"], 1000, 0, "增加了责令停产停业"),
    ([W, F], 1500, 0, "罚款1,500元高于告知的1,000元"),
    ([W, F, C], 1000, 300, "增加了没收违法所得"),
])
def test_a_penalty_heavier_than_notified_must_be_notified_again(kinds, fine, confiscation, why):
    case = waived(notified_case(fine=1000))
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=kinds, fine=fine,
                      confiscation=confiscation, on=dt.date(2026, 3, 20), actor=officer())
    assert why in message and "须重新告知" in message and "第四十五条" in message
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and not case.decision_no


def test_a_lighter_penalty_than_notified_is_decided():
    case = waived(notified_case(fine=1000))
    case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W], on=dt.date(2026, 3, 12),
                                actor=officer())
    assert case.penalty_kinds == [W] and case.fine_amount == 0


def test_no_decision_while_the_partys_time_to_state_a_defence_runs():
    case = notified_case(fine=1000)  # notified 10 March: three working days run to 13 March
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=1000,
                      on=dt.date(2026, 3, 13), actor=officer())
    assert "2026年3月13日届满" in message and "第四十四条、第四十五条" in message
    assert services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=1000,
                                on=dt.date(2026, 3, 16), actor=officer()).status == CaseStatus.DECIDED


def test_the_statement_period_comes_from_the_rules_table():
    set_rule("penalty-statement", number=6)
    case = notified_case(fine=1000)
    assert "2026年3月18日届满" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY,
                                      penalty_kinds=[W, F], fine=1000, on=dt.date(2026, 3, 16), actor=officer())


def test_a_written_waiver_lets_the_decision_come_at_once():
    case = notified_case(fine=1000)
    assert "书面材料" in refused(services.case_waive, case=case, files=[], on=dt.date(2026, 3, 10), actor=officer())
    case = waived(case, on=dt.date(2026, 3, 10))
    assert services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=1000,
                                on=dt.date(2026, 3, 10), actor=officer()).decided_on == dt.date(2026, 3, 10)


def test_with_the_right_to_a_hearing_the_decision_waits_for_the_hearing_request_period():
    case = notified_case(fine=4000, individual=True)  # below the individual hearing amount of 5,000
    assert not case.hearing_right
    set_rule("hearing-amount-individual", number=3000)
    set_rule("legal-review-amount-individual", number=900000)
    case = notified_case(fine=4000, individual=True)  # five working days from 10 March: 17 March
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=4000,
                      on=dt.date(2026, 3, 16), actor=officer())
    assert "要求听证的期限" in message and "2026年3月17日" in message and "第六十四条第一项" in message


def test_a_hearing_asked_for_must_be_held_before_the_decision():
    set_rule("legal-review-amount-organisation", number=900000)
    case = services.case_request_hearing(case=notified_case(fine=100000), on=dt.date(2026, 3, 11), actor=officer())
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=100000,
                      on=dt.date(2026, 3, 30), actor=officer())
    assert "已要求听证" in message and "第六十四条" in message


def test_a_major_case_needs_a_passed_review_then_collective_discussion():
    case = waived(notified_case(fine=100000))  # at the organisation review amount
    decide = {"case": case, "kind": DecisionKind.PENALTY, "penalty_kinds": [W, F], "fine": 100000,
              "on": dt.date(2026, 3, 25), "actor": officer()}
    message = refused(services.case_decide, **decide)
    assert "重大执法决定" in message and "尚未提交法制审核" in message and "第五十八条" in message
    passed_review(case, opinion="disagree", reasons="证据不足")
    assert "不同意" in refused(services.case_decide, **decide)
    passed_review(case, on=dt.date(2026, 3, 18))
    message = refused(services.case_decide, **decide)
    assert "集体讨论" in message and "第五十七条第二款" in message
    services.case_discuss(case=case, attendees="局长、副局长", conclusion="同意", on=dt.date(2026, 3, 20),
                          actor=office())
    case = services.case_decide(**decide)
    assert case.is_major and case.decision_no.startswith("示例县卫健罚〔2026〕")


def test_the_review_amount_comes_from_the_rules_table():
    set_rule("legal-review-amount-organisation", number=900)
    case = waived(notified_case(fine=1000))
    assert "第五十八条" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F],
                                 fine=1000, on=dt.date(2026, 3, 20), actor=officer())


def test_a_complex_case_needs_review_whatever_it_decides():
    case = open_case(is_complex=True)
    assert "第五十八条" in refused(services.case_decide, case=case, kind=DecisionKind.UNPROVEN,
                                 on=dt.date(2026, 3, 20), actor=officer())


def test_collective_discussion_of_a_major_case_comes_after_a_passed_review_and_only_from_the_office():
    case = waived(notified_case(fine=100000))
    with pytest.raises(PermissionDenied):
        services.case_discuss(case=case, attendees="局长", conclusion="同意", on=dt.date(2026, 3, 20), actor=officer())
    assert "第五十八条" in refused(services.case_discuss, case=case, attendees="局长", conclusion="同意",
                                 on=dt.date(2026, 3, 20), actor=office())
    case.refresh_from_db()
    assert case.discussed_on is None


def test_a_decision_after_the_time_limit_is_recorded_as_late():
    case = waived(notified_case(fine=1000))  # opened 2 March: 90 days run to 1 June (31 May is a Sunday)
    case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=1000,
                                on=dt.date(2026, 6, 2), actor=officer())
    assert case.decided_late and case.steps.get(kind=StepKind.DECIDE).parameters["late"] is True


def test_the_time_limit_is_extended_only_where_the_rules_give_an_extension():
    case = open_case()
    message = refused(services.case_extend, case=case, approver="局长", reason="案情复杂", on=dt.date(2026, 5, 20),
                      actor=officer())
    assert "未规定可以延长" in message and "第六十条" in message
    set_rule("penalty-decision", extension=30)
    assert "不能再延长" in refused(services.case_extend, case=case, approver="局长", reason="案情复杂",
                                 on=dt.date(2026, 6, 2), actor=officer())
    case = services.case_extend(case=case, approver="局长", reason="案情复杂", on=dt.date(2026, 5, 20), actor=officer())
    assert case.extended
    case = services.case_decide(case=services.case_notify(case=case, penalty_kinds=[W], on=dt.date(2026, 6, 10),
                                                          actor=officer()),
                                kind=DecisionKind.PENALTY, penalty_kinds=[W], on=dt.date(2026, 6, 16), actor=officer())
    assert not case.decided_late


def test_a_two_light_one_free_decision_cites_the_commissions_list():
    case = open_case()
    assert "两轻一免清单" in refused(services.case_decide, case=case, kind=DecisionKind.LENIENT,
                                on=dt.date(2026, 3, 20), actor=officer())
    lighter = LenientItem.objects.filter(org__code="990121.wjw", kind=LenientKind.LIGHTER).first()
    assert "从轻、减轻" in refused(services.case_decide, case=case, kind=DecisionKind.LENIENT, lenient_item=lighter,
                               on=dt.date(2026, 3, 20), actor=officer())
    elsewhere = LenientItem.objects.filter(org__code="990102.wjw", kind=LenientKind.FIRST).first()
    assert "本机关" in refused(services.case_decide, case=case, kind=DecisionKind.LENIENT, lenient_item=elsewhere,
                            on=dt.date(2026, 3, 20), actor=officer())
    first = LenientItem.objects.filter(org__code="990121.wjw", kind=LenientKind.FIRST).first()
    case = services.case_decide(case=case, kind=DecisionKind.LENIENT, lenient_item=first, on=dt.date(2026, 3, 20),
                                actor=officer())
    assert case.decision_no.startswith("示例县卫健不罚〔2026〕") and case.fine_amount == 0


# ---------------------------------------------------------------- 简易程序
@pytest.mark.parametrize(("kind", "limit"), [("individual", 200), ("organisation", 3000)])
def test_on_the_spot_a_fine_above_the_ceiling_is_refused_as_ordinary_procedure(kind, limit):
    before = Case.objects.count()
    message = refused(services.case_on_the_spot, org=unit(), officers=team(), cause="从业人员无健康证明",
                      party_kind=kind, party_name="张某", penalty_kinds=[F], fine=limit + 1, on=OPENED,
                      actor=officer())
    assert "应适用普通程序" in message and f"{limit:,}元" in message and "第五十一条" in message
    assert Case.objects.count() == before


def test_the_on_the_spot_ceiling_comes_from_the_rules_table():
    set_rule("simple-fine-organisation", number=1000)
    assert "应适用普通程序" in refused(services.case_on_the_spot, org=unit(), officers=team(), cause="x",
                                  party_kind="organisation", party_name="某宾馆", penalty_kinds=[F], fine=1500,
                                  on=OPENED, actor=officer())


def test_on_the_spot_only_a_warning_or_a_fine():
    assert "只能给予警告或者罚款" in refused(services.case_on_the_spot, org=unit(), officers=team(), cause="x",
                                      party_kind="organisation", party_name="某宾馆",
                                      penalty_kinds=["suspend_business"], on=OPENED, actor=officer())


def test_an_on_the_spot_penalty_is_decided_and_served_at_once_by_two_officers():
    assert "不得少于" in str(refused(services.case_on_the_spot, org=unit(), officers=[make_officer(UNIT)], cause="x",
                                      party_kind="individual", party_name="张某", penalty_kinds=[W], on=OPENED,
                                      actor=officer()))
    case = services.case_on_the_spot(org=unit(), officers=team(), cause="x", party_kind="organisation",
                                     party_name="某宾馆", penalty_kinds=[W, F], fine=3000, on=OPENED, actor=officer())
    assert case.status == CaseStatus.SERVED and case.service_method == ServiceMethod.ON_THE_SPOT
    assert case.decided_on == case.served_on == OPENED and case.decision_no == case.number
    assert case.number.startswith("示例县卫健当罚〔2026〕") and steps_of(case) == [StepKind.ON_THE_SPOT]


# ---------------------------------------------------------------- 送达, 执行, 结案, 公示
def test_a_late_service_is_flagged_and_the_payment_clock_starts():
    case = decided_case()  # decided 20 March: seven working days run to 31 March
    case = services.case_serve(case=case, method=ServiceMethod.POST, on=dt.date(2026, 4, 1), actor=officer())
    assert case.served_late and case.status == CaseStatus.SERVED


def test_a_case_cannot_be_closed_before_its_decision_is_served_or_carried_out():
    case = decided_case(fine=800)
    message = refused(services.case_close, case=case, on=dt.date(2026, 3, 25), actor=officer())
    assert "尚未送达" in message and "第六十一条" in message
    case = services.case_serve(case=case, method=ServiceMethod.IN_PERSON, on=dt.date(2026, 3, 20), actor=officer())
    assert "尚未执行" in refused(services.case_close, case=case, on=dt.date(2026, 3, 25), actor=officer())
    assert "超过罚款和没收违法所得合计" in refused(services.case_execute, case=case, kind="instalments",
                                          paid_amount=900, on=dt.date(2026, 3, 25), actor=officer())
    case = services.case_execute(case=case, kind="paid", paid_amount=800, on=dt.date(2026, 3, 25), actor=officer())
    case = services.case_close(case=case, on=dt.date(2026, 3, 26), actor=officer())
    assert case.status == CaseStatus.CLOSED
    assert steps_of(case)[-3:] == [StepKind.SERVE, StepKind.EXECUTE, StepKind.CLOSE]


def test_a_transfer_closes_once_transferred():
    case = open_case()
    case = services.case_decide(case=case, kind=DecisionKind.TRANSFER, transfer_to="县公安局", on=dt.date(2026, 3, 20),
                                actor=officer())
    assert case.decision_no.startswith("示例县卫健移〔2026〕")
    assert services.case_close(case=case, on=dt.date(2026, 3, 21), actor=officer()).status == CaseStatus.CLOSED


def test_the_office_publishes_a_penalty_decision_and_on_time_is_by_the_rules_table():
    case = decided_case()  # 20 March: seven working days run to 31 March
    with pytest.raises(PermissionDenied):
        services.case_publish(case=case, on=dt.date(2026, 3, 23), actor=officer())
    case = services.case_publish(case=case, on=dt.date(2026, 4, 1), actor=office())
    assert case.published_at and case.published_late
    other = decided_case()
    assert not services.case_publish(case=other, on=dt.date(2026, 3, 31), actor=office()).published_late
    assert "原因" in refused(services.case_withdraw_publicity, case=case, reason="", on=dt.date(2026, 4, 2),
                           actor=office())
    case = services.case_withdraw_publicity(case=case, reason="复议决定撤销", on=dt.date(2026, 4, 2), actor=office())
    assert case.withdrawn_at and steps_of(case)[-1] == StepKind.WITHDRAW


# ---------------------------------------------------------------- review
def test_only_a_reviewer_who_did_not_work_on_the_case_reviews_it():
    own = user("xian_shenhe")
    case = notified_case(officers=[make_officer(UNIT, user=own), make_officer(UNIT)])
    review = services.case_submit_review(case=case, summary="拟罚款", on=dt.date(2026, 3, 12), actor=officer())
    assert Case.objects.get(pk=case.pk).status == CaseStatus.REVIEWING
    for who in (officer(), office(), own):
        with pytest.raises(PermissionDenied):
            services.review_decide(review=review, opinion="agree", on=dt.date(2026, 3, 13), actor=who)
    review.refresh_from_db()
    assert review.is_pending


def test_an_opinion_other_than_agree_needs_reasons_and_the_case_returns_to_its_stage():
    case = notified_case(fine=1000)
    review = services.case_submit_review(case=case, summary="拟罚款1000元", on=dt.date(2026, 3, 12), actor=officer())
    assert "理由" in refused(services.review_decide, review=review, opinion="disagree", on=dt.date(2026, 3, 13),
                           actor=reviewer())
    review = services.review_decide(review=review, opinion="disagree", reasons="证据不足", on=dt.date(2026, 3, 13),
                                    actor=reviewer())
    case.refresh_from_db()
    assert case.status == CaseStatus.NOTIFIED and review.reviewer == reviewer()
    assert "已经作出意见" in refused(services.review_decide, review=review, opinion="agree", on=dt.date(2026, 3, 13),
                                actor=reviewer())


def test_no_decision_while_a_review_is_pending():
    case = waived(notified_case(fine=1000))
    services.case_submit_review(case=case, summary="拟罚款", on=dt.date(2026, 3, 12), actor=officer())
    assert "法制审核尚未作出意见" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY,
                                      penalty_kinds=[W, F], fine=1000, on=dt.date(2026, 3, 13), actor=officer())


def test_amounts_are_kept_in_yuan():
    case = decided_case(fine=Decimal("2500.50"))
    assert case.fine_amount == Decimal("2500.50")
    assert case.steps.get(kind=StepKind.DECIDE).parameters["fine"] == "2500.50"


def test_a_case_of_another_county_cannot_be_opened_with_its_officers():
    with pytest.raises(ValidationError) as error:
        open_case(officers=team(OTHER_UNIT))
    assert "不是本机关的执法人员" in str(error.value)


def test_a_second_notice_restarts_the_partys_time_and_a_held_hearing_still_makes_the_case_major():
    set_rule("legal-review-amount-organisation", number=900000)
    case = services.case_request_hearing(case=notified_case(fine=100000), on=dt.date(2026, 3, 11), actor=officer())
    case = services.case_notice_hearing(case=case, hearing_on=dt.date(2026, 3, 25), place="会议室",
                                        on=dt.date(2026, 3, 12), actor=officer())
    case = services.case_hold_hearing(case=case, presider="法制科", note="听证", on=dt.date(2026, 3, 25),
                                      actor=officer())
    case = services.case_notify(case=case, penalty_kinds=[W, F, "suspend_business"], fine=100000,
                                on=dt.date(2026, 3, 26), actor=officer())
    assert case.hearing_requested_on is None and not case.hearing_held and case.hearing_right
    assert "经过听证程序" in services.major_reasons(case)
    assert "要求听证的期限" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY,
                                   penalty_kinds=[W, F, "suspend_business"], fine=100000, on=dt.date(2026, 4, 1),
                                   actor=officer())


def test_a_decided_fine_needs_the_fine_kind_and_a_no_penalty_decision_carries_none():
    case = waived(notified_case(fine=1000))
    assert "罚款" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W],
                           fine=500, on=dt.date(2026, 3, 12), actor=officer())
    assert "不能有处罚种类" in refused(services.case_decide, case=case, kind=DecisionKind.UNPROVEN, penalty_kinds=[W],
                                on=dt.date(2026, 3, 12), actor=officer())
    case.refresh_from_db()
    assert not case.is_decided


# ---------------------------------------------------------------- amounts weighed one by one
def test_the_hearing_amount_weighs_the_fine_and_the_confiscation_each_on_its_own():
    # 4,000 fine and 4,000 confiscated income: neither reaches the individual's 5,000
    case = notified_case(fine=4000, confiscation=4000, individual=True)
    assert case.hearing_right is False
    message = refused(services.case_request_hearing, case=case, on=dt.date(2026, 3, 11), actor=officer())
    assert "罚款4,000元、没收违法所得4,000元，均未达较大数额5,000元" in message
    case = notified_case(fine=1000, confiscation=5000, individual=True)
    assert case.hearing_right is True
    assert "没收违法所得5,000元" in case.steps.get(kind=StepKind.NOTIFY).parameters["hearing_reason"]


def test_confiscated_illegal_property_has_its_value_and_a_large_value_gives_a_hearing():
    case = open_case(individual=True)
    assert "财物价值" in refused(services.case_notify, case=case, penalty_kinds=[W, P], on=OPENED, actor=officer())
    assert "财物价值" in refused(services.case_notify, case=case, penalty_kinds=[W], property_value=800, on=OPENED,
                             actor=officer())
    case = services.case_notify(case=case, penalty_kinds=[W, P], property_value=6000, on=dt.date(2026, 3, 10),
                                actor=officer())
    assert case.hearing_right and case.proposed_property == 6000
    assert "没收非法财物价值6,000元" in case.steps.get(kind=StepKind.NOTIFY).parameters["hearing_reason"]
    case = waived(case)
    set_rule("legal-review-amount-individual", number=900000)
    message = refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, P],
                      property_value=7000, on=dt.date(2026, 3, 20), actor=officer())
    assert "没收非法财物价值7,000元高于告知的6,000元" in message
    case = services.case_decide(case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, P], property_value=6000,
                                on=dt.date(2026, 3, 20), actor=officer())
    assert case.property_value == 6000 and case.amount == 0


def test_the_review_amount_counts_fine_and_confiscation_together_as_the_rules_table_says():
    set_rule("legal-review-amount-organisation", number=5000)
    case = waived(notified_case(fine=3000, kinds=[W, F, P], property_value=3000))
    assert any("罚没6,000元" in reason for reason in services.major_reasons(case))
    assert "第五十八条" in refused(services.case_decide, case=case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F, P],
                                 fine=3000, property_value=3000, on=dt.date(2026, 3, 20), actor=officer())


# ---------------------------------------------------------------- a passed review covers what was sent
def reviewed_and_discussed(case, *, on=dt.date(2026, 3, 16), **sent):
    review = services.case_submit_review(case=case, summary="拟作出处罚", on=on, actor=officer(), **sent)
    review = services.review_decide(review=review, opinion="agree", on=on + dt.timedelta(days=1), actor=reviewer())
    services.case_discuss(case=case, attendees="局长、副局长", conclusion="同意", on=on + dt.timedelta(days=2),
                          actor=office())
    return review


def test_a_review_keeps_the_decision_it_was_sent_with():
    case = notified_case(fine=1000)
    review = services.case_submit_review(case=case, summary="拟罚款", on=dt.date(2026, 3, 12), actor=officer())
    assert (review.decision_kind, review.penalty_kinds, review.fine) == (DecisionKind.PENALTY, [W, F], 1000)
    case = notified_case(fine=1000)
    assert "重于已告知" in refused(services.case_submit_review, case=case, summary="拟罚款", kind=DecisionKind.PENALTY,
                              penalty_kinds=[W, F], fine=2000, on=dt.date(2026, 3, 12), actor=officer())
    review = services.case_submit_review(case=open_case(is_complex=True), summary="拟移送", kind=DecisionKind.TRANSFER,
                                         on=dt.date(2026, 3, 12), actor=officer())
    assert review.decision_kind == DecisionKind.TRANSFER and review.penalty_kinds == [] and review.fine == 0


def test_a_major_decision_may_not_be_heavier_than_or_other_than_what_passed_review():
    case = waived(notified_case(fine=100000, is_complex=True))  # complex: a transfer would be major too
    reviewed_and_discussed(case, kind=DecisionKind.PENALTY, penalty_kinds=[W, F], fine=80000)
    decide = {"case": case, "kind": DecisionKind.PENALTY, "penalty_kinds": [W, F], "on": dt.date(2026, 3, 25),
              "actor": officer()}
    message = refused(services.case_decide, **decide, fine=100000)
    assert "重于第1轮法制审核通过的内容" in message and "罚款100,000元高于法制审核通过的80,000元" in message
    assert "须就拟作出的决定重新提交法制审核" in refused(services.case_decide, case=case, kind=DecisionKind.TRANSFER,
                                              transfer_to="县公安局", on=dt.date(2026, 3, 25), actor=officer())
    case.refresh_from_db()
    assert not case.is_decided
    assert services.case_decide(**decide, fine=80000).fine_amount == 80000


def test_a_new_notice_after_a_passed_review_needs_a_new_review():
    case = waived(notified_case(fine=100000))
    reviewed_and_discussed(case)
    case = services.case_notify(case=case, penalty_kinds=[W, F, C], fine=100000, confiscation=2000,
                                on=dt.date(2026, 3, 19), actor=officer())
    case = waived(case, on=dt.date(2026, 3, 19))
    decide = {"case": case, "kind": DecisionKind.PENALTY, "penalty_kinds": [W, F], "fine": 100000,
              "on": dt.date(2026, 3, 25), "actor": officer()}
    assert "重新告知了当事人，须就新的告知内容重新提交法制审核" in refused(services.case_decide, **decide)
    assert "重新提交法制审核" in refused(services.case_discuss, case=case, attendees="局长", conclusion="同意",
                                   on=dt.date(2026, 3, 20), actor=office())
    reviewed_and_discussed(case, on=dt.date(2026, 3, 20))
    assert services.case_decide(**decide).is_major


# ---------------------------------------------------------------- a second notice
def test_a_second_notice_is_only_for_a_heavier_penalty():
    case = notified_case(fine=1000)
    for kinds, fine in (([W, F], 1000), ([W, F], 800), ([W], 0)):
        message = refused(services.case_notify, case=case, penalty_kinds=kinds, fine=fine, on=dt.date(2026, 3, 12),
                          actor=officer())
        assert "无需重新告知" in message and "第四十五条" in message
    case.refresh_from_db()
    assert case.notified_on == dt.date(2026, 3, 10) and steps_of(case).count(StepKind.NOTIFY) == 1
    case = services.case_notify(case=case, penalty_kinds=[W, F], fine=1200, on=dt.date(2026, 3, 12), actor=officer())
    assert case.notified_on == dt.date(2026, 3, 12) and case.proposed_fine == 1200


def test_no_second_notice_while_a_requested_hearing_is_pending():
    set_rule("legal-review-amount-organisation", number=900000)
    case = services.case_request_hearing(case=notified_case(fine=100000), on=dt.date(2026, 3, 11), actor=officer())
    message = refused(services.case_notify, case=case, penalty_kinds=[W, F, "suspend_business"], fine=100000,
                      on=dt.date(2026, 3, 12), actor=officer())
    assert "听证举行前不能重新告知" in message
    case.refresh_from_db()
    assert case.hearing_requested_on == dt.date(2026, 3, 11) and case.status == CaseStatus.HEARING


# ---------------------------------------------------------------- 首违不罚
def first_item():
    return LenientItem.objects.filter(org__code="990121.wjw", kind=LenientKind.FIRST).first()


def test_a_first_violation_exemption_is_refused_when_the_entity_was_penalised_before():
    earlier = decided_case()
    case = services.case_open(org=unit(), officers=team(), entity=earlier.entity, cause="x", actor=officer(),
                              on=dt.date(2026, 3, 21))
    message = refused(services.case_decide, case=case, kind=DecisionKind.LENIENT, lenient_item=first_item(),
                      on=dt.date(2026, 3, 23), actor=officer())
    assert "不属于首次违法" in message and earlier.decision_no in message and "第三十三条" in message


def test_a_first_violation_is_found_by_id_number_not_by_name():
    on_record = services.case_on_the_spot(org=unit(), officers=team(), cause="x", party_kind="individual",
                                          party_name="张三", party_id_no="110101199001011234", penalty_kinds=[W],
                                          on=OPENED, actor=officer())
    renamed = services.case_open(org=unit(), officers=team(), cause="x", party_kind="individual", party_name="张叁",
                                 party_id_no="110101199001011234", actor=officer(), on=OPENED)
    assert on_record.decision_no in refused(services.case_decide, case=renamed, kind=DecisionKind.LENIENT,
                                            lenient_item=first_item(), on=dt.date(2026, 3, 5), actor=officer())
    namesake = services.case_open(org=unit(), officers=team(), cause="x", party_kind="individual", party_name="张三",
                                  party_id_no="110101199202022345", actor=officer(), on=OPENED)
    assert services.case_decide(case=namesake, kind=DecisionKind.LENIENT, lenient_item=first_item(),
                                on=dt.date(2026, 3, 5), actor=officer()).is_decided


def test_the_entity_and_officer_pages_link_to_their_cases():
    case = open_case()
    client = login(office().username)
    for page in (case.entity.get_absolute_url(), case.officers.first().get_absolute_url()):
        assert f'href="{case.get_absolute_url()}"' in client.get(page).content.decode(), page
