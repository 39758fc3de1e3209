"""The figures annual reports quote, counted from ledger records (2030: a year the demo leaves empty)."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.activities.choices import AccountForm, Audience, ExamKind, MeetingKind, PublicityKind, StudyKind
from fazhi.activities.models import Accountable, Exam, LawAccount, Meeting, PublicityEvent, StudySession, Training
from fazhi.activities.selectors import account_coverage
from fazhi.core.models import Org
from fazhi.indicators.registry import Period, match, value

YEAR = 2030
pytestmark = pytest.mark.django_db


def on(month, day=15):
    return dt.date(YEAR, month, day)


def figure(code, org, period=None):
    return value(code, org, period or Period.year(YEAR))


def test_an_exam_43_expected_43_sat_43_passed_gives_100_and_100(county):
    Exam.objects.create(
        org=county, date=on(6), title="“法宣在线”学法用法考试", kind=ExamKind.LAW, expected=43, sat=43, passed=43
    )
    assert figure("exam.attendance_rate", county) == 100.0
    assert figure("exam.pass_rate", county) == 100.0
    assert figure("exam.sat", county) == 43
    assert figure("exam.count", county) == 1


def test_rates_are_of_people_not_of_exams(county):
    Exam.objects.create(org=county, date=on(3), title="第一次", expected=40, sat=38, passed=30)
    Exam.objects.create(org=county, date=on(9), title="第二次", expected=10, sat=10, passed=10)
    assert figure("exam.attendance_rate", county) == 96.0  # 48 of 50
    assert figure("exam.pass_rate", county) == 83.3  # 40 of 48
    Exam.objects.create(
        org=county, date=on(9), title="执法资格考试", kind=ExamKind.CERTIFICATE, expected=7, sat=7, passed=6
    )
    assert figure("exam.certificate", county) == 7
    assert figure("exam.count", county) == 2  # a certificate exam is not a 法律知识考试


def test_thirteen_central_group_sessions_and_45_staff_sessions(county):
    department = Org.objects.get(code=f"{county.code}.zcfgk")
    for i in range(13):
        StudySession.objects.create(
            org=county,
            date=on(1 + i % 12, 10 + i // 12),
            title=f"中心组学法{i}",
            kind=StudyKind.CENTRAL_GROUP,
            participants=9,
        )
    for i in range(45):
        StudySession.objects.create(
            org=department,
            date=on(1 + i % 12, 1 + i // 12),
            title=f"集体学法{i}",
            kind=StudyKind.STAFF,
            participants=20,
        )
    StudySession.objects.create(org=county, date=on(5), title="会前学法", kind=StudyKind.PRE_MEETING, participants=8)
    assert figure("study.central_group", county) == 13
    assert figure("study.staff", county) == 45
    assert figure("study.leadership", county) == 14
    assert figure("study.sessions", county) == 59
    assert figure("study.person_times", county) == 13 * 9 + 45 * 20 + 8
    # A quarter's figure is the quarter's records only.
    assert figure("study.central_group", county, Period(on(1, 1), on(3, 31))) == 4


def test_materials_handed_out_add_up_to_13000(county):
    for n, materials in enumerate([5000, 3000, 2500, 2500]):
        PublicityEvent.objects.create(
            org=county, date=on(3 + n), title=f"普法活动{n}", channels="onsite,board", materials=materials, reached=400
        )
    PublicityEvent.objects.create(
        org=county,
        date=on(8),
        title="以案释法：非法行医案",
        kind=PublicityKind.CASE,
        channels="wechat",
        reached=2000,
        case_summary="案例",
    )
    assert figure("publicity.materials", county) == 13000
    assert figure("publicity.events", county) == 5
    assert figure("publicity.cases", county) == 1
    assert figure("publicity.reached", county) == 3600


def test_heard_the_rule_of_law_report_three_times(county):
    for month in (3, 7, 11):
        Meeting.objects.create(
            org=county, date=on(month), title="党组会", kind=MeetingKind.PARTY_GROUP, heard_report=True
        )
    Meeting.objects.create(org=county, date=on(5), title="主任办公会", kind=MeetingKind.DIRECTORS, studied_law=True)
    assert figure("duty.reports_heard", county) == 3
    assert figure("duty.meetings", county) == 1


def test_three_trainings_of_about_100_person_times_and_officer_hours(county):
    for people, audience, hours in [(40, Audience.OFFICERS, 8), (35, Audience.OFFICERS, 8), (28, Audience.LEADERS, 4)]:
        Training.objects.create(
            org=county,
            date=on(4),
            title="依法行政专题培训",
            organiser="县卫生健康局",
            audience=audience,
            hours=Decimal(hours),
            participants=people,
        )
    assert figure("training.sessions", county) == 3
    assert figure("training.person_times", county) == 103
    assert figure("training.person_hours", county) == 40 * 8 + 35 * 8 + 28 * 4
    # 600 officer person-hours over at least 40 officers (the demo county has one officer account)
    assert figure("training.officer_hours", county) == 15.0


def test_records_of_the_next_year_other_counties_and_deleted_ones_do_not_count(county, other_county):
    Meeting.objects.create(
        org=county, date=dt.date(YEAR, 12, 31), title="年末", kind=MeetingKind.SPECIAL, heard_report=True
    )
    Meeting.objects.create(
        org=county, date=dt.date(YEAR + 1, 1, 1), title="次年", kind=MeetingKind.SPECIAL, heard_report=True
    )
    Meeting.objects.create(org=other_county, date=on(6), title="他县", kind=MeetingKind.SPECIAL, heard_report=True)
    gone = Meeting.objects.create(org=county, date=on(6), title="已删除", kind=MeetingKind.SPECIAL, heard_report=True)
    Meeting.all_objects.filter(pk=gone.pk).update(deleted_at=dt.datetime(YEAR, 7, 1, tzinfo=dt.UTC))
    assert figure("duty.reports_heard", county) == 1
    assert figure("duty.reports_heard", county.parent.parent) == 2  # 示例市: the city and its counties


def test_coverage_counts_who_gave_an_account_of_the_year_and_names_who_did_not(county, county_admin):
    Accountable.objects.filter(org__path__startswith=county.path).update(is_active=False)  # the demo's
    people = [
        Accountable.objects.create(org=county, name=name, position=position, is_principal=principal)
        for name, position, principal in [
            ("甲", "局长", True),
            ("乙", "副局长", False),
            ("丙", "副局长", False),
            ("丁", "科长", False),
        ]
    ]
    Accountable.objects.create(org=county, name="戊", position="原副局长", is_active=False)
    for person in people[:3]:
        LawAccount.objects.create(
            org=county,
            date=dt.date(YEAR + 1, 1, 12),
            title="年度述法",
            person=person,
            year=YEAR,
            form=AccountForm.MEETING,
        )
    assert figure("duty.account_coverage", county) == 75.0
    assert figure("duty.accounts", county) == 3
    coverage = account_coverage(county_admin, YEAR, county)
    names = [p.name for p in coverage["missing"]]
    assert "丁" in names and "甲" not in names and "戊" not in names
    assert [p.name for p in coverage["principals_without_special"]] == ["甲"]  # a principal owes a 专题述法


@pytest.mark.parametrize(
    "wording, unit, code",
    [
        ("组织委领导班子成员集中学法", "次", "study.leadership"),
        ("听取法治建设工作汇报", "次", "duty.reports_heard"),
        ("开展法律法规知识测试", "次", "exam.count"),
        ("学法考试参考率", "%", "exam.attendance_rate"),
        ("学法考试通过率", "%", "exam.pass_rate"),
        ("年终述法", "%", "duty.account_coverage"),
        ("开展以案释法宣讲", "次", "publicity.cases"),
        ("开展庭审旁听活动", "次", "study.court"),
        ("执法人员年度法律知识培训", "学时", "training.officer_hours"),
        ("发放各类宣传资料", "份", "publicity.materials"),
    ],
)
def test_plan_wording_maps_to_the_ledger_indicator(wording, unit, code):
    assert match(wording, unit=unit).code == code
