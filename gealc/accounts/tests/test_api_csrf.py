"""API writes with CSRF checks on, as a browser or a client really sends them (the test client skips them)."""

import pytest
from django.test import Client

from gealc.members.models import Institution


@pytest.fixture
def agesic(cast) -> Institution:
    return Institution.objects.get(acronym="AGESIC")


def rename(client: Client, institution: Institution, **headers: str):
    return client.patch(
        f"/api/v1/institutions/{institution.pk}",
        {"acronym": "AGESIC-UY"},
        content_type="application/json",
        headers=headers,
    )


def signed_in_browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/accounts/me/")  # a page with a form sets the CSRF cookie
    assert "csrftoken" in browser.cookies
    return browser


def test_an_anonymous_write_is_401_even_with_csrf_checks(agesic):
    response = rename(Client(enforce_csrf_checks=True), agesic)

    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_signed_in_session_write_without_the_csrf_token_is_403(cast, agesic):
    browser = signed_in_browser(cast.uruguay_delegate)

    response = rename(browser, agesic)
    with_a_bad_token = rename(browser, agesic, authorization="Bearer gealc_not-a-token")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert with_a_bad_token.status_code == 403
    agesic.refresh_from_db()
    assert agesic.acronym == "AGESIC"


def test_a_signed_in_session_write_with_the_csrf_token_goes_through(cast, agesic):
    browser = signed_in_browser(cast.uruguay_delegate)

    response = rename(browser, agesic, x_csrftoken=browser.cookies["csrftoken"].value)

    assert response.status_code == 200
    assert response.json()["acronym"] == "AGESIC-UY"


def test_a_write_with_a_personal_token_needs_no_csrf_token(cast, agesic, token_for):
    response = rename(Client(enforce_csrf_checks=True), agesic, **token_for(cast.uruguay_delegate))

    assert response.status_code == 200
    assert response.json()["acronym"] == "AGESIC-UY"
