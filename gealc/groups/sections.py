"""What a working group's page shows beyond the group itself, gathered from the apps that record it.

The groups know nothing of public software or of events: those apps register a section here (in their
AppConfig.ready) and the group's page shows every section in order, each with its own template and
context. The places are kept for them:

- ``software`` (order 30): the public software whose working group this is, registered by the software
  catalogue.

A section whose context says ``{"shown": False}`` is left out (nothing to show for this group).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

SOFTWARE = "software"


@dataclass(frozen=True)
class GroupSection:
    key: str
    title: str | Promise
    template: str
    context: Callable[[Any], dict[str, Any]]
    order: int = 100


_SECTIONS: dict[str, GroupSection] = {}


def register(section: GroupSection) -> None:
    """Add (or replace) the section named ``section.key``."""
    _SECTIONS[section.key] = section


def sections_for(group: Any) -> list[dict[str, Any]]:
    shown = []
    for section in sorted(_SECTIONS.values(), key=lambda each: each.order):
        context = section.context(group)
        if context.get("shown", True):
            shown.append(
                {"key": section.key, "title": section.title, "template": section.template, **context}
            )
    return shown
