"""The task list's filters: year, source and the computed state."""

import django_filters as filters

from fazhi.core.filters import SearchFilterSet

from .choices import TaskSource, TaskState
from .models import DrawTask


class DrawTaskFilterSet(SearchFilterSet):
    year = filters.NumberFilter(label="年度")
    source = filters.ChoiceFilter(choices=TaskSource.choices, label="任务来源")
    # Computed by selectors.with_progress, filtered in the database like a column.
    status = filters.ChoiceFilter(choices=TaskState.choices, label="状态", field_name="state")
    search_fields = ("name", "org__name", "pool_org__name")

    class Meta:
        model = DrawTask
        fields = ["q", "year", "source", "status"]
