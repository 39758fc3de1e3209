"""Security basics: hashing, throttling, CSRF, headers, no debug pages."""

import pytest
from django.conf import settings
from django.test import Client

from fazhi.core.models import User

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2():
    assert User.objects.get(username="xian_fazhi").password.startswith("argon2$")


def test_debug_is_off_unless_asked_for():
    assert settings.DEBUG is False


def test_pages_send_a_content_security_policy_and_hardening_headers():
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_templates_use_no_inline_scripts_or_external_assets():
    import re
    from pathlib import Path

    root = Path(settings.BASE_DIR) / "templates"
    for template in root.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text), template
        assert "http://" not in text and "https://" not in text, template


def test_login_is_throttled_after_repeated_failures(settings):
    settings.AXES_ENABLED = True
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "xian_fazhi", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "xian_fazhi", "password": "Fazhi-demo-2026"})
    assert "登录失败次数过多" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_gets_a_chinese_message():
    response = Client().post("/accounts/login/", {"username": "xian_fazhi", "password": "wrong"})
    assert "用户名或密码不正确" in response.content.decode()


def test_forms_reject_posts_without_a_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="xian_sysadmin"))
    assert client.post("/calendar/import/", {"year": 2027}).status_code == 403


def test_session_cookies_are_http_only():
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_the_secret_key_is_not_a_constant_in_the_code():
    from pathlib import Path

    source = (Path(settings.BASE_DIR) / "settings.py").read_text()
    assert settings.SECRET_KEY not in source and len(settings.SECRET_KEY) >= 50
