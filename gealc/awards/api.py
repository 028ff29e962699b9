"""The catalogue's API: /api/v1/solutions. Reads are public for published solutions; a country's
delegates also read their own drafts, the Secretariat every solution. Writes need a token or a signed-in
session and the role the step asks for."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.accounts.api_auth import actor_of, authenticated
from gealc.awards import selectors, services
from gealc.awards.models import Solution, Theme
from gealc.awards.schemas import (
    MAX_ID,
    REFUSED,
    SolutionDetailOut,
    SolutionFilters,
    SolutionIn,
    SolutionOut,
    SolutionPatch,
    ThemeOut,
)
from gealc.awards.workflow import SOLUTION_STEPS
from gealc.core.api import (
    BAD_INPUT,
    FORBIDDEN,
    NOT_FOUND,
    Rows,
    answered_as_shaped,
    answered_from_cache,
)
from gealc.core.errors import ServiceError
from gealc.core.workflow import add_step_endpoints
from gealc.members.api_lookups import country_by_iso3, institution_or_none

router = Router()

Id = PathEx[int, P(ge=1, le=MAX_ID)]


def _solution(request: HttpRequest, solution_id: int) -> Solution:
    found = selectors.solution_for(actor_of(request), solution_id)
    if found is None:
        raise HttpError(404, f"No solution with id {solution_id}")
    return found


def _answer(request: HttpRequest, solution_id: int) -> dict[str, Any]:
    return selectors.detail_answer(actor_of(request), _solution(request, solution_id))


def check_filters(filters: SolutionFilters) -> selectors.Filters:
    """The list's filters, already checked by their schema (a value of the wrong form is a 422 naming the
    parameter); a well-formed code that names nothing finds no solution, as in the other lists."""
    return selectors.Filters(
        country=filters.country,
        subregion=filters.subregion,
        theme=filters.theme,
        sdg=filters.sdg,
        year=filters.year,
        status=filters.status,
        award=filters.award,
        state=filters.state,
        q=(filters.q or "").strip(),
    )


@router.get(
    "/solutions/themes", response={200: list[ThemeOut], **BAD_INPUT}, summary="The themes of solutions"
)
@paginate
def list_themes(request: HttpRequest) -> QuerySet[Theme]:
    return selectors.themes()


@router.get("/solutions", response={200: list[SolutionOut], **BAD_INPUT}, summary="List solutions")
@answered_from_cache(
    selectors.CATALOGUE, SolutionOut, when=lambda request: selectors.sees_only_published(request.user)
)
@answered_as_shaped
@paginate
def list_solutions(request: HttpRequest, filters: Query[SolutionFilters]) -> Rows:
    """Published solutions, in the order of their names; a country's delegates also see their own
    country's drafts, the Secretariat every solution (``state`` filters them). ``q`` finds words in the
    texts in any language, accents ignored. Each text is in the request's language, or in its original
    language; every translation is on the solution's own answer. Never the contact."""
    found = selectors.solutions(actor_of(request), check_filters(filters))
    return Rows(found, selectors.solution_rows)


@router.post(
    "/solutions", response={201: SolutionDetailOut, **FORBIDDEN, **REFUSED}, auth=authenticated,
    summary="Draft a solution",
)  # fmt: skip
def create_solution(request: HttpRequest, payload: SolutionIn) -> Status[dict[str, Any]]:
    """For a delegate or the head of delegation of the solution's country (a member), or the Secretariat.
    The solution is a draft until it is submitted for review and published."""
    data = payload.dict()
    country = country_by_iso3(data.pop("country"))
    institution = institution_or_none(data.pop("institution"))
    created = services.solution_draft(
        actor=actor_of(request), country=country, institution=institution, **data
    )
    return Status(201, _answer(request, created.pk))


@router.get(
    "/solutions/{solution_id}",
    response={200: SolutionDetailOut, **NOT_FOUND, **BAD_INPUT},
    summary="One solution",
)
def get_solution(request: HttpRequest, solution_id: Id) -> dict[str, Any]:
    """The contact only for the Secretariat and the solution's country."""
    return _answer(request, solution_id)


@router.patch(
    "/solutions/{solution_id}",
    response={200: SolutionDetailOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Change a solution",
)
def patch_solution(request: HttpRequest, solution_id: Id, payload: SolutionPatch) -> dict[str, Any]:
    """For the solution's country while it is a draft or returned, and the Secretariat at any time.
    Only the fields given change; texts in the languages not given stay."""
    changes = payload.dict(exclude_unset=True)
    if "institution" in changes:
        changes["institution"] = institution_or_none(changes["institution"])
    for name, value in list(changes.items()):
        if value is None and name not in {"institution", "year_started"}:
            raise ServiceError(_("%(field)s cannot be empty.") % {"field": name}, field=name)
    services.solution_update(
        actor=actor_of(request), solution=_solution(request, solution_id), changes=changes
    )
    return _answer(request, solution_id)


# The review's steps, one operation each: POST /solutions/{solution_id}/<step>, from workflow.SOLUTION_STEPS.
add_step_endpoints(
    router,
    SOLUTION_STEPS,
    path="/solutions/{solution_id}",
    id_name="solution_id",
    id_type=Id,
    find=_solution,
    answer=lambda request, solution_id, _result: _answer(request, solution_id),
    out=SolutionDetailOut,
    errors={**FORBIDDEN, **NOT_FOUND, **REFUSED},
    actor=actor_of,
    auth=authenticated,
    module=__name__,
)
