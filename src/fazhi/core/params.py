"""Query parameters read one way everywhere: a value that cannot be right is refused with a Chinese
message (a 400 page, or a 400 answer of the API), never passed on to a query that would fail."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.utils import timezone

FIRST_YEAR = 2000  # no record of the work predates it
YEARS_AHEAD = 5  # plans and calendars look a few years forward, no more
MAX_ID = 2**63 - 1  # the largest id a BigAutoField column holds
MAX_PER_PAGE = 200


class ParameterError(BadRequest):
    """A query parameter that cannot be used; its message says why in Chinese."""


def _raw(params, name: str) -> str:
    value = params.get(name, "")
    return value.strip() if isinstance(value, str) else ""


def year_range() -> range:
    return range(FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD + 1)


def year_param(params, name: str = "year") -> int:
    """The year asked for, or this year when none is given."""
    raw = _raw(params, name)
    if not raw:
        return timezone.localdate().year
    years = year_range()
    if not raw.isascii() or not raw.isdigit() or int(raw) not in years:
        raise ParameterError(f"年份“{raw[:20]}”无效，请填写{years.start}至{years.stop - 1}年之间的年份")
    return int(raw)


def int_param(params, name: str, *, low: int = 1, high: int = MAX_ID, what: str = "") -> int | None:
    """A whole number between `low` and `high` (an id by default), or None when the parameter is absent."""
    raw = _raw(params, name)
    if not raw:
        return None
    number = int(raw) if raw.isascii() and raw.lstrip("-").isdigit() and len(raw) < 30 else None
    if number is None or not low <= number <= high:
        raise ParameterError(f"参数“{what or name}”应为{low}至{high}之间的整数，收到“{raw[:20]}”")
    return number


def optional_year(params, name: str = "year") -> int | None:
    """A year to filter by, or None when none is given."""
    return year_param(params, name) if _raw(params, name) else None
