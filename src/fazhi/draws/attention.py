"""The draws' part of what the enforcement area needs doing soon: random-inspection tasks due within
the warning days with objects unchecked or not yet drawn. Imported from the app's ready()."""

import datetime as dt

from django.urls import reverse

from fazhi.enforcement.summary import attention_items

from .choices import TaskState
from .reminders import TASK_WARN_DAYS
from .selectors import tasks_visible, with_progress


@attention_items(order=40)
def _open_tasks(*, user, today, part, **_):
    soon = today + dt.timedelta(days=TASK_WARN_DAYS)
    open_tasks = (with_progress(part(tasks_visible(user))).exclude(state=TaskState.SETTLED)
                  .filter(due_date__lte=soon).count())
    return [("双随机任务即将到期", open_tasks, reverse("draw_task_list"),
             f"{TASK_WARN_DAYS}日内到期仍有未检查对象或未抽取的任务")]
