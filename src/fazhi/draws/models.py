"""双随机、一公开: a random-inspection task (抽查任务), its draw (抽取) and the picks it makes.

A draw is verifiable: before anybody knows the pool, the system commits to a secret by publishing its
hash; then the pool (entities and officers, with the avoidance pairs) is snapshotted and hashed; then a
witness adds an input of their own. The seed is the hash of all three, and the documented algorithm
(`algorithm.py`) turns pool, seed and rules into the picks. The draw record holds all of it, so anyone
can run the draw again (`fazhi draw verify FILE`) and get the same picks."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fazhi.core.models import Org, Record
from fazhi.core.rules import threshold
from fazhi.enforcement.models import CheckItem, Entity, Inspection, Officer

from .choices import DrawStatus, PickOutcome, SampleMode, TaskSource


def min_team_size() -> int:
    """The law's smallest team (rules table), for a task that does not ask for more."""
    return threshold("enforcement-min-officers")


class DrawTask(Record):
    """A random-inspection task: which entities may be drawn (the pool's subtree, categories, credit
    grades), how many, with teams of how many officers, what is checked and by when."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField("任务名称", max_length=200)
    source = models.CharField("任务来源", max_length=12, choices=TaskSource.choices, default=TaskSource.OWN)
    pool_org = models.ForeignKey(Org, verbose_name="抽取范围", on_delete=models.PROTECT, related_name="+",
                                 help_text="从该机构及其下级监管的对象中抽取")
    categories = models.JSONField("监管类别", default=list, blank=True, help_text="不选为全部类别")
    grades = models.JSONField("信用等级", default=list, blank=True, help_text="不选为全部等级")
    mode = models.CharField("抽取方式", max_length=10, choices=SampleMode.choices, default=SampleMode.FIXED)
    sample_size = models.PositiveIntegerField("抽取数量", null=True, blank=True, validators=[MinValueValidator(1)],
                                              help_text="按数量抽取时必填")
    team_size = models.PositiveSmallIntegerField("每组执法人员数", default=min_team_size,
                                                 validators=[MinValueValidator(1), MaxValueValidator(10)])
    items = models.ManyToManyField(CheckItem, verbose_name="抽查事项", blank=True, related_name="draw_tasks")
    start_date = models.DateField("开始日期")
    due_date = models.DateField("完成时限")
    note = models.TextField("说明", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "抽查任务"
        ordering = ["-year", "-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(due_date__gte=F("start_date")), name="draw_task_due_after_start",
                                   violation_error_message="完成时限不能早于开始日期"),
            models.CheckConstraint(condition=~Q(mode="fixed") | Q(sample_size__isnull=False),
                                   name="draw_task_fixed_needs_size",
                                   violation_error_message="按数量抽取须填写抽取数量"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("draw_task_detail", args=[self.pk])


class Draw(Record):
    """One draw of a task, with everything needed to run it again. At most one draw of a task is not
    void: a draw is never repeated until a liked result comes out."""

    task = models.ForeignKey(DrawTask, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="draws")
    public_id = models.UUIDField("公开标识", default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField("状态", max_length=12, choices=DrawStatus.choices, default=DrawStatus.COMMITTED)
    algorithm = models.CharField("算法", max_length=40, editable=False)
    # sha256 of the secret, shown from the start; the secret itself only once the draw is made.
    commitment = models.CharField("随机数承诺（哈希）", max_length=64, editable=False)
    secret = models.CharField("系统随机数", max_length=64, editable=False)
    committed_at = models.DateTimeField("承诺时间", null=True, blank=True, editable=False)
    pool_hash = models.CharField("名录哈希", max_length=64, blank=True, editable=False)
    # Sizes of the snapshot, so that lists never load the pool itself.
    pool_entity_count = models.PositiveIntegerField("名录对象数", null=True, blank=True, editable=False)
    pool_officer_count = models.PositiveIntegerField("名录执法人员数", null=True, blank=True, editable=False)
    pool_fixed_at = models.DateTimeField("名录锁定时间", null=True, blank=True, editable=False)
    pool_fixed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="锁定人", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+", editable=False)
    witness = models.CharField("监督人", max_length=100, blank=True, help_text="现场监督抽取的人员及其单位、职务")
    witness_input = models.CharField("监督人输入", max_length=100, blank=True,
                                     help_text="监督人当场给出的任意数字或文字，参与生成随机种子")
    seed = models.CharField("随机种子", max_length=64, blank=True, editable=False)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True, editable=False)
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+", editable=False)
    void_reason = models.CharField("作废原因", max_length=300, blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "随机抽取"
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["task"], condition=~Q(status="void") & Q(deleted_at__isnull=True),
                                    name="draw_one_live_per_task",
                                    violation_error_message="该任务已有一次有效的抽取，不能重复抽取"),
        ]
        indexes = [
            # The indicators attribute picks to a period by the date of their draw.
            models.Index(fields=["drawn_at"], name="draw_drawn_at_idx"),
        ]

    def __str__(self):
        return f"{self.task.name}（抽取#{self.pk}）"

    def get_absolute_url(self):
        return reverse("draw_detail", args=[self.pk])

    # Each step of a draw is allowed from one state only; the services raise the reason.
    def can_fix_pool(self) -> bool:
        return self.status == DrawStatus.COMMITTED

    def can_run(self) -> bool:
        return self.status == DrawStatus.POOL_FIXED

    def can_void(self) -> bool:
        return self.status in (DrawStatus.COMMITTED, DrawStatus.POOL_FIXED)

    @property
    def is_drawn(self) -> bool:
        return self.status == DrawStatus.DRAWN

    @property
    def pool(self) -> dict | None:
        """The pool as fixed (see DrawPool), or None before."""
        try:
            return self.snapshot.pool
        except DrawPool.DoesNotExist:
            return None


class DrawPool(models.Model):
    """The snapshot a draw's pool was fixed as: the sorted entity and officer ids, the avoidance and the rules
    (see algorithm.make_pool). Written once and never changed; its hash is on the draw. It lives apart from
    the draw so that the draw's field history and its lists never copy or load a pool of 100,000 entities."""

    draw = models.OneToOneField(Draw, verbose_name="随机抽取", on_delete=models.PROTECT, primary_key=True,
                                related_name="snapshot")
    pool = models.JSONField("抽取名录快照")

    class Meta:
        verbose_name = verbose_name_plural = "抽取名录快照"
        ordering = ["draw"]

    def __str__(self):
        return f"{self.draw}的名录"


class Pick(models.Model):
    """An entity a draw picked, the team drawn to inspect it, and what came of it."""

    draw = models.ForeignKey(Draw, verbose_name="随机抽取", on_delete=models.PROTECT, related_name="picks")
    rank = models.PositiveIntegerField("抽中顺序")
    entity = models.ForeignKey(Entity, verbose_name="监管对象", on_delete=models.PROTECT, related_name="picks")
    stratum = models.CharField("信用等级分层", max_length=1, blank=True)
    officers = models.ManyToManyField(Officer, verbose_name="检查人员", related_name="picks")
    outcome = models.CharField("检查结果", max_length=10, choices=PickOutcome.choices, default=PickOutcome.PENDING)
    inspection = models.OneToOneField(Inspection, verbose_name="监督检查", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="pick")
    unable_reason = models.CharField("无法检查原因", max_length=200, blank=True)
    # Inspected by others than the drawn team: why, kept with the pick (and in its history).
    team_change_reason = models.CharField("调整检查人员原因", max_length=200, blank=True)
    settled_on = models.DateField("办结日期", null=True, blank=True)
    # The publicity deadline in force when the pick was settled (rules table), kept so that the on-time
    # rate is one aggregate in the database.
    result_due = models.DateField("结果公示期限", null=True, blank=True)
    result_published_at = models.DateTimeField("结果公示时间", null=True, blank=True)
    scope_path_field = "draw__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "抽中对象"
        ordering = ["draw", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "entity"], name="pick_entity_once",
                                    violation_error_message="同一次抽取中监管对象不能重复"),
            models.UniqueConstraint(fields=["draw", "rank"], name="pick_rank_once",
                                    violation_error_message="抽中顺序不能重复"),
            models.CheckConstraint(condition=~Q(outcome="unable") | ~Q(unable_reason=""),
                                   name="pick_unable_needs_reason", violation_error_message="无法检查须写明原因"),
        ]

    def __str__(self):
        return f"{self.rank}. {self.entity.name}"

    def get_absolute_url(self):
        return reverse("draw_task_detail", args=[self.draw.task_id]) + f"#pick-{self.pk}"

    @property
    def is_settled(self) -> bool:
        return self.outcome != PickOutcome.PENDING
