"""List-page tables of the enforcement registers (django-tables2): columns, badges and export values."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from fazhi.core.tables import badge

from .choices import (
    CERTIFICATE_STATE_COLOURS,
    CREDIT_GRADE_COLOURS,
    ENTITY_STATUS_COLOURS,
    FOLLOW_UP_COLOURS,
    INSPECTION_RESULT_COLOURS,
    OFFICER_STATUS_COLOURS,
    POINT_BAND_COLOURS,
    CertificateState,
    FollowUp,
    PointSubject,
)
from .models import CheckItem, Entity, Inspection, LenientItem, Officer, Power


class OfficerTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="姓名")
    org = tables.Column(accessor="org__name", verbose_name="所在单位", order_by="org__path")
    certificate = tables.Column(verbose_name="证件", order_by="valid_until")
    status = tables.Column(verbose_name="状态")

    class Meta:
        model = Officer
        fields = ("name", "certificate_no", "org", "position", "issuing_body", "issued_on", "valid_until",
                  "certificate", "status")
        order_by = ("org", "name")

    def render_certificate(self, value):
        return badge(CertificateState(value).label, CERTIFICATE_STATE_COLOURS[value])

    def value_certificate(self, value):
        return CertificateState(value).label

    def render_status(self, record):
        return badge(record.get_status_display(), OFFICER_STATUS_COLOURS[record.status])

    def value_status(self, record):
        return record.get_status_display()


def points_badge(standing) -> str:
    if standing is None or not standing.total:
        return "—"
    if standing.band:
        return format_html('{}分 <span class="badge bg-{}-lt">{}</span>', standing.total,
                           POINT_BAND_COLOURS[standing.band], standing.band_label)
    return f"{standing.total}分"


class EntityTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="单位名称")
    org = tables.Column(accessor="org__name", verbose_name="监管单位", order_by="org__path")
    status = tables.Column(verbose_name="经营状态")
    credit_grade = tables.Column(verbose_name="信用等级")
    points = tables.Column(empty_values=(), orderable=False, verbose_name="本周期记分")

    class Meta:
        model = Entity
        fields = ("name", "category", "credit_code", "licence_no", "address", "org", "status", "credit_grade",
                  "points")

    def __init__(self, *args, standing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.standing = standing or {}

    def render_status(self, record):
        return badge(record.get_status_display(), ENTITY_STATUS_COLOURS[record.status])

    def value_status(self, record):
        return record.get_status_display()

    def render_credit_grade(self, record):
        return badge(record.credit_grade, CREDIT_GRADE_COLOURS[record.credit_grade])

    def value_credit_grade(self, record):
        return record.get_credit_grade_display()

    def render_points(self, record):
        return points_badge(self.standing.get((PointSubject.INSTITUTION, record.pk)))

    def value_points(self, record):
        standing = self.standing.get((PointSubject.INSTITUTION, record.pk))
        return standing.total if standing else 0


class InspectionTable(tables.Table):
    date = tables.Column(linkify=True, verbose_name="检查日期")
    entity = tables.Column(accessor="entity__name", verbose_name="监管对象", order_by="entity__name")
    category = tables.Column(accessor="entity__category", verbose_name="监管类别", orderable=False)
    officers = tables.Column(empty_values=(), orderable=False, verbose_name="执法人员")
    result = tables.Column(verbose_name="检查结果")
    opinion_no = tables.Column(verbose_name="卫生监督意见书")
    follow_up = tables.Column(verbose_name="跟进")
    org = tables.Column(accessor="org__name", verbose_name="检查单位", order_by="org__path")

    class Meta:
        model = Inspection
        fields = ("date", "entity", "category", "kind", "officers", "result", "opinion_no", "rectify_by",
                  "follow_up", "org")
        order_by = ("-date",)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def render_category(self, record):
        return record.entity.get_category_display()

    def value_category(self, record):
        return record.entity.get_category_display()

    def render_officers(self, record):
        return "、".join(o.name for o in record.officers.all())

    def value_officers(self, record):
        return self.render_officers(record)

    def render_result(self, record):
        return badge(record.get_result_display(), INSPECTION_RESULT_COLOURS[record.result])

    def value_result(self, record):
        return record.get_result_display()

    def render_follow_up(self, record):
        if self._overdue(record):
            return badge("逾期未复查", "red")
        return badge(record.get_follow_up_display(), FOLLOW_UP_COLOURS[record.follow_up])

    def value_follow_up(self, record):
        return "逾期未复查" if self._overdue(record) else record.get_follow_up_display()

    def _overdue(self, record) -> bool:
        return bool(self.today and record.follow_up == FollowUp.PENDING and record.rectify_by
                    and record.rectify_by < self.today)


class CatalogueTable(tables.Table):
    """A catalogue's rows; the legal affairs office gets an edit link on each."""

    org = tables.Column(accessor="org__name", verbose_name="发布机关", order_by="org__path")
    edit = tables.Column(empty_values=(), orderable=False, verbose_name="", exclude_from_export=True)
    edit_url_name = ""

    def __init__(self, *args, editable=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editable = editable or (lambda record: False)

    def render_edit(self, record):
        if not self.editable(record):
            return ""
        return format_html('<a href="{}" id="{}">编辑</a>', reverse(self.edit_url_name, args=[record.pk]),
                           f"edit-{record.pk}")


class PowerTable(CatalogueTable):
    edit_url_name = "power_edit"

    class Meta:
        model = Power
        fields = ("kind", "name", "basis", "org", "edit")


class CheckItemTable(CatalogueTable):
    edit_url_name = "check_item_edit"

    class Meta:
        model = CheckItem
        fields = ("name", "category", "content", "basis", "method", "is_random", "org", "edit")


class LenientTable(CatalogueTable):
    edit_url_name = "lenient_edit"

    class Meta:
        model = LenientItem
        fields = ("kind", "violation", "basis", "conditions", "org", "edit")
