"""Reads of the working groups: the list with its counts, a group's members by country and its
deliverables, the groups a person takes part in. Each in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from gealc.core.i18n import localized_column
from gealc.groups.models import Deliverable, GroupMembership, GroupRole, WorkingGroup
from gealc.members.models import Country, Person


def _in_force(prefix: str, day: datetime.date) -> Q:
    return Q(**{f"{prefix}start_date__lte": day}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day})
    )


def group_list(*, active: bool | None = None, country: Country | None = None) -> QuerySet[WorkingGroup]:
    """The groups, the active ones first, each by name in the visitor's language, with
    ``active_now``, ``member_countries`` (countries with a member today) and ``deliverable_count``.

    ``active`` keeps the active (True) or the past (False) groups; ``country`` those the country leads
    or has a member in today."""
    today = timezone.localdate()
    groups = WorkingGroup.objects.select_related("lead_country")
    if active is True:
        groups = groups.active(today)
    elif active is False:
        groups = groups.past(today)
    if country is not None:
        groups = groups.filter(
            Q(lead_country=country)
            | Exists(GroupMembership.objects.in_force(today).filter(group=OuterRef("pk"), country=country))
        )
    return groups.annotate(
        active_now=Case(
            When(Q(end_date__isnull=True) | Q(end_date__gte=today), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        member_countries=Count(
            "memberships__country", filter=_in_force("memberships__", today), distinct=True
        ),
        deliverable_count=Count("deliverables", distinct=True),
    ).order_by("-active_now", localized_column("name"), "pk")


def group_by_slug(slug: str) -> WorkingGroup | None:
    return WorkingGroup.objects.select_related("lead_country").filter(slug=slug).first()


@dataclass
class CountryMembers:
    """The people who take part in a group on behalf of one country (``country`` None: of none)."""

    country: Country | None
    memberships: list[GroupMembership] = field(default_factory=list)


@dataclass
class Members:
    coordinators: list[GroupMembership]
    by_country: list[CountryMembers]
    earlier: list[GroupMembership]
    upcoming: list[GroupMembership]

    @property
    def countries(self) -> list[Country]:
        return [entry.country for entry in self.by_country if entry.country is not None]

    @property
    def current(self) -> list[GroupMembership]:
        return [membership for entry in self.by_country for membership in entry.memberships]


def members_of(group: WorkingGroup) -> Members:
    """Everyone who takes part in ``group`` today, by country (by name, those of no country last), the
    coordinators among them, those whose membership ended and those whose membership starts later:
    one query."""
    today = timezone.localdate()
    rows = list(
        GroupMembership.objects.filter(group=group)
        .select_related("person", "country")
        .order_by("person__name", "start_date", "pk")
    )
    current = [
        row for row in rows if row.start_date <= today and (row.end_date is None or row.end_date >= today)
    ]
    by_key: dict[int | None, CountryMembers] = {}
    for membership in current:
        entry = by_key.setdefault(membership.country_id, CountryMembers(membership.country))
        entry.memberships.append(membership)
    ordered = sorted(
        by_key.values(),
        key=lambda entry: (entry.country is None, str(entry.country.name) if entry.country else ""),
    )
    return Members(
        coordinators=[row for row in current if row.role == GroupRole.COORDINATOR],
        by_country=ordered,
        earlier=sorted(
            (row for row in rows if row.end_date is not None and row.end_date < today),
            key=lambda row: (row.end_date, row.pk),
            reverse=True,
        ),
        upcoming=[row for row in rows if row.start_date > today],
    )


def deliverables_of(group: WorkingGroup) -> list[Deliverable]:
    """The group's deliverables: those with a date, the latest first, then those without one."""
    rows = list(Deliverable.objects.filter(group=group).order_by("pk"))
    return sorted(
        rows, key=lambda row: (row.date is None, -(row.date.toordinal() if row.date else 0), row.pk)
    )


@dataclass(frozen=True)
class GroupOfPerson:
    group: WorkingGroup
    membership: GroupMembership

    @property
    def coordinates(self) -> bool:
        return self.membership.role == GroupRole.COORDINATOR


def groups_of(user: Any) -> list[GroupOfPerson]:
    """The groups the user's person takes part in today, by name, with their membership."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    memberships = (
        GroupMembership.objects.in_force()
        .filter(person__user=user)
        .select_related("group", "country")
        .order_by(localized_column("group__name"), "pk")
    )
    return [GroupOfPerson(group=row.group, membership=row) for row in memberships]


def people_matching(query: str, *, group: WorkingGroup, limit: int = 20) -> list[int]:
    """The ids of the first ``limit`` people of the registry whose name holds ``query``, by name, who
    may join ``group`` (not its current or coming members, nor those whose data was erased): a page
    finds a person by name instead of listing the whole registry."""
    query = (query or "").strip()
    if not query:
        return []
    members = GroupMembership.objects.filter(group=group).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=timezone.localdate())
    )
    return list(
        Person.objects.filter(name__icontains=query, erased_at__isnull=True)
        .exclude(pk__in=members.values("person"))
        .order_by("name", "pk")
        .values_list("pk", flat=True)[:limit]
    )
