"""Benchmarks of cases, run by `make bench` on the city-scale demo: the lists with their counted deadlines,
the case page, the indicators over the whole city and the daily reminders."""

from django.utils import timezone

from fazhi.core.bench import _page
from fazhi.core.models import Org
from fazhi.indicators.registry import Period, all_indicators, value

from .indicators import AREA
from .models import Case
from .reminders import reminders


def case_list_city():
    return _page("shi_lingdao", "/enforcement/cases/")


def overdue_cases_city():
    return _page("shi_lingdao", "/enforcement/cases/?overdue=true")


def deadlines_city():
    return _page("shi_lingdao", "/enforcement/cases/deadlines/")


def case_page_city():
    case = Case.objects.filter(org__code__startswith="9901").order_by("-pk").first()
    return _page("shi_lingdao", f"/enforcement/cases/{case.pk}/")


def case_export_city():
    return _page("shi_lingdao", "/enforcement/cases/?_export=xlsx")


def case_indicators_city():
    city = Org.objects.get(code="990100")
    period = Period.year(timezone.localdate().year)
    figures = [value(i.code, city, period) for i in all_indicators() if i.area == AREA]
    return f"{len(figures)} 项指标"


def case_reminders():
    return f"{len(list(reminders(timezone.localdate())))} 项提醒"


BENCHMARKS = [
    ("case_list_city", case_list_city),
    ("overdue_cases_city", overdue_cases_city),
    ("deadlines_city", deadlines_city),
    ("case_page_city", case_page_city),
    ("case_export_city", case_export_city),
    ("case_indicators_city", case_indicators_city),
    ("case_reminders", case_reminders),
]
