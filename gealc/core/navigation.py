"""The site's main navigation. Each app adds its areas in its AppConfig.ready, so an area that is not
built is simply absent."""

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


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda entry: entry.order)


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
