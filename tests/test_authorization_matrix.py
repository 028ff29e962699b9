"""Who may do what: every write endpoint and non-public page, for every role, on their own country's
records and on another's. The table is the specification; loosening a rule makes a row fail."""

import datetime
from typing import Any

import pytest
from django.test import Client

from gealc.governance.models import Candidacy, Delegation, Meeting, Motion, Vote
from gealc.governance.services import election_create, motion_create
from gealc.members.models import Institution
from gealc.members.tests.factories import InstitutionFactory, country

ALLOW, DENY, LOGIN = "allow", "deny", "login"

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
        city="Santo Domingo",
        ordinal=20,
    )
    Delegation.objects.create(meeting=meeting, country=country("URY"))
    return {
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
        outcomes[role] = (attempt(client, action, records), expected)
    wrong = {role: got for role, (got, expected) in outcomes.items() if got != expected}
    assert wrong == {}, f"{action}: {wrong} (expected {dict(zip(ROLES, MATRIX[action], strict=True))})"
