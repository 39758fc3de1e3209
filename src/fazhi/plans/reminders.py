"""Daily reminders of the task ledger, sent by `fazhi remind`: tasks due soon (预警), tasks overdue
(逾期) and progress reports coming due. Each reminder names its occasion in `key`, so a task is
announced once per occasion however often the command runs."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q
from django.urls import reverse

from fazhi.core.choices import NotificationLevel, RoleCode
from fazhi.core.models import User

from .choices import PlanStatus, TaskStatus
from .models import Task
from .status import task_states


def _people(orgs, role, *, below=False) -> dict[int, list[User]]:
    """Active users holding `role` in each org (or, `below`, anywhere in its subtree), in one query."""
    orgs = list(orgs)
    where = Q(org__in=orgs)
    if below:
        where = Q(pk__in=[])
        for org in orgs:
            where |= Q(org__path__startswith=org.path)
    people = defaultdict(list)
    for user in User.objects.filter(where, is_active=True, roles__code=role).select_related("org").distinct():
        for org in orgs:
            if user.org_id == org.pk or (below and user.org.path.startswith(org.path)):
                people[org.pk].append(user)
    return people


def reminders(today: dt.date):
    tasks = list(Task.objects.filter(plan__status=PlanStatus.ISSUED, plan__deleted_at__isnull=True,
                                     plan__year__in=[today.year - 1, today.year], lead__isnull=False)
                 .select_related("plan__org", "lead"))
    states = task_states(tasks, today)
    reporters = _people({t.lead for t in tasks}, RoleCode.REPORTER)
    offices = _people({t.plan.org for t in tasks}, RoleCode.LEGAL_ADMIN, below=True)  # 政策法规科 sits below
    for task in tasks:
        state = states[task.pk]
        url = reverse("task_detail", args=[task.pk])
        unit = reporters[task.lead_id]
        if state.status == TaskStatus.OVERDUE:
            occasion = state.overdue_slot.end if state.overdue_slot else task.due_date
            yield {"users": unit + offices[task.plan.org_id], "key": f"task:{task.pk}:overdue:{occasion}",
                   "title": f"任务逾期：{task.number}{task.title}", "body": "；".join(state.reasons),
                   "url": url, "level": NotificationLevel.DANGER}
        elif state.status == TaskStatus.WARNING:
            yield {"users": unit, "key": f"task:{task.pk}:warning:{task.due_date}",
                   "title": f"任务即将到期：{task.number}{task.title}",
                   "body": f"完成时限{task.due_date:%Y年%m月%d日}。" + "；".join(state.reasons),
                   "url": url, "level": NotificationLevel.WARNING}
        slot = state.report_due_soon
        if slot is not None:
            yield {"users": unit, "key": f"task:{task.pk}:report:{slot.end}",
                   "title": f"请报送进展：{task.number}{task.title}",
                   "body": f"报送期限{slot.due.date:%Y年%m月%d日}" + ("（临时计算）" if slot.due.provisional else ""),
                   "url": url, "level": NotificationLevel.INFO}
