"""The public portal (执法公示) as an anonymous visitor reads it: the officers with their certificate numbers, the
powers and check-item lists, a published penalty decision with the person's data masked, and the draws with
their records to download and re-run."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .helpers import shot

pytestmark = pytest.mark.e2e

COUNTY = "990121.wjw"
PERSONAL = ("欧阳明华", "11010119900307123X", "13912345678", "解放路6号")


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 390, "height": 844},
                                  is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def fits(page: Page) -> None:
    """Nothing wider than the phone: the page does not scroll sideways (wide tables scroll in their own box).
    Measured once the page and its style sheets have loaded, not while the layout is still settling."""
    page.wait_for_load_state("load")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, innerWidth]")
    assert widths == [390, 390], widths


# How many lines the text of each element takes on screen.
LINES = """cells => cells.map(cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size;
})"""


def open_county(page: Page) -> None:
    from fazhi.core.models import Org

    page.goto("/public/")
    page.get_by_role("link", name=Org.objects.get(code=COUNTY).name).first.click()
    expect(page).to_have_url(re.compile(rf"/public/{re.escape(COUNTY)}/$"))


def test_the_officers_powers_and_check_items_published_beforehand(page, demo):
    from fazhi.enforcement.models import Officer

    today = timezone.localdate()
    county = Officer.objects.filter(org__path__startswith=Officer.objects.get(user__username="xian_zhifa").org
                                    .commission().path)
    certified = county.certified(today)
    lapsed = county.exclude(pk__in=certified).first()
    officer = certified.get(user__username="xian_zhifa")

    open_county(page)
    officers = page.get_by_test_id("officers")
    rows = officers.locator("tbody tr")
    expect(rows).to_have_count(certified.count())
    row = rows.filter(has_text=officer.certificate_no)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(officer.name)
    expect(row).to_contain_text(officer.org.name)
    assert lapsed is not None
    expect(rows.filter(has_text=lapsed.certificate_no)).to_have_count(0)  # not certified today: not listed
    numbers = [t.strip() for t in officers.locator("tbody td:nth-child(4)").all_inner_texts()]
    assert all(re.fullmatch(r"\d{11}", n) for n in numbers), numbers[:5]

    powers = page.locator("#powers")
    expect(powers).to_contain_text("对未取得《医疗机构执业许可证》擅自执业的行政处罚")
    expect(powers).to_contain_text("《医疗机构管理条例》第四十三条")
    items = page.locator("#check-items")
    item = items.locator("tr", has_text="公共场所卫生许可及从业人员健康管理")
    expect(item).to_contain_text("公共场所")
    expect(item).to_contain_text("现场检查")
    expect(page.get_by_test_id("remedies")).to_contain_text("行政复议")
    shot(page, "portal-commission")


def test_the_portal_fits_a_phone(phone, demo):
    open_county(phone)
    fits(phone)
    # Names and certificate numbers read on one line each; the table scrolls in its box if it must.
    for cell in ("td:nth-child(2)", "td:nth-child(4)"):
        lines = phone.get_by_test_id("officers").locator(f"tbody tr {cell}").evaluate_all(LINES)
        assert set(lines) == {1}, (cell, lines)
    shot(phone, "portal-commission-phone")
    phone.locator("#decisions").get_by_role("link", name=re.compile(r"全部 \d+ 条")).click()
    fits(phone)
    phone.get_by_test_id("decisions").locator("tbody a").first.click()
    expect(phone.get_by_test_id("decision")).to_be_visible()
    fits(phone)
    phone.go_back()
    phone.go_back()
    phone.locator("#draws").get_by_role("link", name=re.compile(r"全部 \d+ 次抽取")).click()
    fits(phone)
    phone.get_by_test_id("draws").locator("tbody tr", has_text="已抽取").first.locator("a").first.click()
    expect(phone.get_by_test_id("record")).to_be_visible()
    fits(phone)
    shot(phone, "portal-draw-phone")


def test_a_published_decision_shows_the_person_masked(page, demo):
    from fazhi.cases.choices import PartyKind, PenaltyKind

    from ..portal.factories import make_case

    today = timezone.localdate()
    case = make_case(
        f"{COUNTY}.wsjds", decided_on=today - dt.timedelta(days=5), published_on=today - dt.timedelta(days=2),
        party_kind=PartyKind.INDIVIDUAL, party_name="欧阳明华", party_id_no="11010119900307123X",
        party_address="示例县东关镇解放路6号", cause="欧阳明华未取得医师执业证书从事诊疗活动",
        facts="经查，欧阳明华（身份证号11010119900307123X，电话13912345678）在示例县东关镇解放路6号行医。",
        legal_basis="《中华人民共和国医师法》第五十九条", penalty_kinds=[PenaltyKind.FINE],
        fine_amount=Decimal("30000"))

    open_county(page)
    page.locator("#decisions").get_by_role("link", name=re.compile(r"全部 \d+ 条")).click()
    row = page.get_by_test_id("decisions").locator("tbody tr", has_text=case.decision_no)
    expect(row).to_contain_text("欧阳某")
    expect(row).to_contain_text("罚款30,000元")
    for personal in PERSONAL:
        expect(page.locator("body")).not_to_contain_text(personal)
    row.get_by_role("link", name=case.decision_no).click()

    decision = page.get_by_test_id("decision")
    expect(decision).to_contain_text("欧阳某（公民）")
    expect(decision).to_contain_text("欧阳某未取得医师执业证书从事诊疗活动")
    expect(decision).to_contain_text("经查，欧阳某（身份证号******************，电话***********）在***行医。")
    expect(decision).to_contain_text("《中华人民共和国医师法》第五十九条")
    html = page.content()
    for personal in PERSONAL:
        assert personal not in html, personal
    shot(page, "portal-decision")


def test_the_draws_page_offers_each_record_to_download_and_re_run(page, demo, tmp_path):
    from fazhi.draws import algorithm

    open_county(page)
    page.locator("#draws").get_by_role("link", name=re.compile(r"全部 \d+ 次抽取")).click()
    expect(page.locator("h1")).to_have_text("双随机抽查公示")
    drawn = page.get_by_test_id("draws").locator("tbody tr", has_text="已抽取").first
    task = drawn.locator("a").first.inner_text().strip()
    shot(page, "portal-draws")
    drawn.get_by_role("link", name=task).click()
    expect(page.locator("h1")).to_have_text(task)
    picks = page.get_by_test_id("picks").locator("tbody tr")
    expect(picks.first).to_be_visible()

    with page.expect_download() as info:
        page.get_by_test_id("record").click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    assert re.fullmatch(r"fazhi-draw-[0-9a-f-]{36}\.json", path.name)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["task"]["name"] == task
    assert len(record["picks"]) == picks.count()
    lines, ok = algorithm.report(record)
    assert ok, lines
    assert lines[-1] == f"结论：{picks.count()}个抽中对象及其检查人员与重新计算的结果完全一致。"

    with page.expect_download() as info:
        page.get_by_test_id("verifier").click()
    assert info.value.suggested_filename == "fazhi-draw-verify.py"
