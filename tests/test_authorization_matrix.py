"""Who may do what: every write endpoint and non-public page, for every role, on their own country's
records and on another's. The table is the specification; loosening a rule makes a row fail.

People and institutions are shared by every app and country: after each role's attempt, no existing
person or institution has changed, except the institution a role was allowed to patch."""

import datetime
from typing import Any

import pytest
from django.test import Client

from gealc.cooperation import services as cooperation
from gealc.cooperation.models import Expert, ExpertProposal
from gealc.governance.models import Candidacy, Delegation, Meeting, Motion, Vote
from gealc.governance.services import election_create, motion_create
from gealc.members.models import Institution, Person
from gealc.members.tests.factories import InstitutionFactory, country

ALLOW, DENY, LOGIN, REFUSED = "allow", "deny", "login", "refused"

ROLES = [
    "anonymous",
    "nobody",
    "secretariat",
    "uruguay_head",
    "uruguay_delegate",
    "brazil_delegate",
    "chile_expert",
    "peru_juror",
    "spain_delegate",
]

OFFER = [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY]
OFFER_LISTED = [LOGIN, DENY, REFUSED, DENY, DENY, ALLOW, DENY, DENY, DENY]

# action → expected outcome per role, in the order of ROLES.
MATRIX = {
    "patch an Uruguayan institution": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "patch a Brazilian institution": [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY],
    "patch an international organisation": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open the admin": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "read the decision log in the admin": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open a record's history": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "open one's account page": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    "download one's data": [LOGIN, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW],
    "create a meeting": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "record a meeting's attendance": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    "nominate Uruguay to the Committee": [LOGIN, DENY, ALLOW, ALLOW, ALLOW, DENY, DENY, DENY, DENY],
    "vote on a motion": [LOGIN, DENY, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY],
    "close a motion": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY],
    # Brazil's delegate reads the same answer as for someone new; the offer waits for the Secretariat.
    "offer as Brazilian an expert with the e-mail of a person of another country": OFFER,
    "offer as Brazilian an expert with the e-mail of a person without a country": OFFER,
    # The Secretariat is told; no country is.
    "offer as Brazilian an expert with the e-mail of someone already on the roster": OFFER_LISTED,
}

OFFERS = {
    "offer as Brazilian an expert with the e-mail of a person of another country": "foreign",
    "offer as Brazilian an expert with the e-mail of a person without a country": "stateless",
    "offer as Brazilian an expert with the e-mail of someone already on the roster": "listed",
}

# API writes of the governance: (method, url, body); {meeting}, {motion}, {election} are filled in.
API_WRITES = {
    "create a meeting": (
        "post",
        "/api/v1/meetings",
        {
            "title": {"en": "Extraordinary"},
            "original_language": "en",
            "start_date": "2027-03-01",
            "end_date": "2027-03-01",
            "host_country": "PAN",
            "city": "Panama City",
            "kind": "extraordinary",
        },
    ),
    "record a meeting's attendance": (
        "put",
        "/api/v1/meetings/{meeting}/participants",
        {"countries": ["URY", "BRA"]},
    ),
    "nominate Uruguay to the Committee": (
        "post",
        "/api/v1/elections/{election}/candidates",
        {"contest": "committee-mercosur", "country": "URY"},
    ),
    "vote on a motion": ("post", "/api/v1/motions/{motion}/votes", {"option": "yes"}),
    "close a motion": ("post", "/api/v1/motions/{motion}/close", {}),
}


def attempt(client: Client, action: str, records: dict[str, Any]) -> str:
    """Do the action as the client's user and classify the answer as the user would see it."""
    if action in API_WRITES:
        method, url, body = API_WRITES[action]
        url = url.format(
            meeting=records["meeting"].pk, motion=records["motion"].pk, election=records["election"].pk
        )
        response = getattr(client, method)(url, body, content_type="application/json")
        return {200: ALLOW, 201: ALLOW, 401: LOGIN, 403: DENY}[response.status_code]
    if action in OFFERS:
        person = records[OFFERS[action]]
        response = client.post(
            "/api/v1/cooperation/experts",
            {
                "country": "BRA",
                "name": "Someone",
                "email": person.email,
                "areas": ["open-data"],
                "languages": ["pt"],
                "original_language": "pt",
                "consent_public": True,
            },
            content_type="application/json",
        )
        return {202: ALLOW, 401: LOGIN, 403: DENY, 422: REFUSED}[response.status_code]
    if action.startswith("patch"):
        target = {
            "patch an Uruguayan institution": records["ury"],
            "patch a Brazilian institution": records["bra"],
            "patch an international organisation": records["oas"],
        }[action]
        response = client.patch(
            f"/api/v1/institutions/{target.pk}", {"acronym": "NEW"}, content_type="application/json"
        )
        target.refresh_from_db()
        changed = target.acronym == "NEW"
        if response.status_code == 200:
            assert changed
            return ALLOW
        assert not changed
        return {401: LOGIN, 403: DENY}[response.status_code]
    url = {
        "open the admin": "/admin/",
        "read the decision log in the admin": "/admin/core/decisionevent/",
        "open a record's history": f"/history/members/institution/{records['ury'].pk}/",
        "open one's account page": "/accounts/me/",
        "download one's data": "/accounts/me/data.json",
    }[action]
    response = client.get(url, follow=True)
    final = response.request["PATH_INFO"]
    if response.status_code == 200 and final == url:
        return ALLOW
    if response.status_code == 200 and final == "/accounts/login/":
        return LOGIN
    if response.status_code == 403:
        return DENY
    raise AssertionError(f"{action}: unexpected {response.status_code} at {final}")


@pytest.fixture
def records(cast) -> dict[str, Any]:
    meeting = Meeting.objects.create(
        title_en="XX Annual Meeting",
        start_date=datetime.date(2026, 10, 20),
        end_date=datetime.date(2026, 10, 21),
        host_country=country("DOM"),
        city_en="Santo Domingo",
        ordinal=20,
    )
    Delegation.objects.create(meeting=meeting, country=country("URY"))
    listed = cooperation.expert_offer(
        actor=cast.secretariat,
        country=country("URY"),
        name="Ulises Experto",
        email="ulises@agesic.gub.uy",
        areas=["open-data"],
        languages=["es"],
        original_language="es",
    )
    return {
        "foreign": Person.objects.create(
            name="Olga Oficial", email="olga@agesic.gub.uy", country=country("URY")
        ),
        "stateless": Person.objects.get(user=cast.uruguay_head),
        "listed": listed.person,
        "ury": Institution.objects.get(acronym="AGESIC"),
        "bra": InstitutionFactory(name="Ministério da Gestão", acronym="MGI", country=country("BRA")),
        "oas": Institution.objects.get(acronym="OAS"),
        "meeting": meeting,
        "election": election_create(actor=cast.secretariat, meeting=meeting, title="Authorities"),
        "motion": motion_create(
            actor=cast.secretariat,
            meeting=meeting,
            title={"en": "A motion"},
            original_language="en",
            rule="consensus",
        ),
    }


def shared_records() -> dict[str, list[dict[str, Any]]]:
    return {
        "people": [dict(row) for row in Person.objects.order_by("pk").values()],
        "institutions": [dict(row) for row in Institution.objects.order_by("pk").values()],
    }


@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_gets_exactly_what_the_matrix_says(cast, records, action: str):
    outcomes = {}
    for role, expected in zip(ROLES, MATRIX[action], strict=True):
        client = Client()
        if role != "anonymous":
            client.force_login(cast.all()[role])
        for key in ("ury", "bra", "oas"):
            Institution.objects.filter(pk=records[key].pk).update(acronym=f"X{records[key].pk}")
        # Each role starts from the same state: no vote, no candidacy, the motion open.
        Vote.objects.all().delete()
        Candidacy.objects.all().delete()
        Motion.objects.filter(pk=records["motion"].pk).update(status="open", result="")
        ExpertProposal.objects.all().delete()
        Expert.objects.filter(person__in=[records["foreign"], records["stateless"]]).delete()
        before = shared_records()
        outcomes[role] = (attempt(client, action, records), expected)
        after = shared_records()
        if action.startswith("patch") and outcomes[role][0] == ALLOW:
            for row in before["institutions"] + after["institutions"]:
                row.pop("acronym")
        assert after["institutions"] == before["institutions"], f"{action} as {role} changed an institution"
        assert after["people"][: len(before["people"])] == before["people"], (
            f"{action} as {role} changed a person"
        )
    wrong = {role: got for role, (got, expected) in outcomes.items() if got != expected}
    assert wrong == {}, f"{action}: {wrong} (expected {dict(zip(ROLES, MATRIX[action], strict=True))})"
