"""What a solution's page shows beyond the solution itself, gathered from the apps that record it.

The catalogue knows nothing of award editions or public software: those apps register a section here
(in their AppConfig.ready) and the solution's page shows every section in order, each with its own
template and context. The places are kept for them:

- ``award-history`` (order 20): the editions the solution took part in and what it won, registered by
  the award editions;
- ``software`` (order 30): the public software that implements it, registered by the software catalogue.

The catalogue registers its own ``missions`` section (order 40): the cooperation missions related to it.
A section whose context says ``{"shown": False}`` is left out (nothing to show for this solution).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

AWARD_HISTORY = "award-history"
SOFTWARE = "software"
MISSIONS = "missions"


@dataclass(frozen=True)
class SolutionSection:
    key: str
    title: str | Promise
    template: str
    context: Callable[[Any], dict[str, Any]]
    order: int = 100


_SECTIONS: dict[str, SolutionSection] = {}


def register(section: SolutionSection) -> None:
    """Add (or replace) the section named ``section.key``."""
    _SECTIONS[section.key] = section


def sections_for(solution: Any) -> list[dict[str, Any]]:
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda each: each.order):
        context = section.context(solution)
        if context.get("shown", True):
            shown.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return shown
