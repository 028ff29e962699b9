from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, Refused, answered_from_cache, signed_in
from gealc.members.models import Country, Institution, Subregion
from gealc.members.schemas import (
    CountryDetailOut,
    CountryFilters,
    CountryOut,
    InstitutionFilters,
    InstitutionOut,
    SubregionOut,
)
from gealc.members.selectors import (
    REFERENCE,
    country_by_code,
    country_list,
    institution_list,
    subregions_with_countries,
)
from gealc.members.services import institution_update

router = Router()


@router.get("/subregions", response={200: list[SubregionOut], **BAD_INPUT}, summary="List subregions")
@paginate
def list_subregions(request: HttpRequest) -> QuerySet[Subregion]:
    return subregions_with_countries()


@router.get("/countries", response={200: list[CountryOut], **BAD_INPUT}, summary="List countries")
@answered_from_cache(REFERENCE, CountryOut)
@paginate
def list_countries(request: HttpRequest, filters: Query[CountryFilters]) -> QuerySet[Country]:
    return country_list(subregion=filters.subregion, status=filters.status)


@router.get("/countries/{code}", response={200: CountryDetailOut, **NOT_FOUND}, summary="One country")
def get_country(request: HttpRequest, code: str) -> Country:
    """``code`` is the ISO 3166-1 alpha-3 (or alpha-2) code, in any case."""
    country = country_by_code(code)
    if country is None:
        raise HttpError(404, f"No country with code {code!r}")
    return country


@router.get("/institutions", response={200: list[InstitutionOut], **BAD_INPUT}, summary="List institutions")
@paginate
def list_institutions(request: HttpRequest, filters: Query[InstitutionFilters]) -> QuerySet[Institution]:
    return institution_list(country=filters.country)


class InstitutionPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=255)
    acronym: str | None = Field(None, max_length=40)
    website: str | None = Field(None, max_length=200)


@router.patch(
    "/institutions/{institution_id}",
    response={200: InstitutionOut, **FORBIDDEN, **NOT_FOUND, 422: Refused},
    auth=signed_in,
    summary="Change an institution",
)
def patch_institution(request: HttpRequest, institution_id: int, payload: InstitutionPatch) -> Institution:
    """Allowed to the Secretariat and to the delegates of the institution's country."""
    institution = Institution.objects.select_related("country").filter(pk=institution_id).first()
    if institution is None:
        raise HttpError(404, f"No institution with id {institution_id}")
    return institution_update(
        actor=request.user,
        institution=institution,
        changes=payload.dict(exclude_unset=True, exclude_none=True),
    )
