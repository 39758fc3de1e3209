"""Daily reminders of 双随机 tasks, sent by `fazhi remind`: a task whose due date is near (or passed) with
picks still to inspect, and settled results not yet published as their publicity deadline nears (or passed).
Each names its occasion in `key`, so it is sent once however often the command runs."""

from __future__ import annotations

import datetime as dt
from functools import cache

from django.db.models import Count, Min
from django.urls import reverse

from fazhi.core.choices import NotificationLevel, RoleCode
from fazhi.core.models import Org, User

from .choices import DrawStatus, PickOutcome, TaskState
from .models import DrawTask, Pick
from .selectors import row_progress, with_progress

# Office practice, not law: how many days ahead of a task's due date, and of a result's publicity
# deadline, the people doing it are told.
TASK_WARN_DAYS = 15
PUBLICITY_WARN_DAYS = 5


def reminders(today: dt.date):
    people = _people()
    soon = today + dt.timedelta(days=TASK_WARN_DAYS)
    tasks = (with_progress(DrawTask.objects.filter(due_date__lte=soon, year__gte=today.year - 1))
             .filter(state=TaskState.IN_PROGRESS).select_related("org"))
    for task in tasks:
        pending = row_progress(task).pending
        url = reverse("draw_task_detail", args=[task.pk])
        if task.due_date < today:
            yield {"users": people(task.org_id), "key": f"draw-task:{task.pk}:overdue:{task.due_date}",
                   "title": f"双随机抽查任务逾期：{task.name}",
                   "body": f"完成时限{task.due_date:%Y年%m月%d日}已过，尚有{pending}户未检查或办结。",
                   "url": url, "level": NotificationLevel.DANGER}
        else:
            yield {"users": people(task.org_id), "key": f"draw-task:{task.pk}:due:{task.due_date}",
                   "title": f"双随机抽查任务即将到期：{task.name}",
                   "body": f"完成时限{task.due_date:%Y年%m月%d日}，尚有{pending}户未检查或办结。",
                   "url": url, "level": NotificationLevel.WARNING}
    waiting = (Pick.objects.filter(draw__status=DrawStatus.DRAWN, draw__deleted_at__isnull=True,
                                   draw__task__deleted_at__isnull=True, result_published_at__isnull=True,
                                   result_due__lte=today + dt.timedelta(days=PUBLICITY_WARN_DAYS))
               .exclude(outcome=PickOutcome.PENDING)
               .values("draw_id", "draw__org_id", "draw__task_id", "draw__task__name")
               .annotate(n=Count("pk"), due=Min("result_due")).order_by("due"))
    for row in waiting:
        late = row["due"] < today
        yield {"users": people(row["draw__org_id"]), "key": f"draw:{row['draw_id']}:publish:{row['due']}",
               "title": f"抽查结果{'公示逾期' if late else '待公示'}：{row['draw__task__name']}",
               "body": f"{row['n']}户检查结果尚未公示，最早的公示期限为{row['due']:%Y年%m月%d日}。",
               "url": reverse("draw_task_detail", args=[row["draw__task_id"]]),
               "level": NotificationLevel.DANGER if late else NotificationLevel.WARNING}


def _people():
    """Who hears about a task of an org: the officers of that org (and below) and the legal affairs office of
    its commission. Users are read once; each org's list once."""
    users = list(User.objects.filter(is_active=True, roles__code__in=[RoleCode.OFFICER, RoleCode.LEGAL_ADMIN])
                 .select_related("org").prefetch_related("roles").distinct())

    @cache
    def of(org_id: int) -> list[User]:
        org = Org.objects.get(pk=org_id)
        commission = org.commission() or org
        chosen = []
        for user in users:
            if user.org_id is None:
                continue
            roles = {r.code for r in user.roles.all()}
            if (RoleCode.OFFICER in roles and user.org.path.startswith(org.path)) or (
                    RoleCode.LEGAL_ADMIN in roles and user.org.path.startswith(commission.path)):
                chosen.append(user)
        return chosen

    return of
