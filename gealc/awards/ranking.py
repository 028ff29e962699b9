"""How the jury's scores make a ranking: plain functions of plain values (no database, no Django).

Each juror scores every criterion from 0 to 10. A juror's mark for a submission is the weighted mean of
their scores (the weights sum to 100); a submission's mark is the mean of its jurors' marks, kept with
the number of jurors and the spread (highest minus lowest mark). Arithmetic is exact (fractions), so two
submissions are tied only when their marks are equal, and equal marks are always a tie: the ranking
gives them the same position (1, 2, 2, 4) and never breaks a tie by itself. The top N of a category are
its finalists; when submissions tied across the N-th place would not all fit, they are returned apart,
for the Secretariat to decide with a recorded reason.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

MAX_SCORE = 10
TOTAL_WEIGHT = 100


def weights_problem(weights: Mapping[str, int]) -> str | None:
    """Why these weights cannot be an edition's (English, for the services to translate), or None."""
    if not weights:
        return "no criterion"
    if any(weight < 1 for weight in weights.values()):
        return "a weight below 1"
    total = sum(weights.values())
    return None if total == TOTAL_WEIGHT else f"the weights sum to {total}"


def juror_mark(weights: Mapping[str, int], scores: Mapping[str, int]) -> Fraction:
    """The weighted mean of one juror's scores; every criterion must have its score from 0 to 10."""
    if set(scores) != set(weights):
        missing = sorted(set(weights) - set(scores))
        strangers = sorted(set(scores) - set(weights))
        raise ValueError(f"scores do not match the criteria (missing {missing}, unknown {strangers})")
    for code, value in scores.items():
        if not 0 <= value <= MAX_SCORE:
            raise ValueError(f"the score of {code} is {value}, not from 0 to {MAX_SCORE}")
    total = sum(weights.values())
    return Fraction(sum(weights[code] * scores[code] for code in weights), total)


@dataclass(frozen=True)
class Mark:
    """A submission's mark from its jurors: ``mean`` is None when no juror has scored it yet."""

    key: int
    juror_marks: tuple[Fraction, ...]

    @property
    def jurors(self) -> int:
        return len(self.juror_marks)

    @functools.cached_property
    def mean(self) -> Fraction | None:
        # Computed once per mark: a ranking compares each mark with the others.
        return sum(self.juror_marks, Fraction(0)) / self.jurors if self.juror_marks else None

    @property
    def spread(self) -> Fraction | None:
        return max(self.juror_marks) - min(self.juror_marks) if self.juror_marks else None


def submission_mark(key: int, weights: Mapping[str, int], per_juror: Iterable[Mapping[str, int]]) -> Mark:
    """The mark of submission ``key`` from the complete score sheets of its jurors."""
    return Mark(key=key, juror_marks=tuple(juror_mark(weights, scores) for scores in per_juror))


@dataclass(frozen=True)
class Place:
    mark: Mark
    position: int  # 1 for the best; tied marks share a position
    tied: bool  # another submission has the same mark


def rank(marks: Iterable[Mark]) -> list[Place]:
    """The scored submissions, best mark first (equal marks in the order of their keys, sharing a
    position); submissions without a mark are left out."""
    scored = sorted((mark for mark in marks if mark.mean is not None), key=lambda m: (-(m.mean or 0), m.key))
    first: dict[Fraction | None, int] = {}  # each mark's first position
    sharing: dict[Fraction | None, int] = {}  # how many have it
    for index, mark in enumerate(scored):
        first.setdefault(mark.mean, index + 1)
        sharing[mark.mean] = sharing.get(mark.mean, 0) + 1
    return [Place(mark=mark, position=first[mark.mean], tied=sharing[mark.mean] > 1) for mark in scored]


@dataclass(frozen=True)
class Finalists:
    """``chosen`` enter the finalists; ``tied`` straddle the last place, of whom ``seats_left`` may
    enter, which the Secretariat decides. Keys in ranking order."""

    chosen: tuple[int, ...]
    tied: tuple[int, ...]
    seats_left: int

    @property
    def settled(self) -> bool:
        return not self.tied


def finalists(places: Sequence[Place], seats: int) -> Finalists:
    """The top ``seats`` of a ranking, with a tie across the last place kept apart."""
    if seats < 1:
        raise ValueError("a category has at least one finalist")
    if len(places) <= seats:
        return Finalists(chosen=tuple(place.mark.key for place in places), tied=(), seats_left=0)
    boundary = places[seats - 1].mark.mean
    above = [place.mark.key for place in places if (place.mark.mean or 0) > (boundary or 0)]
    level = [place.mark.key for place in places if place.mark.mean == boundary]
    if len(above) + len(level) <= seats:
        return Finalists(chosen=tuple(above + level), tied=(), seats_left=0)
    return Finalists(chosen=tuple(above), tied=tuple(level), seats_left=seats - len(above))
