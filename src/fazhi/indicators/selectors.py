"""Indicator values for a user's scope."""

from fazhi.core.choices import OrgKind
from fazhi.core.models import Org

from .registry import Period, all_indicators, value


def indicator_rows(org: Org, year: int) -> list[dict]:
    period = Period.year(year)
    previous = Period.year(year - 1)
    rows = []
    for item in all_indicators():
        rows.append({
            "indicator": item,
            "value": value(item.code, org, period),
            "previous": value(item.code, org, previous),
        })
    return rows


def selectable_orgs(user):
    """Orgs whose subtree a user may choose to see figures for: regions and commissions in scope."""
    return Org.objects.visible_to(user).filter(kind__in=[OrgKind.REGION, OrgKind.COMMISSION, OrgKind.DEPARTMENT,
                                                         OrgKind.UNIT])
