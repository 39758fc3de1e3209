"""List pages: search as you type, sorting and paging swapped in by htmx, and the Excel export."""

import math
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .helpers import column_values, make_evidence, settle, shot, table_rows

pytestmark = pytest.mark.e2e


@pytest.fixture
def thirty_reports(demo):
    """30 inspection reports of 示例县中医医院, enough for two pages of 25."""
    return [make_evidence("990121.wjw.zyy", f"监督检查记录第{n:02d}号", name=f"jcjl-{n:02d}.pdf")
            for n in range(1, 31)]


def footer(page):
    """The line under the table: "共 N 条" and, over several pages, "第 i / n 页" with the page links."""
    return page.locator("#table .card-footer")


def mark_page(page):
    """Tag the loaded document: the tag survives htmx swaps but not a full page load."""
    page.evaluate("() => { window.__samePage = true; }")


def open_sheet(download, folder):
    """Save a downloaded workbook under its own name (openpyxl wants the .xlsx) and open it."""
    path = folder / download.suggested_filename
    download.save_as(path)
    return load_workbook(path).active


def still_same_page(page) -> bool:
    return page.evaluate("() => window.__samePage === true")


def test_search_sort_and_page_through_evidence_without_reloading(login, thirty_reports):
    from fazhi.core.models import EvidenceFile, User

    total = EvidenceFile.objects.visible_to(User.objects.get(username="xian_fazhi")).count()
    page = login("xian_fazhi")
    page.goto("/evidence/")
    expect(footer(page)).to_contain_text(f"共 {total} 条，第 1 / {math.ceil(total / 25)} 页")
    expect(table_rows(page)).to_have_count(25)
    mark_page(page)

    # Typing in 搜索 narrows the table after a short pause.
    page.get_by_label("搜索").press_sequentially("jcjl-")
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]q=jcjl-"))
    expect(footer(page)).to_contain_text("共 30 条，第 1 / 2 页")
    assert set(column_values(page, "所属机构")) == {"示例县中医医院"}

    # Sorting by 材料名称.
    page.locator("#table thead").get_by_role("link", name="材料名称").click()
    expect(page).to_have_url(re.compile(r"sort=title"))
    expect(table_rows(page).first).to_contain_text("监督检查记录第01号")
    expect(table_rows(page).nth(24)).to_contain_text("监督检查记录第25号")

    # Paging keeps the search and the order.
    footer(page).get_by_role("link", name="下一页").click()
    expect(footer(page)).to_contain_text("第 2 / 2 页")
    expect(page).to_have_url(re.compile(r"page=2"))
    assert column_values(page, "材料名称") == [f"监督检查记录第{n:02d}号" for n in range(26, 31)]
    shot(page, "list-evidence-page2")

    # Reversing the order.
    page.locator("#table thead").get_by_role("link", name="材料名称").click()
    expect(page).to_have_url(re.compile(r"sort=-title"))
    expect(table_rows(page).first).to_contain_text("监督检查记录第05号")

    footer(page).get_by_role("link", name="上一页").click()
    expect(footer(page)).to_contain_text("第 1 / 2 页")
    expect(table_rows(page).first).to_contain_text("监督检查记录第30号")

    # No match: the table empties.
    page.get_by_label("搜索").fill("")
    page.get_by_label("搜索").press_sequentially("nothing-like-this")
    settle(page)
    expect(table_rows(page)).to_have_count(0)

    assert still_same_page(page), "the table should be swapped in place, not reloaded"

    # The pushed address is a real page: reloading it shows the same filtered table.
    page.reload()
    expect(page.get_by_label("搜索")).to_have_value("nothing-like-this")
    expect(table_rows(page)).to_have_count(0)


def test_filter_by_upload_date_and_clear(login, thirty_reports):
    from django.utils import timezone

    uploaded_on = timezone.localtime(thirty_reports[0].created_at).date()
    page = login("xian_fazhi")
    page.goto("/evidence/")
    # Demo files are dated in the past; today's uploads are the 30 reports.
    page.get_by_label("上传日期自").fill(uploaded_on.isoformat())
    settle(page)
    page.get_by_label("上传日期自").dispatch_event("change")
    expect(footer(page)).to_contain_text("共 30 条，第 1 / 2 页")
    page.get_by_label("完整性").select_option(label="文件缺失")
    expect(table_rows(page)).to_have_count(0)

    page.get_by_role("link", name="清除").click()
    expect(page).to_have_url(re.compile(r"/evidence/$"))
    expect(page.get_by_label("完整性")).to_have_value("")
    expect(table_rows(page)).to_have_count(25)


def test_export_to_excel_downloads_the_filtered_rows(login, thirty_reports, tmp_path):
    page = login("xian_fazhi")
    page.goto("/evidence/?q=jcjl-")
    expect(footer(page)).to_contain_text("共 30 条，第 1 / 2 页")

    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    download = info.value
    assert download.suggested_filename == "佐证材料.xlsx"

    sheet = open_sheet(download, tmp_path)
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("材料名称", "所属机构")
    titles = sorted(row[0] for row in rows[1:])
    # Every matching row, not just the 25 of the first page.
    assert titles == [f"监督检查记录第{n:02d}号" for n in range(1, 31)]
    assert {row[1] for row in rows[1:]} == {"示例县中医医院"}


def test_a_search_without_matches_says_so(login, demo):
    page = login("xian_fazhi")
    page.goto("/evidence/?q=nothing-like-this")
    shot(page, "list-no-match")
    expect(page.locator("#table")).to_contain_text("没有符合条件的记录")


def test_export_after_searching_in_place_downloads_the_filtered_rows(login, thirty_reports, tmp_path):
    page = login("xian_fazhi")
    page.goto("/evidence/")
    page.get_by_label("搜索").press_sequentially("jcjl-")
    settle(page)
    expect(footer(page)).to_contain_text("共 30 条，第 1 / 2 页")

    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    sheet = open_sheet(info.value, tmp_path)
    assert sheet.max_row - 1 == 30


def test_time_limits_list_search_and_detail(login, demo):
    from fazhi.core.models import LegalTimeLimit

    page = login("xian_lingdao")
    page.goto("/time-limits/")
    expect(page.locator(".page-title")).to_have_text("法定时限与限额")
    page.get_by_label("搜索").press_sequentially("xinfang")  # no match in any language
    settle(page)
    expect(table_rows(page)).to_have_count(0)
    page.get_by_label("搜索").fill("")
    page.get_by_label("核实状态").select_option(label="待核实")
    expect(page).to_have_url(re.compile(r"status=unconfirmed"))
    unconfirmed = LegalTimeLimit.objects.filter(status="unconfirmed").count()
    expect(footer(page)).to_have_text(f"共 {unconfirmed} 条")
    assert set(column_values(page, "核实状态")) == {"待核实"}

    page.get_by_role("link", name="清除").click()
    expect(page).to_have_url(re.compile(r"/time-limits/$"))
    page.get_by_label("搜索").fill("行政许可决定")
    settle(page)
    page.get_by_label("搜索").press("Enter")
    page.locator("#table").get_by_role("link", name="作出行政许可决定", exact=True).click()
    expect(page.locator(".page-title")).to_contain_text("作出行政许可决定")
    expect(page.locator("body")).to_contain_text("《中华人民共和国行政许可法》")
    # Read-only for the leader.
    expect(page.get_by_role("link", name="编辑")).to_have_count(0)
    shot(page, "time-limit-detail")


def test_dashboard_reminder_count_matches_the_list_it_opens(login, demo):
    page = login("xian_fazhi")
    reminder = page.get_by_role("link", name=re.compile("条法定时限尚待核实或部分核实"))
    count = int(reminder.locator(".badge").inner_text())
    reminder.click()
    expect(footer(page)).to_contain_text(f"共 {count} 条")
