"""The call's ledger: approvals commit, closing replaces commitments with actual costs, cancelling
releases, and no approval ever takes the call above its budget, even when two arrive at once."""

import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.models import Call, LedgerEntry, Mission
from gealc.cooperation.tests.conftest import Fund, days
from gealc.core.errors import Conflict, ServiceError


def ledger(call: Call) -> dict[str, Decimal]:
    totals = dict(LedgerEntry.objects.filter(call=call).values_list("kind").annotate(total=Sum("amount")))
    return {kind: totals.get(kind, Decimal("0")) for kind in ("commit", "release", "spend")}


def small_call(cast, budget: str) -> Call:
    return services.call_create(
        actor=cast.secretariat,
        year=2026,
        title=f"Small call of {budget}",
        budget=Decimal(budget),
        opens_on=days(-1),
        closes_on=days(30),
        max_days_per_mission=10,
        max_cost_per_mission=Decimal("5000"),
        default_per_diem=Decimal("200"),
        per_diem_rates={"URY": Decimal("250")},
    )


def test_approving_a_mission_commits_its_cost_on_the_call(fund):
    mission = fund.mission_in("approved")

    call = Call.objects.get(pk=fund.call.pk)
    assert mission.committed == mission.planned_cost == Decimal("2250.00")  # 1,000 travel + 5 days x 250
    assert (call.budget, call.committed, call.spent, call.available) == (
        Decimal("20000.00"),
        Decimal("2250.00"),
        Decimal("0.00"),
        Decimal("17750.00"),
    )
    assert ledger(call) == {"commit": Decimal("2250.00"), "release": 0, "spend": 0}


def test_a_mission_that_costs_more_than_is_available_is_refused_with_the_figures(cast, roster):
    fund = Fund(cast, small_call(cast, "3000"), roster)
    fund.mission_in("approved")
    second = fund.mission_in("planned", start_date=days(20), end_date=days(24))

    with pytest.raises(Conflict) as refused:
        services.mission_approve(actor=cast.secretariat, mission=second)

    assert refused.value.message == (
        "The mission needs 2,250.00 USD but the call “Small call of 3000” has only 750.00 USD available "
        "(budget 3,000.00 USD, committed 2,250.00 USD, spent 0.00 USD)."
    )
    second.refresh_from_db()
    assert (second.state, second.committed) == ("planned", Decimal("0.00"))
    assert Call.objects.get(pk=fund.call.pk).committed == Decimal("2250.00")


def test_the_api_answers_an_overspend_with_a_409_and_the_figures(cast, roster):
    fund = Fund(cast, small_call(cast, "2000"), roster)
    mission = fund.mission_in("planned")
    client = Client()
    client.force_login(cast.secretariat)

    response = client.post(f"/api/v1/cooperation/missions/{mission.pk}/approve")

    assert response.status_code == 409
    assert "only 2,000.00 USD available" in response.json()["detail"]


def test_closing_replaces_the_commitment_with_the_actual_cost_and_frees_the_rest(fund):
    mission = fund.mission_in("closed")  # planned 2,250; actual 900 travel + 4 days x 250 = 1,900

    call = Call.objects.get(pk=fund.call.pk)
    assert mission.actual_cost == Decimal("1900.00")
    assert (call.committed, call.spent, call.available) == (
        Decimal("0.00"),
        Decimal("1900.00"),
        Decimal("18100.00"),
    )
    assert ledger(call) == {
        "commit": Decimal("2250.00"),
        "release": Decimal("2250.00"),
        "spend": Decimal("1900.00"),
    }
    assert mission.request.state == "closed"


def test_an_actual_cost_above_what_the_call_can_pay_is_refused(cast, roster):
    fund = Fund(cast, small_call(cast, "2500"), roster)
    mission = fund.mission_in("reported")

    with pytest.raises(Conflict, match=r"actual cost above the commitment needs 750\.00 USD"):
        services.mission_close(
            actor=cast.secretariat,
            mission=mission,
            actual_travel_cost=Decimal("1750"),
            actual_days=5,
            actual_other_cost=Decimal("0"),
        )
    assert Mission.objects.get(pk=mission.pk).state == "completed"


def test_cancelling_an_approved_mission_releases_its_commitment(cast, fund):
    mission = fund.mission_in("approved")

    services.mission_cancel(actor=cast.secretariat, mission=mission, reason="Postponed by the host.")

    call = Call.objects.get(pk=fund.call.pk)
    assert (call.committed, call.available) == (Decimal("0.00"), Decimal("20000.00"))
    assert Mission.objects.get(pk=mission.pk).request.state == "matched"


def test_a_mission_above_the_call_maximum_or_too_long_is_refused_naming_the_field(cast, fund):
    request = fund.request_in("matched")

    with pytest.raises(ServiceError) as too_costly:
        fund.mission_in("planned", request=request, travel_cost=Decimal("4000"))
    with pytest.raises(ServiceError) as too_long:
        fund.mission_in("planned", request=request, start_date=days(10), end_date=days(25))
    with pytest.raises(ServiceError) as remote_travel:
        fund.mission_in("planned", request=request, modality="remote")

    assert too_costly.value.field == "total_cost"
    assert "at most 5,000.00 USD" in too_costly.value.message
    assert too_long.value.field == "end_date"
    assert remote_travel.value.field == "travel_cost"


def test_the_database_itself_refuses_a_call_above_its_budget(fund):
    with pytest.raises(IntegrityError), transaction.atomic():
        Call.objects.filter(pk=fund.call.pk).update(committed=Decimal("20000.01"))


@pytest.mark.django_db(transaction=True)
def test_two_approvals_that_fit_alone_but_not_together_never_both_succeed(cast, roster):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one writer at a time; row locks are tested on PostgreSQL")
    fund = Fund(cast, small_call(cast, "4000"), roster)
    first = fund.mission_in("planned")  # 2,250 each: either fits, both do not
    second = fund.mission_in("planned", start_date=days(20), end_date=days(24))
    missions = [Mission.objects.get(pk=first.pk), Mission.objects.get(pk=second.pk)]
    ready = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(mission: Mission) -> None:
        try:
            ready.wait()
            services.mission_approve(actor=cast.secretariat, mission=mission)
            outcomes.append("approved")
        except Conflict as exc:
            outcomes.append(exc.message)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(mission,)) for mission in missions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome == "approved" for outcome in outcomes) == [False, True]
    assert "has only 1,750.00 USD available" in next(o for o in outcomes if o != "approved")
    call = Call.objects.get(pk=fund.call.pk)
    approved = Mission.objects.filter(call=call, state="approved")
    assert approved.count() == 1
    assert call.committed == approved.get().planned_cost == Decimal("2250.00")
    assert ledger(call)["commit"] == call.committed
    assert call.available == Decimal("1750.00")


def test_amounts_in_cents_add_up_exactly_to_the_budget_and_back_to_zero(cast, roster):
    fund = Fund(cast, small_call(cast, "4500.30"), roster)
    first = fund.mission_in("approved", travel_cost=Decimal("1000.10"))
    second = fund.mission_in(
        "approved", start_date=days(20), end_date=days(24), travel_cost=Decimal("1000.20")
    )

    call = Call.objects.get(pk=fund.call.pk)
    assert (call.committed, call.available) == (Decimal("4500.30"), Decimal("0.00"))

    services.mission_cancel(actor=cast.secretariat, mission=first, reason="Postponed.")
    services.mission_cancel(actor=cast.secretariat, mission=second, reason="Postponed.")

    call = Call.objects.get(pk=fund.call.pk)
    assert (call.committed, call.spent, call.available) == (
        Decimal("0.00"),
        Decimal("0.00"),
        Decimal("4500.30"),
    )
