"""How API clients identify themselves: a personal token (``Authorization: Bearer ...``) or the session.

The token is read before the view runs (``accounts.middleware.ApiTokenMiddleware``), which makes its
owner ``request.user``; the auth classes live in ``core.api`` so that every app can require a signed-in
user without importing accounts. The two names below stay for the routers that still use them.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gealc.core.api import signed_in

authenticated = signed_in


def actor_of(request: HttpRequest) -> Any:
    """Who an API request acts as: ``request.user`` (a token's owner, the session's user, or anonymous)."""
    return request.user
