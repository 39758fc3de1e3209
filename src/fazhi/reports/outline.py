"""A report as the reader meets it: title, the numbered parts ("一、主要举措和成效"), the areas' headings
("（一）…") and paragraphs, and the closing signature. The Word, HTML and page views all lay it out."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .choices import Part
from .compose import breakdown

NUMERALS = "一二三四五六七八九十"


@dataclass
class Block:
    kind: str  # "part", "heading", "text" or "table"
    text: str
    paragraph: object = None  # the Paragraph it shows, for "heading" and "text"
    table: dict | None = None  # caption, columns, rows and total of a "table"


def outline(report, paragraphs=None) -> list[Block]:
    """The blocks of `report` in reading order. A part with nothing written shows its heading while
    drafting, so that the writer sees what is missing, except 其他需要报告的情况, which may be left out."""
    paragraphs = list(report.paragraphs.all() if paragraphs is None else paragraphs)
    by_part: dict[str, list] = {value: [] for value in Part.values}
    for paragraph in sorted(paragraphs, key=lambda p: p.order):
        by_part[paragraph.part].append(paragraph)
    blocks = [Block("text", p.text, p) for p in by_part[Part.INTRO]]
    number = 0
    for value, label in Part.choices:
        if value == Part.INTRO or (not by_part[value] and (value == Part.OTHER or not report.is_editable)):
            continue
        blocks.append(Block("part", f"{NUMERALS[number]}、{label}"))
        number += 1
        heading = 0
        for paragraph in by_part[value]:
            if paragraph.is_heading:
                blocks.append(Block("heading", f"（{NUMERALS[heading]}）{paragraph.text}", paragraph))
                heading += 1
            else:
                blocks.append(Block("text", paragraph.text, paragraph))
        if value == Part.MEASURES and (table := breakdown(report)):
            blocks.append(Block("table", table["caption"], table=table))
    return blocks


def signature_date(report) -> str:
    """成文日期 in Arabic numerals (GB/T 9704-2012 7.3.5.1): the day it was signed, or blank while a draft."""
    if report.signed_at is None:
        return ""
    from django.utils import timezone

    day = timezone.localtime(report.signed_at).date()
    return f"{day.year}年{day.month}月{day.day}日"


def cell_unit(indicator) -> str:
    """The unit a table column is headed with: amounts in 万元, as the reports write them."""
    return "万元" if indicator.unit == "元" else indicator.unit


def cell_text(indicator, number) -> str:
    """A figure in a table cell: "—" for nothing counted, rates with %, amounts in 万元, counts with separators."""
    if number is None:
        return "—"
    if indicator.is_rate:
        return f"{number}%"
    if indicator.unit == "元":
        return f"{Decimal(number) / 10000:,.2f}"
    return f"{number:,}"
