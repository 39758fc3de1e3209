"""List-page filters of the spine (django-filter); each has a free-text `q`."""

import django_filters as filters
from django import forms
from django.db.models import Q

from .choices import RULE_UNITS, Integrity, OrgKind, RegionLevel, RoleCode, RuleStatus
from .models import EvidenceFile, LegalTimeLimit, Org, User

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = forms.Select(choices=[("", "全部"), ("true", "是"), ("false", "否")])


class SearchFilterSet(filters.FilterSet):
    q = filters.CharFilter(method="search", label="搜索")
    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value.strip()})
        return queryset.filter(condition)


class OrgFilterSet(SearchFilterSet):
    kind = filters.ChoiceFilter(choices=OrgKind.choices, label="类型")
    level = filters.ChoiceFilter(choices=RegionLevel.choices, label="行政级别")
    is_active = filters.BooleanFilter(label="启用", widget=YES_NO)
    search_fields = ("name", "short_name", "code")

    class Meta:
        model = Org
        fields = ["q", "kind", "level", "is_active"]


class UserFilterSet(SearchFilterSet):
    role = filters.ChoiceFilter(choices=RoleCode.choices, label="角色", field_name="roles__code")
    is_active = filters.BooleanFilter(label="在用", widget=YES_NO)
    search_fields = ("username", "full_name", "org__name")

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]


class LegalTimeLimitFilterSet(SearchFilterSet):
    status = filters.ChoiceFilter(choices=RuleStatus.choices, label="核实状态")
    unit = filters.ChoiceFilter(choices=RULE_UNITS, label="单位")
    needs_check = filters.BooleanFilter(method="filter_needs_check", label="需核实", widget=YES_NO)
    search_fields = ("code", "name", "legal_basis", "article", "note")

    class Meta:
        model = LegalTimeLimit
        fields = ["q", "status", "unit", "needs_check"]

    def filter_needs_check(self, queryset, name, value):
        confirmed = Q(status=RuleStatus.CONFIRMED)
        return queryset.exclude(confirmed) if value else queryset.filter(confirmed)


class EvidenceFileFilterSet(SearchFilterSet):
    integrity = filters.ChoiceFilter(choices=Integrity.choices, label="完整性")
    created_after = filters.DateFilter(field_name="created_at", lookup_expr="date__gte", label="上传日期自",
                                  widget=DATE)
    created_before = filters.DateFilter(field_name="created_at", lookup_expr="date__lte", label="上传日期至",
                                   widget=DATE)
    search_fields = ("title", "original_name", "description", "org__name")

    class Meta:
        model = EvidenceFile
        fields = ["q", "integrity", "created_after", "created_before"]
