"""Report and target periods within a plan year: months, quarters, halves, the year."""

from __future__ import annotations

import calendar
import datetime as dt

MONTHS_PER = {"month": 1, "quarter": 3, "half": 6, "year": 12, "once": 12}


def periods(year: int, cadence: str) -> list[tuple[dt.date, dt.date]]:
    """The (start, end) spans a year divides into for a cadence ("once" is the whole year)."""
    step = MONTHS_PER[cadence]
    spans = []
    for first in range(1, 13, step):
        last = first + step - 1
        spans.append((dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])))
    return spans


def task_spans(year: int, cadence: str, due_date: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The periods a task reports on: its cadence within the plan year, the last cut at its deadline."""
    return [(start, min(end, due_date)) for start, end in periods(year, cadence) if start <= due_date]


def span_for(day: dt.date, spans: list[tuple[dt.date, dt.date]]) -> tuple[dt.date, dt.date]:
    """The span holding `day`, or the nearest one (the first before it begins, the last after it ends)."""
    return next((s for s in spans if s[0] <= day <= s[1]), spans[0] if day < spans[0][0] else spans[-1])


def label(start: dt.date, end: dt.date) -> str:
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day != 1 or end.day != calendar.monthrange(end.year, end.month)[1] or start.year != end.year:
        return f"{start:%Y-%m-%d}至{end:%Y-%m-%d}"
    if months == 12:
        return f"{start.year}年全年"
    if months == 6:
        return f"{start.year}年{'上' if start.month == 1 else '下'}半年"
    if months == 3:
        return f"{start.year}年第{(start.month + 2) // 3}季度"
    if months == 1:
        return f"{start.year}年{start.month}月"
    return f"{start.year}年{start.month}月至{end.month}月"
