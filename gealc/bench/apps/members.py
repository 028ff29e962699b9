"""The member registry's part: synthetic countries and institutions, and the registry's endpoints."""

from __future__ import annotations

import random
from itertools import cycle

from django.conf import settings

from gealc.bench.registry import MARK, Contribution, Endpoint, Plan, Progress
from gealc.members.models import Country, Institution, Subregion

# The codes ISO 3166-1 leaves to its users (AA, QM to QZ, XA to XZ, ZZ): never a real country, so a
# synthetic country can never be mistaken for one. Their number caps the synthetic countries at 42.
USER_ASSIGNED = ["AA", *(f"Q{chr(c)}" for c in range(ord("M"), ord("Z") + 1))]
USER_ASSIGNED += [f"X{chr(c)}" for c in range(ord("A"), ord("Z") + 1)] + ["ZZ"]

INSTITUTIONS_PER_SCALE = 60


def synthetic_country_codes(scale: int) -> list[tuple[str, str]]:
    """(alpha-2, alpha-3) of the synthetic countries at ``scale``: none at scale 1, then up to 42."""
    wanted = min(len(USER_ASSIGNED), max(0, (scale - 1) * 5))
    return [(code, code + "Z") for code in USER_ASSIGNED[:wanted]]


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    subregions = cycle(list(Subregion.objects.order_by("position", "code")) or [None])
    countries = [
        Country(
            iso2=iso2,
            iso3=iso3,
            status=Country.Status.MEMBER,
            subregion=next(subregions),
            **{f"name_{code}": f"{MARK} Country {iso3}" for code in settings.LANGUAGE_CODES},
        )
        for iso2, iso3 in synthetic_country_codes(scale)
    ]
    Country.objects.bulk_create(countries)
    progress(f"members: {len(countries)} synthetic countries")
    national = list(Country.objects.order_by("iso3"))
    institutions = [
        Institution(
            name=f"{MARK} Agency {number:06d}",
            acronym=f"SA{number}",
            country=rng.choice(national),
            kind=Institution.Kind.AGENCY,
            website=f"https://agency{number}.example.org",
        )
        for number in range(INSTITUTIONS_PER_SCALE * scale)
    ]
    Institution.objects.bulk_create(institutions, batch_size=2000)
    progress(f"members: {len(institutions)} synthetic institutions")
    return {"countries": len(countries), "institutions": len(institutions)}


def plan(rng: random.Random, plan: Plan) -> None:
    codes = list(Country.objects.values_list("iso3", flat=True))
    institutions = Institution.objects.count()
    pages = [f"?offset={offset}" for offset in range(0, institutions, 50)]
    plan.endpoints += [
        Endpoint("home", "page", ["/"]),
        Endpoint("country page", "page", ["/countries/URY/", *(f"/countries/{c}/" for c in codes[:10])]),
        Endpoint("institutions page", "page", ["/institutions/"], paginated=True),
        Endpoint("API subregions", "api", ["/api/v1/subregions"], paginated=True),
        Endpoint("API countries", "api", ["/api/v1/countries"], floor="countries", paginated=True),
        Endpoint("API country", "api", [f"/api/v1/countries/{c}" for c in codes[:20]]),
        Endpoint(
            "API institutions",
            "api",
            [f"/api/v1/institutions{page}" for page in rng.sample(pages, min(len(pages), 20))],
            floor="institutions",
            paginated=True,
        ),
    ]
    plan.exports += ["/api/v1/subregions", "/api/v1/countries", "/api/v1/institutions"]


CONTRIBUTION = Contribution("members", generate, plan)
