from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gealc.core.navigation import account_items, navigation_items
from gealc.core.notifications import unread_count

# The demo's accounts have addresses at this domain (gealc/demo.py): a copy holding them says so on each page.
DEMO_DOMAIN = "@demo.example"


def holds_demo_data() -> bool:
    """Whether this debug copy holds the demo (never asked with DEBUG off: the demo cannot load there)."""
    if not settings.DEBUG:
        return False
    from django.contrib.auth import get_user_model

    return bool(get_user_model().objects.filter(email__endswith=DEMO_DOMAIN).exists())


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "demo_data": holds_demo_data(),
        "SITE_NAME": settings.SITE_NAME,
        "navigation": navigation_items(request),
        "account_navigation": account_items(request),
        # Shown on the account's disclosure, so unread notifications are seen with the menu closed.
        "unread_notifications": unread_count(getattr(request, "user", None)),
    }
