"""The jury's arithmetic, reproduced by hand on small cases."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gealc.awards import ranking

WEIGHTS = {"impact": 50, "innovation": 30, "reuse": 20}


def test_a_jurors_mark_is_the_weighted_mean_of_their_scores() -> None:
    # 8 x 50 + 6 x 30 + 5 x 20 = 400 + 180 + 100 = 680, over 100.
    assert ranking.juror_mark(WEIGHTS, {"impact": 8, "innovation": 6, "reuse": 5}) == Fraction(68, 10)


def test_a_sheet_without_every_criterion_or_with_a_score_above_10_is_refused() -> None:
    with pytest.raises(ValueError, match="missing"):
        ranking.juror_mark(WEIGHTS, {"impact": 8, "innovation": 6})
    with pytest.raises(ValueError, match="not from 0 to 10"):
        ranking.juror_mark(WEIGHTS, {"impact": 11, "innovation": 6, "reuse": 5})


def test_weights_that_do_not_sum_to_100_are_a_problem() -> None:
    assert ranking.weights_problem({"a": 60, "b": 30}) == "the weights sum to 90"
    assert ranking.weights_problem({}) == "no criterion"
    assert ranking.weights_problem(WEIGHTS) is None


def test_a_submissions_mark_is_the_mean_of_its_jurors_with_their_number_and_spread() -> None:
    mark = ranking.submission_mark(
        1,
        WEIGHTS,
        [{"impact": 8, "innovation": 6, "reuse": 5}, {"impact": 10, "innovation": 10, "reuse": 10}],
    )
    # (6.8 + 10) / 2 = 8.4; spread 10 - 6.8 = 3.2.
    assert (mark.jurors, mark.mean, mark.spread) == (2, Fraction(84, 10), Fraction(32, 10))


def test_a_ranking_by_hand_with_a_tie_shares_the_position_and_keeps_the_tie_apart() -> None:
    # Four submissions, three finalists. A: 9.0; B and C: 7.5 (tied); D: 7.5 too; E: 5.0.
    sheets = {
        1: [{"impact": 9, "innovation": 9, "reuse": 9}],
        2: [{"impact": 8, "innovation": 7, "reuse": 7}],  # 400 + 210 + 140 = 750
        3: [{"impact": 7, "innovation": 8, "reuse": 8}, {"impact": 8, "innovation": 7, "reuse": 7}],
        4: [{"impact": 5, "innovation": 10, "reuse": 10}],  # 250 + 300 + 200 = 750
        5: [{"impact": 5, "innovation": 5, "reuse": 5}],
    }
    marks = [ranking.submission_mark(key, WEIGHTS, per_juror) for key, per_juror in sheets.items()]
    # Submission 3: (350 + 240 + 160 = 750) and 750: 7.5 as well.
    places = ranking.rank(marks)
    assert [(place.mark.key, place.position, place.tied) for place in places] == [
        (1, 1, False),
        (2, 2, True),
        (3, 2, True),
        (4, 2, True),
        (5, 5, False),
    ]
    selection = ranking.finalists(places, 3)
    assert (selection.chosen, selection.tied, selection.seats_left) == ((1,), (2, 3, 4), 2)
    assert not selection.settled
    # With four places the tied all fit: no decision is needed.
    assert ranking.finalists(places, 4).chosen == (1, 2, 3, 4)


def test_a_submission_nobody_scored_is_left_out_of_the_ranking() -> None:
    marks = [
        ranking.submission_mark(1, WEIGHTS, []),
        ranking.submission_mark(2, WEIGHTS, [dict.fromkeys(WEIGHTS, 3)]),
    ]
    assert [place.mark.key for place in ranking.rank(marks)] == [2]


@given(st.lists(st.lists(st.integers(0, 10), min_size=3, max_size=3), min_size=1, max_size=6))
def test_a_mark_stays_between_the_lowest_and_highest_score(sheets: list[list[int]]) -> None:
    scored = [dict(zip(WEIGHTS, sheet, strict=True)) for sheet in sheets]
    mark = ranking.submission_mark(1, WEIGHTS, scored)
    assert mark.mean is not None
    assert min(min(sheet) for sheet in sheets) <= mark.mean <= max(max(sheet) for sheet in sheets)


@given(st.lists(st.integers(0, 10), min_size=1, max_size=12), st.integers(1, 5))
def test_finalists_never_exceed_the_places_and_a_tie_is_never_broken(values: list[int], seats: int) -> None:
    marks = [ranking.submission_mark(key, {"a": 100}, [{"a": value}]) for key, value in enumerate(values)]
    selection = ranking.finalists(ranking.rank(marks), seats)
    assert len(selection.chosen) + selection.seats_left <= seats
    means = {mark.key: mark.mean for mark in marks}
    # The tied share one mark, and no chosen finalist has that mark.
    assert len({means[key] for key in selection.tied}) <= 1
    assert all(means[key] not in {means[t] for t in selection.tied} for key in selection.chosen)
