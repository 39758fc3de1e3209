"""The year's headline figures of the activity ledgers, as the hub and the home page show them."""

from __future__ import annotations

from fazhi.indicators.registry import Period, get, values

HEADLINES = [
    ("学法", ["study.central_group", "study.staff", "study.person_times"]),
    ("培训", ["training.sessions", "training.person_times", "training.officer_hours"]),
    ("考试", ["exam.count", "exam.attendance_rate", "exam.pass_rate"]),
    ("普法", ["publicity.events", "publicity.materials", "publicity.reached"]),
    ("领导责任与述法", ["duty.reports_heard", "duty.meetings", "duty.account_coverage"]),
    ("法律顾问", ["adviser.count", "adviser.services", "adviser.reviews"]),
]
HOME = ["study.central_group", "duty.reports_heard", "exam.pass_rate", "publicity.events", "duty.account_coverage"]


def figures(org, year: int, codes: list[str]) -> list[dict]:
    found = values(codes, org, Period.year(year))
    return [{"indicator": get(code), "value": found[code]} for code in codes]


def hub_figures(org, year: int) -> list[dict]:
    return [{"area": area, "figures": figures(org, year, codes)} for area, codes in HEADLINES]
