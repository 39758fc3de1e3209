"""Daily reminders of last year's annual report, sent by `fazhi remind`: from a month before each legal
date (filing with the party committee, government and superior; publication) until it is met, the
commission's legal affairs office and leaders are told, once a week, what is still to do."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from fazhi.core.choices import NotificationLevel, OrgKind, RoleCode
from fazhi.core.deadlines import due_for
from fazhi.core.models import LegalTimeLimit, Org, User
from fazhi.core.rules import citation

from .choices import ReportStatus
from .models import AnnualReport

# Reminding starts a month before the legal date and stops two months after it: custom, not law.
AHEAD, AFTER = 30, 60


def reminders(today: dt.date):
    year = today.year - 1
    limits = LegalTimeLimit.objects.in_bulk(["annual-report-filing", "annual-report-publication"], field_name="code")
    if len(limits) < 2:
        return
    reports = {r.org_id: r for r in AnnualReport.objects.filter(year=year)}
    commissions = list(Org.objects.filter(kind=OrgKind.COMMISSION, is_active=True))
    people = list(User.objects.filter(Q(roles__code=RoleCode.LEGAL_ADMIN) | Q(roles__code=RoleCode.LEADER),
                                      is_active=True).select_related("org").distinct())
    for code, limit in limits.items():
        due = due_for(code, dt.date(year, 12, 31), limit=limit).date
        if not -AFTER <= (due - today).days <= AHEAD:
            continue
        for commission in commissions:
            report = reports.get(commission.pk)
            done = report is not None and (report.filed_on if code == "annual-report-filing"
                                           else report.status == ReportStatus.PUBLISHED)
            if done:
                continue
            users = [u for u in people if u.org_id and u.org.path.startswith(commission.path)]
            overdue = today > due
            week = (today - dt.date(year + 1, 1, 1)).days // 7
            yield {"users": users, "key": f"annual-report:{commission.pk}:{year}:{code}:{week}",
                   "title": f"{'已逾期' if overdue else '即将到期'}：{limit.name}（{year}年度）",
                   "body": f"法定期限为{due:%Y年%m月%d日}前（{citation(limit)}）。"
                           + ("尚未起草年度报告。" if report is None else f"报告状态：{report.get_status_display()}。"),
                   "url": reverse("report_detail", args=[report.pk]) if report else reverse("report_list"),
                   "level": NotificationLevel.DANGER if overdue else NotificationLevel.WARNING}
