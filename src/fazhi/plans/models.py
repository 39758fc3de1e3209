"""Work plans (工作要点) and the task ledger (任务台账): plan › section › task › target, and the
progress reports (信息报送) units file against tasks."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org, Record

from .choices import (
    Cadence,
    Comparator,
    PlanStatus,
    ReportStatus,
    TargetPeriod,
    TaskEventKind,
    TaskStatus,
)


class Plan(Record):
    """A commission's yearly rule-of-law work plan, parsed from its document. `org` is the commission
    that issues it; its tasks are assigned to the commission's departments and units."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField("标题", max_length=200)
    preamble = models.TextField("总体要求", blank=True)
    closing = models.TextField("结尾", blank=True)
    source_name = models.CharField("来源文件", max_length=255, blank=True)
    source_text = models.TextField("原文", blank=True, help_text="导入时的原文，供核对")
    status = models.CharField("状态", max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    issued_at = models.DateTimeField("下达时间", null=True, blank=True)
    # The commission's own policy, kept per plan: how early a task turns 预警 and when reports are due.
    warn_days = models.PositiveSmallIntegerField(
        "到期预警天数", default=15, validators=[MaxValueValidator(120)],
        help_text="完成时限前多少个自然日起，未完成的任务标为“预警”；报送期限前同样天数起提醒牵头单位")
    report_grace_days = models.PositiveSmallIntegerField(
        "报送期限（工作日）", default=5, validators=[MaxValueValidator(30)],
        help_text="每个报送周期结束后多少个工作日内报送进展")
    default_cadence = models.CharField("默认报送周期", max_length=10, choices=Cadence.choices,
                                       default=Cadence.QUARTER)
    copied_from = models.ForeignKey("self", verbose_name="复制自", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "工作要点"
        ordering = ["-year", "org__path", "title"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "title"], condition=Q(deleted_at__isnull=True),
                                    name="plan_unique_title_per_org_year",
                                    violation_error_message="本单位该年度已有同名的工作要点"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plan_detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == PlanStatus.ISSUED


class Section(models.Model):
    """A numbered part of a plan (一、二、…) grouping its items."""

    plan = models.ForeignKey(Plan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="sections")
    seq = models.PositiveSmallIntegerField("顺序")
    number = models.CharField("序号", max_length=10, blank=True)
    title = models.CharField("标题", max_length=200, blank=True)
    intro = models.TextField("说明", blank=True)
    scope_path_field = "plan__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "部分"
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="section_unique_seq",
                                               violation_error_message="同一工作要点中部分顺序不能重复")]

    def __str__(self):
        return f"{self.number}、{self.title}" if self.number else (self.title or "（未分部分）")


class Task(Record):
    """One item of a plan as a task of the ledger: what to do, who leads, who helps, by when, and how
    often progress is reported. `org` is the plan's commission; `lead` and `co_units` are where the
    work is done, and their reporters see the task."""

    plan = models.ForeignKey(Plan, verbose_name="工作要点", on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(Section, verbose_name="部分", on_delete=models.CASCADE, related_name="tasks")
    seq = models.PositiveSmallIntegerField("顺序")
    number = models.CharField("序号", max_length=10, blank=True)
    title = models.CharField("工作任务", max_length=300)
    text = models.TextField("原文")
    measures = models.TextField("具体措施", blank=True)
    lead = models.ForeignKey(Org, verbose_name="牵头单位", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="led_tasks")
    co_units = models.ManyToManyField(Org, verbose_name="配合单位", blank=True, related_name="supported_tasks")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="责任领导", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    due_date = models.DateField("完成时限")
    cadence = models.CharField("报送周期", max_length=10, choices=Cadence.choices, default=Cadence.QUARTER)
    # The status as of `status_on`, so that lists filter, sort and page by it in the database. Any change to
    # its inputs (a report, a target, a ledger record under the plan's org) clears `status_on`; a list
    # recounts only the tasks not current for today (see stored.py).
    status = models.CharField("状态", max_length=15, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED,
                              editable=False, db_index=True)
    status_on = models.DateField("状态计算日", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "工作任务"
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="task_unique_seq",
                                               violation_error_message="同一工作要点中任务顺序不能重复")]
        indexes = [
            # A unit's own task list: tasks it leads.
            models.Index(fields=["lead", "due_date"], name="task_lead_due_idx"),
        ]

    def __str__(self):
        return f"{self.number}{self.title}"

    def get_absolute_url(self):
        return reverse("task_detail", args=[self.pk])


class Target(models.Model):
    """A quantitative target of a task, as read from its text and confirmed by the office. With an
    indicator code its value is computed from the records; without, it is a manual target that the
    lead unit ticks off with evidence."""

    task = models.ForeignKey(Task, verbose_name="工作任务", on_delete=models.CASCADE, related_name="targets")
    what = models.CharField("指标内容", max_length=200)
    comparator = models.CharField("比较", max_length=2, choices=Comparator.choices, default=Comparator.GTE)
    number = models.DecimalField("目标值", max_digits=12, decimal_places=2)
    unit = models.CharField("单位", max_length=20)
    period = models.CharField("周期", max_length=10, choices=TargetPeriod.choices, default=TargetPeriod.YEAR)
    phrase = models.CharField("原文表述", max_length=300, blank=True)
    indicator_code = models.CharField("对应指标", max_length=80, blank=True,
                                      help_text="留空为手工目标：由牵头单位附佐证材料填报完成值")
    confirmed = models.BooleanField("已确认", default=False)
    # A manual target's achieved value, filed by the lead unit with evidence.
    manual_value = models.DecimalField("填报完成值", max_digits=12, decimal_places=2, null=True, blank=True)
    manual_note = models.CharField("完成说明", max_length=300, blank=True)
    manual_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    manual_at = models.DateTimeField("填报时间", null=True, blank=True)
    scope_path_field = "task__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "量化目标"
        ordering = ["task", "pk"]
        constraints = [models.CheckConstraint(condition=Q(number__gte=0), name="target_number_not_negative",
                                              violation_error_message="目标值不能为负数")]

    def __str__(self):
        from .targets import describe

        return describe(self.what, self.comparator, self.number, self.unit, self.period)

    @property
    def is_manual(self) -> bool:
        return not self.indicator_code


class ProgressReport(Record):
    """A progress report (信息报送) on a task for one period, filed by the lead unit (`org`) and
    accepted or returned by the legal affairs office."""

    task = models.ForeignKey(Task, verbose_name="工作任务", on_delete=models.PROTECT, related_name="reports")
    period_start = models.DateField("报送周期起")
    period_end = models.DateField("报送周期止")
    text = models.TextField("进展情况")
    completes_task = models.BooleanField("申报完成", default=False, help_text="本次报送表示任务已全部完成")
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED)
    submitted_at = models.DateTimeField("报送时间", default=timezone.now)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "进展报送"
        ordering = ["-submitted_at"]
        indexes = [
            # The task page and status: a task's reports, newest first.
            models.Index(fields=["task", "status", "period_end"], name="report_task_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="report_period_ordered", violation_error_message="报送周期止不能早于起"),
        ]

    def __str__(self):
        return f"{self.task.title}（{self.period_label}）"

    def get_absolute_url(self):
        return reverse("task_detail", args=[self.task_id]) + f"#report-{self.pk}"

    @property
    def period_label(self) -> str:
        from .periods import label

        return label(self.period_start, self.period_end)


class ReportLink(models.Model):
    """A record that shows the reported work (a training, a review, an inspection…), linked to a report."""

    report = models.ForeignKey(ProgressReport, verbose_name="进展报送", on_delete=models.CASCADE,
                               related_name="links")
    content_type = models.ForeignKey(ContentType, verbose_name="记录类型", on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField("记录")
    record = GenericForeignKey("content_type", "object_id")
    label = models.CharField("记录名称", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "关联记录"
        ordering = ["report", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "content_type", "object_id"],
                                               name="report_link_unique", violation_error_message="该记录已关联")]

    def __str__(self):
        return self.label


class TaskEvent(models.Model):
    """The task's business timeline (流转记录): assignments, reports, reviews, target confirmations.
    Written only through events.py."""

    task = models.ForeignKey(Task, verbose_name="工作任务", on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("事项", max_length=30, choices=TaskEventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField("时间", default=timezone.now)
    parameters = models.JSONField("内容", default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "流转记录"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d %H:%M}"
