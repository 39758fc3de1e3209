"""工作日历: holiday schedules by year, the due-date calculator and importing a year's schedule.

The suite's holiday data ends with 2026 (tests/conftest.py), so 2027 is counted on the statutory
holidays alone (its 调休 unknown) and marked 临时 until a 系统管理员 enters its schedule.
"""

import re

import pytest
from playwright.sync_api import expect

from .helpers import shot

pytestmark = pytest.mark.e2e


def calculate(page, start: str, number: int, unit: str):
    """Fill the 期限计算器 on /calendar/ and return the result box."""
    form = page.locator("form", has=page.locator("#id_start"))
    form.locator("#id_start").fill(start)
    form.locator("#id_limit").select_option(label="（自定义期限）")
    form.locator("#id_number").fill(str(number))
    form.locator("#id_unit").select_option(label=unit)
    form.get_by_role("button", name="计算").click()
    return page.get_by_test_id("due-result")


def test_due_date_is_provisional_until_next_years_schedule_is_imported(login):
    page = login("sheng_sysadmin")
    page.goto("/calendar/?year=2026")
    expect(page.locator(".page-title")).to_have_text("2026年工作日历")

    # 2027 is beyond the built-in holiday data: 1 January, a statutory holiday, is skipped, but the
    # year's 调休 is unknown, so the date is marked 临时.
    result = calculate(page, "2026-12-20", 20, "工作日")
    expect(result).to_contain_text("届满日：2027年1月18日")
    expect(result.locator(".badge")).to_have_text("临时")
    expect(result).to_contain_text("2027年节假日安排尚未发布或录入，已计入法定节假日")
    shot(page, "calendar-provisional")

    page.get_by_role("link", name="录入/导入安排").click()
    expect(page.locator(".page-title")).to_have_text("录入节假日安排")
    page.get_by_label("年份").fill("2027")
    page.get_by_label("依据").fill("国务院办公厅关于2027年部分节假日安排的通知")
    page.get_by_label("安排").fill("2027-01-01 放假 元旦\n")
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/calendar/\?year=2027$"))
    expect(page.get_by_role("alert")).to_contain_text("已录入2027年节假日安排，共1天")
    expect(page.locator(".page-title")).to_have_text("2027年工作日历")
    expect(page.get_by_text("管理员录入：国务院办公厅关于2027年部分节假日安排的通知")).to_be_visible()
    schedule = page.locator("table", has_text="节日")
    expect(schedule.locator("tbody tr")).to_have_count(1)
    expect(schedule.locator("tbody tr")).to_contain_text("2027-01-01")
    expect(schedule.locator("tbody tr")).to_contain_text("元旦")
    expect(page.get_by_test_id("provisional-year")).to_have_count(0)

    # The same period now skips New Year's Day and is no longer provisional.
    result = calculate(page, "2026-12-20", 20, "工作日")
    expect(result).to_contain_text("届满日：2027年1月18日")
    expect(result.locator(".badge")).to_have_count(0)
    expect(result).not_to_contain_text("临时")
    shot(page, "calendar-2027-entered")

    # The dashboard no longer warns about next year.
    page.goto("/")
    expect(page.get_by_test_id("calendar-warning")).to_have_count(0)


def test_a_malformed_schedule_line_is_refused_naming_the_line(login):
    page = login("sheng_sysadmin")
    page.goto("/calendar/import/")
    page.get_by_label("年份").fill("2027")
    page.get_by_label("安排").fill("元旦 2027年1月1日 放假\n2027-02-30 放假 春节\n2027-02-14 上班 春节")
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/calendar/import/$"))
    error = page.locator(".invalid-feedback")
    expect(error).to_contain_text("第1行：无法识别“元旦 2027年1月1日 放假”")
    expect(error).to_contain_text("第2行：日期不存在")
    expect(error).not_to_contain_text("第3行")
    expect(page.get_by_label("安排")).to_have_value(re.compile(r"^元旦 2027年1月1日 放假"))
    shot(page, "calendar-import-error")

    # Nothing was saved: 2027 is still provisional.
    page.goto("/calendar/?year=2027")
    expect(page.get_by_test_id("provisional-year")).to_be_visible()


def test_year_buttons_show_the_built_in_schedule_and_a_fixed_limit(login):
    page = login("xian_fazhi")
    page.goto("/calendar/")
    # Only 系统管理员 enters schedules.
    expect(page.get_by_role("link", name="录入/导入安排")).to_have_count(0)

    page.goto("/calendar/?year=2026")
    expect(page.get_by_text("国务院办公厅通知（内置数据）")).to_be_visible()
    schedule = page.locator("table", has_text="节日")
    expect(schedule.locator("tbody tr", has_text="2026-10-01")).to_contain_text("国庆节")

    page.locator(".page-header").get_by_role("link", name="2027", exact=True).click()
    expect(page.locator(".page-title")).to_have_text("2027年工作日历")
    expect(page.get_by_test_id("provisional-year")).to_have_text("法定节假日（调休待公布）")
    expect(page.get_by_text("2027年的节假日安排尚未录入")).to_be_visible()
    expect(schedule.locator("tbody tr", has_text="2027-02-05")).to_contain_text("春节")

    # A legal time limit by name: 行政许可 20 working days from the National Day holiday.
    form = page.locator("form", has=page.locator("#id_start"))
    form.locator("#id_start").fill("2026-09-30")
    form.locator("#id_limit").select_option(label="作出行政许可决定（20工作日，可延长10工作日）")
    form.get_by_role("button", name="计算").click()
    result = page.get_by_test_id("due-result")
    expect(result).to_contain_text("届满日：2026年11月3日")
    expect(result).not_to_contain_text("临时")

    # An incomplete form explains itself.
    form.locator("#id_limit").select_option(label="（自定义期限）")
    form.locator("#id_number").fill("")
    form.get_by_role("button", name="计算").click()
    expect(page.locator("#due-result .alert-danger")).to_contain_text("请选择法定时限，或填写期限和单位")
