"""The site's navigation. Each app adds its areas in its AppConfig.ready, so an area that is not built is
simply absent: the main navigation lists the areas, the account navigation (beside it) what a visitor does
with their account, which the accounts app provides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int = 100
    visible: Callable[[HttpRequest], bool] | None = None
    # The label for this request, when it says more than ``label`` (e.g. how many notifications are unread).
    label_for: Callable[[HttpRequest], str] | None = None


_ITEMS: list[NavItem] = []
_ACCOUNT_ITEMS: list[NavItem] = []


def _add(items: list[NavItem], item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in items):
        items.append(item)
        items.sort(key=lambda entry: entry.order)


def register(item: NavItem) -> None:
    _add(_ITEMS, item)


def register_account(item: NavItem) -> None:
    _add(_ACCOUNT_ITEMS, item)


def account_items(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"label": item.label_for(request) if item.label_for else item.label, "url": reverse(item.url_name)}
        for item in _ACCOUNT_ITEMS
        if item.visible is None or item.visible(request)
    ]


def navigation_items(request: HttpRequest) -> list[dict[str, object]]:
    path = request.path
    items: list[dict[str, object]] = []
    for item in _ITEMS:
        if item.visible is not None and not item.visible(request):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"label": item.label, "url": url, "current": current})
    return items
