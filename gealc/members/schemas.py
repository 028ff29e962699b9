from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema

from gealc.members.models import Country, Institution, Subregion

Status = Literal["member", "observer", "partner"]


class SubregionOut(Schema):
    code: str
    name: str
    seats: int
    countries: list[str] = Field(..., description="ISO 3166-1 alpha-3 codes of the subregion's countries")

    @staticmethod
    def resolve_countries(obj: Subregion) -> list[str]:
        return sorted(country.iso3 for country in obj.countries.all())


class AuthorityOut(Schema):
    id: int
    name: str
    acronym: str


class CountryOut(Schema):
    iso2: str
    iso3: str
    name: str
    subregion: str | None = Field(None, description="Code of the subregion, if any")
    status: Status
    joined: datetime.date | None

    @staticmethod
    def resolve_subregion(obj: Country) -> str | None:
        return obj.subregion.code if obj.subregion else None


class CountryDetailOut(CountryOut):
    subregion_name: str | None
    authority: AuthorityOut | None

    @staticmethod
    def resolve_subregion_name(obj: Country) -> str | None:
        return obj.subregion.name if obj.subregion else None


class CountryFilters(Schema):
    subregion: str | None = Field(None, description="Subregion code, e.g. mercosur", max_length=40)
    status: Status | None = None


class InstitutionOut(Schema):
    id: int
    name: str
    acronym: str
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code; empty for an international body")
    kind: str
    website: str
    partner: bool

    @staticmethod
    def resolve_country(obj: Institution) -> str | None:
        return obj.country.iso3 if obj.country else None

    @staticmethod
    def resolve_partner(obj: Institution) -> bool:
        return obj.is_partner


class InstitutionFilters(Schema):
    country: str | None = Field(None, description="ISO 3166-1 alpha-3 code", max_length=3)
