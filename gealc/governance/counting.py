"""How the network counts: the quorum, the turnout, the decision rules of a motion, and the seats of a
contest.

Plain functions of plain values: no database, no models, no Django. The services gather the votes and
ballots from the database, count here and write the result; anything else that counts (the awards'
final round) can do the same. Candidates are keys (ISO codes today), never model instances.

Whatever the order of the ballots and whether the election was open or secret, the same ballots give
the same result: nothing here looks at who cast a ballot or when.
"""

from __future__ import annotations

import enum
import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

# The quorum --------------------------------------------------------------------------------------

MORE_THAN_HALF = Fraction(1, 2)


@dataclass(frozen=True)
class Quorum:
    present: int  # member countries present
    members: int  # member countries of the network
    required: int  # present members needed

    @property
    def met(self) -> bool:
        return self.present >= self.required

    def as_dict(self) -> dict[str, int | bool]:
        """As results and closed motions keep it."""
        return {"present": self.present, "members": self.members, "required": self.required, "met": self.met}


def quorum_count(*, present: int, members: int, share: Decimal | Fraction = MORE_THAN_HALF) -> Quorum:
    """The quorum when ``present`` of ``members`` member countries attend: more than ``share`` of them.

    ``share`` runs from 0 to 1. "More than" is the smallest whole number strictly above ``share`` times
    ``members``, but never more than all the members (a share of 1 asks for everyone). A network with
    no members still needs one present. Exact arithmetic: 0.5 of 33 asks for 17, of 32 for 17.
    """
    share = Fraction(share)
    if present < 0 or members < 0:
        raise ValueError("counts of countries are not negative")
    if not 0 <= share <= 1:
        raise ValueError(f"the quorum is a share from 0 to 1, not {share}")
    required = min(math.floor(members * share) + 1, members) if members else 1
    return Quorum(present=present, members=members, required=required)


# The turnout -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Turnout:
    voted: int  # member countries present that voted
    present: int  # member countries present
    required: int  # votes needed for a result under the network's minimum turnout

    @property
    def met(self) -> bool:
        return self.voted >= self.required

    @property
    def complete(self) -> bool:
        """Every member country present has voted."""
        return self.voted >= self.present

    def as_dict(self) -> dict[str, int | bool]:
        """As results and closed motions keep it."""
        return {
            "voted": self.voted,
            "present": self.present,
            "required": self.required,
            "met": self.met,
            "complete": self.complete,
        }


def turnout_count(*, voted: int, present: int, minimum: Decimal | Fraction = Fraction(0)) -> Turnout:
    """The turnout when ``voted`` of the ``present`` member countries voted, under a minimum share.

    ``minimum`` runs from 0 (no minimum) to 1 (every country present must vote). The votes required are
    at least that share of the present: the smallest whole number not below ``minimum`` times
    ``present``, exactly (0.5 of 18 asks for 9, of 17 for 9). No one present asks for no vote.
    """
    minimum = Fraction(minimum)
    if voted < 0 or present < 0:
        raise ValueError("counts of countries are not negative")
    if not 0 <= minimum <= 1:
        raise ValueError(f"the minimum turnout is a share from 0 to 1, not {minimum}")
    return Turnout(voted=voted, present=present, required=math.ceil(present * minimum))


# Motions -----------------------------------------------------------------------------------------


class Rule(enum.StrEnum):
    """The decision rules of a motion (the values of ``governance.models.DecisionRule``)."""

    SIMPLE_MAJORITY = "simple_majority"
    TWO_THIRDS = "two_thirds"
    CONSENSUS = "consensus"


class Option(enum.StrEnum):
    YES = "yes"
    NO = "no"
    ABSTAIN = "abstain"


class Outcome(enum.StrEnum):
    """The result of a motion (the values of ``Motion.Result``)."""

    PASS = "pass"  # noqa: S105 (a result, not a password)
    FAIL = "fail"
    NO_QUORUM = "no_quorum"
    LOW_TURNOUT = "low_turnout"


def rule_met(rule: str, *, yes: int, no: int) -> bool:
    """Whether ``yes`` votes against ``no`` carry the motion under ``rule``.

    The votes cast are yes and no; abstentions do not weigh, so they are not asked for. A motion never
    passes without a single yes, whatever the rule: nobody voting is not an approval.
    - simple majority: more yes than no;
    - two-thirds: yes are at least two-thirds of yes and no (3 * yes >= 2 * (yes + no), exactly);
    - consensus: no vote against.
    """
    if yes < 0 or no < 0:
        raise ValueError("counts of votes are not negative")
    match Rule(rule):
        case Rule.SIMPLE_MAJORITY:
            return yes > no
        case Rule.TWO_THIRDS:
            return yes > 0 and 3 * yes >= 2 * (yes + no)
        case Rule.CONSENSUS:
            return yes > 0 and no == 0


@dataclass(frozen=True)
class MotionTally:
    yes: int
    no: int
    abstain: int
    quorum: Quorum
    result: str  # an Outcome: pass, fail, no_quorum or low_turnout
    turnout: Turnout | None = None


def motion_count(
    *, rule: str, votes: Iterable[str], quorum: Quorum, minimum_turnout: Decimal | Fraction = Fraction(0)
) -> MotionTally:
    """Count the ``votes`` (each yes, no or abstain) of a motion under ``rule``; no quorum, no result;
    fewer votes than ``minimum_turnout`` of the member countries present, no result either."""
    rule = Rule(rule)
    counts = Counter(Option(vote) for vote in votes)
    yes, no, abstain = counts[Option.YES], counts[Option.NO], counts[Option.ABSTAIN]
    turnout = turnout_count(voted=yes + no + abstain, present=quorum.present, minimum=minimum_turnout)
    if not quorum.met:
        result = Outcome.NO_QUORUM
    elif not turnout.met:
        result = Outcome.LOW_TURNOUT
    else:
        result = Outcome.PASS if rule_met(rule, yes=yes, no=no) else Outcome.FAIL
    return MotionTally(yes=yes, no=no, abstain=abstain, quorum=quorum, result=str(result), turnout=turnout)


# Contests and seats ------------------------------------------------------------------------------


class SeatRule(enum.StrEnum):
    MOST_VOTES = "most_votes"  # the seats go to those with most votes
    ABSOLUTE_MAJORITY = "absolute_majority"  # one seat, for more than half of the valid ballots


class Status(enum.StrEnum):
    DECIDED = "decided"
    RUNOFF = "runoff"
    NO_RESULT = "no_result"  # every ballot blank, or no candidate
    NO_QUORUM = "no_quorum"
    LOW_TURNOUT = "low_turnout"  # fewer ballots than the network's minimum turnout


@dataclass(frozen=True)
class SeatCount:
    """The count of one contest. ``counts`` lists every candidate, most votes first (then by key);
    ``elected`` and ``runoff`` are sorted by key; ``runoff_seats`` are the seats the runoff fills."""

    seats: int
    valid_ballots: int  # ballots that chose someone in this contest
    counts: tuple[tuple[str, int], ...]
    elected: tuple[str, ...]
    runoff: tuple[str, ...]
    runoff_seats: int
    status: str  # a Status

    def without_quorum(self) -> SeatCount:
        """The same count when the meeting had no quorum: it is published, and nobody is elected."""
        return replace(self, elected=(), runoff=(), runoff_seats=0, status=str(Status.NO_QUORUM))

    def without_turnout(self) -> SeatCount:
        """The same count when too few countries voted: it is published, and nobody is elected."""
        return replace(self, elected=(), runoff=(), runoff_seats=0, status=str(Status.LOW_TURNOUT))


def rank(counts: dict[str, int]) -> list[tuple[str, int]]:
    """Most votes first; candidates with as many votes follow the order of their keys."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def seats_count(
    *,
    candidates: Iterable[str],
    ballots: Iterable[Collection[str]],
    seats: int,
    rule: str = SeatRule.MOST_VOTES,
    quorum_met: bool = True,
    turnout_met: bool = True,
) -> SeatCount:
    """Count one contest. ``ballots`` holds, per ballot, the candidates it chose in this contest (none
    for a blank ballot); a ballot chooses each candidate at most once and at most ``seats`` of them.

    Under the absolute majority (the presidency; one seat) the leader needs more than half of the valid
    ballots, else the leading two, and any tied with the second, go to a runoff. Under most votes the
    seats go to the most voted; a tie across the last seat sends the tied to a runoff for the seats
    left. A candidate without a vote takes no seat and goes to no runoff. All blank: no result.
    Without quorum, or below the minimum turnout, the count is kept and nobody is elected.
    """
    if seats < 1:
        raise ValueError("a contest has at least one seat")
    if SeatRule(rule) == SeatRule.ABSOLUTE_MAJORITY and seats != 1:
        raise ValueError("an absolute majority elects to one seat")
    tally = dict.fromkeys(candidates, 0)
    valid = 0
    for chosen in ballots:
        picked = list(chosen)
        if len(picked) != len(set(picked)):
            raise ValueError("a ballot chooses a candidate twice")
        if len(picked) > seats:
            raise ValueError(f"a ballot chooses {len(picked)} for {seats} seat(s)")
        strangers = sorted(set(picked) - tally.keys())
        if strangers:
            raise ValueError(f"not a candidate: {', '.join(strangers)}")
        valid += bool(picked)
        for candidate in picked:
            tally[candidate] += 1
    ranked = rank(tally)
    with_votes = [(candidate, votes) for candidate, votes in ranked if votes > 0]
    elected: list[str] = []
    runoff: list[str] = []
    if not with_votes:
        pass
    elif rule == SeatRule.ABSOLUTE_MAJORITY:
        leader, most = with_votes[0]
        if 2 * most > valid:
            elected = [leader]
        else:
            # Without a majority someone else has votes too: every valid ballot chose exactly one.
            second = with_votes[1][1]
            runoff = [candidate for candidate, votes in with_votes if votes >= second]
    elif len(with_votes) <= seats:
        elected = [candidate for candidate, _votes in with_votes]
    else:
        boundary = with_votes[seats - 1][1]
        above = [candidate for candidate, votes in with_votes if votes > boundary]
        tied = [candidate for candidate, votes in with_votes if votes == boundary]
        if len(above) + len(tied) <= seats:
            elected = above + tied
        else:
            elected, runoff = above, tied
    status = Status.RUNOFF if runoff else (Status.DECIDED if elected else Status.NO_RESULT)
    count = SeatCount(
        seats=seats,
        valid_ballots=valid,
        counts=tuple(ranked),
        elected=tuple(sorted(elected)),
        runoff=tuple(sorted(runoff)),
        runoff_seats=seats - len(elected) if runoff else 0,
        status=str(status),
    )
    if not quorum_met:
        return count.without_quorum()
    return count if turnout_met else count.without_turnout()
