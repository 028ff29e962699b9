"""What a country did in the network, gathered from the apps that record it.

The member registry knows nothing of meetings, missions or awards; each of those apps registers a
section here (in its AppConfig.ready) and the country page shows them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from gealc.members.models import Country


@dataclass(frozen=True)
class CountrySection:
    key: str
    title: str | Promise
    template: str
    context: Callable[[Country], dict[str, Any]]
    order: int = 100


_SECTIONS: dict[str, CountrySection] = {}


def register(section: CountrySection) -> None:
    _SECTIONS[section.key] = section


def sections_for(country: Country) -> list[dict[str, Any]]:
    return [
        {"key": section.key, "title": section.title, "template": section.template, **section.context(country)}
        for section in sorted(_SECTIONS.values(), key=lambda s: s.order)
    ]
