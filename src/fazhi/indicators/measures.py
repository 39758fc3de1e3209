"""What an indicator's compute returns so that many figures come out of one grouped query.

A `Measure` is the rows a figure is made of (already limited to the scope and the period), the
aggregates it needs and how they combine into the figure. The registry evaluates measures in batches:
measures over the same rows share one query, and a split by commission, by month or by a category
field is a GROUP BY of that query, never one query per part.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db.models import Aggregate, Count, Q, Sum
from django.db.models.functions import ExtractMonth

# The group key of the whole, when nothing is split.
WHOLE = None


@dataclass(frozen=True, eq=False)
class Measure:
    rows: object  # a QuerySet
    aggregates: dict[str, object]
    combine: Callable[[dict], object]
    # The lookup from a row to the Org it belongs to ("org", "case__org", "" for Org rows themselves).
    org: str = "org"
    # The date field a month split groups by; None for figures taken at a day (a register, a roster).
    date: str | None = None
    # The value when no row matches (a count's 0, a rate's None).
    empty: object = field(default=0)

    def group_field(self, by: str | None) -> str | None:
        if by is None:
            return None
        if by == "org":
            return f"{self.org}__belongs_to" if self.org else "belongs_to"
        if by == "month":
            return "fz_month"
        return by

    def grouped_rows(self, by):
        if by == "month":
            return self.rows.annotate(fz_month=ExtractMonth(self.date))
        return self.rows


def count(rows, *, distinct: str | None = None, filter: Q | None = None, org="org", date=None) -> Measure:
    """How many rows (or distinct values of `distinct`) there are."""
    aggregate = Count(distinct or "pk", distinct=bool(distinct), filter=filter)
    return Measure(rows, {"n": aggregate}, lambda r: r["n"] or 0, org=org, date=date)


def total(rows, expression, *, org="org", date=None) -> Measure:
    """The sum of a field or expression (or a ready Sum with its filter) over the rows, 0 when there are none."""
    aggregate = expression if isinstance(expression, Aggregate) else Sum(expression)
    return Measure(rows, {"s": aggregate}, lambda r: r["s"] or 0, org=org, date=date)


def share(rows, part: Q, *, whole: Q | None = None, org="org", date=None, places: int = 1) -> Measure:
    """The percentage of rows (those matching `whole`, or all) that match `part`, to `places` decimals; None
    when there are none."""
    aggregates = {"part": Count("pk", filter=part if whole is None else part & whole),
                  "whole": Count("pk", filter=whole)}
    return Measure(rows, aggregates, lambda r: rate(r["part"] or 0, r["whole"] or 0, places), org=org, date=date,
                   empty=None)


def rate(numerator: int, denominator: int, places: int = 1) -> float | None:
    """A percentage at the precision reports write for it — one decimal ("监督覆盖率98.1%") unless the figure
    asks for more (the national 双随机 rates: 580 of 598 is 96.99) — or None when nothing was counted."""
    return round(100.0 * numerator / denominator, places) if denominator else None


def formula(combine: Callable, *parts: Measure, empty=None) -> Formula:
    """A figure made of several measures: `combine(*values)` once each part is known."""
    return Formula(parts, combine, empty)


@dataclass(frozen=True, eq=False)
class Formula:
    parts: tuple[Measure, ...]
    combine: Callable
    empty: object = None


def evaluate(measures: list, by: str | None = None) -> list[dict]:
    """Each measure's values, {group key: value} (key WHOLE when `by` is None), in as few queries as
    there are distinct sets of rows among the measures."""
    flat = []
    for item in measures:
        flat.extend(item.parts if isinstance(item, Formula) else (item,))
    results = _evaluate_flat(flat, by)
    out, index = [], 0
    for item in measures:
        if isinstance(item, Formula):
            values = results[index:index + len(item.parts)]
            index += len(item.parts)
            keys = set().union(*values) if values else set()
            out.append({key: item.combine(*(v.get(key, p.empty) for v, p in zip(values, item.parts, strict=True)))
                        for key in keys})
        else:
            out.append(results[index])
            index += 1
    return out


def _evaluate_flat(measures: list[Measure], by) -> list[dict]:
    batches: dict[tuple, list[int]] = {}
    for i, measure in enumerate(measures):
        batches.setdefault(_batch_key(measure, by), []).append(i)
    results: list[dict] = [{} for _ in measures]
    for key, members in batches.items():
        if key is None:  # rows that cannot match anything
            continue
        first = measures[members[0]]
        aggregates = {f"m{i}_{name}": agg for i in members for name, agg in measures[i].aggregates.items()}
        group = first.group_field(by)
        rows = first.grouped_rows(by)
        if group is None:
            answers = [(WHOLE, rows.aggregate(**aggregates))]
        else:
            answers = [(row.pop(group), row) for row in rows.order_by().values(group).annotate(**aggregates)]
        for group_key, row in answers:
            for i in members:
                prefix = f"m{i}_"
                own = {name[len(prefix):]: value for name, value in row.items() if name.startswith(prefix)}
                results[i][group_key] = measures[i].combine(own)
    return results


def _batch_key(measure: Measure, by):
    try:
        sql, params = measure.rows.order_by().query.sql_with_params()
    except EmptyResultSet:
        return None
    return (measure.rows.model, sql, tuple(map(repr, params)), measure.group_field(by), measure.date)
