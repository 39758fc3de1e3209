"""List-page tables and filters, one of each per ledger, made from the ledger's description."""

from __future__ import annotations

from functools import cache

import django_filters as filters
import django_tables2 as tables
from django import forms

from fazhi.core.filters import SearchFilterSet
from fazhi.core.forms import OrgChoiceField
from fazhi.core.models import Org

from .ledgers import Ledger
from .selectors import scope_orgs


class OrgFilter(filters.ModelChoiceFilter):
    field_class = OrgChoiceField


@cache
def table_class(ledger: Ledger) -> type[tables.Table]:
    first = "title" if ledger.is_activity else "name"
    attrs = {
        first: tables.Column(linkify=True, verbose_name=ledger.model._meta.get_field(first).verbose_name),
        "org": tables.Column(accessor="org__name", verbose_name="单位", order_by="org__path"),
        "Meta": type(
            "Meta",
            (),
            {
                "model": ledger.model,
                "fields": (["date"] if ledger.is_activity else []) + [first, "org", *ledger.columns],
                "order_by": ("-date",) if ledger.is_activity else (),
            },
        ),
    }
    return type(f"{ledger.model.__name__}Table", (tables.Table,), attrs)


@cache
def filterset_class(ledger: Ledger) -> type[SearchFilterSet]:
    fields = ["q"]
    attrs = {"search_fields": ledger.search, "org": OrgFilter(queryset=_orgs, label="单位", method="under_org")}
    if ledger.is_activity:
        attrs["year"] = filters.NumberFilter(
            field_name="date__year", label="年度", widget=forms.NumberInput(attrs={"placeholder": "如 2026"})
        )
        attrs["start"] = filters.DateFilter(
            field_name="date", lookup_expr="gte", label="起始日期", widget=forms.DateInput(attrs={"type": "date"})
        )
        attrs["end"] = filters.DateFilter(
            field_name="date", lookup_expr="lte", label="截止日期", widget=forms.DateInput(attrs={"type": "date"})
        )
        fields += ["year", "start", "end"]
    fields += ["org", *ledger.filters]

    def under_org(self, queryset, name, value):
        return queryset.filter(org__path__startswith=value.path) if value else queryset

    attrs["under_org"] = under_org
    attrs["Meta"] = type("Meta", (), {"model": ledger.model, "fields": fields})
    return type(f"{ledger.model.__name__}FilterSet", (SearchFilterSet,), attrs)


def _orgs(request):
    return scope_orgs(request.user) if request is not None else Org.objects.none()
