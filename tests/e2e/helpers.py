"""Small helpers the browser tests share: signing in, screenshots, reading list tables and menus."""

import os
from pathlib import Path

from playwright.sync_api import Page, expect

PASSWORD = "Fazhi-demo-2026"
SHOTS = Path(os.environ.get("FAZHI_E2E_SHOTS", "/tmp/e2e-shots"))


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot in FAZHI_E2E_SHOTS (default /tmp/e2e-shots) for looking at later."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def settings_menu_items(page: Page) -> list[str]:
    """Open the 系统设置 dropdown and return its entries."""
    page.locator(".fz-nav .dropdown-toggle", has_text="系统设置").click()
    menu = page.locator(".fz-nav .dropdown-menu.show")
    expect(menu).to_be_visible()
    return [text.strip() for text in menu.locator(".dropdown-item").all_inner_texts()]


def table_rows(page: Page):
    """Body rows of the list table (the one htmx swaps in #table), without the "no rows" line."""
    return page.locator("#table table tbody tr:not(.fz-empty)")


def column_values(page: Page, header: str) -> list[str]:
    """The text of one column of the list table, found by its header."""
    headers = [h.strip() for h in page.locator("#table table thead th").all_inner_texts()]
    index = headers.index(header) + 1
    return [t.strip() for t in page.locator(f"#table table tbody tr td:nth-child({index})").all_inner_texts()]


def expect_error_page(page: Page, response, status: int, title: str) -> None:
    """The Chinese error page (403 无权访问 / 404 页面不存在) in the app's layout."""
    assert response is not None and response.status == status, response and response.status
    expect(page.locator(".empty-header")).to_have_text(str(status))
    expect(page.locator(".empty-title")).to_have_text(title)
    expect(page.get_by_role("link", name="返回工作台")).to_be_visible()


def make_evidence(org_code: str, title: str, by: str = "xian_fazhi", name: str = "材料.pdf"):
    """An evidence file uploaded through the service the upload page uses (test data set-up)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fazhi.core import services
    from fazhi.core.models import Org, User

    body = b"%PDF-1.4\n% " + title.encode() + b"\n%%EOF\n"
    return services.evidence_upload(
        org=Org.objects.get(code=org_code), uploaded=SimpleUploadedFile(name, body, "application/pdf"),
        title=title, actor=User.objects.get(username=by))


def settle(page: Page) -> None:
    """Wait until htmx has sent the search typed so far (after its 400 ms pause) and swapped the answer in,
    so that the next click does not race a late table swap."""
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    # On a busy machine the 400 ms pause can outlast the waits above: the address bar holding what the
    # search box holds is the sign that the last search has come back.
    page.wait_for_function("""() => {
        const box = document.querySelector('.fz-filter input[name=q]');
        return !box || (new URLSearchParams(location.search).get('q') || '') === box.value;
    }""")
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
