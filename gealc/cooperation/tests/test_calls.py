"""The Secretariat opens, edits and closes the fund's calls on pages of its own, through the same services
as the API: same checks, history and decision log."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from gealc.cooperation import services
from gealc.cooperation.models import Call
from gealc.cooperation.tests.conftest import country, days
from gealc.core.errors import Conflict, Forbidden, ServiceError
from gealc.core.models import DecisionEvent


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def call_form(**changes) -> dict[str, str]:
    data = {
        "title_en": "Call for digital identity",
        "original_language": "en",
        "year": str(days(0).year),
        "opens_on": days(-1).isoformat(),
        "closes_on": days(90).isoformat(),
        "currency": "USD",
        "budget": "50000",
        "max_days_per_mission": "12",
        "max_cost_per_mission": "8000",
        "default_per_diem": "180",
        "rates-TOTAL_FORMS": "3",
        "rates-INITIAL_FORMS": "0",
        "rates-0-country": "URY",
        "rates-0-amount": "240",
        "rates-1-country": "BRA",
        "rates-1-amount": "260.50",
        "rates-2-country": "",
        "rates-2-amount": "",
    }
    data.update(changes)
    return data


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_an_officer_opens_a_call_with_its_rules_and_per_diem_rates_on_a_page(cast):
    officer = as_user(cast.secretariat)
    assert officer.get("/cooperation/calls/new/").status_code == 200

    response = officer.post("/cooperation/calls/new/", call_form(), follow=True)

    call = Call.objects.get(title_en="Call for digital identity")
    assert (call.budget, call.max_days_per_mission, call.default_per_diem) == (
        Decimal("50000.00"),
        12,
        Decimal("180.00"),
    )
    assert {rate.country.iso3: rate.amount for rate in call.per_diem_rates.all()} == {
        "URY": Decimal("240.00"),
        "BRA": Decimal("260.50"),
    }
    page = text(response)
    assert "The call is open to requests from its opening date." in page
    assert "Call for digital identity" in page and "Open" in page
    assert call.per_diem_for(country("URY")) == Decimal("240.00")
    assert DecisionEvent.objects.filter(action="cooperation.call.open", object_id=str(call.pk)).count() == 1
    assert services.open_call() == call


def test_a_refused_call_names_the_field_next_to_it_and_keeps_what_was_typed(cast):
    officer = as_user(cast.secretariat)

    backwards = text(officer.post("/cooperation/calls/new/", call_form(closes_on=days(-5).isoformat())))
    assert "The call cannot close before it opens." in backwards
    assert 'value="Call for digital identity"' in backwards
    twice = text(officer.post("/cooperation/calls/new/", call_form(**{"rates-1-country": "URY"})))
    assert "This destination has a rate in another row already." in twice
    half = text(officer.post("/cooperation/calls/new/", call_form(**{"rates-2-country": "CHL"})))
    assert "Give the daily rate for this destination, or leave the row empty." in half
    currency = text(officer.post("/cooperation/calls/new/", call_form(currency="XYZ")))
    assert "'XYZ' is not an ISO 4217 currency code." in currency
    assert 'id="id_currency_error"' in currency or "is-invalid" in currency
    assert not Call.objects.exists()


@pytest.mark.parametrize("user", ["uruguay_delegate", "uruguay_head", "chile_expert"])
def test_only_the_secretariat_reaches_the_calls_pages(cast, call, user):
    client = as_user(getattr(cast, user))
    for path in ("/cooperation/calls/", "/cooperation/calls/new/", f"/cooperation/calls/{call.pk}/edit/"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"/cooperation/calls/{call.pk}/close/").status_code == 403
    assert client.post("/cooperation/calls/new/", call_form()).status_code == 403
    call.refresh_from_db()
    assert call.closed_at is None
    with pytest.raises(Forbidden):
        services.call_close(actor=getattr(cast, user), call=call)


def test_the_secretariat_lists_the_calls_with_their_status_and_budget(
    cast, call, django_assert_max_num_queries
):
    officer = as_user(cast.secretariat)
    services.call_create(
        actor=cast.secretariat, year=days(0).year + 1, title="Next call", budget=Decimal("1000"),
        opens_on=days(100), closes_on=days(200), max_days_per_mission=5,
        max_cost_per_mission=Decimal("500"), default_per_diem=Decimal("100"),
    )  # fmt: skip
    with django_assert_max_num_queries(20):
        page = text(officer.get("/cooperation/calls/"))
    assert "Horizontal cooperation call" in page and "Next call" in page
    assert "Not open yet" in page
    assert "20,000.00 USD" in page
    assert "Uruguay: 250.00" in page


def test_a_calls_year_is_shown_once_whether_or_not_its_title_says_it(cast, call, fund):
    year = call.year
    dated = services.call_create(
        actor=cast.secretariat, year=year + 1, title=f"Fund call {year + 1}", budget=Decimal("1000"),
        opens_on=days(100), closes_on=days(200), max_days_per_mission=5,
        max_cost_per_mission=Decimal("500"), default_per_diem=Decimal("100"),
    )  # fmt: skip
    officer = as_user(cast.secretariat)

    calls = text(officer.get("/cooperation/calls/"))
    dashboards = text(officer.get("/cooperation/dashboards/"))
    request_page = text(officer.get(f"/cooperation/requests/{fund.request_in('submitted').pk}/"))

    assert (str(dated), str(call)) == (f"Fund call {year + 1}", f"Horizontal cooperation call ({year})")
    for page in (calls, dashboards):
        assert f"Fund call {year + 1}" in page and f"Fund call {year + 1} ({year + 1})" not in page
        assert f"Horizontal cooperation call ({year})" in page
    assert f"Horizontal cooperation call ({year})" in request_page


def test_an_officer_edits_a_calls_rules_and_rates_and_the_change_is_kept_in_history_and_the_log(cast, call):
    officer = as_user(cast.secretariat)
    form = text(officer.get(f"/cooperation/calls/{call.pk}/edit/"))
    assert 'value="Horizontal cooperation call"' in form
    assert '<option value="URY" selected>' in form

    response = officer.post(
        f"/cooperation/calls/{call.pk}/edit/",
        call_form(
            title="Horizontal cooperation call",
            opens_on=call.opens_on.isoformat(),
            closes_on=days(75).isoformat(),
            budget="25000",
            **{
                "rates-0-country": "",
                "rates-0-amount": "",
                "rates-1-country": "PER",
                "rates-1-amount": "150",
            },
        ),
        follow=True,
    )

    assert "The call is changed." in text(response)
    call.refresh_from_db()
    assert (call.budget, call.closes_on, call.max_days_per_mission) == (Decimal("25000.00"), days(75), 12)
    assert {rate.country.iso3: rate.amount for rate in call.per_diem_rates.all()} == {
        "PER": Decimal("150.00")
    }
    assert call.history.count() == 2
    logged = DecisionEvent.objects.get(action="cooperation.call.update", object_id=str(call.pk))
    assert logged.payload["changes"]["budget"] == ["20000.00", "25000.00"]
    assert logged.payload["changes"]["per_diem_rates"] == [{"URY": "250.00"}, {"PER": "150.00"}]


def test_the_budget_never_drops_below_what_is_committed_and_the_currency_is_fixed_once_money_moved(
    cast, fund
):
    mission = fund.mission_in("approved")
    call = fund.call
    values = {
        "year": call.year, "title": call.title, "opens_on": call.opens_on, "closes_on": call.closes_on,
        "max_days_per_mission": 10, "max_cost_per_mission": Decimal("5000"),
        "default_per_diem": Decimal("200"),
    }  # fmt: skip

    with pytest.raises(ServiceError) as low:
        services.call_update(
            actor=cast.secretariat, call=call, budget=Decimal("100"), currency="USD", **values
        )
    assert low.value.field == "budget"
    with pytest.raises(ServiceError) as euros:
        services.call_update(actor=cast.secretariat, call=call, budget=call.budget, currency="EUR", **values)
    assert euros.value.field == "currency"
    assert mission.committed > 0
    call.refresh_from_db()
    assert (call.budget, call.currency) == (Decimal("20000.00"), "USD")


def test_an_officer_closes_a_call_and_no_request_is_drafted_or_submitted_under_it_any_more(cast, fund):
    draft = fund.draft()
    officer = as_user(cast.secretariat)
    confirm = text(officer.get(f"/cooperation/calls/{fund.call.pk}/close/"))
    assert "1 request is still a draft or waiting for a decision under this call." in confirm

    closed = text(officer.post(f"/cooperation/calls/{fund.call.pk}/close/", follow=True))

    assert "The call is closed." in closed
    fund.call.refresh_from_db()
    assert fund.call.closed_at is not None and fund.call.status == "closed"
    assert DecisionEvent.objects.filter(action="cooperation.call.close").count() == 1
    assert services.open_call() is None
    with pytest.raises(Conflict, match="is closed: it takes no more requests"):
        services.request_submit(actor=cast.uruguay_delegate, request=draft)
    with pytest.raises(ServiceError) as refused:
        fund.draft()
    assert refused.value.field == "call"
    with pytest.raises(Conflict, match="closed already"):
        services.call_close(actor=cast.secretariat, call=fund.call)
    assert officer.get(f"/cooperation/calls/{fund.call.pk}/edit/").status_code == 302


def test_the_api_edits_and_closes_a_call_with_the_same_checks(cast, call):
    officer = as_user(cast.secretariat)
    body = {
        "year": call.year, "title": {"en": "Renamed call"}, "original_language": "en", "currency": "USD",
        "budget": "30000.00",
        "opens_on": call.opens_on.isoformat(), "closes_on": days(10).isoformat(), "max_days_per_mission": 8,
        "max_cost_per_mission": "4000.00", "default_per_diem": "150.00",
        "per_diem_rates": [{"country": "CHL", "amount": "190.00"}],
    }  # fmt: skip

    changed = officer.put(f"/api/v1/cooperation/calls/{call.pk}", body, content_type="application/json")
    assert changed.status_code == 200
    assert (changed.json()["title"], changed.json()["per_diem_rates"]) == (
        "Renamed call",
        [{"country": "CHL", "amount": "190.00"}],
    )
    backwards = officer.put(
        f"/api/v1/cooperation/calls/{call.pk}",
        {**body, "closes_on": days(-100).isoformat()},
        content_type="application/json",
    )
    assert (backwards.status_code, backwards.json()["field"]) == (422, "closes_on")
    delegate = as_user(cast.uruguay_delegate)
    assert delegate.post(f"/api/v1/cooperation/calls/{call.pk}/close").status_code == 403

    closed = officer.post(f"/api/v1/cooperation/calls/{call.pk}/close")
    assert closed.status_code == 200 and closed.json()["closed_at"] is not None
    assert officer.post(f"/api/v1/cooperation/calls/{call.pk}/close").status_code == 409


def test_a_call_has_its_title_in_each_language_with_the_original_one_required(cast):
    officer = as_user(cast.secretariat)
    form = text(officer.get("/cooperation/calls/new/"))
    for language in ("English", "Spanish", "Portuguese", "French"):
        assert f"Title ({language})" in form

    missing = text(
        officer.post("/cooperation/calls/new/", call_form(original_language="es", title_en="Only English"))
    )
    assert "Give the title in the original language (Spanish)." in missing
    assert not Call.objects.exists()

    officer.post(
        "/cooperation/calls/new/",
        call_form(original_language="es", title_en="", title_es="Convocatoria de identidad digital"),
    )
    call = Call.objects.get()
    assert (call.original_language, call.title_es, call.title_en) == (
        "es",
        "Convocatoria de identidad digital",
        "",
    )
    listed = officer.get("/cooperation/calls/", headers={"accept-language": "en"})
    assert "Convocatoria de identidad digital" in text(listed)  # the original, without an English one
    answer = officer.get(f"/api/v1/cooperation/calls/{call.pk}").json()
    assert answer["title_translations"] == {"es": "Convocatoria de identidad digital"}
    assert answer["original_language"] == "es"

    edit = text(officer.get(f"/cooperation/calls/{call.pk}/edit/"))
    assert 'value="Convocatoria de identidad digital"' in edit
    officer.post(
        f"/cooperation/calls/{call.pk}/edit/",
        call_form(
            original_language="es", title_es="Convocatoria de identidad digital", title_en="Digital ID call"
        ),
    )
    call.refresh_from_db()
    assert call.title_en == "Digital ID call"
    with translation.override("en"):
        assert call.title == "Digital ID call"
    with translation.override("fr"):
        assert call.title == "Convocatoria de identidad digital"


def test_two_calls_of_a_year_never_share_a_title_in_any_language(cast, call):
    other = {
        "actor": cast.secretariat, "year": call.year, "budget": Decimal("1"), "opens_on": days(1),
        "closes_on": days(2), "max_days_per_mission": 1, "max_cost_per_mission": Decimal("1"),
        "default_per_diem": Decimal("1"),
    }  # fmt: skip

    with pytest.raises(ServiceError, match="already named") as refused:
        services.call_create(title={"es": "Otra", "en": call.title_en}, original_language="es", **other)
    assert refused.value.field == "title.en"
    with transaction.atomic(), pytest.raises(IntegrityError):
        Call.objects.create(
            year=call.year, title_en=call.title_en, original_language="en", budget=1, opens_on=days(1),
            closes_on=days(2), max_days_per_mission=1, max_cost_per_mission=1, default_per_diem=1,
        )  # fmt: skip
    # Another year, or the same title in no language, is another call.
    services.call_create(title=call.title_en, **{**other, "year": call.year + 1})
    services.call_create(title={"es": "Otra"}, original_language="es", **other)
    assert Call.objects.count() == 3
