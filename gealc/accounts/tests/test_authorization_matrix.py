"""Who may do what: every write endpoint and non-public page, for every role, on their own country's
records and on another's. The table is the specification; loosening a rule makes a row fail."""

import pytest
from django.test import Client

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
}


def attempt(client: Client, action: str, records: dict[str, Institution]) -> str:
    """Do the action as the client's user and classify the answer as the user would see it."""
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
def records(cast) -> dict[str, Institution]:
    return {
        "ury": Institution.objects.get(acronym="AGESIC"),
        "bra": InstitutionFactory(name="Ministério da Gestão", acronym="MGI", country=country("BRA")),
        "oas": Institution.objects.get(acronym="OAS"),
    }


@pytest.mark.parametrize("action", list(MATRIX))
def test_each_role_gets_exactly_what_the_matrix_says(cast, records, action: str):
    outcomes = {}
    for role, expected in zip(ROLES, MATRIX[action], strict=True):
        client = Client()
        if role != "anonymous":
            client.force_login(cast.all()[role])
        for institution in records.values():
            Institution.objects.filter(pk=institution.pk).update(acronym=f"X{institution.pk}")
        outcomes[role] = (attempt(client, action, records), expected)
    wrong = {role: got for role, (got, expected) in outcomes.items() if got != expected}
    assert wrong == {}, f"{action}: {wrong} (expected {dict(zip(ROLES, MATRIX[action], strict=True))})"
