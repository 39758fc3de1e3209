"""Indicators of 双随机、一公开, as the annual reports state them: "国家下达的卫生健康行业双随机监督抽查任务598个，
任务完成率96.99%，任务完结率100%"; "制定下发单部门双随机任务4个".

A national (or provincial) task reaches a commission as one line per entity to inspect, and the reports count
those lines as 任务: so the national and provincial figures count picks, while the tasks a commission sets
itself are counted as tasks. Everything is attributed to a period by the date of the draw. The rates are written
to two decimals, as the national reports write them."""

from __future__ import annotations

from django.db.models import F, Q
from django.utils import timezone

from fazhi.indicators.measures import count, share
from fazhi.indicators.registry import indicator, records_behind

from .choices import DrawStatus, PickOutcome, TaskSource

AREA = "双随机抽查"


def _draws(scope, period, **filters):
    from .models import Draw

    return Draw.objects.filter(scope.q(), status=DrawStatus.DRAWN, drawn_at__range=period.datetime_range(),
                               task__deleted_at__isnull=True, **filters)


def _picks(scope, period, **filters):
    from .models import Pick

    return Pick.objects.filter(scope.q("draw__org__path"), draw__status=DrawStatus.DRAWN,
                               draw__deleted_at__isnull=True, draw__task__deleted_at__isnull=True,
                               draw__drawn_at__range=period.datetime_range(), **filters)


def _completion(scope, period, **filters):
    return share(_picks(scope, period), Q(outcome=PickOutcome.INSPECTED), whole=Q(**filters) if filters else None,
                 org="draw__org", places=2)


def _closure(scope, period, **filters):
    return share(_picks(scope, period), Q(outcome__in=[PickOutcome.INSPECTED, PickOutcome.UNABLE]),
                 whole=Q(**filters) if filters else None, org="draw__org", places=2)


# ---------------------------------------------------------------- tasks
@indicator(code="draws.own_tasks", name="本级制定的双随机任务数", unit="个", area=AREA,
           synonyms=("制定…单部门双随机任务", "单部门双随机任务", "本级双随机抽查任务", "自行制定…双随机…任务"),
           description="本单位自行制定并完成抽取的单部门双随机抽查任务")
def own_tasks(scope, period):
    return count(_draws(scope, period), filter=Q(task__source=TaskSource.OWN), date="drawn_at")


@indicator(code="draws.joint_tasks", name="跨部门联合双随机任务数", unit="个", area=AREA,
           synonyms=("跨部门联合…双随机…任务", "部门联合抽查任务", "联合双随机抽查"),
           description="与其他部门联合开展、完成抽取的双随机抽查任务")
def joint_tasks(scope, period):
    return count(_draws(scope, period), filter=Q(task__source=TaskSource.JOINT), date="drawn_at")


@indicator(code="draws.national_tasks", name="国家下达双随机抽查任务数", unit="个", area=AREA,
           synonyms=("国家下达…双随机…任务", "国家双随机抽查任务", "国家…双随机监督抽查任务"),
           description="国家下达的双随机抽查任务中抽中的监管对象数（国家任务按每户一条下达，报告按条计“任务”）")
def national_tasks(scope, period):
    return count(_picks(scope, period), filter=Q(draw__task__source=TaskSource.NATIONAL), org="draw__org",
                 date="draw__drawn_at")


@indicator(code="draws.provincial_tasks", name="省级下达双随机抽查任务数", unit="个", area=AREA,
           synonyms=("省级下达…双随机…任务", "省…下达…双随机…任务", "省双随机抽查任务"),
           description="省级下达的双随机抽查任务中抽中的监管对象数")
def provincial_tasks(scope, period):
    return count(_picks(scope, period), filter=Q(draw__task__source=TaskSource.PROVINCIAL), org="draw__org",
                 date="draw__drawn_at")


@indicator(code="draws.picks", name="双随机抽查户数", unit="户", area=AREA,
           synonyms=("双随机…抽查…户", "随机抽取…监管对象", "双随机抽查对象"),
           description="各类双随机抽查任务抽中的监管对象合计")
def picks(scope, period):
    return count(_picks(scope, period), org="draw__org", date="draw__drawn_at")


# ---------------------------------------------------------------- rates
@indicator(code="draws.completion_rate", name="双随机抽查任务完成率", unit="%", area=AREA, is_rate=True,
           synonyms=("任务完成率", "双随机…完成率", "抽查任务完成率"),
           description="已检查的抽中对象 ÷ 抽中对象（各类任务合计）")
def completion_rate(scope, period):
    return _completion(scope, period)


@indicator(code="draws.closure_rate", name="双随机抽查任务完结率", unit="%", area=AREA, is_rate=True,
           synonyms=("任务完结率", "双随机…完结率", "抽查任务完结率"),
           description="（已检查 + 无法检查）的抽中对象 ÷ 抽中对象（各类任务合计）")
def closure_rate(scope, period):
    return _closure(scope, period)


@indicator(code="draws.national_completion_rate", name="国家双随机抽查任务完成率", unit="%", area=AREA, is_rate=True,
           synonyms=("国家…任务完成率", "国家…双随机…完成率"),
           description="国家下达任务中已检查的抽中对象 ÷ 抽中对象")
def national_completion_rate(scope, period):
    return _completion(scope, period, draw__task__source=TaskSource.NATIONAL)


@indicator(code="draws.national_closure_rate", name="国家双随机抽查任务完结率", unit="%", area=AREA, is_rate=True,
           synonyms=("国家…任务完结率", "国家…双随机…完结率"),
           description="国家下达任务中（已检查 + 无法检查）的抽中对象 ÷ 抽中对象")
def national_closure_rate(scope, period):
    return _closure(scope, period, draw__task__source=TaskSource.NATIONAL)


@indicator(code="draws.publicity_on_time_rate", name="双随机抽查结果按时公示率", unit="%", area=AREA, is_rate=True,
           synonyms=("抽查结果…按时公示", "双随机…结果公示率", "抽查结果公示率", "结果…及时公示"),
           description="按期公示的结果 ÷ 应已公示的结果（已公示的，及公示期限已过仍未公示的）；"
                       "公示期限为办结后“双随机抽查结果公示”时限")
def publicity_on_time_rate(scope, period):
    today = timezone.localdate()
    published = Q(result_published_at__isnull=False)
    return share(_picks(scope, period).exclude(outcome=PickOutcome.PENDING),
                 published & Q(result_published_at__date__lte=F("result_due")),
                 whole=published | Q(result_due__lt=today), org="draw__org", places=2)


# ---------------------------------------------------------------- the records behind each figure
def _picks_of(**filters):
    return lambda scope, period: (_picks(scope, period, **filters).select_related("entity", "draw")
                                  .order_by("-draw_id", "rank"))


def _draws_of(**filters):
    return lambda scope, period: _draws(scope, period, **filters).select_related("task").order_by("-drawn_at")


_national = _picks_of(draw__task__source=TaskSource.NATIONAL)
records_behind({
    "draws.own_tasks": _draws_of(task__source=TaskSource.OWN),
    "draws.joint_tasks": _draws_of(task__source=TaskSource.JOINT),
    "draws.national_tasks": _national, "draws.national_completion_rate": _national,
    "draws.national_closure_rate": _national,
    "draws.provincial_tasks": _picks_of(draw__task__source=TaskSource.PROVINCIAL),
    "draws.picks": _picks_of(), "draws.completion_rate": _picks_of(), "draws.closure_rate": _picks_of(),
    "draws.publicity_on_time_rate": lambda s, p: _picks_of()(s, p).exclude(outcome=PickOutcome.PENDING),
})
