"""Reference data of the network's governance: past meetings, who took part, their resolutions and the
Executive Committee's history."""

from __future__ import annotations

from gealc.core.refdata import LoadContext, Row
from gealc.governance.models import CommitteeMembership, Delegation, Meeting, Motion
from gealc.members.models import Country, Institution, Subregion
from gealc.members.selectors import _fold, country_index


def _country(row: Row, column: str) -> Country:
    code = row.require(column).upper()
    country = Country.objects.filter(iso3=code).first()
    if country is None:
        raise row.error(f"unknown country code {code!r} in {column}")
    return country


def _meeting(row: Row, meetings: dict[str, Meeting]) -> Meeting:
    key = row.require("meeting")
    if key not in meetings:
        raise row.error(
            f"unknown meeting {key!r} (write it as kind:number, e.g. annual:9, as in meetings.csv)"
        )
    return meetings[key]


def load_meetings(context: LoadContext) -> dict[str, Meeting]:
    kinds = set(Meeting.Kind.values)
    meetings: dict[str, Meeting] = {}
    for row in context.rows(
        "meetings.csv",
        required={"kind", "ordinal", "title_en", "start_date", "end_date", "host_country", "city_en"},
        texts=Meeting,
    ):
        kind = row.require("kind")
        if kind not in kinds:
            raise row.error(f"unknown kind {kind!r} (expected one of: {', '.join(sorted(kinds))})")
        ordinal = row.whole("ordinal")
        start, end = row.date("start_date"), row.date("end_date")
        assert start is not None and end is not None
        if end < start:
            raise row.error("end_date is before start_date")
        meetings[f"{kind}:{ordinal}"] = context.upsert(
            Meeting,
            lookup={"kind": kind, "ordinal": ordinal},
            values={
                **row.texts(Meeting),
                "title_en": row.require("title_en"),
                "original_language": "en",
                "start_date": start,
                "end_date": end,
                "host_country": _country(row, "host_country"),
                "city_en": row.require("city_en"),
            },
        )
    return meetings


def load_participants(context: LoadContext, meetings: dict[str, Meeting]) -> None:
    """Countries are named as a list of the time would name them (any language or ISO code). A country
    named twice is refused unless its line says ``reconcile=duplicate``: the repetition is then a
    known slip of the source, kept visible in the data file instead of silently ignored."""
    index = country_index()
    wanted: dict[int, dict[int, tuple[Country, dict[str, str]]]] = {}
    first_line: dict[tuple[int, int], int] = {}
    for row in context.rows(
        "meeting_participants.csv",
        required={"meeting", "country"},
        optional={"reconcile"},
        texts=Delegation,
    ):
        meeting = _meeting(row, meetings)
        name = row.require("country")
        country = index.get(_fold(name))
        if country is None:
            raise row.error(f"{name!r} is not a known country name or ISO code")
        reconcile = row.get("reconcile").lower()
        if reconcile not in {"", "duplicate", "added"}:
            raise row.error(f"reconcile must be empty, duplicate or added, not {reconcile!r}")
        key = (meeting.pk, country.pk)
        if key in first_line:
            if reconcile != "duplicate":
                raise row.error(
                    f"{name} is named twice for {meeting} (first on line {first_line[key]}); "
                    "if the source really repeats it, write reconcile=duplicate on this line"
                )
            context.counts["participants reconciled as duplicates"] += 1
            continue
        if reconcile == "duplicate":
            raise row.error(f"{name} is marked duplicate but was not named before for {meeting}")
        first_line[key] = row.line
        wanted.setdefault(meeting.pk, {})[country.pk] = (country, row.texts(Delegation))
    for meeting_id, countries in wanted.items():
        existing = {d.country_id: d for d in Delegation.objects.filter(meeting_id=meeting_id)}
        for country_id, (_country_row, note) in countries.items():
            delegation = existing.get(country_id)
            if delegation is None:
                Delegation.objects.create(meeting_id=meeting_id, country_id=country_id, **note)
                context.counts["delegations created"] += 1
            elif changed := [column for column, text in note.items() if getattr(delegation, column) != text]:
                for column in changed:
                    setattr(delegation, column, note[column])
                delegation.save(update_fields=changed)
                context.counts["delegations updated"] += 1
            else:
                context.counts["delegations unchanged"] += 1
        removed = [pk for pk in existing if pk not in countries]
        if removed:
            Delegation.objects.filter(meeting_id=meeting_id, country_id__in=removed).delete()
            context.counts["delegations removed"] += len(removed)


def load_motions(context: LoadContext, meetings: dict[str, Meeting]) -> None:
    for row in context.rows(
        "motions.csv",
        required={"meeting", "rule", "result", "title_en"},
        optional={"note"},
        texts=Motion,
    ):
        meeting = _meeting(row, meetings)
        rule = row.require("rule")
        if rule not in {"simple_majority", "two_thirds", "consensus"}:
            raise row.error(f"unknown rule {rule!r}")
        result = row.require("result")
        if result not in Motion.Result.values:
            raise row.error(f"unknown result {result!r}")
        # Motions of the reference files are written in English and known by their English title.
        title = row.require("title_en")
        texts = row.texts(Motion)
        del texts["title_en"]
        context.upsert(
            Motion,
            lookup={"meeting": meeting, "title_en": title},
            values={
                **texts,
                "rule": rule,
                "status": Motion.Status.CLOSED,
                "result": result,
                "note": row.get("note"),
                "original_language": "en",
            },
        )


def load_committee(context: LoadContext) -> None:
    subregions = {subregion.code: subregion for subregion in Subregion.objects.all()}
    for row in context.rows(
        "committee.csv",
        required={"country", "seat", "start_date"},
        optional={"subregion", "institution", "end_date"},
        texts=CommitteeMembership,
    ):
        seat = row.require("seat")
        if seat not in CommitteeMembership.Seat.values:
            raise row.error(f"seat must be president or member, not {seat!r}")
        code = row.get("subregion")
        if code and code not in subregions:
            raise row.error(f"unknown subregion {code!r}")
        institution = None
        if row.get("institution"):
            institution = Institution.objects.filter(acronym=row.get("institution")).first()
            if institution is None:
                raise row.error(f"unknown institution {row.get('institution')!r} (use its acronym)")
        start, end = row.date("start_date"), row.date("end_date", required=False)
        if end is not None and start is not None and end < start:
            raise row.error("end_date is before start_date")
        context.upsert(
            CommitteeMembership,
            lookup={"country": _country(row, "country"), "seat": seat, "start_date": start},
            values={
                "subregion": subregions.get(code),
                "institution": institution,
                "end_date": end,
                **row.texts(CommitteeMembership),
            },
        )


def load(context: LoadContext) -> None:
    meetings = load_meetings(context)
    load_participants(context, meetings)
    load_motions(context, meetings)
    load_committee(context)
