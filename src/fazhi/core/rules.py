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


def rules(*codes: str) -> dict[str, LegalTimeLimit]:
    """Several whole rows in one query: {code: row}."""
    rows = {row.code: row for row in LegalTimeLimit.objects.filter(code__in=codes)}
    missing = set(codes) - set(rows)
    if missing:
        raise LookupError(f"legal rules missing from the table: {', '.join(sorted(missing))}")
    return rows


def rule(code: str) -> LegalTimeLimit:
    """The whole row, for messages that cite the law ("《行政处罚法》第五十一条")."""
    return LegalTimeLimit.objects.get(code=code)


def citation(limit: LegalTimeLimit) -> str:
    """Law and article, as a message cites them. A row citing two laws ("《甲》；《乙》", "第六十一条；第五十三条")
    pairs each law with its own article."""
    laws, articles = limit.legal_basis.split("；"), limit.article.split("；")
    if len(laws) > 1 and len(laws) == len(articles):
        return "；".join(law + article for law, article in zip(laws, articles, strict=True))
    return f"{limit.legal_basis}{limit.article}"
