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


def commissions_under(root: Org) -> list[Org]:
    """The active commissions in `root`'s subtree, in tree order: the units a region's figures split into."""
    from fazhi.core.choices import OrgKind

    return list(Org.objects.filter(path__startswith=root.path, kind=OrgKind.COMMISSION, is_active=True)
                .select_related("parent").order_by("path"))


def breakdown(root: Org, codes: list[str], period: Period, *, with_total: bool = True) -> dict | None:
    """Each commission under `root` with its own values of `codes`, and the region's total: only where
    there is more than one commission to compare (a city and its counties). One query per indicator
    and commission, never per record."""
    from .registry import get

    commissions = commissions_under(root)
    if len(commissions) < 2:
        return None

    def figures(org):
        return [{"indicator": get(code), "value": value(code, org, period)} for code in codes]

    return {"columns": [get(code) for code in codes], "rows": [(c, figures(c)) for c in commissions],
            "total": figures(root) if with_total else None}
