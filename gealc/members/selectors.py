"""Reads of the member registry that pages and the API share."""

from __future__ import annotations

import unicodedata

from django.db.models import Count, Prefetch, Q, QuerySet

from gealc.core.i18n import translations
from gealc.members.models import Country, Institution, Subregion

# The namespace of what is kept in the cache about countries and subregions (the API's country list,
# ``gealc.core.api.answered_from_cache``): every save or deletion of either bumps it (``apps.py``), be
# it from the reference data, the admin or a service.
REFERENCE = "members:reference"


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


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, for matching."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace(".", " ").split())


def country_index() -> dict[str, Country]:
    """Every way a country may be named: ISO codes and its names in the network's languages."""
    index: dict[str, Country] = {}
    for country in Country.objects.all():
        for key in (country.iso2, country.iso3, *translations(country, "name").values()):
            if key:
                index[_fold(key)] = country
    return index


def resolve_country_names(names: list[str]) -> tuple[list[Country], list[str], list[str]]:
    """Resolve names (any of the four languages) or ISO codes to countries.

    Returns the countries in the order given, the names that match no country, and the names that
    repeat a country already listed (as written the second time).
    """
    index = country_index()
    found: list[Country] = []
    unknown: list[str] = []
    duplicates: list[str] = []
    seen: set[int] = set()
    for name in names:
        country = index.get(_fold(name or ""))
        if country is None:
            unknown.append(name)
        elif country.pk in seen:
            duplicates.append(name)
        else:
            seen.add(country.pk)
            found.append(country)
    return found, unknown, duplicates
