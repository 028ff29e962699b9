"""The shapes of the working groups' API: no contact data, only the names the group pages show."""

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.urls import reverse
from ninja import Field, Schema

from gealc.core.i18n import texts
from gealc.groups.models import Deliverable, DeliverableKind, DeliverableStatus, GroupMembership, GroupRole

CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]

if TYPE_CHECKING:
    RoleCode = str
    KindCode = str
    StatusCode = str
else:
    RoleCode = Literal[tuple(GroupRole.values)]
    KindCode = Literal[tuple(DeliverableKind.values)]
    StatusCode = Literal[tuple(DeliverableStatus.values)]


class GroupFilters(Schema):
    active: bool | None = Field(None, description="true: the active groups; false: those that ended")
    country: CountryCode | None = Field(
        None, description="Groups the country leads or has someone taking part in today"
    )


class GroupRef(Schema):
    slug: str
    name: str = Field(..., description="In the request's language, or else in English")


class GroupOut(Schema):
    slug: str
    name: str = Field(..., description="In the request's language, or else in English")
    name_translations: dict[str, str]
    lead_country: str | None = Field(..., description="ISO 3166-1 alpha-3 code of the lead country")
    lead_country_name: str | None
    start_date: datetime.date | None
    end_date: datetime.date | None
    active: bool = Field(..., description="No end date, or an end date not past yet")
    historical: bool = Field(..., description="Known from the network's sources, without member records")
    source: str
    member_country_count: int = Field(..., description="Countries with someone taking part today")
    deliverable_count: int = Field(..., description="How many deliverables the group has")
    url: str = Field(..., description="The group's page")


class PersonOut(Schema):
    id: int = Field(..., description="The person's id in the registry")
    name: str
    role: RoleCode
    start_date: datetime.date


class CountryMembersOut(Schema):
    country: str | None = Field(..., description="ISO 3166-1 alpha-3 code; null: on behalf of no country")
    country_name: str | None
    people: list[PersonOut]


class CoordinatorOut(Schema):
    id: int
    name: str
    country: str | None


class DeliverableOut(Schema):
    id: int
    title: str
    title_translations: dict[str, str]
    summary: str
    summary_translations: dict[str, str]
    original_language: str
    kind: KindCode
    status: StatusCode
    date: datetime.date | None = Field(..., description="When it is due, or the day it was delivered")
    url: str = Field(..., description="Link to the document")


class GroupDetailOut(GroupOut):
    mandate: str
    mandate_translations: dict[str, str]
    coordinators: list[CoordinatorOut]
    members: list[CountryMembersOut] = Field(..., description="Who takes part today, by country")
    deliverables: list[DeliverableOut]
    software: list[str] = Field(..., description="Slugs of the public software of the group")


def group_out(group: Any) -> dict[str, Any]:
    """A group of ``selectors.group_list`` (with its counts) as the list answers it."""
    country = group.lead_country
    return {
        "slug": group.slug,
        **texts(group, "name"),
        "lead_country": country.iso3 if country else None,
        "lead_country_name": str(country.name) if country else None,
        "start_date": group.start_date,
        "end_date": group.end_date,
        "active": bool(group.active_now),
        "historical": group.historical,
        "source": group.source,
        "member_country_count": group.member_countries,
        "deliverable_count": group.deliverable_count,
        "url": reverse("groups:detail", args=[group.slug]),
    }


def person_out(membership: GroupMembership) -> dict[str, Any]:
    return {
        "id": membership.person_id,
        "name": membership.person.name,
        "role": membership.role,
        "start_date": membership.start_date,
    }


def deliverable_out(deliverable: Deliverable) -> dict[str, Any]:
    return {
        "id": deliverable.pk,
        **texts(deliverable, "title", "summary"),
        "original_language": deliverable.original_language,
        "kind": deliverable.kind,
        "status": deliverable.status,
        "date": deliverable.date,
        "url": deliverable.url,
    }
