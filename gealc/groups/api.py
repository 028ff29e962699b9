"""The working groups' API: ``/api/v1/groups``. Public reads, with no contact data."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.core.api import BAD_INPUT, NOT_FOUND, Rows
from gealc.core.i18n import texts
from gealc.groups import selectors
from gealc.groups.models import WorkingGroup
from gealc.groups.schemas import (
    GroupDetailOut,
    GroupFilters,
    GroupOut,
    deliverable_out,
    group_out,
    person_out,
)
from gealc.groups.sections import SOFTWARE, sections_for
from gealc.members.models import Country

router = Router()


def _rows(queryset: QuerySet[WorkingGroup]) -> list[dict[str, Any]]:
    return [group_out(group) for group in queryset]


@router.get("/groups", response={200: list[GroupOut], **BAD_INPUT}, summary="The working groups")
@paginate
def list_groups(request: HttpRequest, filters: Query[GroupFilters]) -> Rows:
    """The active groups first, then those that ended, each by name. ``active`` keeps one or the other;
    ``country`` (alpha-3) the groups the country leads or has someone taking part in today (a code of no
    country in the registry has none)."""
    country = None
    if filters.country:
        country = Country.objects.filter(iso3=filters.country.upper()).first()
        if country is None:
            return Rows(WorkingGroup.objects.none(), _rows)
    return Rows(selectors.group_list(active=filters.active, country=country), _rows)


@router.get("/groups/{slug}", response={200: GroupDetailOut, **NOT_FOUND}, summary="One working group")
def get_group(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The group with its mandate, its coordinators, who takes part today by country (names and the
    registry's ids, never contact data), its deliverables and its public software."""
    group = selectors.group_list().filter(slug=slug).first()
    if group is None:
        raise HttpError(404, f"No working group {slug!r}")
    members = selectors.members_of(group)
    software = next((section for section in sections_for(group) if section["key"] == SOFTWARE), {})
    return {
        **group_out(group),
        **texts(group, "mandate"),
        "coordinators": [
            {
                "id": membership.person_id,
                "name": membership.person.name,
                "country": membership.country.iso3 if membership.country else None,
            }
            for membership in members.coordinators
        ],
        "members": [
            {
                "country": entry.country.iso3 if entry.country else None,
                "country_name": str(entry.country.name) if entry.country else None,
                "people": [person_out(membership) for membership in entry.memberships],
            }
            for entry in members.by_country
        ],
        "deliverables": [deliverable_out(deliverable) for deliverable in selectors.deliverables_of(group)],
        "software": [row.slug for row in software.get("software", [])],
    }
