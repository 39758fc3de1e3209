"""The kinds of figure annual reports write, each on records counted by hand: a count with its parts, rates at
the precision people write, rounded counts, periods of some months, units that have something, and a clock
that stops while the law does not count."""

import datetime as dt

import pytest

from fazhi.activities.models import LegalAdviser
from fazhi.core.choices import OrgKind, TimeUnit
from fazhi.core.deadlines import WorkCalendar
from fazhi.core.models import Org
from fazhi.enforcement.models import Inspection
from fazhi.indicators import registry
from fazhi.indicators.registry import Period, Scope, rate, value, values
from fazhi.reports import wording

from ..conftest import TODAY

pytestmark = pytest.mark.django_db


def test_a_count_with_its_parts_adds_up_and_reads_as_reports_write_it(county):
    period = Period.year(TODAY.year - 1)
    parts = values(["enforcement.inspections"], county, period, by="entity__category")["enforcement.inspections"]
    rows = Inspection.objects.filter(org__path__startswith=county.path, date__year=TODAY.year - 1)
    by_hand = {c: rows.filter(entity__category=c).count() for c in rows.values_list("entity__category", flat=True)}
    assert parts == by_hand
    total = value("enforcement.inspections", county, period)
    assert sum(parts.values()) == total
    text = wording.with_parts("共监督检查", total, "户次", [("公共场所", parts.get("public_place", 0)),
                                                         ("学校", parts.get("school", 0))])
    assert text.startswith(f"共监督检查{total}户次，其中")
    assert wording.with_parts("共办理各类事项", 208, "件", [("诊所备案", 14), ("公共场所卫生许可证", 89),
                                                       ("医疗机构审批", 69), ("其他", 0)]) == \
        "共办理各类事项208件，其中公共场所卫生许可证89件、医疗机构审批69件、诊所备案14件"


def test_rates_read_at_the_precision_people_write():
    assert rate(580, 598, places=2) == 96.99
    assert wording.percent(rate(580, 598, places=2)) == "96.99%"
    assert wording.percent(rate(598, 598)) == "100%"
    assert wording.percent(rate(530, 540)) == "98.1%"  # one decimal unless the figure asks for more
    assert rate(0, 0) is None
    # The national 双随机 rates are written to two decimals ("任务完成率96.99%").
    completion = registry.get("draws.completion_rate").compute(Scope("/"), Period.year(TODAY.year))
    assert completion.combine({"part": 580, "whole": 598}) == 96.99
    coverage = registry.get("enforcement.coverage").compute(Scope("/"), Period.year(TODAY.year))
    assert coverage.combine({"part": 530, "whole": 540}) == 98.1


def test_rounded_counts_of_places_events_and_materials():
    assert wording.count(523, "余") == "500余"
    assert wording.count(130, "余") == "百余"
    assert wording.count(13480, "多") == "13000多"
    assert wording.count(1200, "余") == "1200"  # nothing lost: written exactly
    assert wording.count(1050, "余") == "千余"


def test_a_period_of_some_months_is_written_as_reports_write_it(county):
    assert str(Period.months(2025, 1, 11)) == "2025年1-11月"
    assert str(Period.months(2025, 11, 11)) == "2025年11月"
    assert str(Period.year(2025)) == "2025年"
    assert str(Period(dt.date(2025, 3, 5), dt.date(2025, 4, 1))) == "2025-03-05至2025-04-01"
    eleven = value("enforcement.inspections", county, Period.months(TODAY.year - 1, 1, 11))
    by_hand = Inspection.objects.filter(org__path__startswith=county.path, date__year=TODAY.year - 1,
                                        date__month__lte=11).count()
    assert eleven == by_hand


def test_units_that_have_something_are_counted_once_each(county):
    period = Period.year(TODAY.year)
    in_post = LegalAdviser.objects.filter(org__path__startswith=county.path, contract_start__lte=period.end,
                                          contract_end__gte=period.start)
    assert value("adviser.units", county, period) == len(set(in_post.values_list("org", flat=True)))
    units, advisers = value("adviser.units", county, period), value("adviser.count", county, period)
    fresh = Org.objects.filter(path__startswith=county.path, kind=OrgKind.UNIT).exclude(
        pk__in=in_post.values("org")).first()
    for name in ("甲律师", "乙律师"):
        LegalAdviser.objects.create(org=fresh, name=name, kind="lawyer", firm="某律师事务所",
                                    contract_start=period.start, contract_end=period.end)
    # Two more advisers, one more unit that has them.
    assert value("adviser.units", county, period) == units + 1
    assert value("adviser.count", county, period) == advisers + 2


def test_a_clock_stops_for_the_days_the_law_does_not_count():
    cal = WorkCalendar()
    start = dt.date(2026, 6, 1)  # a Monday
    plain = cal.due(start, 20, TimeUnit.WORKING_DAY).date
    # Five working days waiting for the applicant's 补正 (8–12 June) are not counted.
    stopped = cal.due(start, 20, TimeUnit.WORKING_DAY, suspended=[(dt.date(2026, 6, 8), dt.date(2026, 6, 12))]).date
    assert cal.workdays_between(plain, stopped) == 5
    done = stopped - dt.timedelta(days=1)
    assert not cal.on_time(start, stopped + dt.timedelta(days=1), 20, TimeUnit.WORKING_DAY,
                           suspended=[(dt.date(2026, 6, 8), dt.date(2026, 6, 12))])
    assert cal.on_time(start, done, 20, TimeUnit.WORKING_DAY, suspended=[(dt.date(2026, 6, 8), dt.date(2026, 6, 12))])
    assert not cal.on_time(start, done, 20, TimeUnit.WORKING_DAY)  # without the suspension it is late
    # A calendar-day period: ten days of testing move a 30-day limit by ten days.
    thirty = cal.due(start, 30, TimeUnit.CALENDAR_DAY, suspended=[(dt.date(2026, 6, 10), dt.date(2026, 6, 19))])
    assert thirty.date == cal.due(start, 40, TimeUnit.CALENDAR_DAY).date
    with pytest.raises(ValueError):
        cal.due(start, 5, TimeUnit.WORKING_DAY, suspended=[(dt.date(2026, 6, 9), dt.date(2026, 6, 8))])
