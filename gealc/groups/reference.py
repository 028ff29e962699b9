"""Reference data of the working groups: the groups the network's sources name
(``working_groups.csv``, marked ``historical``, each with its source; no date or member is invented) and
what the sources say they produced (``working_group_deliverables.csv``, keyed by the group's slug).

Loading twice changes nothing; a group of the file that was created on the platform stops the load."""

from __future__ import annotations

from gealc.core.refdata import LoadContext
from gealc.groups.models import Deliverable, DeliverableKind, DeliverableStatus, WorkingGroup


def load_groups(context: LoadContext) -> dict[str, WorkingGroup]:
    groups: dict[str, WorkingGroup] = {}
    for row in context.rows("working_groups.csv", required={"slug", "source"}, texts=WorkingGroup):
        slug = row.require("slug")
        if slug in groups:
            raise row.error(f"the group {slug!r} is listed twice")
        existing = WorkingGroup.objects.filter(slug=slug).first()
        if existing is not None and not existing.historical:
            raise row.error(f"the group {slug!r} exists on the platform and is not historical")
        names = {
            column: value for column, value in row.texts(WorkingGroup).items() if column.startswith("name_")
        }
        groups[slug] = context.upsert(
            WorkingGroup,
            lookup={"slug": slug},
            values={"historical": True, "source": row.require("source"), **names},
        )
    return groups


def load_deliverables(context: LoadContext) -> None:
    for row in context.rows(
        "working_group_deliverables.csv",
        required={"group", "kind", "status", "title_en"},
        optional={"date", "url", "title_es", "title_pt", "title_fr"},
    ):
        slug = row.require("group")
        group = WorkingGroup.objects.filter(slug=slug).first()
        if group is None:
            raise row.error(f"no working group {slug!r} (list it in working_groups.csv first)")
        kind, status = row.require("kind"), row.require("status")
        if kind not in DeliverableKind.values:
            raise row.error(f"kind {kind!r} is not one of {', '.join(DeliverableKind.values)}")
        if status not in DeliverableStatus.values:
            raise row.error(f"status {status!r} is not one of {', '.join(DeliverableStatus.values)}")
        titles = {column: row.get(column) for column in ("title_es", "title_pt", "title_fr")}
        context.upsert(
            Deliverable,
            lookup={"group": group, "title_en": row.require("title_en")},
            values={
                **titles,
                "original_language": "en",
                "kind": kind,
                "status": status,
                "date": row.date("date", required=False),
                "url": row.get("url"),
            },
        )


def load(context: LoadContext) -> None:
    load_groups(context)
    load_deliverables(context)
