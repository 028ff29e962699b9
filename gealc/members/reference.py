"""Reference data of the member registry: subregions, countries and institutions."""

from __future__ import annotations

import re

from gealc.core.i18n import localized_column
from gealc.core.refdata import LoadContext, Row
from gealc.members.countries import iso_country
from gealc.members.models import Country, Institution, Subregion


def _country(row: Row, column: str, *, required: bool) -> Country | None:
    code = row.get(column)
    if not code:
        if required:
            raise row.error(f"{column} is empty")
        return None
    found = (
        Country.objects.filter(iso3=code.upper()).first() or Country.objects.filter(iso2=code.upper()).first()
    )
    if found is None:
        raise row.error(f"unknown country code {code!r} in {column} (not in countries.csv)")
    return found


def load_subregions(context: LoadContext) -> None:
    seen: set[str] = set()
    for row in context.rows(
        "subregions.csv",
        required={"code", "seats"},
        optional={"position"},
        texts=Subregion,
    ):
        code = row.require("code").lower()
        if code in seen:
            raise row.error(f"subregion {code!r} is listed twice")
        seen.add(code)
        context.upsert(
            Subregion,
            lookup={"code": code},
            values={
                "seats": row.whole("seats"),
                "position": row.whole("position", required=False) or 0,
                **row.texts(Subregion),
            },
        )


def load_countries(context: LoadContext) -> None:
    subregions = {subregion.code: subregion for subregion in Subregion.objects.all()}
    statuses = set(Country.Status.values)
    seen: set[str] = set()
    for row in context.rows("countries.csv", required={"iso3", "status"}, optional={"subregion", "joined"}):
        code = row.require("iso3")
        found = iso_country(code)
        if found is None:
            raise row.error(f"unknown country code {code!r} (not an ISO 3166-1 code)")
        iso2, iso3, names = found
        if iso3 in seen:
            raise row.error(f"country {iso3} is listed twice")
        seen.add(iso3)
        status = row.require("status").lower()
        if status not in statuses:
            raise row.error(f"unknown status {status!r} (expected one of: {', '.join(sorted(statuses))})")
        subregion_code = row.get("subregion").lower()
        if subregion_code and subregion_code not in subregions:
            raise row.error(f"unknown subregion {subregion_code!r}")
        joined = row.date("joined", required=False)
        context.upsert(
            Country,
            lookup={"iso3": iso3},
            values={
                "iso2": iso2,
                **{localized_column("name", code): name for code, name in names.items()},
                "status": status,
                "subregion": subregions.get(subregion_code),
                "joined": joined,
            },
        )


# A source's date as precise as the source gives it: a year, a month or a day.
_SOURCE_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _check_source(row: Row) -> None:
    """Where a record comes from (``source_url``, ``source_date``): kept in the file for whoever checks
    or updates it, not loaded into the database."""
    url = row.get("source_url")
    if url and not url.startswith(("https://", "http://")):
        raise row.error(f"source_url must start with https:// or http://, not {url!r}")
    date = row.get("source_date")
    if date and not _SOURCE_DATE.match(date):
        raise row.error(f"source_date must be written YYYY, YYYY-MM or YYYY-MM-DD, not {date!r}")
    if date and not url:
        raise row.error("source_date is given without a source_url")


def load_institutions(context: LoadContext) -> None:
    kinds = set(Institution.Kind.values)
    seen: set[tuple[str, str]] = set()
    authorities: dict[str, int] = {}
    for row in context.rows(
        "institutions.csv",
        required={"name", "kind"},
        optional={
            "acronym",
            "country",
            "website",
            "national_authority",
            "partner",
            "partner_role",
            "source_url",
            "source_date",
        },
    ):
        name = row.require("name")
        country = _country(row, "country", required=False)
        key = (name.casefold(), country.iso3 if country else "")
        if key in seen:
            raise row.error(f"institution {name!r} is listed twice")
        seen.add(key)
        kind = row.require("kind")
        if kind not in kinds:
            raise row.error(f"unknown kind {kind!r} (expected one of: {', '.join(sorted(kinds))})")
        _check_source(row)
        website = row.get("website")
        if website and not website.startswith(("https://", "http://")):
            raise row.error(f"website must start with https:// or http://, not {website!r}")
        institution = context.upsert(
            Institution,
            lookup={"name": name, "country": country},
            values={
                "acronym": row.get("acronym"),
                "kind": kind,
                "website": website,
                "is_partner": row.flag("partner"),
                "partner_role": row.get("partner_role"),
            },
        )
        if row.flag("national_authority"):
            if country is None:
                raise row.error("a national authority needs a country")
            if country.iso3 in authorities:
                raise row.error(
                    f"{country.iso3} already has a national authority (line {authorities[country.iso3]}); "
                    "a country has one at a time"
                )
            authorities[country.iso3] = row.line
            if country.authority_id != institution.pk:
                country.authority = institution
                country.save(update_fields=["authority"])
                context.counts["national authorities set"] += 1


def load(context: LoadContext) -> None:
    load_subregions(context)
    load_countries(context)
    load_institutions(context)
