"""List-page filters of cases and evaluation rounds."""

import django_filters as filters
from django.utils import timezone

from fazhi.core.filters import YES_NO, SearchFilterSet

from . import selectors
from .choices import CaseStatus, DecisionKind, Procedure
from .models import Case, EvaluationRound


class CaseFilterSet(SearchFilterSet):
    year = filters.NumberFilter(label="年度")
    status = filters.ChoiceFilter(choices=CaseStatus.choices, label="状态")
    procedure = filters.ChoiceFilter(choices=Procedure.choices, label="程序")
    decision_kind = filters.ChoiceFilter(choices=DecisionKind.choices, label="决定类型")
    overdue = filters.BooleanFilter(method="filter_overdue", label="有逾期期限", widget=YES_NO)
    search_fields = ("number", "decision_no", "party_name", "cause", "org__name")

    class Meta:
        model = Case
        fields = ["q", "year", "status", "procedure", "decision_kind", "overdue"]

    def filter_overdue(self, queryset, name, value):
        late = selectors.overdue_q(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class RoundFilterSet(SearchFilterSet):
    year = filters.NumberFilter(label="年度")
    search_fields = ("name", "org__name")

    class Meta:
        model = EvaluationRound
        fields = ["q", "year"]
