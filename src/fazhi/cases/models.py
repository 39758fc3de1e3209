"""Administrative penalty cases (行政处罚案件) as a procedure, their whole-process record (全过程记录),
legal review (法制审核) and case-file evaluation (案卷评查).

A case moves only through `services` (one module per stage), which checks each legal gate (two certified
officers, the on-the-spot fine ceiling, the party's time to answer, legal review and collective discussion of
major cases, service before closure) against the rules table, and appends a step to the case's log. The log
is append-only and hash-chained: each step's hash covers the one before it and the hashes of its files,
so a changed or removed entry shows; each entry and the chain's head are signed with the record key kept
outside the database, and every day the heads are published in a digest (`RecordDigest`) that chains too,
so a chain rewritten with its hashes recomputed shows as well (docs/whole-process-record.md)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fazhi.core.models import Record
from fazhi.enforcement.models import Entity, Inspection, LenientItem, Officer

from .choices import (
    SELF_EXECUTING,
    CaseSource,
    CaseStatus,
    DecisionKind,
    DocumentSeries,
    EvaluationGrade,
    ExecutionKind,
    PartyKind,
    Procedure,
    ReviewOpinion,
    ServiceMethod,
    StepKind,
)

MONEY = {"max_digits": 12, "decimal_places": 2, "default": Decimal("0"), "validators": [MinValueValidator(0)]}


class Case(Record):
    """A penalty case against one party. `org` is the unit that handles it (the 卫生监督所/执法大队 acting
    for the commission). Dates of each step are kept here for deadlines and figures; the step log keeps
    who did what, with the documents."""

    public_id = models.UUIDField("公开标识", default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField("年度", editable=False)
    seq = models.PositiveIntegerField("立案序号", editable=False)
    number = models.CharField("案号", max_length=60, editable=False)
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices, default=Procedure.ORDINARY)
    status = models.CharField("状态", max_length=15, choices=CaseStatus.choices, default=CaseStatus.INVESTIGATING,
                              editable=False)
    # ---- the party
    entity = models.ForeignKey(Entity, verbose_name="监管对象", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="cases")
    party_kind = models.CharField("当事人类型", max_length=15, choices=PartyKind.choices)
    party_name = models.CharField("当事人", max_length=200)
    party_id_no = models.CharField("证件号码", max_length=30, blank=True,
                                   help_text="公民填身份证号，单位填统一社会信用代码；公示时隐去")
    party_address = models.CharField("住所/地址", max_length=200, blank=True)
    # ---- the matter
    cause = models.CharField("案由", max_length=200)
    source = models.CharField("案件来源", max_length=12, choices=CaseSource.choices, default=CaseSource.INSPECTION)
    inspection = models.ForeignKey(Inspection, verbose_name="来源检查", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="cases")
    officers = models.ManyToManyField(Officer, verbose_name="承办人", related_name="cases")
    facts = models.TextField("违法事实", blank=True)
    legal_basis = models.TextField("处罚依据", blank=True)
    opened_on = models.DateField("立案日期")
    # Major-case marks the officers set (行政处罚法 第五十八条); amounts and hearings add their own.
    is_complex = models.BooleanField("案情疑难复杂、涉及多个法律关系", default=False)
    public_interest = models.BooleanField("涉及重大公共利益", default=False)
    is_major = models.BooleanField("重大案件", default=False, editable=False,
                                   help_text="须经法制审核和集体讨论；由系统按审核目录判定")
    extended = models.BooleanField("已延长办案期限", default=False, editable=False)
    # ---- notice and hearing
    notified_on = models.DateField("告知日期", null=True, blank=True, editable=False)
    proposed_kinds = models.JSONField("拟处罚种类", default=list, blank=True, editable=False)
    proposed_fine = models.DecimalField("拟罚款（元）", **MONEY, editable=False)
    proposed_confiscation = models.DecimalField("拟没收违法所得（元）", **MONEY, editable=False)
    proposed_property = models.DecimalField("拟没收非法财物价值（元）", **MONEY, editable=False)
    hearing_right = models.BooleanField("享有听证权利", default=False, editable=False)
    waived_on = models.DateField("放弃陈述申辩和听证日期", null=True, blank=True, editable=False)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True, editable=False)
    hearing_notice_on = models.DateField("听证通知日期", null=True, blank=True, editable=False)
    hearing_on = models.DateField("听证日期", null=True, blank=True, editable=False)
    hearing_held = models.BooleanField("已举行听证", default=False, editable=False)
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True, editable=False)
    # ---- decision
    decision_kind = models.CharField("决定类型", max_length=10, choices=DecisionKind.choices, blank=True,
                                     editable=False)
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True, editable=False)
    fine_amount = models.DecimalField("罚款（元）", **MONEY, editable=False)
    confiscation_amount = models.DecimalField("没收违法所得（元）", **MONEY, editable=False)
    # Confiscated illegal property is handed over, not paid: its value counts for the hearing and review
    # thresholds, never in `amount`.
    property_value = models.DecimalField("没收非法财物价值（元）", **MONEY, editable=False)
    lenient_item = models.ForeignKey(LenientItem, verbose_name="两轻一免事项", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="cases", editable=False)
    decision_series = models.CharField("文书类别", max_length=12, choices=DocumentSeries.choices, blank=True,
                                       editable=False)
    decision_year = models.PositiveSmallIntegerField("决定书年度", null=True, blank=True, editable=False)
    decision_seq = models.PositiveIntegerField("决定书序号", null=True, blank=True, editable=False)
    decision_no = models.CharField("决定书文号", max_length=60, blank=True, editable=False)
    decided_on = models.DateField("决定日期", null=True, blank=True, editable=False)
    # Recorded, not refused: a decision after the time limit is still a decision (行政处罚法 第六十条).
    decided_late = models.BooleanField("超期作出决定", default=False, editable=False)
    # ---- service, execution, closure, publicity
    served_on = models.DateField("送达日期", null=True, blank=True, editable=False)
    service_method = models.CharField("送达方式", max_length=12, choices=ServiceMethod.choices, blank=True,
                                      editable=False)
    served_late = models.BooleanField("超期送达", default=False, editable=False)
    executed_on = models.DateField("执行日期", null=True, blank=True, editable=False)
    execution_kind = models.CharField("执行方式", max_length=12, choices=ExecutionKind.choices, blank=True,
                                      editable=False)
    paid_amount = models.DecimalField("已缴罚没款（元）", **MONEY, editable=False)
    closed_on = models.DateField("结案日期", null=True, blank=True, editable=False)
    published_at = models.DateTimeField("公示时间", null=True, blank=True, editable=False)
    published_late = models.BooleanField("超期公示", default=False, editable=False)
    withdrawn_at = models.DateTimeField("撤回公示时间", null=True, blank=True, editable=False)
    withdraw_reason = models.CharField("撤回原因", max_length=200, blank=True, editable=False)
    # The hash of the log's last entry: a removed last entry shows as well as a changed one.
    log_head = models.CharField("全过程记录末条哈希", max_length=64, blank=True, editable=False)
    # The record key's signature of the head and its number: a chain cut short cannot sign its new head.
    log_seal = models.CharField("全过程记录末条签名", max_length=64, blank=True, editable=False)
    # The agency's nearest open legal deadline and the day it starts to warn, kept by save() (and by
    # stored.py when a time limit or a holiday schedule changes): "overdue" and "due soon" are then
    # filters in the database, not a count of every open case's clocks.
    next_due = models.DateField("最近法定期限", null=True, blank=True, editable=False, db_index=True)
    warn_from = models.DateField("期限预警起始日", null=True, blank=True, editable=False, db_index=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "行政处罚案件"
        ordering = ["-opened_on", "-pk"]
        constraints = [
            # 立案 numbers and on-the-spot numbers run in series of their own.
            models.UniqueConstraint(fields=["org", "year", "procedure", "seq"], name="case_seq_per_org_year",
                                    violation_error_message="案号重复"),
            models.UniqueConstraint(fields=["org", "decision_year", "decision_series", "decision_seq"],
                                    condition=Q(decision_seq__isnull=False),
                                    name="case_decision_seq_per_org_year", violation_error_message="决定书文号重复"),
            models.CheckConstraint(condition=Q(paid_amount__lte=F("fine_amount") + F("confiscation_amount")),
                                   name="case_paid_within_amount",
                                   violation_error_message="已缴金额不能超过罚款和没收违法所得之和"),
        ]
        indexes = [
            # Figures of a period: cases by opening and by decision date.
            models.Index(fields=["opened_on"], name="case_opened_idx"),
            models.Index(fields=["decided_on", "procedure"], name="case_decided_idx"),
            # Deadline warnings: open cases by state.
            models.Index(fields=["status", "opened_on"], name="case_status_idx"),
        ]

    def save(self, *args, **kwargs):
        from .stored import open_deadline

        self.next_due, self.warn_from = open_deadline(self)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [*kwargs["update_fields"], "next_due", "warn_from"]
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.number} {self.party_name} {self.cause}"

    def get_absolute_url(self):
        return reverse("case_detail", args=[self.pk])

    @property
    def amount(self) -> Decimal:
        """Fine and confiscated income together: what the thresholds of hearing and review look at."""
        return (self.fine_amount or 0) + (self.confiscation_amount or 0)

    @property
    def proposed_amount(self) -> Decimal:
        """What the notice proposes to fine and confiscate (income and the value of property): 罚没数额."""
        return (self.proposed_fine or 0) + (self.proposed_confiscation or 0) + (self.proposed_property or 0)

    @property
    def is_decided(self) -> bool:
        return bool(self.decision_kind)

    @property
    def is_ordinary(self) -> bool:
        return self.procedure == Procedure.ORDINARY

    @property
    def needs_execution(self) -> bool:
        """A penalty with money to pay or an order to obey; a warning is carried out by its service."""
        return self.decision_kind == DecisionKind.PENALTY and (
            self.amount > 0 or bool(set(self.penalty_kinds) - SELF_EXECUTING))

    @property
    def needs_service(self) -> bool:
        # A transfer hands the case to the judicial organs; there is no decision to serve on the party.
        return self.is_decided and self.decision_kind != DecisionKind.TRANSFER

    # ---- what the case's state allows next (services check the law on top of these)
    def _before_decision(self) -> bool:
        return self.is_ordinary and not self.is_decided and self.status != CaseStatus.REVIEWING

    def can_add_evidence(self) -> bool:
        return self._before_decision()

    def can_mark(self) -> bool:
        return self._before_decision()

    def can_notify(self) -> bool:
        return self._before_decision()

    def can_state(self) -> bool:
        return self.notified_on is not None and not self.is_decided

    def can_waive(self) -> bool:
        return self.can_state() and self.waived_on is None and not self.hearing_held

    def can_request_hearing(self) -> bool:
        return (self.can_state() and self.hearing_right and self.waived_on is None
                and self.hearing_requested_on is None)

    def can_notice_hearing(self) -> bool:
        return (self.hearing_requested_on is not None and not self.hearing_held and self.waived_on is None
                and not self.is_decided)

    def can_hold_hearing(self) -> bool:
        return self.can_notice_hearing() and self.hearing_notice_on is not None

    def can_submit_review(self) -> bool:
        return self._before_decision()

    def can_discuss(self) -> bool:
        return self._before_decision()

    def can_extend(self) -> bool:
        return self._before_decision() and not self.extended

    def can_decide(self) -> bool:
        return self._before_decision()

    def can_serve(self) -> bool:
        return self.needs_service and self.served_on is None

    def can_execute(self) -> bool:
        return self.needs_execution and self.served_on is not None and self.executed_on is None

    def can_close(self) -> bool:
        return (self.is_decided and self.closed_on is None and (self.served_on is not None or not self.needs_service)
                and (self.executed_on is not None or not self.needs_execution))

    def can_publish(self) -> bool:
        return self.decision_kind == DecisionKind.PENALTY and self.published_at is None

    def can_withdraw_publicity(self) -> bool:
        return self.published_at is not None and self.withdrawn_at is None


class CaseStep(models.Model):
    """One entry of a case's whole-process record: what was done, on what day, by whom, with which
    documents and audio/video (their sha256 in `parameters['files']`). Never changed or deleted once
    written; `hash` chains it to the entry before."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="steps")
    seq = models.PositiveIntegerField("序号")
    kind = models.CharField("环节", max_length=20, choices=StepKind.choices)
    on = models.DateField("日期")
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="记录人", null=True, on_delete=models.PROTECT,
                              related_name="+")
    note = models.TextField("说明", blank=True)
    parameters = models.JSONField("内容", default=dict, blank=True)
    prev_hash = models.CharField("上一条哈希", max_length=64)
    hash = models.CharField("本条哈希", max_length=64)
    # HMAC of `hash` with the record key (fazhi.core.signing): a hash recomputed without the key does not match.
    seal = models.CharField("签名", max_length=64, blank=True)

    # Evidence linked to a step is part of the record: the core refuses to delete it.
    keeps_evidence = True

    class Meta:
        verbose_name = verbose_name_plural = "全过程记录"
        ordering = ["case", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_step_seq_once",
                                               violation_error_message="记录序号重复")]

    def __str__(self):
        return f"{self.case.number} {self.seq}. {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("case_detail", args=[self.case_id]) + f"#step-{self.seq}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("全过程记录只能追加，不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("全过程记录只能追加，不能删除")


class RecordDigest(models.Model):
    """One day's digest of the whole-process records (全过程记录校验值), published on the portal: the head of
    every case's record that moved since the digest before, and that digest's hash, so the digests chain too.
    `digest` is the SHA-256 of the day's document as the portal serves it; `seal` its signature with the
    record key. Never changed or deleted once made."""

    day = models.DateField("日期", unique=True)
    previous = models.CharField("上一期校验值", max_length=64)
    digest = models.CharField("校验值", max_length=64, unique=True)
    seal = models.CharField("签名", max_length=64)
    case_count = models.PositiveIntegerField("列入案件数", default=0)
    created_at = models.DateTimeField("生成时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "全过程记录校验值"
        ordering = ["-day"]

    def __str__(self):
        return f"{self.day:%Y-%m-%d} {self.digest}"

    def get_absolute_url(self):
        return reverse("portal_record_digest_file", args=[f"{self.day:%Y-%m-%d}"])

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("已公布的校验值不能修改")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("已公布的校验值不能删除")


class DigestHead(models.Model):
    """One case's record as a digest lists it: the case's public id, the number of its last entry and that
    entry's hash. Kept by the public id, not a key to the case, so that a case removed later still shows."""

    digest = models.ForeignKey(RecordDigest, verbose_name="校验值", on_delete=models.PROTECT, related_name="heads")
    case_public_id = models.UUIDField("案件公开标识")
    seq = models.PositiveIntegerField("末条序号")
    head = models.CharField("末条哈希", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "校验值所列记录"
        ordering = ["digest", "case_public_id"]
        constraints = [models.UniqueConstraint(fields=["digest", "case_public_id"], name="digest_head_once",
                                               violation_error_message="同一案件在一期校验值中只列一次")]
        indexes = [
            # A case's page: every digest that listed it, in one query.
            models.Index(fields=["case_public_id", "digest"], name="digest_head_case_idx"),
        ]

    def __str__(self):
        return f"{self.case_public_id} 第{self.seq}条 {self.head[:16]}"


class LegalReview(models.Model):
    """One round of legal review (法制审核) of a case's intended decision: submitted by the officers,
    answered by a reviewer who did not work on the case, with reasons."""

    case = models.ForeignKey(Case, verbose_name="案件", on_delete=models.PROTECT, related_name="reviews")
    round = models.PositiveSmallIntegerField("轮次")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人", null=True,
                                     on_delete=models.PROTECT, related_name="+")
    summary = models.TextField("送审说明", help_text="拟作出的决定、主要事实、证据和依据")
    # The decision sent for review: a passed review covers this decision and nothing heavier.
    decision_kind = models.CharField("送审决定类型", max_length=10, choices=DecisionKind.choices, blank=True)
    penalty_kinds = models.JSONField("送审处罚种类", default=list, blank=True)
    fine = models.DecimalField("送审罚款（元）", **MONEY)
    confiscation = models.DecimalField("送审没收违法所得（元）", **MONEY)
    property_value = models.DecimalField("送审没收非法财物价值（元）", **MONEY)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    opinion = models.CharField("审核意见", max_length=15, choices=ReviewOpinion.choices, blank=True)
    reasons = models.TextField("理由", blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    scope_path_field = "case__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "法制审核"
        ordering = ["case", "round"]
        constraints = [
            models.UniqueConstraint(fields=["case", "round"], name="review_round_once",
                                    violation_error_message="审核轮次重复"),
            models.UniqueConstraint(fields=["case"], condition=Q(opinion=""), name="review_one_pending",
                                    violation_error_message="该案件已有待审核的送审"),
            models.CheckConstraint(condition=Q(opinion="") | Q(opinion="agree") | ~Q(reasons=""),
                                   name="review_reasons_unless_agree",
                                   violation_error_message="修改后同意或不同意须写明理由"),
        ]
        indexes = [
            # The reviewers' queue: pending reviews, oldest first.
            models.Index(fields=["opinion", "submitted_at"], name="review_queue_idx"),
        ]

    def __str__(self):
        return f"{self.case.number} 第{self.round}轮法制审核"

    def get_absolute_url(self):
        return reverse("review_detail", args=[self.pk])

    @property
    def is_pending(self) -> bool:
        return not self.opinion


# ---------------------------------------------------------------- case-file evaluation
class EvaluationRound(Record):
    """A round of case-file evaluation (案卷评查): closed files scored on a checklist."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    name = models.CharField("名称", max_length=200)
    pass_score = models.DecimalField("合格分数线", max_digits=5, decimal_places=1, default=Decimal("75"))
    excellent_score = models.DecimalField("优秀分数线", max_digits=5, decimal_places=1, default=Decimal("90"))
    note = models.TextField("说明", blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "案卷评查"
        ordering = ["-year", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(excellent_score__gte=F("pass_score")), name="round_excellent_above_pass",
                                   violation_error_message="优秀分数线不能低于合格分数线"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("evaluation_round_detail", args=[self.pk])


class ChecklistItem(models.Model):
    """One line of a round's checklist, with the points it is worth."""

    round = models.ForeignKey(EvaluationRound, verbose_name="评查", on_delete=models.CASCADE,
                              related_name="checklist")
    seq = models.PositiveSmallIntegerField("序号")
    section = models.CharField("环节", max_length=40)
    text = models.CharField("评查内容", max_length=300)
    max_points = models.DecimalField("分值", max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    scope_path_field = "round__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "评查项目"
        ordering = ["round", "seq"]
        constraints = [models.UniqueConstraint(fields=["round", "seq"], name="checklist_seq_once",
                                               violation_error_message="评查项目序号重复")]

    def __str__(self):
        return f"{self.section}：{self.text}（{self.max_points}分）"


class CaseEvaluation(models.Model):
    """An evaluator's scores of one closed case file in a round, its grade and whether it is held up
    as a typical case (典型案例)."""

    round = models.ForeignKey(EvaluationRound, verbose_name="评查", on_delete=models.CASCADE,
                              related_name="evaluations")
    case = models.ForeignKey(Case, verbose_name="案卷", on_delete=models.PROTECT, related_name="evaluations")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评查人", null=True,
                                  on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField("得分", max_digits=5, decimal_places=1)
    grade = models.CharField("等次", max_length=10, choices=EvaluationGrade.choices)
    is_typical = models.BooleanField("典型案例", default=False)
    comments = models.TextField("评查意见", blank=True)
    evaluated_at = models.DateTimeField("评查时间", default=timezone.now)
    scope_path_field = "round__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "案卷评分"
        ordering = ["round", "-total"]
        constraints = [models.UniqueConstraint(fields=["round", "case"], name="evaluation_once_per_round",
                                               violation_error_message="该案卷在本次评查中已评分")]

    def __str__(self):
        return f"{self.case.number} {self.total}分（{self.get_grade_display()}）"

    def get_absolute_url(self):
        return reverse("evaluation_round_detail", args=[self.round_id]) + f"#evaluation-{self.pk}"


class EvaluationScore(models.Model):
    """The points one checklist line earned in one evaluation, with the reason for any deduction."""

    evaluation = models.ForeignKey(CaseEvaluation, verbose_name="案卷评分", on_delete=models.CASCADE,
                                   related_name="scores")
    item = models.ForeignKey(ChecklistItem, verbose_name="评查项目", on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("得分", max_digits=5, decimal_places=1, validators=[MinValueValidator(0)])
    remark = models.CharField("扣分理由", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评查得分"
        ordering = ["evaluation", "item__seq"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "item"], name="score_once_per_item",
                                               violation_error_message="同一评查项目只能评一次分")]

    def __str__(self):
        return f"{self.item.text}：{self.points}"
