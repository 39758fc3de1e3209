"""List-page filters of plans and tasks."""

import django_filters as filters

from fazhi.core.filters import SearchFilterSet

from .choices import PlanStatus, TaskStatus
from .models import Plan, Task


class PlanFilterSet(SearchFilterSet):
    year = filters.NumberFilter(label="年度")
    status = filters.ChoiceFilter(choices=PlanStatus.choices, label="状态")
    search_fields = ("title", "org__name")

    class Meta:
        model = Plan
        fields = ["q", "year", "status"]


class TaskFilterSet(SearchFilterSet):
    year = filters.NumberFilter(field_name="plan__year", label="年度")
    # The stored status, current for today (the view recounts the stale ones first: see stored.py).
    status = filters.ChoiceFilter(choices=TaskStatus.choices, label="状态")
    lead = filters.CharFilter(field_name="lead__name", lookup_expr="icontains", label="牵头单位")
    search_fields = ("title", "number", "measures", "plan__title")

    class Meta:
        model = Task
        fields = ["q", "year", "status", "lead"]
