"""List-page tables of the spine (django-tables2): columns, links and export columns."""

import django_tables2 as tables
from django.utils.html import format_html

from .choices import INTEGRITY_COLOURS, RULE_STATUS_COLOURS
from .models import EvidenceFile, LegalTimeLimit, Org, User


def badge(text, colour):
    return format_html('<span class="badge bg-{}-lt">{}</span>', colour, text)


class OrgTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="名称")
    parent = tables.Column(verbose_name="上级")

    class Meta:
        model = Org
        fields = ("name", "kind", "level", "code", "parent", "is_active")
        order_by = ("path",)


class UserTable(tables.Table):
    username = tables.Column(linkify=True, verbose_name="用户名")
    roles = tables.Column(empty_values=(), orderable=False, verbose_name="角色")

    class Meta:
        model = User
        fields = ("username", "full_name", "org", "title", "roles", "is_active", "last_login")

    def render_roles(self, record):
        return "、".join(r.name for r in record.roles.all())

    def value_roles(self, record):
        return self.render_roles(record)


class LegalTimeLimitTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name="名称")
    limit = tables.Column(empty_values=(), orderable=False, verbose_name="期限")
    status = tables.Column(verbose_name="核实状态")

    class Meta:
        model = LegalTimeLimit
        fields = ("name", "limit", "starts_from", "legal_basis", "article", "status")

    def render_limit(self, record):
        return record.describe()

    def value_limit(self, record):
        return record.describe()

    def render_status(self, record):
        return badge(record.get_status_display(), RULE_STATUS_COLOURS[record.status])

    def value_status(self, record):
        return record.get_status_display()


class EvidenceFileTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name="材料名称")
    size = tables.Column(verbose_name="大小")
    integrity = tables.Column(verbose_name="完整性")

    class Meta:
        model = EvidenceFile
        fields = ("title", "org", "original_name", "size", "integrity", "created_by", "created_at")

    def render_size(self, value):
        from django.template.defaultfilters import filesizeformat

        return filesizeformat(value)

    def value_size(self, value):
        return value

    def render_integrity(self, record):
        return badge(record.get_integrity_display(), INTEGRITY_COLOURS[record.integrity])

    def value_integrity(self, record):
        return record.get_integrity_display()
