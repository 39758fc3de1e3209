"""What each of the six roles sees and may do, as it appears in the browser.

示例县 (xian_) and 示例区 (qu_) are two counties under 示例市 (shi_). Commission roles see their
region; 填报员 and 执法人员 only their own unit; 领导 only reads; 系统管理员 alone has 回收站.
"""

import re

import pytest
from playwright.sync_api import expect

from .helpers import column_values, expect_error_page, make_evidence, settings_menu_items, shot, table_rows

pytestmark = pytest.mark.e2e

XIAN_UNITS = {"示例县人民医院", "示例县中医医院", "示例县疾病预防控制中心", "示例县卫生健康综合监督执法大队",
              "示例县妇幼保健院"}


def add_button(page):
    return page.locator(".page-header").get_by_role("link", name="新增", exact=True)


@pytest.fixture
def county_files(demo):
    """One file in 示例县人民医院 and one in 示例县中医医院."""
    return {
        "rmyy": make_evidence("990121.wjw.rmyy", "人民医院依法执业自查报告"),
        "zyy": make_evidence("990121.wjw.zyy", "中医医院法治培训签到表"),
    }


def test_county_leader_reads_its_county_only_and_changes_nothing(login, county_files):
    page = login("xian_lingdao")
    expect(page.locator(".fz-user-meta")).to_contain_text("领导")
    assert "回收站" not in settings_menu_items(page)
    shot(page, "role-xian_lingdao-dashboard")

    page.goto("/orgs/")
    names = column_values(page, "名称")
    assert {"示例县", "示例县卫生健康局", "政策法规科"} | XIAN_UNITS <= set(names)
    assert not [n for n in names if n.startswith(("示例区", "示例市"))]
    expect(add_button(page)).to_have_count(0)
    shot(page, "role-xian_lingdao-orgs")

    page.goto("/evidence/")
    expect(page.get_by_role("link", name="人民医院依法执业自查报告")).to_be_visible()
    assert set(column_values(page, "所属机构")) and not [o for o in column_values(page, "所属机构")
                                                           if o.startswith(("示例区", "示例市"))]
    expect(add_button(page)).to_have_count(0)

    page.get_by_role("link", name="人民医院依法执业自查报告").click()
    expect(page.locator(".page-title")).to_have_text("人民医院依法执业自查报告")
    expect(page.get_by_role("link", name="下载")).to_be_visible()
    expect(page.get_by_role("button", name="删除")).to_have_count(0)

    expect_error_page(page, page.goto("/evidence/upload/"), 403, "无权访问")
    expect(page.locator(".empty-subtitle")).to_contain_text("您没有可上传材料的机构")
    shot(page, "role-xian_lingdao-upload-403")
    expect_error_page(page, page.goto("/trash/"), 403, "无权访问")


def test_city_leader_sees_both_counties(login, county_files):
    page = login("shi_lingdao")
    expect(page.get_by_test_id("home-figure-org.commissions")).to_have_text("3")
    assert "回收站" not in settings_menu_items(page)

    page.goto("/orgs/")
    page.get_by_label("类型").select_option(label="行政区域")
    expect(page).to_have_url(re.compile(r"kind=region"))
    expect(table_rows(page)).to_have_count(3)
    assert sorted(column_values(page, "名称")) == sorted(["示例市", "示例县", "示例区"])
    shot(page, "role-shi_lingdao-regions")

    # A county's file is readable from the city, but the city leader cannot delete it.
    page.goto(f"/evidence/{county_files['zyy'].pk}/")
    expect(page.locator(".page-title")).to_have_text("中医医院法治培训签到表")
    expect(page.get_by_role("button", name="删除")).to_have_count(0)


def test_city_legal_admin_reads_county_files_but_does_not_change_them(login, county_files):
    page = login("shi_fazhi")
    page.goto("/evidence/")
    # The city's list holds records of both counties…
    page.get_by_label("搜索").fill("法治培训签到")
    page.get_by_label("搜索").press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(table_rows(page)).to_have_count(1)
    expect(page.get_by_role("link", name="中医医院法治培训签到表")).to_be_visible()
    # …and its own 新增 button uploads only for the city's own orgs.
    add_button(page).click()
    expect(page.locator(".page-title")).to_have_text("上传佐证材料")
    options = page.locator("#id_org option").all_inner_texts()
    assert "示例市人民医院" in options
    assert not [o for o in options if o.startswith(("示例县", "示例区"))]

    page.goto(f"/evidence/{county_files['rmyy'].pk}/")
    expect(page.locator(".page-title")).to_have_text("人民医院依法执业自查报告")
    expect(page.get_by_role("button", name="删除")).to_have_count(0)
    shot(page, "role-shi_fazhi-county-file")


def test_reporter_sees_only_its_own_unit(login, county_files):
    page = login("xian_tianbao")
    expect(page.locator(".fz-user-meta")).to_contain_text("示例县人民医院")
    assert "回收站" not in settings_menu_items(page)

    page.goto("/evidence/")
    expect(page.get_by_role("link", name="人民医院依法执业自查报告")).to_be_visible()
    expect(page.get_by_role("link", name="中医医院法治培训签到表")).to_have_count(0)
    assert set(column_values(page, "所属机构")) == {"示例县人民医院"}
    shot(page, "role-xian_tianbao-evidence")

    # The reporter uploads for its own unit, and only for it.
    add_button(page).click()
    expect(page).to_have_url(re.compile(r"/evidence/upload/$"))
    expect(page.locator(".page-title")).to_have_text("上传佐证材料")
    options = [o for o in page.locator("#id_org option").all_inner_texts() if not o.startswith("---")]
    assert options == ["示例县人民医院"]

    page.goto("/orgs/")
    assert column_values(page, "名称") == ["示例县人民医院"]

    # Another unit's file of the same county is "not there", not "forbidden".
    expect_error_page(page, page.goto(f"/evidence/{county_files['zyy'].pk}/"), 404, "页面不存在")
    expect_error_page(page, page.goto("/trash/"), 403, "无权访问")


def test_officer_sees_only_its_enforcement_unit(login, county_files):
    own = make_evidence("990121.wjw.wsjds", "监督执法大队执法全过程记录检查", by="xian_zhifa")
    page = login("xian_zhifa")
    expect(page.locator(".fz-user-meta")).to_contain_text("执法人员")
    assert "回收站" not in settings_menu_items(page)

    page.goto("/users/")
    assert column_values(page, "用户名") == ["xian_zhifa"]

    page.goto("/evidence/")
    expect(page.get_by_role("link", name=own.title)).to_be_visible()
    assert set(column_values(page, "所属机构")) == {"示例县卫生健康综合监督执法大队"}
    expect(page.get_by_role("link", name="人民医院依法执业自查报告")).to_have_count(0)
    shot(page, "role-xian_zhifa-evidence")

    # It may delete what belongs to its unit.
    page.get_by_role("link", name=own.title).click()
    expect(page.get_by_role("button", name="删除")).to_be_visible()
    expect_error_page(page, page.goto(f"/evidence/{county_files['rmyy'].pk}/"), 404, "页面不存在")


def test_reviewer_reads_and_changes_its_county_but_has_no_trash(login, county_files):
    page = login("xian_shenhe")
    expect(page.locator(".fz-user-meta")).to_contain_text("审核员/法律顾问")
    assert "回收站" not in settings_menu_items(page)

    page.goto("/users/")
    usernames = column_values(page, "用户名")
    assert sorted(usernames) == sorted(f"xian_{s}" for s in
                                       ["sysadmin", "fazhi", "tianbao", "zhifa", "shenhe", "lingdao"])
    expect(add_button(page)).to_have_count(0)
    shot(page, "role-xian_shenhe-users")

    page.goto(f"/evidence/{county_files['zyy'].pk}/")
    expect(page.get_by_role("button", name="删除")).to_be_visible()
    expect_error_page(page, page.goto("/trash/"), 403, "无权访问")
    expect_error_page(page, page.goto("/calendar/import/"), 403, "无权访问")


def test_sysadmin_has_the_trash_and_maintains_orgs_and_users(login, county_files):
    page = login("xian_sysadmin")
    items = settings_menu_items(page)
    assert items[:3] == ["机构", "用户", "回收站"]
    shot(page, "role-xian_sysadmin-menu")

    page.locator(".fz-nav .dropdown-menu.show").get_by_role("link", name="回收站").click()
    expect(page.locator(".page-title")).to_have_text("回收站")
    expect(page.get_by_test_id("trash")).to_contain_text("回收站是空的")

    page.goto("/orgs/")
    expect(add_button(page)).to_be_visible()
    page.goto("/users/")
    expect(add_button(page)).to_be_visible()
    # the holiday schedule serves the whole deployment: the province's 系统管理员 keeps it
    page.goto("/calendar/")
    expect(page.get_by_role("link", name="录入/导入安排")).to_have_count(0)


def test_legal_admin_of_another_county_gets_not_found(login, county_files):
    page = login("qu_fazhi")
    assert "回收站" not in settings_menu_items(page)
    evidence = county_files["rmyy"]

    expect_error_page(page, page.goto(f"/evidence/{evidence.pk}/"), 404, "页面不存在")
    expect(page.locator(".empty-subtitle")).to_have_text("记录不存在，或不在您的权限范围内。")
    shot(page, "role-qu_fazhi-404")
    expect_error_page(page, page.goto(f"/evidence/{evidence.pk}/download/"), 404, "页面不存在")

    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(evidence).pk
    expect_error_page(page, page.goto(f"/history/{ct}/{evidence.pk}/"), 404, "页面不存在")

    page.goto("/evidence/")
    assert not [o for o in column_values(page, "所属机构") if o.startswith("示例县")]
    page.goto("/orgs/")
    assert not [n for n in column_values(page, "名称") if n.startswith("示例县")]
