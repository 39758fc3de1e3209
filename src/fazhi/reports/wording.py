"""How annual reports write numbers: counts ("2025户次", or "500余人次" where the writer rounds),
money in 万元 ("罚款10万元", "没收违法所得0.5万元"), rates ("98.1%") and the change on last year."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

# The words a writer rounds with: "500余人次", "200多人".
APPROXIMATE_MARKS = ("余", "多")


def count(n, approximate: str = "") -> str:
    """A count; with `approximate` ("余" or "多") a count of 100 or more is rounded down, to one significant
    digit below 1000 and two from 1000 ("523" → "500余", "13480" → "13000余"), and exact when nothing is lost.
    An average with decimals ("人均培训17.5学时") is written as it is."""
    if Decimal(str(n)) != int(n):
        return _plain(Decimal(str(n)))
    n = int(n)
    if not approximate or n < 100:
        return str(n)
    digits = 1 if n < 1000 else 2
    unit = 10 ** (len(str(n)) - digits)
    rounded = n // unit * unit
    return str(n) if rounded == n else f"{rounded}{approximate}"


def money(yuan) -> tuple[str, str]:
    """An amount of yuan as reports write it: (number, unit). From 1000 yuan on in 万元 with up to two
    decimals ("100000" → ("10", "万元"), "5000" → ("0.5", "万元")); below, in 元."""
    amount = Decimal(yuan or 0)
    if amount < 1000:
        return _plain(amount), "元"
    return _plain((amount / 10000).quantize(Decimal("0.01"), rounding=ROUND_DOWN)), "万元"


def percent(value) -> str:
    """A rate of the registry (a percentage with one decimal) as "98.1%", "100%"."""
    return f"{_plain(Decimal(str(value)))}%"


def change(now, before) -> str | None:
    """The change on last year as a report phrases it, or None where last year has no figure to compare."""
    if before in (None, 0) or now is None:
        return None
    now, before = Decimal(str(now)), Decimal(str(before))
    if now == before:
        return "与上年持平"
    ratio = (abs(now - before) * 100 / before).quantize(Decimal("0.1"))
    return f"同比{'增长' if now > before else '下降'}{_plain(ratio)}%"


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros or exponent: 10.00 → "10", 0.50 → "0.5"."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
