"""Cross-cutting request checks: query strings, idle sessions and caching of signed-in pages."""

from __future__ import annotations

import datetime as dt
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control

from .params import ParameterError

SIGNED_IN_KEY = "fazhi_signed_in"
SEEN_KEY = "fazhi_last_seen"
SEEN_EVERY = 60  # seconds: the session is written at most once a minute, not on every request


def session_start(session) -> None:
    """The eight hours run from signing in; a fixed end, so that writing the session later keeps it."""
    now = time.time()
    session[SIGNED_IN_KEY] = session[SEEN_KEY] = now
    session.set_expiry(dt.datetime.fromtimestamp(now + settings.SESSION_COOKIE_AGE, dt.UTC))


@receiver(user_logged_in)
def _signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_start(request.session)


class RequestChecks:
    """- A NUL byte in a query parameter is refused (PostgreSQL cannot store or compare it).
    - A session idle for longer than FAZHI_SESSION_IDLE_MINUTES is ended, and any session SESSION_COOKIE_AGE
      (8 hours) after it began, however busy.
    - Pages for a signed-in user are never kept by the browser or a proxy (Cache-Control: no-store)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]):
            raise ParameterError("参数中含有不可见的控制字符，请检查链接")
        if request.user.is_authenticated and hasattr(request, "session") and request.session.session_key:
            ended = self._idle_check(request)
            if ended is not None:
                return ended
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response

    def _idle_check(self, request):
        session, now = request.session, time.time()
        if SIGNED_IN_KEY not in session:  # a session from before these checks
            session_start(session)
        seen = session.get(SEEN_KEY)
        if now - session[SIGNED_IN_KEY] > settings.SESSION_COOKIE_AGE:
            return self._end(request, f"登录已超过{settings.SESSION_COOKIE_AGE // 3600}小时，请重新登录")
        if seen is not None and now - seen > settings.FAZHI_SESSION_IDLE_MINUTES * 60:
            return self._end(request, f"已超过{settings.FAZHI_SESSION_IDLE_MINUTES}分钟未操作，请重新登录")
        if seen is None or now - seen > SEEN_EVERY:
            session[SEEN_KEY] = now
        return None

    def _end(self, request, why: str):
        logout(request)
        if request.path.startswith("/api/"):
            return None  # the API answers 401/403 itself for the now anonymous request
        messages.warning(request, why)
        return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
