"""The draft of an annual report, written from the records, and what has changed in it since.

`draft()` asks every registered contribution for its paragraph over the report's scope and year;
areas with nothing on record write nothing, and an area's heading appears only above paragraphs.
`figure_marks()` finds each drafted number in the paragraph as it reads now: a number the user typed
over is no longer there, and a number whose records changed since the draft no longer matches them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fazhi.core.choices import OrgKind

from .choices import Coverage, Part
from .contributions import AREAS, Facts, _json, contributions

# Counties, districts and cities a region's name may end in: "示例市" → "全市", "湟中区" → "全区".
REGION_WORDS = "市县区州盟旗省"


def scope_of(org, coverage: str):
    """The org whose subtree a report counts, and how its sentences name it: a commission's own records,
    or — for a commission over counties — its region's, "全市卫生健康系统"."""
    region = org.parent if org.parent and org.parent.kind == OrgKind.REGION else None
    if coverage != Coverage.REGION or region is None:
        return org, ""
    word = region.name[-1] if region.name[-1] in REGION_WORDS else "市"
    return region, f"全{word}卫生健康系统"


def title_for(org, year: int) -> str:
    return f"{org.name}关于{year}年法治政府建设情况的报告"


def facts_for(report) -> Facts:
    scope, system = scope_of(report.org, report.coverage)
    return Facts(scope=scope, year=report.year, approximate=report.approximate,
                 compare=report.compare_last_year, system=system)


def draft(report, keys: set[str] | None = None) -> list[dict]:
    """The paragraphs the records write for `report` (only those of `keys` if given), in order, with
    the headings of the areas that have something to say."""
    facts = facts_for(report)
    rows, area_seen = [], set()
    for item in contributions():
        if keys is not None and item.key not in keys:
            continue
        text = item.write(facts)
        figures = facts.take()
        if not text:
            continue
        if keys is None and item.part == Part.MEASURES and item.area not in area_seen:
            area_seen.add(item.area)
            rows.append({"part": item.part, "area": item.area, "key": f"heading.{item.area}", "is_heading": True,
                         "text": AREAS[item.area], "figures": []})
        rows.append({"part": item.part, "area": item.area, "key": item.key, "is_heading": False,
                     "text": text, "figures": figures})
    return rows


def opening(report) -> str:
    _, system = scope_of(report.org, report.coverage)
    whose = system or report.org.name
    return (f"{report.year}年，{whose}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
            f"认真落实法治政府建设各项部署，扎实推进依法行政。现将{report.year}年法治政府建设情况报告如下：")


# ---------------------------------------------------------------- marks
@dataclass
class Mark:
    """One drafted number as the paragraph holds it now."""

    figure: dict
    start: int | None  # where it stands in the text, None when typed over
    current: object  # what the records say now (JSON form)

    @property
    def typed_over(self) -> bool:
        return self.start is None

    @property
    def stale(self) -> bool:
        return self.figure["kind"] != "change" and self.current != self.figure["value"]


def locate(text: str, figures: list[dict]) -> list[int | None]:
    """Where each figure's drafted words stand in `text`, searching on from the one before; None where
    they are gone. A number is matched whole: "8" is not found inside "2025"."""
    positions, cursor = [], 0
    for figure in figures:
        pattern = r"(?<![\d.])" + re.escape(figure["shown"]) + (r"(?![\d.])" if figure["shown"][-1].isdigit() else "")
        found = re.compile(pattern).search(text, cursor)
        if found is None:
            positions.append(None)
            continue
        positions.append(found.start())
        cursor = found.end()
    return positions


def figure_marks(report, paragraphs) -> dict[int, list[Mark]]:
    """Each paragraph's drafted numbers, where they stand now and what the records say today."""
    facts = facts_for(report)
    marks = {}
    for paragraph in paragraphs:
        figures = paragraph.figures or []
        if not figures:
            continue
        positions = locate(paragraph.text, figures)
        marks[paragraph.pk] = [Mark(f, at, _json(facts.value(f["code"], f["year"])))
                               for f, at in zip(figures, positions, strict=True)]
    return marks


# ---------------------------------------------------------------- a city's counties side by side
BREAKDOWN = ["study.sessions", "training.person_times", "publicity.events", "enforcement.inspections",
             "enforcement.coverage", "enforcement.opinions", "cases.penalties", "cases.fines"]


def breakdown(report) -> dict | None:
    """For a report over a region: each commission's own figures beside the region's total, in the columns
    that have records. None for a commission's own report."""
    from fazhi.indicators.registry import Period, commissions_of, get, values

    scope, system = scope_of(report.org, report.coverage)
    if not system:
        return None
    commissions = commissions_of(scope)
    period = Period.year(report.year)
    totals = values(BREAKDOWN, scope, period)
    columns = [code for code in BREAKDOWN if totals[code]]
    if not columns:
        return None
    split = values(columns, scope, period, by="org", among=commissions)
    return {"caption": f"{report.year}年{system}主要指标", "columns": [get(code) for code in columns],
            "rows": [(_unit_name(c, scope), [split[code][c] for code in columns]) for c in commissions],
            "total": ("合计", [totals[code] for code in columns])}


def _unit_name(commission, region) -> str:
    """A row of the breakdown: a county by its name ("示例县"), the city's own commission as "示例市本级"."""
    own = commission.parent if commission.parent and commission.parent.kind == OrgKind.REGION else None
    if own is None:
        return commission.name
    return f"{own.name}本级" if own.pk == region.pk else own.name
