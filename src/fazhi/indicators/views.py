"""The indicator page: every registered indicator with its value for the chosen org and year."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.params import year_param

from .selectors import chosen_org, indicator_rows, selectable_orgs


@login_required
def indicator_list(request):
    year = year_param(request.GET)
    org = chosen_org(request.user, request.GET.get("org"))
    this_year = timezone.localdate().year
    return render(request, "indicators/list.html", {
        "rows": indicator_rows(org, year) if org else [], "year": year, "org": org,
        "orgs": selectable_orgs(request.user), "years": range(this_year - 4, this_year + 1),
    })
