"""The import of the historical catalogue from a CSV file (the ``import_solutions`` command and the
Secretariat's upload page).

The file is checked whole before anything stays written: every bad line is reported with its number and
the reason, in the language of whoever imports, and then nothing is written at all (one transaction).
A line is matched with a solution already in the catalogue by its ``id`` column when it has one, else by
its country and its name in its original language; a matched solution whose values are the same is not
written, so importing the same file twice changes nothing. Imported solutions are published directly
(they are historical) and marked as imported.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gealc.awards.models import Solution, SolutionChange, SolutionState
from gealc.awards.services import TEXTS, check_solution, search_document
from gealc.core.audit import record_decision
from gealc.core.errors import ServiceError, require
from gealc.core.i18n import columns, localized_column
from gealc.members.models import Country, Institution

REQUIRED_COLUMNS = ("country", "original_language", "theme")
OPTIONAL_COLUMNS = (
    "id", "institution", "url", "year_started", "status", "sdgs", "tags", "languages", "contact_name",
    "contact_email",
)  # fmt: skip
MAX_LINES = 20000


def text_columns() -> list[str]:
    return columns(Solution, *TEXTS)


def all_columns() -> list[str]:
    return ["id", "country", "original_language", *text_columns(), *OPTIONAL_COLUMNS[1:], "theme"]


@dataclass(frozen=True)
class LineError:
    line: int
    reason: str

    def __str__(self) -> str:
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRefused(ServiceError):
    """The file has bad lines: ``errors`` names each, and nothing was written."""

    def __init__(self, errors: list[LineError]) -> None:
        super().__init__(
            _("The file was not imported: %(count)d line(s) to correct.") % {"count": len(errors)},
            field="file",
        )
        self.errors = errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lines: int = 0
    solutions: list[int] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text), strict=True)
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    missing += [] if localized_column("name", "en") in header or any(
        column in header for column in columns(Solution, "name")
    ) else ["name_en"]  # fmt: skip
    unknown = [name for name in header if name not in all_columns()]
    if missing or unknown:
        reasons = []
        if missing:
            reasons.append(_("missing column(s): %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            reasons.append(_("unknown column(s): %(names)s") % {"names": ", ".join(unknown)})
        raise ImportRefused([LineError(1, "; ".join(reasons))])
    reader.fieldnames = header
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ImportRefused(
                [LineError(reader.line_num, _("malformed line (%(error)s)") % {"error": exc})]
            ) from exc
        if reader.line_num > MAX_LINES:
            raise ImportRefused([LineError(reader.line_num, _("the file has too many lines"))])
        if None in values or any(value is None for value in values.values()):
            raise ImportRefused(
                [LineError(reader.line_num, _("expected %(count)d fields") % {"count": len(header)})]
            )
        if any((value or "").strip() for value in values.values()):
            yield reader.line_num, {key: (value or "").strip() for key, value in values.items()}


def _values(row: dict[str, str], country: Country) -> dict[str, Any]:
    """The line as ``check_solution`` takes it."""
    texts: dict[str, dict[str, str]] = {name: {} for name in TEXTS}
    for name in TEXTS:
        for code in settings.LANGUAGE_CODES:
            column = localized_column(name, code)
            if column in row:
                texts[name][code] = row[column]
    institution = None
    if row.get("institution"):
        label = row["institution"]
        institution = Institution.objects.filter(
            Q(name__iexact=label) | Q(acronym__iexact=label), country=country
        ).first()
        if institution is None:
            raise ServiceError(
                _("%(country)s has no institution named %(name)r.")
                % {"country": country.name, "name": label},
                field="institution",
            )
    year = row.get("year_started", "")
    if year and not year.isdigit():
        raise ServiceError(
            _("The year must be a whole number, not %(value)r.") % {"value": year}, field="year_started"
        )
    return {
        **texts,
        "original_language": row.get("original_language", ""),
        "theme": row.get("theme", ""),
        "institution": institution,
        "url": row.get("url", ""),
        "year_started": int(year) if year else None,
        "status": row.get("status") or "operation",
        "goals": _split(row.get("sdgs", "")),
        "tags": _split(row.get("tags", "")),
        "languages": _split(row.get("languages", "")),
        "contact_name": row.get("contact_name", ""),
        "contact_email": row.get("contact_email", ""),
        "reference": row.get("id", ""),
    }


def _match(row: dict[str, str], country: Country, values: dict[str, Any]) -> Solution | None:
    if row.get("id"):
        return Solution.objects.filter(reference=row["id"]).first()
    original = (values["original_language"] or "").lower()
    name = values["name"].get(original, "")
    return Solution.objects.filter(country=country, name_key=" ".join(name.casefold().split())).first()


def _differs(solution: Solution, fields: dict[str, Any], goals: list[Any]) -> bool:
    if any(getattr(solution, name) != value for name, value in fields.items()):
        return True
    return sorted(goal.pk for goal in goals) != sorted(solution.goals.values_list("pk", flat=True))


def _import_line(
    row: dict[str, str], *, actor: Any, result: ImportResult, seen: dict[tuple[Any, ...], int], line: int
) -> None:
    code = row.get("country", "").upper()
    country = Country.objects.filter(iso3=code).first() if code else None
    if country is None:
        raise ServiceError(
            _("No country with code %(code)r.") % {"code": row.get("country", "")}, field="country"
        )
    values = _values(row, country)
    existing = _match(row, country, values)
    if existing is not None and not existing.imported:
        raise ServiceError(
            _("Solution %(id)d of %(country)s was written on the platform; an import does not change it.")
            % {"id": existing.pk, "country": existing.country.name},
            field="id" if row.get("id") else "name",
        )
    if existing is not None and existing.country_id != country.pk:
        raise ServiceError(
            _("The id %(id)r belongs to a solution of another country.") % {"id": row["id"]}, field="id"
        )
    fields, goals, _missions = check_solution(country=country, current=existing, **values)
    key = ("id", row["id"]) if row.get("id") else ("name", country.pk, fields["name_key"])
    if key in seen:
        raise ServiceError(
            _("The same solution is on line %(line)d already.") % {"line": seen[key]}, field="name"
        )
    seen[key] = line
    if existing is None:
        solution = Solution(
            country=country, state=SolutionState.PUBLISHED, imported=True, published_at=timezone.now(),
            created_by=actor if getattr(actor, "is_authenticated", False) else None, **fields,
        )  # fmt: skip
        result.created += 1
    elif _differs(existing, fields, goals):
        solution = existing
        for name, value in fields.items():
            setattr(solution, name, value)
        result.updated += 1
    else:
        result.unchanged += 1
        result.solutions.append(existing.pk)
        return
    solution.search_text = search_document(solution)
    solution.save()
    solution.goals.set(goals)
    SolutionChange.objects.create(
        solution=solution,
        action="import",
        to_state=solution.state,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    result.solutions.append(solution.pk)


def solutions_import(*, actor: Any, text: str) -> ImportResult:
    """Import the catalogue in ``text`` (CSV with a header line, UTF-8) in one transaction.

    ``actor`` None is the command line (whoever runs it has the server); a user needs the Secretariat's
    permission. Raises ImportRefused with every bad line, having written nothing."""
    if actor is not None:
        require(actor, "awards.import_solutions")
    result = ImportResult()
    errors: list[LineError] = []
    seen: dict[tuple[Any, ...], int] = {}
    with transaction.atomic():
        for line, row in _rows(text.lstrip("\ufeff")):
            result.lines += 1
            try:
                with transaction.atomic():
                    _import_line(row, actor=actor, result=result, seen=seen, line=line)
            except ServiceError as exc:
                where = f"{exc.field}: " if exc.field else ""
                errors.append(LineError(line, f"{where}{exc.message}"))
        if errors:
            transaction.set_rollback(True)
            raise ImportRefused(errors)
        if result.created or result.updated:
            record_decision(
                actor=actor,
                action="awards.solutions.import",
                payload={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            )
    return result
