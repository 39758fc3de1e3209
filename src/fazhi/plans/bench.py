"""Benchmarks of plans and the task ledger, run by `make bench` on the city-scale demo."""

from pathlib import Path

from django.utils import timezone

from fazhi.core.bench import _page

from .models import Plan
from .parsing import parse
from .reminders import reminders

CITY_PLAN = (Path(__file__).parent / "demo_plans" / "city.txt").read_text(encoding="utf-8").replace("{year}", "2026")


def _city_plan() -> Plan:
    return Plan.objects.filter(org__code="990100.wjw").order_by("-year").first()


def parse_city_plan():
    plan = parse(CITY_PLAN)
    return f"{len(plan.items)} 项条目、{sum(len(i.targets) for i in plan.items)} 项目标"


def plan_page_city():
    return _page("shi_fazhi", f"/plans/{_city_plan().pk}/")


def overview_city():
    return _page("shi_lingdao", f"/plans/{_city_plan().pk}/overview/")


def ledger_export_city():
    return _page("shi_fazhi", f"/plans/{_city_plan().pk}/ledger.xlsx")


def task_list_city():
    return _page("shi_lingdao", "/tasks/")


def home_city():
    return _page("shi_lingdao", "/")


def daily_reminders():
    found = list(reminders(timezone.localdate()))
    return f"{len(found)} 项提醒"


BENCHMARKS = [
    ("parse_city_plan", parse_city_plan),
    ("plan_page_city", plan_page_city),
    ("overview_city", overview_city),
    ("ledger_export_city", ledger_export_city),
    ("task_list_city", task_list_city),
    ("home_city", home_city),
    ("daily_reminders", daily_reminders),
]
