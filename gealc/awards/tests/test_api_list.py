"""The API's list of solutions: each text in the request's language with the fallback (every translation
on the solution's own answer), the same answer as the schema would give, and the public catalogue kept
in the cache until a solution, or what its rows show, changes."""

import pytest
from django.core.cache import cache
from django.test import Client

from gealc.awards import selectors, services
from gealc.awards.models import Theme
from gealc.awards.schemas import SolutionOut
from gealc.awards.tests.conftest import draft, published
from gealc.core.api import shaped_as
from gealc.core.testing import queries_for
from gealc.members.models import Country

pytestmark = pytest.mark.django_db


def test_the_list_gives_each_text_in_the_requests_language_or_its_original_one(cast, client: Client):
    made = published(
        cast,
        names={"es": "Identidad digital", "en": "Digital identity"},
        description={"es": "Una identidad para cada persona."},
        results={"pt": "Milhões de usuários."},
    )

    english = client.get("/api/v1/solutions", {"lang": "en"}).json()["items"][0]
    spanish = client.get("/api/v1/solutions", {"lang": "es"}).json()["items"][0]

    assert (english["name"], spanish["name"]) == ("Digital identity", "Identidad digital")
    assert english["description"] == spanish["description"] == "Una identidad para cada persona."
    assert english["results"] == "Milhões de usuários." and english["problem"] == ""
    assert english["country_name"] == "Uruguay" and spanish["country_name"] == "Uruguay"
    assert not any(key.endswith("_translations") for key in english)
    one = client.get(f"/api/v1/solutions/{made.pk}", {"lang": "en"}).json()
    assert one["name"] == "Digital identity"
    assert one["name_translations"] == {"es": "Identidad digital", "en": "Digital identity"}
    assert one["results_translations"] == {"pt": "Milhões de usuários."}


def test_the_lists_rows_are_what_its_schema_answers(cast):
    made = published(
        cast,
        goals=[16, 9],
        tags=["identidad"],
        languages=["es"],
        year_started=2012,
        figures=[{"label": "Usuarios", "value": "1,200,000", "unit": "personas"}],
        url="https://example.org/",
    )

    rows = selectors.solution_rows(selectors.solutions(cast.nobody, selectors.Filters()))

    assert [row["id"] for row in rows] == [made.pk]
    assert rows[0]["goals"] == [9, 16] and rows[0]["figures"][0]["value"] == "1200000"
    assert all(shaped_as(SolutionOut, row) for row in rows)


def test_a_second_public_read_takes_no_query_and_answers_the_same(cast, client: Client):
    published(cast, goals=[1])
    first = client.get("/api/v1/solutions", {"limit": 10})

    assert queries_for(client, "/api/v1/solutions?limit=10") == 0
    again = client.get("/api/v1/solutions", {"limit": 10})
    assert again.content == first.content and list(again.json()) == ["items", "count"]
    cache.clear()
    assert client.get("/api/v1/solutions", {"limit": 10}).content == first.content


def test_a_published_changed_or_renamed_solution_shows_on_the_next_public_read(cast, client: Client):
    first = published(cast, "URY", "Uno")
    assert client.get("/api/v1/solutions").json()["count"] == 1

    second = published(cast, "BRA", "Dos")
    assert [item["name"] for item in client.get("/api/v1/solutions").json()["items"]] == ["Dos", "Uno"]

    services.solution_update(actor=cast.secretariat, solution=first, changes={"goals": [7]})
    assert client.get("/api/v1/solutions", {"country": "URY"}).json()["items"][0]["goals"] == [7]

    uruguay = Country.objects.get(iso3="URY")
    uruguay.name_en = "Oriental Republic of Uruguay"
    uruguay.save()
    theme = Theme.objects.get(code=second.theme.code)
    theme.code = "services-online"
    theme.save()
    items = {item["id"]: item for item in client.get("/api/v1/solutions", {"lang": "en"}).json()["items"]}
    assert items[first.pk]["country_name"] == "Oriental Republic of Uruguay"
    assert items[second.pk]["theme"] == "services-online"


def test_drafts_never_reach_the_public_pages_kept_and_their_country_sees_them(cast, client, token_for):
    published(cast, "URY", "Publicada")
    assert client.get("/api/v1/solutions").json()["count"] == 1
    draft(cast.uruguay_delegate, name="Borrador")

    delegate = Client(headers=token_for(cast.uruguay_delegate))
    officer = Client(headers=token_for(cast.secretariat))
    assert delegate.get("/api/v1/solutions").json()["count"] == 2
    assert officer.get("/api/v1/solutions").json()["count"] == 2
    assert client.get("/api/v1/solutions").json()["count"] == 1
    assert "Borrador" not in client.get("/api/v1/solutions").content.decode()
