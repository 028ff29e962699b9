"""The catalogue's panels on the workspace: a country's drafts and returned solutions, and the
Secretariat's solutions to review."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gealc.accounts.roles import countries_for, has_role
from gealc.awards import selectors
from gealc.awards.models import Solution, SolutionState
from gealc.awards.rules import ACTING_ROLES
from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.members.models import Role


def _item(solution: Solution) -> Item:
    return Item(
        label=f"{solution.name} — {solution.country.name}",
        url=reverse("awards:detail", args=[solution.pk]),
        date=solution.created_at,
        status=solution.review_comment
        if solution.state == SolutionState.RETURNED
        else solution.get_state_display(),
    )


def panels(visit: Visit) -> Sequence[Panel]:
    found: list[Panel] = []
    if has_role(visit.user, Role.SECRETARIAT):
        found.append(
            panel(
                "solutions-to-review",
                _("Solutions to review"),
                [_item(solution) for solution in selectors.review_queue()[:20]],
                count=selectors.review_queue().count(),
                role=Role.SECRETARIAT.value,
                url=reverse("awards:review"),
                empty=_("No solution waits for review."),
            )
        )
    if countries_for(visit.user, *ACTING_ROLES):
        own = list(
            selectors.country_solutions(visit.user).filter(
                state__in=[SolutionState.RETURNED, SolutionState.DRAFT]
            )
        )
        url = reverse("awards:mine")
        found += [
            panel(
                "solutions-returned",
                _("Solutions returned with a comment"),
                [_item(solution) for solution in own if solution.state == SolutionState.RETURNED],
                role=Role.DELEGATE.value,
                url=url,
                empty=_("No solution is returned."),
            ),
            panel(
                "solution-drafts",
                _("Draft solutions"),
                [_item(solution) for solution in own if solution.state == SolutionState.DRAFT],
                role=Role.DELEGATE.value,
                url=url,
                empty=_("No draft solution."),
            ),
        ]
    return found
