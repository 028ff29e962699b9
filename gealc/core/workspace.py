"""The workspace a person lands on after signing in: one panel per kind of work, from every app.

Each app registers a provider in its AppConfig.ready (as it registers its navigation in
``gealc.core.navigation``); a provider looks at the roles of the person and returns the panels that
concern them, or none. The accounts app renders the panels; it never imports the apps that fill them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class Item:
    """One thing in a panel: what it is, where it is, its date and its status."""

    label: str
    url: str = ""
    date: datetime.date | datetime.datetime | None = None
    status: str | Promise = ""


@dataclass(frozen=True)
class Panel:
    """A list of work for one role: ``count`` is how many there are, ``items`` the first of them."""

    key: str
    title: str | Promise
    items: Sequence[Item]
    count: int
    role: str = ""  # the role the panel is for (a members.Role value), "" for everyone
    url: str = ""  # the page with all of them
    empty: str | Promise = ""  # what the panel says when there is nothing


@dataclass(frozen=True)
class Visit:
    """Who opens the workspace, and when they last did (None: the first time)."""

    user: Any
    since: datetime.datetime | None


Provider = Callable[[Visit], Sequence[Panel]]


@dataclass(order=True)
class _Entry:
    order: int
    name: str
    provider: Provider = field(compare=False)


_PROVIDERS: list[_Entry] = []

# How many items a panel lists; its count says how many there are in all.
ITEMS_SHOWN = 10


def register(name: str, provider: Provider, *, order: int = 100) -> None:
    """Add ``provider`` under ``name`` (registering a name again changes nothing)."""
    if all(entry.name != name for entry in _PROVIDERS):
        _PROVIDERS.append(_Entry(order, name, provider))
        _PROVIDERS.sort()


def panel(
    key: str,
    title: str | Promise,
    items: Sequence[Item],
    *,
    role: str = "",
    url: str = "",
    empty: str | Promise = "",
    count: int | None = None,
) -> Panel:
    """A panel of ``items``, of which the first ``ITEMS_SHOWN`` are listed."""
    return Panel(
        key=key,
        title=title,
        items=list(items)[:ITEMS_SHOWN],
        count=len(items) if count is None else count,
        role=role,
        url=url,
        empty=empty,
    )


def panels_for(visit: Visit) -> list[Panel]:
    """Every registered provider's panels for ``visit``, in the providers' order."""
    return [found for entry in _PROVIDERS for found in entry.provider(visit)]
