"""The home page's dashboard: the figures it shows are the registry's for the unit and year chosen, a
county sees only itself, the pickers refuse what lies outside the scope, and the charts hold a year."""

import json
import re

import pytest
from django.utils import timezone

from fazhi.core.models import Org
from fazhi.core.templatetags.fazhi import figure
from fazhi.dashboard import selectors
from fazhi.indicators.registry import Period, get, month_period, months, value
from fazhi.reports.wording import percent

from ..conftest import login

pytestmark = pytest.mark.django_db


def this_year():
    return timezone.localdate().year


def shown(html: str, testid: str) -> str:
    match = re.search(rf'data-testid="{re.escape(testid)}">([^<]*)', html)
    assert match, testid
    return match.group(1).strip()


def expected(code: str, org, year: int) -> str:
    item = get(code)
    number = value(code, org, Period.year(year))
    if number is None:
        return "—"
    return figure(number, item.is_rate) + ("%" if item.is_rate else "")


def chart(html: str, name: str):
    match = re.search(rf'<script id="{name}" type="application/json">(.*?)</script>', html, re.S)
    assert match, name
    return json.loads(match.group(1))


def headline_codes():
    return [code for codes in selectors.headline_codes().values() for code in codes]


def test_every_area_of_the_registry_has_its_headlines_on_the_home_page(city_leader):
    from fazhi.indicators.registry import all_indicators

    html = login(city_leader.username).get("/").content.decode()
    areas = {item.area for item in all_indicators()}
    assert set(selectors.headline_codes()) == areas
    for area in areas - {selectors.BASICS}:
        assert f'<h3 class="card-title">{area}</h3>' in html, area
    assert 'data-testid="basics"' in html


def test_the_figures_are_the_registrys_for_the_city_this_year_and_last(city_leader):
    city = Org.objects.get(code="990100")
    html = login(city_leader.username).get("/").content.decode()
    year = this_year()
    for code in headline_codes():
        assert shown(html, f"home-figure-{code}") == expected(code, city, year), code
        assert shown(html, f"home-previous-{code}") == expected(code, city, year - 1), code


def test_rates_show_as_percentages_and_the_change_in_points(city_leader):
    city = Org.objects.get(code="990100")
    html = login(city_leader.username).get("/").content.decode()
    now = value("exam.pass_rate", city, Period.year(this_year()))
    before = value("exam.pass_rate", city, Period.year(this_year() - 1))
    assert shown(html, "home-figure-exam.pass_rate") == percent(now)  # "96.99%", "100%"
    change = shown(html, "home-change-exam.pass_rate")
    if now == before:
        assert change == "持平"
    else:
        points = percent(abs(round(now - before, 1))).rstrip("%")
        assert change == ("+" if now > before else "−") + f"{points}个百分点"


def test_a_count_shows_its_change_and_the_percentage(city_leader):
    city = Org.objects.get(code="990100")
    html = login(city_leader.username).get(f"/?year={this_year()}").content.decode()
    now = value("enforcement.inspections", city, Period.year(this_year()))
    before = value("enforcement.inspections", city, Period.year(this_year() - 1))
    change = shown(html, "home-change-enforcement.inspections")
    assert before and now != before, "the demo records inspections both years"
    sign = "+" if now > before else "−"
    assert change.startswith(f"{sign}{abs(now - before):,}（{sign}")
    assert change.endswith(f"{percent(abs(round(100 * (now - before) / before, 1)))}）")  # "12%", "3.5%"


def test_the_year_picker_shows_that_year_against_the_one_before(city_leader):
    city = Org.objects.get(code="990100")
    year = this_year() - 1
    client = login(city_leader.username)
    html = client.get(f"/?year={year}").content.decode()
    assert f'<option value="{year}" selected>' in html and f"{year}年主要指标" in html
    for code in ["study.central_group", "enforcement.inspections", "cases.fines", "exam.pass_rate"]:
        assert shown(html, f"home-figure-{code}") == expected(code, city, year), code
        assert shown(html, f"home-previous-{code}") == expected(code, city, year - 1), code
    assert chart(html, "dashboard-yoy")["year"] == year
    refused = client.get("/?year=2001")  # a year the picker does not offer
    assert refused.status_code == 404 and "年的情况" in refused.content.decode()
    refused = client.get("/?year=1990")  # a year no record can have
    assert refused.status_code == 400 and "年份“1990”无效" in refused.content.decode()


def test_the_month_chart_holds_twelve_months_that_add_up_to_the_year(city_leader):
    city = Org.objects.get(code="990100")
    year = this_year()
    data = chart(login(city_leader.username).get("/").content.decode(), "dashboard-trends")
    assert data["months"] == [f"{m}月" for m in range(1, 13)]
    assert [s["code"] for s in data["series"]] == selectors.TRENDS
    today = timezone.localdate()
    for series in data["series"]:
        assert len(series["values"]) == 12
        # Months to come are left empty, not drawn as nothing done.
        assert [v is None for v in series["values"]] == [m > today.month for m in range(1, 13)]
        total = sum(v or 0 for v in series["values"])
        assert total == value(series["code"], city, Period.year(year)), series["code"]
    assert sum(sum(v or 0 for v in s["values"]) for s in data["series"]) > 0
    last_year = chart(login(city_leader.username).get(f"/?year={year - 1}").content.decode(), "dashboard-trends")
    assert all(v is not None for s in last_year["series"] for v in s["values"])


@pytest.mark.parametrize("code", selectors.TRENDS)
def test_a_month_split_agrees_with_the_indicator_month_by_month(code, county):
    year = this_year()
    split = months(code, county, year)
    assert [m for m, _ in split] == list(range(1, 13))
    assert [n for _, n in split] == [value(code, county, month_period(year, m)) for m in range(1, 13)]


def test_month_periods_cover_the_year():
    assert month_period(2028, 2).end.day == 29 and month_period(2026, 12).end.isoformat() == "2026-12-31"


def test_the_year_over_year_chart_compares_each_areas_first_count(city_leader):
    city = Org.objects.get(code="990100")
    data = chart(login(city_leader.username).get("/").content.decode(), "dashboard-yoy")
    rows = {row["area"]: row for row in data["rows"]}
    assert rows["执法监督"]["this"] == value("enforcement.inspections", city, Period.year(this_year()))
    assert rows["执法监督"]["last"] == value("enforcement.inspections", city, Period.year(this_year() - 1))
    assert rows["学法"]["name"] == "学法次数" and selectors.BASICS not in rows


def test_a_city_sees_each_commission_beside_the_others(city_leader):
    year = this_year()
    html = login(city_leader.username).get("/").content.decode()
    commissions = Org.objects.filter(path__startswith="/", kind="commission", code__startswith="9901")
    assert 'data-testid="by-unit"' in html
    for commission in commissions:
        for code in selectors.TRENDS:
            number = value(code, commission, Period.year(year))
            assert shown(html, f"unit-{commission.pk}-{code}") == figure(number), (commission, code)
    charts = chart(html, "dashboard-units")
    assert charts["cases.opened"]["labels"] == ["示例市本级", "示例区", "示例县"] or len(
        charts["cases.opened"]["labels"]) == commissions.count()


def test_a_city_chooses_one_county_and_sees_its_figures(city_leader, county):
    html = login(city_leader.username).get(f"/?unit={county.pk}").content.decode()
    assert f'<option value="{county.pk}" selected>' in html
    for code in headline_codes():
        assert shown(html, f"home-figure-{code}") == expected(code, county, this_year()), code
    assert 'data-testid="by-unit"' not in html


def test_a_county_sees_only_its_own_county(county_leader, other_county):
    client = login(county_leader.username)
    html = client.get("/").content.decode()
    assert other_county.name not in html and "示例区" not in html
    assert 'data-testid="by-unit"' not in html
    root = selectors.units(county_leader)[0]
    assert shown(html, "home-figure-enforcement.inspections") == expected("enforcement.inspections", root, this_year())


def test_the_unit_picker_refuses_a_unit_outside_the_scope(county_leader, other_county, county):
    client = login(county_leader.username)
    outside = client.get(f"/?unit={other_county.pk}")
    assert outside.status_code == 404 and "不在您的权限范围内" in outside.content.decode()
    department = county.children.filter(kind="department").first()
    inside = client.get(f"/?unit={department.pk}")
    assert inside.status_code == 404 and "只能查看本范围或所辖卫生健康行政部门的情况" in inside.content.decode()
    assert client.get("/?unit=abc").status_code == 404


def test_the_case_deadlines_at_risk_are_the_users_with_links(county_admin):
    from fazhi.cases.selectors import warnings

    html = login(county_admin.username).get("/").content.decode()
    rows = warnings(county_admin, timezone.localdate())
    assert f"全部办案期限预警（{len(rows)}项）" in html
    for case, _ in rows[: selectors.RISK_ROWS]:
        assert f'href="{case.get_absolute_url()}" data-testid="risk-case"' in html


def test_each_plans_completion_is_the_overviews(county_admin):
    from fazhi.plans.choices import PlanStatus, TaskStatus
    from fazhi.plans.models import Plan
    from fazhi.plans.selectors import overview

    html = login(county_admin.username).get("/").content.decode()
    plans = Plan.objects.filter(year=this_year(), status=PlanStatus.ISSUED, org__code="990121.wjw")
    assert plans, "the demo issues this year's plan"
    for plan in plans:
        totals = overview(plan, timezone.localdate())
        done = dict((code, n) for code, _, n in totals["status_totals"])[TaskStatus.DONE]
        assert f'href="/plans/{plan.pk}/" data-testid="plan-row"' in html
        assert f"已完成{done}/{totals['total']}项" in html


def test_a_county_has_nothing_to_choose_between_and_a_city_its_commissions(county_leader, city_leader):
    county_page = login(county_leader.username).get("/").content.decode()
    assert 'aria-label="单位"' not in county_page
    city_page = login(city_leader.username).get("/").content.decode()
    offered = re.findall(r'<option value="(\d+)"', city_page.split('aria-label="单位"', 1)[1].split("</select>", 1)[0])
    commissions = Org.objects.filter(kind="commission", path__startswith=Org.objects.get(code="990100").path)
    assert offered == [str(pk) for pk in [Org.objects.get(code="990100").pk,
                                          *commissions.order_by("path").values_list("pk", flat=True)]]


def test_a_city_choosing_a_county_sees_that_countys_deadlines_only(city_leader, county):
    from fazhi.cases.selectors import warnings

    html = login(city_leader.username).get(f"/?unit={county.pk}").content.decode()
    everywhere = warnings(city_leader, timezone.localdate())
    theirs = [case for case, _ in everywhere if case.org.path.startswith(county.path)]
    assert f"全部办案期限预警（{len(theirs)}项）" in html
    shown_cases = re.findall(r'href="([^"]+)" data-testid="risk-case"', html)
    assert set(shown_cases) <= {case.get_absolute_url() for case in theirs}
    others = {case.get_absolute_url() for case, _ in everywhere} - {case.get_absolute_url() for case in theirs}
    assert not others & set(shown_cases)


def test_more_cases_and_entities_do_not_mean_more_queries(county_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.cases import steps
    from tests.cases.factories import open_case
    from tests.conftest import TODAY

    client = login(county_admin.username)
    client.get("/")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    before = count()
    with steps.business_clock(TODAY):
        for _ in range(3):  # open cases, each with its decision clock running
            open_case(on=timezone.localdate().replace(month=11, day=2))
    assert count() == before
