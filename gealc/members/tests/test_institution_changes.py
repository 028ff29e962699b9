import pytest
from django.test import Client

from gealc.members.models import Institution


def patch(client: Client, institution: Institution, body: dict, **headers: str):
    return client.patch(
        f"/api/v1/institutions/{institution.pk}", body, content_type="application/json", headers=headers
    )


@pytest.fixture
def agesic(cast) -> Institution:
    return Institution.objects.get(acronym="AGESIC")


def test_a_delegate_renames_an_institution_of_their_country_with_a_token(cast, agesic, token_for):
    response = patch(
        Client(), agesic, {"website": "https://www.gub.uy/agesic"}, **token_for(cast.uruguay_delegate)
    )

    assert response.status_code == 200
    assert response.json()["website"] == "https://www.gub.uy/agesic"
    latest = agesic.history.latest()
    assert (latest.history_user, latest.history_change_reason) == (cast.uruguay_delegate, "changed website")


def test_a_token_makes_its_owner_the_user_who_acts_and_a_bad_token_is_401(cast, agesic, token_for):
    client = Client()

    with_token = patch(client, agesic, {"acronym": "AGESIC-UY"}, **token_for(cast.uruguay_delegate))
    bad_token = patch(client, agesic, {"acronym": "NOPE"}, authorization="Bearer gealc_not-a-token")
    not_bearer = patch(client, agesic, {"acronym": "NOPE"}, authorization="Basic dXJ5OnVyeQ==")
    other_country = patch(client, agesic, {"acronym": "NOPE"}, **token_for(cast.brazil_delegate))

    assert with_token.status_code == 200
    assert with_token.wsgi_request.user == cast.uruguay_delegate
    assert bad_token.status_code == 401
    assert bad_token.wsgi_request.user.is_anonymous
    assert not_bearer.status_code == 401
    assert other_country.status_code == 403
    agesic.refresh_from_db()
    assert agesic.acronym == "AGESIC-UY"
    assert agesic.history.latest().history_user == cast.uruguay_delegate


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
