"""The API's country list is answered from the cache: the same bytes as without it, in each language,
and a change to a country or a subregion shows on the next read."""

import pytest
from django.core.cache import cache
from django.test import Client

from gealc.core.testing import queries_for
from gealc.members.models import Country, Subregion
from gealc.members.tests.factories import country

pytestmark = pytest.mark.usefixtures("reference")


def test_a_second_read_of_the_countries_takes_no_query_and_answers_the_same(client: Client):
    first = client.get("/api/v1/countries", {"limit": 10, "offset": 5})

    assert queries_for(client, "/api/v1/countries?limit=10&offset=5") == 0
    again = client.get("/api/v1/countries", {"limit": 10, "offset": 5})
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json; charset=utf-8"


def test_the_cached_answer_is_the_one_built_from_the_rows(client: Client):
    kept = client.get("/api/v1/countries", {"status": "member"}).content
    cache.clear()

    assert client.get("/api/v1/countries", {"status": "member"}).content == kept
    body = client.get("/api/v1/countries", {"status": "member"}).json()
    assert body["count"] == Country.objects.filter(status="member").count()
    assert list(body) == ["items", "count"]


def test_each_language_and_each_filter_has_its_own_answer(client: Client):
    english = client.get("/api/v1/countries", {"lang": "en", "subregion": "mercosur"}).json()
    spanish = client.get("/api/v1/countries", {"lang": "es", "subregion": "mercosur"}).json()
    andean = client.get("/api/v1/countries", {"lang": "es", "subregion": "andean"}).json()

    names = {item["iso3"]: item["name"] for item in english["items"]}
    nombres = {item["iso3"]: item["name"] for item in spanish["items"]}
    assert names["BRA"] == "Brazil" and nombres["BRA"] == "Brasil"
    assert [item["iso3"] for item in andean["items"]] == ["BOL", "COL", "ECU", "PER", "VEN"]


def test_a_renamed_country_shows_on_the_next_read(client: Client):
    client.get("/api/v1/countries", {"subregion": "mercosur"})
    uruguay = country("URY")
    uruguay.name_en = "Oriental Republic of Uruguay"
    uruguay.save()

    items = client.get("/api/v1/countries", {"subregion": "mercosur"}).json()["items"]

    assert {item["iso3"]: item["name"] for item in items}["URY"] == "Oriental Republic of Uruguay"


def test_a_new_a_moved_and_a_deleted_country_show_on_the_next_read(client: Client):
    client.get("/api/v1/countries", {"limit": 200})
    added = Country.objects.create(iso2="AA", iso3="AAA", status=Country.Status.OBSERVER, name_en="Testland")
    moved = country("BRA")
    moved.subregion = Subregion.objects.get(code="caribbean")
    moved.save()

    items = client.get("/api/v1/countries", {"limit": 200}).json()["items"]
    added.delete()
    after = client.get("/api/v1/countries", {"limit": 200}).json()["items"]

    assert {item["iso3"]: item["subregion"] for item in items}["BRA"] == "caribbean"
    assert "AAA" in {item["iso3"] for item in items}
    assert "AAA" not in {item["iso3"] for item in after}
