"""The fund's API as its clients see it: envelopes, visibility, errors naming the field, no contact data."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from gealc.accounts.roles import has_role
from gealc.accounts.services import token_create
from gealc.cooperation import services
from gealc.cooperation.models import Expert, ExpertProposal
from gealc.cooperation.tests.conftest import days, offer, on_the_day
from gealc.core.models import DecisionEvent
from gealc.core.testing import queries_for
from gealc.members.models import Membership, Person
from gealc.members.tests.factories import country

API = "/api/v1/cooperation"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict | None = None):
    return client.post(f"{API}{url}", body or {}, content_type="application/json")


def test_the_taxonomy_is_listed_in_the_language_asked_for(client: Client, reference):
    body = client.get(f"{API}/areas", {"lang": "es", "limit": "3"}).json()

    assert body["count"] == 14
    assert body["items"] == [
        {"code": "interoperability", "name": "Interoperabilidad"},
        {"code": "digital-identity", "name": "Identidad digital"},
        {"code": "digital-signature", "name": "Firma digital"},
    ]


def test_a_call_shows_its_budget_committed_spent_and_available(client: Client, fund):
    fund.mission_in("approved")

    listed = client.get(f"{API}/calls").json()
    one = client.get(f"{API}/calls/{fund.call.pk}").json()

    assert listed["count"] == 1
    assert listed["items"][0] == one
    assert {key: one[key] for key in ("budget", "committed", "spent", "available", "currency")} == {
        "budget": "20000.00",
        "committed": "2250.00",
        "spent": "0.00",
        "available": "17750.00",
        "currency": "USD",
    }
    assert one["per_diem_rates"] == [{"country": "URY", "amount": "250.00"}]


def test_only_the_secretariat_opens_a_call_and_bad_values_name_their_field(client: Client, cast):
    body = {
        "year": 2027,
        "title": {"en": "Call 2027"},
        "original_language": "en",
        "currency": "eur",
        "budget": "50000",
        "opens_on": "2027-01-01",
        "closes_on": "2027-06-30",
        "max_days_per_mission": 15,
        "max_cost_per_mission": "8000",
        "default_per_diem": "180.50",
        "per_diem_rates": [{"country": "hti", "amount": "150"}],
    }

    anonymous = post(client, "/calls", body)
    delegate = post(as_user(cast.uruguay_head), "/calls", body)
    bad_currency = post(as_user(cast.secretariat), "/calls", {**body, "currency": "XYZ"})
    bad_dates = post(as_user(cast.secretariat), "/calls", {**body, "closes_on": "2026-12-31"})
    bad_rate = post(
        as_user(cast.secretariat), "/calls", {**body, "per_diem_rates": [{"country": "ZZZ", "amount": 1}]}
    )
    opened = post(as_user(cast.secretariat), "/calls", body)

    assert (anonymous.status_code, delegate.status_code) == (401, 403)
    assert (bad_currency.status_code, bad_currency.json()["field"]) == (422, "currency")
    assert (bad_dates.status_code, bad_dates.json()["field"]) == (422, "closes_on")
    assert (bad_rate.status_code, bad_rate.json()["field"]) == (422, "per_diem_rates")
    assert opened.status_code == 201
    assert {key: opened.json()[key] for key in ("currency", "budget", "available", "default_per_diem")} == {
        "currency": "EUR",
        "budget": "50000.00",
        "available": "50000.00",
        "default_per_diem": "180.50",
    }
    assert opened.json()["per_diem_rates"] == [{"country": "HTI", "amount": "150.00"}]


def test_the_public_sees_requests_from_their_approval_on_and_a_country_sees_its_own(
    client: Client, cast, fund
):
    draft = fund.request_in("draft")
    submitted = fund.request_in("submitted")
    rejected = fund.request_in("rejected")
    approved = fund.request_in("approved")

    def ids(user=None) -> set[int]:
        viewer = as_user(user) if user else client
        return {item["id"] for item in viewer.get(f"{API}/requests").json()["items"]}

    assert ids() == {approved.pk}
    assert ids(cast.brazil_delegate) == {approved.pk}
    assert ids(cast.uruguay_delegate) == {draft.pk, submitted.pk, rejected.pk, approved.pk}
    assert ids(cast.secretariat) == {draft.pk, submitted.pk, rejected.pk, approved.pk}
    assert client.get(f"{API}/requests/{draft.pk}").status_code == 404
    assert client.get(f"{API}/requests", {"state": "approved", "country": "ury"}).json()["count"] == 1
    rejection = as_user(cast.uruguay_head).get(f"{API}/requests/{rejected.pk}").json()
    assert rejection["rejection_reason"] == "Out of scope."


def test_a_token_sees_what_its_owner_sees(client: Client, cast, fund):
    draft = fund.request_in("draft")
    _token, raw = token_create(user=cast.uruguay_delegate)

    with_token = client.get(f"{API}/requests/{draft.pk}", headers={"authorization": f"Bearer {raw}"})
    bad_token = client.get(f"{API}/requests/{draft.pk}", headers={"authorization": "Bearer gealc_nothing"})

    assert with_token.status_code == 200
    assert with_token.json()["title"] == "Interoperability of the civil registry"
    assert bad_token.status_code == 404


def test_a_draft_with_bad_input_is_refused_naming_the_field_and_nothing_is_written(cast, call):
    delegate = as_user(cast.uruguay_delegate)
    good = {
        "country": "URY",
        "title": {"es": "Portal de datos abiertos"},
        "problem": {"es": "No hay portal."},
        "outputs": {"es": "Un portal."},
        "original_language": "es",
        "areas": ["open-data"],
        "modality": "remote",
        "window_start": days(5).isoformat(),
        "window_end": days(20).isoformat(),
    }

    answers = {
        "areas": post(delegate, "/requests", {**good, "areas": ["astrology"]}),
        "window_end": post(delegate, "/requests", {**good, "window_end": days(1).isoformat()}),
        "country": post(delegate, "/requests", {**good, "country": "XYZ"}),
        "languages": post(delegate, "/requests", {**good, "languages": ["zz"]}),
        "host_institution": post(delegate, "/requests", {**good, "host_institution": 999999}),
        "title.es": post(delegate, "/requests", {**good, "title": {"en": "Open data portal"}}),
        "title.en": post(delegate, "/requests", {**good, "title": {"es": "Portal", "en": "x" * 201}}),
    }
    missing = post(delegate, "/requests", {key: value for key, value in good.items() if key != "title"})
    elsewhere = post(delegate, "/requests", {**good, "country": "BRA"})

    assert {field: (answer.status_code, answer.json()["field"]) for field, answer in answers.items()} == {
        field: (422, field) for field in answers
    }
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "payload", "title"]
    assert elsewhere.status_code == 403
    assert delegate.get(f"{API}/requests").json()["count"] == 0


def test_the_public_roster_lists_validated_consenting_experts_without_contact_data(
    client: Client, cast, roster
):
    public = client.get(f"{API}/experts")
    everyone = as_user(cast.secretariat).get(f"{API}/experts", {"status": "offered"})

    assert [item["name"] for item in public.json()["items"]] == ["Carla Expert", "Ulises Experto"]
    assert public.json()["items"][0] == {
        "id": roster.chile.pk,
        "name": "Carla Expert",
        "country": "CHL",
        "institution": None,
        "areas": ["interoperability", "digital-identity"],
        "languages": ["es", "en"],
        "bio": "Led Chile's interoperability platform.",
        "bio_translations": {"en": "Led Chile's interoperability platform."},
        "original_language": "en",
        "available_from": None,
        "available_until": None,
        "status": "validated",
        "decline_reason": "",
    }
    assert "@" not in public.content.decode()
    assert [item["name"] for item in everyone.json()["items"]] == ["Ana Pendiente"]
    assert client.get(f"{API}/experts", {"area": "interoperability", "country": "ury"}).json()["count"] == 1


def test_a_country_offers_its_experts_and_the_secretariat_validates_them(client: Client, cast, reference):
    body = {
        "country": "BRA",
        "name": "Bianca Dados",
        "email": "bianca@gov.br",
        "areas": ["open-data", "data-governance"],
        "languages": ["pt", "es"],
        "bio": {"pt": "Runs dados.gov.br."},
        "original_language": "pt",
        "consent_public": True,
    }

    offered = post(as_user(cast.brazil_delegate), "/experts", body)
    not_theirs = post(as_user(cast.uruguay_delegate), "/experts", {**body, "email": "other@gov.br"})
    twice = post(as_user(cast.brazil_delegate), "/experts", body)
    listed_before = client.get(f"{API}/experts").json()["count"]
    expert = Expert.objects.get(person__email="bianca@gov.br")
    validated = post(as_user(cast.secretariat), f"/experts/{expert.pk}/validate")
    again = post(as_user(cast.secretariat), f"/experts/{expert.pk}/validate")

    assert offered.status_code == 202
    assert offered.json() == {"status": "received", "message": services.offer_received()}
    assert expert.status == "offered"
    assert not_theirs.status_code == 403
    assert (twice.status_code, twice.json()) == (202, offered.json())
    assert listed_before == 0
    assert (validated.status_code, validated.json()["status"]) == (200, "validated")
    assert again.status_code == 409
    assert client.get(f"{API}/experts").json()["items"][0]["name"] == "Bianca Dados"
    from gealc.members.models import Membership

    assert Membership.objects.filter(
        person__email="bianca@gov.br", role="expert", country__iso3="BRA"
    ).exists()


def test_the_expert_of_a_mission_holds_the_expert_role_once_validated(cast, roster):
    assert has_role(cast.chile_expert, "expert", "CHL")


def test_a_mission_is_public_but_names_only_an_expert_who_agreed_to_be_listed(client: Client, cast, fund):
    request = fund.request_in("matched")
    services.request_match(
        actor=cast.secretariat,
        request=request,
        experts=[fund.roster.brazil.pk],
        override_reason="Portuguese.",
    )
    listed = fund.mission_in("approved", request=request)
    unlisted = fund.mission_in(
        "planned", request=request, expert=fund.roster.brazil, start_date=days(30), end_date=days(31)
    )

    public = client.get(f"{API}/missions/{listed.pk}").json()
    assert public["expert"]["name"] == "Carla Expert"
    assert (public["budget"], public["committed"], public["provider"], public["state"]) == (
        None,
        None,
        "CHL",
        "approved",
    )
    assert client.get(f"{API}/missions/{unlisted.pk}").json()["expert"] is None
    assert as_user(cast.uruguay_delegate).get(f"{API}/missions/{unlisted.pk}").json()["expert"]["name"] == (
        "Beatriz Especialista"
    )
    assert client.get(f"{API}/missions/999999").json() == {"detail": "No mission with id 999999"}


def test_flows_count_missions_from_the_providing_to_the_receiving_country(client: Client, cast, fund):
    fund.mission_in("closed")
    request = fund.request_in("approved", slot=3)
    services.request_match(
        actor=cast.secretariat,
        request=request,
        experts=[fund.roster.brazil.pk],
        override_reason="Portuguese.",
    )
    brazil = fund.mission_in(
        "approved", request=request, expert=fund.roster.brazil, start_date=days(30), end_date=days(31)
    )
    with on_the_day(brazil.start_date):
        services.mission_start(actor=cast.secretariat, mission=brazil)
    fund.mission_in("planned", start_date=days(35), end_date=days(36))  # not carried out: not counted

    body = client.get(f"{API}/flows").json()

    assert body == {
        "count": 2,
        "items": [
            {
                "provider": "BRA",
                "provider_name": "Brazil",
                "recipient": "URY",
                "recipient_name": "Uruguay",
                "missions": 1,
            },
            {
                "provider": "CHL",
                "provider_name": "Chile",
                "recipient": "URY",
                "recipient_name": "Uruguay",
                "missions": 1,
            },
        ],
    }
    assert client.get(f"{API}/flows", {"year": 2001}).json()["count"] == 0


def test_reports_are_written_by_their_own_people_and_a_rating_is_from_1_to_5(cast, fund):
    mission = fund.mission_in("completed")

    by_secretariat = post(
        as_user(cast.secretariat),
        f"/missions/{mission.pk}/reports",
        {"kind": "expert", "outputs": "x", "recommendations": "y"},
    )
    by_brazil = post(
        as_user(cast.brazil_delegate),
        f"/missions/{mission.pk}/reports",
        {"kind": "host", "results": "x", "rating": 4},
    )
    out_of_scale = post(
        as_user(cast.uruguay_delegate),
        f"/missions/{mission.pk}/reports",
        {"kind": "host", "results": "x", "rating": 6},
    )
    no_results = post(
        as_user(cast.uruguay_delegate), f"/missions/{mission.pk}/reports", {"kind": "host", "rating": 4}
    )

    assert by_secretariat.status_code == 403
    assert by_brazil.status_code in (403, 404)
    assert (out_of_scale.status_code, out_of_scale.json()["detail"][0]["loc"][-1]) == (422, "rating")
    assert (no_results.status_code, no_results.json()["field"]) == (422, "results")


def test_lists_take_the_same_queries_whatever_the_number_of_rows(
    cast, fund, django_capture_on_commit_callbacks
):
    officer = as_user(cast.secretariat)
    approved = fund.request_in("approved")
    fund.mission_in("closed")
    urls = [
        f"{API}/calls",
        f"{API}/areas",
        f"{API}/requests",
        f"{API}/experts",
        f"{API}/flows",
        f"{API}/requests/{approved.pk}/matches",
    ]
    before = {url: queries_for(officer, url, {"limit": 200}) for url in urls}

    # The changes commit, so the flows are computed again rather than read from the cache.
    with django_capture_on_commit_callbacks(execute=True):
        for index in range(4):
            services.call_create(
                actor=cast.secretariat,
                year=2030 + index,
                title="More",
                budget=Decimal(1000),
                opens_on=days(-90),
                closes_on=days(-60),
                max_days_per_mission=3,
                max_cost_per_mission=Decimal(500),
                default_per_diem=Decimal(100),
                per_diem_rates={"PER": Decimal(90), "JAM": Decimal(120)},
            )
            expert = offer(
                cast.secretariat,
                "PER",
                f"Expert {index}",
                f"e{index}@pcm.gob.pe",
                ["interoperability"],
                ["es"],
            )
            services.expert_validate(actor=cast.secretariat, expert=expert)
            fund.request_in("submitted")
        fund.mission_in("closed", start_date=days(30), end_date=days(34))

    after = {url: queries_for(officer, url, {"limit": 200}) for url in urls}
    assert after == before
    assert max(before.values()) <= 12, before


def test_the_openapi_description_names_the_fund_endpoints(client: Client):
    paths = json.loads(client.get("/api/v1/openapi.json").content)["paths"]

    assert {
        f"{API}/calls",
        f"{API}/calls/{{call_id}}",
        f"{API}/requests",
        f"{API}/requests/{{request_id}}",
        f"{API}/requests/{{request_id}}/submit",
        f"{API}/requests/{{request_id}}/approve",
        f"{API}/requests/{{request_id}}/reject",
        f"{API}/requests/{{request_id}}/withdraw",
        f"{API}/areas",
        f"{API}/experts",
        f"{API}/requests/{{request_id}}/matches",
        f"{API}/requests/{{request_id}}/missions",
        f"{API}/missions/{{mission_id}}",
        f"{API}/missions/{{mission_id}}/start",
        f"{API}/missions/{{mission_id}}/complete",
        f"{API}/missions/{{mission_id}}/close",
        f"{API}/missions/{{mission_id}}/reports",
        f"{API}/flows",
    } <= set(paths)


@pytest.mark.parametrize("url", [f"{API}/requests/99999999999999999999999", f"{API}/calls/0"])
def test_an_impossible_id_is_a_422_not_an_error(client: Client, url: str, reference):
    assert client.get(url).status_code == 422


OFFER = {
    "country": "BRA",
    "name": "Anyone",
    "areas": ["open-data"],
    "languages": ["pt"],
    "original_language": "pt",
}


def person_record(person: Person) -> dict[str, object]:
    return dict(Person.objects.filter(pk=person.pk).values().get())


def test_an_offer_answers_the_same_whether_the_e_mail_is_unknown_known_or_on_the_roster(cast, reference):
    head = Person.objects.get(user=cast.uruguay_head)  # no country, as every account made by the command
    official = Person.objects.create(name="Olga Oficial", email="olga@agesic.gub.uy", country=country("URY"))
    listed = offer(cast.secretariat, "URY", "Ulises Experto", "ulises@agesic.gub.uy", ["open-data"], ["es"])
    services.expert_validate(actor=cast.secretariat, expert=listed)
    before = {person.pk: person_record(person) for person in (head, official, listed.person)}
    brazil = as_user(cast.brazil_delegate)

    answers = [
        post(brazil, "/experts", {**OFFER, "email": email})
        for email in ("nobody-yet@gov.br", "head@agesic.gub.uy", "OLGA@agesic.gub.uy", "ulises@agesic.gub.uy")
    ]

    assert {(answer.status_code, answer.content) for answer in answers} == {(202, answers[0].content)}, (
        "the answers differ, so they tell whether an e-mail is known"
    )
    assert "Hugo" not in answers[1].content.decode()
    assert {pk: person_record(Person(pk=pk)) for pk in before} == before
    assert not Membership.objects.filter(person=head, role="expert").exists()
    assert sorted(ExpertProposal.objects.values_list("person__email", "country__iso3", "status")) == [
        ("head@agesic.gub.uy", "BRA", "pending"),
        ("olga@agesic.gub.uy", "BRA", "pending"),
        ("ulises@agesic.gub.uy", "BRA", "pending"),
    ]
    assert Expert.objects.get(person__email="nobody-yet@gov.br").country.iso3 == "BRA"


def test_a_country_cannot_put_another_countrys_head_of_delegation_on_its_roster(client: Client, cast):
    brazil = as_user(cast.brazil_delegate)

    post(brazil, "/experts", {**OFFER, "email": "head@agesic.gub.uy", "consent_public": True})
    post(brazil, "/experts", {**OFFER, "email": "head@agesic.gub.uy"})  # repeated: still one proposal

    head = Person.objects.get(user=cast.uruguay_head)
    assert head.country is None and head.institution is None
    assert head.languages == []
    assert not Expert.objects.filter(person=head).exists()
    assert ExpertProposal.objects.filter(person=head).count() == 1
    assert client.get(f"{API}/experts").json()["count"] == 0
    assert not has_role(cast.uruguay_head, "expert")


def test_the_secretariat_confirms_a_proposal_and_the_person_keeps_their_own_country(cast, reference):
    official = Person.objects.create(name="Olga Oficial", email="olga@agesic.gub.uy", country=country("URY"))
    post(as_user(cast.brazil_delegate), "/experts", {**OFFER, "email": "olga@agesic.gub.uy"})
    officer = as_user(cast.secretariat)

    queue = officer.get(f"{API}/experts/proposals").json()
    proposal_id = queue["items"][0]["id"]
    refused = post(as_user(cast.brazil_delegate), f"/experts/proposals/{proposal_id}/confirm")
    confirmed = post(officer, f"/experts/proposals/{proposal_id}/confirm")
    again = post(officer, f"/experts/proposals/{proposal_id}/confirm")

    assert queue["items"][0] | {"id": 0, "person": 0} == {
        "id": 0,
        "status": "pending",
        "country": "BRA",
        "name": "Anyone",
        "languages": ["pt"],
        "person": 0,
        "person_name": "Olga Oficial",
        "person_country": "URY",
        "on_roster": False,
    }
    assert refused.status_code == 403
    assert (confirmed.status_code, confirmed.json()["status"], confirmed.json()["country"]) == (
        200,
        "offered",
        "BRA",
    )
    assert confirmed.json()["name"] == "Olga Oficial"
    assert again.status_code == 409
    official.refresh_from_db()
    assert (official.name, official.country.iso3, official.languages) == ("Olga Oficial", "URY", [])
    assert DecisionEvent.objects.filter(action="cooperation.expert.proposal.confirm").count() == 1


def test_the_secretariat_may_record_the_person_for_the_offering_country_when_confirming(cast):
    post(as_user(cast.brazil_delegate), "/experts", {**OFFER, "email": "head@agesic.gub.uy"})
    proposal = ExpertProposal.objects.get()

    post(as_user(cast.secretariat), f"/experts/proposals/{proposal.pk}/confirm", {"person_country": True})

    assert Person.objects.get(user=cast.uruguay_head).country.iso3 == "BRA"


def test_a_declined_proposal_changes_nobody_and_someone_on_the_roster_can_only_be_declined(cast, reference):
    listed = offer(cast.secretariat, "URY", "Ulises Experto", "ulises@agesic.gub.uy", ["open-data"], ["es"])
    before = person_record(listed.person)
    post(as_user(cast.brazil_delegate), "/experts", {**OFFER, "email": "ulises@agesic.gub.uy"})
    proposal = ExpertProposal.objects.get()
    officer = as_user(cast.secretariat)

    confirmed = post(officer, f"/experts/proposals/{proposal.pk}/confirm")
    declined = post(officer, f"/experts/proposals/{proposal.pk}/decline")

    assert confirmed.status_code == 409
    assert (declined.status_code, declined.json()["status"]) == (200, "declined")
    assert person_record(listed.person) == before
    assert Expert.objects.get(person=listed.person).country.iso3 == "URY"
    assert officer.get(f"{API}/experts/proposals").json()["count"] == 0
