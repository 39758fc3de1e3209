"""Vocabularies of plans and tasks, each declared once with its label and colour."""

from django.db import models


class PlanStatus(models.TextChoices):
    # Imported or copied, being checked and assigned by the legal affairs office; units do not see it yet.
    DRAFT = "draft", "草稿"
    # Sent to the departments and units: tasks are live, progress is reported against them.
    ISSUED = "issued", "已下达"


PLAN_STATUS_COLOURS = {PlanStatus.DRAFT: "secondary", PlanStatus.ISSUED: "blue"}


class Cadence(models.TextChoices):
    """How often the lead unit reports progress (信息报送); also the period of a recurring task."""

    ONCE = "once", "完成时报送"
    HALF = "half", "每半年"
    QUARTER = "quarter", "每季度"
    MONTH = "month", "每月"


class TaskStatus(models.TextChoices):
    """Computed from targets, reports and deadlines, never typed (see status.py)."""

    # Nothing accepted yet and no target has moved.
    NOT_STARTED = "not_started", "未开始"
    # An accepted report or a target value shows work under way.
    IN_PROGRESS = "in_progress", "推进中"
    # Every target met (or, with no target, the office accepted a report declaring completion).
    DONE = "done", "已完成"
    # Not done, and the task's deadline is within the plan's warning days (a report coming due is a
    # reminder, not a warning: see reminders.py).
    WARNING = "warning", "预警"
    # Not done after the deadline, or the last report period passed with nothing filed.
    OVERDUE = "overdue", "逾期"


TASK_STATUS_COLOURS = {
    TaskStatus.NOT_STARTED: "secondary",
    TaskStatus.IN_PROGRESS: "blue",
    TaskStatus.DONE: "green",
    TaskStatus.WARNING: "orange",
    TaskStatus.OVERDUE: "red",
}


class ReportStatus(models.TextChoices):
    # Filed by the unit, waiting for the legal affairs office.
    SUBMITTED = "submitted", "待审核"
    ACCEPTED = "accepted", "已采纳"
    # Sent back with a comment; the unit files a new report.
    RETURNED = "returned", "已退回"


REPORT_STATUS_COLOURS = {ReportStatus.SUBMITTED: "yellow", ReportStatus.ACCEPTED: "green",
                         ReportStatus.RETURNED: "red"}


class Comparator(models.TextChoices):
    GTE = ">=", "不少于"
    GT = ">", "多于"
    LTE = "<=", "不超过"
    LT = "<", "少于"
    EQ = "=", "等于"


class TargetPeriod(models.TextChoices):
    """The span a target's number applies to: "全年…不少于2次" or "每季度…不少于1次"."""

    YEAR = "year", "全年"
    HALF = "half", "每半年"
    QUARTER = "quarter", "每季度"
    MONTH = "month", "每月"


class TaskEventKind(models.TextChoices):
    ASSIGNED = "assigned", "分工调整"
    REPORT_SUBMITTED = "report_submitted", "报送进展"
    REPORT_ACCEPTED = "report_accepted", "采纳进展"
    REPORT_RETURNED = "report_returned", "退回进展"
    TARGET_CONFIRMED = "target_confirmed", "确认目标"
    TARGET_TICKED = "target_ticked", "填报目标完成"
    LEDGER_IMPORTED = "ledger_imported", "台账导入"
