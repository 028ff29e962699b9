"""The Excellence Award's API: /api/v1/awards. Editions past their set-up are public, with their
ranking once the evaluation closes and their results; every write needs a token or a signed-in session
and the role its phase asks for (the Secretariat, a country's delegates, an assigned juror, a head of
delegation). An action outside its phase is a 409 naming the phase."""

from __future__ import annotations

import datetime
from typing import Annotated, Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, P, PathEx, Router, Schema, Status
from ninja.errors import HttpError

from gealc.accounts.api_auth import actor_of, authenticated
from gealc.awards import edition_selectors as selectors
from gealc.awards import edition_services as services
from gealc.awards.models import Assignment, Category, Edition, Solution, Submission
from gealc.awards.schemas import MAX_ID, REFUSED
from gealc.core.api import FORBIDDEN, NOT_FOUND
from gealc.core.errors import ServiceError
from gealc.members.api_lookups import country_or_none

router = Router()

Id = PathEx[int, P(ge=1, le=MAX_ID)]
Code = Annotated[str, Field(min_length=1, max_length=40)]
Texts = dict[str, Annotated[str, Field(max_length=5000)]]


class PartIn(Schema):
    code: Code
    name: Texts
    weight: int | None = Field(None, ge=1, le=100)
    category: str = Field("", max_length=40)
    mission: int | None = Field(None, ge=1, le=MAX_ID)


class EditionIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    title: Texts
    description: Texts = Field(default_factory=dict)
    original_language: str = Field(..., max_length=5)
    min_months_in_operation: int = Field(6, ge=0, le=240)
    max_per_country_category: int = Field(2, ge=1, le=20)
    finalists_per_category: int = Field(3, ge=1, le=20)
    categories: list[PartIn] = Field(..., max_length=20)
    criteria: list[PartIn] = Field(..., max_length=20)
    questions: list[PartIn] = Field(default_factory=list, max_length=20)
    prizes: list[PartIn] = Field(default_factory=list, max_length=20)


class SubmissionIn(Schema):
    solution: int = Field(..., ge=1, le=MAX_ID)
    category: Code
    in_operation_since: datetime.date
    answers: dict[str, Annotated[str, Field(max_length=5000)]] = Field(default_factory=dict)


class ScreenIn(Schema):
    eligible: bool
    reason: str = Field("", max_length=2000)


class AssignmentIn(Schema):
    juror: str = Field(..., max_length=254)
    submission: int = Field(..., ge=1, le=MAX_ID)


class ScoresIn(Schema):
    scores: dict[str, int]
    comment: str = Field("", max_length=5000)


class VoteIn(Schema):
    category: Code
    submission: int = Field(..., ge=1, le=MAX_ID)
    country: str | None = Field(None, min_length=3, max_length=3)


# The edition, ranking, results or receipt asked for (see each operation).
Answer = dict[str, Any]


def _edition(request: HttpRequest, edition_id: int) -> Edition:
    found = selectors.edition_for(actor_of(request), edition_id)
    if found is None:
        raise HttpError(404, _("No edition with id %(id)d.") % {"id": edition_id})
    return found


def _category(edition: Edition, code: str) -> Category:
    found = edition.categories.filter(code=code).first()
    if found is None:
        raise ServiceError(_("The edition has no category %(code)r.") % {"code": code}, field="category")
    return found


def _submission(
    request: HttpRequest, submission_id: int, permission: str = "awards.read_submission"
) -> Submission:
    found = (
        Submission.objects.select_related("edition", "country", "solution").filter(pk=submission_id).first()
    )
    if found is None or not actor_of(request).has_perm(permission, found):
        raise HttpError(404, _("No submission with id %(id)d.") % {"id": submission_id})
    return found


def _parts(given: list[PartIn]) -> list[services.Part]:
    return [services.Part(p.code, p.name, p.weight, p.category, p.mission) for p in given]


@router.get("/awards", response={200: list[Answer]}, summary="Award editions")
def list_editions(request: HttpRequest) -> list[dict[str, Any]]:
    """Every edition past its set-up, newest first, the historical ones included (``historical``)."""
    return [selectors.edition_answer(edition) for edition in selectors.visible_editions(actor_of(request))]


@router.post(
    "/awards", response={201: Answer, **FORBIDDEN, **REFUSED}, auth=authenticated, summary="Create an edition"
)
def create_edition(request: HttpRequest, payload: EditionIn) -> Status[dict[str, Any]]:
    """For the Secretariat. The criteria's weights must sum to 100."""
    data = payload.dict()
    for name in ("categories", "criteria", "questions", "prizes"):
        data[name] = _parts(getattr(payload, name))
    created = services.edition_create(actor=actor_of(request), **data)
    return Status(201, selectors.edition_answer(created))


@router.get("/awards/{edition_id}", response={200: Answer, **NOT_FOUND}, summary="One edition")
def get_edition(request: HttpRequest, edition_id: Id) -> dict[str, Any]:
    return selectors.edition_answer(_edition(request, edition_id))


@router.post(
    "/awards/{edition_id}/advance",
    response={200: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Move an edition to its next phase",
)
def advance_edition(request: HttpRequest, edition_id: Id) -> dict[str, Any]:
    """For the Secretariat, one phase at a time in their order; refused (409) while the phase is not
    finished (submissions to screen, evaluations to complete, ties to decide)."""
    edition = services.edition_advance(actor=actor_of(request), edition=_edition(request, edition_id))
    return selectors.edition_answer(edition)


@router.post(
    "/awards/{edition_id}/submissions",
    response={201: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Submit a solution",
)
def create_submission(request: HttpRequest, edition_id: Id, payload: SubmissionIn) -> Status[dict[str, Any]]:
    """For a delegate or the head of delegation of the solution's member country, while the call is
    open. Attachments are added on the submission page."""
    edition = _edition(request, edition_id)
    solution = Solution.objects.filter(pk=payload.solution).select_related("country").first()
    if solution is None:
        raise ServiceError(_("No solution with id %(id)d.") % {"id": payload.solution}, field="solution")
    made = services.submission_create(
        actor=actor_of(request),
        edition=edition,
        solution=solution,
        category=_category(edition, payload.category),
        in_operation_since=payload.in_operation_since,
        answers=payload.answers,
    )
    return Status(201, _submission_answer(made))


def _submission_answer(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk,
        "edition": submission.edition_id,
        "category": submission.category.code,
        "solution": submission.solution_id,
        "country": submission.country.iso3,
        "in_operation_since": submission.in_operation_since.isoformat(),
        "answers": submission.answers,
        "eligibility": submission.eligibility,
        "reason": submission.screening_reason,
        "finalist": submission.finalist,
        "winner": submission.winner,
    }


@router.post(
    "/awards/submissions/{submission_id}/screen",
    response={200: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Screen a submission",
)
def screen_submission(request: HttpRequest, submission_id: Id, payload: ScreenIn) -> dict[str, Any]:
    """For the Secretariat during the screening: eligible, or not with the reason the country reads."""
    screened = services.submission_screen(
        actor=actor_of(request),
        submission=_submission(request, submission_id),
        eligible=payload.eligible,
        reason=payload.reason,
    )
    return _submission_answer(screened)


@router.post(
    "/awards/{edition_id}/assignments",
    response={201: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Assign a juror to a submission",
)
def create_assignment(request: HttpRequest, edition_id: Id, payload: AssignmentIn) -> Status[dict[str, Any]]:
    """For the Secretariat. Refused (422 on ``juror``) for a juror acting for the submission's country
    or who declared a conflict of interest with it."""
    edition = _edition(request, edition_id)
    juror = get_user_model().objects.filter(email__iexact=payload.juror.strip()).first()
    if juror is None:
        raise ServiceError(_("No account with this e-mail address."), field="juror")
    submission = (
        Submission.objects.filter(pk=payload.submission, edition=edition).select_related("country").first()
    )
    if submission is None:
        raise ServiceError(_("The submission is not one of this edition's."), field="submission")
    made = services.assignment_create(
        actor=actor_of(request), edition=edition, juror=juror, submission=submission
    )
    return Status(201, {"id": made.pk, "submission": submission.pk, "juror": juror.email})


@router.put(
    "/awards/submissions/{submission_id}/scores",
    response={200: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Save a juror's scores",
)
def put_scores(request: HttpRequest, submission_id: Id, payload: ScoresIn) -> dict[str, Any]:
    """For the juror assigned to the submission, during the evaluation: every criterion from 0 to 10."""
    actor = actor_of(request)
    assignment = (
        Assignment.objects.select_related("submission__edition", "submission__country")
        .filter(submission_id=submission_id, juror=actor if actor.is_authenticated else None)
        .first()
    )
    if assignment is None:
        raise HttpError(404, _("You are not assigned to submission %(id)d.") % {"id": submission_id})
    saved = services.scores_save(
        actor=actor, assignment=assignment, scores=payload.scores, comment=payload.comment
    )
    return {
        "submission": submission_id,
        "scores": dict(saved.scores.values_list("criterion__code", "value")),
        "comment": saved.comment,
    }


@router.get(
    "/awards/{edition_id}/ranking",
    response={200: Answer, **FORBIDDEN, **NOT_FOUND},
    summary="The jury's ranking",
)
def get_ranking(request: HttpRequest, edition_id: Id) -> dict[str, Any]:
    """Public from the finalists phase on; before, for the Secretariat only (403)."""
    edition = _edition(request, edition_id)
    if not selectors.marks_public(edition) and not actor_of(request).has_perm("awards.run_edition"):
        raise HttpError(403, _("The jury's marks are published when the evaluation closes."))
    return selectors.ranking_answer(edition)


@router.post(
    "/awards/{edition_id}/votes",
    response={201: Answer, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Vote for a finalist",
)
def cast_vote(request: HttpRequest, edition_id: Id, payload: VoteIn) -> Status[dict[str, Any]]:
    """For a head of delegation of a member country, once per category, never for its own submission."""
    edition = _edition(request, edition_id)
    category = _category(edition, payload.category)
    submission = Submission.objects.filter(pk=payload.submission, category=category).first()
    if submission is None:
        raise ServiceError(_("The vote goes to one of the category's finalists."), field="submission")
    country = country_or_none(payload.country)
    vote = services.final_vote_cast(
        actor=actor_of(request), category=category, submission=submission, country=country
    )
    return Status(201, {"receipt": vote.receipt, "category": category.code, "country": vote.country.iso3})


@router.get(
    "/awards/{edition_id}/results", response={200: Answer, **NOT_FOUND}, summary="An edition's results"
)
def get_results(request: HttpRequest, edition_id: Id) -> dict[str, Any]:
    """Finalists with the jury's marks and their votes, winners, prizes and the Secretariat's tie
    decisions; the votes by receipt once the winners are announced."""
    edition = _edition(request, edition_id)
    if not selectors.marks_public(edition):
        return {"edition": edition.pk, "year": edition.year, "phase": edition.phase, "announced": False,
                "categories": [], "receipts": [], "general_prizes": []}  # fmt: skip
    return selectors.results_answer(edition)
