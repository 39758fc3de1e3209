"""The home page's dashboard: every area's headline figures for a unit and a year beside the year before,
month trends, each commission's figures and the deadlines at risk (plan completion is the plans panel).
Every figure is read through the indicator registry, many at once: one grouped query per family of
figures and period, whatever the number of commissions or months."""

from __future__ import annotations

import datetime as dt

from fazhi.core.choices import OrgKind
from fazhi.core.models import Org
from fazhi.core.selectors import get_visible, scope_root
from fazhi.indicators.registry import Period, all_indicators, commissions_of, get, values
from fazhi.indicators.selectors import breakdown

# Each area's headline indicators, the first a count that the year-over-year chart compares. An area
# registered later and not named here shows its first three indicators.
HEADLINES = {
    "领导责任与述法": ["duty.reports_heard", "duty.meetings", "duty.account_coverage"],
    "学法": ["study.sessions", "study.central_group", "study.person_times"],
    "培训": ["training.sessions", "training.person_times", "training.officer_hours"],
    "考试": ["exam.count", "exam.attendance_rate", "exam.pass_rate"],
    "普法": ["publicity.events", "publicity.materials", "publicity.reached"],
    "法律顾问": ["adviser.services", "adviser.count", "adviser.reviews"],
    "执法监督": ["enforcement.inspections", "enforcement.coverage", "enforcement.certification_rate"],
    "行政处罚": ["cases.opened", "cases.penalties", "cases.fines", "cases.pass_rate"],
    "双随机抽查": ["draws.picks", "draws.completion_rate", "draws.closure_rate"],
    "机构与基础": ["org.commissions", "org.departments", "org.units", "org.users", "evidence.files"],
}
# The spine's own area: shown as the strip above the others, and left out of the year-over-year chart
# (its counts are the tree and the files, not work done).
BASICS = "机构与基础"
# The counts drawn month by month and compared commission by commission.
TRENDS = ["enforcement.inspections", "cases.opened", "study.sessions", "publicity.events"]
COLOURS = ["#0b4f9c", "#d63939", "#2fb344", "#f59f00", "#ae3ec9", "#17a2b8"]
RISK_ROWS = 8


def years(today: dt.date) -> list[int]:
    return list(range(today.year, today.year - 5, -1))


def units(user) -> list[Org]:
    """What the unit picker offers: the top of the user's scope, then each commission under it where
    there are several (a city and its counties)."""
    root = scope_root(user)
    if root is None:
        return []
    below = [c for c in commissions_of(root) if c.pk != root.pk]
    # A county's region holds its one commission: nothing to choose between.
    return [root, *below] if len(below) > 1 else [root]


class Refused(Exception):
    """A picker's choice the page does not offer: answered 404 with the reason in Chinese."""


def chosen_unit(user, offered: list[Org], unit_id) -> Org:
    """The unit asked for: one the picker offers; 404 for any other."""
    if not unit_id:
        return offered[0]
    org = get_visible(Org.objects.all(), user, unit_id)  # 404 outside the user's scope
    if org not in offered:
        raise Refused("只能查看本范围或所辖卫生健康行政部门的情况。")
    return org


def headline_codes() -> dict[str, list[str]]:
    registered: dict[str, list[str]] = {}
    for item in all_indicators():
        registered.setdefault(item.area, []).append(item.code)
    areas = {}
    for area, codes in HEADLINES.items():
        if known := [code for code in codes if code in registered.get(area, ())]:
            areas[area] = known
    areas.update({area: codes[:3] for area, codes in registered.items() if area not in HEADLINES})
    return areas


def figure(code: str, now, before) -> dict:
    """An indicator's value this year, last year's, and the change: for a rate, in percentage points; for a
    count, the difference and, where last year had any, the percentage."""
    item = get(code)
    change = percent = None
    if isinstance(now, float) or isinstance(before, float):  # a ratio may come back as float or Decimal
        now, before = (None if v is None else float(v) for v in (now, before))
    if now is not None and before is not None:
        change = round(now - before, 1) if item.is_rate else now - before
        if not item.is_rate and before:
            percent = round(100.0 * float(now - before) / float(before), 1)
    return {"indicator": item, "value": now, "previous": before, "change": change, "percent": percent}


def area_figures(org: Org, year: int) -> list[dict]:
    areas = headline_codes()
    codes = [code for area_codes in areas.values() for code in area_codes]
    now, before = values(codes, org, Period.year(year)), values(codes, org, Period.year(year - 1))
    return [{"area": area, "figures": [figure(code, now[code], before[code]) for code in area_codes]}
            for area, area_codes in areas.items()]


def trend_chart(org: Org, year: int, today: dt.date) -> dict:
    """The key counts of `year` month by month, for the month charts; months still to come are empty."""
    series = []
    split = values(TRENDS, org, Period.year(year), by="month")
    for colour, code in zip(COLOURS, TRENDS, strict=False):
        item = get(code)
        points = [None if dt.date(year, m, 1) > today else _number(split[code][m]) for m in range(1, 13)]
        series.append({"name": item.name, "unit": item.unit, "colour": colour, "code": code, "values": points})
    return {"months": [f"{m}月" for m in range(1, 13)], "series": series}


def year_over_year_chart(areas: list[dict], year: int) -> dict:
    """Each area's first count this year against last year, from the figures already read."""
    rows = []
    for group in areas:
        if group["area"] == BASICS:
            continue
        first = next((f for f in group["figures"] if not f["indicator"].is_rate), None)
        if first is None:
            continue
        rows.append({"area": group["area"], "name": first["indicator"].name, "unit": first["indicator"].unit,
                     "last": _number(first["previous"]), "this": _number(first["value"]),
                     "percent": first["percent"]})
    return {"year": year, "rows": rows}


def unit_charts(org: Org, year: int) -> dict | None:
    """Each commission under `org` beside the others (a city and its counties), one chart per count."""
    split = breakdown(org, TRENDS, Period.year(year), with_total=False)  # the area figures hold the total
    if split is None:
        return None
    labels = [_label(commission, org) for commission, _ in split["rows"]]
    charts = {}
    for index, item in enumerate(split["columns"]):
        charts[item.code] = {"labels": labels, "series": [{
            "name": f"{item.name}（{item.unit}）", "colour": COLOURS[index % len(COLOURS)],
            "values": [_number(figures[index]["value"]) for _, figures in split["rows"]]}]}
    return {"columns": split["columns"], "rows": split["rows"], "charts": charts}


def _label(commission: Org, root: Org) -> str:
    """A commission by its region's name (示例县), the region's own as 本级: short enough for an axis."""
    region = commission.parent
    if region is None or region.kind != OrgKind.REGION:
        return commission.short_name or commission.name
    return f"{region.name}本级" if region.pk == root.pk else region.name


def risks(user, org: Org, today: dt.date) -> dict:
    """Deadlines at risk under `org`: the cases' legal clocks due soon or passed, nearest first, and the
    enforcement area's counts needing attention."""
    from fazhi.cases.selectors import warnings
    from fazhi.enforcement.summary import attention

    clocks = warnings(user, today)
    mine = [(case, clock) for case, clock in clocks if case.org.path.startswith(org.path)]
    return {"case_clocks": mine[:RISK_ROWS], "case_clocks_total": len(mine),
            "attention": [item for item in attention(user, today, mine, under=org) if item["count"]]}


def dashboard(user, year: int, unit: Org, today: dt.date) -> dict:
    areas = area_figures(unit, year)
    return {
        "areas": areas,
        "trends": trend_chart(unit, year, today),
        "year_over_year": year_over_year_chart(areas, year),
        "by_unit": unit_charts(unit, year),
        "risks": risks(user, unit, today),
    }


def _number(v):
    """A figure as JSON takes it (amounts are Decimals)."""
    return None if v is None else float(v) if not isinstance(v, int) else v
