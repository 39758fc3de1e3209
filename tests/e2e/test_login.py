"""Signing in and out."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import log_in, shot

pytestmark = pytest.mark.e2e


def test_wrong_password_is_refused_with_a_chinese_message(page):
    log_in(page, "xian_fazhi", "not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确")
    # The username stays filled in; the password does not.
    expect(page.locator("#id_username")).to_have_value("xian_fazhi")
    expect(page.locator("#id_password")).to_have_value("")
    shot(page, "login-wrong-password")


def test_pages_ask_for_login_and_return_to_the_page_asked_for(page):
    page.goto("/evidence/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/evidence/"))
    expect(page.get_by_role("heading", name="登录")).to_be_visible()

    page.fill("#id_username", "xian_fazhi")
    page.fill("#id_password", "Fazhi-demo-2026")
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(re.compile(r"/evidence/$"))
    expect(page.locator(".page-title")).to_have_text("佐证材料")


def test_log_in_shows_the_dashboard_then_log_out_from_the_user_menu(login):
    page = login("xian_fazhi")

    expect(page.locator(".page-title")).to_have_text("工作台")
    expect(page.locator(".fz-user-meta")).to_contain_text("政策法规科")
    expect(page.locator(".fz-user-meta")).to_contain_text("法治工作管理员")
    # 示例县: the commission, 6 departments, 5 units and their 6 demo accounts.
    expect(page.get_by_test_id("home-figure-org.commissions")).to_have_text("1")
    expect(page.get_by_test_id("home-figure-org.users")).to_have_text("6")
    expect(page.get_by_test_id("home-figure-evidence.files")).to_have_text(re.compile(r"^\d+$"))
    shot(page, "dashboard-xian_fazhi")

    page.get_by_label("用户菜单").click()
    page.get_by_test_id("logout").click()

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
