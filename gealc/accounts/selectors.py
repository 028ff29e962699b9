"""Reads of accounts and roles that pages share."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gealc.accounts.roles import countries_for, has_role
from gealc.core.i18n import localized_column
from gealc.members.models import Country, Membership, Role


def people_countries(viewer: Any) -> set[str] | None:
    """The countries whose people ``viewer`` may list: None for every country (the Secretariat)."""
    if has_role(viewer, Role.SECRETARIAT):
        return None
    return countries_for(viewer, Role.HEAD_OF_DELEGATION)


def role_holders(
    viewer: Any, *, country: Country | None = None, role: str | None = None
) -> QuerySet[Membership]:
    """The memberships in force today or to come, by country, role and name; a head of delegation sees
    only their own country's."""
    today = timezone.localdate()
    memberships = (
        Membership.objects.in_force_during(start=today, end=None)
        .select_related("person__user", "person__institution", "country")
        .order_by(f"country__{localized_column('name')}", "role", "person__name", "pk")
    )
    allowed = people_countries(viewer)
    if allowed is not None:
        memberships = memberships.filter(country__iso3__in=allowed)
    if country is not None:
        memberships = memberships.filter(country=country)
    if role:
        memberships = memberships.filter(role=role)
    return memberships


def memberships_of(user: Any) -> QuerySet[Membership]:
    """Every membership of the user's person, by role and country, the latest term first."""
    return (
        Membership.objects.filter(person__user=user)
        .select_related("country", "institution")
        .order_by("role", f"country__{localized_column('name')}", "-start_date", "pk")
    )
