"""法治工作台账 in the browser: a study session registered against a plan task moves the task's target
and the home page's figure; an Excel import with mistakes lists each one and saves nothing."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from .helpers import shot

pytestmark = pytest.mark.e2e

YEAR = timezone.localdate().year
PLAN_TEXT = f"""示例县卫生健康局{YEAR}年领导干部学法专项工作要点
一、坚持领导干部带头学法
（一）落实中心组学法制度。局党组理论学习中心组学法全年不少于20次。
"""


def make_task():
    from fazhi.core.models import User

    from ..plans.factories import make_plan

    plan = make_plan(User.objects.get(username="xian_fazhi"), year=YEAR, text=PLAN_TEXT, lead_code="990121.wjw.zcfgk")
    return plan.tasks.get()


def number(text: str) -> int:
    return int(re.search(r"\d+", text).group())


def test_a_study_session_moves_the_task_target_and_the_home_figure(login):
    task = make_task()
    assert task.targets.get().indicator_code == "study.central_group"
    page = login("xian_fazhi")
    page.goto("/")
    home_figure = page.get_by_test_id("home-figure-study.central_group")
    before_home = number(home_figure.inner_text())
    page.goto(f"/tasks/{task.pk}/")
    before_target = number(page.get_by_test_id("target-value").inner_text())
    assert before_target == before_home  # the same commission, the same year

    page.goto(f"/activities/study/add/?task={task.pk}")
    page.fill("#id_title", "局党组理论学习中心组专题学习行政复议法")
    page.select_option("#id_kind", label="党组（党委）理论学习中心组学法")
    page.fill("#id_laws", "行政复议法")
    page.fill("#id_participants", "9")
    page.set_input_files(
        "#id_files",
        files=[{"name": "签到表.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%sign-in\n%%EOF\n"}],
    )
    expect(page.locator("#id_task")).to_have_value(str(task.pk))
    shot(page, "activities-study-form")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".page-title")).to_contain_text("局党组理论学习中心组专题学习行政复议法")
    expect(page.get_by_test_id("attachments")).to_contain_text("签到表.pdf")
    shot(page, "activities-study-detail")

    page.goto(f"/tasks/{task.pk}/")
    expect(page.get_by_test_id("target-value")).to_have_text(str(before_target + 1))
    page.goto("/")
    expect(page.get_by_test_id("home-figure-study.central_group")).to_contain_text(str(before_home + 1))


def test_an_import_with_mistakes_lists_each_and_saves_nothing(login, tmp_path):
    from fazhi.activities.models import Meeting

    page = login("xian_fazhi")
    page.goto("/activities/meeting/import/")
    with page.expect_download() as download:
        page.get_by_test_id("template").click()
    with open(download.value.path(), "rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["所属单位（科室）", "日期", "名称/主题", "会议类型"]
    row = dict.fromkeys(header, "")
    sheet.append(
        list(
            {
                **row,
                "所属单位（科室）": "示例县卫生健康局",
                "日期": f"{YEAR}-03-02",
                "名称/主题": "党组会",
                "会议类型": "党组（党委）会",
                "听取法治建设工作汇报": "是",
            }.values()
        )
    )
    sheet.append(
        list(
            {
                **row,
                "所属单位（科室）": "示例县卫生健康局",
                "日期": f"{YEAR}-13-02",
                "名称/主题": "主任办公会",
                "会议类型": "主任（局长）办公会",
                "听取法治建设工作汇报": "否",
            }.values()
        )
    )
    path = tmp_path / "会议.xlsx"
    book.save(path)
    before = Meeting.objects.count()
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="导入").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("未导入任何记录")
    expect(errors).to_contain_text(f"第3行 B列（日期）：“{YEAR}-13-02”不是日期")
    expect(errors).to_contain_text("第3行：请勾选“听取法治建设工作汇报”或“研究部署法治建设工作”")
    shot(page, "activities-import-errors")
    assert Meeting.objects.count() == before


def test_the_year_calendar_and_coverage_pages(login):
    page = login("xian_lingdao")
    page.goto(f"/activities/year/?year={YEAR}")
    expect(page.get_by_test_id("calendar").locator(".fz-dot").first).to_be_visible()
    shot(page, "activities-year")
    page.goto(f"/activities/account-coverage/?year={YEAR - 1}")
    expect(page.get_by_test_id("coverage-rate")).to_have_text("100%")
    page.goto("/activities/")
    expect(page.get_by_test_id("hub-figures")).to_contain_text("中心组学法次数")
    shot(page, "activities-hub")
