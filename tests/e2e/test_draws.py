"""双随机抽查 in the browser: a task set up and drawn through the pages (commitment, pool, the witness's input),
the picks shown with their teams, and the draw record downloaded from the public portal re-run by the same
code as `fazhi draw verify`: every pick matches."""

import datetime as dt
import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from .helpers import shot

pytestmark = pytest.mark.e2e

SAMPLE = 4


def test_a_task_drawn_from_the_pages_verifies_from_the_portal_record(login, page, tmp_path):
    from fazhi.draws.models import DrawTask
    from fazhi.enforcement.models import Officer

    today = timezone.localdate()
    unit = Officer.objects.get(user__username="xian_zhifa").org
    name = f"{today.year}年公共场所卫生双随机抽查（第四批）"

    officer = login("xian_zhifa")
    officer.goto("/enforcement/draws/")
    officer.locator(".page-header").get_by_role("link", name="新增").click()
    expect(officer.locator(".page-title")).to_have_text("新增抽查任务")
    officer.locator("#id_org").select_option(label=unit.name)
    officer.get_by_label("任务名称").fill(name)
    officer.locator("#id_source").select_option(label="本级制定")
    officer.locator("#id_pool_org").select_option(label=unit.name)
    officer.get_by_label("公共场所", exact=True).check()
    officer.locator("#id_mode").select_option(label="按数量抽取")
    officer.get_by_label("抽取数量").fill(str(SAMPLE))
    expect(officer.get_by_label("每组执法人员数")).to_have_value("2")
    officer.get_by_label("公共场所卫生许可及从业人员健康管理（公共场所）").check()
    officer.get_by_label("开始日期").fill(today.isoformat())
    officer.get_by_label("完成时限").fill((today + dt.timedelta(days=30)).isoformat())
    officer.get_by_role("button", name="保存", exact=True).click()

    expect(officer).to_have_url(re.compile(r"/enforcement/draws/\d+/$"))
    expect(officer.get_by_role("alert").filter(has_text="已创建")).to_contain_text(f"已创建抽查任务“{name}”")
    expect(officer.get_by_test_id("task-state")).to_have_text("未抽取")
    expect(officer.locator("dd", has_text="公共场所卫生许可及从业人员健康管理")).to_be_visible()

    # ① the system's random number is committed to by its hash; ② the pool is fixed; ③ the witness draws.
    officer.get_by_test_id("draw-create").click()
    commitment = officer.get_by_test_id("commitment")
    expect(commitment).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    officer.get_by_test_id("fix-pool").click()
    expect(officer.get_by_role("alert").filter(has_text="名录已锁定")).to_contain_text("名录哈希")
    expect(officer.get_by_test_id("pool-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    officer.get_by_label("现场监督人").fill("驻局纪检组 赵明")
    officer.get_by_label("监督人输入").fill("20261122")
    prompts = []
    officer.once("dialog", lambda dialog: (prompts.append(dialog.message), dialog.accept()))
    officer.get_by_test_id("run").click()
    expect(officer.get_by_role("alert").filter(has_text="已抽取")).to_contain_text(f"已抽取{SAMPLE}户监管对象并分派检查组")
    assert prompts == ["确认由监督人当场给出输入并抽取？抽取结果不能作废或重新抽取。"]
    expect(officer.get_by_test_id("task-state")).to_have_text("检查中")

    picks = officer.get_by_test_id("pick")
    expect(picks).to_have_count(SAMPLE)
    for i in range(SAMPLE):
        row = picks.nth(i)
        expect(row.locator("td").nth(0)).to_have_text(str(i + 1))
        expect(row.locator("td").nth(1)).to_contain_text("公共场所")
        team = row.locator("td").nth(2).inner_text().strip().split("、")
        assert len(team) == 2 and all(team), team
        expect(row.locator("td").nth(3)).to_contain_text("待检查")
    shot(officer, "draws-task-drawn")
    shown = [(picks.nth(i).locator("td").nth(1).locator("a").inner_text().strip(),
              picks.nth(i).locator("td").nth(2).inner_text().strip()) for i in range(SAMPLE)]

    # Anyone finds the draw on the portal and downloads its record.
    task = DrawTask.objects.get(name=name)
    page.goto("/public/")
    page.get_by_role("link", name=task.org.commission().name).first.click()
    page.locator("#draws").get_by_role("link", name=re.compile(r"全部 \d+ 次抽取")).click()
    page.get_by_test_id("draws").get_by_role("link", name=name).click()
    expect(page.get_by_test_id("draw")).to_contain_text("驻局纪检组 赵明")
    portal_picks = page.get_by_test_id("picks").locator("tbody tr")
    expect(portal_picks).to_have_count(SAMPLE)
    for i, (entity, team) in enumerate(shown):
        expect(portal_picks.nth(i)).to_contain_text(entity)
        assert set(portal_picks.nth(i).locator("td").nth(3).inner_text().split("、")) == set(team.split("、"))
    shot(page, "draws-portal-detail")
    with page.expect_download() as info:
        page.get_by_test_id("record").click()
    download = info.value
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert record["commitment"] == commitment.inner_text()
    assert [p["entity_name"] for p in record["picks"]] == [entity for entity, _ in shown]

    out = io.StringIO()
    call_command("draw", "verify", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    for check in ("记录格式", "算法", "名录哈希", "随机数承诺", "随机种子"):
        assert any(line.startswith(f"[一致] {check}") for line in lines), (check, lines)
    for rank, (entity, _) in enumerate(shown, start=1):
        assert any(line.startswith(f"第{rank}名 {entity}") and line.endswith("：一致") for line in lines), lines
    assert lines[-1] == f"结论：{SAMPLE}个抽中对象及其检查人员与重新计算的结果完全一致。"
