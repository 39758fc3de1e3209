"""How annual reports write numbers: counts ("2025户次", or "500余人次", "百余场" where the writer rounds),
a count with its parts, money in 万元 ("罚款10万元", "没收违法所得0.5万元"), rates ("96.99%", "100%") and the
change on last year."""

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
    if rounded == n:
        return str(n)
    # A round hundred, thousand or ten thousand is written in words: "百余场", "千余人次", "万余份".
    return f"{ROUND_WORDS.get(rounded, rounded)}{approximate}"


ROUND_WORDS = {100: "百", 1000: "千", 10000: "万"}


def with_parts(lead: str, total, unit: str, parts, *, approximate: str = "") -> str:
    """A count and what it is made of, as reports write it: "共办理各类事项208件，其中公共场所卫生许可证89件、
    医疗机构审批69件、诊所备案14件" — the parts (label, count) with something, largest first."""
    shown = sorted(((label, n) for label, n in parts if n), key=lambda part: -part[1])
    text = f"{lead}{count(total, approximate)}{unit}"
    if shown:
        text += "，其中" + "、".join(f"{label}{count(n, approximate)}{unit}" for label, n in shown)
    return text


def money(yuan) -> tuple[str, str]:
    """An amount of yuan as reports write it: (number, unit). From 1000 yuan on in 万元 with up to two
    decimals ("100000" → ("10", "万元"), "5000" → ("0.5", "万元")); below, in 元."""
    amount = Decimal(yuan or 0)
    if amount < 1000:
        return _plain(amount), "元"
    return _plain((amount / 10000).quantize(Decimal("0.01"), rounding=ROUND_DOWN)), "万元"


def percent(value) -> str:
    """A rate of the registry (a percentage to two decimals) as people write it: "96.99%", "98.1%", "100%"."""
    return f"{_plain(Decimal(str(value)).quantize(Decimal('0.01')))}%"


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
