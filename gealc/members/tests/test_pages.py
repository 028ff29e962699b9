import pytest
from django.test import Client

from gealc.core.testing import queries_for
from gealc.members.tests.factories import InstitutionFactory, country

pytestmark = pytest.mark.usefixtures("reference")

PAGES = ["/", "/countries/", "/countries/URY/", "/subregions/caribbean/", "/institutions/", "/open-data/"]


@pytest.mark.parametrize(
    ("language", "nav_label"),
    [("en", "Countries"), ("es", "Países"), ("pt", "Países"), ("fr", "Pays")],
)
@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_in_each_language(client: Client, url: str, language: str, nav_label: str):
    response = client.get(url, headers={"accept-language": language})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f">{nav_label}</a>" in html


def test_the_home_page_counts_members_per_subregion(client: Client):
    response = client.get("/")

    html = response.content.decode()
    assert "33 member countries" in html
    subregions = {s.code: s.member_count for s in response.context["subregions"]}
    assert subregions == {"mercosur": 5, "andean": 5, "mesoamerica": 9, "caribbean": 13}
    assert "1 member country belongs to no subregion." in html


def test_the_home_page_speaks_spanish_when_the_browser_asks_for_it(client: Client):
    html = client.get("/", headers={"accept-language": "es-UY,es;q=0.9"}).content.decode()

    assert "33 países miembros" in html


def test_the_chosen_language_is_kept_for_the_session(client: Client):
    client.post("/i18n/setlang/", {"language": "pt", "next": "/countries/"})

    html = client.get("/countries/", headers={"accept-language": "en"}).content.decode()

    assert '<html lang="pt">' in html
    assert "São Cristóvão e Nevis" in html


def test_countries_are_grouped_by_subregion_with_their_status(client: Client):
    html = client.get("/countries/").content.decode()

    assert html.index("Mercosur") < html.index("Uruguay") < html.index("Andean") < html.index("Bolivia")
    assert "Members without a subregion" in html
    assert "Observers and partners" in html
    assert html.index("Observers and partners") < html.index("Andorra")


def test_a_country_page_shows_its_authority_and_institutions(client: Client):
    InstitutionFactory(name="Ministerio de Industria", acronym="MIEM", country=country("URY"))

    html = client.get("/countries/URY/").content.decode()

    assert "Agencia de Gobierno Electrónico" in html
    assert "Ministerio de Industria (MIEM)" in html
    assert 'href="/subregions/mercosur/"' in html


def test_an_unknown_country_page_is_not_found(client: Client):
    assert client.get("/countries/XYZ/").status_code == 404
    assert client.get("/subregions/pacific/").status_code == 404


@pytest.mark.parametrize(
    "url", ["/", "/countries/", "/subregions/caribbean/", "/institutions/", "/countries/URY/"]
)
def test_pages_take_the_same_queries_whatever_the_number_of_rows(client: Client, url: str):
    before = queries_for(client, url)
    for iso3 in ["URY", "JAM", "BRA", "HTI", "CAN"]:
        for _ in range(4):
            InstitutionFactory(country=country(iso3))

    assert queries_for(client, url) == before
