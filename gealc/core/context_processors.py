from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from gealc.core.navigation import account_items, navigation_items
from gealc.core.notifications import unread_count


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "navigation": navigation_items(request),
        "account_navigation": account_items(request),
        # Shown on the account's disclosure, so unread notifications are seen with the menu closed.
        "unread_notifications": unread_count(getattr(request, "user", None)),
    }
