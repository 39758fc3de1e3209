"""A task's status is computed from its targets (through the indicator registry), its reports and
its deadlines; nobody types it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services as core_services
from fazhi.core.models import EvidenceFile
from fazhi.indicators import registry
from fazhi.plans import services
from fazhi.plans.choices import TaskStatus
from fazhi.plans.models import Plan
from fazhi.plans.models import ProgressReport as ProgressReportModel
from fazhi.plans.status import task_states

from .factories import make_plan

pytestmark = pytest.mark.django_db

ISSUED = dt.date(2026, 2, 20)


def state_of(task, today):
    task = type(task).objects.select_related("plan__org").get(pk=task.pk)
    return task_states([task], today)[task.pk]


@pytest.fixture
def inspections_indicator():
    """Stands for an indicator another area registers: it counts records this module never names."""
    code = "test.inspections"

    @registry.indicator(code=code, name="学法用法情况督查次数", unit="次", area="测试",
                        synonyms=("学法用法情况督查",))
    def inspections(scope, period):
        return EvidenceFile.objects.filter(scope.q(), title__startswith="学法用法情况督查",
                                           created_at__range=period.datetime_range()).count()

    yield code
    registry._REGISTRY.pop(code)


def record_an_inspection(org, actor, day):
    evidence = core_services.evidence_upload(
        org=org, uploaded=SimpleUploadedFile("督查.pdf", b"%PDF-1.4 inspection " + str(day).encode()),
        title=f"学法用法情况督查（{day}）", actor=actor)
    EvidenceFile.objects.filter(pk=evidence.pk).update(created_at=dt.datetime(day.year, day.month, day.day, 10,
                                                                               tzinfo=dt.UTC))


def test_recording_the_work_elsewhere_moves_the_target(county_admin, county, inspections_indicator):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=1)
    (target,) = task.targets.all()
    assert target.indicator_code == inspections_indicator  # mapped when the plan was read

    before = state_of(task, dt.date(2026, 6, 1))
    assert (before.targets[0].value, before.targets[0].met, before.status) == (0, False, TaskStatus.NOT_STARTED)
    record_an_inspection(county, county_admin, dt.date(2026, 3, 5))
    after = state_of(task, dt.date(2026, 6, 1))
    assert (after.targets[0].value, after.percent, after.status) == (1, 50, TaskStatus.IN_PROGRESS)
    record_an_inspection(county, county_admin, dt.date(2026, 5, 5))
    assert state_of(task, dt.date(2026, 6, 1)).targets[0].met


def test_a_task_is_done_only_when_its_targets_are_met_and_completion_is_accepted(
        county_admin, county_reporter, county, inspections_indicator):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=1)
    report = services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                     text="已开展督查", completes_task=True, actor=county_reporter)
    services.report_review(report=report, accept=True, actor=county_admin)
    state = state_of(task, dt.date(2026, 6, 1))
    assert state.status == TaskStatus.IN_PROGRESS and "目标尚未达成" in state.reasons[0]
    for day in (dt.date(2026, 3, 5), dt.date(2026, 4, 5)):
        record_an_inspection(county, county_admin, day)
    assert state_of(task, dt.date(2026, 6, 1)).status == TaskStatus.DONE


def test_a_task_without_targets_is_done_when_the_office_accepts_the_completion(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=2)
    report = services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                                    text="述法已完成", completes_task=True, actor=county_reporter)
    assert state_of(task, dt.date(2026, 6, 1)).status == TaskStatus.NOT_STARTED  # filed, not yet accepted
    services.report_review(report=report, accept=True, actor=county_admin)
    assert state_of(task, dt.date(2026, 6, 1)).status == TaskStatus.DONE


def test_warning_near_the_deadline_and_overdue_after_it(county_admin):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=2)
    assert state_of(task, dt.date(2026, 12, 15)).status == TaskStatus.NOT_STARTED  # 16 days left, warn_days 15
    warning = state_of(task, dt.date(2026, 12, 16))
    assert warning.status == TaskStatus.WARNING and "距完成时限不足15天" in warning.reasons[0]
    overdue = state_of(task, dt.date(2027, 1, 1))
    assert overdue.status == TaskStatus.OVERDUE and "已超过完成时限2026年12月31日" in overdue.reasons[0]
    Plan.objects.filter(pk=plan.pk).update(warn_days=30)
    assert state_of(task, dt.date(2026, 12, 1)).status == TaskStatus.WARNING  # the plan's policy, not a literal


def test_a_quarterly_report_not_filed_by_its_due_date_makes_the_task_overdue(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="quarter")
    task = plan.tasks.get(seq=3)
    # Q1 ends on 31 March; its report is due 5 working days later: 3 April was a Friday before Qingming.
    early = state_of(task, dt.date(2026, 4, 3))
    assert early.next_slot.due.date == dt.date(2026, 4, 8)  # 4–6 April Qingming holiday, from the calendar
    assert early.status == TaskStatus.NOT_STARTED
    late = state_of(task, dt.date(2026, 4, 9))
    assert late.status == TaskStatus.OVERDUE and "2026年第1季度进展未在4月8日前报送" in late.reasons[0]
    services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31),
                           text="一季度自查案卷30份", actor=county_reporter)
    assert state_of(task, dt.date(2026, 4, 9)).status == TaskStatus.NOT_STARTED  # filed (awaiting review)


def test_a_returned_report_does_not_count_as_filed(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="quarter")
    task = plan.tasks.get(seq=3)
    report = services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31),
                                    text="略", actor=county_reporter)
    services.report_review(report=report, accept=False, comment="请补充自查数据", actor=county_admin)
    assert state_of(task, dt.date(2026, 4, 9)).status == TaskStatus.OVERDUE


def test_periods_before_the_plan_was_issued_need_no_report(county_admin):
    plan = make_plan(county_admin, year=2026, issued_on=dt.date(2026, 7, 15), cadence="quarter")
    state = state_of(plan.tasks.get(seq=3), dt.date(2026, 7, 20))
    assert [s.start.month for s in state.slots] == [7, 10] and state.status == TaskStatus.NOT_STARTED


def test_a_manual_target_counts_what_the_unit_filed_with_evidence(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=1)
    (target,) = task.targets.all()
    assert target.is_manual  # no indicator counts 学法用法情况督查 in this test
    services.target_tick(target=target, value=Decimal(1), note="3月督查",
                         uploads=[SimpleUploadedFile("督查通报.pdf", b"%PDF-1.4 1")], actor=county_reporter)
    state = state_of(task, dt.date(2026, 6, 1))
    assert (state.targets[0].value, state.targets[0].met, state.status) == (1, False, TaskStatus.IN_PROGRESS)
    services.target_tick(target=target, value=Decimal(2), uploads=[SimpleUploadedFile("b.pdf", b"%PDF-1.4 2")],
                         actor=county_reporter)
    assert state_of(task, dt.date(2026, 6, 1)).targets[0].met


def test_a_per_period_target_must_be_met_in_every_period(county_admin, county, inspections_indicator):
    text = "工作要点\n一、学习\n（一）学法督查。每季度开展学法用法情况督查不少于1次。"
    plan = make_plan(county_admin, year=2026, text=text, issued_on=ISSUED)
    task = plan.tasks.get()
    for day in (dt.date(2026, 2, 5), dt.date(2026, 5, 5), dt.date(2026, 8, 5)):
        record_an_inspection(county, county_admin, day)
    state = state_of(task, dt.date(2026, 11, 20))
    assert state.targets[0].value == 0 and not state.targets[0].met  # Q4 has none yet
    record_an_inspection(county, county_admin, dt.date(2026, 11, 5))
    assert state_of(task, dt.date(2026, 11, 20)).targets[0].met


def test_states_of_a_whole_plan_cost_a_fixed_number_of_queries(county_admin, django_assert_max_num_queries):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED)
    tasks = list(plan.tasks.select_related("plan__org"))
    # reports, targets, the entered holiday years and days, the statutory holidays (for a year not yet announced)
    with django_assert_max_num_queries(5):
        task_states(tasks, dt.date(2026, 6, 1))


def test_a_task_due_mid_year_is_judged_on_the_periods_before_its_deadline(
        county_admin, county_reporter, county, inspections_indicator):
    text = "工作要点\n一、学习\n（一）学法督查。每季度开展学法用法情况督查不少于1次。"
    plan = make_plan(county_admin, year=2026, text=text, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get()
    services.task_assign(task=task, actor=county_admin, due_date=dt.date(2026, 6, 30))
    for day in (dt.date(2026, 2, 5), dt.date(2026, 5, 5)):
        record_an_inspection(county, county_admin, day)
    report = services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 6, 30),
                                    text="两个季度各督查1次", completes_task=True, actor=county_reporter)
    services.report_review(report=report, accept=True, actor=county_admin)
    state = state_of(task, dt.date(2026, 7, 10))
    assert state.status == TaskStatus.DONE and state.targets[0].value == 1


def test_a_completion_filed_on_time_is_not_late_while_the_office_reviews_it(county_admin, county_reporter):
    plan = make_plan(county_admin, year=2026, issued_on=ISSUED, cadence="once")
    task = plan.tasks.get(seq=2)
    services.report_submit(task=task, period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 12, 31),
                           text="述法完成", completes_task=True, actor=county_reporter)
    ProgressReportModel.objects.filter(task=task).update(
        submitted_at=dt.datetime(2026, 12, 20, 3, tzinfo=dt.UTC))
    state = state_of(task, dt.date(2027, 1, 2))
    assert state.status == TaskStatus.IN_PROGRESS and "等待法治工作管理员审核" in state.reasons[0]
