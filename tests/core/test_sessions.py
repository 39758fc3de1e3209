"""Signing in and staying signed in: sessions end when left alone and after a working day, API tokens
end after their days, a password change or a disabled account, and signed-in pages are never cached."""

import datetime as dt

import pytest
import time_machine
from django.test import Client
from rest_framework.authtoken.models import Token

from fazhi.core.models import User

pytestmark = pytest.mark.django_db
PASSWORD = "Fazhi-demo-2026"


def signed_in(username="xian_fazhi") -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_session_left_alone_for_more_than_30_minutes_asks_for_the_password_again():
    client = signed_in()
    with time_machine.travel(dt.timedelta(minutes=25)):
        assert client.get("/tasks/").status_code == 200
    with time_machine.travel(dt.timedelta(minutes=25 + 31)):
        response = client.get("/tasks/")
        assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=%2Ftasks%2F"
        page = client.get(response["Location"]).content.decode()
        assert "已超过30分钟未操作，请重新登录" in page
        assert client.get("/tasks/").status_code == 302  # signed out for good, not just once


def test_a_busy_session_still_ends_eight_hours_after_signing_in():
    client = signed_in()
    for minutes in range(20, 8 * 60, 20):
        with time_machine.travel(dt.timedelta(minutes=minutes)):
            assert client.get("/").status_code == 200, f"signed out after {minutes} minutes"
    with time_machine.travel(dt.timedelta(hours=8, minutes=5)):
        assert client.get("/").status_code == 302


def test_signed_in_pages_are_not_stored_but_the_public_portal_may_be():
    client = signed_in()
    for url in ["/", "/tasks/", "/api/orgs/", "/enforcement/cases/?_export=xlsx"]:
        assert "no-store" in client.get(url)["Cache-Control"], url
    assert "no-store" not in Client().get("/public/").get("Cache-Control", "")


def token(username="xian_fazhi") -> str:
    response = Client().post("/api/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200
    return response.json()["token"]


def api(key: str):
    return Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/orgs/")


def test_an_api_token_ends_after_30_days_and_a_new_one_is_given():
    key = token()
    assert api(key).status_code == 200
    with time_machine.travel(dt.timedelta(days=29, hours=23)):
        assert api(key).status_code == 200
    with time_machine.travel(dt.timedelta(days=30, minutes=1)):
        refused = api(key)
        assert refused.status_code == 401 and "令牌已过期（有效期30天）" in refused.json()["detail"]
        assert not Token.objects.filter(key=key).exists()
        fresh = token()
        assert fresh != key and api(fresh).status_code == 200


def test_the_token_lives_as_long_as_the_setting_says(settings):
    settings.FAZHI_API_TOKEN_DAYS = 2
    key = token()
    with time_machine.travel(dt.timedelta(days=2, minutes=1)):
        assert api(key).status_code == 401


def test_changing_the_password_revokes_the_token():
    key = token()
    user = User.objects.get(username="xian_fazhi")
    with time_machine.travel(dt.timedelta(minutes=1)):
        user.set_password("Another-pass-2026")
        user.save()
        refused = api(key)
        assert refused.status_code == 401 and "密码已修改" in refused.json()["detail"]


def test_the_password_change_page_revokes_the_token_too():
    key = token()
    client = signed_in()
    with time_machine.travel(dt.timedelta(minutes=1)):
        response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "Another-pass-2026",
                                                       "new_password2": "Another-pass-2026"})
        assert response.status_code == 302
        assert api(key).status_code == 401


def test_disabling_the_account_revokes_the_token():
    key = token("xian_tianbao")
    user = User.objects.get(username="xian_tianbao")
    user.is_active = False
    user.save()
    assert not Token.objects.filter(key=key).exists()
    assert api(key).status_code == 401


def test_a_password_too_short_is_refused_in_chinese():
    client = signed_in("xian_sysadmin")
    person = User.objects.get(username="xian_tianbao")
    page = client.post(f"/users/{person.pk}/edit/", {
        "username": person.username, "org": person.org_id, "roles": ["reporter"], "is_active": "on",
        "password": "Ab1-short"}).content.decode()
    assert "密码太短，至少需要10个字符" in page
    assert "too short" not in page
