"""Daily reminders of the law-popularisation calendar, sent by `fazhi remind`: ahead of each publicity
day, week or month, the legal affairs offices are told it is coming, once a year each."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.choices import NotificationLevel, RoleCode
from fazhi.core.models import User

from .models import PublicityDay


def reminders(today: dt.date):
    offices = list(User.objects.filter(is_active=True, roles__code=RoleCode.LEGAL_ADMIN).distinct())
    if not offices:
        return
    for day in PublicityDay.objects.filter(is_active=True):
        for year in (today.year, today.year + 1):  # December reminds of early-January days
            start, end = day.span(year)
            if 0 <= (start - today).days <= day.remind_days:
                when = f"{start:%m月%d日}" + (f"至{end:%m月%d日}" if end != start else "")
                yield {
                    "users": offices,
                    "key": f"publicity:{day.pk}:{year}",
                    "title": f"普法宣传节点临近：{day.name}（{when}）",
                    "body": f"宣传重点：{day.theme or '卫生健康法律法规'}。请提前策划普法活动，活动后在普法台账登记。",
                    "url": reverse("publicity_days") + f"?year={year}",
                    "level": NotificationLevel.INFO,
                }
