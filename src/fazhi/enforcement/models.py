"""The enforcement registers and the field work: officers and their certificates (执法人员), the
register of supervised entities (监管对象库) with their credit grades and bad-practice points, the
catalogues an agency publishes beforehand (权责清单, 随机抽查事项清单, 两轻一免清单), and inspections
(监督检查). Draws (双随机) and penalty cases build on these in their own apps."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fazhi.core.models import AliveManager, Record
from fazhi.core.scoping import ScopedQuerySet

from .choices import (
    CERTIFICATE_WARNING_DAYS,
    CertificateState,
    ConflictReason,
    CreditGrade,
    EntityCategory,
    EntityStatus,
    FollowUp,
    InspectionKind,
    InspectionResult,
    LenientKind,
    OfficerStatus,
    PointSubject,
    PowerKind,
)


# ---------------------------------------------------------------- officers
class OfficerQuerySet(ScopedQuerySet):
    def certified(self, on: dt.date):
        """Officers who may inspect or handle a case on `on`: in post, certificate valid that day."""
        return self.filter(status=OfficerStatus.ACTIVE, issued_on__lte=on, valid_until__gte=on)


class Officer(Record):
    """An enforcement officer (执法人员) and the certificate (行政执法证) that lets them act. `org` is the
    unit the officer works in; `user` is their login, when they have one."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name="系统账号", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="officer")
    name = models.CharField("姓名", max_length=40)
    position = models.CharField("职务", max_length=40, blank=True)
    certificate_no = models.CharField("执法证号", max_length=40)
    issuing_body = models.CharField("发证机关", max_length=100)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    status = models.CharField("状态", max_length=10, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE)
    note = models.TextField("备注", blank=True)

    objects = AliveManager.from_queryset(OfficerQuerySet)()

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "执法人员"
        ordering = ["org__path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["certificate_no"], condition=Q(deleted_at__isnull=True),
                                    name="officer_unique_certificate",
                                    violation_error_message="该执法证号已登记"),
            models.CheckConstraint(condition=Q(valid_until__gte=F("issued_on")), name="officer_valid_after_issue",
                                   violation_error_message="有效期至不能早于发证日期"),
        ]
        indexes = [
            # Certified officers of a subtree on a day: the officer pickers, the draw pool, 持证率.
            models.Index(fields=["status", "valid_until"], name="officer_certified_idx"),
        ]

    def __str__(self):
        return f"{self.name}（{self.certificate_no}）"

    def get_absolute_url(self):
        return reverse("officer_detail", args=[self.pk])

    def certified_on(self, day: dt.date) -> bool:
        return self.status == OfficerStatus.ACTIVE and self.issued_on <= day <= self.valid_until

    def certificate_state(self, today: dt.date) -> str:
        """有效, 即将到期 (within the office's warning window) or 已过期, by the certificate's dates alone."""
        if self.valid_until < today:
            return CertificateState.EXPIRED
        if self.valid_until <= today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS):
            return CertificateState.EXPIRING
        return CertificateState.VALID


# ---------------------------------------------------------------- supervised entities
class Entity(Record):
    """A supervised entity (监管对象): a hospital, clinic, public place, water supplier, school… `org`
    is the unit that supervises it. Its credit grade sets how often the random draws pick it."""

    public_id = models.UUIDField("公开标识", default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("单位名称", max_length=200)
    category = models.CharField("监管类别", max_length=20, choices=EntityCategory.choices)
    credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    licence_no = models.CharField("许可证号", max_length=60, blank=True,
                                  help_text="医疗机构执业许可证、卫生许可证等；备案类填备案号")
    licence_valid_until = models.DateField("许可有效期至", null=True, blank=True)
    address = models.CharField("地址", max_length=200)
    legal_person = models.CharField("法定代表人/负责人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    is_individual = models.BooleanField(
        "个体经营", default=False, help_text="个体工商户或个人执业：处罚时按公民适用罚款限额")
    status = models.CharField("经营状态", max_length=10, choices=EntityStatus.choices, default=EntityStatus.OPEN)
    # Coverage and the draw pool count an entity from this day, not from when it was typed in.
    registered_on = models.DateField("纳入监管日期", default=timezone.localdate,
                                     help_text="开始由本机构监管的日期；覆盖率和双随机名录自该日起计入")
    credit_grade = models.CharField("信用等级", max_length=1, choices=CreditGrade.choices, default=CreditGrade.B)
    graded_on = models.DateField("评定日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "监管对象"
        ordering = ["org__path", "category", "name"]
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], condition=Q(deleted_at__isnull=True) & ~Q(credit_code=""),
                                    name="entity_unique_credit_code",
                                    violation_error_message="该统一社会信用代码已登记"),
        ]
        indexes = [
            # A draw's pool and the register's filters: a subtree's open entities of some categories.
            models.Index(fields=["category", "status", "credit_grade"], name="entity_pool_idx"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("entity_detail", args=[self.pk])


class CreditRating(Record):
    """One grading of an entity's credit (信用分级): the grade, from when, on what basis. The entity keeps
    its current grade; these rows are its history, newest first."""

    entity = models.ForeignKey(Entity, verbose_name="监管对象", on_delete=models.PROTECT, related_name="ratings")
    grade = models.CharField("信用等级", max_length=1, choices=CreditGrade.choices)
    previous_grade = models.CharField("原等级", max_length=1, choices=CreditGrade.choices, blank=True)
    rated_on = models.DateField("评定日期")
    basis = models.CharField("评定依据", max_length=200)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "信用等级评定"
        ordering = ["-rated_on", "-pk"]

    def __str__(self):
        return f"{self.entity.name} {self.rated_on:%Y-%m-%d} 评为{self.get_grade_display()}"

    def get_absolute_url(self):
        return reverse("entity_detail", args=[self.entity_id]) + f"#rating-{self.pk}"


class OfficerConflict(models.Model):
    """An officer who must stand aside (回避) from an entity: never drawn for it, never put on its
    inspections or cases."""

    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="conflicts")
    entity = models.ForeignKey(Entity, verbose_name="监管对象", on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField("回避事由", max_length=10, choices=ConflictReason.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    # A pair is removed, not soft-deleted (the pickers must forget it at once); the history keeps who and when.
    scope_path_field = "officer__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "回避关系"
        ordering = ["officer", "entity"]
        constraints = [models.UniqueConstraint(fields=["officer", "entity"], name="conflict_once",
                                               violation_error_message="该回避关系已登记")]

    def __str__(self):
        return f"{self.officer.name} 回避 {self.entity.name}（{self.get_reason_display()}）"


class Practitioner(Record):
    """A doctor, nurse or other practitioner of an entity, who can receive bad-practice points."""

    entity = models.ForeignKey(Entity, verbose_name="执业机构", on_delete=models.PROTECT, related_name="practitioners")
    name = models.CharField("姓名", max_length=40)
    profession = models.CharField("执业类别", max_length=20, default="医师")
    licence_no = models.CharField("执业证书编码", max_length=40)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "医务人员"
        ordering = ["entity", "name"]
        constraints = [
            models.UniqueConstraint(fields=["licence_no"], condition=Q(deleted_at__isnull=True),
                                    name="practitioner_unique_licence", violation_error_message="该执业证书编码已登记"),
        ]

    def __str__(self):
        return f"{self.name}（{self.profession}）"

    def get_absolute_url(self):
        return reverse("entity_detail", args=[self.entity_id]) + f"#practitioner-{self.pk}"


class PointRecord(Record):
    """Bad-practice points (不良执业行为记分) given to an institution or one of its practitioners. Points
    add up over the cycle the rules table sets; the bands there say what follows."""

    entity = models.ForeignKey(Entity, verbose_name="医疗机构", on_delete=models.PROTECT, related_name="points")
    subject = models.CharField("记分对象", max_length=12, choices=PointSubject.choices,
                               default=PointSubject.INSTITUTION)
    practitioner = models.ForeignKey(Practitioner, verbose_name="医务人员", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="points")
    date = models.DateField("记分日期")
    behaviour = models.CharField("不良执业行为", max_length=300)
    # The most one record may give is the rules table's points-max-per-record, checked in point_add.
    points = models.PositiveSmallIntegerField("记分", validators=[MinValueValidator(1)])
    basis = models.CharField("记分依据", max_length=200, blank=True)
    inspection = models.ForeignKey("Inspection", verbose_name="来源检查", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="points")
    # The points cycle this record falls in (it begins on the subject's first points after the last cycle
    # ended), kept by save() for the subject's records: a standing on any day is then a grouped sum.
    cycle_start = models.DateField("记分周期起", null=True, blank=True, editable=False)
    cycle_end = models.DateField("记分周期止", null=True, blank=True, editable=False, db_index=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "不良执业行为记分"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject="practitioner") & Q(practitioner__isnull=False))
                | (Q(subject="institution") & Q(practitioner__isnull=True)),
                name="points_subject_matches", violation_error_message="对医务人员记分须选择医务人员，对机构记分不选"),
        ]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from .stored import chain_cycles

        chain_cycles(PointRecord.all_objects.filter(**self.subject_key()))

    def subject_key(self) -> dict:
        if self.subject == PointSubject.PRACTITIONER:
            return {"subject": self.subject, "practitioner_id": self.practitioner_id}
        return {"subject": self.subject, "entity_id": self.entity_id}

    def __str__(self):
        who = self.practitioner.name if self.practitioner_id else self.entity.name
        return f"{who} {self.date:%Y-%m-%d} 记{self.points}分"

    def get_absolute_url(self):
        return reverse("entity_detail", args=[self.entity_id]) + f"#points-{self.pk}"


# ---------------------------------------------------------------- published catalogues
class Power(Record):
    """One enforcement power of the agency's 权责清单, with its legal basis: published beforehand."""

    kind = models.CharField("权力类型", max_length=12, choices=PowerKind.choices)
    name = models.CharField("事项名称", max_length=200)
    basis = models.TextField("法律依据")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "执法事项"
        ordering = ["org__path", "kind", "sort_order", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("power_list") + f"#power-{self.pk}"


class CheckItem(Record):
    """An item of the random-inspection list (随机抽查事项清单): what is checked, of whom, on what basis
    and how. Published beforehand; a draw task names the items its inspections check."""

    name = models.CharField("抽查事项", max_length=200)
    category = models.CharField("监管类别", max_length=20, choices=EntityCategory.choices)
    content = models.TextField("检查内容")
    basis = models.TextField("检查依据")
    method = models.CharField("检查方式", max_length=100, default="现场检查")
    is_random = models.BooleanField("列入双随机", default=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "抽查事项"
        ordering = ["org__path", "category", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("check_item_list") + f"#item-{self.pk}"


class LenientItem(Record):
    """An item of the 两轻一免 list (首违不罚、轻微免罚、从轻减轻): a violation the agency forgoes or lightens
    a penalty for, on the conditions given. A no-penalty decision cites one."""

    kind = models.CharField("类别", max_length=10, choices=LenientKind.choices)
    violation = models.CharField("违法行为", max_length=300)
    basis = models.TextField("法律依据")
    conditions = models.TextField("适用条件")

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "两轻一免事项"
        ordering = ["org__path", "kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.violation}"

    def get_absolute_url(self):
        return reverse("lenient_list") + f"#lenient-{self.pk}"


# ---------------------------------------------------------------- inspections
class Inspection(Record):
    """A supervisory inspection (监督检查) of one entity on one day by at least two certified officers:
    what was checked, what was found, whether a 卫生监督意见书 was issued, and the follow-up."""

    entity = models.ForeignKey(Entity, verbose_name="监管对象", on_delete=models.PROTECT, related_name="inspections")
    date = models.DateField("检查日期")
    kind = models.CharField("检查类型", max_length=10, choices=InspectionKind.choices, default=InspectionKind.ROUTINE)
    officers = models.ManyToManyField(Officer, verbose_name="执法人员", related_name="inspections")
    items = models.ManyToManyField(CheckItem, verbose_name="检查事项", blank=True, related_name="inspections")
    findings = models.TextField("检查情况", blank=True)
    result = models.CharField("检查结果", max_length=10, choices=InspectionResult.choices,
                              default=InspectionResult.COMPLIANT)
    opinion_no = models.CharField("卫生监督意见书编号", max_length=60, blank=True,
                                  help_text="下达《卫生监督意见书》的填写文书编号；未下达的留空")
    rectify_by = models.DateField("整改期限", null=True, blank=True)
    follow_up = models.CharField("跟进", max_length=10, choices=FollowUp.choices, default=FollowUp.NONE)
    follow_up_on = models.DateField("复查日期", null=True, blank=True)
    follow_up_note = models.TextField("复查情况", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "监督检查"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(rectify_by__isnull=True) | Q(rectify_by__gte=F("date")),
                                   name="inspection_rectify_after_visit",
                                   violation_error_message="整改期限不能早于检查日期"),
            models.CheckConstraint(condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("date")),
                                   name="inspection_follow_up_after_visit",
                                   violation_error_message="复查日期不能早于检查日期"),
        ]
        indexes = [
            # 户次 and coverage over a period: inspections by date, then by entity.
            models.Index(fields=["date", "entity"], name="inspection_date_entity_idx"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.entity.name}"

    def get_absolute_url(self):
        return reverse("inspection_detail", args=[self.pk])

    @property
    def opinion_issued(self) -> bool:
        return bool(self.opinion_no)
