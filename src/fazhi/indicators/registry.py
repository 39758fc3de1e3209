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


@dataclass(frozen=True)
class Period:
    """A closed range of dates: a year, a quarter, or any span."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def __str__(self):
        if self.start.month == 1 and self.start.day == 1 and self.end == dt.date(self.start.year, 12, 31):
            return f"{self.start.year}年"
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
        return Q(**{f"{path_field}__startswith": self.path})


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
# Optional `by_month(scope, year) -> {month: value}` of a count: the twelve months in one grouped query.
_BY_MONTH: dict[str, Callable[[Scope, int], dict[int, int]]] = {}


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


def by_month(code: str):
    """Register the decorated `months(scope, year)` as the one-query month split of indicator `code`;
    it must agree with `compute` over each month."""

    def register(func):
        if code not in _REGISTRY or code in _BY_MONTH:
            raise ValueError(f"indicator {code} not registered, or split by month twice")
        _BY_MONTH[code] = func
        return func

    return register


def all_indicators() -> list[Indicator]:
    return sorted(_REGISTRY.values(), key=lambda i: (i.area, i.code))


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
    return _REGISTRY[code].compute(Scope(org.path), period)


def months(code: str, org, year: int) -> list[tuple[int, object]]:
    """The value of `code` over `org`'s subtree for each month of `year`, as [(1, v), … (12, v)]: one
    grouped query where the indicator offers a month split, otherwise the value month by month."""
    if code in _BY_MONTH:
        counts = _BY_MONTH[code](Scope(org.path), year)
        return [(m, counts.get(m, 0)) for m in range(1, 13)]
    return [(m, value(code, org, month_period(year, m))) for m in range(1, 13)]


def month_period(year: int, month: int) -> Period:
    following = dt.date(year + (month == 12), month % 12 + 1, 1)
    return Period(dt.date(year, month, 1), following - dt.timedelta(days=1))


def count_by_month(queryset, date_field: str) -> dict[int, int]:
    """{month: rows} of `queryset` by the month of `date_field` (already limited to one year)."""
    from django.db.models import Count
    from django.db.models.functions import ExtractMonth

    rows = queryset.annotate(fz_month=ExtractMonth(date_field)).values("fz_month").annotate(fz_n=Count("pk"))
    return {row["fz_month"]: row["fz_n"] for row in rows}


def rate(numerator: int, denominator: int) -> float | None:
    """A percentage, or None when nothing was counted."""
    return round(100.0 * numerator / denominator, 1) if denominator else None
