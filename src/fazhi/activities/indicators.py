"""Indicators the activity ledgers count: each figure an annual report quotes ("中心组专题学法13次",
"参考率与通过率均达100%", "发放各类宣传资料13000余份", "听取法治建设工作汇报3次"), with the words work
plans use for it, so a plan's target moves when a record is saved."""

from __future__ import annotations

from django.db.models import Count, ExpressionWrapper, F, Max, Q, Sum
from django.db.models import DecimalField as DecimalOutput

from fazhi.indicators.measures import Measure, count, formula, total
from fazhi.indicators.registry import get, indicator, rate, records_behind

from .choices import LEADERSHIP_STUDY, Audience, ExamKind, PublicityKind, ServiceKind, StudyKind

STUDY, TRAINING, EXAMS, PUBLICITY, DUTY, ADVISERS = ("学法", "培训", "考试", "普法", "领导责任与述法", "法律顾问")


def _in(model, scope, period, **filters):
    return model.objects.filter(scope.q(), date__range=(period.start, period.end), **filters)


def _count(model, scope, period, **filters) -> Measure:
    # Filters go into the aggregate, not the rows: every count of one ledger comes from one query.
    return count(_in(model, scope, period), filter=Q(**filters) if filters else None, date="date")


def _sum(model, field, scope, period, **filters) -> Measure:
    return total(_in(model, scope, period), Sum(field, filter=Q(**filters) if filters else None), date="date")


# ---------------------------------------------------------------- study
def _study(scope, period, **filters):
    from .models import StudySession

    return _count(StudySession, scope, period, **filters)


@indicator(
    code="study.sessions",
    name="学法次数",
    unit="次",
    area=STUDY,
    synonyms=("学法活动", "专题学法", "学习法律"),
    description="各类学法活动合计",
)
def study_sessions(scope, period):
    return _study(scope, period)


@indicator(
    code="study.central_group",
    name="中心组学法次数",
    unit="次",
    area=STUDY,
    synonyms=("中心组…学法", "中心组…学习", "党组…学法"),
    description="党组（党委）理论学习中心组学法",
)
def study_central_group(scope, period):
    return _study(scope, period, kind=StudyKind.CENTRAL_GROUP)


@indicator(
    code="study.leadership",
    name="领导班子集中学法次数",
    unit="次",
    area=STUDY,
    synonyms=("领导班子…集中学法", "领导班子…学法", "集中学法", "带头学法", "会前学法"),
    description="中心组学法和会前学法",
)
def study_leadership(scope, period):
    return _study(scope, period, kind__in=LEADERSHIP_STUDY)


@indicator(
    code="study.staff",
    name="干部职工集体学法次数",
    unit="次",
    area=STUDY,
    synonyms=("集体学法", "干部职工…学法", "集体学习"),
)
def study_staff(scope, period):
    return _study(scope, period, kind=StudyKind.STAFF)


@indicator(
    code="study.lectures",
    name="法治讲座次数",
    unit="次",
    area=STUDY,
    synonyms=("法治讲座", "法律知识讲座", "专题讲座", "专家…授课", "律师…授课"),
)
def study_lectures(scope, period):
    return _study(scope, period, kind=StudyKind.LECTURE)


@indicator(code="study.court", name="庭审旁听次数", unit="次", area=STUDY, synonyms=("庭审旁听", "旁听庭审"))
def study_court(scope, period):
    return _study(scope, period, kind=StudyKind.COURT)


@indicator(code="study.person_times", name="学法参加人次", unit="人次", area=STUDY, synonyms=("学法…人次",))
def study_person_times(scope, period):
    from .models import StudySession

    return _sum(StudySession, "participants", scope, period)


# ---------------------------------------------------------------- training
@indicator(
    code="training.sessions",
    name="法治培训次数",
    unit="次",
    area=TRAINING,
    synonyms=("专题培训", "业务培训", "法治培训", "培训班", "学习培训"),
)
def training_sessions(scope, period):
    from .models import Training

    return _count(Training, scope, period)


@indicator(
    code="training.person_times",
    name="培训人次",
    unit="人次",
    area=TRAINING,
    synonyms=("培训…人次", "参训人次", "培训…覆盖"),
)
def training_person_times(scope, period):
    from .models import Training

    return _sum(Training, "participants", scope, period)


@indicator(
    code="training.person_hours",
    name="培训总学时（人·学时）",
    unit="学时",
    area=TRAINING,
    synonyms=("培训总学时",),
    description="各次培训学时×参训人数之和",
)
def training_person_hours(scope, period):
    from .models import Training

    return _person_hours(_in(Training, scope, period))


def _person_hours(queryset, **filters):
    product = ExpressionWrapper(
        F("hours") * F("participants"), output_field=DecimalOutput(max_digits=14, decimal_places=1)
    )
    return total(queryset, Sum(product, filter=Q(**filters) if filters else None), date="date")


@indicator(
    code="training.officer_hours",
    name="执法人员人均培训学时",
    unit="学时",
    area=TRAINING,
    synonyms=("执法人员…培训", "人均…学时", "执法人员…学时"),
    description="面向行政执法人员的培训人·学时 ÷ 执法人员数；执法人员数取期末持证执法人员数，"
    "少于单次最多参训人数时取后者",
)
def training_officer_hours(scope, period):
    from .models import Training

    rows = _in(Training, scope, period)
    officers_only = Q(audience=Audience.OFFICERS)
    largest = Measure(rows, {"m": Max("participants", filter=officers_only)}, lambda r: r["m"] or 0)

    def per_officer(hours, largest, certified):
        officers = max(certified or 0, largest or 0)
        return round(hours / officers, 1) if officers else None

    return formula(per_officer, _person_hours(rows, audience=Audience.OFFICERS), largest,
                   get("enforcement.certified_officers").compute(scope, period))


# ---------------------------------------------------------------- exams
def _exams(scope, period, combine, **filters) -> Measure:
    """Exams of the kinds `filters` name, their totals (n, expected, sat, passed) combined into a figure."""
    from .models import Exam

    kind = Q(**filters) if filters else None
    aggregates = {"n": Count("pk", filter=kind), "expected": Sum("expected", filter=kind),
                  "sat": Sum("sat", filter=kind), "passed": Sum("passed", filter=kind)}
    return Measure(_in(Exam, scope, period), aggregates,
                   lambda r: combine({name: value or 0 for name, value in r.items()}), date="date",
                   empty=combine({"n": 0, "expected": 0, "sat": 0, "passed": 0}))


@indicator(
    code="exam.count",
    name="法律知识考试次数",
    unit="次",
    area=EXAMS,
    synonyms=("法律法规知识测试", "法律法规测试", "知识测试", "学法考试", "学法用法考试", "法律知识考试"),
    description="学法用法考试、岗位法律知识考试（不含执法资格考试）",
)
def exam_count(scope, period):
    return _exams(scope, period, lambda t: t["n"], kind__in=[ExamKind.LAW, ExamKind.POST])


@indicator(code="exam.sat", name="参加考试人数", unit="人", area=EXAMS, synonyms=("参加…考试", "参考人数"))
def exam_sat(scope, period):
    return _exams(scope, period, lambda t: t["sat"])


@indicator(code="exam.law_sat", name="参加学法用法考试人数", unit="人", area=EXAMS,
           synonyms=("参加…学法用法考试", "学法用法考试…人"), description="学法用法考试实考人数，参考率和通过率的基数")
def exam_law_sat(scope, period):
    return _exams(scope, period, lambda t: t["sat"], kind=ExamKind.LAW)


@indicator(
    code="exam.attendance_rate",
    name="参考率",
    unit="%",
    area=EXAMS,
    is_rate=True,
    synonyms=("考试参考率",),
    description="学法用法考试实考人数 ÷ 应考人数",
)
def exam_attendance_rate(scope, period):
    return _exams(scope, period, lambda t: rate(t["sat"], t["expected"]), kind=ExamKind.LAW)


@indicator(
    code="exam.pass_rate",
    name="通过率",
    unit="%",
    area=EXAMS,
    is_rate=True,
    synonyms=("考试通过率", "合格率"),
    description="学法用法考试通过人数 ÷ 实考人数",
)
def exam_pass_rate(scope, period):
    return _exams(scope, period, lambda t: rate(t["passed"], t["sat"]), kind=ExamKind.LAW)


@indicator(
    code="exam.certificate", name="参加执法资格考试人数", unit="人", area=EXAMS, synonyms=("资格考试", "执法证考试")
)
def exam_certificate(scope, period):
    return _exams(scope, period, lambda t: t["sat"], kind=ExamKind.CERTIFICATE)


# ---------------------------------------------------------------- law popularisation
def _publicity(scope, period, **filters):
    from .models import PublicityEvent

    return _in(PublicityEvent, scope, period, **filters)


@indicator(
    code="publicity.events",
    name="普法宣传活动次数",
    unit="次",
    area=PUBLICITY,
    synonyms=("普法活动", "宣传活动", "普法宣传", "主题宣传"),
)
def publicity_events(scope, period):
    return count(_publicity(scope, period), date="date")


@indicator(code="publicity.cases", name="以案释法次数", unit="次", area=PUBLICITY, synonyms=("以案释法",))
def publicity_cases(scope, period):
    return count(_publicity(scope, period), filter=Q(kind=PublicityKind.CASE), date="date")


@indicator(
    code="publicity.materials",
    name="发放宣传资料份数",
    unit="份",
    area=PUBLICITY,
    synonyms=("宣传资料", "发放…资料", "宣传材料"),
)
def publicity_materials(scope, period):
    return total(_publicity(scope, period), "materials", date="date")


@indicator(
    code="publicity.reached",
    name="普法受众人次",
    unit="人次",
    area=PUBLICITY,
    synonyms=("受众", "普法…人次", "宣传…人次", "群众…人次"),
)
def publicity_reached(scope, period):
    return total(_publicity(scope, period), "reached", date="date")


@indicator(
    code="publicity.days_covered",
    name="宣传节点活动覆盖率",
    unit="%",
    area=PUBLICITY,
    is_rate=True,
    synonyms=("宣传节点", "宣传日…活动"),
    description="期内已开始的宣传节点中，开展了活动的比例",
)
def publicity_days_covered(scope, period):
    from django.utils import timezone

    from .models import PublicityDay

    until = min(period.end, timezone.localdate())
    due = [
        d.pk
        for d in PublicityDay.objects.filter(is_active=True)
        for year in range(period.start.year, period.end.year + 1)
        if period.start <= d.span(year)[0] <= until
    ]
    due = set(due)
    held = count(_publicity(scope, period, occasion__in=due), distinct="occasion")
    return Measure(held.rows, held.aggregates, lambda r: rate(r["n"] or 0, len(due)), empty=rate(0, len(due)))


# ---------------------------------------------------------------- leadership duty and 述法
@indicator(
    code="duty.reports_heard",
    name="听取法治建设工作汇报次数",
    unit="次",
    area=DUTY,
    synonyms=("听取…法治…汇报", "听取…汇报"),
)
def duty_reports_heard(scope, period):
    from .models import Meeting

    return _count(Meeting, scope, period, heard_report=True)


@indicator(
    code="duty.meetings",
    name="研究法治建设工作会议次数",
    unit="次",
    area=DUTY,
    synonyms=("研究…法治", "专题研究", "研究解决法治"),
)
def duty_meetings(scope, period):
    from .models import Meeting

    return _count(Meeting, scope, period, studied_law=True)


def _accounts(scope, period):
    """(people who must 述法, people who did) for the years `period` covers."""
    from .models import Accountable, LawAccount

    people = Accountable.objects.filter(scope.q(), is_active=True)
    done = LawAccount.objects.filter(person__in=people, year__range=(period.start.year, period.end.year))
    return count(people), count(done, distinct="person", org="person__org")


@indicator(code="duty.accounts", name="述法人数", unit="人", area=DUTY, synonyms=("述法人数",))
def duty_accounts(scope, period):
    return _accounts(scope, period)[1]


@indicator(
    code="duty.account_coverage",
    name="述法覆盖率",
    unit="%",
    area=DUTY,
    is_rate=True,
    synonyms=("述法", "应述尽述", "述法全覆盖"),
    description="已述法的述法对象 ÷ 在职述法对象（按述法年度）",
)
def duty_account_coverage(scope, period):
    return formula(lambda expected, done: rate(done, expected), *_accounts(scope, period))


# ---------------------------------------------------------------- legal advisers
@indicator(
    code="adviser.count",
    name="法律顾问人数",
    unit="名",
    area=ADVISERS,
    synonyms=("聘请…法律顾问", "法律顾问"),
    description="期内在聘的法律顾问",
)
def adviser_count(scope, period):
    return count(_advisers(scope, period))


@indicator(
    code="adviser.units",
    name="聘请法律顾问的单位数",
    unit="家",
    area=ADVISERS,
    synonyms=("聘请了法律顾问", "聘请法律顾问的单位", "…家…聘请…法律顾问"),
    description="期内有在聘法律顾问的机构（委机关、科室和委属单位各计一家）",
)
def adviser_units(scope, period):
    return count(_advisers(scope, period), distinct="org")


def _advisers(scope, period):
    """Legal advisers whose contract runs at some time in the period."""
    from .models import LegalAdviser

    return LegalAdviser.objects.filter(scope.q(), contract_start__lte=period.end, contract_end__gte=period.start)


def _services(scope, period, **filters):
    from .models import AdviserService

    return _sum(AdviserService, "count", scope, period, **filters)


@indicator(
    code="adviser.services",
    name="法律顾问服务件次",
    unit="次",
    area=ADVISERS,
    synonyms=("法律顾问…服务", "法律顾问…参与"),
)
def adviser_services(scope, period):
    return _services(scope, period)


@indicator(
    code="adviser.reviews",
    name="法律顾问合法性审查件数",
    unit="件",
    area=ADVISERS,
    synonyms=("法律顾问…审查", "法律顾问…合法性"),
)
def adviser_reviews(scope, period):
    return _services(scope, period, kind__in=[ServiceKind.REVIEW, ServiceKind.CONTRACT])


@indicator(
    code="adviser.litigation",
    name="法律顾问参与诉讼复议件数",
    unit="件",
    area=ADVISERS,
    synonyms=("法律顾问…诉讼", "法律顾问…复议"),
)
def adviser_litigation(scope, period):
    return _services(scope, period, kind__in=[ServiceKind.LITIGATION, ServiceKind.RECONSIDERATION])


# ---------------------------------------------------------------- the records behind each figure
def _of(model_name: str, **filters):
    def records(scope, period):
        from . import models

        return _in(getattr(models, model_name), scope, period, **filters).order_by("-date")

    return records


_study_all, _training_all, _exams_all, _events_all = (_of("StudySession"), _of("Training"), _of("Exam"),
                                                      _of("PublicityEvent"))
records_behind({
    "study.sessions": _study_all, "study.person_times": _study_all,
    "study.central_group": _of("StudySession", kind=StudyKind.CENTRAL_GROUP),
    "study.leadership": _of("StudySession", kind__in=LEADERSHIP_STUDY),
    "study.staff": _of("StudySession", kind=StudyKind.STAFF),
    "study.lectures": _of("StudySession", kind=StudyKind.LECTURE),
    "study.court": _of("StudySession", kind=StudyKind.COURT),
    "training.sessions": _training_all, "training.person_times": _training_all, "training.person_hours": _training_all,
    "training.officer_hours": _of("Training", audience=Audience.OFFICERS),
    "exam.count": _of("Exam", kind__in=[ExamKind.LAW, ExamKind.POST]), "exam.sat": _exams_all,
    "exam.law_sat": _of("Exam", kind=ExamKind.LAW), "exam.attendance_rate": _of("Exam", kind=ExamKind.LAW),
    "exam.pass_rate": _of("Exam", kind=ExamKind.LAW),
    "exam.certificate": _of("Exam", kind=ExamKind.CERTIFICATE),
    "publicity.events": _events_all, "publicity.materials": _events_all, "publicity.reached": _events_all,
    "publicity.cases": _of("PublicityEvent", kind=PublicityKind.CASE),
    "duty.reports_heard": _of("Meeting", heard_report=True), "duty.meetings": _of("Meeting", studied_law=True),
    "duty.accounts": _of("LawAccount"), "duty.account_coverage": _of("LawAccount"),
    "adviser.count": lambda scope, period: _advisers(scope, period).order_by("name"),
    "adviser.units": lambda scope, period: _advisers(scope, period).order_by("org__path", "name"),
    "adviser.services": _of("AdviserService"),
    "adviser.reviews": _of("AdviserService", kind__in=[ServiceKind.REVIEW, ServiceKind.CONTRACT]),
    "adviser.litigation": _of("AdviserService", kind__in=[ServiceKind.LITIGATION, ServiceKind.RECONSIDERATION]),
})
