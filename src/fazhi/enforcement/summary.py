"""The enforcement area at a glance, as the hub and the home page show it: the year's headline figures
of every part (all through the indicator registry), each commission's own figures beside the region's,
and what needs doing soon — certificates running out, case deadlines, reviews waiting, random
inspections still open, rechecks overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

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


# What needs doing soon comes from every part of the area. Cases and draws build on enforcement, so they
# add their items here from their AppConfig.ready() rather than enforcement importing them: each function
# takes (user, today, part, under, deadlines) and returns (label, count, url, hint) rows; `order` keeps
# the list in the order the hub has always shown it.
_ATTENTION: list[tuple[int, Callable]] = []


def attention_items(order: int):
    def register(function: Callable) -> Callable:
        _ATTENTION.append((order, function))
        _ATTENTION.sort(key=lambda pair: pair[0])
        return function
    return register


def attention(user, today: dt.date, deadlines: list | None = None, under: Org | None = None) -> list[dict]:
    """What needs doing soon in the user's scope (or the part of it under `under`), each with how many
    and where to see them. `deadlines`: the case warnings when the caller has them already, narrowed
    as asked (they are counted case by case)."""

    def part(queryset, path_field="org__path"):
        return queryset if under is None else queryset.filter(**{f"{path_field}__startswith": under.path})

    items = [row for _, function in _ATTENTION
             for row in function(user=user, today=today, part=part, under=under, deadlines=deadlines)]
    return [{"label": label, "count": count, "url": url, "hint": hint} for label, count, url, hint in items]


@attention_items(order=10)
def _certificates(*, user, today, part, **_):
    from django.urls import reverse

    from .choices import CertificateState
    from .selectors import officers_visible, with_certificate_state

    expiring = with_certificate_state(part(officers_visible(user)), today).filter(
        status="active", certificate=CertificateState.EXPIRING).count()
    return [("执法证件即将到期", expiring, reverse("officer_list") + f"?certificate={CertificateState.EXPIRING}",
             "请及时办理换证，到期后不能参与检查和办案")]


@attention_items(order=50)
def _rechecks(*, user, today, part, **_):
    from django.urls import reverse

    from .choices import FollowUp
    from .selectors import inspections_visible

    rechecks = part(inspections_visible(user)).filter(follow_up=FollowUp.PENDING, rectify_by__lt=today).count()
    return [("整改逾期未复查", rechecks, reverse("inspection_list") + "?overdue=true",
             "整改期限已过、尚未复查的监督检查")]
