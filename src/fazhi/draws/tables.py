"""The task list: each task with its state and its 完成率 and 完结率."""

import django_tables2 as tables

from fazhi.core.tables import badge

from .choices import TASK_STATE_COLOURS, SampleMode, TaskState
from .models import DrawTask
from .selectors import row_progress


def _percent(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


class DrawTaskTable(tables.Table):
    """Rows come from selectors.with_progress: counts and state are annotations."""

    name = tables.Column(linkify=True, verbose_name="任务名称")
    org = tables.Column(accessor="org__name", verbose_name="组织单位")
    size = tables.Column(empty_values=(), accessor="sample_size", verbose_name="抽取数量")
    state = tables.Column(verbose_name="状态")
    pick_total = tables.Column(verbose_name="抽中户数")
    completion = tables.Column(empty_values=(), accessor="pick_inspected", verbose_name="完成率")
    closure = tables.Column(empty_values=(), accessor="pick_unable", verbose_name="完结率")

    class Meta:
        model = DrawTask
        fields = ("year", "name", "source", "org", "size", "state", "pick_total", "completion", "closure",
                  "due_date")
        order_by = ("-year", "-start_date")

    def render_size(self, record):
        return record.sample_size if record.mode == SampleMode.FIXED else "按信用等级比例"

    def value_size(self, record):
        return self.render_size(record)

    def render_state(self, record):
        return badge(TaskState(record.state).label, TASK_STATE_COLOURS[record.state])

    def value_state(self, record):
        return TaskState(record.state).label

    def render_completion(self, record):
        return _percent(row_progress(record).completion_rate)

    def value_completion(self, record):
        return row_progress(record).completion_rate

    def render_closure(self, record):
        return _percent(row_progress(record).closure_rate)

    def value_closure(self, record):
        return row_progress(record).closure_rate
