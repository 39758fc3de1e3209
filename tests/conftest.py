"""Personas and the demo organisation, shared by every test.

The demo tree (示例市 with 示例县 and 示例区) is built once per test database with the same
services the product uses; each test runs in a transaction that is rolled back.
"""

import datetime as dt

import pytest
from django.test import Client

from fazhi.core import demo
from fazhi.core.models import Org, User

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock():
        demo.build(scale="county", today=TODAY, seed=7)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests log in often; the throttle is tested on its own.
    settings.AXES_ENABLED = False


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
