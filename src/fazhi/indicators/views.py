"""The indicator page: every registered indicator with its value for the chosen org and year."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.core.selectors import get_visible, scope_root

from .selectors import indicator_rows, selectable_orgs


@login_required
def indicator_list(request):
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        year = today.year
    org_id = request.GET.get("org")
    org = get_visible(Org.objects.all(), request.user, org_id) if org_id else scope_root(request.user)
    rows = indicator_rows(org, year) if org else []
    return render(request, "indicators/list.html", {
        "rows": rows, "year": year, "org": org, "orgs": selectable_orgs(request.user),
        "years": range(today.year - 4, today.year + 1),
    })
