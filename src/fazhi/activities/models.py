"""The ledgers of a commission's rule-of-law work (法治工作台账): study, training, exams, law
popularisation, leadership meetings, 述法 and legal advisers. Each record belongs to the org
(commission, department or unit) that did the work, may be linked to a work-plan task, takes
attachments, and is counted by the indicators in `indicators.py`."""

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fazhi.core.models import Record

from .choices import (
    AccountForm,
    AdviserKind,
    Audience,
    Channel,
    ExamKind,
    MeetingKind,
    Mode,
    PublicityKind,
    ServiceKind,
    StudyForm,
    StudyKind,
)


class Activity(Record):
    """What every activity ledger shares: when, what, and the plan task it serves."""

    date = models.DateField("日期", db_index=True)
    title = models.CharField("名称/主题", max_length=200)
    task = models.ForeignKey(
        "plans.Task", verbose_name="关联工作任务", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField("备注", blank=True)

    slug = ""  # the ledger's name in URLs, set by each ledger

    class Meta(Record.Meta):
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"

    def get_absolute_url(self):
        return reverse("activity_detail", args=[self.slug, self.pk])


class StudySession(Activity):
    """A study session (学法): 中心组学法, 会前学法, 干部职工集体学法, a lecture, or a court hearing attended."""

    slug = "study"
    kind = models.CharField("学法类型", max_length=20, choices=StudyKind.choices)
    form = models.CharField("学习形式", max_length=20, choices=StudyForm.choices, default=StudyForm.CONCENTRATED)
    laws = models.CharField("学习的法律法规", max_length=500, blank=True, help_text="多部用顿号分隔")
    presenter = models.CharField("主讲/领学人", max_length=100, blank=True)
    participants = models.PositiveIntegerField("参加人数", validators=[MinValueValidator(1)])
    attendees = models.TextField("参加人员名单", blank=True, help_text="可选，姓名用顿号或换行分隔")

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "学法记录"


class Training(Activity):
    """A training course (培训): who it was for, how long, how many came, so that 人次 and 人均学时 add up."""

    slug = "training"
    organiser = models.CharField("主办单位", max_length=100)
    audience = models.CharField("培训对象", max_length=20, choices=Audience.choices)
    mode = models.CharField("培训方式", max_length=10, choices=Mode.choices, default=Mode.OFFLINE)
    hours = models.DecimalField("学时", max_digits=6, decimal_places=1, validators=[MinValueValidator(0.5)])
    participants = models.PositiveIntegerField("参训人数", validators=[MinValueValidator(1)])

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "培训记录"

    @property
    def person_hours(self):
        return self.hours * self.participants


class Exam(Activity):
    """An exam (考试): who was expected, who sat and who passed, for 参考率 and 通过率."""

    slug = "exam"
    kind = models.CharField("考试类型", max_length=20, choices=ExamKind.choices, default=ExamKind.LAW)
    expected = models.PositiveIntegerField("应考人数", validators=[MinValueValidator(1)])
    sat = models.PositiveIntegerField("实考人数")
    passed = models.PositiveIntegerField("通过人数")

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "考试记录"
        constraints = [
            models.CheckConstraint(
                condition=Q(sat__lte=F("expected")),
                name="exam_sat_within_expected",
                violation_error_message="实考人数不能多于应考人数",
            ),
            models.CheckConstraint(
                condition=Q(passed__lte=F("sat")),
                name="exam_passed_within_sat",
                violation_error_message="通过人数不能多于实考人数",
            ),
        ]

    @property
    def attendance_rate(self):
        return round(100 * self.sat / self.expected, 1) if self.expected else None

    @property
    def pass_rate(self):
        return round(100 * self.passed / self.sat, 1) if self.sat else None


class PublicityDay(models.Model):
    """A standard publicity day, week or month (3·15, 民法典宣传月, 宪法宣传周…) on which commissions hold
    law-popularisation events. Reference data the whole deployment shares."""

    name = models.CharField("名称", max_length=60, unique=True)
    month = models.PositiveSmallIntegerField("开始月", validators=[MinValueValidator(1), MaxValueValidator(12)])
    day = models.PositiveSmallIntegerField("开始日", validators=[MinValueValidator(1), MaxValueValidator(31)])
    end_month = models.PositiveSmallIntegerField("结束月", validators=[MinValueValidator(1), MaxValueValidator(12)])
    end_day = models.PositiveSmallIntegerField("结束日", validators=[MinValueValidator(1), MaxValueValidator(31)])
    theme = models.CharField("宣传重点", max_length=200, blank=True)
    source = models.CharField("设立依据", max_length=200, blank=True)
    remind_days = models.PositiveSmallIntegerField("提前提醒天数", default=10)
    is_active = models.BooleanField("启用", default=True)
    scope_path_field = None  # reference data the whole deployment shares
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "普法宣传节点"
        ordering = ["month", "day"]

    def __str__(self):
        return self.name

    def span(self, year: int) -> tuple[dt.date, dt.date]:
        return dt.date(year, self.month, self.day), dt.date(year, self.end_month, self.end_day)


class PublicityEvent(Activity):
    """A law-popularisation event (普法活动) or a 以案释法 entry: where, through which channels, which laws,
    how many materials handed out and people reached."""

    slug = "publicity"
    kind = models.CharField("类型", max_length=10, choices=PublicityKind.choices, default=PublicityKind.EVENT)
    occasion = models.ForeignKey(
        PublicityDay, verbose_name="宣传节点", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    channels = models.CharField("宣传渠道", max_length=200, help_text="一项或多项")
    place = models.CharField("地点", max_length=100, blank=True)
    laws = models.CharField("宣传的法律法规", max_length=500, blank=True)
    materials = models.PositiveIntegerField("发放资料（份）", default=0)
    reached = models.PositiveIntegerField("受众（人次）", default=0)
    case_summary = models.TextField("案例及释法要点", blank=True, help_text="以案释法时填写")

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "普法活动"

    def channel_list(self) -> list[str]:
        return [c for c in self.channels.split(",") if c]

    def get_channels_display(self) -> str:
        labels = dict(Channel.choices)
        return "、".join(labels.get(c, c) for c in self.channel_list())


class Meeting(Activity):
    """A leadership meeting (党组会、主任办公会、专题会) that heard or studied rule-of-law work."""

    slug = "meeting"
    kind = models.CharField("会议类型", max_length=20, choices=MeetingKind.choices)
    chair = models.CharField("主持人", max_length=40, blank=True)
    heard_report = models.BooleanField("听取法治建设工作汇报", default=False)
    studied_law = models.BooleanField("研究部署法治建设工作", default=False)
    decisions = models.TextField("会议纪要（议定事项）", blank=True)

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "会议研究法治工作"
        constraints = [
            models.CheckConstraint(
                condition=Q(heard_report=True) | Q(studied_law=True),
                name="meeting_concerns_rule_of_law",
                violation_error_message="请勾选“听取法治建设工作汇报”或“研究部署法治建设工作”",
            ),
        ]


class Accountable(Record):
    """Someone who must give a yearly account of rule-of-law duty (述法对象): a leader of the commission
    or the head of a department or unit."""

    slug = "accountable"
    name = models.CharField("姓名", max_length=40)
    position = models.CharField("职务", max_length=60)
    is_principal = models.BooleanField("党政主要负责人", default=False, help_text="主要负责人应当开展专题述法")
    is_active = models.BooleanField("在职", default=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "述法对象"
        ordering = ["org__path", "-is_principal", "name"]

    def __str__(self):
        return f"{self.name}（{self.position}）"

    def get_absolute_url(self):
        return reverse("activity_detail", args=[self.slug, self.pk])


class LawAccount(Activity):
    """One yearly account of rule-of-law duty (述法): written, at a meeting, or a special account."""

    slug = "account"
    person = models.ForeignKey(Accountable, verbose_name="述法人", on_delete=models.PROTECT, related_name="accounts")
    form = models.CharField("述法形式", max_length=10, choices=AccountForm.choices)
    year = models.PositiveSmallIntegerField("述法年度", validators=[MinValueValidator(2000)])
    evaluation = models.CharField("评议结果", max_length=100, blank=True)

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "述法记录"


class LegalAdviser(Record):
    """A legal adviser (法律顾问) the commission or a unit engaged, with the contract period."""

    slug = "adviser"
    name = models.CharField("姓名/名称", max_length=100)
    kind = models.CharField("类型", max_length=10, choices=AdviserKind.choices)
    firm = models.CharField("所在律师事务所/单位", max_length=100, blank=True)
    licence = models.CharField("执业证号", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    contract_start = models.DateField("聘期开始")
    contract_end = models.DateField("聘期结束")
    fee = models.DecimalField("年服务费（元）", max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法律顾问"
        ordering = ["-contract_end", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_end__gte=F("contract_start")),
                name="adviser_contract_order",
                violation_error_message="聘期结束不能早于聘期开始",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activity_detail", args=[self.slug, self.pk])


class AdviserService(Activity):
    """A service a legal adviser gave: a consultation, a legality review, taking part in litigation or
    reconsideration, a lecture."""

    slug = "service"
    adviser = models.ForeignKey(
        LegalAdviser, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="services"
    )
    kind = models.CharField("服务类型", max_length=20, choices=ServiceKind.choices)
    count = models.PositiveIntegerField("件次", default=1, validators=[MinValueValidator(1)])

    class Meta(Activity.Meta):
        verbose_name = verbose_name_plural = "法律顾问服务"
