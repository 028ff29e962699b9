"""Public pages are kept for visitors who are not signed in, and every write shows on the next view.

These tests run outside a test transaction (``transaction=True``), as the platform serves: inside one,
nothing is kept (see ``gealc.core.pages``), which is what every other test of a page relies on.
"""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from gealc.awards.models import Theme
from gealc.cooperation import selectors as cooperation_selectors
from gealc.core.figures import changed
from gealc.core.pages import kept_for_visitors, reads_parts, writes_parts, writes_unseen
from gealc.members.models import Country
from gealc.software import services as software_services
from gealc.software.models import Software

pytestmark = pytest.mark.django_db(transaction=True)


def token_in(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_a_visitor_reads_a_public_page_again_without_a_query(reference, django_assert_num_queries):
    first = Client().get("/countries/")
    assert "Uruguay" in first.text

    with django_assert_num_queries(0):
        again = Client().get("/countries/")

    assert again.status_code == 200
    assert again.text.replace(token_in(again.text), "") == first.text.replace(token_in(first.text), "")


def test_any_write_shows_on_the_next_view_even_one_no_service_made(reference):
    visitor = Client()
    assert "Uruguay" in visitor.get("/countries/URY/").text

    Country.objects.filter(iso3="URY").update(name_en="Oriental Republic of Uruguay")

    assert "Oriental Republic of Uruguay" in visitor.get("/countries/URY/").text


def test_a_write_to_a_table_the_page_does_not_read_keeps_it(reference, django_assert_num_queries):
    Client().get("/countries/")

    Theme.objects.update(name_en="Renamed theme")  # the solutions' themes: not on the list of countries

    with django_assert_num_queries(0):
        assert "Uruguay" in Client().get("/countries/").text


def test_a_page_made_of_cached_figures_follows_them(reference, django_assert_max_num_queries):
    Client().get("/cooperation/dashboards/")
    with django_assert_max_num_queries(0):
        Client().get("/cooperation/dashboards/")

    changed(cooperation_selectors.FIGURES)  # what a mission's approval does

    with django_assert_max_num_queries(100) as captured:
        Client().get("/cooperation/dashboards/")
    assert len(captured) > 0


def test_a_write_in_a_transaction_shows_once_it_commits(reference):
    visitor = Client()
    visitor.get("/countries/")
    with transaction.atomic():
        uruguay = Country.objects.get(iso3="URY")
        uruguay.name_en = "República Oriental del Uruguay"
        uruguay.save()

    assert "República Oriental del Uruguay" in visitor.get("/countries/").text


def test_each_language_is_kept_apart(reference):
    spanish = Client(HTTP_ACCEPT_LANGUAGE="es").get("/countries/")
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/countries/")

    assert '<html lang="es"' in spanish.text
    assert '<html lang="en"' in english.text


def test_each_visitor_gets_their_own_form_token_and_can_change_language(reference):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get("/countries/")
    second_page = second.get("/countries/")  # served from the kept page

    assert token_in(first_page.text) != token_in(second_page.text)
    changed = second.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/countries/", "csrfmiddlewaretoken": token_in(second_page.text)},
    )
    assert changed.status_code == 302
    assert '<html lang="fr"' in second.get("/countries/").text


def test_a_signed_in_person_never_gets_the_visitors_page(reference, django_user_model):
    Client().get("/countries/")
    person = django_user_model.objects.create_user(email="reader@example.org", password="x" * 16)
    client = Client()
    client.force_login(person)

    page = client.get("/countries/")

    assert "reader@example.org" in page.text or "Sign out" in page.text
    assert "Sign in" not in page.text


def test_a_visitor_with_a_message_waiting_sees_it_on_the_page(reference, django_user_model):
    Client().get("/countries/")  # kept, without any message
    person = django_user_model.objects.create_user(email="reader@example.org", password="x" * 16)
    visitor = Client()
    visitor.force_login(person)
    visitor.post("/accounts/logout/")

    page = visitor.get("/countries/")

    assert "You have signed out." in page.text
    assert "You have signed out." not in Client().get("/countries/").text


def test_the_api_answers_anonymous_clients_from_the_kept_answer_but_never_a_token(
    reference, token_for, django_user_model, django_assert_num_queries, django_assert_max_num_queries
):
    Client().get("/api/v1/countries/URY")
    with django_assert_num_queries(0):
        assert Client().get("/api/v1/countries/URY").json()["iso3"] == "URY"

    Country.objects.filter(iso3="URY").update(name_en="Uruguay (updated)")
    assert Client().get("/api/v1/countries/URY").json()["name"] == "Uruguay (updated)"

    reader = django_user_model.objects.create_user(email="client@example.org", password="x" * 16)
    with django_assert_max_num_queries(30) as captured:
        Client().get("/api/v1/countries/URY", headers=token_for(reader))
    assert len(captured) > 0


def test_nothing_is_kept_when_page_cache_seconds_is_zero(reference, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_SECONDS = 0
    Client().get("/countries/")
    with django_assert_max_num_queries(50) as captured:
        Client().get("/countries/")
    assert len(captured) > 0


# Writes that say which part of a table they touch -------------------------------------------------------


@kept_for_visitors
def country_name(request: HttpRequest, iso3: str) -> HttpResponse:
    """A page that reads one country's row, and says so."""
    with reads_parts(Country, parts=[iso3]):
        return HttpResponse(Country.objects.get(iso3=iso3).name_en)


def visit(iso3: str) -> str:
    request = RequestFactory().get(f"/name/{iso3}/")
    request.user = AnonymousUser()
    return country_name(request, iso3).content.decode()


def test_a_write_that_names_its_part_keeps_the_pages_that_read_other_parts(
    reference, django_assert_num_queries
):
    assert visit("URY") == "Uruguay"
    assert visit("ARG") == "Argentina"

    with transaction.atomic(), writes_parts(Country, parts=["ARG"]):
        Country.objects.filter(iso3="ARG").update(name_en="Argentine Republic")

    with django_assert_num_queries(0):
        assert visit("URY") == "Uruguay"
    assert visit("ARG") == "Argentine Republic"


def test_a_write_that_names_no_part_shows_on_every_page_that_reads_parts(reference):
    assert visit("URY") == "Uruguay"

    Country.objects.filter(iso3="URY").update(name_en="Oriental Republic of Uruguay")  # no part named
    assert visit("URY") == "Oriental Republic of Uruguay"

    with transaction.atomic():
        Country.objects.filter(iso3="URY").update(name_en="Uruguay")  # nor here
    assert visit("URY") == "Uruguay"


def test_a_part_named_outside_a_transaction_is_bumped_at_once(reference, django_assert_num_queries):
    assert visit("URY") == "Uruguay"
    assert visit("ARG") == "Argentina"

    with writes_parts(Country, parts=["ARG"]):  # each statement commits alone
        Country.objects.filter(iso3="ARG").update(name_en="Argentine Republic")

    with django_assert_num_queries(0):
        assert visit("URY") == "Uruguay"
    assert visit("ARG") == "Argentine Republic"


def test_a_write_after_the_block_that_named_a_part_names_none(reference):
    assert visit("URY") == "Uruguay"

    with transaction.atomic():
        with writes_parts(Country, parts=["ARG"]):
            Country.objects.filter(iso3="ARG").update(name_en="Argentine Republic")
        Country.objects.filter(iso3="URY").update(name_en="Oriental Republic of Uruguay")

    assert visit("URY") == "Oriental Republic of Uruguay"


def test_a_page_that_reads_a_table_outside_the_part_follows_every_write(reference):
    assert "Uruguay" in Client().get("/countries/").text  # reads every country, naming no part

    with transaction.atomic(), writes_parts(Country, parts=["URY"]):
        Country.objects.filter(iso3="URY").update(name_en="Oriental Republic of Uruguay")

    assert "Oriental Republic of Uruguay" in Client().get("/countries/").text


def test_a_write_no_visitor_sees_keeps_every_page(reference, django_assert_num_queries):
    assert visit("URY") == "Uruguay"
    Client().get("/countries/")

    with transaction.atomic():
        with writes_unseen(Country):
            Country.objects.filter(iso3="QQQ").delete()  # nothing a visitor reads: a row that is not there
        Theme.objects.update(name_en="Renamed theme")  # read by neither page

    with django_assert_num_queries(0):
        assert visit("URY") == "Uruguay"
        Client().get("/countries/")

    with transaction.atomic():
        with writes_unseen(Country):
            pass
        Country.objects.filter(iso3="URY").update(name_en="Oriental Republic of Uruguay")  # after the block
    assert visit("URY") == "Oriental Republic of Uruguay"


def test_an_adoption_shows_at_once_where_it_belongs_and_keeps_the_other_pages(
    cast, django_assert_num_queries
):
    visitor = Client()
    for path in ("/software/simple/", "/software/simple-lat/", "/countries/BRA/", "/countries/ARG/"):
        assert visitor.get(path).status_code == 200
    assert "Brazil" not in visitor.get("/software/simple/").text

    software_services.adoption_record(
        actor=cast.secretariat,
        software=Software.objects.get(slug="simple"),
        country=Country.objects.get(iso3="BRA"),
        status="piloting",
    )

    with django_assert_num_queries(0):  # another software, a country that neither owns nor adopts it
        visitor.get("/software/simple-lat/")
        visitor.get("/countries/ARG/")
    assert "Brazil" in visitor.get("/software/simple/").text
    assert "/software/simple/" in visitor.get("/countries/BRA/").text
