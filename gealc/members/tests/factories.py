"""Factories for registry records that tests add beside the reference data."""

import factory

from gealc.members.models import Country, Institution, Person


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Agency number {n}")
    acronym = factory.Sequence(lambda n: f"AG{n}")
    kind = Institution.Kind.AGENCY
    website = "https://example.org"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = "+598 2901 0000"


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)
