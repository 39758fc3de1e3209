"""The annual report in a browser: the draft read in its parts, a number followed to its records and typed
over, the Word file, sign-off, filing and publishing on the portal, a city's report over its counties, and
an action refused in Chinese."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .helpers import shot

pytestmark = pytest.mark.e2e

DISTRICT = "990102.wjw"  # 示例区: the demo leaves its 2025 report a draft
YEAR = 2025
PARTS = ["一、主要举措和成效", "二、存在的不足和原因", "三、党政主要负责人履行推进法治建设第一责任人职责情况",
         "四、下一年度主要安排"]


def district_report():
    from fazhi.reports.models import AnnualReport

    return AnnualReport.objects.get(org__code=DISTRICT, year=YEAR)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def open_draft(page: Page) -> None:
    """From the menu to the list of reports, then 示例区's 2025 draft."""
    page.locator(".fz-nav").get_by_role("link", name="年度报告").click()
    expect(page).to_have_url(re.compile(r"/reports/$"))
    row = page.get_by_test_id("reports").locator("tbody tr").filter(has_text=str(YEAR)).filter(has_text="起草中")
    expect(row).to_have_count(1)
    row.get_by_role("link").click()
    expect(page).to_have_url(re.compile(rf"/reports/{district_report().pk}/$"))


def inspections(page: Page):
    return page.locator('[data-testid=paragraph][data-key="enforcement.inspections"]')


def test_a_number_is_followed_to_its_records_then_typed_over_and_the_versions_kept(login):
    page = login("qu_fazhi")
    open_draft(page)
    expect(page.locator(".page-title")).to_have_text(f"{district_report().org.name}关于{YEAR}年法治政府建设情况的报告")
    expect(page.get_by_test_id("status")).to_have_text("起草中")
    expect(page.locator(".fz-report-part")).to_have_text(PARTS)
    expect(page.get_by_test_id("edited")).to_have_count(0)
    expect(page.get_by_test_id("typed-over")).to_have_count(0)
    shot(page, "report-draft")

    # The number of 户次 links to where it comes from: the same value, and the inspections behind it.
    paragraph = inspections(page)
    drafted = paragraph.locator(".fz-para-text").inner_text()
    count = re.search(r"监督检查(\d+)户次", drafted).group(1)
    links = paragraph.locator("a.fz-figure").count()
    link = paragraph.locator("a.fz-figure", has_text=re.compile(rf"^{count}$"))
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(re.compile(r"/reports/figure/\?code=enforcement.inspections&"))
    expect(page.locator(".page-title")).to_have_text("监督检查户次")
    value = page.get_by_test_id("figure-value")
    expect(value).to_contain_text("户次")
    assert digits(value.inner_text()) == count
    more = "，列出前200条" if int(count) > 200 else ""
    heading = page.locator(".card-title", has_text="构成该数字的记录")
    expect(heading).to_have_text(f"构成该数字的记录（{count}条{more}）")
    records = page.get_by_test_id("figure-records").locator("a.list-group-item")
    expect(records).to_have_count(min(int(count), 200))
    expect(records.first).to_have_text(re.compile(rf"^{YEAR}-\d\d-\d\d \S+"))
    shot(page, "report-figure")

    page.go_back()
    typed = str(int(count) + 17)
    paragraph.get_by_role("link", name="修改").click()
    expect(page.locator(".page-title")).to_have_text("修改段落")
    expect(page.get_by_test_id("drafted-text")).to_have_text(drafted)
    box = page.get_by_label("内容")
    edited = box.input_value().replace(f"监督检查{count}户次", f"监督检查{typed}户次")
    assert edited != drafted
    box.fill(edited)
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(rf"/reports/{district_report().pk}/#p\d+$"))
    expect(paragraph.locator(".fz-para-text")).to_contain_text(f"监督检查{typed}户次")
    expect(paragraph.get_by_test_id("edited")).to_have_text("已修改")
    expect(paragraph.get_by_test_id("typed-over")).to_have_text(f"手工改写的数字：{count}")
    # The typed number is no longer a link to records; the other numbers still are.
    expect(paragraph.locator("a.fz-figure", has_text=re.compile(rf"^{typed}$"))).to_have_count(0)
    expect(paragraph.locator("a.fz-figure")).to_have_count(links - 1)
    shot(page, "report-typed-over")

    page.get_by_role("link", name="修改记录").click()
    versions = page.get_by_test_id("versions")
    expect(versions.locator(".list-group-item").filter(has_text=edited).filter(has_text="修改")).to_have_count(1)
    expect(versions.locator(".list-group-item").filter(has_text=drafted).filter(has_text="新建")).to_have_count(1)
    # Newest first: the edit above the drafted text.
    texts = versions.locator(".list-group-item > div:last-child").all_inner_texts()
    assert texts.index(edited) < texts.index(drafted)
    shot(page, "report-history")


def test_the_word_file_is_a4_in_fangsong_under_the_title(login):
    from docx import Document
    from docx.oxml.ns import qn

    page = login("qu_fazhi")
    open_draft(page)
    title = district_report().title
    with page.expect_download() as info:
        page.get_by_role("link", name="下载Word").click()
    download = info.value
    assert download.suggested_filename.endswith(".docx")
    assert str(YEAR) in download.suggested_filename
    document = Document(download.path())

    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    assert paragraphs[0].text == title
    texts = [p.text for p in paragraphs]
    assert [t for t in texts if t in PARTS] == PARTS
    body = next(p for p in paragraphs if p.text.startswith("强化行政监督提升执法质效"))
    fonts = body.runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert body.runs[0].font.size.pt == 16
    assert document.styles["Normal"].element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_the_leader_signs_the_office_files_and_publishes_and_the_public_reads_it(login, new_page):
    from django.contrib.auth import get_user_model

    from fazhi.reports import services

    report = district_report()
    paragraph = report.paragraphs.get(key="enforcement.inspections")
    edited = paragraph.text.replace("强化行政监督提升执法质效。", "强化行政监督提升执法质效，全区上下一心。")
    services.paragraph_save(paragraph=paragraph, actor=get_user_model().objects.get(username="qu_fazhi"),
                            text=edited)

    visitor = new_page()
    visitor.goto(f"/public/{DISTRICT}/")
    expect(visitor.get_by_test_id("portal-reports").get_by_role("link", name=report.title)).to_have_count(0)

    office = login("qu_fazhi")
    office.goto(report.get_absolute_url())
    expect(inspections(office).get_by_role("link", name="修改")).to_be_visible()

    leader = login("qu_lingdao")
    leader.goto(report.get_absolute_url())
    expect(inspections(leader).get_by_role("link", name="修改")).to_have_count(0)  # a leader reads, not edits
    leader.get_by_role("button", name="签发").click()
    expect(leader.get_by_role("alert")).to_contain_text("报告已签发")
    expect(leader.get_by_test_id("status")).to_have_text("已签发")
    expect(leader.get_by_role("button", name="签发", exact=True)).to_have_count(0)
    expect(leader.get_by_role("button", name="撤回签发")).to_be_visible()
    signed = timezone.localdate()
    expect(leader.locator(".fz-report-sign")).to_contain_text(f"{signed.year}年{signed.month}月{signed.day}日")

    office.reload()
    expect(office.get_by_test_id("status")).to_have_text("已签发")
    body = office.get_by_test_id("report-body")
    expect(body.get_by_role("link", name="修改")).to_have_count(0)
    expect(body.get_by_role("button", name="删除")).to_have_count(0)
    expect(office.get_by_role("button", name="按此重新生成")).to_have_count(0)
    office.get_by_label("报送日期").fill(f"{YEAR + 1}-02-25")
    office.get_by_role("button", name="登记报送").click()
    expect(office.get_by_role("alert")).to_contain_text("已登记报送")
    expect(office.get_by_text(f"已于{YEAR + 1}年2月25日报送本级党委、政府和上一级卫生健康行政部门")).to_be_visible()
    office.get_by_role("button", name="在公开门户发布").click()
    expect(office.get_by_role("alert")).to_contain_text("报告已在公开门户发布")
    expect(office.get_by_test_id("status")).to_have_text("已公开")
    shot(office, "report-published")
    office.get_by_role("link", name="修改记录").click()
    states = office.locator(".card", has_text="报告的状态变化")
    expect(states).to_contain_text("状态：起草中 → 已签发")
    expect(states).to_contain_text("状态：已签发 → 已公开")
    expect(states).to_contain_text(f"报送日期：— → {YEAR + 1}年2月25日")
    expect(states).not_to_contain_text("status")
    shot(office, "report-states")

    visitor.goto(f"/public/{DISTRICT}/")
    visitor.get_by_test_id("portal-reports").get_by_role("link", name=report.title).click()
    expect(visitor).to_have_url(re.compile(rf"/public/{re.escape(DISTRICT)}/reports/{YEAR}/$"))
    article = visitor.get_by_test_id("portal-report")
    expect(article.locator("h1")).to_have_text(report.title)
    expect(article).to_contain_text("强化行政监督提升执法质效，全区上下一心。")
    expect(article.locator("h2")).to_have_text(PARTS)
    expect(article.locator("a.fz-figure")).to_have_count(0)  # the public reads plain text
    shot(visitor, "report-portal")


def test_a_city_report_over_its_counties_shows_the_system_and_a_breakdown(login):
    from fazhi.core.models import Org
    from fazhi.enforcement.models import Inspection
    from tests.enforcement.factories import make_entity

    # The demo keeps records from 2025 on: a few inspections of 2024 in each county for the table to sum.
    planted = {"990121.wjw.wsjds": 3, "990102.wjw.wsjds": 2}
    for code, times in planted.items():
        unit = Org.objects.get(code=code)
        entity = make_entity(unit)
        for day in range(times):
            Inspection.objects.create(org=unit, entity=entity, date=dt.date(2024, 5, 10 + day))

    page = login("shi_fazhi")
    page.locator(".fz-nav").get_by_role("link", name="年度报告").click()
    page.get_by_role("link", name="起草年度报告").click()
    expect(page.locator(".page-title")).to_have_text("起草年度报告")
    page.get_by_label("年度").fill("2024")
    page.get_by_label("统计范围").select_option(label="本级及所辖县（市、区）")
    page.get_by_role("button", name="保存").click()

    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.get_by_role("alert")).to_contain_text("已根据本年度记录生成报告初稿")
    expect(page.locator(".page-pretitle")).to_contain_text("2024年度")
    body = page.get_by_test_id("report-body")
    expect(body).to_contain_text("2024年，全市卫生健康系统坚持以习近平新时代中国特色社会主义思想为指导")
    expect(inspections(page)).to_contain_text("全市卫生健康系统全年依法开展卫生健康综合监督检查5户次")
    table = page.get_by_test_id("breakdown")
    expect(table.locator("caption")).to_have_text("2024年全市卫生健康系统主要指标")
    expect(table.locator("thead th")).to_have_text(["单位", "监督检查户次（户次）"])
    expect(table.locator("tbody td")).to_have_text(["示例市本级", "0", "示例县", "3", "示例区", "2", "合计", "5"])
    expect(table.locator("tbody tr").last).to_have_class(re.compile(r"fw-bold"))
    shot(page, "report-city")


def test_the_office_cannot_sign_and_is_told_so_in_chinese(login):
    report = district_report()
    page = login("qu_fazhi")
    open_draft(page)
    expect(page.get_by_role("button", name="签发", exact=True)).to_have_count(0)
    expect(page.get_by_text("定稿后请本机关领导登录签发。")).to_be_visible()

    token = page.locator("meta[name=csrf-token]").get_attribute("content")
    response = page.request.post(f"/reports/{report.pk}/sign/", headers={"X-CSRFToken": token},
                                 max_redirects=0)
    assert response.status == 403, response.status
    assert "年度报告由本机关的领导签发" in response.text()
    report.refresh_from_db()
    assert report.status == "draft" and report.signed_at is None

    page.reload()
    expect(page.get_by_test_id("status")).to_have_text("起草中")
