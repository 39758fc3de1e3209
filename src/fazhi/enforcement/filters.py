"""List-page filters of the enforcement registers (django-filter); each has a free-text `q`."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q
from django.utils import timezone

from fazhi.core.choices import OrgKind
from fazhi.core.filters import DATE, YES_NO, SearchFilterSet
from fazhi.core.forms import OrgChoiceField
from fazhi.core.models import Org

from . import selectors
from .choices import (
    CertificateState,
    CreditGrade,
    EntityCategory,
    EntityStatus,
    FollowUp,
    InspectionKind,
    InspectionResult,
    LenientKind,
    OfficerStatus,
    PointBand,
    PowerKind,
)
from .models import CheckItem, Entity, Inspection, LenientItem, Officer, Power


def _orgs(request):
    if request is None:
        return Org.objects.none()
    return Org.objects.visible_to(request.user).exclude(kind=OrgKind.REGION).filter(is_active=True)


def _officers(request):
    if request is None:
        return Officer.objects.none()
    return Officer.objects.visible_to(request.user).order_by("org__path", "name")


class UnitFilter(filters.ModelChoiceFilter):
    """An org of the user's view; the records of it and of everything below it."""

    field_class = OrgChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _orgs)
        kwargs.setdefault("label", "单位")
        kwargs.setdefault("method", "under_unit")
        super().__init__(*args, **kwargs)


class RegisterFilterSet(SearchFilterSet):
    unit = UnitFilter()

    def under_unit(self, queryset, name, value):
        return queryset.filter(org__path__startswith=value.path) if value else queryset


class OfficerFilterSet(RegisterFilterSet):
    status = filters.ChoiceFilter(choices=OfficerStatus.choices, label="状态")
    # `certificate` is annotated by the list view (selectors.with_certificate_state).
    certificate = filters.ChoiceFilter(choices=CertificateState.choices, label="证件", field_name="certificate")
    search_fields = ("name", "certificate_no", "position", "issuing_body")

    class Meta:
        model = Officer
        fields = ["q", "unit", "status", "certificate"]


class EntityFilterSet(RegisterFilterSet):
    category = filters.ChoiceFilter(choices=EntityCategory.choices, label="监管类别")
    status = filters.ChoiceFilter(choices=EntityStatus.choices, label="经营状态")
    credit_grade = filters.ChoiceFilter(choices=CreditGrade.choices, label="信用等级")
    band = filters.ChoiceFilter(choices=[(b.value, f"{b.label}及以上") for b in PointBand], label="记分",
                                method="in_band")
    search_fields = ("name", "credit_code", "licence_no", "address", "legal_person")

    class Meta:
        model = Entity
        fields = ["q", "unit", "category", "status", "credit_grade", "band"]

    def in_band(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        return queryset.filter(selectors.entities_in_band_q(self.request.user, value, today))


class InspectionFilterSet(RegisterFilterSet):
    start = filters.DateFilter(field_name="date", lookup_expr="gte", label="检查日期自", widget=DATE)
    end = filters.DateFilter(field_name="date", lookup_expr="lte", label="检查日期至", widget=DATE)
    kind = filters.ChoiceFilter(choices=InspectionKind.choices, label="检查类型")
    result = filters.ChoiceFilter(choices=InspectionResult.choices, label="检查结果")
    follow_up = filters.ChoiceFilter(choices=FollowUp.choices, label="跟进")
    overdue = filters.BooleanFilter(label="逾期未复查", method="filter_overdue", widget=YES_NO)
    opinion = filters.BooleanFilter(label="下达意见书", method="filter_opinion", widget=YES_NO)
    officer = filters.ModelChoiceFilter(queryset=_officers, label="执法人员", field_name="officers")
    search_fields = ("entity__name", "entity__credit_code", "opinion_no")

    class Meta:
        model = Inspection
        fields = ["q", "start", "end", "unit", "kind", "result", "follow_up", "overdue", "opinion", "officer"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(pk__in=selectors.overdue_rechecks(timezone.localdate()).values("pk"))
        return queryset.filter(late) if value else queryset.exclude(late)

    def filter_opinion(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(opinion_no="") if value else queryset.filter(opinion_no="")


class PowerFilterSet(RegisterFilterSet):
    kind = filters.ChoiceFilter(choices=PowerKind.choices, label="权力类型")
    search_fields = ("name", "basis")

    class Meta:
        model = Power
        fields = ["q", "unit", "kind"]


class CheckItemFilterSet(RegisterFilterSet):
    category = filters.ChoiceFilter(choices=EntityCategory.choices, label="监管类别")
    is_random = filters.BooleanFilter(label="列入双随机", widget=YES_NO)
    search_fields = ("name", "content", "basis")

    class Meta:
        model = CheckItem
        fields = ["q", "unit", "category", "is_random"]


class LenientFilterSet(RegisterFilterSet):
    kind = filters.ChoiceFilter(choices=LenientKind.choices, label="类别")
    search_fields = ("violation", "basis", "conditions")

    class Meta:
        model = LenientItem
        fields = ["q", "unit", "kind"]

