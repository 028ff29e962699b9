"""Writes of the public-software catalogue: importing a publiccode.yml, the network's data of a software,
adoptions and contributions.

Each service checks the actor's permission (``gealc.software.rules``), writes in one transaction and
appends the decision to the decision log. An import is checked whole before anything is written: a file
with any problem changes nothing, the same document twice changes nothing, and a different document of
the same software (same ``url``) updates the record and adds a revision to its history, unless it is
older than the record (an earlier ``releaseDate``, or without dates a lower ``softwareVersion``).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from packaging.version import InvalidVersion, Version

from gealc.accounts.roles import countries_for
from gealc.awards.models import Solution
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.figures import changed
from gealc.core.i18n import clean_texts
from gealc.core.pages import writes_parts
from gealc.groups.models import WorkingGroup
from gealc.members.models import Country, Institution, Role
from gealc.software.models import (
    Adoption,
    AdoptionStatus,
    Contribution,
    Software,
    SoftwareBase,
    SoftwareCategory,
    SoftwareDescription,
    SoftwareRevision,
    adoptions_by,
    adoptions_from,
    adoptions_of,
)
from gealc.software.publiccode import Problem, parse

FIGURES = "software"
# Paths of the pages and API next to the software's own (``/software/<slug>/``) that a slug must not take.
RESERVED_SLUGS = frozenset({"import", "figures", "charts", "new", "workspace"})


class InvalidFile(ServiceError):
    """A publiccode.yml with problems: ``errors`` (and ``warnings``) list each with key, line and message."""

    def __init__(self, message: str, *, errors: list[Problem], warnings: list[Problem]) -> None:
        super().__init__(
            message,
            field="publiccode",
            errors=[problem_out(problem) for problem in errors],
            warnings=[problem_out(problem) for problem in warnings],
        )
        self.problems = errors
        self.warnings = warnings


def problem_out(problem: Problem) -> dict[str, Any]:
    return {"key": problem.key, "line": problem.line, "column": problem.column, "message": problem.message}


@dataclass
class ImportOutcome:
    software: Software
    created: bool
    changed: bool
    warnings: list[Problem] = field(default_factory=list)


def digest_of(document: Mapping[str, Any]) -> str:
    """The same document, whatever the order of its keys or the layout of its file, has one digest."""
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def acting_country(actor: Any) -> Country | None:
    """The one country a delegate or head of delegation acts for (None for none or several)."""
    codes = countries_for(actor, Role.DELEGATE, Role.HEAD_OF_DELEGATION)
    if len(codes) != 1:
        return None
    return Country.objects.filter(iso3=next(iter(codes))).first()


def _institution_of(institution: Institution | None, country: Country, field: str = "institution") -> None:
    if institution is not None and institution.country_id != country.pk:
        raise ServiceError(
            _("The institution %(name)s is not of %(country)s.")
            % {"name": institution.name, "country": country.name},
            field=field,
        )


# The columns' limits, for what the standard leaves unbounded: a longer value is a problem of the file.
LIMITS = {
    "name": 200,
    "url": 500,
    "landingURL": 500,
    "softwareVersion": 100,
    "legal.license": 300,
    "legal.mainCopyrightOwner": 300,
}


def _too_long(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for key, limit in LIMITS.items():
        value: Any = data
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str) and len(value) > limit:
            problems.append(Problem(key, 0, 0, f"{key} must be at most {limit} characters long"))
    for language, entry in (data.get("description") or {}).items():
        if len(language) > 35 or len(str(entry.get("localisedName") or "")) > 200:
            problems.append(
                Problem(f"description.{language}", 0, 0, "the language or localisedName is too long")
            )
    return problems


def check_file(text: str | bytes) -> tuple[dict[str, Any], list[Problem]]:
    """The normalised document and its warnings, or InvalidFile listing every problem."""
    result = parse(text)
    problems = list(result.errors)
    if result.data is not None:
        problems += _too_long(result.data)
    if problems or result.data is None:
        raise InvalidFile(
            ngettext(
                "The publiccode.yml has %(count)d problem; nothing was imported.",
                "The publiccode.yml has %(count)d problems; nothing was imported.",
                len(problems),
            )
            % {"count": len(problems)},
            errors=problems,
            warnings=result.warnings,
        )
    return result.data, result.warnings


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "software")[:100].strip("-") or "software"
    if base in RESERVED_SLUGS:
        base = f"{base}-software"
    slug, number = base, 1
    while Software.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    legal = data.get("legal") or {}
    localisation = data.get("localisation") or {}
    release = data.get("releaseDate")
    descriptions = list((data.get("description") or {}).keys())
    return {
        "name": data["name"],
        "url": data["url"],
        "landing_url": data.get("landingURL", ""),
        "software_version": data.get("softwareVersion", ""),
        "release_date": datetime.date.fromisoformat(release) if release else None,
        "platforms": list(data.get("platforms") or []),
        "development_status": data.get("developmentStatus", ""),
        "software_type": data.get("softwareType", ""),
        "license": legal.get("license", ""),
        "main_copyright_owner": legal.get("mainCopyrightOwner", ""),
        "maintenance_type": (data.get("maintenance") or {}).get("type", ""),
        "localisation_ready": bool(localisation.get("localisationReady", False)),
        "available_languages": list(localisation.get("availableLanguages") or []),
        "original_language": descriptions[0] if descriptions else "",
        "document": data,
    }


def _write_rows(software: Software, data: dict[str, Any]) -> None:
    """The description, categories and origins of the record, as the document has them now."""
    software.descriptions.all().delete()
    software.category_rows.all().delete()
    software.base_rows.all().delete()
    SoftwareDescription.objects.bulk_create(
        SoftwareDescription(
            software=software,
            language=language,
            position=position,
            localised_name=entry.get("localisedName", ""),
            short_description=entry.get("shortDescription", ""),
            long_description=entry.get("longDescription", ""),
            features=list(entry.get("features") or []),
            screenshots=list(entry.get("screenshots") or []),
            videos=list(entry.get("videos") or []),
        )
        for position, (language, entry) in enumerate((data.get("description") or {}).items())
    )
    SoftwareCategory.objects.bulk_create(
        SoftwareCategory(software=software, code=code) for code in dict.fromkeys(data.get("categories") or [])
    )
    SoftwareBase.objects.bulk_create(
        SoftwareBase(software=software, url=url) for url in dict.fromkeys(data.get("isBasedOn") or [])
    )


def _version_order(one: str, other: str) -> int | None:
    """-1, 0 or 1 as version ``one`` is lower than, the same as or higher than ``other``; None when they
    cannot be compared (either is empty or reads as no version)."""
    one, other = one.strip().removeprefix("v"), other.strip().removeprefix("v")
    if not one or not other:
        return None
    # PEP 440 versions ("1.0rc1" < "1.0"); other versions of numbers only ("2024.03.1") as numbers.
    try:
        first, second = Version(one), Version(other)
    except InvalidVersion:
        pass
    else:
        return (first > second) - (first < second)
    numbers = [part.split(".") for part in (one, other)]
    if all(piece.isdigit() for parts in numbers for piece in parts):
        left, right = (tuple(int(piece) for piece in parts) for parts in numbers)
        return (left > right) - (left < right)
    return None


def _edition(version: str, day: datetime.date | None) -> str:
    if version and day:
        return _("version %(version)s of %(date)s") % {"version": version, "date": formats.date_format(day)}
    if version:
        return _("version %(version)s") % {"version": version}
    if day:
        return _("the release of %(date)s") % {"date": formats.date_format(day)}
    return _("a version without number or date")


def _refuse_older(software: Software, columns: Mapping[str, Any]) -> None:
    """Conflict when the file describes an earlier release than the record: by ``releaseDate`` when both
    have one, else by ``softwareVersion``; a file that cannot be placed before the record is taken."""
    day, current_day = columns["release_date"], software.release_date
    version, current = columns["software_version"], software.software_version
    if day is not None and current_day is not None:
        older, field = day < current_day, "releaseDate"
    else:
        older, field = _version_order(version, current) == -1, "softwareVersion"
    if older:
        raise Conflict(
            _(
                "This file is older than the catalogue's record: it describes %(file)s, the catalogue has "
                "%(current)s. Nothing was imported; import the current version or a later one."
            )
            % {"file": _edition(version, day), "current": _edition(current, current_day)},
            field=field,
        )


def software_import(
    *,
    actor: Any,
    text: str | bytes,
    country: Country | None = None,
    institution: Institution | None = None,
    reference: bool = False,
) -> ImportOutcome:
    """Import a publiccode.yml: create the software of its ``url`` or update it.

    A new software belongs to ``country`` (by default the one country the actor acts for) and, if given,
    ``institution`` of that country; an existing one keeps its own. The actor must act for that country
    or be the Secretariat (``reference``: the network's own reference data, loaded by the system, which
    no permission concerns). Raises InvalidFile (every problem of the file), or Conflict for a file older
    than the record it would update, before writing anything.
    """
    data, warnings = check_file(text)
    raw = text.decode("utf-8") if isinstance(text, bytes) else text
    digest = digest_of(data)
    with transaction.atomic():
        software = Software.objects.select_for_update().filter(url=data["url"]).first()
        if software is not None:
            if not reference:
                require(actor, "software.change_software", software)
            last = software.revisions.order_by("-number").first()
            if last is not None and last.digest == digest:
                return ImportOutcome(software, created=False, changed=False, warnings=warnings)
            columns = _columns(data)
            _refuse_older(software, columns)
            number = (last.number if last else 0) + 1
            for name, value in columns.items():
                setattr(software, name, value)
            software.updated_at = timezone.now()
            software.save()
            created = False
        else:
            country = country or acting_country(actor)
            if country is None:
                raise ServiceError(_("Choose the country the software belongs to."), field="country")
            if not reference:
                require(actor, "software.import_software", country)
            _institution_of(institution, country)
            software = Software.objects.create(
                slug=_unique_slug(data["name"]), country=country, institution=institution, **_columns(data)
            )
            number = 1
            created = True
        _write_rows(software, data)
        SoftwareRevision.objects.create(
            software=software,
            number=number,
            digest=digest,
            text=raw,
            document=data,
            software_version=software.software_version,
            imported_by=_user(actor),
        )
        record_decision(
            actor=_user(actor),
            action="software.import",
            target=software,
            payload={"slug": software.slug, "revision": number, "created": created, "digest": digest},
        )
        changed(FIGURES)
    return ImportOutcome(software, created=created, changed=True, warnings=warnings)


def _published(solutions: Sequence[Solution], *, linked: Sequence[int]) -> list[Solution]:
    """The solutions, once each, or ServiceError naming the first added one that the catalogue does not
    show (a solution linked before keeps its link while it is out of the catalogue)."""
    chosen = list({solution.pk: solution for solution in solutions}.values())
    added = [solution.pk for solution in chosen if solution.pk not in linked]
    shown = set(Solution.objects.published().filter(pk__in=added).values_list("pk", flat=True))
    for solution in chosen:
        if solution.pk in added and solution.pk not in shown:
            raise ServiceError(
                _("The solution %(name)s is not published in the catalogue.") % {"name": solution.name},
                field="solutions",
            )
    return chosen


def software_update(
    *,
    actor: Any,
    software: Software,
    country: Country | None = None,
    institution: Institution | None = None,
    clear_institution: bool = False,
    solutions: Sequence[Solution] | None = None,
    working_group: WorkingGroup | None = None,
    clear_working_group: bool = False,
) -> Software:
    """Change the network's data of a software: its owning institution, the published solutions of the
    catalogue that use it (``solutions`` replaces them all; None keeps them), its working group
    (``working_group``, or none with ``clear_working_group``) and (the Secretariat only) its owning
    country. What the publiccode.yml says changes only by importing a new version of it."""
    require(actor, "software.change_software", software)
    with transaction.atomic():
        software = Software.objects.select_for_update().select_related("country").get(pk=software.pk)
        linked = sorted(software.solutions.values_list("pk", flat=True))
        chosen = _published(solutions, linked=linked) if solutions is not None else None
        before = {
            "country": software.country.iso3,
            "institution": software.institution_id,
            "solutions": linked,
            "working_group": software.working_group.slug if software.working_group else None,
        }
        if country is not None and country.pk != software.country_id:
            require(actor, "software.transfer_software", software)
            software.country = country
            if institution is None and software.institution is not None:
                software.institution = None
        if clear_institution:
            software.institution = None
        elif institution is not None:
            _institution_of(institution, software.country)
            software.institution = institution
        if clear_working_group:
            software.working_group = None
        elif working_group is not None:
            software.working_group = working_group
        if chosen is not None:
            software.solutions.set(chosen)
        after = {
            "country": software.country.iso3,
            "institution": software.institution_id,
            "solutions": sorted(solution.pk for solution in chosen) if chosen is not None else linked,
            "working_group": software.working_group.slug if software.working_group else None,
        }
        if after != before:
            software.updated_at = timezone.now()
            software.save(update_fields=["country", "institution", "working_group", "updated_at"])
            record_decision(
                actor=_user(actor),
                action="software.update",
                target=software,
                payload={"slug": software.slug, "before": before, "after": after},
            )
            changed(FIGURES)
    return software


_URL = URLValidator(schemes=["http", "https"])


def _evidence(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        _URL(value)
    except ValidationError:
        raise ServiceError(
            _("The evidence link must be an http or https address."), field="evidence_url"
        ) from None
    if len(value) > 500:
        raise ServiceError(_("The evidence link is longer than 500 characters."), field="evidence_url")
    return value


def _past(day: datetime.date | None, field: str) -> datetime.date | None:
    if day is not None and day > timezone.localdate():
        raise ServiceError(_("This date is in the future."), field=field)
    return day


def adoption_record(
    *,
    actor: Any,
    software: Software,
    country: Country,
    status: str,
    institution: Institution | None = None,
    since: datetime.date | None = None,
    version: str = "",
    evidence_url: str = "",
) -> tuple[Adoption, bool]:
    """Record that ``country`` (or its ``institution``) uses ``software``, or change how far it does.

    One adoption per country (and one per institution): recording it again updates it. For the
    Secretariat or the country's own delegates. Returns the adoption and whether it is new."""
    require(actor, "software.record_adoption", country)
    if status not in AdoptionStatus.values:
        raise ServiceError(
            _("The status must be one of %(codes)s.") % {"codes": ", ".join(AdoptionStatus.values)},
            field="status",
        )
    _institution_of(institution, country)
    version = (version or "").strip()
    if len(version) > 100:
        raise ServiceError(_("The version is longer than 100 characters."), field="version")
    values = {
        "status": status,
        "since": _past(since, "since"),
        "version": version,
        "evidence_url": _evidence(evidence_url),
    }
    with transaction.atomic():
        owner = Software.objects.select_for_update().filter(pk=software.pk).values_list("country", flat=True)
        parts = [adoptions_of(software.pk), adoptions_by(country.pk), *map(adoptions_from, owner)]
        with writes_parts(Adoption, parts=parts):
            adoption, created = Adoption.objects.update_or_create(
                software=software,
                country=country,
                institution=institution,
                defaults={**values, "recorded_by": _user(actor), "recorded_at": timezone.now()},
            )
        record_decision(
            actor=_user(actor),
            action="software.adoption",
            target=adoption,
            payload={
                "software": software.slug,
                "country": country.iso3,
                "institution": institution.pk if institution else None,
                "status": status,
                "created": created,
            },
        )
        changed(FIGURES)
    return adoption, created


def contribution_record(
    *,
    actor: Any,
    software: Software,
    country: Country,
    what: Mapping[str, str],
    original_language: str,
    institution: Institution | None = None,
    contributed_on: datetime.date | None = None,
) -> Contribution:
    """Record what ``country`` (or its ``institution``) contributed to ``software``, and when. For the
    Secretariat or the country's own delegates."""
    require(actor, "software.record_contribution", country)
    _institution_of(institution, country)
    texts = clean_texts(Contribution, {"what": what}, original_language=original_language, required=["what"])
    with transaction.atomic():
        contribution = Contribution.objects.create(
            software=software,
            country=country,
            institution=institution,
            original_language=original_language.strip().lower(),
            contributed_on=_past(contributed_on, "contributed_on"),
            recorded_by=_user(actor),
            **texts,
        )
        record_decision(
            actor=_user(actor),
            action="software.contribution",
            target=contribution,
            payload={"software": software.slug, "country": country.iso3},
        )
        changed(FIGURES)
    return contribution
