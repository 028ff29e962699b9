"""The shapes of the catalogue's API: software as the catalogue reads it, its adoptions and
contributions, and what the writes take."""

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from gealc.core.api import IsoDate, ServiceErrorOut, Texts, ValidationErrorOut, original_language_in
from gealc.core.i18n import current_language, texts
from gealc.software.models import Adoption, AdoptionStatus, Contribution, Software
from gealc.software.publiccode import CATEGORIES, DEVELOPMENT_STATUSES

CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]
MAX_ID = 2**63 - 1

if TYPE_CHECKING:
    StatusCode = str
    AdoptionCode = str
    CategoryCode = str
else:
    StatusCode = Literal[DEVELOPMENT_STATUSES]
    CategoryCode = Literal[tuple(sorted(CATEGORIES))]
    AdoptionCode = Literal[tuple(AdoptionStatus.values)]


class ProblemOut(Schema):
    key: str = Field(..., description="The key path, as the reference validator writes it")
    line: int = Field(..., description="1-based line of the file (0: the whole file)")
    column: int
    message: str


class InvalidFileOut(Schema):
    """A refused publiccode.yml: every problem at once."""

    detail: str
    field: str | None = None
    errors: list[ProblemOut]
    warnings: list[ProblemOut] = []


REFUSED: dict[int, Any] = {409: ServiceErrorOut, 422: ServiceErrorOut | ValidationErrorOut}
IMPORT_REFUSED: dict[int, Any] = {
    409: ServiceErrorOut,
    422: InvalidFileOut | ServiceErrorOut | ValidationErrorOut,
}


class Filters(Schema):
    country: CountryCode | None = Field(None, description="ISO 3166-1 alpha-3 code of the owning country")
    category: CategoryCode | None = Field(None, description="A category of the standard's list")
    status: StatusCode | None = Field(None, description="developmentStatus")
    q: str | None = Field(None, max_length=200, description="Words in the name or the description")


class DescriptionOut(Schema):
    language: str
    localised_name: str
    short_description: str
    long_description: str
    features: list[str]
    screenshots: list[str]
    videos: list[str]


class AdoptionOut(Schema):
    id: int
    country: str
    country_name: str
    institution: int | None
    institution_name: str | None
    status: AdoptionCode
    since: datetime.date | None
    version: str
    evidence_url: str


class ContributionOut(Schema):
    id: int
    country: str
    country_name: str
    institution: int | None
    institution_name: str | None
    what: str
    what_translations: dict[str, str]
    original_language: str
    contributed_on: datetime.date | None


class SolutionRef(Schema):
    id: int
    name: str = Field(..., description="In the request's language, with a fallback")
    country: str = Field(..., description="ISO 3166-1 alpha-3 code of the solution's country")
    country_name: str
    url: str = Field(..., description="The solution's page")


class WorkingGroupRef(Schema):
    slug: str
    name: str = Field(..., description="In the request's language, or else in English")


class SoftwareOut(Schema):
    slug: str
    name: str
    url: str
    landing_url: str
    software_version: str
    release_date: datetime.date | None
    platforms: list[str]
    categories: list[str]
    development_status: str
    software_type: str
    license: str = Field(..., description="legal.license, an SPDX expression")
    main_copyright_owner: str
    maintenance: dict[str, Any] = Field(..., description="type, contractors and contacts (names only)")
    localisation_ready: bool
    available_languages: list[str]
    intended_audience: dict[str, Any]
    depends_on: dict[str, Any]
    is_based_on: list[str]
    country: str = Field(..., description="ISO 3166-1 alpha-3 code of the owning country")
    country_name: str
    institution: int | None
    institution_name: str | None
    description: DescriptionOut | None = Field(..., description="In the request's language, with a fallback")
    descriptions: dict[str, DescriptionOut] = Field(..., description="Every language of the file")
    adopting_countries: list[str]
    contributing_countries: list[str]
    adoptions: list[AdoptionOut]
    contributions: list[ContributionOut]
    solutions: list[SolutionRef] = Field(
        ..., description="The published solutions of the catalogue that use it"
    )
    working_group: WorkingGroupRef | None = Field(
        ..., description="The network's working group the software belongs to (not a key of publiccode.yml)"
    )
    revision: int | None = Field(..., description="How many versions of the file were imported")
    updated_at: datetime.datetime
    publiccode_url: str


class ImportOut(SoftwareOut):
    """A software as an import left it, with what the import did and the file's warnings."""

    changed: bool = Field(..., description="False when the file is the version already imported")
    warnings: list[ProblemOut] = Field(
        ...,
        description="Deprecated keys, an older publiccodeYmlVersion and the checks skipped offline",
    )


class SoftwareIn(Schema):
    publiccode: str = Field(..., description="The publiccode.yml, as text")
    country: CountryCode | None = Field(None, description="By default the one country the caller acts for")
    institution: int | None = Field(None, ge=1, le=MAX_ID)


class SoftwarePatch(Schema):
    country: CountryCode | None = Field(None, description="Another owning country (the Secretariat only)")
    institution: int | None = Field(None, ge=1, le=MAX_ID, description="An institution of the owning country")
    clear_institution: bool = False
    publiccode: str | None = Field(None, description="A new version of the file (same url)")
    solutions: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(
        None, description="Ids of the published solutions that use it (replaces them all)"
    )
    working_group: str | None = Field(
        None, max_length=80, description="The slug of the working group it belongs to"
    )
    clear_working_group: bool = Field(False, description="It belongs to no working group")


class AdoptionIn(Schema):
    country: CountryCode
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    status: AdoptionCode
    since: IsoDate | None = None
    version: str = ""
    evidence_url: str = ""


class ContributionIn(Schema):
    country: CountryCode
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    what: Texts
    original_language: str = original_language_in()
    contributed_on: IsoDate | None = None


def _description(entry: Any) -> dict[str, Any]:
    return {
        "language": entry.language,
        "localised_name": entry.localised_name,
        "short_description": entry.short_description,
        "long_description": entry.long_description,
        "features": entry.features,
        "screenshots": entry.screenshots,
        "videos": entry.videos,
    }


def public_maintenance(maintenance: dict[str, Any]) -> dict[str, Any]:
    """Maintenance without the contacts' e-mail addresses and telephone numbers (the file keeps them)."""
    answer = dict(maintenance)
    if "contacts" in answer:
        answer["contacts"] = [
            {key: value for key, value in contact.items() if key in ("name", "affiliation")}
            for contact in answer["contacts"]
        ]
    if "contractors" in answer:
        answer["contractors"] = [
            {key: value for key, value in contractor.items() if key != "email"}
            for contractor in answer["contractors"]
        ]
    return answer


def solution_ref(solution: Any) -> dict[str, Any]:
    return {
        "id": solution.pk,
        "name": solution.name,
        "country": solution.country.iso3,
        "country_name": solution.country.name,
        "url": reverse("awards:detail", args=[solution.pk]),
    }


def adoption_out(adoption: Adoption) -> dict[str, Any]:
    return {
        "id": adoption.pk,
        "country": adoption.country.iso3,
        "country_name": adoption.country.name,
        "institution": adoption.institution_id,
        "institution_name": adoption.institution.name if adoption.institution else None,
        "status": adoption.status,
        "since": adoption.since,
        "version": adoption.version,
        "evidence_url": adoption.evidence_url,
    }


def contribution_out(contribution: Contribution) -> dict[str, Any]:
    return {
        "id": contribution.pk,
        "country": contribution.country.iso3,
        "country_name": contribution.country.name,
        "institution": contribution.institution_id,
        "institution_name": contribution.institution.name if contribution.institution else None,
        **texts(contribution, "what"),
        "original_language": contribution.original_language,
        "contributed_on": contribution.contributed_on,
    }


def software_out(software: Software) -> dict[str, Any]:
    """The answer for a software read with ``selectors.with_related`` (no further query)."""
    from gealc.software.selectors import adopting_countries, contributing_countries, published_solutions

    chosen = software.description_for(current_language())
    return {
        "slug": software.slug,
        "name": software.name,
        "url": software.url,
        "landing_url": software.landing_url,
        "software_version": software.software_version,
        "release_date": software.release_date,
        "platforms": software.platforms,
        "categories": [row.code for row in software.category_rows.all()],
        "development_status": software.development_status,
        "software_type": software.software_type,
        "license": software.license,
        "main_copyright_owner": software.main_copyright_owner,
        "maintenance": public_maintenance(software.maintenance),
        "localisation_ready": software.localisation_ready,
        "available_languages": software.available_languages,
        "intended_audience": software.intended_audience,
        "depends_on": software.depends_on,
        "is_based_on": software.is_based_on,
        "country": software.country.iso3,
        "country_name": software.country.name,
        "institution": software.institution_id,
        "institution_name": software.institution.name if software.institution else None,
        "description": _description(chosen) if chosen else None,
        "descriptions": {entry.language: _description(entry) for entry in software.descriptions.all()},
        "adopting_countries": [country.iso3 for country in adopting_countries(software)],
        "contributing_countries": [country.iso3 for country in contributing_countries(software)],
        "adoptions": [adoption_out(adoption) for adoption in software.adoptions.all()],
        "contributions": [contribution_out(contribution) for contribution in software.contributions.all()],
        "solutions": [solution_ref(solution) for solution in published_solutions(software)],
        "working_group": (
            {"slug": software.working_group.slug, "name": str(software.working_group.name)}
            if software.working_group
            else None
        ),
        "revision": getattr(software, "revision", None),
        "updated_at": software.updated_at,
        "publiccode_url": f"/api/v1/software/{software.slug}/publiccode.yml",
    }
