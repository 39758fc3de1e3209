"""A report written from records that hold the figures of a real one: 西宁市湟中区卫生健康局关于2025年法治政府
建设情况报告. Each figure the report states, of the kinds Fazhi records, must come out of the draft as the
district wrote it — the same number in the same words where the words are the register's own."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.activities.choices import Audience, ExamKind, StudyKind
from fazhi.activities.models import Exam, PublicityEvent, StudySession, Training
from fazhi.cases.choices import CaseStatus, DecisionKind, PartyKind, PenaltyKind, Procedure
from fazhi.cases.models import Case
from fazhi.core import services as core_services
from fazhi.core.models import Org, User
from fazhi.enforcement.choices import EntityCategory
from fazhi.enforcement.models import Entity, Inspection
from fazhi.reports import services

YEAR = 2025

# (what the district's report says, what Fazhi's draft must say for the same figure)
FIGURES = [
    ("局党组开展理论学习中心组习近平法治思想学习8次", "理论学习中心组学法8次"),
    ("带头学法12次", "领导班子带头学法12次"),
    ("各医疗卫生单位组织学习培训14期", "组织法治培训14期"),
    ("覆盖500余人次", "覆盖500余人次"),
    ("局机关43名工作人员参加“法宣在线”学法用法考试", "43名干部职工参加学法用法考试"),
    ("参考率与通过率均达100%", "参考率100%、通过率100%"),
    ("组织7名执法人员参加资格考试", "组织7名执法人员参加执法资格考试"),
    ("发放宣传册2000余份", "发放宣传资料2000余份"),
    ("依法开展卫生计生综合监督检查2025户次", "监督检查2025户次"),
    ("监督覆盖率98.1%", "监督覆盖率98.1%"),
    ("查处行政处罚案件11起", "查处行政处罚案件11起"),
    ("其中普通程序8起、简易程序3起", "其中普通程序8起、简易程序3起"),
    ("没收违法所得0.5万元", "没收违法所得0.5万元"),
    ("罚款10万元", "罚款10万元"),
]

SEED = ("局党组开展理论学习中心组习近平法治思想学习8次、带头学法12次，各医疗卫生单位组织学习培训14期，覆盖500余人次。"
        "局机关43名工作人员参加“法宣在线”学法用法考试，参考率与通过率均达100%。依法开展卫生计生综合监督检查2025户次，"
        "监督覆盖率98.1%；查处行政处罚案件11起，其中普通程序8起、简易程序3起，没收违法所得0.5万元，罚款10万元。"
        "组织7名执法人员参加资格考试。发放宣传册2000余份。")


def day(n: int) -> dt.date:
    """The n-th working-ish day of the year, spread over its months."""
    return dt.date(YEAR, 1 + n % 12, 1 + n % 27)


@pytest.fixture
def huangzhong(county_admin):
    """A district commission with the year's records of 湟中区."""
    city_region = Org.objects.get(code="990100")
    org = core_services.commission_create(parent_region=city_region, region_name="湟中区", level="county",
                                          code="630122", name="西宁市湟中区卫生健康局")
    admin = User.objects.create(username="hz_fazhi", org=org)
    admin.roles.add(*county_admin.roles.all())
    on = dict(org=org, created_by=admin)
    StudySession.objects.bulk_create(
        [StudySession(**on, date=day(i), title="习近平法治思想", kind=StudyKind.CENTRAL_GROUP, participants=9)
         for i in range(8)]
        + [StudySession(**on, date=day(i), title="会前学法", kind=StudyKind.PRE_MEETING, participants=9)
           for i in range(4)])
    Training.objects.bulk_create([Training(**on, date=day(i), title="法治培训", organiser="区卫生健康局",
                                           audience=Audience.STAFF, hours=Decimal(2), participants=37 + (i < 5))
                                  for i in range(14)])  # 14 sessions, 523 persons
    Exam.objects.create(**on, date=day(3), title="学法用法考试", kind=ExamKind.LAW, expected=43, sat=43, passed=43)
    Exam.objects.create(**on, date=day(5), title="执法资格考试", kind=ExamKind.CERTIFICATE, expected=7, sat=7, passed=6)
    PublicityEvent.objects.create(**on, date=day(2), title="宪法宣传周", channels="宣传栏", materials=2060,
                                  reached=3000)
    # 1,000 entities under supervision, 981 of them inspected 2,025 times: coverage 98.1%.
    entities = Entity.objects.bulk_create([
        Entity(org=org, name=f"单位{i}", category=EntityCategory.PUBLIC_PLACE, address="湟中区",
               registered_on=dt.date(YEAR - 1, 6, 1)) for i in range(1000)])
    Inspection.objects.bulk_create([Inspection(org=org, entity=entities[i % 981], date=day(i)) for i in range(2025)])
    fines = [Decimal(12000)] * 8 + [Decimal(1000), Decimal(1000), Decimal(2000)]
    confiscation = [Decimal(5000)] + [Decimal(0)] * 10
    Case.objects.bulk_create([
        Case(org=org, year=YEAR, seq=i + 1, number=f"湟卫罚〔{YEAR}〕{i + 1}号",
             procedure=Procedure.ORDINARY if i < 8 else Procedure.SIMPLE, status=CaseStatus.CLOSED,
             party_kind=PartyKind.ORGANISATION, party_name=f"当事人{i}", cause="违法行为",
             opened_on=day(i), decided_on=day(i) + dt.timedelta(days=20), decision_kind=DecisionKind.PENALTY,
             penalty_kinds=[PenaltyKind.FINE], fine_amount=fines[i], confiscation_amount=confiscation[i])
        for i in range(11)])
    return org, admin


def test_the_draft_states_the_districts_figures_as_it_wrote_them(huangzhong):
    org, admin = huangzhong
    report = services.report_create(org=org, year=YEAR, actor=admin, approximate="余")
    text = "\n".join(report.paragraphs.values_list("text", flat=True))
    missing = []
    for theirs, ours in FIGURES:
        assert theirs in SEED, theirs
        if ours not in text:
            missing.append(f"{theirs} → {ours}")
    assert not missing, "\n".join(missing) + "\n\n" + text
