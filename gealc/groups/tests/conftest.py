"""The working groups' test world: a platform group led by Uruguay, coordinated by Chile's expert, with
Brazil's delegate as a member; and the five groups of the reference data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from gealc.groups import services
from gealc.groups.models import GroupMembership, WorkingGroup
from gealc.members.models import Person
from gealc.members.tests.factories import PersonFactory, country


def person_of(user: Any) -> Person:
    return Person.objects.get(user=user)


def someone(**values: Any) -> Person:
    """A person of the registry (with an e-mail and a phone, which no page may show)."""
    person = PersonFactory(**values)
    assert isinstance(person, Person)
    return person


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def interoperability(cast: Any) -> WorkingGroup:
    return services.group_create(
        actor=cast.secretariat,
        name={"en": "Interoperability", "es": "Interoperabilidad", "pt": "Interoperabilidade"},
        mandate={
            "en": "Cross-border exchange of data between public administrations.",
            "es": "Intercambio transfronterizo de datos entre administraciones públicas.",
        },
        lead_country=country("URY"),
        start_date=days(-400),
        source="Resolution of the XIX Annual Meeting",
    )


@pytest.fixture
def coordinator(cast: Any, interoperability: WorkingGroup) -> GroupMembership:
    """Chile's expert coordinates the group for Chile."""
    return services.membership_add(
        actor=cast.secretariat,
        group=interoperability,
        person=person_of(cast.chile_expert),
        role="coordinator",
        country=country("CHL"),
        start_date=days(-300),
    )


@pytest.fixture
def member(cast: Any, interoperability: WorkingGroup, coordinator: GroupMembership) -> GroupMembership:
    """Brazil's delegate, added by the coordinator."""
    return services.membership_add(
        actor=cast.chile_expert,
        group=interoperability,
        person=person_of(cast.brazil_delegate),
        country=country("BRA"),
        start_date=days(-200),
    )
