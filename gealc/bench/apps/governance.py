"""Governance's part: meetings with attendance, elections with their ballots counted by the same tally
as the services, open elections for the write mix, and governance's pages and API."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.utils import timezone

from gealc.accounts.models import User
from gealc.bench.apps.accounts import bearer, head_email
from gealc.bench.registry import MARK, Contribution, Endpoint, Plan, Progress, Write
from gealc.governance.models import (
    Ballot,
    BallotChoice,
    BallotParticipation,
    Candidacy,
    Contest,
    Delegation,
    Election,
    Meeting,
)
from gealc.governance.services import default_contests, election_tally
from gealc.members.models import Country

MEETINGS_PER_SCALE = 20
ELECTIONS_PER_SCALE = 20
# Open elections at the benchmark's own assembly: each member country may cast one ballot in each.
WRITE_ELECTIONS = 8
# Ordinals from here on are synthetic, far from those of the reference meetings.
FIRST_ORDINAL = 10_000


def _meetings(scale: int, rng: random.Random, countries: list[Country]) -> list[Meeting]:
    kinds = list(Meeting.Kind.values)
    start = datetime.date(2003, 1, 1)
    count = MEETINGS_PER_SCALE * scale + 1
    meetings = []
    for number in range(count):
        day = start + datetime.timedelta(days=(number * 8000) // count)
        meetings.append(
            Meeting(
                kind=kinds[number % len(kinds)],
                ordinal=FIRST_ORDINAL + number,
                title_en=f"{MARK} Meeting {number}",
                original_language="en",
                start_date=day,
                end_date=day + datetime.timedelta(days=2),
                host_country=rng.choice(countries),
                city_en=f"{MARK} City",
            )
        )
    return Meeting.objects.bulk_create(meetings, batch_size=2000)


def _contests(election: Election) -> list[Contest]:
    contests = []
    for position, spec in enumerate(default_contests()):
        labels = {f"label_{code}": spec["label"].get(code, "") for code in settings.LANGUAGE_CODES}
        contests.append(
            Contest(
                election=election,
                key=spec["key"],
                kind=spec["kind"],
                seats=spec["seats"],
                subregion=spec["subregion"],
                position=position,
                original_language="en",
                **labels,
            )
        )
    return contests


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    countries = list(Country.objects.order_by("iso3"))
    heads = {user.email: user for user in User.objects.filter(email__startswith="head.")}
    meetings = _meetings(scale, rng, countries)
    assembly = meetings[-1]  # the benchmark's assembly: every country present, elections open
    delegations: list[Delegation] = []
    present: dict[int, list[Country]] = {}
    for meeting in meetings:
        chosen = countries if meeting is assembly else rng.sample(countries, int(len(countries) * 0.75))
        present[meeting.pk] = chosen
        delegations += [Delegation(meeting=meeting, country=country) for country in chosen]
    Delegation.objects.bulk_create(delegations, batch_size=5000)
    progress(f"governance: {len(meetings)} meetings, {len(delegations)} delegations")

    now = timezone.now()
    closed = [
        Election(
            meeting=meetings[number],
            title_en=f"{MARK} Election {number}",
            ballot_type=rng.choice(Election.BallotType.values),
            status=Election.Status.OPEN,
            opened_at=now,
        )
        for number in range(ELECTIONS_PER_SCALE * scale)
    ]
    open_ = [
        Election(
            meeting=assembly,
            title_en=f"{MARK} Open election {number}",
            ballot_type=Election.BallotType.SECRET,
            status=Election.Status.OPEN,
            opened_at=now,
        )
        for number in range(WRITE_ELECTIONS)
    ]
    elections = Election.objects.bulk_create(closed + open_, batch_size=2000)
    contests: list[Contest] = []
    for election in elections:
        contests += _contests(election)
    contests = Contest.objects.bulk_create(contests, batch_size=5000)
    candidacies: list[Candidacy] = []
    by_election: dict[int, list[tuple[Contest, list[Country]]]] = {}
    for contest in contests:
        voters = [c for c in present[contest.election.meeting_id] if c.status == Country.Status.MEMBER]
        eligible = [c for c in voters if contest.subregion_id in (None, c.subregion_id)]
        standing = rng.sample(eligible, min(len(eligible), contest.seats + 1))
        by_election.setdefault(contest.election_id, []).append((contest, standing))
        candidacies += [Candidacy(contest=contest, country=country, nominated_at=now) for country in standing]
    Candidacy.objects.bulk_create(candidacies, batch_size=5000)
    progress(
        f"governance: {len(elections)} elections, {len(contests)} contests, {len(candidacies)} candidacies"
    )

    ballots: list[Ballot] = []
    choices: list[tuple[Ballot, Contest, Country]] = []
    participations: list[BallotParticipation] = []
    for election in closed:
        voters = [c for c in present[election.meeting_id] if c.status == Country.Status.MEMBER]
        # Written in an order unrelated to the participations, as the services leave secret ballots.
        for country in rng.sample(voters, len(voters)):
            secret = election.ballot_type == Election.BallotType.SECRET
            ballot = Ballot(election=election, country=None if secret else country)
            ballots.append(ballot)
            for contest, standing in by_election[election.pk]:
                picked = rng.sample(standing, min(contest.seats, len(standing)))
                choices += [(ballot, contest, chosen) for chosen in picked]
        participations += [
            BallotParticipation(
                election=election, country=country, cast_by=heads[head_email(country.iso3)], cast_at=now
            )
            for country in voters
        ]
    BallotParticipation.objects.bulk_create(participations, batch_size=5000)
    Ballot.objects.bulk_create(ballots, batch_size=5000)
    BallotChoice.objects.bulk_create(
        [
            BallotChoice(ballot=ballot, contest=contest, country=country)
            for ballot, contest, country in choices
        ],
        batch_size=10000,
    )
    progress(f"governance: {len(ballots)} ballots with {len(choices)} choices")

    # Closed as the services close them: the tally of the ballots becomes the published results.
    for number, election in enumerate(closed, 1):
        election.status = Election.Status.CLOSED
        election.closed_at = now
        election.results = election_tally(election)
        if number % 500 == 0:
            progress(f"governance: {number} of {len(closed)} elections counted")
    Election.objects.bulk_update(closed, ["status", "closed_at", "results"], batch_size=500)
    progress(f"governance: {len(closed)} elections counted")
    return {
        "meetings": len(meetings),
        "delegations": len(delegations),
        "elections": len(elections),
        "ballots": len(ballots),
    }


def plan(rng: random.Random, plan: Plan) -> None:
    meetings = list(Meeting.objects.filter(title_en__startswith=MARK).values_list("pk", flat=True))
    closed = list(
        Election.objects.filter(status=Election.Status.CLOSED).order_by("pk").values_list("pk", flat=True)
    )
    sample_meetings = rng.sample(meetings, min(20, len(meetings)))
    sample_elections = rng.sample(closed, min(20, len(closed)))
    pages = [f"?offset={offset}" for offset in range(0, len(meetings), 50)]
    plan.endpoints += [
        Endpoint("meetings page", "page", ["/meetings/"], paginated=True),
        Endpoint("meeting page", "page", [f"/meetings/{pk}/" for pk in sample_meetings]),
        Endpoint("election results", "page", [f"/elections/{pk}/results/" for pk in sample_elections]),
        Endpoint("committee", "page", ["/committee/"]),
        Endpoint(
            "API meetings",
            "api",
            [f"/api/v1/meetings{page}" for page in rng.sample(pages, min(len(pages), 20))],
            paginated=True,
        ),
        Endpoint("API meeting", "api", [f"/api/v1/meetings/{pk}" for pk in sample_meetings]),
        Endpoint("API results", "api", [f"/api/v1/elections/{pk}/results" for pk in sample_elections]),
        Endpoint("API committee", "api", ["/api/v1/committee"]),
    ]
    plan.exports += ["/api/v1/meetings"]

    # Every member country's head casts one ballot in each open election, in a shuffled order.
    heads = {
        iso3: bearer(head_email(iso3))
        for iso3 in Country.objects.members().order_by("iso3").values_list("iso3", flat=True)
    }
    writes = []
    for election in Election.objects.filter(status=Election.Status.OPEN).order_by("pk"):
        picks: dict[str, list[str]] = {}
        for candidacy in Candidacy.objects.filter(contest__election=election).select_related(
            "contest", "country"
        ):
            picks.setdefault(candidacy.contest.key, [candidacy.country.iso3])
        writes += [
            Write(
                "ballot cast", "POST", f"/api/v1/elections/{election.pk}/ballots", headers, {"choices": picks}
            )
            for headers in heads.values()
        ]
    rng.shuffle(writes)
    plan.writes += writes


CONTRIBUTION = Contribution("governance", generate, plan)
