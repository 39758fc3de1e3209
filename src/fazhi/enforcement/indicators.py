"""Indicators of the enforcement registers and inspections: each figure an annual report quotes
("监督检查各类经营单位4683户次，下达《卫生监督意见书》1783份", "监督覆盖率98.1%", "行政执法证持证人员达到165名",
"对500余家公共场所…进行监督"), counted in the database, with the words reports and plans use for it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.measures import count, share, total
from fazhi.indicators.registry import indicator, records_behind

from .choices import CreditGrade, EntityCategory, EntityStatus, InspectionResult, OfficerStatus

AREA = "执法监督"


def _inspections(scope, period, **filters):
    from .models import Inspection

    return Inspection.objects.filter(scope.q(), date__range=(period.start, period.end), **filters)


def _register(scope, period, **filters):
    """Entities on the register at the period's end (under supervision by then, not closed)."""
    from .models import Entity

    return Entity.objects.filter(scope.q(), registered_on__lte=period.end, **filters).exclude(
        status=EntityStatus.CLOSED)


# ---------------------------------------------------------------- inspections
@indicator(code="enforcement.inspections", name="监督检查户次", unit="户次", area=AREA,
           synonyms=("监督检查", "检查…户次", "综合监督检查", "监督执法检查", "日常监督检查"),
           description="期内登记的监督检查，一户检查一次计一户次")
def inspections(scope, period):
    return count(_inspections(scope, period), date="date")


@indicator(code="enforcement.inspected_entities", name="检查单位数", unit="户", area=AREA,
           synonyms=("被检查单位", "检查单位", "监督…单位数"), description="期内至少检查过一次的监管对象，不重复计")
def inspected_entities(scope, period):
    return count(_inspections(scope, period), distinct="entity", date="date")


@indicator(code="enforcement.coverage", name="监督覆盖率", unit="%", area=AREA, is_rate=True,
           synonyms=("监督覆盖率", "检查覆盖率", "监管覆盖率", "监督…覆盖"),
           description="期末正常经营的监管对象中，期内至少检查过一次的比例")
def coverage(scope, period):
    from .models import Inspection

    # A semi-join (IN), not one EXISTS per entity: the planner hashes the period's inspections once.
    seen = Inspection.objects.filter(date__range=(period.start, period.end)).values("entity")
    return share(_register(scope, period, status=EntityStatus.OPEN), Q(pk__in=seen))


@indicator(code="enforcement.opinions", name="卫生监督意见书份数", unit="份", area=AREA,
           synonyms=("卫生监督意见书", "监督意见书", "下达…意见书", "现场监督文书"),
           description="期内检查中下达的《卫生监督意见书》")
def opinions(scope, period):
    return count(_inspections(scope, period), filter=~Q(opinion_no=""), date="date")


@indicator(code="enforcement.rectify_orders", name="责令整改户次", unit="户次", area=AREA,
           synonyms=("责令整改", "限期整改"), description="期内检查结果为责令整改的")
def rectify_orders(scope, period):
    return count(_inspections(scope, period), filter=Q(result=InspectionResult.RECTIFY), date="date")


# The groups annual reports name when they list whom they supervised ("对500余家公共场所、7家二次供水单位、
# 29所学校、366家医疗机构进行监督").
SUPERVISED_GROUPS = [
    ("public_places", "公共场所", (EntityCategory.PUBLIC_PLACE,), ("公共场所",)),
    ("medical", "医疗机构", (EntityCategory.HOSPITAL, EntityCategory.CLINIC, EntityCategory.RADIATION,
                          EntityCategory.BLOOD), ("医疗机构", "医疗卫生机构")),
    ("water", "供水单位", (EntityCategory.WATER,), ("供水单位", "二次供水", "现制现售水")),
    ("schools", "学校", (EntityCategory.SCHOOL,), ("学校",)),
    ("occupational", "职业健康用人单位", (EntityCategory.OCCUPATIONAL,), ("用人单位", "职业健康")),
]


def _inspected_group(categories):
    def compute(scope, period):
        return count(_inspections(scope, period), distinct="entity", filter=Q(entity__category__in=categories),
                     date="date")

    return compute


for _code, _label, _categories, _words in SUPERVISED_GROUPS:
    indicator(code=f"enforcement.inspected.{_code}", name=f"监督{_label}数", unit="家", area=AREA,
              synonyms=_words, description=f"期内检查过的{_label}，不重复计")(_inspected_group(_categories))


# ---------------------------------------------------------------- the register
@indicator(code="enforcement.entities", name="监管对象数", unit="户", area=AREA,
           synonyms=("监管对象", "监管…单位数", "纳入监管"), description="期末在册、未注销的监管对象")
def entities(scope, period):
    return count(_register(scope, period))


def _graded(grade):
    def compute(scope, period):
        return count(_register(scope, period), filter=Q(credit_grade=grade))

    return compute


for _grade in CreditGrade:
    indicator(code=f"enforcement.credit_{_grade.value.lower()}", name=f"信用{_grade.value}级监管对象数", unit="户",
              area=AREA, synonyms=(f"信用{_grade.value}级", f"{_grade.value}级信用"),
              description=f"期末在册、当前评为{_grade.label}的监管对象")(_graded(_grade))


# ---------------------------------------------------------------- officers
def _as_of(period) -> dt.date:
    """The day a roster figure is taken: the period's end, or today while the period is still running."""
    return min(period.end, timezone.localdate())


def _roster(scope, period):
    """Officers on the roster on that day: certificate issued by then and not moved to other work by then,
    each with `status_then` (see selectors.with_status_on)."""
    from .models import Officer
    from .selectors import with_status_on

    day = _as_of(period)
    return with_status_on(Officer.objects.filter(scope.q(), issued_on__lte=day), day).exclude(
        status_then=OfficerStatus.LEFT)


def _certified(period):
    day = _as_of(period)
    return Q(status_then=OfficerStatus.ACTIVE, issued_on__lte=day, valid_until__gte=day)


@indicator(code="enforcement.certified_officers", name="持证执法人员数", unit="人", area=AREA,
           synonyms=("持证执法人员", "行政执法证持证人员", "持证人员", "持有行政执法证"),
           description="期末（本期未结束的为今天）在岗且行政执法证有效的执法人员")
def certified_officers(scope, period):
    return count(_roster(scope, period), filter=_certified(period))


@indicator(code="enforcement.certification_rate", name="执法人员持证率", unit="%", area=AREA, is_rate=True,
           synonyms=("持证率", "持证上岗率"),
           description="期末名册上的执法人员（调离的除外）中，执法证有效的比例")
def certification_rate(scope, period):
    return share(_roster(scope, period), _certified(period))


# ---------------------------------------------------------------- bad-practice points
def _points(scope, period):
    from .models import PointRecord

    return PointRecord.objects.filter(scope.q(), date__range=(period.start, period.end))


@indicator(code="enforcement.point_records", name="不良执业行为记分次数", unit="次", area=AREA,
           synonyms=("不良执业行为记分", "记分…次"), description="期内对医疗机构和医务人员的记分记录")
def point_records(scope, period):
    return count(_points(scope, period), date="date")


@indicator(code="enforcement.points", name="不良执业行为记分分值", unit="分", area=AREA,
           synonyms=("记分…分", "累计记分"), description="期内记分分值合计")
def points(scope, period):
    return total(_points(scope, period), "points", date="date")


# ---------------------------------------------------------------- the records behind each figure
def _latest(records, *related):
    return lambda scope, period: records(scope, period).select_related(*related).order_by("-date", "-pk")


_all_inspections = _latest(_inspections, "entity")
records_behind({
    "enforcement.inspections": _all_inspections, "enforcement.inspected_entities": _all_inspections,
    "enforcement.coverage": _all_inspections,
    "enforcement.opinions": _latest(lambda s, p: _inspections(s, p).exclude(opinion_no=""), "entity"),
    "enforcement.rectify_orders": _latest(lambda s, p: _inspections(s, p, result=InspectionResult.RECTIFY), "entity"),
    **{f"enforcement.inspected.{code}": _latest(lambda s, p, c=categories: _inspections(s, p, entity__category__in=c),
                                                "entity")
       for code, _, categories, _ in SUPERVISED_GROUPS},
    "enforcement.entities": lambda s, p: _register(s, p).order_by("name"),
    **{f"enforcement.credit_{grade.lower()}": lambda s, p, g=grade: _register(s, p, credit_grade=g).order_by("name")
       for grade in CreditGrade.values},
    "enforcement.certified_officers": lambda s, p: _roster(s, p).filter(_certified(p)).order_by("name"),
    "enforcement.certification_rate": lambda s, p: _roster(s, p).order_by("name"),
    "enforcement.point_records": _latest(_points, "entity", "practitioner"),
    "enforcement.points": _latest(_points, "entity", "practitioner"),
})
