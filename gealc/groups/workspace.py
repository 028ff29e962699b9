"""The working groups' panels on the workspace: the groups a person takes part in, and for their
coordinators the pages where they keep the members and the deliverables."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.groups.selectors import groups_of
from gealc.members.models import Role


def panels(visit: Visit) -> Sequence[Panel]:
    found = groups_of(visit.user)
    if not found:
        return []
    role = Role.GROUP_MEMBER.value
    shown = [
        panel(
            "working-groups",
            _("Your working groups"),
            [
                Item(
                    label=str(entry.group.name),
                    url=reverse("groups:detail", args=[entry.group.slug]),
                    date=entry.membership.start_date,
                    status=entry.membership.get_role_display(),
                )
                for entry in found
            ],
            role=role,
            url=reverse("groups:list"),
        )
    ]
    coordinated = [entry for entry in found if entry.coordinates]
    if coordinated:
        items = []
        for entry in coordinated:
            slug = entry.group.slug
            items.append(
                Item(
                    label=gettext("Members of %(name)s") % {"name": entry.group.name},
                    url=reverse("groups:members", args=[slug]),
                )
            )
            items.append(
                Item(
                    label=gettext("Add a deliverable to %(name)s") % {"name": entry.group.name},
                    url=reverse("groups:deliverable_new", args=[slug]),
                )
            )
        shown.append(
            panel(
                "working-groups-coordinated",
                _("Working groups you coordinate"),
                items,
                count=len(coordinated),
                role=role,
                url=reverse("groups:list"),
            )
        )
    return shown
