"""Indicator values for a user's scope."""

from fazhi.core.models import Org
from fazhi.core.selectors import get_visible, scope_root

from .registry import Period, all_indicators, value


def indicator_rows(org: Org, year: int, *, with_previous: bool = True) -> list[dict]:
    """Every indicator's value over `org`'s subtree in `year` (and the year before, for comparison)."""
    period, previous = Period.year(year), Period.year(year - 1)
    return [{"indicator": item, "value": value(item.code, org, period),
             "previous": value(item.code, org, previous) if with_previous else None}
            for item in all_indicators()]


def selectable_orgs(user):
    """Orgs whose subtree a user may choose to see figures for."""
    return Org.objects.visible_to(user)


def chosen_org(user, org_id) -> Org | None:
    """The org asked for (404 outside the user's scope), or the top of the user's scope."""
    return get_visible(Org.objects.all(), user, org_id) if org_id else scope_root(user)
