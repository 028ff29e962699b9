"""The catalogue's part: synthetic software described by publiccode.yml documents, their descriptions,
categories and first revision, and adoptions by other countries; the catalogue page, a software page and
the API list. Rows are written in bulk as the import would write them."""

from __future__ import annotations

import random
from typing import Any

from gealc.bench.apps.accounts import bearer, delegate_email
from gealc.bench.registry import MARK, Contribution, Endpoint, Plan, Progress, Write
from gealc.members.models import Country
from gealc.software.models import (
    Adoption,
    AdoptionStatus,
    Software,
    SoftwareCategory,
    SoftwareDescription,
    SoftwareRevision,
)
from gealc.software.publiccode import dump
from gealc.software.services import digest_of

SOFTWARE_PER_SCALE = 200
CATEGORIES = ["workflow-management", "document-management", "survey", "e-signature", "identity-management"]
LONG = (
    "A synthetic piece of public software for the benchmark, with a long description of the length the "
    "standard asks for, which is at least one hundred and fifty characters long."
)


def _document(number: int, category: str) -> dict[str, Any]:
    name = f"{MARK} Software {number:05d}"
    return {
        "publiccodeYmlVersion": "0",
        "name": name,
        "url": f"https://example.invalid/software-{number}.git",
        "platforms": ["web"],
        "categories": [category],
        "developmentStatus": "stable",
        "softwareType": "standalone/web",
        "description": {
            "en": {"shortDescription": f"{name} in short.", "longDescription": LONG, "features": ["Forms"]}
        },
        "legal": {"license": "AGPL-3.0-or-later"},
        "maintenance": {"type": "community", "contacts": [{"name": f"{MARK} Maintainer"}]},
        "localisation": {"localisationReady": True, "availableLanguages": ["es"]},
    }


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    countries = list(Country.objects.members().order_by("iso3"))
    records, documents = [], []
    for number in range(SOFTWARE_PER_SCALE * scale):
        document = _document(number, rng.choice(CATEGORIES))
        documents.append(document)
        records.append(
            Software(
                slug=f"synthetic-software-{number:05d}",
                name=str(document["name"]),
                url=str(document["url"]),
                platforms=["web"],
                development_status="stable",
                software_type="standalone/web",
                license="AGPL-3.0-or-later",
                maintenance_type="community",
                localisation_ready=True,
                available_languages=["es"],
                original_language="en",
                document=document,
                country=rng.choice(countries),
            )
        )
    software = Software.objects.bulk_create(records, batch_size=2000)
    SoftwareDescription.objects.bulk_create(
        [
            SoftwareDescription(
                software=row,
                language="en",
                short_description=f"{row.name} in short.",
                long_description=LONG,
                features=["Forms"],
            )
            for row in software
        ],
        batch_size=5000,
    )
    SoftwareCategory.objects.bulk_create(
        [
            SoftwareCategory(software=row, code=document["categories"][0])
            for row, document in zip(software, documents, strict=True)
        ],
        batch_size=5000,
    )
    SoftwareRevision.objects.bulk_create(
        [
            SoftwareRevision(
                software=row, number=1, digest=digest_of(document), text=dump(document), document=document
            )
            for row, document in zip(software, documents, strict=True)
        ],
        batch_size=2000,
    )
    adoptions = []
    for row in software:
        for country in rng.sample(countries, rng.randint(0, 3)):
            if country.pk != row.country_id:
                adoptions.append(
                    Adoption(software=row, country=country, status=rng.choice(AdoptionStatus.values))
                )
    Adoption.objects.bulk_create(adoptions, batch_size=5000)
    progress(f"software: {len(software)} software with {len(adoptions)} adoptions")
    return {"software": len(software), "adoptions": len(adoptions)}


def plan(rng: random.Random, plan: Plan) -> None:
    count = Software.objects.count()
    slugs = list(Software.objects.order_by("slug").values_list("slug", flat=True)[:200])
    pages = [f"?page={number}" for number in range(1, max(count // 20, 1) + 1)]
    offsets = [f"?offset={offset}" for offset in range(0, count, 50)]
    plan.endpoints += [
        Endpoint(
            "software catalogue",
            "page",
            [f"/software/{p}" for p in rng.sample(pages, min(20, len(pages)))],
            paginated=True,
        ),
        Endpoint(
            "software page", "page", [f"/software/{slug}/" for slug in rng.sample(slugs, min(20, len(slugs)))]
        ),
        Endpoint(
            "API software",
            "api",
            [f"/api/v1/software{p}" for p in rng.sample(offsets, min(20, len(offsets)))],
            paginated=True,
        ),
    ]
    plan.exports += ["/api/v1/software"]
    target = next((slug for slug in slugs if slug.startswith("synthetic-")), None)
    if target is None:
        return
    owner = Software.objects.filter(slug=target).values_list("country__iso3", flat=True).first()
    # Countries that use it already would have their second adoption refused (a 409).
    adopting = Adoption.objects.filter(software__slug=target).values("country")
    others = Country.objects.members().exclude(iso3=owner).exclude(pk__in=adopting)
    for iso3 in others.order_by("iso3").values_list("iso3", flat=True)[:10]:
        plan.writes.append(
            Write(
                "record an adoption",
                "POST",
                f"/api/v1/software/{target}/adoptions",
                bearer(delegate_email(iso3)),
                {"country": iso3, "status": "evaluating"},
            )
        )


CONTRIBUTION = Contribution("software", generate, plan)
