import pytest, time
pytestmark = pytest.mark.e2e

def test_dbg(login):
    page = login("xian_fazhi")
    page.on("console", lambda m: print("CONSOLE", m.type, m.text))
    page.on("request", lambda r: print("REQ", r.method, r.url, r.headers.get("hx-request")))
    page.goto("/evidence/")
    page.evaluate("() => htmx.logAll()")
    page.get_by_label("搜索").press_sequentially("检查")
    time.sleep(1.5)
    print("--- change via blur")
    page.get_by_label("搜索").blur()
    time.sleep(1.5)
    print(page.url)
