import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from gealc.core.views import server_error

pytestmark = pytest.mark.usefixtures("reference")


def test_an_unknown_address_answers_the_sites_404_page_in_the_visitors_language(client: Client, settings):
    assert settings.DEBUG is False

    response = client.get("/no-such-page/", headers={"accept-language": "es"})

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="es">' in html
    assert "Navegación principal" in html  # the site's header, with its navigation
    assert "404" in html and 'class="error-page"' in html


def test_the_api_answers_an_unknown_address_in_json(client: Client):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}


def test_a_page_the_visitor_may_not_open_answers_the_sites_403_page(client: Client, cast):
    client.force_login(cast.uruguay_delegate)

    response = client.get("/history/members/country/1/")

    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot open this page" in html
    assert "Your account does not give access to this page or to this action." in html


def test_a_visitor_who_has_not_signed_in_is_offered_to_sign_in_on_the_403_page(client: Client):
    response = client.get("/history/members/country/1/")

    # The history needs an account: an anonymous visitor is sent to sign in first.
    assert response.status_code == 302


def test_the_500_page_renders_from_the_layout_alone_without_touching_the_database(django_assert_num_queries):
    request = RequestFactory().get("/countries/")

    with translation.override("fr"), django_assert_num_queries(0):
        response = server_error(request)

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "RED GEALC" in html and 'class="error-page"' in html
    assert "site-nav" not in html  # no navigation: it comes from a context processor


def test_the_400_and_413_pages_share_the_error_layout(client: Client):
    response = client.get("/countries/", {"q": "a\x00b"})

    assert response.status_code == 400
    assert 'class="error-page"' in response.content.decode()


@pytest.mark.django_db
def test_a_refusal_flashed_on_a_page_is_styled_as_a_danger_alert(client: Client, reference):
    html = client.get("/committee/", {"date": "bad"}, follow=True).content.decode()

    assert 'class="alert alert-danger"' in html
    assert "alert-error" not in html
