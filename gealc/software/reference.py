"""Reference data of the catalogue: the network's shared software as publiccode.yml files
(``software.csv`` names each file, its owning country and, when the sources say, the working group it
belongs to), and the adoptions and contributions the sources record (``software_adoptions.csv``,
``software_contributions.csv``, keyed by the software's slug).

The files go through the same import as a delegate's upload, so a file with a problem stops the load
with its key path and line, and loading twice changes nothing."""

from __future__ import annotations

from gealc.core.refdata import LoadContext, Row
from gealc.groups.models import WorkingGroup
from gealc.members.models import Country
from gealc.software.models import Adoption, AdoptionStatus, Contribution, Software
from gealc.software.services import InvalidFile, software_import


def _country(row: Row, code: str) -> Country:
    country = Country.objects.filter(iso3=code.upper()).first()
    if country is None:
        raise row.error(f"no country {code!r}")
    return country


def _software(row: Row, slug: str) -> Software:
    software = Software.objects.filter(slug=slug).first()
    if software is None:
        raise row.error(f"no software {slug!r} (list it in software.csv first)")
    return software


def load_software(context: LoadContext) -> None:
    for row in context.rows("software.csv", required={"file", "country"}, optional={"working_group"}):
        path = context.path(row.require("file"))
        if not path.exists():
            raise row.error(f"no file {row.get('file')!r}")
        try:
            outcome = software_import(
                actor=None,
                text=path.read_text(encoding="utf-8"),
                country=_country(row, row.require("country")),
                reference=True,
            )
        except InvalidFile as exc:
            first = exc.problems[0]
            raise row.error(f"{path.name}, line {first.line}: {first.key}: {first.message}") from exc
        changed = _set_working_group(row, outcome.software)
        label = "software " + (
            "created" if outcome.created else "updated" if outcome.changed or changed else "unchanged"
        )
        context.counts[label] += 1


def _set_working_group(row: Row, software: Software) -> bool:
    """The working group the file names (its slug); an empty cell leaves the software's as it is."""
    slug = row.get("working_group")
    if not slug:
        return False
    group = WorkingGroup.objects.filter(slug=slug).first()
    if group is None:
        raise row.error(f"no working group {slug!r} (list it in working_groups.csv)")
    if software.working_group_id == group.pk:
        return False
    software.working_group = group
    software.save(update_fields=["working_group"])
    return True


def load_adoptions(context: LoadContext) -> None:
    for row in context.rows(
        "software_adoptions.csv",
        required={"software", "country", "status"},
        optional={"since", "version", "evidence_url"},
    ):
        status = row.require("status")
        if status not in AdoptionStatus.values:
            raise row.error(f"status {status!r} is not one of {', '.join(AdoptionStatus.values)}")
        context.upsert(
            Adoption,
            lookup={
                "software": _software(row, row.require("software")),
                "country": _country(row, row.require("country")),
                "institution": None,
            },
            values={
                "status": status,
                "since": row.date("since", required=False),
                "version": row.get("version"),
                "evidence_url": row.get("evidence_url"),
            },
        )


def load_contributions(context: LoadContext) -> None:
    for row in context.rows(
        "software_contributions.csv",
        required={"software", "country", "what_en"},
        optional={"what_es", "what_pt", "what_fr", "contributed_on"},
    ):
        software = _software(row, row.require("software"))
        country = _country(row, row.require("country"))
        what = {column: row.get(column) for column in ("what_en", "what_es", "what_pt", "what_fr")}
        context.upsert(
            Contribution,
            lookup={"software": software, "country": country, "what_en": what.pop("what_en")},
            values={
                **what,
                "original_language": "en",
                "contributed_on": row.date("contributed_on", required=False),
            },
        )


def load(context: LoadContext) -> None:
    load_software(context)
    load_adoptions(context)
    load_contributions(context)
