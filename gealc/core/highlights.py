"""What the home page shows of the network at a glance, gathered from the apps that record it.

The member registry knows nothing of meetings, missions or elections; each app that does registers a
provider here (in its AppConfig.ready), as it registers its navigation, and the home page shows what
every provider returns: figures counted from the database, panels (such as the Executive Committee)
and what is open now (a call of the fund, a vote, the next meeting). A provider makes a fixed number of
queries, whatever the number of rows, so the home page's query count stays flat.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class Figure:
    """A counted figure: ``value`` and what it counts (already in the singular or plural)."""

    label: str | Promise
    value: int
    url: str = ""
    order: int = 100


@dataclass(frozen=True)
class Entry:
    """One line of a panel or of what is open now."""

    title: str | Promise
    url: str = ""
    detail: str | Promise = ""
    tag: str | Promise = ""  # e.g. "Call open", "Voting open", "Next meeting"
    date: datetime.date | None = None
    date_label: str | Promise = ""  # what the date is, e.g. "Closes on"


@dataclass(frozen=True)
class Panel:
    """A titled list, e.g. the presidency and the Executive Committee."""

    key: str
    title: str | Promise
    entries: list[Entry]
    link_label: str | Promise = ""
    link_url: str = ""
    empty: str | Promise = ""  # what the panel says when it has no entry
    note: str | Promise = ""  # a remark above the entries, e.g. that they are not today's
    order: int = 100


@dataclass(frozen=True)
class Highlights:
    figures: list[Figure] = field(default_factory=list)
    panels: list[Panel] = field(default_factory=list)
    open_now: list[Entry] = field(default_factory=list)


Provider = Callable[[HttpRequest], Highlights]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int = 100) -> None:
    """Add (or replace) the provider named ``key``; providers are asked in ``order``."""
    _PROVIDERS[key] = (order, provider)


def collect(request: HttpRequest) -> Highlights:
    """What every provider has to show, figures and panels sorted by their order, open items by date."""
    figures: list[Figure] = []
    panels: list[Panel] = []
    open_now: list[Entry] = []
    for _order, provider in sorted(_PROVIDERS.values(), key=lambda pair: pair[0]):
        highlights = provider(request)
        figures.extend(highlights.figures)
        panels.extend(highlights.panels)
        open_now.extend(highlights.open_now)
    figures.sort(key=lambda figure: figure.order)
    panels.sort(key=lambda panel: panel.order)
    open_now.sort(key=lambda entry: (entry.date is None, entry.date or datetime.date.max))
    return Highlights(figures=figures, panels=panels, open_now=open_now)
