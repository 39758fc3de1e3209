"""Personas, the demo organisation and the suite's clock, shared by every test.

The demo tree (示例市 with 示例县 and 示例区) is built once per test database with the same
services the product uses; each test runs in a transaction that is rolled back.

The suite keeps its own clock: from the moment pytest starts, "now" is 10:00 on TODAY in Beijing
and runs on from there, whatever the machine's date. "The future" in a test is TODAY plus some days.
"""

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.test import Client

from fazhi.core import demo
from fazhi.core.models import Org, User

TODAY = dt.date(2026, 11, 22)
NOW = dt.datetime.combine(TODAY, dt.time(10), tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def pytest_configure(config):
    # Started before collection, so module-level dates in test files read the suite's clock too.
    time_machine.travel(NOW, tick=True).start()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        demo.build(scale="county", today=TODAY, seed=7)


@pytest.fixture(autouse=True)
def holiday_package_until_2026(monkeypatch):
    """The holiday package as the suite knows it: schedules up to 2026, so 2027 is a year without one
    (counted Monday–Friday and marked 临时) even after a newer package ships it."""
    from fazhi.core import deadlines

    shipped = deadlines.package_years()
    monkeypatch.setattr(deadlines, "package_years", lambda: range(shipped.start, min(shipped.stop, 2027)))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests log in often; the throttle is tested on its own.
    settings.AXES_ENABLED = False
    # Static files under their plain names, found in the package: the suite needs no collectstatic.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


@pytest.fixture
def county_admin(db):
    """示例县's legal affairs officer (法治工作管理员)."""
    return User.objects.get(username="xian_fazhi")


@pytest.fixture
def county_sysadmin(db):
    return User.objects.get(username="xian_sysadmin")


@pytest.fixture
def deployment_admin(db):
    """示例省's 系统管理员: keeps the deployment's legal time limits and holiday schedules."""
    return User.objects.get(username="sheng_sysadmin")


@pytest.fixture
def county_reporter(db):
    """A 填报员 in 示例县人民医院."""
    return User.objects.get(username="xian_tianbao")


@pytest.fixture
def county_leader(db):
    return User.objects.get(username="xian_lingdao")


@pytest.fixture
def other_county_admin(db):
    """示例区's legal affairs officer: must never see 示例县's records."""
    return User.objects.get(username="qu_fazhi")


@pytest.fixture
def city_leader(db):
    return User.objects.get(username="shi_lingdao")


@pytest.fixture
def county(db):
    return Org.objects.get(code="990121.wjw")


@pytest.fixture
def other_county(db):
    return Org.objects.get(code="990102.wjw")
