from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def username_from_credentials(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The e-mail a sign-in was attempted for, lower-cased, whichever form or backend sent it."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username") or request.POST.get("email")
    return str(value or "").strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """The client's address, read as allauth reads it for its own limits (``ALLAUTH_TRUSTED_PROXY_COUNT``).

    One reader for both, so that axes locks and allauth limits the same address: the client's, never the
    proxy's, and never one a client wrote into X-Forwarded-For when no proxy of ours is in front. A request
    with no address at all (a sign-in made in code, as ``Client.force_login`` does) has none.
    """
    try:
        return get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
