"""The indicator registry: every measured quantity of Fazhi, defined once.

An indicator is a code, a Chinese name, the synonyms reports write for it, a unit, and a
function computing its value for an org subtree and a period. Each app registers its own in
its `indicators.py`; plans, the dashboard, the report composer and report intake read values
only through `value()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from .measures import WHOLE, Formula, Measure, evaluate, rate  # noqa: F401  rate: where indicators take it


@dataclass(frozen=True)
class Period:
    """A closed range of dates: a year, a quarter, or any span."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def months(cls, year: int, first: int, last: int) -> Period:
        """Whole months of one year: what a report "截至11月" covers (`Period.months(2025, 1, 11)`)."""
        return cls(month_period(year, first).start, month_period(year, last).end)

    def __str__(self):
        """As reports write a period: "2025年", "2025年1-11月", "2025年11月", else the two dates."""
        whole_months = self.start.day == 1 and (self.end + dt.timedelta(days=1)).day == 1
        if whole_months and self.start.year == self.end.year:
            if self.start.month == 1 and self.end.month == 12:
                return f"{self.start.year}年"
            if self.start.month == self.end.month:
                return f"{self.start.year}年{self.start.month}月"
            return f"{self.start.year}年{self.start.month}-{self.end.month}月"
        return f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}"

    def datetime_range(self):
        """Aware datetimes bounding the period, for DateTimeField lookups."""
        from django.utils import timezone

        tz = timezone.get_current_timezone()
        return (dt.datetime.combine(self.start, dt.time.min, tz),
                dt.datetime.combine(self.end, dt.time.max, tz))


@dataclass(frozen=True)
class Scope:
    """The org subtree an indicator is computed over: its root's path prefix."""

    path: str

    def q(self, path_field: str = "org__path") -> Q:
        from fazhi.core.scoping import under_q

        return under_q(self.path, path_field)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    area: str
    compute: Callable[[Scope, Period], int | float | Decimal | None]
    synonyms: tuple[str, ...] = ()
    description: str = ""
    # Rates are shown with one decimal; counts as integers.
    is_rate: bool = field(default=False)
    # The records a figure is made of, `records(scope, period)` → a QuerySet of objects with a page of their
    # own: what a report's number links to. For a rate, the records it is a share of.
    records: Callable | None = None


_REGISTRY: dict[str, Indicator] = {}


def indicator(*, code: str, name: str, unit: str, area: str, synonyms=(), description="", is_rate=False,
              records=None):
    """Register the decorated `compute(scope, period)` function as an indicator."""

    def register(func):
        if code in _REGISTRY:
            raise ValueError(f"indicator {code} registered twice")
        _REGISTRY[code] = Indicator(code, name, unit, area, func, tuple(synonyms), description, is_rate, records)
        return func

    return register


def records_behind(table: dict[str, Callable]) -> None:
    """Name, for indicators already registered, the records each is made of: {code: records(scope, period)}.
    An app keeps this table beside its indicators when one query family serves several of them."""
    from dataclasses import replace

    for code, records in table.items():
        _REGISTRY[code] = replace(_REGISTRY[code], records=records)


def all_indicators() -> list[Indicator]:
    return sorted(_REGISTRY.values(), key=lambda i: (i.area, i.code))


def registered_codes() -> set[str]:
    return set(_REGISTRY)


def get(code: str) -> Indicator:
    return _REGISTRY[code]


def find(text: str) -> Indicator | None:
    """The indicator a report's wording names, by name or synonym."""
    for item in _REGISTRY.values():
        if text == item.name or text in item.synonyms:
            return item
    return None


def match(text: str, *, unit: str | None = None) -> Indicator | None:
    """The indicator a plan's or report's phrase speaks of: the one whose name or synonym occurs in
    `text` (longest wins). A synonym may hold "…" for words in between: "听取…法治…汇报". With `unit`,
    only indicators measured in that unit (次, 人次, %) are considered."""
    best, best_length = None, 0
    for item in _REGISTRY.values():
        if unit is not None and not _same_unit(unit, item):
            continue
        for wording in (item.name, *item.synonyms):
            length = _occurs(wording, text)
            if length > best_length:
                best, best_length = item, length
    return best


def _same_unit(unit: str, item: Indicator) -> bool:
    unit = unit.replace("％", "%")
    return unit == item.unit or (unit == "%" and item.is_rate)


def _occurs(wording: str, text: str) -> int:
    """How many characters of `wording` match in `text` (its parts in order), or 0."""
    position, matched = 0, 0
    for part in filter(None, wording.split("…")):
        found = text.find(part, position)
        if found < 0:
            return 0
        position, matched = found + len(part), matched + len(part)
    return matched


def value(code: str, org, period: Period):
    """The value of indicator `code` over `org`'s subtree in `period`."""
    return values([code], org, period)[code]


def months(code: str, org, year: int) -> list[tuple[int, object]]:
    """The value of `code` over `org`'s subtree for each month of `year`, as [(1, v), … (12, v)]."""
    split = values([code], org, Period.year(year), by="month")[code]
    return [(m, split[m]) for m in range(1, 13)]


def values(codes, org, period: Period, *, by: str | None = None, among=None) -> dict:
    """Many figures at once over `org`'s subtree (an Org or a Scope) in `period`: {code: value}, or with `by` a split
    {code: {part: value}} — by "org" into the commissions of the subtree (or the orgs `among`, each
    counting its own records and its units'), by "month" into the period's months, by a field name into
    that field's values. Figures over the same rows come from one grouped query."""
    codes = list(codes)
    scope = org if isinstance(org, Scope) else Scope(org.path)
    computed = {code: _REGISTRY[code].compute(scope, period) for code in codes}
    if by == "month":
        if period.start.year != period.end.year:
            raise ValueError("按月拆分的期间须在同一年内")
        return _by_month(codes, computed, scope, period)
    lazy = [code for code in codes if isinstance(computed[code], Measure | Formula)]
    results = dict(zip(lazy, evaluate([computed[code] for code in lazy], by), strict=True))
    if by is None:
        return {code: results[code].get(WHOLE, computed[code].empty) if code in results else computed[code]
                for code in codes}
    if by == "org":
        parts = list(among) if among is not None else commissions_of(org)
        return {code: {part: results[code].get(part.pk, computed[code].empty) if code in results
                       else _REGISTRY[code].compute(Scope(part.path), period) for part in parts}
                for code in codes}
    return {code: results.get(code, {}) for code in codes}


def _by_month(codes, computed, scope, period) -> dict:
    spans = list(_months_of(period))
    dated = [code for code in codes
             if isinstance(computed[code], Measure) and computed[code].date is not None]
    split = evaluate([computed[code] for code in dated], "month")
    out = {code: {month: evaluated.get(month, computed[code].empty) for month, _ in spans}
           for code, evaluated in zip(dated, split, strict=True)}
    rest = [code for code in codes if code not in out]
    for code in rest:
        out[code] = {}
    # A figure taken at a day (a register, a roster, a rate of several parts) is asked month by month:
    # one batch per month, whatever the number of commissions.
    for month, span in spans:
        asked = {code: _REGISTRY[code].compute(scope, span) for code in rest}
        lazy = [code for code in rest if isinstance(asked[code], Measure | Formula)]
        for code, evaluated in zip(lazy, evaluate([asked[code] for code in lazy]), strict=True):
            out[code][month] = evaluated.get(WHOLE, asked[code].empty)
        for code in rest:
            if code not in lazy:
                out[code][month] = asked[code]
    return out


def _months_of(period: Period):
    year, month = period.start.year, period.start.month
    while dt.date(year, month, 1) <= period.end:
        span = month_period(year, month)
        yield month, Period(max(span.start, period.start), min(span.end, period.end))
        year, month = year + (month == 12), month % 12 + 1


def commissions_of(org) -> list:
    """The active commissions in `org`'s subtree, in tree order: the parts a split by "org" answers for."""
    from fazhi.core.choices import OrgKind
    from fazhi.core.models import Org

    return list(Org.objects.filter(path__startswith=org.path, kind=OrgKind.COMMISSION, is_active=True)
                .select_related("parent").order_by("path"))


def month_period(year: int, month: int) -> Period:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Period(dt.date(year, month, 1), following - dt.timedelta(days=1))
