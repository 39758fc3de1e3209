"""The enforcement figures an annual report quotes, counted from hand-made records of a fresh county:
seed 002's "依法开展卫生计生综合监督检查2025户次，监督覆盖率98.1%" and seed 004's "行政执法证持证人员达到165名"."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.activities.choices import Audience
from fazhi.activities.models import Training
from fazhi.core import services
from fazhi.core.models import Org
from fazhi.enforcement.choices import EntityStatus, InspectionResult, OfficerStatus
from fazhi.enforcement.models import Entity, Inspection, Officer, PointRecord
from fazhi.indicators.registry import Period, match, value

pytestmark = pytest.mark.django_db
YEAR = 2025
BEFORE = timezone.make_aware(dt.datetime(YEAR - 1, 6, 1, 9, 0))  # on the register since the year before


@pytest.fixture
def county(db):
    """测试县, with its own enforcement unit and nothing else on the registers."""
    region = Org.objects.get(code="990100")
    return services.commission_create(parent_region=region, region_name="测试县", level="county", code="990188",
                                      units=[("wsjds", "测试县卫生健康综合监督执法大队")])


@pytest.fixture
def unit(county):
    return Org.objects.get(code="990188.wjw.wsjds")


def figure(code, org):
    return value(code, org, Period.year(YEAR))


def entities(unit, count, **fields):
    rows = [Entity(org=unit, name=f"测试县{fields.get('category', 'public_place')}{fields.get('status', '')}{n}",
                   address="测试路", created_at=BEFORE, registered_on=BEFORE.date(),
                   **{"category": "public_place", **fields})
            for n in range(count)]
    return Entity.objects.bulk_create(rows)


def test_2025_inspections_with_a_coverage_of_98_1_percent(county, unit):
    open_ = entities(unit, 54)
    entities(unit, 1, status=EntityStatus.CLOSED)
    (suspended,) = entities(unit, 1, status=EntityStatus.SUSPENDED)
    seen = open_[:53]  # one open entity was never visited
    rows = [Inspection(org=unit, entity=seen[n % 53], date=dt.date(YEAR, 1, 1) + dt.timedelta(days=n % 365),
                       result=InspectionResult.RECTIFY if n < 783 else InspectionResult.COMPLIANT,
                       opinion_no=f"测卫监意〔{YEAR}〕{n + 1}号" if n < 783 else "") for n in range(2025)]
    # neither the year before, a suspended entity's, nor a deleted one count towards coverage
    rows += [Inspection(org=unit, entity=open_[53], date=dt.date(YEAR - 1, 12, 31)),
             Inspection(org=unit, entity=open_[53], date=dt.date(YEAR, 6, 1), deleted_at=BEFORE),
             Inspection(org=unit, entity=suspended, date=dt.date(YEAR, 6, 1))]
    Inspection.objects.bulk_create(rows)
    assert figure("enforcement.inspections", county) == 2025 + 1  # the suspended entity's visit is a 户次
    assert figure("enforcement.inspected_entities", county) == 54
    assert figure("enforcement.coverage", county) == 98.1  # 53 of the 54 open entities
    assert figure("enforcement.opinions", county) == 783
    assert figure("enforcement.rectify_orders", county) == 783
    assert figure("enforcement.inspected.public_places", county) == 54
    assert figure("enforcement.entities", county) == 55  # open and suspended, not the closed one


def test_165_certified_officers(county, unit):
    end = dt.date(YEAR, 12, 31)
    rows = [Officer(org=unit, name=f"执法员{n}", certificate_no=f"C{n:05d}", issuing_body="测试县人民政府",
                    issued_on=dt.date(2021, 1, 1), valid_until=dt.date(YEAR + 2, 1, 1), created_at=BEFORE)
            for n in range(165)]
    rows += [Officer(org=unit, name="过期者", certificate_no="X1", issuing_body="测试县人民政府",
                     issued_on=dt.date(2019, 1, 1), valid_until=end - dt.timedelta(days=1), created_at=BEFORE),
             Officer(org=unit, name="暂扣者", certificate_no="X2", issuing_body="测试县人民政府",
                     issued_on=dt.date(2021, 1, 1), valid_until=dt.date(YEAR + 2, 1, 1), status=OfficerStatus.SUSPENDED,
                     created_at=BEFORE),
             Officer(org=unit, name="调离者", certificate_no="X3", issuing_body="测试县人民政府",
                     issued_on=dt.date(2021, 1, 1), valid_until=dt.date(YEAR + 2, 1, 1), status=OfficerStatus.LEFT,
                     created_at=BEFORE),
             Officer(org=unit, name="明年才入职", certificate_no="X4", issuing_body="测试县人民政府",
                     issued_on=dt.date(2026, 1, 1), valid_until=dt.date(2032, 1, 1))]
    Officer.objects.bulk_create(rows)
    assert figure("enforcement.certified_officers", county) == 165
    assert figure("enforcement.certification_rate", county) == 98.8  # 165 of the 167 on the roster (not moved away)
    # the 2025 officer training's person-hours are shared among the certified officers
    Training.objects.create(org=county, date=dt.date(YEAR, 5, 1), title="执法培训", organiser="测试县卫生健康局",
                            audience=Audience.OFFICERS, hours=Decimal(8), participants=40)
    assert figure("training.officer_hours", county) == round(Decimal(40 * 8) / 165, 1)


def test_coverage_counts_the_entities_under_supervision_by_the_years_end(county, unit):
    # typed in this year from an old paper register: under supervision, and unvisited, all of 2025
    (old,) = entities(unit, 1)
    Entity.objects.filter(pk=old.pk).update(created_at=timezone.now(), registered_on=dt.date(YEAR - 3, 5, 1))
    # entered in 2024 ahead of its opening, supervised only from 2026: not in 2025's figures
    (later,) = entities(unit, 1)
    Entity.objects.filter(pk=later.pk).update(registered_on=dt.date(YEAR + 1, 1, 10))
    (seen,) = entities(unit, 1)
    Inspection.objects.create(org=unit, entity=seen, date=dt.date(YEAR, 4, 1))
    assert figure("enforcement.entities", county) == 2
    assert figure("enforcement.coverage", county) == 50.0


def test_the_roster_of_a_past_year_is_read_from_the_certificates_and_the_status_then(county, unit):
    def officer(name, number, **fields):
        return Officer.objects.create(org=unit, name=name, certificate_no=number, issuing_body="测试县人民政府",
                                      issued_on=dt.date(2021, 1, 1), valid_until=dt.date(YEAR + 2, 1, 1), **fields)

    # in post all through 2025, moved away in 2026: still one of 2025's certified officers
    moved = officer("今年调离", "R1", created_at=BEFORE)
    Officer.history.filter(id=moved.pk).update(history_date=BEFORE)
    moved.status = OfficerStatus.LEFT
    moved.save()
    # certified since 2021 but entered on the system only this year
    officer("今年补录", "R2")
    # certificate withheld in 2024 and still withheld: on the roster, not certified
    withheld = officer("暂扣者", "R3", created_at=BEFORE, status=OfficerStatus.SUSPENDED)
    Officer.history.filter(id=withheld.pk).update(history_date=BEFORE)
    assert figure("enforcement.certified_officers", county) == 2
    assert figure("enforcement.certification_rate", county) == 66.7
    this_year = value("enforcement.certified_officers", county, Period.year(timezone.localdate().year))
    assert this_year == 1  # the one moved away is off this year's roster


def test_points_given_in_the_year(county, unit):
    clinic = entities(unit, 1, category="clinic")[0]
    for day, points in [(dt.date(YEAR, 3, 1), 6), (dt.date(YEAR, 9, 1), 6), (dt.date(YEAR + 1, 1, 2), 2)]:
        PointRecord.objects.create(org=unit, entity=clinic, date=day, behaviour="超范围执业", points=points)
    assert figure("enforcement.point_records", county) == 2
    assert figure("enforcement.points", county) == 12


def test_credit_grades_are_counted_on_the_register(county, unit):
    entities(unit, 3, credit_grade="A")
    entities(unit, 2, credit_grade="D")
    assert [figure(f"enforcement.credit_{g}", county) for g in "abcd"] == [3, 0, 0, 2]


@pytest.mark.parametrize(("wording", "unit", "code"), [
    ("依法开展卫生计生综合监督检查", "户次", "enforcement.inspections"),
    ("全市卫生健康系统共监督检查各类经营单位", "户次", "enforcement.inspections"),
    ("监督覆盖率", "%", "enforcement.coverage"),
    ("下达《卫生监督意见书》", "份", "enforcement.opinions"),
    ("全市疾控机构行政执法证持证人员达到", "人", "enforcement.certified_officers"),
    ("执法人员持证率", "%", "enforcement.certification_rate"),
    ("对500余家公共场所", "家", "enforcement.inspected.public_places"),
    ("366家医疗机构进行监督", "家", "enforcement.inspected.medical"),
    ("29所学校", "家", "enforcement.inspected.schools"),
])
def test_report_wording_maps_to_the_enforcement_indicator(wording, unit, code):
    assert match(wording, unit=unit).code == code
