# mypy: disable-error-code="attr-defined,no-untyped-call"
"""Who may do what with the working groups.

The Secretariat creates and edits the groups and appoints their coordinators. The Secretariat, or a
coordinator of the group today, adds and ends the group's members and adds and edits its deliverables
(the record passed is the group).
"""

from __future__ import annotations

from typing import Any

import rules

from gealc.accounts.rules import is_secretariat
from gealc.groups.models import GroupMembership, GroupRole, WorkingGroup


def coordinated_by(user: Any) -> set[int]:
    """The ids of the groups the user coordinates today (read once per request, kept on the user)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_gealc_coordinated_groups", None)
    if cached is None:
        cached = set(
            GroupMembership.objects.in_force()
            .filter(person__user=user, role=GroupRole.COORDINATOR)
            .values_list("group_id", flat=True)
        )
        user._gealc_coordinated_groups = cached
    return cached


def forget_coordination(user: Any) -> None:
    """Drop the kept groups (after an appointment or an ending in the same request)."""
    if user is not None and hasattr(user, "_gealc_coordinated_groups"):
        delattr(user, "_gealc_coordinated_groups")


@rules.predicate
def coordinates(user: Any, group: Any) -> bool:
    return isinstance(group, WorkingGroup) and group.pk in coordinated_by(user)


rules.add_perm("groups.create_group", is_secretariat)
rules.add_perm("groups.change_group", is_secretariat)
rules.add_perm("groups.appoint_coordinator", is_secretariat)
rules.add_perm("groups.manage_members", is_secretariat | coordinates)
rules.add_perm("groups.manage_deliverables", is_secretariat | coordinates)

# The admin: the Secretariat reads everything; writes go through the services.
for _model in ("workinggroup", "groupmembership", "deliverable"):
    rules.add_perm(f"groups.view_{_model}", is_secretariat)
