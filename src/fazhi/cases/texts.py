"""How amounts, dates and penalties read in Chinese documents, messages, pages and the public portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .choices import PenaltyKind


def yuan(amount) -> str:
    """An amount as Chinese documents write it: 3,000 or 2,500.50 (the caller adds 元)."""
    amount = Decimal(amount or 0)
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def penalty_text(kinds, fine=0, confiscation=0, property_value=0) -> str:
    """警告、罚款5,000元、没收违法所得1,200元、没收非法财物（价值800元）."""
    parts = []
    for kind in kinds or ():
        label = PenaltyKind(kind).label if kind in PenaltyKind.values else str(kind)
        if kind == PenaltyKind.FINE and Decimal(fine or 0):
            label += f"{yuan(fine)}元"
        elif kind == PenaltyKind.CONFISCATE_INCOME and Decimal(confiscation or 0):
            label += f"{yuan(confiscation)}元"
        elif kind == PenaltyKind.CONFISCATE_PROPERTY and Decimal(property_value or 0):
            label += f"（价值{yuan(property_value)}元）"
        parts.append(label)
    return "、".join(parts)
