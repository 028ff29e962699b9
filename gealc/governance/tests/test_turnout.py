"""The turnout: how many of the member countries present voted. Closing shows it and asks for a
confirmation when some have not voted; below the network's minimum a vote or an election is closed
with no result, on the pages and in the API. The rule itself is counted without a database."""

from __future__ import annotations

import html
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from gealc.core.errors import Conflict
from gealc.governance.counting import (
    Outcome,
    Quorum,
    Rule,
    SeatRule,
    Status,
    motion_count,
    seats_count,
    turnout_count,
)
from gealc.governance.models import CommitteeMembership, Election, NetworkRules
from gealc.governance.services import (
    ballot_cast,
    candidacy_add,
    election_certify,
    election_close,
    election_create,
    election_open,
    motion_close,
    motion_create,
    vote_cast,
)

FAST = settings(max_examples=80, deadline=None)
shares = st.fractions(min_value=0, max_value=1, max_denominator=1000)


# The rule, without a database -------------------------------------------------------------------


@FAST
@given(present=st.integers(0, 60), data=st.data(), minimum=shares)
def test_the_turnout_is_met_exactly_when_at_least_the_minimum_share_of_the_present_voted(
    present, data, minimum
):
    voted = data.draw(st.integers(0, present))

    turnout = turnout_count(voted=voted, present=present, minimum=minimum)

    assert turnout.met == (Fraction(voted) >= minimum * present)
    assert turnout.required == math.ceil(minimum * present)
    assert turnout.complete == (voted == present)


@FAST
@given(present=st.integers(0, 60), data=st.data(), low=shares, high=shares)
def test_a_higher_minimum_never_gives_a_result_that_a_lower_one_refuses(present, data, low, high):
    low, high = sorted([low, high])
    voted = data.draw(st.integers(0, present))

    if turnout_count(voted=voted, present=present, minimum=high).met:
        assert turnout_count(voted=voted, present=present, minimum=low).met


@FAST
@given(present=st.integers(0, 60), data=st.data())
def test_without_a_minimum_every_turnout_gives_a_result(present, data):
    assert turnout_count(voted=data.draw(st.integers(0, present)), present=present).met


def test_one_of_eighteen_is_below_half_and_nine_is_not():
    assert not turnout_count(voted=1, present=18, minimum=Decimal("0.5")).met
    assert turnout_count(voted=9, present=18, minimum=Decimal("0.5")).met
    assert turnout_count(voted=9, present=17, minimum=Decimal("0.5")).met
    assert not turnout_count(voted=8, present=17, minimum=Decimal("0.5")).met


def test_a_minimum_outside_zero_to_one_or_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        turnout_count(voted=1, present=2, minimum=Decimal("1.5"))
    with pytest.raises(ValueError):
        turnout_count(voted=-1, present=2)


@FAST
@given(
    rule=st.sampled_from(list(Rule)),
    votes=st.lists(st.sampled_from(["yes", "no", "abstain"]), max_size=26),
    minimum=shares,
)
def test_a_motion_below_the_minimum_turnout_has_no_result_whatever_the_votes(rule, votes, minimum):
    quorum = Quorum(present=26, members=33, required=17)

    tally = motion_count(rule=rule, votes=votes, quorum=quorum, minimum_turnout=minimum)

    assert tally.turnout is not None and tally.turnout.voted == len(votes)
    if tally.turnout.met:
        assert tally.result in {Outcome.PASS, Outcome.FAIL}
    else:
        assert tally.result == Outcome.LOW_TURNOUT


@FAST
@given(
    ballots=st.lists(st.sampled_from([frozenset({"URY"}), frozenset({"DOM"}), frozenset()]), max_size=20),
    turnout_met=st.booleans(),
)
def test_a_contest_below_the_minimum_turnout_elects_nobody_but_keeps_its_count(ballots, turnout_met):
    count = seats_count(
        candidates=["DOM", "URY"],
        ballots=ballots,
        seats=1,
        rule=SeatRule.ABSOLUTE_MAJORITY,
        turnout_met=turnout_met,
    )
    full = seats_count(candidates=["DOM", "URY"], ballots=ballots, seats=1, rule=SeatRule.ABSOLUTE_MAJORITY)

    assert count.counts == full.counts and count.valid_ballots == full.valid_ballots
    if not turnout_met:
        assert (count.elected, count.runoff, count.status) == ((), (), Status.LOW_TURNOUT)
    else:
        assert count == full


def test_without_quorum_the_quorum_is_what_the_count_says_even_below_the_turnout():
    count = seats_count(candidates=["URY"], ballots=[{"URY"}], seats=1, quorum_met=False, turnout_met=False)

    assert count.status == Status.NO_QUORUM


# In the services, the pages and the API ----------------------------------------------------------


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def set_minimum(share: str) -> None:
    rules = NetworkRules.current()
    rules.min_turnout_fraction = Decimal(share)
    rules.save()


@pytest.fixture
def election(cast, assembly):
    election = election_create(actor=cast.secretariat, meeting=assembly, title="Authorities 2027")
    for contest, code in [("presidency", "DOM"), ("presidency", "URY"), ("committee-mercosur", "BRA")]:
        candidacy_add(actor=cast.secretariat, election=election, contest_key=contest, country_code=code)
    election_open(actor=cast.secretariat, election=election)
    return election


@pytest.fixture
def motion(cast, assembly):
    return motion_create(
        actor=cast.secretariat,
        meeting=assembly,
        rule="simple_majority",
        title={"en": "Approve the report"},
        original_language="en",
    )


def test_an_election_closed_after_one_of_the_present_voted_under_a_minimum_seats_nobody(
    cast, heads, election
):
    set_minimum("0.5")
    ballot_cast(
        actor=heads["URY"], election=election, choices={"presidency": ["URY"], "committee-mercosur": ["BRA"]}
    )

    closed = election_close(actor=cast.secretariat, election=election)

    assert closed.results["turnout"] == {
        "voted": 1,
        "present": 26,
        "required": 13,
        "met": False,
        "complete": False,
    }
    assert {c["status"] for c in closed.results["contests"]} == {"low_turnout"}
    assert all(c["elected"] == [] for c in closed.results["contests"])
    with pytest.raises(Conflict, match="turnout was below the network's minimum"):
        election_certify(actor=cast.secretariat, election=closed)
    assert not CommitteeMembership.objects.filter(election=election).exists()


def test_the_results_page_and_the_api_say_there_is_no_result_below_the_minimum(cast, heads, election):
    set_minimum("0.5")
    ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["URY"]})
    election_close(actor=cast.secretariat, election=election)

    page = html.unescape(Client().get(f"/elections/{election.pk}/results/").content.decode())
    api = Client().get(f"/api/v1/elections/{election.pk}/results").json()

    assert "1 ballot cast." in page
    assert (
        "No result: turnout below the minimum (1 of 26 countries present voted). Nobody is elected." in page
    )
    election_api = Client().get(f"/api/v1/elections/{election.pk}", headers={"accept-language": "en"}).json()
    assert api["turnout"]["met"] is False
    assert {c["status"] for c in api["contests"]} == {"low_turnout"}
    assert (election_api["outcome"], election_api["outcome_label"]) == (
        "low_turnout",
        "No result: turnout below the minimum. Nobody is elected.",
    )


def test_a_motion_below_the_minimum_turnout_is_closed_with_no_result(cast, heads, motion):
    set_minimum("0.5")
    vote_cast(actor=heads["URY"], motion=motion, option="yes")

    closed = motion_close(actor=cast.secretariat, motion=motion)
    api = Client().get(f"/api/v1/motions/{motion.pk}").json()
    page = html.unescape(Client().get(f"/motions/{motion.pk}/").content.decode())

    assert closed.result == "low_turnout"
    assert (api["result"], api["result_label"]) == ("low_turnout", "No result: turnout below the minimum")
    assert api["turnout"] == {"voted": 1, "present": 26, "required": 13, "met": False, "complete": False}
    assert "No result: turnout below the minimum" in page
    assert "1 of 26 member countries present voted" in page


def test_without_a_minimum_the_motion_is_decided_by_the_votes_cast(cast, heads, motion):
    vote_cast(actor=heads["URY"], motion=motion, option="yes")

    assert motion_close(actor=cast.secretariat, motion=motion).result == "pass"


def test_closing_an_election_shows_the_turnout_and_waits_for_the_confirmation(cast, heads, election):
    set_minimum("0.5")
    ballot_cast(actor=heads["URY"], election=election, choices={"presidency": ["URY"]})
    officer = as_user(cast.secretariat)
    url = f"/elections/{election.pk}/close/"

    shown = html.unescape(officer.post(url).content.decode())
    unticked = officer.post(url, {"step": "confirm"})
    assert Election.objects.get(pk=election.pk).status == "open"
    closed = html.unescape(
        officer.post(url, {"step": "confirm", "confirm": "on"}, follow=True).content.decode()
    )

    assert "1 of 26 member countries present have voted." in shown
    assert "No result: turnout below the minimum." in shown
    assert "If you close now, the voting is closed with no result, and nobody is elected." in shown
    assert unticked.context["form"].errors["confirm"] == ["This field is required."]
    assert Election.objects.get(pk=election.pk).status == "closed"
    assert "The voting is closed and the ballots are counted." in closed


def test_closing_a_motion_everyone_voted_on_still_shows_the_turnout_first(cast, heads, motion):
    from gealc.governance.tests.fixtures import PRESENT

    for code in PRESENT:
        vote_cast(actor=heads[code], motion=motion, option="yes")

    shown = html.unescape(as_user(cast.secretariat).post(f"/motions/{motion.pk}/close/").content.decode())

    assert "26 of 26 member countries present have voted." in shown
    assert "Every member country present has voted." in shown


def test_a_head_of_delegation_cannot_close_even_with_a_confirmation(cast, election):
    response = as_user(cast.uruguay_head).post(
        f"/elections/{election.pk}/close/", {"step": "confirm", "confirm": "on"}
    )

    assert response.status_code == 403
    assert Election.objects.get(pk=election.pk).status == "open"


def test_published_ballots_read_with_the_contests_labels_and_the_countries_names(cast, heads, election):
    for code in ("URY", "BRA", "DOM"):
        ballot_cast(actor=heads[code], election=election, choices={"committee-mercosur": ["BRA"]})
    election_close(actor=cast.secretariat, election=election)

    page = html.unescape(Client().get(f"/elections/{election.pk}/results/").content.decode())
    published = page[page.index('id="published-ballots"') :]

    assert "Executive Committee — Mercosur: Brazil" in published
    assert "committee-mercosur" not in published and "BRA" not in published
    assert "3 ballots cast." in page
