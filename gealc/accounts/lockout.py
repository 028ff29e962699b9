from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def username_from_credentials(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The e-mail a sign-in was attempted for, lower-cased, whichever form or backend sent it."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username") or request.POST.get("email")
    return str(value or "").strip().lower()
