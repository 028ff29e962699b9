import pytest
from django.test import Client

from gealc.accounts.services import token_create
from gealc.members.models import Institution


def patch(client: Client, institution: Institution, body: dict, **headers: str):
    return client.patch(
        f"/api/v1/institutions/{institution.pk}", body, content_type="application/json", headers=headers
    )


@pytest.fixture
def agesic(cast) -> Institution:
    return Institution.objects.get(acronym="AGESIC")


def test_a_delegate_renames_an_institution_of_their_country_with_a_token(cast, agesic):
    _token, raw = token_create(user=cast.uruguay_delegate)

    response = patch(
        Client(), agesic, {"website": "https://www.gub.uy/agesic"}, authorization=f"Bearer {raw}"
    )

    assert response.status_code == 200
    assert response.json()["website"] == "https://www.gub.uy/agesic"
    latest = agesic.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (cast.uruguay_delegate, "changed website")


def test_a_bad_value_names_the_field_and_changes_nothing(cast, agesic):
    client = Client()
    client.force_login(cast.secretariat)

    bad_site = patch(client, agesic, {"website": "javascript:alert(1)", "acronym": "NEW"})
    empty_name = patch(client, agesic, {"name": ""})

    assert bad_site.status_code == 422
    assert bad_site.json()["field"] == "website"
    assert empty_name.status_code == 422
    agesic.refresh_from_db()
    assert agesic.acronym == "AGESIC"


def test_an_unknown_institution_is_404(cast):
    client = Client()
    client.force_login(cast.secretariat)

    assert client.patch("/api/v1/institutions/999999", {}, content_type="application/json").status_code == 404


def test_the_secretariat_sees_who_changed_what_on_the_history_page(cast, agesic):
    client = Client()
    client.force_login(cast.uruguay_delegate)
    patch(client, agesic, {"acronym": "AGESIC-UY"})
    officer = Client()
    officer.force_login(cast.secretariat)

    html = officer.get(f"/history/members/institution/{agesic.pk}/").content.decode()

    assert "Ursula Delegate" in html
    assert "AGESIC-UY" in html
    assert "<del>AGESIC</del>" in html
