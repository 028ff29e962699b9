"""The catalogue's API: ``/api/v1/software``. Reads are public; writes need a token or a signed-in
session, and the role the rules ask for (``gealc.software.rules``)."""

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.accounts.api_auth import actor_of, authenticated
from gealc.awards.models import Solution
from gealc.core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, Rows, answered_as_shaped, page_first
from gealc.core.errors import Conflict, ServiceError
from gealc.groups.models import WorkingGroup
from gealc.members.api_lookups import country_or_none, institution_or_none
from gealc.members.models import Country
from gealc.software import selectors, services
from gealc.software.models import Software
from gealc.software.publiccode import dump
from gealc.software.schemas import (
    IMPORT_REFUSED,
    REFUSED,
    AdoptionIn,
    AdoptionOut,
    ContributionIn,
    ContributionOut,
    Filters,
    ImportOut,
    SoftwareIn,
    SoftwareOut,
    SoftwarePatch,
    adoption_out,
    contribution_out,
    software_out,
)

router = Router()

YAML = "application/yaml"


def _solutions(ids: list[int] | None) -> list[Solution] | None:
    if ids is None:
        return None
    found = {solution.pk: solution for solution in Solution.objects.filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        raise ServiceError(_("No solution with id %(id)s.") % {"id": missing[0]}, field="solutions")
    return [found[pk] for pk in ids]


def _working_group(slug: str | None) -> WorkingGroup | None:
    if slug is None:
        return None
    found = WorkingGroup.objects.filter(slug=slug.strip()).first()
    if found is None:
        raise ServiceError(_("No working group %(slug)r.") % {"slug": slug}, field="working_group")
    return found


def _software(slug: str) -> Software:
    found = selectors.software_by_slug(slug)
    if found is None:
        raise HttpError(404, f"No software {slug!r}")
    return found


def _rows(queryset: QuerySet[Software]) -> list[dict[str, Any]]:
    return [software_out(software) for software in selectors.with_related(page_first(queryset))]


@router.get(
    "/software", response={200: list[SoftwareOut], **BAD_INPUT}, summary="The public-software catalogue"
)
@answered_as_shaped
@paginate
def list_software(request: HttpRequest, filters: Query[Filters]) -> Rows:
    """By name. ``country``, ``category`` and ``status`` (developmentStatus) filter; ``q`` searches the
    name and the descriptions. A value that is not one is a 422 naming the parameter; a country code
    of no country in the registry has no software."""
    if filters.country and not Country.objects.filter(iso3=filters.country.upper()).exists():
        return Rows(Software.objects.none(), _rows)
    checked = selectors.check_filters(
        q=filters.q, country=filters.country, category=filters.category, status=filters.status
    )
    return Rows(selectors.catalogue(checked), _rows)


def _import_answer(outcome: services.ImportOutcome) -> dict[str, Any]:
    """The software, whether the file changed it, and the file's warnings (the skipped checks too)."""
    found = selectors.software_by_slug(outcome.software.slug)
    assert found is not None
    return {
        **software_out(found),
        "changed": outcome.changed,
        "warnings": [services.problem_out(warning) for warning in outcome.warnings],
    }


@router.post(
    "/software",
    response={201: ImportOut, **FORBIDDEN, **IMPORT_REFUSED},
    auth=authenticated,
    summary="Add a software from its publiccode.yml",
)
def create_software(request: HttpRequest, payload: SoftwareIn) -> Status[dict[str, Any]]:
    """For the Secretariat, or a delegate of the owning country. A software whose ``url`` is in the
    catalogue already is a 409: import the new version instead."""
    from gealc.software.publiccode import parse

    parsed = parse(payload.publiccode)
    if parsed.data is not None and Software.objects.filter(url=parsed.data["url"]).exists():
        raise Conflict(
            _("This software is in the catalogue already: import the new version of its file."), field="url"
        )
    outcome = services.software_import(
        actor=actor_of(request),
        text=payload.publiccode,
        country=country_or_none(payload.country),
        institution=institution_or_none(payload.institution),
    )
    return Status(201, _import_answer(outcome))


@router.post(
    "/software/import",
    response={200: ImportOut, 201: ImportOut, **FORBIDDEN, **IMPORT_REFUSED},
    auth=authenticated,
    summary="Import a publiccode.yml (the body is the file)",
    openapi_extra={
        "requestBody": {"content": {YAML: {"schema": {"type": "string"}}}, "required": True},
    },
)
def import_software(
    request: HttpRequest, country: str | None = None, institution: int | None = None
) -> Status[dict[str, Any]]:
    """The body is the YAML file itself. 201 when the software is new, 200 when it was updated or the
    file changed nothing; 422 lists every problem with its key path, line and message and writes
    nothing; 409 refuses a file older than the record (an earlier ``releaseDate``, or without dates a
    lower ``softwareVersion``), naming both versions, and writes nothing. ``changed`` says whether the
    file changed the record and ``warnings`` lists the file's warnings, the checks skipped offline
    among them. ``country`` (alpha-3) and ``institution`` only
    apply to a new software."""
    outcome = services.software_import(
        actor=actor_of(request),
        text=request.body,
        country=country_or_none(country),
        institution=institution_or_none(institution),
    )
    return Status(201 if outcome.created else 200, _import_answer(outcome))


@router.get("/software/{slug}", response={200: SoftwareOut, **NOT_FOUND}, summary="One software")
def get_software(request: HttpRequest, slug: str) -> dict[str, Any]:
    return software_out(_software(slug))


@router.patch(
    "/software/{slug}",
    response={200: SoftwareOut, **FORBIDDEN, **NOT_FOUND, **IMPORT_REFUSED},
    auth=authenticated,
    summary="Change a software's owner or import a new version of its file",
)
def patch_software(request: HttpRequest, slug: str, payload: SoftwarePatch) -> dict[str, Any]:
    """For the Secretariat or a delegate of the owning country; the owning country changes only by the
    Secretariat. A ``publiccode`` must describe the same software (same ``url``), and not an older
    version of it (409). ``solutions`` (ids of
    published solutions) replaces the solutions that use it; an empty list removes them all.
    ``working_group`` (a group's slug; 422 naming the field for none) sets the working group it belongs
    to, ``clear_working_group`` removes it; a new ``publiccode`` never changes it."""
    software = _software(slug)
    actor = actor_of(request)
    country = country_or_none(payload.country)
    institution = institution_or_none(payload.institution)
    solutions = _solutions(payload.solutions)
    working_group = _working_group(payload.working_group)
    # The new file and the network's data together, or neither.
    with transaction.atomic():
        if payload.publiccode is not None:
            data, _warnings = services.check_file(payload.publiccode)
            if data["url"] != software.url:
                raise ServiceError(_("The file describes another software (its url differs)."), field="url")
            services.software_import(actor=actor, text=payload.publiccode)
        services.software_update(
            actor=actor,
            software=software,
            country=country,
            institution=institution,
            clear_institution=payload.clear_institution,
            solutions=solutions,
            working_group=working_group,
            clear_working_group=payload.clear_working_group,
        )
    return software_out(_software(slug))


@router.get(
    "/software/{slug}/publiccode.yml",
    response={200: str, **NOT_FOUND},
    summary="The software's publiccode.yml",
    openapi_extra={"responses": {200: {"content": {YAML: {"schema": {"type": "string"}}}}}},
)
def export_software(request: HttpRequest, slug: str) -> HttpResponse:
    software = Software.objects.filter(slug=slug).only("slug", "document").first()
    if software is None:
        raise HttpError(404, f"No software {slug!r}")
    response = HttpResponse(dump(software.document), content_type=f"{YAML}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{software.slug}.publiccode.yml"'
    return response


@router.post(
    "/software/{slug}/adoptions",
    response={200: AdoptionOut, 201: AdoptionOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Record that a country uses a software",
)
def record_adoption(request: HttpRequest, slug: str, payload: AdoptionIn) -> Status[dict[str, Any]]:
    """For the Secretariat or a delegate of the adopting country. Recording the same country (or
    institution) again updates its adoption (200)."""
    software = _software(slug)
    country = country_or_none(payload.country)
    assert country is not None
    adoption, created = services.adoption_record(
        actor=actor_of(request),
        software=software,
        country=country,
        institution=institution_or_none(payload.institution),
        status=payload.status,
        since=payload.since,
        version=payload.version,
        evidence_url=payload.evidence_url,
    )
    return Status(201 if created else 200, adoption_out(adoption))


@router.post(
    "/software/{slug}/contributions",
    response={201: ContributionOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Record what a country contributed to a software",
)
def record_contribution(request: HttpRequest, slug: str, payload: ContributionIn) -> Status[dict[str, Any]]:
    """For the Secretariat or a delegate of the contributing country."""
    software = _software(slug)
    country = country_or_none(payload.country)
    assert country is not None
    contribution = services.contribution_record(
        actor=actor_of(request),
        software=software,
        country=country,
        institution=institution_or_none(payload.institution),
        what=payload.what,
        original_language=payload.original_language,
        contributed_on=payload.contributed_on,
    )
    return Status(201, contribution_out(contribution))
