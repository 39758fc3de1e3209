"""Plans for tests, made with the services the product uses.

`PLAN_TEXT`'s one target, 学法用法情况督查, is a count no indicator keeps: the unit ticks it with evidence,
unless a test registers an indicator for it.
"""

import datetime as dt

from django.utils import timezone

from fazhi.core.models import Org
from fazhi.plans import services
from fazhi.plans.models import Plan

PLAN_TEXT = """示例县卫生健康局{year}年依法行政工作要点
各科室、局属各单位要坚持依法行政，扎实推进法治建设。
一、加强学法用法
（一）深入开展学法。健全学法用法工作机制，全年开展学法用法情况督查不少于2次。
（二）落实述法制度。领导班子成员年度述职同步述法。
二、规范行政执法
（三）规范执法行为。每季度开展执法案卷自查，落实行政执法三项制度。
示例县卫生健康局
{year}年2月10日
"""


def make_plan(actor, *, year: int | None = None, text: str = PLAN_TEXT, lead_code: str = "990121.wjw.rmyy",
              cadence: str | None = None, issue: bool = True, issued_on: dt.date | None = None) -> Plan:
    """示例县's plan: imported, every target confirmed, every task led by `lead_code`, issued."""
    year = year or timezone.localdate().year
    commission = actor.org.commission()
    plan = services.plan_import(org=commission, year=year, text=text.format(year=year), actor=actor)
    lead = Org.objects.get(code=lead_code)
    for task in plan.tasks.all():
        for target in task.targets.all():
            services.target_save(target=target, actor=actor, what=target.what, comparator=target.comparator,
                                 number=target.number, unit=target.unit, period=target.period,
                                 indicator_code=target.indicator_code, confirmed=True)
        services.task_assign(task=task, actor=actor, lead=lead, **({"cadence": cadence} if cadence else {}))
    if issue:
        services.plan_issue(plan=plan, actor=actor)
        if issued_on:
            moment = timezone.make_aware(dt.datetime.combine(issued_on, dt.time(9)))
            Plan.objects.filter(pk=plan.pk).update(issued_at=moment)
            plan.refresh_from_db()
    return plan
