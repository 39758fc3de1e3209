"""Each task's status, stored for the day it was counted, so that task lists filter, sort and page in the
database. The inputs are many (reports, targets, every ledger record under the plan's org, the date), so
a change to any of them does not recount: it clears `status_on`, and the next list, the daily reminder
run or `fazhi refresh-stored` recounts the tasks not current for the day, in one batch."""

from __future__ import annotations

import datetime as dt

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from fazhi.core.stored import refresher


def current(tasks, today: dt.date | None = None):
    """`tasks` (a queryset) with every status current for `today`: the stale ones are recounted first."""
    from .models import Task
    from .status import task_states

    today = today or timezone.localdate()
    stale = list(tasks.exclude(status_on=today).select_related("plan__org").order_by())
    if stale:
        states = task_states(stale, today)
        for task in stale:
            task.status, task.status_on = states[task.pk].status, today
        Task.all_objects.bulk_update(stale, ["status", "status_on"], batch_size=500)
    return tasks


@refresher("plans.task_status")
def refresh(queryset=None) -> int:
    from .models import Task

    tasks = Task.all_objects.all() if queryset is None else queryset
    count = tasks.count()
    tasks.update(status_on=None)
    current(tasks)
    return count


# ---------------------------------------------------------------- what makes a status stale
def _stale_under(org_path: str) -> None:
    """Tasks of the plans of this org and of every org above it: their targets count its records."""
    from .models import Task

    ids = [int(part) for part in org_path.strip("/").split("/") if part]
    Task.all_objects.filter(plan__org_id__in=ids).exclude(status_on=None).update(status_on=None)


def _changed(sender, instance, **kwargs):
    from fazhi.core.models import Record

    from .models import Plan, ProgressReport, Target, Task

    if isinstance(instance, Task):
        Task.all_objects.filter(pk=instance.pk).update(status_on=None)
    elif isinstance(instance, ProgressReport | Target):
        Task.all_objects.filter(pk=instance.task_id).update(status_on=None)
    elif isinstance(instance, Plan):
        Task.all_objects.filter(plan_id=instance.pk).update(status_on=None)
    elif isinstance(instance, Record) and instance.org_id:
        org = instance.org
        _stale_under(org.path)


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="plans-task-status-save")
    post_delete.connect(_changed, dispatch_uid="plans-task-status-delete")
