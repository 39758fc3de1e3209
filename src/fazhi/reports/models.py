from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fazhi.core.models import Record

from .choices import Approximate, Coverage, Part, ReportStatus


class AnnualReport(Record):
    """A commission's 法治政府建设年度报告 for one year: drafted from the records, edited by its people,
    signed off by a leader, filed and published. `org` is the commission that reports."""

    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    title = models.CharField("标题", max_length=200)
    coverage = models.CharField("统计范围", max_length=10, choices=Coverage.choices, default=Coverage.OWN,
                                help_text="市、省卫生健康委可合计所辖县（市、区）卫生健康部门的数字")
    approximate = models.CharField("数字写法", max_length=2, choices=Approximate.choices, blank=True,
                                   default=Approximate.EXACT,
                                   help_text="约数把100以上的数字写成“500余”“2000多”，罚没金额和比率不变")
    compare_last_year = models.BooleanField("与上年比较", default=False,
                                            help_text="上年有数字的，写明同比增减")
    status = models.CharField("状态", max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    drafted_at = models.DateTimeField("生成时间", null=True, blank=True, editable=False)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签发人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+", editable=False)
    signed_at = models.DateTimeField("签发时间", null=True, blank=True, editable=False)
    filed_on = models.DateField("报送日期", null=True, blank=True)
    filed_to = models.CharField("报送单位", max_length=200, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True, editable=False)

    class Meta(Record.Meta):
        verbose_name = verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "org__path"]
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], condition=Q(deleted_at__isnull=True),
                                    name="report_one_per_org_year",
                                    violation_error_message="本单位该年度已有年度报告"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("report_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class Paragraph(models.Model):
    """One paragraph (or an area's heading) of a report. `figures` are the numbers it was drafted with,
    each {code, year, value, shown, kind}, in the order they appear; `drafted_text` keeps the words as
    drafted, so an edit can be compared and undone."""

    report = models.ForeignKey(AnnualReport, verbose_name="年度报告", on_delete=models.CASCADE,
                               related_name="paragraphs")
    part = models.CharField("部分", max_length=15, choices=Part.choices)
    area = models.CharField("工作领域", max_length=20, blank=True)
    key = models.CharField("生成来源", max_length=60, blank=True, help_text="由记录生成的段落的来源；自行撰写的为空")
    is_heading = models.BooleanField("小标题", default=False)
    order = models.PositiveIntegerField("顺序")
    text = models.TextField("内容")
    drafted_text = models.TextField("生成时的内容", blank=True, editable=False)
    figures = models.JSONField("数字", default=list, blank=True, editable=False)
    scope_path_field = "report__org__path"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "报告段落"
        ordering = ["report", "order"]

    def __str__(self):
        return self.text[:30]

    @property
    def is_edited(self) -> bool:
        return bool(self.key) and self.text != self.drafted_text
