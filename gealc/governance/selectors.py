"""Reads of the governance records that pages and the API share."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from gealc.core.i18n import texts
from gealc.governance.counting import Quorum
from gealc.governance.models import (
    Activity,
    Axis,
    Ballot,
    BallotParticipation,
    Candidacy,
    CommitteeMembership,
    Contest,
    Delegation,
    Election,
    Meeting,
    Motion,
    NetworkRules,
    ProgressUpdate,
    Vote,
    WorkPlan,
)
from gealc.governance.services import committee_at, committee_term, election_turnout, motion_tally
from gealc.members.models import Country


def meeting_list(*, country: Any = None) -> QuerySet[Meeting]:
    """The meetings, newest first; with ``country``, only those its delegation attended."""
    meetings = Meeting.objects.select_related("host_country")
    if country is not None:
        meetings = meetings.filter(delegations__country=country)
    return meetings.order_by("-start_date", "-pk")


def meeting_detail(pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("host_country")
        .prefetch_related(
            "agenda",
            "documents",
            Prefetch(
                "delegations",
                queryset=Delegation.objects.select_related("country").prefetch_related("representatives"),
            ),
            Prefetch("motions", queryset=Motion.objects.order_by("pk")),
            Prefetch("elections", queryset=Election.objects.order_by("pk")),
        )
        .filter(pk=pk)
        .first()
    )


def quorum_dict(present: Quorum) -> dict[str, Any]:
    return present.as_dict()


def motion_view(motion: Motion) -> dict[str, Any]:
    """A motion with its roll call, as a Popolo VoteEvent."""
    tally = motion_tally(motion)
    votes = list(Vote.objects.filter(motion=motion).select_related("country").order_by("country__iso3"))
    result = motion.result or tally.result
    # A closed motion keeps the quorum it was decided with, whatever happens to the attendance later.
    quorum_then = dict(motion.quorum) or quorum_dict(tally.quorum)
    assert tally.turnout is not None
    turnout_then = quorum_then.pop("turnout", None) or tally.turnout.as_dict()
    return {
        "id": motion.pk,
        "meeting": motion.meeting_id,
        **texts(motion, "title", "text"),
        "original_language": motion.original_language,
        "rule": motion.rule,
        "status": motion.status,
        "result": result,
        "result_label": str(Motion.Result(result).label),
        "quorum": quorum_then,
        "turnout": turnout_then,
        "vote_event": {
            "id": f"motion-{motion.pk}-vote",
            "motion_id": f"motion-{motion.pk}",
            "start_date": motion.meeting.start_date,
            "result": result,
            "counts": [
                {"option": "yes", "value": tally.yes},
                {"option": "no", "value": tally.no},
                {"option": "abstain", "value": tally.abstain},
            ],
            "votes": [{"voter_id": vote.country.iso3, "option": vote.option} for vote in votes],
        },
        "votes": votes,
        "tally": tally,
    }


def election_view(election: Election) -> dict[str, Any]:
    contests = list(
        Contest.objects.filter(election=election)
        .select_related("subregion")
        .prefetch_related(Prefetch("candidacies", queryset=Candidacy.objects.select_related("country")))
    )
    voted = list(
        BallotParticipation.objects.filter(election=election)
        .order_by("country__iso3")
        .values_list("country__iso3", flat=True)
    )
    withheld = ballots_withheld(election, len(voted))
    turnout = (election.results or {}).get("turnout") or election_turnout(election).as_dict()
    outcome, outcome_label = election_outcome(election)
    return {
        "id": election.pk,
        "meeting": election.meeting_id,
        **texts(election, "title"),
        "original_language": election.original_language,
        "ballot": election.ballot_type,
        "status": election.status,
        "runoff_of": election.runoff_of_id,
        "contests": [
            {
                "key": contest.key,
                **texts(contest, "label"),
                "kind": contest.kind,
                "seats": contest.seats,
                "subregion": contest.subregion.code if contest.subregion else None,
                "candidates": sorted(c.country.iso3 for c in contest.candidacies.all()),
                "candidate_countries": sorted(
                    (c.country for c in contest.candidacies.all()), key=lambda country: country.name
                ),
            }
            for contest in contests
        ],
        # Below the network's minimum, a secret election's turnout by country stays unpublished: with a
        # lone ballot, "URY voted" and the results together would tell what Uruguay chose.
        "voted": [] if withheld else voted,
        "voted_withheld": withheld,
        "turnout": turnout,
        "outcome": outcome,
        "outcome_label": outcome_label,
        "min_ballots_published": NetworkRules.current().min_ballots_published,
    }


def seats_to_give(election: Election, *, start: datetime.date) -> dict[str, Any]:
    """What certifying ``election`` on ``start`` would give: the term, and per contest of its count the
    countries elected (the Committee's seats for the presidency and the Committee's contests), with the
    contests still waiting for a runoff. Names and labels in the reader's language."""
    first, last = committee_term(start)
    labels = {contest.key: contest.label for contest in Contest.objects.filter(election=election)}
    names = {country.iso3: country.name for country in Country.objects.all()}
    contests = [
        {
            "key": result["key"],
            "label": labels.get(result["key"], result.get("label", result["key"])),
            "seated": result["kind"] in (Contest.Kind.PRESIDENCY, Contest.Kind.COMMITTEE),
            "elected": [names.get(code, code) for code in result["elected"]],
            "runoff": result["status"] == "runoff",
        }
        for result in (election.results or {}).get("contests", [])
    ]
    return {"start": first, "end": last, "contests": contests}


def election_outcome(election: Election) -> tuple[str | None, str | None]:
    """What closing gave, as a code and in words: None while voting has not closed."""
    results = election.results or {}
    if not results:
        return None, None
    if not results.get("quorum", {}).get("met"):
        return "no_quorum", gettext("No quorum: nobody is elected.")
    if not results.get("turnout", {}).get("met", True):
        return "low_turnout", gettext("No result: turnout below the minimum. Nobody is elected.")
    return "counted", gettext("The ballots are counted.")


def country_has_voted(election: Election, country: Any) -> bool:
    """Whether the country has cast its ballot: for its own head of delegation, never published."""
    return BallotParticipation.objects.filter(election=election, country=country).exists()


def ballots_withheld(election: Election, count: int | None = None) -> bool:
    """Whether a secret election has fewer ballots than the network publishes one by one (or by country).

    Open ballots are public with their country, like a roll call, so nothing is withheld from them.
    """
    if election.ballot_type != Election.BallotType.SECRET:
        return False
    if count is None:
        count = BallotParticipation.objects.filter(election=election).count()
    return count < NetworkRules.current().min_ballots_published


def published_ballots(election: Election) -> list[dict[str, Any]]:
    """Every ballot with its choices, or none while ``ballots_withheld``.

    An open ballot comes with its country and its receipt. A secret ballot comes with neither: its
    receipt is published apart (``published_receipts``), and the ballots are in the order of their random
    keys, so a receipt proves that a ballot was counted but not which one, and cannot be sold.
    """
    if ballots_withheld(election):
        return []
    secret = election.ballot_type == Election.BallotType.SECRET
    ballots = list(
        Ballot.objects.filter(election=election)
        .select_related("country")
        .prefetch_related("choices__contest", "choices__country")
        .order_by("pk" if secret else "receipt")
    )
    published = []
    for ballot in ballots:
        choices: dict[str, list[str]] = {}
        for choice in ballot.choices.all():
            choices.setdefault(choice.contest.key, []).append(choice.country.iso3)
        published.append(
            {
                "receipt": None if secret else ballot.receipt,
                "country": ballot.country.iso3 if ballot.country else None,
                "choices": {key: sorted(codes) for key, codes in sorted(choices.items())},
            }
        )
    return published


def published_receipts(election: Election) -> list[str]:
    """The receipts of all the ballots, in alphabetical order, or none while ``ballots_withheld``."""
    if ballots_withheld(election):
        return []
    return list(
        Ballot.objects.filter(election=election).order_by("receipt").values_list("receipt", flat=True)
    )


def receipt_counted(election: Election, receipt: str) -> bool:
    """Whether a ballot with this receipt was counted in the election; says nothing more about it."""
    return Ballot.objects.filter(election=election, receipt=receipt.strip().upper()).exists()


def committee_view(day: datetime.date) -> dict[str, Any]:
    committee = committee_at(day)

    def seat(membership: CommitteeMembership) -> dict[str, Any]:
        return {
            "country": membership.country.iso3,
            "name": membership.country.name,
            "subregion": membership.subregion.code if membership.subregion else None,
            "subregion_name": membership.subregion.name if membership.subregion else None,
            "institution": str(membership.institution) if membership.institution else None,
            "start": membership.start_date,
            "end": membership.end_date,
            "source": membership.source,
        }

    return {
        "date": day,
        "president": seat(committee.president) if committee.president else None,
        "members": [seat(member) for member in committee.members],
    }


def committee_history() -> QuerySet[CommitteeMembership]:
    return CommitteeMembership.objects.select_related("country", "subregion", "institution").order_by(
        "-start_date", "seat", "subregion__position", "country__iso3"
    )


def workplan_view(year: int) -> dict[str, Any] | None:
    plan = (
        WorkPlan.objects.filter(year=year)
        .prefetch_related(
            Prefetch(
                "axes",
                queryset=Axis.objects.order_by("position", "pk").prefetch_related(
                    Prefetch(
                        "activities", queryset=Activity.objects.select_related("lead_country").order_by("pk")
                    )
                ),
            )
        )
        .first()
    )
    if plan is None:
        return None
    axes = []
    for axis in plan.axes.all():
        activities = [
            {
                "id": activity.pk,
                **texts(activity, "title"),
                "lead": activity.lead,
                "lead_label": activity.lead_label,
                "start": activity.start_date,
                "end": activity.end_date,
                "status": activity.status,
                "status_label": activity.get_status_display(),
                "progress": activity.progress,
                "evidence": list(activity.evidence),
            }
            for activity in axis.activities.all()
        ]
        counted = [a for a in activities if a["status"] != Activity.Status.CANCELLED]
        progress = round(sum(a["progress"] for a in counted) / len(counted)) if counted else 0
        axes.append(
            {"code": axis.code, **texts(axis, "title"), "progress": progress, "activities": activities}
        )
    all_counted = [a for axis in axes for a in axis["activities"] if a["status"] != Activity.Status.CANCELLED]
    return {
        "year": plan.year,
        "status": plan.status,
        "approved_by": plan.approved_by_id,
        "progress": round(sum(a["progress"] for a in all_counted) / len(all_counted)) if all_counted else 0,
        "axes": axes,
        "plan": plan,
    }


def changes_since_last_meeting(year: int) -> tuple[Meeting | None, list[ProgressUpdate]]:
    """The progress reported on the plan since the last meeting that has ended."""
    today = datetime.date.today()
    last = Meeting.objects.filter(end_date__lt=today).order_by("-end_date").first()
    updates = ProgressUpdate.objects.filter(activity__axis__workplan__year=year).select_related(
        "activity", "activity__lead_country"
    )
    if last is not None:
        updates = updates.filter(date__gt=last.end_date)
    return last, list(updates.order_by("-date", "-pk")[:50])


COUNTRY_PAGE_MEETINGS = 10


def country_governance(country: Any) -> dict[str, Any]:
    """A country's part in the network's governance, for its page: its latest meetings, with how many it
    attended and hosted in all (the meetings list, filtered by the country, has the rest)."""
    attended = meeting_list(country=country)
    hosted = Meeting.objects.filter(host_country=country).order_by("-start_date", "-pk")
    return {
        "country": country,
        "meetings": list(attended[:COUNTRY_PAGE_MEETINGS]),
        "meetings_count": attended.count(),
        "hosted": list(hosted[:COUNTRY_PAGE_MEETINGS]),
        "hosted_count": hosted.count(),
        "seats": list(
            CommitteeMembership.objects.filter(country=country)
            .select_related("subregion")
            .order_by("-start_date")
        ),
    }
