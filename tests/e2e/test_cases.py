"""行政处罚案件 in the browser: one general-procedure case from 立案 to 结案 through the pages, with the legal
gates refusing in Chinese on the way, legal review in the reviewer's queue, 集体讨论 by the office, and the
whole-process record listed and verified; and an on-the-spot fine above the ceiling refused."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .helpers import shot

pytestmark = pytest.mark.e2e

PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64 + b"\xff\xd9"


def day(days_ago: int) -> str:
    return (timezone.localdate() - dt.timedelta(days=days_ago)).isoformat()


def step(page: Page, slug: str):
    """Open one step of the case page's 办理 panel and return it."""
    panel = page.get_by_test_id(f"step-{slug}")
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    return panel


def done(page: Page, label: str) -> None:
    expect(page).to_have_url(re.compile(r"/enforcement/cases/\d+/$"))
    expect(page.get_by_role("alert").filter(has_text="已办理")).to_contain_text(f"已办理：{label}")


def refused(page: Page, slug: str, *texts: str) -> None:
    """The step comes back with the service's Chinese message above its form, and the case unchanged."""
    error = page.get_by_test_id(f"step-{slug}").get_by_test_id("step-error")
    for text in texts:
        expect(error).to_contain_text(text)


def decide(page: Page, fine: int) -> None:
    panel = step(page, "decide")
    panel.locator("#id_decide-on").fill(day(0))
    panel.locator("#id_decide-kind").select_option(label="给予行政处罚")
    expect(panel.get_by_label("罚款", exact=True)).to_be_checked()  # the notified penalty is offered
    panel.locator("#id_decide-fine").fill(str(fine))
    panel.get_by_role("button", name="作出决定", exact=True).click()


def test_a_general_procedure_case_from_opening_to_closing(login, demo):
    from fazhi.core.rules import threshold
    from fazhi.enforcement.models import Officer

    review_amount = threshold("legal-review-amount-individual")
    fine = review_amount + 1000  # a hearing right, and a major decision that needs legal review
    own = Officer.objects.get(user__username="xian_zhifa")

    # ---- 立案 by the officer: two certified officers, an individual party.
    officer = login("xian_zhifa")
    officer.goto("/enforcement/cases/")
    officer.get_by_test_id("case-open").click()
    expect(officer.locator(".page-title")).to_have_text("立案")
    officer.locator("#id_org").select_option(label=own.org.name)
    officer.locator("#id_on").fill(day(40))
    checks = officer.locator("input[name=officers]")
    expect(officer.get_by_label(f"{own.name}（{own.certificate_no}）")).to_be_checked()
    partner = officer.locator("input[name=officers]:not(:checked)").first
    partner.check()
    assert checks.evaluate_all("boxes => boxes.filter(b => b.checked).length") == 2
    officer.locator("#id_party_kind").select_option(label="公民")
    officer.get_by_label("当事人", exact=True).fill("王建华")
    officer.get_by_label("证件号码").fill("110101198001011234")
    officer.get_by_label("住所/地址").fill("示例县人民路8号")
    officer.get_by_label("案由").fill("未取得医师执业证书非法行医")
    officer.locator("#id_source").select_option(label="投诉举报")
    officer.get_by_label("违法事实").fill("当事人在其住所内为群众输液治疗，未取得医师执业证书。")
    officer.get_by_label("处罚依据").fill("《中华人民共和国医师法》第五十九条")
    shot(officer, "cases-open-form")
    officer.get_by_role("button", name="立案", exact=True).click()

    expect(officer).to_have_url(re.compile(r"/enforcement/cases/\d+/$"))
    opened = officer.get_by_role("alert").filter(has_text="已立案")
    expect(opened).to_contain_text(f"已立案：{own.org.commission().short_name}立〔")
    number = re.search(r"已立案：(\S+号)", opened.inner_text()).group(1)
    case_url = officer.url
    expect(officer.get_by_test_id("case-status")).to_have_text("调查取证")
    expect(officer.get_by_test_id("case-facts")).to_contain_text(own.certificate_no)

    # ---- 调查取证 with a photo uploaded.
    panel = step(officer, "evidence")
    panel.locator("#id_evidence-on").fill(day(38))
    panel.get_by_label("取得的证据").fill("现场检查笔录一份，现场照片一张")
    panel.locator("#id_evidence-files").set_input_files(
        files=[{"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}])
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "调查取证")
    expect(officer.get_by_test_id("log")).to_contain_text("现场照片.jpg")

    # ---- 告知 a fine that gives the party a hearing right and makes the decision major.
    panel = step(officer, "notify")
    panel.locator("#id_notify-on").fill(day(30))
    panel.get_by_label("罚款", exact=True).check()
    panel.locator("#id_notify-fine").fill(str(fine))
    panel.get_by_label("告知的事实、理由和依据").fill("拟处罚款，告知陈述、申辩和要求听证的权利")
    panel.get_by_role("button", name="登记告知", exact=True).click()
    done(officer, "事先告知")
    expect(officer.get_by_test_id("case-status")).to_have_text("已告知")
    expect(officer.get_by_test_id("notified")).to_contain_text("告知听证权利")
    expect(officer.get_by_test_id("major")).to_contain_text(f"达到法制审核数额{review_amount:,}元")

    # The party's time has run, but a major decision without legal review is refused.
    decide(officer, fine)
    refused(officer, "decide", "本案属于重大执法决定", "尚未提交法制审核", "不得作出决定", "第五十八条")
    shot(officer, "cases-decide-before-review")
    expect(officer.get_by_test_id("case-status")).to_have_text("已告知")

    # ---- 提交法制审核
    officer.goto(case_url)
    panel = step(officer, "review")
    panel.get_by_label("送审说明").fill(f"拟对当事人罚款{fine}元；证据：现场检查笔录、照片")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "提交法制审核")
    expect(officer.get_by_test_id("case-status")).to_have_text("法制审核")
    # While the review is out, the case page offers no decision.
    expect(officer.get_by_test_id("step-decide")).to_have_count(0)

    # ---- The reviewer finds it in the queue; 不同意 needs reasons, then is given with them.
    reviewer = login("xian_shenhe")
    reviewer.goto("/enforcement/cases/reviews/")
    row = reviewer.get_by_test_id("queue-row").filter(has_text=number)
    expect(row).to_contain_text("王建华")
    expect(row).to_contain_text("第1轮")
    shot(reviewer, "cases-review-queue")
    row.get_by_role("link", name="审核").click()
    expect(reviewer.get_by_test_id("summary")).to_contain_text(f"拟对当事人罚款{fine}元")
    form = reviewer.get_by_test_id("opinion-form")
    form.get_by_label("不同意").check()
    form.get_by_role("button", name="提交意见", exact=True).click()
    expect(reviewer.get_by_test_id("opinion-form")).to_contain_text("修改后同意或不同意须写明理由")
    form = reviewer.get_by_test_id("opinion-form")
    form.get_by_label("理由").fill("缺少当事人身份证明和非法所得的调查，请补充证据")
    form.get_by_role("button", name="提交意见", exact=True).click()
    expect(reviewer).to_have_url(re.compile(r"/enforcement/cases/reviews/$"))
    expect(reviewer.get_by_role("alert")).to_contain_text(f"已提出审核意见：{number}第1轮")

    officer.goto(case_url)
    expect(officer.get_by_test_id("review-opinion")).to_have_text("不同意")
    expect(officer.get_by_test_id("reviews")).to_contain_text("缺少当事人身份证明")
    decide(officer, fine)
    refused(officer, "decide", "最近一轮法制审核意见为不同意")

    officer.goto(case_url)
    panel = step(officer, "evidence")
    panel.get_by_label("取得的证据").fill("补充当事人身份证复印件；询问笔录，当事人无违法所得")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "调查取证")
    panel = step(officer, "review")
    panel.get_by_label("送审说明").fill("已补充身份证明和询问笔录，仍拟罚款")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "提交法制审核")

    reviewer.goto("/enforcement/cases/reviews/")
    reviewer.get_by_test_id("queue-row").filter(has_text=number).get_by_role("link", name="审核").click()
    form = reviewer.get_by_test_id("opinion-form")
    form.get_by_label("同意", exact=True).check()
    shot(reviewer, "cases-review-detail")
    form.get_by_role("button", name="提交意见", exact=True).click()
    expect(reviewer.get_by_role("alert")).to_contain_text(f"已提出审核意见：{number}第2轮")
    expect(reviewer.get_by_test_id("queue-row").filter(has_text=number)).to_have_count(0)

    # Review passed; still no decision before the leaders' collective discussion.
    officer.goto(case_url)
    expect(officer.get_by_test_id("review-opinion").last).to_have_text("同意")
    expect(officer.get_by_test_id("step-discuss")).to_have_count(0)  # the office records it, not the officer
    decide(officer, fine)
    refused(officer, "decide", "法制审核通过后须经行政机关负责人集体讨论决定", "第五十七条第二款")

    # ---- 集体讨论, recorded by the legal affairs office.
    office = login("xian_fazhi")
    office.goto(case_url)
    panel = step(office, "discuss")
    panel.get_by_label("参加负责人").fill("局长、分管副局长、纪检组长")
    panel.get_by_label("讨论结论").fill(f"同意罚款{fine}元")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(office, "集体讨论")

    # ---- 作出决定: heavier than notified is refused, as notified goes through.
    officer.goto(case_url)
    decide(officer, fine + 1000)
    refused(officer, "decide", "拟作出的处罚重于已告知的内容", "须重新告知当事人", "第四十五条")
    officer.goto(case_url)
    decide(officer, fine)
    done(officer, "作出决定")
    expect(officer.get_by_test_id("case-status")).to_have_text("已决定")
    decision = officer.get_by_test_id("decision")
    expect(decision).to_contain_text(f"{own.org.commission().short_name}罚〔")
    expect(decision).to_contain_text("重大案件")
    # Nothing to execute or close before the decision is served.
    expect(officer.get_by_test_id("step-execute")).to_have_count(0)
    expect(officer.get_by_test_id("step-close")).to_have_count(0)

    # ---- 送达, 执行, 结案
    panel = step(officer, "serve")
    panel.locator("#id_serve-method").select_option(label="直接送达")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "送达")
    expect(officer.get_by_test_id("case-status")).to_have_text("已送达")
    expect(officer.get_by_test_id("step-close")).to_have_count(0)  # the fine is not paid yet

    panel = step(officer, "execute")
    panel.locator("#id_execute-kind").select_option(label="按期缴纳罚没款")
    expect(panel.locator("#id_execute-paid_amount")).to_have_value(f"{fine}.00")
    panel.get_by_role("button", name="提交", exact=True).click()
    done(officer, "执行")

    panel = step(officer, "close")
    panel.get_by_label("结案说明").fill("罚款已缴清，结案")
    panel.get_by_role("button", name="结案", exact=True).click()
    done(officer, "结案")
    expect(officer.get_by_test_id("case-status")).to_have_text("已结案")
    expect(officer.get_by_test_id("no-actions")).to_have_text("案件已结案")

    # ---- The whole-process record: every step, each with its hash chained to the one before.
    log = officer.get_by_test_id("log")
    kinds = [t.strip() for t in log.locator("[data-testid=step] strong").all_inner_texts()]
    assert kinds == ["立案", "调查取证", "行政处罚事先告知", "提交法制审核", "法制审核意见", "调查取证", "提交法制审核",
                     "法制审核意见", "集体讨论", "作出决定", "送达", "执行", "结案"]
    hashes = log.locator(".fz-hash code")
    assert hashes.count() == 2 * len(kinds)
    chain = [hashes.nth(i).get_attribute("title") for i in range(hashes.count())]
    for i in range(len(kinds)):
        this, before = chain[2 * i], chain[2 * i + 1]
        assert re.fullmatch(r"[0-9a-f]{64}", this)
        assert before == ("0" * 64 if i == 0 else chain[2 * i - 2])
    expect(officer.get_by_test_id("log-check")).to_have_text("全过程记录完整")
    officer.get_by_test_id("verify").click()
    expect(officer.get_by_role("alert").filter(has_text="校验")).to_contain_text("已重新校验：全过程记录完整，文件与记录的哈希一致")
    shot(officer, "cases-closed")

    officer.goto("/enforcement/cases/")
    row = officer.locator("#table tbody tr", has_text=number)
    expect(row).to_contain_text("已结案")


def test_an_on_the_spot_fine_above_the_ceiling_is_refused_with_the_ceiling(login, demo):
    from fazhi.core.rules import threshold
    from fazhi.enforcement.models import Officer

    ceiling = threshold("simple-fine-individual")
    own = Officer.objects.get(user__username="xian_zhifa")
    page = login("xian_zhifa")
    page.goto("/enforcement/cases/")
    page.get_by_test_id("case-on-the-spot").click()
    expect(page.locator(".page-title")).to_have_text("当场处罚（简易程序）")
    expect(page.locator("#id_fine").locator("xpath=..")).to_contain_text(f"{ceiling:,}元")
    page.locator("#id_org").select_option(label=own.org.name)
    page.locator("input[name=officers]:not(:checked)").first.check()
    page.locator("#id_party_kind").select_option(label="公民")
    page.get_by_label("当事人", exact=True).fill("李卫东")
    page.get_by_label("案由").fill("公共场所从业人员未取得健康合格证明")
    page.get_by_label("罚款", exact=True).check()
    page.locator("#id_fine").fill(str(ceiling + 100))
    page.get_by_role("button", name="当场作出处罚决定", exact=True).click()

    error = page.locator("#id_fine").locator("xpath=..").locator(".invalid-feedback")
    expect(error).to_contain_text(f"当场罚款{ceiling + 100:,}元超过对公民当场处罚的限额{ceiling:,}元")
    expect(error).to_contain_text("第五十一条")
    expect(error).to_contain_text("应适用普通程序")
    expect(page.get_by_label("当事人", exact=True)).to_have_value("李卫东")
    shot(page, "cases-on-the-spot-refused")

    page.locator("#id_fine").fill(str(ceiling))
    page.get_by_role("button", name="当场作出处罚决定", exact=True).click()
    expect(page).to_have_url(re.compile(r"/enforcement/cases/\d+/$"))
    expect(page.get_by_role("alert").filter(has_text="当场")).to_contain_text("已当场作出处罚决定并交付")
    expect(page.get_by_test_id("case-status")).to_have_text("已送达")
