"""API tokens that end: after FAZHI_API_TOKEN_DAYS, when the user's password changes, or when the
account is disabled. A token that has ended is deleted on its next use, so it cannot come back."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed


def expires_at(token: Token) -> dt.datetime:
    return token.created + dt.timedelta(days=settings.FAZHI_API_TOKEN_DAYS)


def token_refusal(token: Token) -> str | None:
    """Why `token` may no longer be used, in Chinese, or None while it holds."""
    user = token.user
    if not user.is_active:
        return "账号已停用，令牌已作废"
    if user.password_changed_at is not None and token.created < user.password_changed_at:
        return "密码已修改，令牌已作废，请重新获取"
    if expires_at(token) <= timezone.now():
        return f"令牌已过期（有效期{settings.FAZHI_API_TOKEN_DAYS}天），请重新获取"
    return None


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key):
        try:
            token = Token.objects.select_related("user").get(key=key)
        except Token.DoesNotExist:
            raise AuthenticationFailed("令牌无效")
        reason = token_refusal(token)
        if reason is not None:
            token.delete()
            raise AuthenticationFailed(reason)
        return token.user, token


def token_for(user) -> Token:
    """The user's token, made anew when the one on record has ended."""
    token = Token.objects.filter(user=user).first()
    if token is not None and token_refusal(token) is not None:
        token.delete()
        token = None
    return token or Token.objects.create(user=user)
