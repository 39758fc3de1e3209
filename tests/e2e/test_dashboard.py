"""The home page's dashboard in a browser: its charts draw without inline script, and the year and unit
pickers change what it shows as soon as a choice is made."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import shot

pytestmark = pytest.mark.e2e


def test_the_charts_draw_and_the_pickers_change_year_and_unit(login):
    page = login("shi_lingdao")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.reload()
    # Four month charts, the year-over-year chart and one chart per count for the commissions.
    expect(page.locator(".fz-chart svg")).to_have_count(9)
    expect(page.get_by_test_id("by-unit")).to_be_visible()

    page.get_by_label("年度", exact=True).select_option(label="2025年")
    expect(page).to_have_url(re.compile(r"year=2025"))
    expect(page.get_by_role("heading", name=re.compile("^2025年主要指标"))).to_be_visible()

    page.get_by_label("单位", exact=True).select_option(label="示例县卫生健康局")
    expect(page).to_have_url(re.compile(r"year=2025&unit=\d+"))
    expect(page.locator(".page-pretitle")).to_have_text("示例县卫生健康局")
    expect(page.get_by_test_id("by-unit")).to_have_count(0)
    expect(page.locator(".fz-chart svg")).to_have_count(5)
    shot(page, "dashboard-city-county")
    assert errors == []
