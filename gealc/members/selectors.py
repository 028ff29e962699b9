"""Reads of the member registry that pages and the API share."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from gealc.members.models import Country, Institution, Subregion


def subregions_with_countries() -> QuerySet[Subregion]:
    """Subregions in their set order, each with its countries prefetched and its member count annotated."""
    subregions = Subregion.objects.annotate(
        member_count=Count("countries", filter=Q(countries__status=Country.Status.MEMBER))
    ).prefetch_related(Prefetch("countries", queryset=Country.objects.by_name()))
    # Meta.ordering does not apply to aggregate queries, hence the explicit order.
    return subregions.order_by("position", "code")


def country_list(*, subregion: str | None = None, status: str | None = None) -> QuerySet[Country]:
    countries = Country.objects.select_related("subregion").order_by("iso3")
    if subregion:
        countries = countries.filter(subregion__code=subregion.lower())
    if status:
        countries = countries.filter(status=status)
    return countries


def country_by_code(code: str) -> Country | None:
    """A country by alpha-3 or alpha-2 code, case-insensitive."""
    code = code.strip().upper()
    field = "iso2" if len(code) == 2 else "iso3"
    return Country.objects.select_related("subregion", "authority").filter(**{field: code}).first()


def institution_list(*, country: str | None = None) -> QuerySet[Institution]:
    institutions = Institution.objects.select_related("country").order_by("name", "pk")
    if country:
        institutions = institutions.filter(country__iso3=country.upper())
    return institutions
