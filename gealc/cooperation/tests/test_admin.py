"""The Secretariat keeps the taxonomy and baselines in the admin and reads the rest; money and states
are never edited there."""

import pytest
from django.test import Client

from gealc.cooperation.models import Call
from gealc.members.models import Country

MODELS = [
    "expertisearea",
    "baseline",
    "call",
    "cooperationrequest",
    "expert",
    "mission",
    "missionreport",
    "ledgerentry",
]


@pytest.fixture
def officer(cast) -> Client:
    client = Client()
    client.force_login(cast.secretariat)
    return client


@pytest.mark.parametrize("model", MODELS)
def test_the_secretariat_opens_each_list_of_the_fund_in_the_admin(officer, fund, model):
    fund.mission_in("closed")

    assert officer.get(f"/admin/cooperation/{model}/").status_code == 200


def test_the_admin_cannot_add_a_call_or_change_its_totals(officer, fund):
    fund.mission_in("approved")
    page = officer.get(f"/admin/cooperation/call/{fund.call.pk}/change/").content.decode()

    assert officer.get("/admin/cooperation/call/add/").status_code == 403
    assert 'name="committed"' not in page and 'name="budget"' in page


def call_form(call: Call, budget: str) -> dict:
    return {
        "year": call.year,
        "title_en": call.title_en,
        "original_language": call.original_language,
        "currency": call.currency,
        "budget": budget,
        "opens_on": call.opens_on.isoformat(),
        "closes_on": call.closes_on.isoformat(),
        "max_days_per_mission": call.max_days_per_mission,
        "max_cost_per_mission": call.max_cost_per_mission,
        "default_per_diem": call.default_per_diem,
        "per_diem_rates-TOTAL_FORMS": 0,
        "per_diem_rates-INITIAL_FORMS": 0,
    }


def test_a_budget_below_what_is_committed_is_refused_in_the_admin(officer, fund):
    fund.mission_in("approved")  # 2,250 committed
    call = fund.call

    response = officer.post(f"/admin/cooperation/call/{call.pk}/change/", call_form(call, "2000.00"))

    assert response.status_code == 200
    assert "cannot be less than what is committed and spent" in response.content.decode()
    assert Call.objects.get(pk=call.pk).budget == call.budget


def test_raising_a_budget_in_the_admin_keeps_what_is_committed(officer, fund):
    fund.mission_in("approved")
    call = fund.call

    response = officer.post(f"/admin/cooperation/call/{call.pk}/change/", call_form(call, "30000.00"))

    assert response.status_code == 302
    call.refresh_from_db()
    assert (str(call.budget), str(call.committed), str(call.available)) == ("30000.00", "2250.00", "27750.00")


def test_the_secretariat_adds_a_per_diem_rate_to_a_call_in_the_admin(officer, fund):
    call = fund.call
    form = {
        **call_form(call, "20000.00"),
        "per_diem_rates-TOTAL_FORMS": 1,
        "per_diem_rates-0-country": Country.objects.get(iso3="JAM").pk,
        "per_diem_rates-0-amount": "310.00",
    }

    response = officer.post(f"/admin/cooperation/call/{call.pk}/change/", form)

    assert response.status_code == 302
    assert str(call.per_diem_for(Country.objects.get(iso3="JAM"))) == "310.00"


def test_nobody_else_opens_the_fund_in_the_admin(cast):
    client = Client()
    client.force_login(cast.uruguay_head)

    assert client.get("/admin/cooperation/call/").status_code in (302, 403)
