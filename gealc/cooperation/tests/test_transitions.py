"""The fund's procedure, written out here state by state, against what the API and the services do.

The expected procedure is spelt out literally, not read from ``workflow``: a change to the steps' table
that is not also made here makes these tests fail. Every step the current state does not allow is
refused (409) with that state in the message, and nothing changes; every step is taken only by its role.
"""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from gealc.cooperation import services
from gealc.cooperation.models import Call, CooperationRequest, Mission, StateChange
from gealc.cooperation.tests.conftest import country, days, on_the_day
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

# (state, step) -> the state the step leads to. Every pair not listed is refused.
REQUEST_PROCEDURE = {
    ("draft", "submit"): "submitted",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "approve"): "approved",
    ("submitted", "reject"): "rejected",
    ("submitted", "withdraw"): "withdrawn",
    ("approved", "withdraw"): "withdrawn",
    ("matched", "withdraw"): "withdrawn",
}
MISSION_PROCEDURE = {
    ("planned", "approve"): "approved",
    ("planned", "cancel"): "cancelled",
    ("approved", "cancel"): "cancelled",
    ("approved", "start"): "in_progress",
    ("in_progress", "complete"): "completed",
    ("completed", "close"): "closed",
}
# Matching and planning have pages of their own; these are the states in which they are taken.
MATCHED_FROM = {"approved", "matched"}
PLANNED_FROM = {"matched", "mission_planned"}

# Who takes each step through the API in these tests, and what it sends.
REQUEST_ACTORS = {
    "submit": "uruguay_delegate",
    "approve": "secretariat",
    "reject": "secretariat",
    "withdraw": "uruguay_head",
}
BODY = {"reason": "Because.", "actual_travel_cost": "1", "actual_days": 0}


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


@pytest.mark.parametrize("action", sorted(REQUEST_ACTORS))
def test_a_request_step_leads_where_the_procedure_says_and_is_a_409_naming_the_state_elsewhere(
    cast, requests_in_every_state, action
):
    client = client_for(getattr(cast, REQUEST_ACTORS[action]))
    outcome = {}
    for state, request in requests_in_every_state.items():
        before = StateChange.objects.filter(request=request).count()
        response = client.post(
            f"/api/v1/cooperation/requests/{request.pk}/{action}", BODY, content_type="application/json"
        )
        label = request.get_state_display()
        request.refresh_from_db()
        if response.status_code == 200:
            assert response.json()["state"] == request.state
            assert StateChange.objects.filter(request=request).count() == before + 1
            outcome[state] = request.state
        else:
            assert (response.status_code, request.state) == (409, state), response.content
            assert label in response.json()["detail"]
            assert StateChange.objects.filter(request=request).count() == before
            outcome[state] = "refused"
    expected = {state: REQUEST_PROCEDURE.get((state, action), "refused") for state in REQUEST_STATES}
    assert outcome == expected


def test_matching_and_planning_are_refused_outside_their_states(cast, fund, requests_in_every_state):
    refused = set()
    for state, request in requests_in_every_state.items():
        if state not in MATCHED_FROM:
            with pytest.raises(Conflict, match=request.get_state_display()):
                services.request_match(
                    actor=cast.secretariat, request=request, experts=[fund.roster.brazil.pk]
                )
            refused.add(("match", state))
        if state not in PLANNED_FROM:
            with pytest.raises(Conflict, match=request.get_state_display()):
                services.mission_plan(
                    actor=cast.secretariat,
                    request=request,
                    expert=fund.roster.chile,
                    start_date=request.window_start,
                    end_date=request.window_start,
                )
            refused.add(("plan", state))
    assert len(refused) == 9 + 9


def test_a_refusal_names_the_state_and_the_step_in_words(cast, fund):
    closed = fund.request_in("rejected")

    response = client_for(cast.secretariat).post(f"/api/v1/cooperation/requests/{closed.pk}/approve")

    assert response.status_code == 409
    assert response.json()["detail"] == "The request is in the state “Rejected”: it cannot be approved now."


@pytest.fixture
def missions_in_every_state(fund) -> dict[str, Mission]:
    missions = {}
    for index, state in enumerate(MISSION_STATES):
        missions[state] = fund.mission_in(
            state, start_date=days(10 + 5 * index), end_date=days(14 + 5 * index)
        )
    return missions


@pytest.mark.parametrize("action", ["approve", "cancel", "close", "complete", "start"])
def test_a_mission_step_leads_where_the_procedure_says_and_is_a_409_naming_the_state_elsewhere(
    cast, fund, missions_in_every_state, action
):
    # Closing also needs both reports: with them in, only the state can refuse it.
    fund.report(missions_in_every_state["completed"], "expert")
    fund.report(missions_in_every_state["completed"], "host")
    client = client_for(cast.secretariat)
    outcome = {}
    for state, mission in missions_in_every_state.items():
        with on_the_day(mission.start_date):  # only the state may refuse the step
            response = client.post(
                f"/api/v1/cooperation/missions/{mission.pk}/{action}", BODY, content_type="application/json"
            )
        label = mission.get_state_display()
        mission.refresh_from_db()
        if response.status_code == 200:
            assert response.json()["state"] == mission.state
            outcome[state] = mission.state
        else:
            assert (response.status_code, mission.state) == (409, state), response.content
            assert label in response.json()["detail"]
            outcome[state] = "refused"
    expected = {state: MISSION_PROCEDURE.get((state, action), "refused") for state in MISSION_STATES}
    assert outcome == expected


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


# What each viewer finds under "What you can do now", by the record's state.
REQUEST_BUTTONS = {
    ("draft", "uruguay_delegate"): ["Submit", "Withdraw"],
    ("draft", "secretariat"): [],
    ("submitted", "secretariat"): ["Approve", "Reject"],
    ("submitted", "uruguay_head"): ["Withdraw"],
    ("approved", "secretariat"): ["Match with experts"],
    ("matched", "secretariat"): ["Match with experts", "Plan a mission"],
    ("matched", "uruguay_delegate"): ["Withdraw"],
    ("mission_planned", "uruguay_delegate"): [],
    ("rejected", "secretariat"): [],
}
MISSION_BUTTONS = {
    "planned": ["Approve", "Cancel"],
    "approved": ["Cancel", "Start"],
    "in_progress": ["Complete"],
    "completed": ["Close with these actual costs"],
    "closed": [],
    "cancelled": [],
}


def buttons(page: str) -> list[str]:
    """The labels of the buttons and links under "What you can do now"."""
    if "What you can do now" not in page:
        return []
    section = page.split("What you can do now", 1)[1].split("</section>", 1)[0]
    return [label.strip() for label in re.findall(r'class="btn[^"]*"[^>]*>([^<]+)</(?:button|a)>', section)]


def test_each_viewer_sees_the_steps_their_role_may_take_in_the_requests_state(cast, requests_in_every_state):
    seen = {
        (state, role): buttons(
            client_for(getattr(cast, role))
            .get(f"/cooperation/requests/{requests_in_every_state[state].pk}/")
            .content.decode()
        )
        for state, role in REQUEST_BUTTONS
    }
    assert seen == REQUEST_BUTTONS


def test_the_secretariat_sees_the_missions_steps_of_its_state(cast, missions_in_every_state):
    client = client_for(cast.secretariat)
    seen = {}
    for state, mission in missions_in_every_state.items():
        with on_the_day(mission.start_date):
            seen[state] = buttons(client.get(f"/cooperation/missions/{mission.pk}/").content.decode())
    assert seen == MISSION_BUTTONS


def test_before_its_start_date_a_mission_page_says_from_when_it_can_be_started(cast, fund):
    mission = fund.mission_in("approved", start_date=days(30), end_date=days(32))
    client = client_for(cast.chile_expert)

    page = client.get(f"/cooperation/missions/{mission.pk}/").content.decode()

    assert "Start" not in buttons(page)
    assert f"The mission can be started from {date_format(days(30))}." in page
    refused = client.post(f"/cooperation/missions/{mission.pk}/start/", follow=True).content.decode()
    assert f"The mission starts on {date_format(days(30), 'SHORT_DATE_FORMAT')}" in refused
    mission.refresh_from_db()
    assert mission.state == "approved"


def test_rejecting_on_the_page_asks_for_the_reason_and_shows_what_was_done(cast, fund):
    submitted = fund.request_in("submitted")
    client = client_for(cast.secretariat)
    page = client.get(f"/cooperation/requests/{submitted.pk}/").content.decode()
    assert '<label for="reject-reason">Reason for rejection</label>' in page

    empty = client.post(f"/cooperation/requests/{submitted.pk}/reject/", {"reason": ""}, follow=True)
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    assert "Reason for rejection: This field is required." in empty.content.decode()

    done = client.post(
        f"/cooperation/requests/{submitted.pk}/reject/", {"reason": "Out of scope."}, follow=True
    )
    submitted.refresh_from_db()
    assert (submitted.state, submitted.rejection_reason) == ("rejected", "Out of scope.")
    assert "The request was rejected; the country will read the reason." in done.content.decode()


def test_a_step_that_the_state_does_not_allow_is_refused_on_the_page_with_the_state(cast, fund):
    rejected = fund.request_in("rejected")

    response = client_for(cast.secretariat).post(f"/cooperation/requests/{rejected.pk}/approve/", follow=True)

    assert "The request is in the state “Rejected”: it cannot be approved now." in response.content.decode()


def test_steps_that_follow_the_missions_or_have_their_own_page_are_not_posted(cast, fund):
    request = fund.request_in("matched")
    client = client_for(cast.secretariat)

    assert client.post(f"/cooperation/requests/{request.pk}/plan/").status_code == 404
    assert client.post(f"/cooperation/requests/{request.pk}/replan/").status_code == 404
    assert client.post(f"/cooperation/requests/{request.pk}/ring/").status_code == 404


def test_a_mission_cannot_be_started_before_its_start_date_and_the_refusal_names_the_date(cast, fund):
    mission = fund.mission_in("approved", start_date=days(30), end_date=days(32))
    request = fund.request_in("approved", slot=2)
    assert request.pk != mission.request_id

    with pytest.raises(Conflict) as refused:
        services.mission_start(actor=cast.chile_expert, mission=mission)
    assert refused.value.field == "start_date"
    assert date_format(days(30), "SHORT_DATE_FORMAT") in refused.value.message
    mission.refresh_from_db()
    assert mission.state == "approved"

    response = client_for(cast.secretariat).post(
        f"/api/v1/cooperation/missions/{mission.pk}/start",
        {},
        content_type="application/json",
        headers={"accept-language": "es"},
    )
    assert (response.status_code, response.json()["field"]) == (409, "start_date")
    with translation.override("es"):
        assert date_format(days(30), "SHORT_DATE_FORMAT") in response.json()["detail"]

    with on_the_day(days(30)):
        started = services.mission_start(actor=cast.chile_expert, mission=mission)
    assert started.state == "in_progress"
