"""The spine's data: org tree, users and roles, the record base, legal time limits,
the holiday calendar and evidence files."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Concat, Substr
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .choices import (
    RULE_UNITS,
    DayKind,
    HolidayCalendar,
    Integrity,
    NotificationLevel,
    OrgKind,
    RegionLevel,
    RoleCode,
    RuleStatus,
    ThresholdUnit,
    TimeUnit,
)
from .scoping import ScopedQuerySet, scope_filter


# ---------------------------------------------------------------- org tree
class OrgQuerySet(models.QuerySet):
    def visible_to(self, user, action="view"):
        return self.filter(scope_filter(user, action, path_field="path"))

    def subtree(self, org):
        return self.filter(path__startswith=org.path)


class Org(models.Model):
    """A node of the org tree: a region (省/市/县), a health commission, one of its
    departments (科室) or a subordinate unit (委属单位). Every business record belongs to one."""

    kind = models.CharField("类型", max_length=20, choices=OrgKind.choices)
    level = models.CharField("行政级别", max_length=10, choices=RegionLevel.choices, blank=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=40, blank=True)
    code = models.CharField(
        "机构代码", max_length=40, unique=True, help_text="稳定的机构标识，用于导入导出和接口，创建后不再修改"
    )
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/<id>/<id>/…/": a subtree is one indexed prefix match, the same on SQLite and PostgreSQL.
    path = models.CharField("路径", max_length=255, db_index=True, editable=False, default="")
    # The commission this org works under (itself for a commission; none for a region): figures split by
    # commission group by it in one query.
    belongs_to = models.ForeignKey("self", verbose_name="所属卫生健康部门", null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    sort_order = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    scope_path_field = "path"
    history = HistoricalRecords()

    objects = OrgQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "机构"
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="region") | Q(level=""),
                name="org_level_only_for_regions",
                violation_error_message="只有行政区域才有行政级别",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        """Keep `path` and `belongs_to` right however the org is saved (service, admin, fixture), and move
        the subtree's along when the parent or the kind changes."""
        super().save(*args, **kwargs)
        path = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        belongs_to = self._commission_by_parent()
        if path == self.path and belongs_to == self.belongs_to_id:
            return
        old, self.path, moved = self.path, path, belongs_to != self.belongs_to_id
        self.belongs_to_id = belongs_to
        Org.objects.filter(pk=self.pk).update(path=path, belongs_to=belongs_to)
        if old and old != path:
            Org.objects.filter(path__startswith=old).exclude(pk=self.pk).update(
                path=Concat(Value(path), Substr("path", len(old) + 1)))
            moved = True
        if old and moved:
            refresh_belongs_to(self.path)

    def _commission_by_parent(self):
        if self.kind == OrgKind.COMMISSION:
            return self.pk
        if self.kind == OrgKind.REGION or not self.parent_id:
            return None
        return self.parent.belongs_to_id

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    def ancestors(self) -> list[Org]:
        """The orgs above this one, top first: one query, read off the path."""
        ids = [int(part) for part in self.path.strip("/").split("/")[:-1]]
        found = {org.pk: org for org in Org.objects.filter(pk__in=ids)}
        return [found[pk] for pk in ids if pk in found]

    def commission(self):
        """The health commission this org belongs to (itself if it is one)."""
        if self.kind == OrgKind.COMMISSION:
            return self
        if self.kind == OrgKind.REGION:
            return self.children.filter(kind=OrgKind.COMMISSION).first()
        return self.belongs_to

    def region(self):
        """The region above this org (itself if it is one)."""
        if self.kind == OrgKind.REGION:
            return self
        return next((org for org in reversed(self.ancestors()) if org.kind == OrgKind.REGION), None)


def refresh_belongs_to(path: str = "/") -> int:
    """Set `belongs_to` over a subtree from the tree itself (after a move, a restore or an import that
    bypassed save); returns how many orgs changed."""
    orgs = list(Org.objects.filter(path__startswith=path).order_by("path"))
    by_id = {org.pk: org for org in orgs}
    known = {}
    changed = []
    for org in orgs:
        if org.kind == OrgKind.COMMISSION:
            commission = org.pk
        elif org.kind == OrgKind.REGION or not org.parent_id:
            commission = None
        elif org.parent_id in known:
            commission = known[org.parent_id]
        else:
            parent = by_id.get(org.parent_id) or Org.objects.get(pk=org.parent_id)
            commission = parent.belongs_to_id
        known[org.pk] = commission
        if org.belongs_to_id != commission:
            org.belongs_to_id = commission
            changed.append(org)
    Org.objects.bulk_update(changed, ["belongs_to"], batch_size=500)
    return len(changed)


# ---------------------------------------------------------------- people
class Role(models.Model):
    """A role a user holds; what each role may do is decided in scoping.py."""

    code = models.CharField("代码", max_length=20, primary_key=True, choices=RoleCode.choices)
    name = models.CharField("名称", max_length=40)
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "角色"
        ordering = ["code"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person who signs in. Belongs to one org and holds one or more roles."""

    org = models.ForeignKey(Org, verbose_name="所属机构", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="users")
    roles = models.ManyToManyField(Role, verbose_name="角色", blank=True, related_name="users")
    full_name = models.CharField("姓名", max_length=40, blank=True)
    title = models.CharField("职务", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True, editable=False)
    scope_path_field = "org__path"
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=[roles])

    class Meta:
        verbose_name = verbose_name_plural = "用户"
        ordering = ["org__path", "username"]

    def __str__(self):
        return self.full_name or self.username

    def set_password(self, raw_password):
        # Every way of changing a password passes here; API tokens made before it stop working.
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.is_active:  # a disabled account keeps no API token
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=self).delete()

    def get_absolute_url(self):
        return reverse("user_detail", args=[self.pk])

    def role_codes(self) -> set[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = set(self.roles.values_list("code", flat=True)) if self.pk else set()
            self._role_codes = cached
        return cached

    def has_role(self, *codes: str) -> bool:
        return bool(self.role_codes() & set(codes))


# ---------------------------------------------------------------- business record base
class AliveManager(models.Manager.from_queryset(ScopedQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Record(models.Model):
    """Base of every business record: it belongs to one org, knows who made it, keeps a
    field-level history and is deleted softly so that an administrator can restore it."""

    org = models.ForeignKey(Org, verbose_name="所属机构", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    deleted_at = models.DateTimeField("删除时间", null=True, blank=True, editable=False)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="删除人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    # Every tracked model says how its rows reach the org that owns them (`scope_filter`'s path_field),
    # or None for reference data the whole deployment shares: the history page finds rows through it.
    scope_path_field = "org__path"
    history = HistoricalRecords(inherit=True)

    objects = AliveManager()
    all_objects = models.Manager.from_queryset(ScopedQuerySet)()

    class Meta:
        abstract = True
        base_manager_name = "all_objects"

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


# ---------------------------------------------------------------- legal time limits
class LegalTimeLimit(models.Model):
    """A number the law sets, with its legal basis: a time limit (办理时限、公示时限…) or a threshold
    (简易程序罚款上限、执法人员最少人数…). Every module asks for it by code; none writes the number in
    its own code."""

    code = models.SlugField("代码", max_length=60, unique=True)
    name = models.CharField("名称", max_length=100)
    number = models.PositiveIntegerField("期限数值", null=True, blank=True)
    unit = models.CharField("单位", max_length=20, choices=RULE_UNITS)
    fixed_month = models.PositiveSmallIntegerField(
        "截止月", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)])
    fixed_day = models.PositiveSmallIntegerField(
        "截止日", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)])
    extension = models.PositiveIntegerField("可延长", null=True, blank=True, help_text="经批准可延长的数值，单位同上")
    counts_back = models.BooleanField(
        "事件前倒算", default=False, help_text="如“听证前至少7日通知”：从事件日往前倒算最迟日期")
    starts_from = models.CharField("起算点", max_length=100, blank=True)
    legal_basis = models.CharField("法律依据", max_length=200)
    article = models.CharField("条款", max_length=60, blank=True)
    status = models.CharField("核实状态", max_length=20, choices=RuleStatus.choices,
                              default=RuleStatus.UNCONFIRMED)
    note = models.TextField("说明", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    scope_path_field = None  # reference data the whole deployment shares
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "法定时限与限额"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(unit="next_year_date") & Q(fixed_month__isnull=False) & Q(fixed_day__isnull=False))
                | (~Q(unit="next_year_date") & Q(number__isnull=False)),
                name="time_limit_number_or_fixed_date",
                violation_error_message="按天/月/年计算的时限须填写期限数值；次年固定日期须填写截止月和日",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.describe()}）"

    def get_absolute_url(self):
        return reverse("time_limit_detail", args=[self.pk])

    @property
    def is_threshold(self) -> bool:
        return self.unit in ThresholdUnit.values

    def describe(self) -> str:
        if self.is_threshold:
            return f"{self.number:,}{self.get_unit_display()}"
        if self.unit == TimeUnit.NEXT_YEAR_DATE:
            return f"次年{self.fixed_month}月{self.fixed_day}日前"
        text = f"{self.number}{self.get_unit_display()}"
        if self.counts_back:
            return f"事件前{text}"
        if self.extension:
            text += f"，可延长{self.extension}{self.get_unit_display()}"
        return text


# ---------------------------------------------------------------- holiday calendar
class HolidayYear(models.Model):
    """A year's holiday schedule entered or imported by an administrator. When a year has one,
    its days override the holiday package; a year with neither rests on the statutory holidays only."""

    year = models.PositiveSmallIntegerField("年份", unique=True, validators=[MinValueValidator(2000)])
    source = models.CharField("依据", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField("录入时间", default=timezone.now)
    scope_path_field = None  # reference data the whole deployment shares
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["-year"]

    def __str__(self):
        return f"{self.year}年节假日安排"


class StatutoryHoliday(models.Model):
    """A holiday the law itself fixes (全国年节及纪念日放假办法第二条), known before the State Council's
    yearly notice: a year with no schedule entered or shipped rests on these days, while its bridging
    days and 调休 workdays stay unknown until the notice."""

    name = models.CharField("节日", max_length=40)
    calendar = models.CharField("历法", max_length=10, choices=HolidayCalendar.choices)
    month = models.PositiveSmallIntegerField(
        "月", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField(
        "日", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(30)])
    term = models.CharField("节气", max_length=4, blank=True, help_text="按节气定日期的节日，如：清明")
    starts_before = models.PositiveSmallIntegerField(
        "提前起放天数", default=0, help_text="自上述日期之前几天起放假，如春节自农历除夕（正月初一前一日）起：1")
    days = models.PositiveSmallIntegerField("放假天数", validators=[MinValueValidator(1)])
    valid_from = models.DateField("施行日期")
    legal_basis = models.CharField("法律依据", max_length=200)
    article = models.CharField("条款", max_length=60, blank=True)
    status = models.CharField("核实状态", max_length=20, choices=RuleStatus.choices,
                              default=RuleStatus.UNCONFIRMED)
    note = models.TextField("说明", blank=True)
    scope_path_field = None  # reference data the whole deployment shares
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "法定节假日"
        ordering = ["calendar", "month", "day", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(calendar="term") & ~Q(term=""))
                | (~Q(calendar="term") & Q(month__isnull=False) & Q(day__isnull=False)),
                name="statutory_holiday_date_given",
                violation_error_message="按公历或农历定日期的节日须填写月和日；按节气定日期的须填写节气",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.describe()}）"

    def describe(self) -> str:
        if self.calendar == HolidayCalendar.SOLAR_TERM:
            start = f"{self.term}当日"
        elif self.calendar == HolidayCalendar.LUNAR:
            start = f"农历{self.month}月{self.day}日"
        else:
            start = f"{self.month}月{self.day}日"
        before = f"前{self.starts_before}日" if self.starts_before else ""
        return f"{start}{before}起放假{self.days}天"


class CalendarDay(models.Model):
    """One day of a year's schedule that differs from Monday–Friday: a holiday or a 调休 workday."""

    schedule = models.ForeignKey(HolidayYear, verbose_name="年度安排", on_delete=models.CASCADE,
                                 related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("节日", max_length=40, blank=True)
    scope_path_field = None  # reference data the whole deployment shares
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "节假日"
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"


# ---------------------------------------------------------------- evidence files
def evidence_upload_to(instance, filename):
    today = timezone.localdate()
    return f"evidence/{today:%Y/%m}/{uuid.uuid4().hex}{instance.extension}"


class EvidenceFile(Record):
    """A piece of evidence (佐证材料): a file whose sha256 is recorded on upload, so that later
    tampering or corruption is detected. It may be linked to any record."""

    file = models.FileField("文件", upload_to=evidence_upload_to, max_length=255)
    original_name = models.CharField("原文件名", max_length=255)
    title = models.CharField("材料名称", max_length=200)
    description = models.TextField("说明", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    size = models.PositiveBigIntegerField("大小（字节）", editable=False)
    mime_type = models.CharField("文件类型", max_length=100, editable=False)
    integrity = models.CharField("完整性", max_length=20, choices=Integrity.choices, default=Integrity.UNCHECKED)
    checked_at = models.DateTimeField("校验时间", null=True, blank=True)
    content_type = models.ForeignKey(ContentType, verbose_name="关联记录类型", null=True, blank=True,
                                     on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField("关联记录", null=True, blank=True)
    linked = GenericForeignKey("content_type", "object_id")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "佐证材料"
        ordering = ["-created_at"]
        indexes = [
            # Files attached to one record (detail pages of every ledger).
            models.Index(fields=["content_type", "object_id"], name="evidence_linked_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evidence_detail", args=[self.pk])

    @property
    def extension(self) -> str:
        name = self.original_name or ""
        return ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""


# ---------------------------------------------------------------- notifications
class Notification(models.Model):
    """An in-app message to one person: a task due soon or overdue, a report returned. `key` names
    what it is about, so that the daily reminder run never sends the same message twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE,
                             related_name="notifications")
    key = models.CharField("事项标识", max_length=200)
    level = models.CharField("级别", max_length=10, choices=NotificationLevel.choices, default=NotificationLevel.INFO)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "消息提醒"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key",
                                               violation_error_message="该提醒已发送")]
        indexes = [
            # The unread count in the top bar on every page.
            models.Index(fields=["user", "read_at"], name="notification_unread_idx"),
        ]

    def __str__(self):
        return self.title
