"""Proposals of experts: explained scores, the same order every time, never the requesting country's."""

from decimal import Decimal

import pytest
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.matching import (
    AVAILABILITY_POINTS,
    COMMON_LANGUAGE_POINTS,
    SHARED_AREA_POINTS,
    SPREAD_POINTS,
    rank_experts,
)
from gealc.cooperation.tests.conftest import days, offer
from gealc.core.errors import ServiceError
from gealc.core.models import DecisionEvent


def names(proposals) -> list[str]:
    return [proposal.expert.person.name for proposal in proposals]


def test_experts_from_the_requesting_country_are_never_proposed(fund):
    request = fund.request_in("approved")

    proposals = rank_experts(request)

    assert names(proposals) == ["Carla Expert", "Beatriz Especialista"]
    assert fund.roster.uruguay.areas.filter(code="interoperability").exists()  # it would have matched


def test_the_api_lists_the_proposals_with_scores_and_reasons_for_the_secretariat_only(cast, fund):
    request = fund.request_in("approved")
    officer = Client()
    officer.force_login(cast.secretariat)
    delegate = Client()
    delegate.force_login(cast.uruguay_delegate)

    body = officer.get(f"/api/v1/cooperation/requests/{request.pk}/matches").json()

    assert body["count"] == 2
    first = body["items"][0]
    assert first["expert"] == {
        "id": fund.roster.chile.pk,
        "name": "Carla Expert",
        "country": "CHL",
        "institution": None,
    }
    assert first["score"] == sum(reason["points"] for reason in first["reasons"])
    assert "URY" not in {item["expert"]["country"] for item in body["items"]}
    assert delegate.get(f"/api/v1/cooperation/requests/{request.pk}/matches").status_code == 403


def test_each_reason_is_a_sentence_with_its_points_and_the_score_is_their_sum(fund):
    request = fund.request_in("approved")
    start, end = request.window_start, request.window_end

    chile, brazil = rank_experts(request)

    assert [(reason.points, reason.text) for reason in chile.reasons] == [
        (
            2 * SHARED_AREA_POINTS,
            "Shares 2 expertise areas with the request (Interoperability, Digital identity): +50 points.",
        ),
        (COMMON_LANGUAGE_POINTS, "Speaks Spanish, as the request prefers: +20 points."),
        (
            AVAILABILITY_POINTS,
            # Dates read one way in English (gealc/core/formats): "12 Dec 2026".
            f"Available during the request's window ({start.day} {start:%b %Y} to "
            f"{end.day} {end:%b %Y}): +15 points.",
        ),
        (0, "No past mission rated yet: 0 points."),
        (
            SPREAD_POINTS,
            "Chile provides no mission under this call yet, and missions are spread across countries: "
            "+10 points.",
        ),
    ]
    assert chile.score == 95
    assert brazil.score == SHARED_AREA_POINTS + AVAILABILITY_POINTS + SPREAD_POINTS
    assert brazil.reasons[1].text == "Speaks none of the request's preferred languages (Spanish): 0 points."


def test_reasons_are_written_in_the_language_of_the_reader(fund):
    from django.utils import translation

    request = fund.request_in("approved")

    with translation.override("es"):
        chile = rank_experts(request)[0]

    assert "Interoperabilidad" in chile.reasons[0].text


def test_past_ratings_and_missions_already_given_move_an_expert(cast, fund):
    fund.mission_in("closed")  # Chile's expert: rated 5 by Uruguay, one mission under the call
    request = fund.draft(window_start=days(50), window_end=days(55))
    services.request_submit(actor=cast.uruguay_delegate, request=request)
    request = services.request_approve(actor=cast.secretariat, request=request)

    chile = rank_experts(request)[0]

    assert chile.reasons[3].points == 8
    assert chile.reasons[3].text == "Rated 5.0 out of 5 by the host of 1 past mission: +8 points."
    assert chile.reasons[4].points == SPREAD_POINTS - 2
    assert "already provides 1 mission under this call" in chile.reasons[4].text


def test_an_expert_on_another_mission_during_the_window_earns_no_availability_points(fund):
    fund.mission_in("approved")  # Carla is busy from day 12 to 16
    request = fund.request_in("approved")

    chile = next(p for p in rank_experts(request) if p.expert == fund.roster.chile)

    assert chile.reasons[2].points == 0
    assert chile.reasons[2].text.startswith("Another mission of theirs overlaps the request's window")


def test_ties_are_broken_by_name_so_the_order_never_changes(cast, fund):
    for name in ("Zoe Zelaya", "Ana Arias"):
        expert = offer(
            cast.secretariat, "PER", name, f"{name.split()[0].lower()}@pcm.gob.pe", ["open-data"], ["es"]
        )
        services.expert_validate(actor=cast.secretariat, expert=expert)
    request = fund.draft(areas=["open-data"])
    services.request_submit(actor=cast.uruguay_delegate, request=request)
    request = services.request_approve(actor=cast.secretariat, request=request)

    first, second = rank_experts(request), rank_experts(request)

    assert names(first) == names(second) == ["Ana Arias", "Zoe Zelaya"]
    assert first[0].score == first[1].score


def test_picking_the_best_ranked_needs_no_reason_and_is_recorded(cast, fund):
    request = fund.request_in("approved")

    [match] = services.request_match(actor=cast.secretariat, request=request, experts=[fund.roster.chile.pk])

    assert (match.rank, match.score, match.override_reason) == (1, 95, "")
    assert len(match.reasons) == 5
    event = DecisionEvent.objects.get(action="cooperation.request.match")
    assert event.payload["override"] is False


def test_picking_another_than_the_best_ranked_is_an_override_that_needs_a_reason(cast, fund):
    request = fund.request_in("approved")

    with pytest.raises(ServiceError) as refused:
        services.request_match(actor=cast.secretariat, request=request, experts=[fund.roster.brazil.pk])
    [match] = services.request_match(
        actor=cast.secretariat,
        request=request,
        experts=[fund.roster.brazil.pk],
        override_reason="Portuguese documentation must be reviewed.",
    )

    assert refused.value.field == "override_reason"
    assert (match.rank, match.override_reason) == (2, "Portuguese documentation must be reviewed.")
    assert DecisionEvent.objects.get(action="cooperation.request.match").payload["override"] is True


def test_an_expert_of_the_requesting_country_is_refused_whatever_the_reason(cast, fund):
    request = fund.request_in("approved")

    with pytest.raises(ServiceError, match="the requesting country") as refused:
        services.request_match(
            actor=cast.secretariat,
            request=request,
            experts=[fund.roster.uruguay.pk],
            override_reason="Knows us.",
        )

    assert refused.value.field == "experts"
    assert not request.matches.exists()


def test_an_expert_not_yet_validated_cannot_be_picked(cast, fund):
    request = fund.request_in("approved")

    with pytest.raises(ServiceError, match="not validated"):
        services.request_match(
            actor=cast.secretariat,
            request=request,
            experts=[fund.roster.argentina.pk],
            override_reason="Why not.",
        )


def test_a_second_mission_is_planned_with_a_second_matched_expert(cast, fund):
    request = fund.request_in("matched")
    services.request_match(
        actor=cast.secretariat,
        request=request,
        experts=[fund.roster.brazil.pk],
        override_reason="Second expert.",
    )
    fund.mission_in("approved", request=request)

    second = services.mission_plan(
        actor=cast.secretariat,
        request=request,
        expert=fund.roster.brazil,
        start_date=days(20),
        end_date=days(21),
        modality="remote",
        other_cost=Decimal("100"),
    )

    assert (second.days, second.planned_cost, second.provider.iso3) == (0, Decimal("100.00"), "BRA")
    assert request.missions.count() == 2
