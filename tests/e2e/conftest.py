"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

The database is an SQLite file (see `django_db_modify_db_settings`). Live-server tests run with
`transactional_db`, which empties every table after each test, so the
`demo` fixture puts back what the migrations seed (roles, legal time limits) and the demo
organisation before each test (serialized_rollback would not help: the database is serialized
before tests/conftest.py builds the demo). Every test gets a fresh browser context (no shared
cookies), and the data it needs beyond the demo is made in the test.
"""

import importlib
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from tests.conftest import TODAY

from .helpers import PASSWORD, log_in

CHROMIUM = os.environ.get("FAZHI_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Playwright waits this long (ms) for a selector or an expectation: generous, because CI machines
# with two busy cores can take seconds for a page; a passing test never waits it out.
expect.set_options(timeout=30_000)


def seed_reference_data():
    """What the migrations seed: the six roles, the legal time limits and thresholds, the statutory holidays
    and the publicity days."""
    from django.apps import apps

    from fazhi.core.stored import deferred

    with deferred():  # the rows are real models here: refresh what depends on them once they are all in
        _seed(apps)


def _seed(apps):
    importlib.import_module("fazhi.core.migrations.0002_roles_and_time_limits").seed(apps, None)
    importlib.import_module("fazhi.core.migrations.0004_time_limit_counts_back").count_back(apps, None)
    importlib.import_module("fazhi.core.migrations.0006_enforcement_rules").seed(apps, None)
    importlib.import_module("fazhi.core.migrations.0007_points_record_maximum").seed(apps, None)
    importlib.import_module("fazhi.core.migrations.0010_statutory_holidays").seed(apps, None)
    importlib.import_module("fazhi.activities.migrations.0002_publicity_days").add_days(apps, None)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite in a file, not in memory. Django shares an in-memory database's one connection between the
    test and every live-server thread, and two threads on one sqlite3 connection can deadlock: one holds
    the connection's lock waiting for the GIL to call a Python SQL function (the time-zone cast of a date
    filter), the other holds the GIL waiting for the connection. With a file each thread has its own."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("e2e-db") / "fazhi-e2e.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API keeps an event loop on the test thread; the ORM calls that set up
    data in tests, and the live server sharing the in-memory database, run beside it."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


_password_hashes: dict[str, str] = {}


def _reused_hash(password, salt=None, hasher="default"):
    """Every demo account has the same password: hash it (Argon2) once per run, not 19 times per test."""
    from django.contrib.auth.hashers import make_password

    if salt is not None or hasher != "default" or password is None:
        return make_password(password, salt, hasher)
    if password not in _password_hashes:
        _password_hashes[password] = make_password(password)
    return _password_hashes[password]


@pytest.fixture
def demo(transactional_db, live_server, monkeypatch):
    """The demo organisation in the database the live server reads, rebuilt after each flush."""
    from fazhi.core import demo as demo_module
    from fazhi.core.models import Role

    if not Role.objects.exists():
        seed_reference_data()
    if not demo_module.demo_exists():
        with monkeypatch.context() as patch:
            patch.setattr("django.contrib.auth.base_user.make_password", _reused_hash)
            demo_module.build(scale="county", today=TODAY, seed=7)
    return live_server


@pytest.fixture
def base_url(demo):
    return demo.url


@pytest.fixture
def new_page(browser, base_url):
    """`new_page()` opens a page in a fresh browser context (its own cookies)."""
    contexts = []

    def open_page() -> Page:
        context = browser.new_context(base_url=base_url, locale="zh-CN", accept_downloads=True,
                                      viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture
def login(new_page):
    """`login("xian_fazhi")` signs in through the login form in a fresh context; returns the page."""

    def sign_in(username: str, password: str = PASSWORD) -> Page:
        page = new_page()
        log_in(page, username, password)
        expect(page).to_have_url(re.compile(r"/$"))
        return page

    return sign_in


