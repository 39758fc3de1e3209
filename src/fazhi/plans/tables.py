"""List-page tables of plans and tasks."""

import django_tables2 as tables

from fazhi.core.tables import badge

from .choices import PLAN_STATUS_COLOURS, TASK_STATUS_COLOURS
from .models import Plan, Task


class PlanTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name="标题")
    org = tables.Column(verbose_name="所属单位")
    status = tables.Column(verbose_name="状态")
    task_count = tables.Column(verbose_name="任务数")

    class Meta:
        model = Plan
        fields = ("year", "title", "org", "status", "task_count", "issued_at")

    def render_status(self, record):
        return badge(record.get_status_display(), PLAN_STATUS_COLOURS[record.status])

    def value_status(self, record):
        return record.get_status_display()


class TaskTable(tables.Table):
    """Rows carry `state`, counted by the view for the rows shown; the status sorts by its stored value."""

    title = tables.Column(linkify=True, verbose_name="工作任务")
    plan = tables.Column(accessor="plan__title", verbose_name="工作要点")
    lead = tables.Column(verbose_name="牵头单位")
    status = tables.Column(empty_values=(), verbose_name="状态")
    percent = tables.Column(empty_values=(), accessor="state__percent", orderable=False, verbose_name="目标进度")
    next_report = tables.Column(empty_values=(), orderable=False, verbose_name="下次报送")

    class Meta:
        model = Task
        fields = ("number", "title", "plan", "lead", "due_date", "status", "percent", "next_report")

    def render_lead(self, value):
        return value.name

    def value_lead(self, value):
        return value.name if value else ""

    def render_status(self, record):
        return badge(record.state.label, TASK_STATUS_COLOURS[record.state.status])

    def value_status(self, record):
        return record.state.label

    def render_percent(self, record):
        return f"{record.state.percent}%" if record.state.targets else "—"

    def value_percent(self, record):
        return record.state.percent if record.state.targets else ""

    def render_next_report(self, record):
        slot = record.state.next_slot
        return f"{slot.due.date:%Y-%m-%d}" if slot else "—"

    def value_next_report(self, record):
        slot = record.state.next_slot
        return f"{slot.due.date:%Y-%m-%d}" if slot else ""
