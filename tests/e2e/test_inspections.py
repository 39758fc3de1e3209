"""监督检查 registered at the door on a phone: the form fits the screen without sideways scrolling while it is
filled in, saving works, and the inspection appears in the list."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from .helpers import log_in, settle, shot, table_rows

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64 + b"\xff\xd9"


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="zh-CN", **PHONE)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def fits(page: Page) -> None:
    """Nothing wider than the phone: the page does not scroll sideways (measured once the page has loaded)."""
    page.wait_for_load_state("load")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]")
    assert max(widths[:2]) <= widths[2] == 390, widths


def test_an_inspection_registered_on_a_phone(phone, demo):
    from fazhi.enforcement.models import Entity, Officer

    own = Officer.objects.get(user__username="xian_zhifa")
    entity = (Entity.objects.filter(org__path__startswith=own.org.path, category="public_place", conflicts__isnull=True)
              .order_by("pk").first())

    log_in(phone, "xian_zhifa")
    phone.goto("/enforcement/inspections/add/")
    expect(phone.locator(".page-title")).to_have_text("登记监督检查")
    fits(phone)
    shot(phone, "inspections-phone-empty")

    phone.get_by_test_id("entity-search").fill(entity.name)
    choice = phone.get_by_test_id("entity-choices").locator("label", has_text=entity.name).first
    expect(choice).to_be_visible()
    choice.tap()
    # Choosing the entity redraws the team and the check items for its category.
    items = phone.get_by_test_id("item-picker").locator("label")
    expect(items.first).to_be_visible()
    expect(phone.get_by_test_id("item-picker")).to_contain_text("公共场所卫生许可及从业人员健康管理")
    fits(phone)

    team = phone.get_by_test_id("officer-picker").locator("label")
    expect(team.filter(has_text=own.certificate_no)).to_have_count(1)
    team.filter(has_text=own.certificate_no).tap()
    team.filter(has_not_text=own.certificate_no).first.tap()
    assert phone.locator("input[name=officers]:checked").count() == 2
    items.first.tap()
    phone.get_by_label("检查情况").fill("卫生许可证在有效期内；2名从业人员健康合格证明过期")
    phone.locator("label.form-selectgroup-item", has_text="责令整改").tap()
    phone.get_by_label("卫生监督意见书编号").fill("示卫监意〔2026〕88号")
    phone.locator("input[type=file][name=files]").set_input_files(
        files=[{"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}])
    fits(phone)
    shot(phone, "inspections-phone-filled")

    save = phone.get_by_test_id("save")
    box = save.bounding_box()
    assert box["width"] >= 300 and box["height"] >= 44, box  # a full-width button a thumb can hit
    save.tap()
    # 责令整改 needs a correction deadline: refused beside the form, with what was filled in kept.
    expect(phone.get_by_test_id("form-errors")).to_contain_text("整改期限：责令整改的须写明整改期限")
    fits(phone)
    shot(phone, "inspections-phone-refused")
    expect(phone.get_by_label("检查情况")).to_have_value("卫生许可证在有效期内；2名从业人员健康合格证明过期")
    assert phone.locator("input[name=officers]:checked").count() == 2
    phone.get_by_label("整改期限").fill(_in_days(15))
    phone.locator("input[type=file][name=files]").set_input_files(
        files=[{"name": "现场照片.jpg", "mimeType": "image/jpeg", "buffer": PHOTO}])
    phone.get_by_test_id("save").tap()

    expect(phone).to_have_url(re.compile(r"/enforcement/inspections/\d+/$"))
    expect(phone.get_by_role("alert").filter(has_text="已登记监督检查")).to_contain_text(entity.name)
    fits(phone)
    # The title (date, name, badges) takes the phone's width, the buttons go below it.
    title = phone.locator(".page-title").bounding_box()
    assert title["width"] > 340 and title["y"] < phone.get_by_role("link", name="编辑").bounding_box()["y"], title
    shot(phone, "inspections-phone-saved")

    phone.goto("/enforcement/inspections/")
    phone.locator(".fz-filter input[name=q]").fill(entity.name)
    settle(phone)
    row = table_rows(phone).filter(has_text="责令整改").first
    expect(row).to_contain_text(entity.name)
    fits(phone)
    shot(phone, "inspections-phone-list")


def _in_days(days: int) -> str:
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()
