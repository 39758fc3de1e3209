"""Demo annual reports for last year: filed and published by the city and all but one county, still a draft
in 示例区 — as a legal affairs office finds them in the spring. The shortcomings and next year's plan are
the office's own words, here a few stock lines."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fazhi.core.choices import RoleCode
from fazhi.core.demo import DemoContext
from fazhi.core.models import User

from . import services
from .choices import Coverage, Part
from .models import AnnualReport

OWN_WORDS = {
    Part.SHORTCOMINGS: "一是普法针对性有待增强，个别单位重业务轻普法；"
                       "二是执法人员业务能力参差不齐，案卷质量有待提升。",
    Part.NEXT_YEAR: "一是持续深化习近平法治思想学习宣传；二是严格落实行政执法“三项制度”；"
                    "三是加强执法队伍培训和案卷评查。",
}
FILED_TO = "本级党委、政府和上一级卫生健康行政部门"
DRAFT_ONLY = "990102.wjw"  # 示例区: its report is still being written


def _person(commission, role) -> User | None:
    return (User.objects.filter(org__path__startswith=commission.path, roles__code=role, is_active=True)
            .order_by("pk").first())


def generate(ctx: DemoContext) -> None:
    year = ctx.today.year - 1
    for commission in ctx.commissions:
        office, leader = _person(commission, RoleCode.LEGAL_ADMIN), _person(commission, RoleCode.LEADER)
        if office is None or leader is None:
            continue
        coverage = Coverage.REGION if commission == ctx.city else Coverage.OWN
        report = services.report_create(org=commission, year=year, actor=office, coverage=coverage)
        for part, text in OWN_WORDS.items():
            services.paragraph_add(report=report, actor=office, part=part, text=text)
        if commission.code == DRAFT_ONLY or ctx.today < dt.date(year + 1, 2, 20):
            continue
        services.report_sign(report=report, actor=leader)
        services.report_file(report=report, actor=office, on=dt.date(year + 1, 2, 25), to=FILED_TO)
        services.report_publish(report=report, actor=office)
        # Signed and published in the spring, as the dates the law sets would have it.
        tz = timezone.get_current_timezone()
        AnnualReport.objects.filter(pk=report.pk).update(signed_at=dt.datetime(year + 1, 2, 24, 10, tzinfo=tz),
                                                         published_at=dt.datetime(year + 1, 3, 20, 9, tzinfo=tz))
