"""The whole procedure through the API, from Uruguay's draft to the closed mission, each step by its role."""

from decimal import Decimal

from django.core import mail
from django.test import Client

from gealc.cooperation.models import LedgerEntry
from gealc.cooperation.tests.conftest import days, on_the_day
from gealc.core.audit import verify_chain
from gealc.core.models import DecisionEvent


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict | None = None):
    return client.post(f"/api/v1/cooperation{url}", body or {}, content_type="application/json")


def test_a_request_goes_from_draft_to_closed_and_the_call_shows_what_was_spent(
    cast, call, roster, django_capture_on_commit_callbacks
):
    delegate, head, officer, expert = (
        as_user(cast.uruguay_delegate),
        as_user(cast.uruguay_head),
        as_user(cast.secretariat),
        as_user(cast.chile_expert),
    )

    drafted = post(
        delegate,
        "/requests",
        {
            "country": "URY",
            "title": {"en": "Interoperability of the civil registry"},
            "problem": {"en": "Registries cannot exchange data."},
            "outputs": {"en": "A roadmap."},
            "original_language": "en",
            "areas": ["interoperability", "digital-identity"],
            "languages": ["es"],
            "modality": "on_site",
            "window_start": days(10).isoformat(),
            "window_end": days(40).isoformat(),
        },
    )
    assert drafted.status_code == 201, drafted.json()
    request_id = drafted.json()["id"]
    assert drafted.json()["state"] == "draft"
    assert drafted.json()["call"] == call.pk

    with django_capture_on_commit_callbacks(execute=True):
        assert post(delegate, f"/requests/{request_id}/submit").json()["state"] == "submitted"
    assert {message.to[0] for message in mail.outbox} == {"officer@oas.org", "head@agesic.gub.uy"}
    assert "submitted" in mail.outbox[0].subject

    assert post(officer, f"/requests/{request_id}/approve").json()["state"] == "approved"

    proposals = officer.get(f"/api/v1/cooperation/requests/{request_id}/matches").json()
    assert [item["expert"]["name"] for item in proposals["items"]] == ["Carla Expert", "Beatriz Especialista"]
    matched = post(officer, f"/requests/{request_id}/matches", {"experts": [roster.chile.pk]})
    assert matched.status_code == 201, matched.json()
    assert matched.json()[0]["rank"] == 1

    planned = post(
        officer,
        f"/requests/{request_id}/missions",
        {
            "expert": roster.chile.pk,
            "start_date": days(12).isoformat(),
            "end_date": days(16).isoformat(),
            "travel_cost": "1000.00",
            "other_cost": "50",
            "other_description": "Printing",
        },
    )
    assert planned.status_code == 201, planned.json()
    mission = planned.json()
    assert mission["budget"] == {
        "travel": "1000.00",
        "per_diem_rate": "250.00",
        "days": 5,
        "per_diem": "1250.00",
        "other": "50.00",
        "other_description": "Printing",
        "total": "2300.00",
    }
    mission_id = mission["id"]

    approved = post(officer, f"/missions/{mission_id}/approve")
    assert approved.json()["committed"] == "2300.00"
    ledger = officer.get(f"/api/v1/cooperation/calls/{call.pk}").json()
    assert (ledger["committed"], ledger["spent"], ledger["available"]) == ("2300.00", "0.00", "17700.00")

    early = post(expert, f"/missions/{mission_id}/start")
    assert (early.status_code, early.json()["field"]) == (409, "start_date")
    with on_the_day(days(12)):
        assert post(expert, f"/missions/{mission_id}/start").json()["state"] == "in_progress"
    assert post(expert, f"/missions/{mission_id}/complete").json()["state"] == "completed"
    refused = post(officer, f"/missions/{mission_id}/close", {"actual_travel_cost": "900", "actual_days": 4})
    assert refused.status_code == 409
    assert "both reports" in refused.json()["detail"]

    expert_report = post(
        expert,
        f"/missions/{mission_id}/reports",
        {"kind": "expert", "outputs": "A roadmap.", "recommendations": "Adopt a shared catalogue."},
    )
    assert expert_report.status_code == 201, expert_report.json()
    host_report = post(
        head, f"/missions/{mission_id}/reports", {"kind": "host", "results": "Roadmap adopted.", "rating": 5}
    )
    assert host_report.status_code == 201, host_report.json()
    assert officer.get(f"/api/v1/cooperation/requests/{request_id}").json()["state"] == "reported"

    closed = post(
        officer,
        f"/missions/{mission_id}/close",
        {"actual_travel_cost": "900.00", "actual_days": 4, "actual_other_cost": "0"},
    )
    assert closed.status_code == 200, closed.json()
    assert closed.json()["actual"]["total"] == "1900.00"
    assert closed.json()["committed"] == "0.00"

    ledger = officer.get(f"/api/v1/cooperation/calls/{call.pk}").json()
    assert (ledger["budget"], ledger["committed"], ledger["spent"], ledger["available"]) == (
        "20000.00",
        "0.00",
        "1900.00",
        "18100.00",
    )
    detail = officer.get(f"/api/v1/cooperation/requests/{request_id}").json()
    assert detail["state"] == "closed"
    assert [
        (change["action"], change["to_state"]) for change in detail["history"] if change["mission"] is None
    ] == [
        ("draft", "draft"),
        ("submit", "submitted"),
        ("approve", "approved"),
        ("match", "matched"),
        ("plan", "mission_planned"),
        ("start", "in_progress"),
        ("complete", "completed"),
        ("report", "reported"),
        ("close", "closed"),
    ]
    entries = list(LedgerEntry.objects.filter(call=call).values_list("kind", "amount"))
    assert entries == [
        ("commit", Decimal("2300.00")),
        ("release", Decimal("2300.00")),
        ("spend", Decimal("1900.00")),
    ]
    decisions = list(
        DecisionEvent.objects.filter(action__startswith="cooperation.").values_list("action", flat=True)
    )
    assert decisions[-4:] == [
        "cooperation.request.approve",
        "cooperation.request.match",
        "cooperation.mission.approve",
        "cooperation.mission.close",
    ]
    assert verify_chain().intact
