"""Every step that the current state does not allow is refused (409) with that state in the message, and
nothing changes; every step is taken only by its role."""

from decimal import Decimal

import pytest
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.models import Call, CooperationRequest, Mission, StateChange
from gealc.cooperation.tests.conftest import country, days
from gealc.cooperation.workflow import MISSION_STEPS, REQUEST_STEPS
from gealc.core.errors import Conflict, Forbidden

REQUEST_STATES = [
    "draft",
    "submitted",
    "approved",
    "rejected",
    "matched",
    "mission_planned",
    "in_progress",
    "completed",
    "reported",
    "closed",
    "withdrawn",
]
MISSION_STATES = ["planned", "approved", "in_progress", "completed", "closed", "cancelled"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def requests_in_every_state(fund) -> dict[str, CooperationRequest]:
    # Only the last five states have missions; each takes its own dates.
    return {
        state: fund.request_in(state, slot=max(0, index - 5)) for index, state in enumerate(REQUEST_STATES)
    }


def test_the_helper_really_builds_a_request_in_every_state(requests_in_every_state):
    assert {state: request.state for state, request in requests_in_every_state.items()} == {
        state: state for state in REQUEST_STATES
    }


@pytest.mark.parametrize(
    ("action", "role"),
    [
        ("submit", "uruguay_delegate"),
        ("approve", "secretariat"),
        ("reject", "secretariat"),
        ("withdraw", "uruguay_head"),
    ],
)
def test_a_request_step_from_a_state_that_does_not_allow_it_is_a_409_naming_the_state(
    cast, requests_in_every_state, action, role
):
    client = client_for(getattr(cast, role))
    refused = {}
    for state, request in requests_in_every_state.items():
        if state in REQUEST_STEPS[action].sources:
            continue
        before = StateChange.objects.filter(request=request).count()
        response = client.post(
            f"/api/v1/cooperation/requests/{request.pk}/{action}",
            {"reason": "Because."},
            content_type="application/json",
        )
        request.refresh_from_db()
        assert request.state == state
        assert StateChange.objects.filter(request=request).count() == before
        refused[state] = (response.status_code, request.get_state_display() in response.json()["detail"])
    assert refused
    assert set(refused.values()) == {(409, True)}, refused


def test_matching_and_planning_are_refused_outside_their_states(cast, fund, requests_in_every_state):
    refused = []
    for state, request in requests_in_every_state.items():
        if state not in REQUEST_STEPS["match"].sources:
            with pytest.raises(Conflict, match=request.get_state_display()):
                services.request_match(
                    actor=cast.secretariat, request=request, experts=[fund.roster.brazil.pk]
                )
            refused.append(("match", state))
        if state not in REQUEST_STEPS["plan"].sources:
            with pytest.raises(Conflict, match=request.get_state_display()):
                services.mission_plan(
                    actor=cast.secretariat,
                    request=request,
                    expert=fund.roster.chile,
                    start_date=request.window_start,
                    end_date=request.window_start,
                )
            refused.append(("plan", state))
    assert len(refused) == 9 + 9


@pytest.fixture
def missions_in_every_state(fund) -> dict[str, Mission]:
    missions = {}
    for index, state in enumerate(MISSION_STATES):
        missions[state] = fund.mission_in(
            state, start_date=days(10 + 5 * index), end_date=days(14 + 5 * index)
        )
    return missions


@pytest.mark.parametrize("action", list(MISSION_STEPS))
def test_a_mission_step_from_a_state_that_does_not_allow_it_is_a_409_naming_the_state(
    cast, missions_in_every_state, action
):
    client = client_for(cast.secretariat)
    body = {"reason": "Because.", "actual_travel_cost": "1", "actual_days": 0}
    refused = {}
    for state, mission in missions_in_every_state.items():
        if state in MISSION_STEPS[action].sources:
            continue
        response = client.post(
            f"/api/v1/cooperation/missions/{mission.pk}/{action}", body, content_type="application/json"
        )
        mission.refresh_from_db()
        assert mission.state == state
        refused[state] = (response.status_code, mission.get_state_display() in response.json()["detail"])
    assert refused
    assert set(refused.values()) == {(409, True)}, refused


def test_reports_are_refused_before_the_mission_is_completed_and_a_second_time(
    cast, fund, missions_in_every_state
):
    for state in ("planned", "approved", "in_progress", "cancelled"):
        with pytest.raises(Conflict, match="once it is completed"):
            fund.report(missions_in_every_state[state], "expert")
    completed = missions_in_every_state["completed"]
    fund.report(completed, "host")
    with pytest.raises(Conflict, match="already submitted"):
        fund.report(completed, "host")


def test_each_step_is_refused_to_the_roles_it_does_not_belong_to(cast, fund):
    draft = fund.request_in("draft")
    submitted = fund.request_in("submitted")
    planned = fund.mission_in("planned")

    with pytest.raises(Forbidden):
        services.request_submit(actor=cast.brazil_delegate, request=draft)
    with pytest.raises(Forbidden):
        services.request_submit(actor=cast.secretariat, request=draft)
    with pytest.raises(Forbidden):
        services.request_approve(actor=cast.uruguay_head, request=submitted)
    with pytest.raises(Forbidden):
        services.request_reject(actor=cast.chile_expert, request=submitted, reason="No.")
    with pytest.raises(Forbidden):
        services.mission_approve(actor=cast.uruguay_head, mission=planned)
    with pytest.raises(Forbidden):
        services.mission_start(actor=cast.brazil_delegate, mission=planned)
    with pytest.raises(Forbidden):
        services.call_create(
            actor=cast.uruguay_head,
            year=2026,
            title="Mine",
            budget=Decimal(1),
            opens_on=draft.window_start,
            closes_on=draft.window_end,
            max_days_per_mission=1,
            max_cost_per_mission=Decimal(1),
            default_per_diem=Decimal(1),
        )
    draft.refresh_from_db()
    submitted.refresh_from_db()
    planned.refresh_from_db()
    assert (draft.state, submitted.state, planned.state) == ("draft", "submitted", "planned")


def test_observers_cannot_request(cast, call):
    with pytest.raises(Forbidden):
        services.request_draft(
            actor=cast.spain_delegate,
            country=country("ESP"),
            title={"en": "A"},
            problem={"en": "B"},
            outputs={"en": "C"},
            original_language="en",
            areas=["open-data"],
            modality="remote",
            window_start=days(1),
            window_end=days(2),
        )


def test_a_draft_cannot_be_submitted_once_the_call_has_closed(cast, fund):
    draft = fund.request_in("draft")
    Call.objects.filter(pk=draft.call_id).update(opens_on=days(-60), closes_on=days(-1))

    with pytest.raises(Conflict, match="not open today"):
        services.request_submit(actor=cast.uruguay_delegate, request=draft)
