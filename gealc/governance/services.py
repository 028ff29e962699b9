"""Writes of the network's governance. Each checks permission, validates, writes in one transaction and
records decisions (votes, openings, closings, certifications, approvals) in the decision log."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop, pgettext

from gealc.accounts.roles import countries_for
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, Forbidden, ServiceError, require
from gealc.core.i18n import (
    clean_texts,
    in_every_language,
    language_code,
    localized_column,
    text_field,
    text_in,
    texts_in_every_language,
    translations,
)
from gealc.core.pages import writes_parts
from gealc.core.uploads import store_upload
from gealc.core.workflow import check_step
from gealc.governance.counting import (
    MotionTally,
    Quorum,
    SeatCount,
    SeatRule,
    Turnout,
    motion_count,
    quorum_count,
    seats_count,
    turnout_count,
)
from gealc.governance.models import (
    BALLOT_TABLES,
    Activity,
    AgendaItem,
    Axis,
    Ballot,
    BallotChoice,
    BallotParticipation,
    Candidacy,
    CommitteeMembership,
    Contest,
    DecisionRule,
    Delegation,
    Election,
    Meeting,
    MeetingDocument,
    Motion,
    NetworkRules,
    ProgressUpdate,
    Vote,
    VoteOption,
    WorkPlan,
    ballots_part,
)
from gealc.governance.workflow import ELECTION_STEPS, MOTION_STEPS
from gealc.members.models import Country, Role, Subregion
from gealc.members.selectors import resolve_country_names

# The axes of a new work plan: their titles come in every language from the interface's catalogues.
DEFAULT_AXES = [
    ("public-software", gettext_noop("Public software")),
    ("open-data", gettext_noop("Open data")),
    ("measurement", gettext_noop("Measurement of digital government")),
    ("knowledge", gettext_noop("Knowledge management")),
]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def committee_term(start: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a Committee's term that starts on ``start`` (the network's rules)."""
    return start, add_months(start, NetworkRules.current().committee_term_months) - datetime.timedelta(days=1)


# Meetings and attendance -------------------------------------------------------------------------


def meeting_create(
    *,
    actor: Any,
    title: Mapping[str, str],
    original_language: str,
    start_date: datetime.date,
    end_date: datetime.date,
    host_country: Country,
    city: str | Mapping[str, str],
    kind: str = Meeting.Kind.ANNUAL,
    ordinal: int | None = None,
) -> Meeting:
    """A meeting, its title and its city in any of the languages (at least in the original one); a city
    given as one name is the original language's."""
    require(actor, "governance.manage")
    texts = _meeting_texts(title, city, original_language)
    fields = _meeting_fields(
        kind=kind, ordinal=ordinal, start_date=start_date, end_date=end_date, host_country=host_country,
        meeting=None,
    )  # fmt: skip
    with transaction.atomic():
        meeting = Meeting.objects.create(**fields, **texts, original_language=original_language)
        record_decision(actor=actor, action="meeting.create", target=meeting, payload={"kind": meeting.kind})
    return meeting


def _meeting_texts(
    title: Mapping[str, str], city: str | Mapping[str, str], original_language: str
) -> dict[str, str]:
    """The checked columns of a meeting's title and city."""
    if isinstance(city, str):
        if not city.strip():
            raise ServiceError(gettext("Say in which city the meeting is held."), field="city")
        if len(city.strip()) > (Meeting._meta.get_field("city_en").max_length or 0):
            raise ServiceError(gettext("The city's name is too long."), field="city")
        city = {language_code(original_language): city}
    return clean_texts(
        Meeting,
        {"title": title, "city": city},
        original_language=original_language,
        required=["title", "city"],
    )


def _meeting_fields(
    *,
    kind: str,
    ordinal: int | None,
    start_date: datetime.date,
    end_date: datetime.date,
    host_country: Country,
    meeting: Meeting | None,
) -> dict[str, Any]:
    """The checked columns of a meeting, new (``meeting`` None) or changed."""
    if kind not in Meeting.Kind.values:
        raise ServiceError(gettext("unknown kind of meeting “%(kind)s”") % {"kind": kind}, field="kind")
    if end_date < start_date:
        raise ServiceError(gettext("the meeting ends before it starts"), field="end_date")
    if not EARLIEST_DATE <= start_date <= LATEST_DATE:
        raise ServiceError(
            gettext("The date must be between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            field="start_date",
        )
    same = Meeting.objects.filter(kind=kind, ordinal=ordinal)
    if meeting is not None:
        same = same.exclude(pk=meeting.pk)
    if ordinal and same.exists():
        raise Conflict(
            gettext("there is already a meeting of this kind numbered %(number)s") % {"number": ordinal},
            field="ordinal",
        )
    return {
        "kind": kind,
        "ordinal": ordinal,
        "start_date": start_date,
        "end_date": end_date,
        "host_country": host_country,
    }


def meeting_edit(
    *,
    actor: Any,
    meeting: Meeting,
    title: Mapping[str, str],
    original_language: str,
    start_date: datetime.date,
    end_date: datetime.date,
    host_country: Country,
    city: str | Mapping[str, str],
    kind: str = Meeting.Kind.ANNUAL,
    ordinal: int | None = None,
) -> Meeting:
    """Change a meeting: its title and city in the languages given (an empty text removes that
    translation; a city given as one name is the original language's), its kind, number, dates and
    place. The history keeps every version."""
    require(actor, "governance.manage")
    texts = _meeting_texts(title, city, original_language)
    fields = _meeting_fields(
        kind=kind, ordinal=ordinal, start_date=start_date, end_date=end_date, host_country=host_country,
        meeting=meeting,
    )  # fmt: skip
    changes = {**fields, **texts, "original_language": original_language}
    with transaction.atomic():
        for name, value in changes.items():
            setattr(meeting, name, value)
        meeting.save()
        record_decision(
            actor=actor, action="meeting.edit", target=meeting, payload={"fields": sorted(changes)}
        )
    return meeting


def agenda_item_add(
    *, actor: Any, meeting: Meeting, title: Mapping[str, str], position: int | None = None
) -> AgendaItem:
    """An item of the meeting's agenda, last unless a position is given; its title in English at least
    (the agenda's columns require it), in any other language too."""
    require(actor, "governance.manage")
    texts = clean_texts(AgendaItem, {"title": title}, original_language="en", required=["title"])
    if position is None:
        last = AgendaItem.objects.filter(meeting=meeting).order_by("-position").first()
        position = last.position + 1 if last is not None else 1
    if not 0 <= position <= 999:
        raise ServiceError(gettext("The position is a number from 0 to 999."), field="position")
    return AgendaItem.objects.create(meeting=meeting, position=position, **texts)


def agenda_item_edit(*, actor: Any, item: AgendaItem, title: Mapping[str, str], position: int) -> AgendaItem:
    require(actor, "governance.manage")
    texts = clean_texts(AgendaItem, {"title": title}, original_language="en", required=["title"])
    if not 0 <= position <= 999:
        raise ServiceError(gettext("The position is a number from 0 to 999."), field="position")
    for name, value in texts.items():
        setattr(item, name, value)
    item.position = position
    item.save()
    return item


def agenda_item_remove(*, actor: Any, item: AgendaItem) -> None:
    require(actor, "governance.manage")
    item.delete()


def meeting_document_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    language: str,
    url: str = "",
    upload: UploadedFile[bytes] | None = None,
) -> MeetingDocument:
    """A document of the meeting: a web address, or a file checked and stored by ``store_upload``."""
    require(actor, "governance.manage")
    title = (title or "").strip()
    if not title:
        raise ServiceError(gettext("Give the document a title."), field="title")
    if len(title) > (MeetingDocument._meta.get_field("title").max_length or 0):
        raise ServiceError(gettext("The title is too long."), field="title")
    language = language_code(language, field="language")
    url = (url or "").strip()
    if bool(url) == (upload is not None):
        raise ServiceError(gettext("Give either a web address or a file, not both."), field="url")
    fields: dict[str, Any] = {}
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise ServiceError(
                gettext("“%(link)s” is not a web address") % {"link": url}, field="url"
            ) from None
        fields["url"] = url
    else:
        assert upload is not None
        stored = store_upload(upload, folder="meetings", field="upload")
        fields.update(
            file_path=stored.name,
            file_label=stored.original_name,
            file_content_type=stored.content_type,
            file_size=stored.size,
            file_sha256=stored.sha256,
        )
    return MeetingDocument.objects.create(meeting=meeting, title=title, language=language, **fields)


def meeting_document_remove(*, actor: Any, document: MeetingDocument) -> None:
    require(actor, "governance.manage")
    document.delete()


def participants_set(*, actor: Any, meeting: Meeting, names: list[str]) -> list[Delegation]:
    """Record which countries took part, from names in any of the four languages or ISO codes.

    A list that names a country twice, or a name that matches no country, is refused as a whole with
    the offending names listed; nothing is recorded then.
    """
    if actor is not None:
        require(actor, "governance.manage")
    countries, unknown, duplicates = resolve_country_names(names)
    if unknown or duplicates:
        parts = []
        if duplicates:
            parts.append(gettext("named twice: %(names)s") % {"names": ", ".join(duplicates)})
        if unknown:
            parts.append(gettext("not a known country: %(names)s") % {"names": ", ".join(unknown)})
        raise ServiceError(
            gettext("The participant list was not recorded; %(reasons)s.") % {"reasons": "; ".join(parts)},
            field="countries",
            duplicates=duplicates,
            unknown=unknown,
        )
    voted = set(
        Vote.objects.filter(motion__meeting=meeting)
        .exclude(country__in=countries)
        .values_list("country__iso3", flat=True)
    ) | set(
        BallotParticipation.objects.filter(election__meeting=meeting)
        .exclude(country__in=countries)
        .values_list("country__iso3", flat=True)
    )
    if voted:
        raise Conflict(
            gettext("%(countries)s voted at this meeting and cannot be removed from its attendance")
            % {"countries": ", ".join(sorted(voted))},
            field="countries",
        )
    with transaction.atomic():
        Delegation.objects.filter(meeting=meeting).exclude(country__in=countries).delete()
        existing = set(Delegation.objects.filter(meeting=meeting).values_list("country_id", flat=True))
        Delegation.objects.bulk_create(
            [
                Delegation(meeting=meeting, country=country)
                for country in countries
                if country.pk not in existing
            ]
        )
        record_decision(
            actor=actor,
            action="meeting.participants",
            target=meeting,
            payload={"countries": sorted(country.iso3 for country in countries)},
        )
    return list(Delegation.objects.filter(meeting=meeting).select_related("country"))


def quorum(meeting: Meeting) -> Quorum:
    """The meeting's quorum under the network's rules. Observers and partners attend but do not count."""
    return quorum_count(
        present=Delegation.objects.filter(meeting=meeting, country__status=Country.Status.MEMBER).count(),
        members=Country.objects.members().count(),
        share=NetworkRules.current().quorum_fraction,
    )


def _present_voting_country(actor: Any, meeting: Meeting, country_code: str | None) -> Country:
    """The member country the actor votes for: one they head the delegation of, present at the meeting."""
    codes = countries_for(actor, Role.HEAD_OF_DELEGATION)
    if country_code:
        codes = {code for code in codes if code == country_code.upper()}
    countries = list(Country.objects.filter(iso3__in=codes))
    if not countries:
        raise Forbidden(gettext("only a country's head of delegation casts its vote"))
    if len(countries) > 1:
        raise ServiceError(
            gettext("you head several delegations: say for which country you vote"), field="country"
        )
    country = countries[0]
    if not country.is_member:
        raise Forbidden(
            gettext("%(country)s is %(status)s: observers and partners do not vote")
            % {"country": country.iso3, "status": country.get_status_display()}
        )
    if not Delegation.objects.filter(meeting=meeting, country=country).exists():
        raise Conflict(
            gettext("%(country)s is not recorded as present at this meeting") % {"country": country.iso3},
            field="country",
        )
    return country


# Motions ------------------------------------------------------------------------------------------


def motion_create(
    *,
    actor: Any,
    meeting: Meeting,
    rule: str,
    title: Mapping[str, str],
    original_language: str,
    text: Mapping[str, str] | None = None,
    note: str = "",
) -> Motion:
    """A resolution put to the meeting, its title (and text) in any of the languages, at least the
    original one."""
    require(actor, "governance.manage")
    if rule not in DecisionRule.values:
        raise ServiceError(gettext("unknown decision rule “%(rule)s”") % {"rule": rule}, field="rule")
    texts = clean_texts(
        Motion, {"title": title, "text": text}, original_language=original_language, required=["title"]
    )
    with transaction.atomic():
        motion = Motion.objects.create(
            meeting=meeting, rule=rule, original_language=original_language, note=_motion_note(note), **texts
        )
        record_decision(actor=actor, action="motion.create", target=motion, payload={"rule": motion.rule})
    return motion


def vote_cast(*, actor: Any, motion: Motion, option: str, country: str | None = None) -> Vote:
    if option not in VoteOption.values:
        raise ServiceError(gettext("the vote must be yes, no or abstain"), field="option")
    voter = _present_voting_country(actor, motion.meeting, country)
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        if locked.status != Motion.Status.OPEN:
            raise Conflict(gettext("voting on this motion is closed"), field="option")
        if Vote.objects.filter(motion=locked, country=voter).exists():
            raise Conflict(
                gettext("%(country)s has already voted on this motion") % {"country": voter.iso3},
                field="option",
            )
        try:
            with transaction.atomic():
                vote = Vote.objects.create(
                    motion=locked, country=voter, option=option, cast_by=actor, cast_at=timezone.now()
                )
        except IntegrityError:
            raise Conflict(
                gettext("%(country)s has already voted on this motion") % {"country": voter.iso3},
                field="option",
            ) from None
        record_decision(
            actor=actor,
            action="motion.vote",
            target=locked,
            payload={"country": voter.iso3, "option": option},
        )
    return vote


def motion_tally(motion: Motion) -> MotionTally:
    """The motion's count under its rule, from its votes, the meeting's quorum and the network's minimum
    turnout (final once closed)."""
    return motion_count(
        rule=motion.rule,
        votes=Vote.objects.filter(motion=motion).values_list("option", flat=True),
        quorum=quorum(motion.meeting),
        minimum_turnout=NetworkRules.current().min_turnout_fraction,
    )


def motion_turnout(motion: Motion) -> Turnout:
    """How many of the member countries present have voted on the motion."""
    tally = motion_tally(motion)
    assert tally.turnout is not None
    return tally.turnout


def election_turnout(election: Election) -> Turnout:
    """How many of the member countries present have cast their ballot in the election.

    Only heads of delegation of member countries present cast ballots, and attendance cannot drop a
    country that voted, so every ballot counts towards the turnout."""
    return turnout_count(
        voted=BallotParticipation.objects.filter(election=election).count(),
        present=quorum(election.meeting).present,
        minimum=NetworkRules.current().min_turnout_fraction,
    )


def motion_close(*, actor: Any, motion: Motion) -> Motion:
    step = MOTION_STEPS["close"]
    assert step.permission is not None and step.target is not None
    require(actor, step.permission)
    with transaction.atomic():
        locked = Motion.objects.select_for_update().get(pk=motion.pk)
        check_step(
            MOTION_STEPS,
            "close",
            state=locked.status,
            state_label=locked.get_status_display(),
            what=gettext("motion"),
        )
        tally = motion_tally(locked)
        assert tally.turnout is not None
        locked.status, locked.result, locked.closed_at = step.target, tally.result, timezone.now()
        # The turnout it was decided with is kept beside the quorum.
        locked.quorum = {**tally.quorum.as_dict(), "turnout": tally.turnout.as_dict()}
        locked.save(update_fields=["status", "result", "closed_at", "quorum"])
        record_decision(
            actor=actor,
            action="motion.close",
            target=locked,
            payload={
                "result": tally.result,
                "yes": tally.yes,
                "no": tally.no,
                "abstain": tally.abstain,
                "turnout": tally.turnout.as_dict(),
            },
        )
    return locked


def _motion_note(note: str) -> str:
    note = (note or "").strip()
    limit = Motion._meta.get_field("note").max_length or 0
    if len(note) > limit:
        raise ServiceError(
            gettext("At most %(max)d characters (this one has %(length)d).")
            % {"max": limit, "length": len(note)},
            field="note",
        )
    return note


def motion_edit(
    *,
    actor: Any,
    motion: Motion,
    title: Mapping[str, str] | None = None,
    text: Mapping[str, str] | None = None,
    original_language: str | None = None,
    note: str | None = None,
) -> Motion:
    """Change a motion's texts: the languages given of its title and text (the others stay), its
    original language, its note. Writes only those columns, never what voting and closing move.

    Its meeting and rule are not among them: votes may already have been cast under them. The history
    keeps every version, and the decision log which columns changed, so that a text changed after the
    votes shows in the record of the decision.
    """
    require(actor, "governance.manage")
    language = language_code(original_language if original_language is not None else motion.original_language)
    changes: dict[str, Any] = clean_texts(Motion, {"title": title, "text": text}, original_language=language)
    if original_language is not None:
        changes["original_language"] = language
    if note is not None:
        changes["note"] = _motion_note(note)
    original_title = localized_column("title", language)
    if not changes.get(original_title, getattr(motion, original_title)):
        raise ServiceError(
            gettext("Give the %(field)s in the original language (%(language)s).")
            % {
                "field": text_field(Motion, "title").verbose_name,
                "language": dict(settings.LANGUAGES)[language],
            },
            field=f"title.{language}",
        )
    if not changes:
        return motion
    with transaction.atomic():
        # Under the lock vote_cast takes, so that no vote slips in between the check and the change.
        Motion.objects.select_for_update().filter(pk=motion.pk).first()
        if motion.votes.exists():
            _refuse_changing_what_was_voted(motion, changes)
        for name, value in changes.items():
            setattr(motion, name, value)
        motion.save(update_fields=sorted(changes))
        record_decision(actor=actor, action="motion.edit", target=motion, payload={"fields": sorted(changes)})
    return motion


def _refuse_changing_what_was_voted(motion: Motion, changes: Mapping[str, Any]) -> None:
    """Once a vote is cast, the title and text that were voted on stay as they were: a written
    translation, or the original language, may not change. A language that had no text may still get
    one (a translation added later changes nothing the countries read when they voted)."""
    if "original_language" in changes and changes["original_language"] != motion.original_language:
        raise Conflict(
            gettext("Votes have been cast on this motion: its original language can no longer change."),
            field="original_language",
        )
    for name in ("title", "text"):
        for code in settings.LANGUAGE_CODES:
            column = localized_column(name, code)
            before = getattr(motion, column)
            if column in changes and before and changes[column] != before:
                raise Conflict(
                    gettext(
                        "Votes have been cast on this motion: its %(field)s in %(language)s can no longer "
                        "change. A translation may be added in a language it lacks."
                    )
                    % {
                        "field": text_field(Motion, name).verbose_name,
                        "language": dict(settings.LANGUAGES)[code],
                    },
                    field=f"{name}.{code}",
                )


# Elections ----------------------------------------------------------------------------------------


def _committee_label(subregion: Subregion) -> str:
    return gettext("Executive Committee — %(subregion)s") % {"subregion": subregion.name}


def default_contests() -> list[dict[str, Any]]:
    """The presidency and one Executive Committee contest per subregion, with its seats, labelled in
    every language."""
    contests: list[dict[str, Any]] = [
        {
            "key": "presidency",
            "kind": Contest.Kind.PRESIDENCY,
            "seats": 1,
            "subregion": None,
            "label": in_every_language(lambda: gettext("Presidency")),
        }
    ]
    for subregion in Subregion.objects.order_by("position", "code"):
        contests.append(
            {
                "key": f"committee-{subregion.code}",
                "kind": Contest.Kind.COMMITTEE,
                "seats": subregion.seats,
                "subregion": subregion,
                "label": in_every_language(partial(_committee_label, subregion)),
            }
        )
    return contests


def _election_title(title: str | Mapping[str, str], original_language: str) -> dict[str, str]:
    """The checked columns of an election's title: in any of the languages, at least in the original one
    (a network language code; a title given as one text is that language's)."""
    if isinstance(title, str):
        title = {original_language: title}
    return clean_texts(Election, {"title": title}, original_language=original_language, required=["title"])


def _runoff_title(election: Election) -> dict[str, str]:
    """The title of ``election``'s runoff in every language: the first round's title as a reader of that
    language reads it, marked as the runoff, within the column's length."""
    limit = text_field(Election, "title").max_length or 200

    def make() -> str:
        title = election.title
        made = pgettext("election title", "%(title)s — runoff") % {"title": title}
        if len(made) > limit:
            # A long title is cut, never the word that says this is the runoff.
            title = title[: len(title) - (len(made) - limit) - 1].rstrip() + "…"
            made = pgettext("election title", "%(title)s — runoff") % {"title": title}
        return made

    return in_every_language(make)


def election_create(
    *,
    actor: Any,
    meeting: Meeting,
    title: str | Mapping[str, str],
    original_language: str = settings.LANGUAGE_CODE,
    ballot_type: str = Election.BallotType.SECRET,
    contests: list[dict[str, Any]] | None = None,
    runoff_of: Election | None = None,
) -> Election:
    """An election with the default contests, or the ones given (key, label, seats, optional subregion).
    Its title in any of the languages, at least in its original one."""
    require(actor, "governance.manage")
    if ballot_type not in Election.BallotType.values:
        raise ServiceError(gettext("the ballot must be open or secret"), field="ballot")
    original_language = language_code(original_language)
    titles = _election_title(title, original_language)
    specs = contests if contests is not None else default_contests()
    keys = [spec["key"] for spec in specs]
    if len(keys) != len(set(keys)):
        raise ServiceError(gettext("two contests have the same key"), field="contests")
    with transaction.atomic():
        election = Election.objects.create(
            meeting=meeting,
            original_language=original_language,
            ballot_type=ballot_type,
            runoff_of=runoff_of,
            **titles,
        )
        for position, spec in enumerate(specs):
            contest_add(actor=actor, election=election, position=position, **spec)
        record_decision(
            actor=actor,
            action="election.create",
            target=election,
            payload={
                "ballot": ballot_type,
                "contests": keys,
                "runoff_of": runoff_of.pk if runoff_of else None,
            },
        )
    return election


def contest_add(
    *,
    actor: Any,
    election: Election,
    key: str,
    seats: int,
    label: Mapping[str, str],
    original_language: str = settings.LANGUAGE_CODE,
    kind: str = Contest.Kind.OTHER,
    subregion: Subregion | None = None,
    position: int | None = None,
) -> Contest:
    require(actor, "governance.manage")
    texts = clean_texts(Contest, {"label": label}, original_language=original_language, required=["label"])
    if election.status != Election.Status.DRAFT:
        raise Conflict(
            gettext("contests can only be added while the election is being prepared (it is %(status)s)")
            % {"status": election.get_status_display()}
        )
    if seats < 1:
        raise ServiceError(gettext("a contest has at least one seat"), field="seats")
    if kind == Contest.Kind.PRESIDENCY and seats != 1:
        raise ServiceError(gettext("the presidency has one seat"), field="seats")
    if Contest.objects.filter(election=election, key=key).exists():
        raise Conflict(gettext("the election already has a contest “%(key)s”") % {"key": key}, field="key")
    return Contest.objects.create(
        election=election,
        key=key,
        kind=kind,
        seats=seats,
        subregion=subregion,
        original_language=original_language,
        position=position if position is not None else election.contests.count(),
        **texts,
    )


def candidacy_add(*, actor: Any, election: Election, contest_key: str, country_code: str) -> Candidacy:
    contest = Contest.objects.select_related("subregion").filter(election=election, key=contest_key).first()
    if contest is None:
        raise ServiceError(
            gettext("the election has no contest “%(key)s”") % {"key": contest_key}, field="contest"
        )
    country = Country.objects.filter(iso3=(country_code or "").upper()).first()
    if country is None:
        raise ServiceError(gettext("unknown country “%(code)s”") % {"code": country_code}, field="country")
    require(actor, "governance.nominate", country)
    if election.runoff_of_id is not None:
        raise Conflict(
            gettext("the candidates of a runoff are those tied or leading in the first round"),
            field="country",
        )
    if election.status != Election.Status.DRAFT:
        raise Conflict(
            gettext("candidacies close when voting opens (the election is %(status)s)")
            % {"status": election.get_status_display()}
        )
    if not country.is_member:
        raise ServiceError(
            gettext("%(country)s is %(status)s: only member countries stand")
            % {"country": country.name, "status": country.get_status_display()},
            field="country",
        )
    if contest.subregion_id is not None and country.subregion_id != contest.subregion_id:
        raise ServiceError(
            gettext("%(country)s does not belong to the subregion of this contest (%(subregion)s)")
            % {"country": country.name, "subregion": contest.subregion},
            field="country",
        )
    if Candidacy.objects.filter(contest=contest, country=country).exists():
        raise Conflict(
            gettext("%(country)s is already a candidate in this contest") % {"country": country.name},
            field="country",
        )
    with transaction.atomic():
        candidacy = Candidacy.objects.create(contest=contest, country=country, nominated_at=timezone.now())
        record_decision(
            actor=actor,
            action="election.candidacy",
            target=election,
            payload={"contest": contest.key, "country": country.iso3},
        )
    return candidacy


def _election_step(
    actor: Any,
    election: Election,
    name: str,
    *,
    act: Callable[[Election], dict[str, Any]],
    related: tuple[str, ...] = (),
) -> Election:
    """Take the step ``name`` of ``ELECTION_STEPS``: with the election locked, check that its status
    allows the step, let ``act`` do what the step does (it returns what the decision log records, or
    raises to refuse), move the election to the step's status and record the decision."""
    step = ELECTION_STEPS[name]
    assert step.permission is not None and step.target is not None
    require(actor, step.permission)
    with transaction.atomic():
        locked = Election.objects.select_for_update().select_related(*related).get(pk=election.pk)
        _check_election(locked, name)
        payload = act(locked)
        locked.status = step.target
        locked.save()
        record_decision(actor=actor, action=f"election.{name}", target=locked, payload=payload)
    return locked


def _check_election(locked: Election, name: str) -> None:
    check_step(
        ELECTION_STEPS,
        name,
        state=locked.status,
        state_label=locked.get_status_display(),
        what=gettext("election"),
    )


def _rewrite_in_random_order(
    election: Election, new: tuple[str, list[tuple[int, int]]] | None = None
) -> dict[str, Ballot]:
    """Write the secret ballots again in a random order, with new keys, keeping their receipts; returns
    the new ballots by receipt. ``new`` is a ballot being cast (its receipt and its choices as contest
    and country ids), written with the others rather than first on its own.

    The order in which rows sit in the database follows the order ballots were cast, which the
    participation records tell by country. After each cast and at closing nothing may link the two.
    The rewrite takes the same few queries whatever the number of ballots (read, delete, bulk insert).
    """
    contents: dict[Any, tuple[str, list[tuple[int, int]]]] = {
        pk: (receipt, [])
        for pk, receipt in Ballot.objects.filter(election=election).values_list("pk", "receipt")
    }
    for ballot_id, contest_id, country_id in BallotChoice.objects.filter(
        ballot__election=election
    ).values_list("ballot_id", "contest_id", "country_id"):
        contents[ballot_id][1].append((contest_id, country_id))
    shuffled = list(contents.values()) + ([new] if new else [])
    secrets.SystemRandom().shuffle(shuffled)
    # The choices, then the ballots, each in one query: nothing else refers to either.
    BallotChoice.objects.filter(ballot_id__in=list(contents)).delete()
    Ballot.objects.filter(pk__in=list(contents))._raw_delete(Ballot.objects.db)
    ballots = Ballot.objects.bulk_create(
        [Ballot(election=election, receipt=receipt) for receipt, _ in shuffled]
    )
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, contest_id=contest_id, country_id=country_id)
            for ballot, (_, choices) in zip(ballots, shuffled, strict=True)
            for contest_id, country_id in choices
        ]
    )
    return {ballot.receipt: ballot for ballot in ballots}


def election_open(*, actor: Any, election: Election) -> Election:
    """Open the voting of an election that has candidates."""

    def open_voting(locked: Election) -> dict[str, Any]:
        if not Candidacy.objects.filter(contest__election=locked).exists():
            raise Conflict(gettext("the election has no candidates"))
        locked.opened_at = timezone.now()
        return {}

    return _election_step(actor, election, "open", act=open_voting)


def election_close(*, actor: Any, election: Election) -> Election:
    """Close the voting and count the ballots; secret ballots are first written again in random order."""

    def close_voting(locked: Election) -> dict[str, Any]:
        locked.closed_at = timezone.now()
        if locked.ballot_type == Election.BallotType.SECRET:
            _rewrite_in_random_order(locked)
        locked.results = election_tally(locked)
        return {"results": locked.results}

    return _election_step(actor, election, "close", act=close_voting)


def ballot_cast(
    *, actor: Any, election: Election, choices: dict[str, list[str]], country: str | None = None
) -> Ballot:
    """Cast the ballot of the actor's country. Returns the ballot, whose receipt the country keeps: it
    proves that the ballot was counted, not what it says (secret ballots are published without it).

    At most one ballot per country, whatever the concurrency: the participation row is unique per
    election and country in the database, and is written in the same transaction as the ballot.
    """
    voter = _present_voting_country(actor, election.meeting, country)
    contests = {contest.key: contest for contest in Contest.objects.filter(election=election)}
    unknown_contests = sorted(set(choices) - set(contests))
    if unknown_contests:
        raise ServiceError(
            gettext("no such contest: %(keys)s") % {"keys": ", ".join(unknown_contests)}, field="choices"
        )
    candidates: dict[int, dict[str, Country]] = {}
    for candidacy in Candidacy.objects.filter(contest__election=election).select_related("country"):
        candidates.setdefault(candidacy.contest_id, {})[candidacy.country.iso3] = candidacy.country
    rows: list[tuple[Contest, Country]] = []
    for key, picked in choices.items():
        contest = contests[key]
        codes = [code.upper() for code in picked]
        if len(codes) != len(set(codes)):
            raise ServiceError(
                gettext("%(key)s: a country is chosen twice") % {"key": key}, field=f"choices.{key}"
            )
        if len(codes) > contest.seats:
            raise ServiceError(
                gettext("%(key)s: %(chosen)d chosen but the contest has %(seats)d seat(s)")
                % {"key": key, "chosen": len(codes), "seats": contest.seats},
                field=f"choices.{key}",
            )
        available = candidates.get(contest.pk, {})
        strangers = [code for code in codes if code not in available]
        if strangers:
            raise ServiceError(
                gettext("%(key)s: not a candidate: %(codes)s") % {"key": key, "codes": ", ".join(strangers)},
                field=f"choices.{key}",
            )
        rows += [(contest, available[code]) for code in codes]
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if locked.status != Election.Status.OPEN:
            raise Conflict(
                gettext("the election is %(status)s: ballots are not accepted")
                % {"status": locked.get_status_display()}
            )
        # No savepoint around it: a second ballot of the country fails here and the Conflict rolls the
        # whole cast back.
        with writes_parts(*BALLOT_TABLES, parts=[ballots_part(locked.pk)]):
            ballot = _write_ballot(locked, voter, actor, rows)
        # The log records that the country voted, never what a secret ballot says.
        record_decision(actor=actor, action="election.ballot", target=locked, payload={"country": voter.iso3})
    return ballot


def _write_ballot(
    locked: Election, voter: Country, actor: Any, rows: list[tuple[Contest, Country]]
) -> Ballot:
    """The participation and the ballot of ``voter`` in the locked election (the ballot cast's writes)."""
    try:
        BallotParticipation.objects.create(
            election=locked, country=voter, cast_by=actor, cast_at=timezone.now()
        )
    except IntegrityError:
        raise Conflict(gettext("%(country)s has already cast its ballot") % {"country": voter.iso3}) from None
    if locked.ballot_type == Election.BallotType.SECRET:
        # Rows sit in the order they were written, which the participation records tell by country:
        # writing all of the election's ballots again (a few dozen at most), the new one among them,
        # leaves the newest anywhere.
        receipt = Ballot(election=locked).receipt
        chosen = [(contest.pk, country.pk) for contest, country in rows]
        ballot = _rewrite_in_random_order(locked, (receipt, chosen))[receipt]
    else:
        ballot = Ballot.objects.create(election=locked, country=voter)
        BallotChoice.objects.bulk_create(
            [BallotChoice(ballot=ballot, contest=contest, country=chosen) for contest, chosen in rows]
        )
    return ballot


def _contest_result(contest: Contest, count: SeatCount) -> dict[str, Any]:
    """A contest's count as the results pages, the API and the certification read it."""
    return {
        "key": contest.key,
        "label": text_in(contest, "label", settings.LANGUAGE_CODE),
        "label_translations": translations(contest, "label"),
        "kind": contest.kind,
        "seats": contest.seats,
        "subregion": contest.subregion.code if contest.subregion else None,
        "valid_ballots": count.valid_ballots,
        "counts": [{"country": code, "votes": votes} for code, votes in count.counts],
        "elected": list(count.elected),
        "runoff": list(count.runoff),
        "runoff_seats": count.runoff_seats,
        "status": count.status,
    }


def election_tally(election: Election) -> dict[str, Any]:
    """Every count of the election, from its ballots (see ``counting.seats_count``); without quorum the
    counts are published and nobody is elected."""
    contests = list(Contest.objects.filter(election=election).select_related("subregion"))
    candidates: dict[int, list[str]] = {}
    for contest_id, code in Candidacy.objects.filter(contest__election=election).values_list(
        "contest_id", "country__iso3"
    ):
        candidates.setdefault(contest_id, []).append(code)
    per_ballot: dict[Any, dict[int, set[str]]] = {
        ballot_id: {} for ballot_id in Ballot.objects.filter(election=election).values_list("pk", flat=True)
    }
    for ballot_id, contest_id, code in BallotChoice.objects.filter(ballot__election=election).values_list(
        "ballot_id", "contest_id", "country__iso3"
    ):
        per_ballot[ballot_id].setdefault(contest_id, set()).add(code)
    present = quorum(election.meeting)
    turnout = turnout_count(
        voted=len(per_ballot), present=present.present, minimum=NetworkRules.current().min_turnout_fraction
    )
    results = []
    for contest in contests:
        # The presidency needs an absolute majority; every other contest fills its seats by most votes.
        presidency = contest.kind == Contest.Kind.PRESIDENCY
        count = seats_count(
            candidates=candidates.get(contest.pk, []),
            ballots=[chosen.get(contest.pk, set()) for chosen in per_ballot.values()],
            seats=contest.seats,
            rule=SeatRule.ABSOLUTE_MAJORITY if presidency else SeatRule.MOST_VOTES,
            quorum_met=present.met,
            turnout_met=turnout.met,
        )
        results.append(_contest_result(contest, count))
    return {
        "ballots": len(per_ballot),
        "quorum": present.as_dict(),
        "turnout": turnout.as_dict(),
        "contests": results,
    }


def election_certify(*, actor: Any, election: Election, term_start: datetime.date | None = None) -> Election:
    """Certify a closed election: each elected country takes its seat for the network's term."""

    def give_seats(locked: Election) -> dict[str, Any]:
        if not locked.results.get("quorum", {}).get("met"):
            raise Conflict(gettext("the election had no quorum: there is no result to certify"))
        if not locked.results.get("turnout", {}).get("met", True):
            raise Conflict(
                gettext("the turnout was below the network's minimum: there is no result to certify")
            )
        start, end = committee_term(term_start or timezone.localdate())
        subregions = {subregion.code: subregion for subregion in Subregion.objects.all()}
        countries = {country.iso3: country for country in Country.objects.all()}
        if CommitteeMembership.objects.filter(election=locked).exists():
            raise Conflict(gettext("the seats of this election were already given"))
        elects_a_president = any(
            result["kind"] == Contest.Kind.PRESIDENCY and result["elected"]
            for result in locked.results["contests"]
        )
        # One presidency per term: the presidency of this term (one that starts with it or later, or one
        # another election of the same meeting gave) is not given a second time. A presidency of an
        # earlier term still running is the predecessor's and does not stop its successor.
        sitting = (
            CommitteeMembership.objects.filter(seat=CommitteeMembership.Seat.PRESIDENT, start_date__lte=end)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .filter(Q(start_date__gte=start) | Q(election__meeting_id=locked.meeting_id))
            .select_related("country")
            .first()
        )
        if elects_a_president and sitting is not None:
            raise Conflict(
                gettext(
                    "%(country)s already holds the presidency from %(start)s to %(end)s, within this term"
                )
                % {
                    "country": sitting.country.name,
                    "start": date_format(sitting.start_date),
                    "end": date_format(sitting.end_date) if sitting.end_date else "…",
                }
            )
        for result in locked.results["contests"]:
            seat = {
                Contest.Kind.PRESIDENCY: CommitteeMembership.Seat.PRESIDENT,
                Contest.Kind.COMMITTEE: CommitteeMembership.Seat.MEMBER,
            }.get(result["kind"])
            if seat is None:
                continue
            for code in result["elected"]:
                if CommitteeMembership.objects.filter(
                    country=countries[code], seat=seat, start_date=start
                ).exists():
                    raise Conflict(
                        gettext("%(country)s already holds that seat from %(date)s")
                        % {"country": code, "date": date_format(start)}
                    )
                CommitteeMembership.objects.create(
                    country=countries[code],
                    seat=seat,
                    subregion=subregions.get(result["subregion"] or "") if seat == "member" else None,
                    institution=countries[code].authority,
                    start_date=start,
                    end_date=end,
                    election=locked,
                    **texts_in_every_language("source", lambda: f"{locked.title} ({locked.meeting})"),
                )
        locked.certified_at = timezone.now()
        return {"term": [start.isoformat(), end.isoformat()], "contests": locked.results["contests"]}

    return _election_step(actor, election, "certify", act=give_seats, related=("meeting",))


def election_runoff(*, actor: Any, election: Election) -> Election:
    """A new election, at the same meeting, for the contests that ended in a tie or without a majority."""
    require(actor, "governance.manage")
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        # The runoff is a new election: this one keeps its status.
        _check_election(election, "runoff")
        if election.runoffs.exists():
            raise Conflict(gettext("this election already has its runoff"))
        pending = [result for result in election.results.get("contests", []) if result["status"] == "runoff"]
        if not pending:
            raise Conflict(gettext("no contest of this election needs a runoff"))
        contests = {contest.key: contest for contest in election.contests.all()}
        runoff = election_create(
            actor=actor,
            meeting=election.meeting,
            title=_runoff_title(election),
            original_language=election.original_language,
            ballot_type=election.ballot_type,
            contests=[
                {
                    "key": result["key"],
                    "kind": contests[result["key"]].kind,
                    "seats": result["runoff_seats"],
                    "subregion": contests[result["key"]].subregion,
                    "label": translations(contests[result["key"]], "label"),
                    "original_language": contests[result["key"]].original_language,
                }
                for result in pending
            ],
            runoff_of=election,
        )
        countries = {country.iso3: country for country in Country.objects.all()}
        now = timezone.now()
        for result in pending:
            contest = Contest.objects.get(election=runoff, key=result["key"])
            Candidacy.objects.bulk_create(
                [
                    Candidacy(contest=contest, country=countries[code], nominated_at=now)
                    for code in result["runoff"]
                ]
            )
    return runoff


# The Executive Committee -----------------------------------------------------------------------


@dataclass(frozen=True)
class Committee:
    date: datetime.date
    president: CommitteeMembership | None
    members: list[CommitteeMembership]


def committee_at(day: datetime.date) -> Committee:
    held = list(
        CommitteeMembership.objects.filter(start_date__lte=day)
        .exclude(end_date__lt=day)
        .select_related("country", "subregion", "institution")
        .order_by("subregion__position", "country__iso3")
    )
    presidents = [m for m in held if m.seat == CommitteeMembership.Seat.PRESIDENT]
    return Committee(
        date=day,
        president=max(presidents, key=lambda m: m.start_date) if presidents else None,
        members=[m for m in held if m.seat == CommitteeMembership.Seat.MEMBER],
    )


# The annual work plan ---------------------------------------------------------------------------


def workplan_create(*, actor: Any, year: int, with_default_axes: bool = True) -> WorkPlan:
    require(actor, "governance.manage")
    if WorkPlan.objects.filter(year=year).exists():
        raise Conflict(gettext("there is already a work plan for %(year)s") % {"year": year}, field="year")
    with transaction.atomic():
        plan = WorkPlan.objects.create(year=year)
        if with_default_axes:
            for position, (code, title) in enumerate(DEFAULT_AXES):
                Axis.objects.create(
                    workplan=plan,
                    code=code,
                    position=position,
                    **texts_in_every_language("title", partial(gettext, title)),
                )
    return plan


def workplan_approve(*, actor: Any, plan: WorkPlan, motion: Motion) -> WorkPlan:
    """The Assembly's approval of a draft plan, by a motion that passed and approves no other plan.

    The plan is locked, then the motion: two approvals at once cannot both go through, neither of one
    plan nor by one motion.
    """
    require(actor, "governance.manage")
    with transaction.atomic():
        locked = WorkPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.status != WorkPlan.Status.DRAFT:
            raise Conflict(
                gettext("the work plan for %(year)s cannot be approved again (its state: %(state)s)")
                % {"year": locked.year, "state": locked.get_status_display()},
                field="motion",
            )
        decided = Motion.objects.select_for_update().get(pk=motion.pk)
        if decided.status != Motion.Status.CLOSED or decided.result != Motion.Result.PASS:
            state = decided.get_result_display() if decided.result else decided.get_status_display()
            raise Conflict(
                gettext("the work plan is approved by a motion that has passed (this motion: %(state)s)")
                % {"state": state},
                field="motion",
            )
        other = WorkPlan.objects.filter(approved_by=decided).exclude(pk=locked.pk).first()
        if other is not None:
            raise Conflict(
                gettext("this motion approved the work plan for %(year)s, not this one")
                % {"year": other.year},
                field="motion",
            )
        locked.status, locked.approved_by = WorkPlan.Status.APPROVED, decided
        locked.save(update_fields=["status", "approved_by"])
        record_decision(actor=actor, action="workplan.approve", target=locked, payload={"motion": decided.pk})
    return locked


# A report of the network's work is dated within its life: a year like 0001 or 9999 is a typing error.
EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def progress_report(
    *,
    actor: Any,
    activity: Activity,
    progress: int,
    status: str | None = None,
    note: str = "",
    evidence: str = "",
    date: datetime.date | None = None,
) -> ProgressUpdate:
    """The lead reports progress; every update is kept with its date."""
    require(actor, "governance.report_progress", activity)
    if not 0 <= progress <= 100:
        raise ServiceError(gettext("progress is a percentage from 0 to 100"), field="progress")
    evidence = (evidence or "").strip()
    if evidence:
        if len(evidence) > 200:
            raise ServiceError(gettext("the evidence link is longer than 200 characters"), field="evidence")
        try:
            URLValidator(schemes=["http", "https"])(evidence)
        except ValidationError:
            raise ServiceError(
                gettext("“%(link)s” is not a web address") % {"link": evidence}, field="evidence"
            ) from None
    date = date or timezone.localdate()
    if not EARLIEST_DATE <= date <= LATEST_DATE:
        raise ServiceError(
            gettext("The date must be between %(earliest)s and %(latest)s.")
            % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
            field="date",
        )
    status = status or (Activity.Status.DONE if progress == 100 else Activity.Status.IN_PROGRESS)
    if status not in Activity.Status.values:
        raise ServiceError(gettext("unknown status “%(status)s”") % {"status": status}, field="status")
    with transaction.atomic():
        update = ProgressUpdate.objects.create(
            activity=activity,
            date=date,
            progress=progress,
            status=status,
            note=note.strip(),
            evidence=evidence.strip(),
            reported_by=actor,
            reported_at=timezone.now(),
        )
        activity.progress, activity.status = progress, status
        if evidence and evidence not in activity.evidence:
            activity.evidence = [*activity.evidence, evidence]
        activity.save(update_fields=["progress", "status", "evidence"])
    return update


def _activity_fields(
    *,
    axis: Axis,
    title: Mapping[str, str],
    lead: str,
    lead_country: Country | None,
    lead_group: str,
    start_date: datetime.date | None,
    end_date: datetime.date | None,
) -> dict[str, Any]:
    texts = clean_texts(Activity, {"title": title}, original_language="en", required=["title"])
    if lead not in Activity.Lead.values:
        raise ServiceError(gettext("unknown lead “%(lead)s”") % {"lead": lead}, field="lead")
    lead_group = (lead_group or "").strip()
    if lead == Activity.Lead.COUNTRY and lead_country is None:
        raise ServiceError(gettext("Say which country leads the activity."), field="lead_country")
    if lead == Activity.Lead.GROUP and not lead_group:
        raise ServiceError(gettext("Say which working group leads the activity."), field="lead_group")
    if len(lead_group) > (Activity._meta.get_field("lead_group").max_length or 0):
        raise ServiceError(gettext("The working group's name is too long."), field="lead_group")
    for name, day in (("start_date", start_date), ("end_date", end_date)):
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ServiceError(
                gettext("The date must be between %(earliest)s and %(latest)s.")
                % {"earliest": EARLIEST_DATE.isoformat(), "latest": LATEST_DATE.isoformat()},
                field=name,
            )
    if start_date and end_date and end_date < start_date:
        raise ServiceError(gettext("The activity ends before it starts."), field="end_date")
    return {
        **texts,
        "axis": axis,
        "lead": lead,
        "lead_country": lead_country if lead == Activity.Lead.COUNTRY else None,
        "lead_group": lead_group if lead == Activity.Lead.GROUP else "",
        "start_date": start_date,
        "end_date": end_date,
    }


def activity_add(
    *,
    actor: Any,
    axis: Axis,
    title: Mapping[str, str],
    lead: str,
    lead_country: Country | None = None,
    lead_group: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Activity:
    """An activity of a work plan under one of its axes; its title in English at least (the plan's
    columns require it), led by a country, a working group or the Secretariat."""
    require(actor, "governance.manage")
    fields = _activity_fields(
        axis=axis, title=title, lead=lead, lead_country=lead_country, lead_group=lead_group,
        start_date=start_date, end_date=end_date,
    )  # fmt: skip
    return Activity.objects.create(**fields)


def activity_edit(
    *,
    actor: Any,
    activity: Activity,
    axis: Axis,
    title: Mapping[str, str],
    lead: str,
    lead_country: Country | None = None,
    lead_group: str = "",
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Activity:
    """Change an activity's axis (within its plan), title, lead and dates; its progress is reported
    apart (``progress_report``)."""
    require(actor, "governance.manage")
    if axis.workplan_id != activity.axis.workplan_id:
        raise ServiceError(gettext("The axis belongs to another work plan."), field="axis")
    fields = _activity_fields(
        axis=axis, title=title, lead=lead, lead_country=lead_country, lead_group=lead_group,
        start_date=start_date, end_date=end_date,
    )  # fmt: skip
    for name, value in fields.items():
        setattr(activity, name, value)
    activity.save()
    return activity


# The network's rules ------------------------------------------------------------------------------


def network_rules_update(
    *,
    actor: Any,
    quorum_fraction: Decimal,
    min_turnout_fraction: Decimal,
    committee_term_months: int,
    min_ballots_published: int,
) -> NetworkRules:
    """Change the rules of the network's governance. The history keeps each version with who changed
    it; the decision log records the change."""
    require(actor, "governance.manage")
    for name, share in (("quorum_fraction", quorum_fraction), ("min_turnout_fraction", min_turnout_fraction)):
        if not Decimal("0") <= share <= Decimal("1"):
            raise ServiceError(gettext("A share from 0 to 1 (0.5 is half)."), field=name)
        if share.as_tuple().exponent < -3:  # type: ignore[operator]
            raise ServiceError(gettext("At most three decimals."), field=name)
    if not 1 <= committee_term_months <= 120:
        raise ServiceError(gettext("A term of 1 to 120 months."), field="committee_term_months")
    if not 1 <= min_ballots_published <= 1000:
        raise ServiceError(gettext("At least 1 ballot."), field="min_ballots_published")
    with transaction.atomic():
        rules = NetworkRules.current()
        rules = NetworkRules.objects.select_for_update().get(pk=rules.pk)
        before = {
            "quorum_fraction": str(rules.quorum_fraction),
            "min_turnout_fraction": str(rules.min_turnout_fraction),
            "committee_term_months": rules.committee_term_months,
            "min_ballots_published": rules.min_ballots_published,
        }
        rules.quorum_fraction, rules.min_turnout_fraction = quorum_fraction, min_turnout_fraction
        rules.committee_term_months, rules.min_ballots_published = (
            committee_term_months,
            min_ballots_published,
        )
        rules._history_user = actor  # type: ignore[attr-defined]
        rules.save()
        record_decision(
            actor=actor,
            action="network.rules",
            target=rules,
            payload={
                "before": before,
                "after": {
                    "quorum_fraction": str(quorum_fraction),
                    "min_turnout_fraction": str(min_turnout_fraction),
                    "committee_term_months": committee_term_months,
                    "min_ballots_published": min_ballots_published,
                },
            },
        )
    return rules
