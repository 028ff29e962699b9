"""The review of a solution as data: a country drafts it and submits it, the Secretariat publishes it or
returns it with a comment that the country reads; a returned solution is edited and submitted again.

Solutions of the historical catalogue are published by their import (``imports``), not by a step.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gealc.awards import forms
from gealc.awards.models import SolutionState
from gealc.awards.schemas import CommentIn
from gealc.core.workflow import Step, record_step, steps

SERVICES = "gealc.awards.services"


_solution = record_step("solution", SERVICES)


S = SolutionState
SOLUTION_STEPS: dict[str, Step] = steps(
    # The country's delegates and head of delegation.
    _solution(
        "submit",
        {S.DRAFT, S.RETURNED},
        S.IN_REVIEW,
        "awards.submit_solution",
        label=_("submit for review"),
        past=_("submitted for review"),
        success=_("The solution was sent to the Secretariat for review."),
        summary="Submit a solution for review",
        description="For the solution's country, from a draft or a returned solution.",
    ),
    # The Secretariat.
    _solution(
        "publish",
        {S.IN_REVIEW},
        S.PUBLISHED,
        "awards.review_solution",
        label=_("publish"),
        past=_("published"),
        success=_("The solution is published in the catalogue."),
        summary="Publish a solution in review",
        description="For the Secretariat.",
    ),
    _solution(
        "return",
        {S.IN_REVIEW},
        S.RETURNED,
        "awards.review_solution",
        label=_("return to the country"),
        past=_("returned"),
        form=forms.ReturnForm,
        schema=CommentIn,
        style="outline-danger",
        success=_("The solution was returned; the country will read the comment."),
        summary="Return a solution to its country with a comment",
        description="For the Secretariat, with the comment the country reads.",
    ),
)

# The states in which the country changes its solution (the Secretariat may correct any).
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
