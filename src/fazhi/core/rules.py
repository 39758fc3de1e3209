"""The legal numbers that are not periods (罚款限额、最少人数、抽查比例、记分分值), read from the one table
of legal rules (LegalTimeLimit). Periods are counted in deadlines.py."""

from __future__ import annotations

from .models import LegalTimeLimit


def threshold(code: str) -> int:
    """The number of the legal threshold `code`."""
    return thresholds(code)[code]


def thresholds(*codes: str) -> dict[str, int]:
    """Several thresholds in one query: {code: number}."""
    rows = dict(LegalTimeLimit.objects.filter(code__in=codes).values_list("code", "number"))
    missing = set(codes) - set(rows)
    if missing:
        raise LookupError(f"legal rules missing from the table: {', '.join(sorted(missing))}")
    return rows


def rule(code: str) -> LegalTimeLimit:
    """The whole row, for messages that cite the law ("《行政处罚法》第五十一条")."""
    return LegalTimeLimit.objects.get(code=code)


def citation(limit: LegalTimeLimit) -> str:
    return f"{limit.legal_basis}{limit.article}"
