"""Rules that keep decisions trustworthy after the fact: who may join a runoff, what the attendance may
still change, how secret ballots are stored once voting closes."""

import pytest
from django.test import Client

from gealc.core.audit import verify_chain
from gealc.core.errors import Conflict, ServiceError
from gealc.governance.models import Activity, Axis, Ballot
from gealc.governance.services import (
    ballot_cast,
    candidacy_add,
    election_close,
    election_create,
    election_open,
    election_runoff,
    motion_close,
    motion_create,
    participants_set,
    progress_report,
    vote_cast,
    workplan_create,
)


@pytest.fixture
def tied_election(cast, heads, assembly):
    """Mercosur's second seat tied between Argentina and Brazil."""
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    for code in ("URY", "BRA", "ARG"):
        candidacy_add(
            actor=cast.secretariat, election=election, contest_key="committee-mercosur", country_code=code
        )
    election_open(actor=cast.secretariat, election=election)
    for index, code in enumerate(["ARG", "BRA", "CHL", "PRY", "URY", "BOL", "COL", "ECU", "PER", "CRI"]):
        ballot_cast(
            actor=heads[code],
            election=election,
            choices={"committee-mercosur": ["URY", "ARG" if index % 2 else "BRA"]},
        )
    return election_close(actor=cast.secretariat, election=election)


def test_nobody_joins_a_runoff_that_they_were_not_sent_to(cast, tied_election):
    runoff = election_runoff(actor=cast.secretariat, election=tied_election)
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.post(
        f"/api/v1/elections/{runoff.pk}/candidates",
        {"contest": "committee-mercosur", "country": "URY"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert sorted(runoff.contests.get().candidacies.values_list("country__iso3", flat=True)) == ["ARG", "BRA"]


def test_an_election_has_one_runoff(cast, tied_election):
    election_runoff(actor=cast.secretariat, election=tied_election)

    with pytest.raises(Conflict, match="already has its runoff"):
        election_runoff(actor=cast.secretariat, election=tied_election)


def test_the_presidency_has_exactly_one_seat(cast, assembly):
    with pytest.raises(ServiceError, match="the presidency has one seat"):
        election_create(
            actor=cast.secretariat,
            meeting=assembly,
            title="Odd",
            contests=[{"key": "presidency", "kind": "presidency", "seats": 2, "label": {"en": "Presidency"}}],
        )


def test_a_contest_where_every_ballot_was_blank_has_no_result(cast, heads, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="DOM")
    election_open(actor=cast.secretariat, election=election)
    ballot_cast(actor=heads["URY"], election=election, choices={"presidency": []})

    closed = election_close(actor=cast.secretariat, election=election)

    presidency = closed.results["contests"][0]
    assert (presidency["status"], presidency["elected"]) == ("no_result", [])


def test_secret_ballots_are_rewritten_in_random_order_when_voting_closes(cast, heads, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    candidacy_add(actor=cast.secretariat, election=election, contest_key="presidency", country_code="DOM")
    election_open(actor=cast.secretariat, election=election)
    cast_keys = {
        ballot_cast(actor=heads[c], election=election, choices={"presidency": ["DOM"]}).pk
        for c in ["URY", "BRA", "MEX"]
    }
    receipts = set(Ballot.objects.filter(election=election).values_list("receipt", flat=True))

    election_close(actor=cast.secretariat, election=election)

    stored = Ballot.objects.filter(election=election)
    assert set(stored.values_list("receipt", flat=True)) == receipts
    assert not cast_keys & set(stored.values_list("pk", flat=True))
    assert verify_chain().intact


def test_a_country_that_voted_stays_in_the_attendance_and_a_closed_motion_keeps_its_quorum(
    cast, heads, assembly
):
    motion = motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        title={"en": "A motion"},
        original_language="en",
        rule="simple_majority",
    )
    vote_cast(actor=heads["URY"], motion=motion, option="yes")
    motion_close(actor=cast.secretariat, motion=motion)

    with pytest.raises(Conflict, match="URY voted at this meeting"):
        participants_set(actor=cast.secretariat, meeting=assembly, names=["BRA", "ARG"])
    participants_set(actor=cast.secretariat, meeting=assembly, names=["URY", "BRA"])

    body = Client().get(f"/api/v1/motions/{motion.pk}").json()
    assert (body["result"], body["quorum"]["met"], body["quorum"]["present"]) == ("pass", True, 26)


def test_progress_evidence_must_be_a_web_address(cast):
    plan = workplan_create(actor=cast.secretariat, year=2027)
    axis = Axis.objects.get(workplan=plan, code="knowledge")
    activity = Activity.objects.create(axis=axis, title_en="Study", lead="secretariat")

    with pytest.raises(ServiceError, match="is not a web address") as caught:
        progress_report(
            actor=cast.secretariat, activity=activity, progress=10, evidence="javascript:alert(1)"
        )
    assert caught.value.field == "evidence"
