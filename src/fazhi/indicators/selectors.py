"""Indicator values for a user's scope."""

from fazhi.core.models import Org
from fazhi.core.selectors import get_visible, scope_root

from .registry import Period, all_indicators, commissions_of, get, values


def indicator_rows(org: Org, year: int, *, with_previous: bool = True) -> list[dict]:
    """Every indicator's value over `org`'s subtree in `year` (and the year before, for comparison)."""
    items = all_indicators()
    codes = [item.code for item in items]
    now = values(codes, org, Period.year(year))
    before = values(codes, org, Period.year(year - 1)) if with_previous else {}
    return [{"indicator": item, "value": now[item.code], "previous": before.get(item.code)} for item in items]


def selectable_orgs(user):
    """Orgs whose subtree a user may choose to see figures for."""
    return Org.objects.visible_to(user)


def chosen_org(user, org_id) -> Org | None:
    """The org asked for (404 outside the user's scope), or the top of the user's scope."""
    return get_visible(Org.objects.all(), user, org_id) if org_id else scope_root(user)




def breakdown(root: Org, codes: list[str], period: Period, *, with_total: bool = True) -> dict | None:
    """Each commission under `root` with its own values of `codes` (its records and its units', not the
    commissions below it), and the region's total: only where there is more than one commission to
    compare (a city and its counties). One grouped query per family of figures, whatever the number of
    commissions."""
    commissions = commissions_of(root)
    if len(commissions) < 2:
        return None
    split = values(codes, root, period, by="org", among=commissions)
    rows = [(c, [{"indicator": get(code), "value": split[code][c]} for code in codes]) for c in commissions]
    total = None
    if with_total:
        whole = values(codes, root, period)
        total = [{"indicator": get(code), "value": whole[code]} for code in codes]
    return {"columns": [get(code) for code in codes], "rows": rows, "total": total}
