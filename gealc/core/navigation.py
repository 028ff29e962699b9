"""The site's navigation. Each app adds its areas in its AppConfig.ready, so an area that is not built is
simply absent: the main navigation lists the areas, the account navigation (beside it) what a visitor does
with their account, which the accounts app provides.

Areas that belong together share a section (``register_section``): a section of one area is a plain
link, a section of several a menu under the section's name, so that the header keeps to one line however
many areas the apps add."""

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
    # The key of the section this area belongs to (``register_section``); None: a section of its own.
    section: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    order: int = 100


_ITEMS: list[NavItem] = []
_ACCOUNT_ITEMS: list[NavItem] = []
_SECTIONS: dict[str, Section] = {}


def _add(items: list[NavItem], item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in items):
        items.append(item)
        items.sort(key=lambda entry: entry.order)


def register(item: NavItem) -> None:
    _add(_ITEMS, item)


def register_section(section: Section) -> None:
    _SECTIONS.setdefault(section.key, section)


def register_account(item: NavItem) -> None:
    _add(_ACCOUNT_ITEMS, item)


def account_items(request: HttpRequest) -> list[dict[str, object]]:
    return [
        {"label": item.label_for(request) if item.label_for else item.label, "url": reverse(item.url_name)}
        for item in _ACCOUNT_ITEMS
        if item.visible is None or item.visible(request)
    ]


def navigation_items(request: HttpRequest) -> list[dict[str, object]]:
    """The header's entries in order: each a link (``items`` of one) or a menu of its section's links."""
    path = request.path
    entries: dict[str, dict[str, object]] = {}
    for item in _ITEMS:
        if item.visible is not None and not item.visible(request):
            continue
        url = reverse(item.url_name)
        current = path == url if url == "/" else path.startswith(url)
        link = {"label": item.label, "url": url, "current": current}
        section = _SECTIONS.get(item.section or "")
        key = section.key if section else item.url_name
        entry = entries.setdefault(
            key,
            {
                "key": key,
                "label": section.label if section else item.label,
                "order": section.order if section else item.order,
                "items": [],
                "current": False,
            },
        )
        items = entry["items"]
        assert isinstance(items, list)
        items.append(link)
        entry["current"] = bool(entry["current"]) or current
    ordered = sorted(entries.values(), key=lambda entry: int(str(entry["order"])))
    for entry in ordered:
        items = entry["items"]
        assert isinstance(items, list)
        # Within a section, the page is the area of the longest address it starts with ("/software/figures/"
        # is the figures, not the catalogue at "/software/").
        marked = [item for item in items if item["current"]]
        for item in marked:
            item["current"] = item is max(marked, key=lambda link: len(str(link["url"])))
        if len(items) == 1:
            entry.update(items[0])
    return ordered
