"""The review of a solution as data: a country drafts it and submits it, the Secretariat publishes it or
returns it with a comment that the country reads; a returned solution is edited and submitted again.

Solutions of the historical catalogue are published by their import (``imports``), not by a step.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gealc.awards import forms
from gealc.awards.models import Phase, SolutionState
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


# The phases of an award edition -----------------------------------------------------------------------

EDITION_SERVICES = "gealc.awards.edition_services"


_edition = record_step("edition", EDITION_SERVICES)


def _phase(name: str, source: str, target: str, **declaration: object) -> Step:
    """A step from one phase to the next, taken by the Secretariat."""
    return _edition(name, {source}, target, "awards.run_edition", **declaration)


P = Phase
EDITION_STEPS: dict[str, Step] = steps(
    _phase(
        "open_call",
        P.SETUP,
        P.CALL_OPEN,
        label=_("open the call"),
        past=_("opened"),
        success=_("The call for submissions is open: member countries can submit their solutions."),
    ),
    _phase(
        "close_call",
        P.CALL_OPEN,
        P.SUBMISSIONS_CLOSED,
        label=_("close submissions"),
        past=_("closed"),
        success=_("Submissions are closed."),
    ),
    _phase(
        "start_screening",
        P.SUBMISSIONS_CLOSED,
        P.SCREENING,
        label=_("start the screening"),
        past=_("moved to screening"),
        success=_("The screening has started: mark each submission eligible or not."),
    ),
    _phase(
        "start_evaluation",
        P.SCREENING,
        P.EVALUATION,
        label=_("start the jury evaluation"),
        past=_("moved to the jury evaluation"),
        success=_("The jury evaluation has started: the assigned jurors can score."),
    ),
    _phase(
        "select_finalists",
        P.EVALUATION,
        P.FINALISTS,
        label=_("close the evaluation and select the finalists"),
        past=_("moved to the finalists"),
        success=_("The evaluation is closed and the finalists of each category are selected."),
    ),
    _phase(
        "open_vote",
        P.FINALISTS,
        P.VOTING,
        label=_("open the delegations' vote"),
        past=_("opened to the vote"),
        success=_("The delegations' vote is open: heads of delegation can vote."),
    ),
    _phase(
        "announce",
        P.VOTING,
        P.ANNOUNCED,
        label=_("close the vote and announce the winners"),
        past=_("announced"),
        success=_("The vote is counted and the winners are announced."),
    ),
)
