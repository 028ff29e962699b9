"""The counting rules, over many cases: the quorum, the decision rules of a motion, the seats of a
contest and who goes to a runoff. Most run without a database; one checks that the services count an
open and a secret election alike."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gealc.governance.counting import (
    Outcome,
    Quorum,
    Rule,
    SeatCount,
    SeatRule,
    Status,
    motion_count,
    quorum_count,
    rule_met,
    seats_count,
)
from gealc.governance.models import Ballot, BallotChoice, Candidacy, Contest, Election, Motion
from gealc.governance.services import election_tally
from gealc.governance.tests.fixtures import PRESENT
from gealc.members.models import Country

FAST = settings(max_examples=60, deadline=None)
QUORATE = Quorum(present=26, members=33, required=17)
INQUORATE = Quorum(present=10, members=33, required=17)

# Member countries present at the test assembly, to stand as candidates in the database test.
KEYS = [code for code in PRESENT if code != "CAN"][:8]


@dataclass(frozen=True)
class Race:
    candidates: list[str]
    ballots: list[frozenset[str]]
    seats: int
    rule: SeatRule

    def count(self, ballots: list[frozenset[str]] | None = None, *, quorum_met: bool = True) -> SeatCount:
        return seats_count(
            candidates=self.candidates,
            ballots=self.ballots if ballots is None else ballots,
            seats=self.seats,
            rule=self.rule,
            quorum_met=quorum_met,
        )

    def votes(self) -> dict[str, int]:
        return {c: sum(c in ballot for ballot in self.ballots) for c in self.candidates}


@st.composite
def races(draw: st.DrawFn, rule: SeatRule | None = None, max_ballots: int = 25) -> Race:
    """A contest with a few candidates and ballots that choose at most as many as there are seats.

    Few candidates and few ballots, so that ties come often."""
    rule = draw(st.sampled_from(list(SeatRule))) if rule is None else rule
    seats = 1 if rule == SeatRule.ABSOLUTE_MAJORITY else draw(st.integers(1, 4))
    candidates = draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=6, unique=True))
    ballot = st.lists(st.sampled_from(candidates), max_size=seats, unique=True).map(frozenset)
    return Race(candidates, draw(st.lists(ballot, max_size=max_ballots)), seats, rule)


# Seats ------------------------------------------------------------------------------------------


@FAST
@given(race=races(), order=st.randoms(use_true_random=False))
def test_the_order_of_the_ballots_does_not_change_the_result(race, order):
    shuffled = list(race.ballots)
    order.shuffle(shuffled)

    assert race.count(shuffled) == race.count()


@FAST
@given(race=races())
def test_a_count_never_fills_more_seats_than_the_contest_has(race):
    count = race.count()

    assert len(count.elected) <= race.seats
    assert len(count.elected) + count.runoff_seats <= race.seats
    if count.runoff:
        # A runoff is for seats that are left, among more candidates than there are such seats.
        assert 1 <= count.runoff_seats < len(count.runoff)


@FAST
@given(race=races())
def test_nobody_without_a_vote_is_elected_or_sent_to_a_runoff(race):
    count = race.count()
    votes = race.votes()

    assert all(votes[c] > 0 for c in (*count.elected, *count.runoff))
    assert not set(count.elected) & set(count.runoff)


@FAST
@given(race=races())
def test_the_counts_are_those_of_the_ballots_and_the_valid_ballots_chose_someone(race):
    count = race.count()

    assert dict(count.counts) == race.votes()
    assert [votes for _c, votes in count.counts] == sorted(race.votes().values(), reverse=True)
    assert count.valid_ballots == sum(1 for ballot in race.ballots if ballot)


@FAST
@given(race=races())
def test_everyone_elected_has_more_votes_than_everyone_not_elected(race):
    count = race.count()
    votes = race.votes()
    others = [votes[c] for c in race.candidates if c not in count.elected]

    if count.elected and others:
        assert min(votes[c] for c in count.elected) > max(others)


@FAST
@given(race=races(rule=SeatRule.MOST_VOTES))
def test_a_runoff_for_seats_is_among_the_tied_for_the_last_seat(race):
    count = race.count()
    votes = race.votes()
    left_out = [votes[c] for c in race.candidates if c not in count.elected and c not in count.runoff]

    if count.runoff:
        (tied,) = {votes[c] for c in count.runoff}
        # All of them would not fit in the seats left, and nobody left out had as many votes.
        assert len(count.runoff) > race.seats - len(count.elected)
        assert all(v < tied for v in left_out)


@FAST
@given(race=races(rule=SeatRule.MOST_VOTES))
def test_when_no_more_candidates_have_votes_than_seats_they_are_all_elected(race):
    with_votes = {c for c, v in race.votes().items() if v > 0}

    if len(with_votes) <= race.seats:
        assert set(race.count().elected) == with_votes
        assert race.count().runoff == ()


@FAST
@given(race=races(rule=SeatRule.ABSOLUTE_MAJORITY))
def test_a_presidency_is_won_only_with_an_absolute_majority_of_the_valid_ballots(race):
    count = race.count()
    votes = race.votes()

    if count.elected:
        (winner,) = count.elected
        assert 2 * votes[winner] > count.valid_ballots
    elif count.valid_ballots:
        # Nobody has the majority: the leader and the second (with any tied with them) go to a runoff.
        ranked = sorted(votes.values(), reverse=True)
        assert len(count.runoff) >= 2
        assert {c for c, v in votes.items() if v >= ranked[1]} == set(count.runoff)
        assert count.runoff_seats == 1
    else:
        assert count.status == Status.NO_RESULT


@FAST
@given(race=races())
def test_the_result_depends_on_the_votes_not_on_the_names_of_the_candidates(race):
    renamed = dict(zip(race.candidates, reversed(race.candidates), strict=True))
    mirror = Race(
        [renamed[c] for c in race.candidates],
        [frozenset(renamed[c] for c in ballot) for ballot in race.ballots],
        race.seats,
        race.rule,
    )

    count, mirrored = race.count(), mirror.count()

    assert set(mirrored.elected) == {renamed[c] for c in count.elected}
    assert set(mirrored.runoff) == {renamed[c] for c in count.runoff}
    assert (mirrored.status, mirrored.runoff_seats) == (count.status, count.runoff_seats)


@FAST
@given(race=races())
def test_without_quorum_the_counts_are_published_and_nobody_is_elected(race):
    count, void = race.count(), race.count(quorum_met=False)

    assert (void.counts, void.valid_ballots) == (count.counts, count.valid_ballots)
    assert (void.elected, void.runoff, void.runoff_seats, void.status) == ((), (), 0, Status.NO_QUORUM)


@FAST
@given(race=races())
def test_the_status_says_what_the_count_holds(race):
    count = race.count()

    assert count.status == (
        Status.RUNOFF if count.runoff else Status.DECIDED if count.elected else Status.NO_RESULT
    )
    assert (count.status == Status.NO_RESULT) == (count.valid_ballots == 0)


def test_a_presidency_without_an_absolute_majority_goes_to_a_runoff_of_the_leading_two():
    count = seats_count(
        candidates=["DOM", "URY", "CHL"],
        ballots=[{"DOM"}] * 9 + [{"URY"}] * 7 + [{"CHL"}] * 4,
        seats=1,
        rule=SeatRule.ABSOLUTE_MAJORITY,
    )

    assert (count.elected, count.runoff, count.runoff_seats, count.status) == (
        (),
        ("DOM", "URY"),
        1,
        "runoff",
    )


def test_a_tie_with_the_second_sends_every_tied_candidate_to_the_presidential_runoff():
    count = seats_count(
        candidates=["DOM", "URY", "CHL"],
        ballots=[{"DOM"}] * 8 + [{"URY"}] * 6 + [{"CHL"}] * 6,
        seats=1,
        rule=SeatRule.ABSOLUTE_MAJORITY,
    )

    assert count.runoff == ("CHL", "DOM", "URY")


def test_half_of_the_valid_ballots_is_not_an_absolute_majority():
    count = seats_count(
        candidates=["DOM", "URY"],
        ballots=[{"DOM"}] * 5 + [{"URY"}] * 5 + [set()] * 3,
        seats=1,
        rule=SeatRule.ABSOLUTE_MAJORITY,
    )

    assert (count.elected, count.runoff, count.valid_ballots) == ((), ("DOM", "URY"), 10)


def test_a_tie_across_the_last_seat_sends_the_tied_to_a_runoff_for_the_seats_left():
    count = seats_count(
        candidates=["URY", "BRA", "ARG"],
        ballots=[{"URY", "BRA"}] * 10 + [{"URY", "ARG"}] * 10,
        seats=2,
    )

    assert (count.elected, count.runoff, count.runoff_seats) == (("URY",), ("ARG", "BRA"), 1)


def test_a_tie_inside_the_seats_elects_all_the_tied():
    count = seats_count(candidates=["URY", "BRA", "ARG"], ballots=[{"URY", "BRA"}] * 3 + [{"ARG"}], seats=2)

    assert (count.elected, count.status) == (("BRA", "URY"), "decided")


def test_a_contest_where_every_ballot_is_blank_has_no_result():
    count = seats_count(candidates=["DOM"], ballots=[set(), set()], seats=1, rule=SeatRule.ABSOLUTE_MAJORITY)

    assert (count.elected, count.runoff, count.valid_ballots, count.status) == ((), (), 0, "no_result")


def test_the_final_round_of_an_award_counts_with_any_keys():
    count = seats_count(
        candidates=["solution-17", "solution-4", "solution-9"],
        ballots=[{"solution-4"}, {"solution-9"}, {"solution-4"}],
        seats=1,
    )

    assert count.elected == ("solution-4",)
    assert count.counts == (("solution-4", 2), ("solution-9", 1), ("solution-17", 0))


@pytest.mark.parametrize(
    ("ballots", "seats", "message"),
    [
        ([["URY", "URY"]], 2, "chooses a candidate twice"),
        ([{"URY", "BRA", "ARG"}], 2, "chooses 3 for 2 seat"),
        ([{"PRY"}], 2, "not a candidate: PRY"),
    ],
)
def test_a_ballot_the_services_would_have_refused_is_not_counted(ballots, seats, message):
    with pytest.raises(ValueError, match=message):
        seats_count(candidates=["URY", "BRA", "ARG"], ballots=ballots, seats=seats)


def test_an_absolute_majority_elects_to_one_seat_only():
    with pytest.raises(ValueError, match="one seat"):
        seats_count(candidates=["URY"], ballots=[], seats=2, rule=SeatRule.ABSOLUTE_MAJORITY)


@pytest.mark.django_db
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(race=races(max_ballots=len(PRESENT)), order=st.randoms(use_true_random=False))
def test_the_same_ballots_count_alike_in_an_open_and_a_secret_election(assembly, race, order):
    """Through the services and the database: the secret election keeps no country and its ballots are
    stored in another order, and still counts the same, and as the counting rules say."""
    countries = {country.iso3: country for country in Country.objects.filter(iso3__in=PRESENT)}
    shuffled = list(race.ballots)
    order.shuffle(shuffled)
    results = {}
    for ballot_type, ballots in (("open", race.ballots), ("secret", shuffled)):
        election = Election.objects.create(
            meeting=assembly, title_en=f"Count {ballot_type}", ballot_type=ballot_type, status="closed"
        )
        presidency = race.rule == SeatRule.ABSOLUTE_MAJORITY
        contest = Contest.objects.create(
            election=election,
            key="office",
            kind=Contest.Kind.PRESIDENCY if presidency else Contest.Kind.OTHER,
            seats=race.seats,
            label_en="Office",
        )
        Candidacy.objects.bulk_create(
            [
                Candidacy(contest=contest, country=countries[c], nominated_at=timezone.now())
                for c in race.candidates
            ]
        )
        for voter, chosen in zip(PRESENT, ballots, strict=False):
            ballot = Ballot.objects.create(
                election=election, country=countries[voter] if ballot_type == "open" else None
            )
            BallotChoice.objects.bulk_create(
                [BallotChoice(ballot=ballot, contest=contest, country=countries[c]) for c in chosen]
            )
        results[ballot_type] = election_tally(election)

    assert results["open"] == results["secret"]
    (published,) = results["open"]["contests"]
    expected = race.count()
    assert (published["elected"], published["runoff"], published["status"]) == (
        list(expected.elected),
        list(expected.runoff),
        expected.status,
    )


# Motions ----------------------------------------------------------------------------------------

counts = st.integers(0, 40)


@FAST
@given(yes=counts, no=counts)
def test_consensus_passes_when_someone_agrees_and_nobody_is_against(yes, no):
    assert rule_met(Rule.CONSENSUS, yes=yes, no=no) == (yes > 0 and no == 0)


@FAST
@given(yes=counts, no=counts)
def test_two_thirds_of_the_votes_cast_pass_a_motion(yes, no):
    cast = yes + no
    expected = cast > 0 and Fraction(yes, cast) >= Fraction(2, 3)

    assert rule_met(Rule.TWO_THIRDS, yes=yes, no=no) == expected


@FAST
@given(yes=counts, no=counts)
def test_a_simple_majority_is_more_yes_than_no(yes, no):
    assert rule_met(Rule.SIMPLE_MAJORITY, yes=yes, no=no) == (yes > no)


@FAST
@given(rule=st.sampled_from(list(Rule)), yes=counts, no=counts)
def test_one_more_yes_never_fails_a_motion_and_one_more_no_never_passes_it(rule, yes, no):
    if rule_met(rule, yes=yes, no=no):
        assert rule_met(rule, yes=yes + 1, no=no)
    else:
        assert not rule_met(rule, yes=yes, no=no + 1)


@FAST
@given(
    rule=st.sampled_from(list(Rule)),
    votes=st.lists(st.sampled_from(["yes", "no", "abstain"]), max_size=33),
    abstentions=st.integers(0, 10),
    order=st.randoms(use_true_random=False),
)
def test_abstentions_are_counted_but_do_not_weigh_and_the_order_of_votes_does_not_matter(
    rule, votes, abstentions, order
):
    more = [*votes, *["abstain"] * abstentions]
    order.shuffle(more)

    tally, again = (
        motion_count(rule=rule, votes=votes, quorum=QUORATE),
        motion_count(rule=rule, votes=more, quorum=QUORATE),
    )

    assert again.result == tally.result
    assert (again.yes, again.no, again.abstain) == (tally.yes, tally.no, tally.abstain + abstentions)


@FAST
@given(rule=st.sampled_from(list(Rule)), votes=st.lists(st.sampled_from(["yes", "no", "abstain"])))
def test_without_quorum_a_motion_has_no_result_whatever_the_votes(rule, votes):
    assert motion_count(rule=rule, votes=votes, quorum=INQUORATE).result == Outcome.NO_QUORUM


def test_a_motion_with_no_vote_cast_does_not_pass_under_any_rule():
    for rule in Rule:
        assert motion_count(rule=rule, votes=["abstain"] * 5, quorum=QUORATE).result == "fail"


def test_eight_yes_against_four_no_are_two_thirds_and_seven_are_not():
    assert motion_count(rule="two_thirds", votes=["yes"] * 8 + ["no"] * 4, quorum=QUORATE).result == "pass"
    assert motion_count(rule="two_thirds", votes=["yes"] * 7 + ["no"] * 4, quorum=QUORATE).result == "fail"


def test_an_unknown_rule_or_option_is_refused():
    with pytest.raises(ValueError):
        rule_met("unanimity", yes=1, no=0)
    with pytest.raises(ValueError):
        motion_count(rule="consensus", votes=["maybe"], quorum=QUORATE)


def test_the_counting_rules_speak_of_the_same_rules_options_and_results_as_the_records():
    from gealc.governance.models import DecisionRule, VoteOption

    assert set(Rule) == set(DecisionRule.values)
    assert set(Outcome) == set(Motion.Result.values)
    assert {"yes", "no", "abstain"} == set(VoteOption.values)


# The quorum -------------------------------------------------------------------------------------

shares = st.integers(0, 1000).map(lambda thousandths: Decimal(thousandths) / 1000)


@FAST
@given(members=st.integers(0, 60), data=st.data(), share=shares)
def test_the_quorum_is_met_when_more_than_the_share_of_members_are_present(members, data, share):
    present = data.draw(st.integers(0, members))

    met = quorum_count(present=present, members=members, share=share).met

    # More than the share; a share of 1 asks for every member, and no meeting is quorate with nobody.
    assert met == (present > Fraction(share) * members or 0 < members <= present)


@FAST
@given(members=st.integers(1, 60), share=shares)
def test_the_quorum_never_asks_for_more_than_all_the_members(members, share):
    assert 1 <= quorum_count(present=0, members=members, share=share).required <= members


def test_seventeen_of_thirty_three_members_make_the_quorum_by_default():
    assert quorum_count(present=16, members=33).met is False
    assert quorum_count(present=17, members=33).as_dict() == {
        "present": 17,
        "members": 33,
        "required": 17,
        "met": True,
    }


def test_half_of_an_even_number_of_members_is_not_a_quorum():
    assert quorum_count(present=16, members=32).required == 17


def test_a_quorum_share_outside_zero_to_one_is_refused():
    with pytest.raises(ValueError, match="share from 0 to 1"):
        quorum_count(present=3, members=10, share=Decimal("1.5"))
