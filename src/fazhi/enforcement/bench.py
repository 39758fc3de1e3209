"""Benchmarks of the enforcement registers, run by `make bench` on the city-scale demo: the register and
inspection lists as the city sees them (all its counties), the points bands, and the enforcement indicators."""

from django.utils import timezone

from fazhi.core.bench import _page
from fazhi.core.models import Org, User
from fazhi.indicators.registry import Period, all_indicators, value

from . import selectors
from .models import PointRecord


def entity_list_city():
    return _page("shi_lingdao", "/enforcement/entities/")


def entity_list_band_city():
    return _page("shi_lingdao", "/enforcement/entities/?band=key")


def entity_export_city():
    return _page("shi_lingdao", "/enforcement/entities/?_export=xlsx")


def inspection_list_city():
    return _page("shi_lingdao", "/enforcement/inspections/")


def inspection_list_overdue_city():
    return _page("shi_lingdao", "/enforcement/inspections/?overdue=true")


def officer_list_city():
    return _page("shi_lingdao", "/enforcement/officers/")


def inspection_form_county():
    return _page("xian_zhifa", "/enforcement/inspections/add/")


def point_standings_city():
    leader = User.objects.get(username="shi_lingdao")
    standing = selectors.standings(PointRecord.objects.visible_to(leader), timezone.localdate())
    return f"{len(standing)} 个记分对象"


def enforcement_indicators_city():
    city = Org.objects.get(code="990100")
    period = Period.year(timezone.localdate().year - 1)
    codes = [i.code for i in all_indicators() if i.code.startswith("enforcement.")]
    figures = {code: value(code, city, period) for code in codes}
    inspections, coverage = figures["enforcement.inspections"], figures["enforcement.coverage"]
    return f"{len(codes)} 项指标，监督检查{inspections}户次，覆盖率{coverage}%"


BENCHMARKS = [
    ("entity_list_city", entity_list_city),
    ("entity_list_band_city", entity_list_band_city),
    ("entity_export_city", entity_export_city),
    ("inspection_list_city", inspection_list_city),
    ("inspection_list_overdue_city", inspection_list_overdue_city),
    ("officer_list_city", officer_list_city),
    ("inspection_form_county", inspection_form_county),
    ("point_standings_city", point_standings_city),
    ("enforcement_indicators_city", enforcement_indicators_city),
]
