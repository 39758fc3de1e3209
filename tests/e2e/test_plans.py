"""工作要点 and 任务台账: import with preview, targets, assignment, issue, report, review, scope, export."""

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from .helpers import expect_error_page, settle, shot, table_rows

pytestmark = pytest.mark.e2e

# The server dates everything with timezone.localdate(); the test must use the same "today".
YEAR = timezone.localdate().year
# A title of our own (the demo already holds 示例县卫生健康局2025/2026年法治建设工作要点); the year in
# the title is also the year the import takes.
TITLE = f"示例县卫生健康局{YEAR}年普法依法治理专项工作要点"
PLAN_TEXT = f"""{TITLE}
一、深化法治宣传教育
（一）组织法律知识测试。全年开展法律法规测试不少于2次，干部职工全员参加。
（二）开展医疗机构普法宣传。结合宪法宣传周在门诊大厅开展普法宣传活动。
二、推进依法执业
（三）完善院内法律审核机制。重大合同和规范性文件经法律顾问审核后签署。
"""
PDF = b"%PDF-1.4\n%test\n%%EOF\n"
# The usual 台账 layout; 完成情况/佐证材料 is one column.
HEADER = ["序号", "工作任务", "具体措施", "牵头单位", "配合单位", "完成时限", "进展情况", "完成情况/佐证材料",
          "系统编号"]


def expected_open_status() -> str:
    """A task due on 31 December, nothing accepted yet: 预警 within the plan's 15 warning days."""
    today = timezone.localdate()
    return "预警" if (today.replace(month=12, day=31) - today).days <= 15 else "未开始"


def make_plan(*, issue=True):
    """Our plan made with the product's services: targets confirmed, every task led by 示例县人民医院."""
    from fazhi.core.models import User

    from ..plans.factories import make_plan as factory_plan

    return factory_plan(User.objects.get(username="xian_fazhi"), year=YEAR, text=PLAN_TEXT, cadence="once",
                        issue=issue)


def submitted_report(plan, seq=2):
    """A 申报完成 report of 示例县人民医院 on one task, waiting for review."""
    import datetime as dt

    from fazhi.core.models import User
    from fazhi.plans import services

    task = plan.tasks.get(seq=seq)
    services.report_submit(task=task, period_start=dt.date(YEAR, 1, 1), period_end=dt.date(YEAR, 12, 31),
                           text="已在门诊大厅开展普法宣传2场", completes_task=True,
                           actor=User.objects.get(username="xian_tianbao"))
    return task


def test_import_assign_issue_report_and_accept_a_plan_end_to_end(login, tmp_path):
    office = login("xian_fazhi")
    office.goto("/plans/import/")
    office.locator("#id_org").select_option(label="示例县卫生健康局")
    office.locator("#id_year").fill(str(YEAR))
    office.locator("#id_text").fill(PLAN_TEXT)
    office.get_by_role("button", name="识别").click()

    # The preview: the parsed structure beside the source, the target read from item (一).
    counts = office.get_by_test_id("parsed-counts")
    expect(counts).to_have_text("2个部分 · 3项任务")
    expect(office.get_by_test_id("parsed-item")).to_have_count(3)
    expect(office.get_by_test_id("parsed-target")).to_have_text("目标：全年开展法律法规测试不少于2次")
    expect(office.locator("#plan-title")).to_have_value(TITLE)
    shot(office, "plans-import-preview")
    # Paragraph 5 is "二、推进依法执业": as body text, section 二 merges into 一; htmx re-parses.
    role = office.get_by_test_id("role-5")
    expect(role).to_have_value("section")
    role.select_option("body")
    settle(office)
    expect(counts).to_have_text("1个部分 · 3项任务")
    role.select_option("section")
    settle(office)
    expect(counts).to_have_text("2个部分 · 3项任务")
    office.get_by_test_id("save-plan").click()

    expect(office).to_have_url(re.compile(r"/plans/\d+/$"))
    plan_url = office.url
    expect(office.get_by_role("alert").first).to_contain_text(f"已导入“{TITLE}”：2个部分、3项任务")
    expect(office.get_by_test_id("plan-status")).to_have_text("草稿")

    # 确认目标: the one target, confirmed as read.
    office.get_by_role("link", name=re.compile("确认目标")).click()
    targets = office.get_by_test_id("targets")
    read = targets.locator("tbody:not([data-testid=new-target]) tr")  # the last rows add a missed target
    expect(read).to_have_count(1)
    expect(read).to_contain_text("不少于2次")
    read.locator("input[name$='-confirmed']").check()
    office.get_by_test_id("save-targets").click()
    expect(office.get_by_role("alert").first).to_contain_text("已保存量化目标")
    expect(office.get_by_role("link", name="确认目标")).to_have_text("确认目标")  # no count of unconfirmed left

    # 任务分工: (二) to the hospital, reported once when done; the others to 政策法规科.
    office.get_by_role("link", name=re.compile("任务分工")).click()
    for seq in (1, 2, 3):
        row = office.get_by_test_id(f"assign-row-{seq}")
        row.locator("select[name$='-lead']").select_option(label="示例县人民医院" if seq == 2 else "政策法规科")
        # The import already set the deadline to the plan year's last day.
        expect(row.locator("input[name$='-due_date']")).to_have_value(f"{YEAR}-12-31")
    second = office.get_by_test_id("assign-row-2")
    multi = second.locator("details.fz-multi")
    expect(multi.locator("summary")).to_have_text("（无）")
    multi.locator("summary").click()
    multi.get_by_label("示例县疾病预防控制中心").check()
    expect(multi.locator("summary")).to_have_text("示例县疾病预防控制中心")
    # Closed again: the open menu overflows the table's scroll box and scrolls the rows out of view.
    multi.locator("summary").click()
    expect(multi.locator(".fz-multi-menu")).to_be_hidden()
    second.locator("select[name$='-cadence']").select_option(label="完成时报送")
    shot(office, "plans-assign")
    office.get_by_test_id("save-assign").click()
    expect(office.get_by_role("alert").first).to_contain_text("已保存分工，3项任务有调整")
    expect(office.get_by_test_id("task-row-2")).to_contain_text("示例县人民医院")

    office.once("dialog", lambda dialog: dialog.accept())
    office.get_by_test_id("issue").click()
    expect(office.get_by_role("alert").first).to_contain_text("已下达")
    expect(office.get_by_test_id("plan-status")).to_have_text("已下达")
    expect(office.get_by_test_id("task-row-2").get_by_test_id("status")).to_have_text(expected_open_status())

    # The hospital sees only the task it leads.
    unit = login("xian_tianbao")
    unit.goto("/tasks/")
    unit.get_by_label("搜索").press_sequentially("普法依法治理专项")
    settle(unit)
    expect(table_rows(unit)).to_have_count(1)
    expect(table_rows(unit).first).to_contain_text("开展医疗机构普法宣传")
    expect(unit.locator("#table")).not_to_contain_text("组织法律知识测试")
    table_rows(unit).first.get_by_role("link", name="开展医疗机构普法宣传").click()
    expect(unit.get_by_test_id("task-status")).to_have_text(expected_open_status())
    expect(unit.get_by_test_id("lead")).to_have_text("示例县人民医院")
    unit.get_by_test_id("file-report").click()
    unit.locator("#id_text").fill("在门诊大厅开展宪法宣传周普法活动2场，发放资料300份。")
    unit.locator("#id_completes_task").check()
    pdf = tmp_path / "签到表.pdf"
    pdf.write_bytes(PDF)
    unit.locator("#id_files").set_input_files(pdf)
    unit.get_by_role("button", name="保存").click()
    expect(unit.get_by_role("alert").first).to_contain_text("已报送，等待法治工作管理员审核")
    task_url = unit.url
    report = unit.get_by_test_id("report")
    expect(report.get_by_test_id("report-status")).to_have_text("待审核")
    expect(report).to_contain_text("签到表")

    # The office accepts; a completion with no targets makes the task 已完成.
    office.goto(task_url)
    report = office.get_by_test_id("report")
    report.get_by_label("审核意见").fill("材料齐全，同意完成")
    report.get_by_test_id("accept").click()
    expect(office.get_by_role("alert").first).to_contain_text("已采纳该进展")
    expect(office.get_by_test_id("task-status")).to_have_text("已完成")
    expect(report.get_by_test_id("report-status")).to_have_text("已采纳")
    expect(report).to_contain_text("材料齐全，同意完成")
    shot(office, "plans-task-accepted")
    office.goto(plan_url)
    expect(office.get_by_test_id("task-row-2").get_by_test_id("status")).to_have_text("已完成")


def test_returning_a_report_needs_a_comment_which_the_unit_then_sees(login, demo):
    task = submitted_report(make_plan())
    office = login("xian_fazhi")
    office.goto(f"/tasks/{task.pk}/")
    report = office.get_by_test_id("report")
    report.get_by_test_id("return").click()
    expect(office.get_by_role("alert").first).to_contain_text("退回时请填写意见")
    expect(report.get_by_test_id("report-status")).to_have_text("待审核")

    report.get_by_label("审核意见").fill("请补充活动照片和签到表")
    report.get_by_test_id("return").click()
    expect(office.get_by_role("alert").first).to_contain_text("已退回，牵头单位将收到意见")
    expect(report.get_by_test_id("report-status")).to_have_text("已退回")

    unit = login("xian_tianbao")
    unit.goto(f"/tasks/{task.pk}/")
    report = unit.get_by_test_id("report")
    expect(report.get_by_test_id("report-status")).to_have_text("已退回")
    expect(report).to_contain_text("请补充活动照片和签到表")
    expect(unit.get_by_test_id("task-status")).to_have_text(expected_open_status())


def test_another_district_gets_404_and_a_leader_reads_but_cannot_assign(login, demo):
    plan = make_plan(issue=False)  # a draft, so that the 下达 button would be there for the office
    other = login("qu_fazhi")
    expect_error_page(other, other.goto(f"/plans/{plan.pk}/"), 404, "页面不存在")
    expect_error_page(other, other.goto(f"/plans/{plan.pk}/overview/"), 404, "页面不存在")

    leader = login("xian_lingdao")
    leader.goto(f"/plans/{plan.pk}/")
    expect(leader.locator(".page-title")).to_have_text(TITLE)
    expect(leader.get_by_test_id("task-row-1")).to_contain_text("组织法律知识测试")
    expect(leader.get_by_test_id("issue")).to_have_count(0)
    expect(leader.get_by_role("link", name=re.compile("任务分工"))).to_have_count(0)
    expect(leader.get_by_role("link", name=re.compile("确认目标"))).to_have_count(0)

    leader.get_by_role("link", name="更多").click()
    leader.get_by_role("link", name="完成情况总览").click()
    expect(leader).to_have_url(re.compile(rf"/plans/{plan.pk}/overview/$"))
    expect(leader.get_by_test_id("total")).to_have_text("3")
    expect(leader.locator(".fz-chart svg").first).to_be_visible()
    expect(leader.locator(".fz-chart svg")).to_have_count(3)
    expect_error_page(leader, leader.goto(f"/plans/{plan.pk}/assign/"), 403, "无权访问")


def test_the_ledger_exports_one_sheet_per_section_with_the_usual_header(login, demo, tmp_path):
    plan = make_plan()
    office = login("xian_fazhi")
    office.goto(f"/plans/{plan.pk}/")
    office.get_by_role("link", name="更多").click()
    with office.expect_download() as info:
        office.get_by_role("link", name="导出台账（每部分一张表）").click()
    download = info.value
    assert download.suggested_filename == f"{TITLE}任务台账.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    book = load_workbook(path)
    assert book.sheetnames == ["一、深化法治宣传教育", "二、推进依法执业"]
    for sheet in book.worksheets:
        assert [cell.value for cell in sheet[2]] == HEADER
    first = book.worksheets[0]
    assert [row[:2] for row in first.iter_rows(min_row=3, values_only=True)] == [
        ("（一）", "组织法律知识测试"), ("（二）", "开展医疗机构普法宣传")]
    assert first["D3"].value == "示例县人民医院"
