"""How API clients identify themselves: a personal token (`Authorization: Bearer ...`) or the session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from gealc.accounts.mfa import has_mfa
from gealc.accounts.rules import must_set_up_mfa
from gealc.accounts.services import token_authenticate


def _check_mfa(user: Any) -> None:
    if must_set_up_mfa(user) and not has_mfa(user):
        raise HttpError(403, "Set up two-factor authentication before you act.")


class TokenAuth(HttpBearer):
    """A personal API token; it acts with its owner's roles."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            return None
        request.user = user
        _check_mfa(user)
        return user


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session (CSRF-checked for writes)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


authenticated = [TokenAuth(), SessionAuth()]


def actor_of(request: HttpRequest) -> Any:
    """Who an API request acts as.

    On an endpoint that requires authentication, the user the auth classes above set. On a public read,
    the user of a token sent anyway (they may see more), else the session's user, else the anonymous one.
    """
    user = getattr(request, "auth", None)
    if user is None and request.headers.get("Authorization"):
        user = _optional_token(request)
    return user or request.user


_optional_token = TokenAuth()
