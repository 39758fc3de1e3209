"""The home page: the dashboard of the user's scope (or one commission under it) for a chosen year."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import selectors as core_selectors
from fazhi.core.params import year_param

from . import selectors


@login_required
def home(request):
    today = timezone.localdate()
    years = selectors.years(today)
    year = year_param(request.GET)
    if year not in years:
        return _refuse(request, f"只能查看{years[-1]}年至{years[0]}年的情况。")
    offered = selectors.units(request.user)
    try:
        unit = selectors.chosen_unit(request.user, offered, request.GET.get("unit")) if offered else None
    except selectors.Refused as refusal:
        return _refuse(request, str(refusal))
    # Panels narrow to a commission only when one is chosen below the top of the scope.
    narrowed = unit if offered and unit != offered[0] else None
    context = {**core_selectors.dashboard(request.user, today.year), "year": year, "years": years,
               "this_year": today.year, "units": offered, "unit": unit, "basics": selectors.BASICS,
               "panels": core_selectors.home_panels(request.user, today, year, narrowed)}
    if unit is not None:
        context.update(selectors.dashboard(request.user, year, unit, today))
    return render(request, "dashboard/home.html", context)


def _refuse(request, message: str):
    return render(request, "errors/error.html", {"code": 404, "title": "页面不存在", "message": message}, status=404)
