"""The enforcement area at a glance, as the hub and the home page show it: the year's headline figures
of every part (all through the indicator registry), each commission's own figures beside the region's,
and what needs doing soon — certificates running out, case deadlines, reviews waiting, random
inspections still open, rechecks overdue."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import Org
from fazhi.indicators.registry import Period, get, values

HEADLINES = [
    ("监督检查", ["enforcement.inspections", "enforcement.inspected_entities", "enforcement.coverage",
              "enforcement.opinions"]),
    ("行政处罚", ["cases.opened", "cases.penalties", "cases.ordinary", "cases.simple", "cases.fines",
              "cases.confiscation", "cases.lenient_parties"]),
    ("双随机抽查", ["draws.national_tasks", "draws.own_tasks", "draws.completion_rate", "draws.closure_rate",
               "draws.publicity_on_time_rate"]),
    ("执法队伍与三项制度", ["enforcement.certified_officers", "enforcement.certification_rate", "cases.legal_reviews",
                   "cases.collective", "cases.publicity_rate"]),
    ("案卷评查与信用监管", ["cases.evaluated", "cases.pass_rate", "cases.excellent", "enforcement.point_records",
                   "enforcement.credit_d"]),
]
# The columns of the per-commission table a city sees.
BREAKDOWN = ["enforcement.inspections", "enforcement.coverage", "enforcement.opinions", "cases.opened",
             "cases.penalties", "cases.fines", "draws.completion_rate", "enforcement.certified_officers"]
HOME = ["enforcement.inspections", "enforcement.coverage", "cases.penalties", "cases.fines",
        "draws.completion_rate"]


def figures(org: Org, year: int, codes: list[str]) -> list[dict]:
    found = values(codes, org, Period.year(year))
    return [{"indicator": get(code), "value": found[code]} for code in codes]


def headline_figures(org: Org, year: int) -> list[dict]:
    found = values([code for _, codes in HEADLINES for code in codes], org, Period.year(year))
    return [{"area": area, "figures": [{"indicator": get(code), "value": found[code]} for code in codes]}
            for area, codes in HEADLINES]


def breakdown(root: Org, year: int) -> dict | None:
    """Each commission under `root` with its own figures beside the region's total (a city and its counties)."""
    from fazhi.indicators.selectors import breakdown as split

    return split(root, BREAKDOWN, Period.year(year))


def attention(user, today: dt.date, deadlines: list | None = None, under: Org | None = None) -> list[dict]:
    """What needs doing soon in the user's scope (or the part of it under `under`), each with how many
    and where to see them. `deadlines`: the case warnings when the caller has them already, narrowed
    as asked (they are counted case by case)."""
    from django.urls import reverse

    from fazhi.cases.selectors import reviews_visible, warnings
    from fazhi.draws.choices import TaskState
    from fazhi.draws.reminders import TASK_WARN_DAYS
    from fazhi.draws.selectors import tasks_visible, with_progress

    from .choices import CertificateState, FollowUp
    from .selectors import inspections_visible, officers_visible, with_certificate_state

    def part(queryset, path_field="org__path"):
        return queryset if under is None else queryset.filter(**{f"{path_field}__startswith": under.path})

    expiring = with_certificate_state(part(officers_visible(user)), today).filter(
        status="active", certificate=CertificateState.EXPIRING).count()
    if deadlines is None:
        deadlines = [row for row in warnings(user, today) if under is None or row[0].org.path.startswith(under.path)]
    overdue = sum(1 for _, clock in deadlines if clock.state == "overdue")
    reviews = part(reviews_visible(user), "case__org__path").filter(opinion="").count()
    soon = today + dt.timedelta(days=TASK_WARN_DAYS)
    open_tasks = (with_progress(part(tasks_visible(user))).exclude(state=TaskState.SETTLED)
                  .filter(due_date__lte=soon).count())
    rechecks = part(inspections_visible(user)).filter(follow_up=FollowUp.PENDING, rectify_by__lt=today).count()
    items = [
        ("执法证件即将到期", expiring, reverse("officer_list") + f"?certificate={CertificateState.EXPIRING}",
         "请及时办理换证，到期后不能参与检查和办案"),
        ("办案期限预警", len(deadlines), reverse("case_deadlines"),
         f"即将届满或已逾期的法定期限，其中已逾期{overdue}项"),
        ("待法制审核", reviews, reverse("review_list"), "送审案件，按提交先后排列"),
        ("双随机任务即将到期", open_tasks, reverse("draw_task_list"),
         f"{TASK_WARN_DAYS}日内到期仍有未检查对象或未抽取的任务"),
        ("整改逾期未复查", rechecks, reverse("inspection_list") + "?overdue=true",
         "整改期限已过、尚未复查的监督检查"),
    ]
    return [{"label": label, "count": count, "url": url, "hint": hint} for label, count, url, hint in items]
