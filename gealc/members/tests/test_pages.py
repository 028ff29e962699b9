import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gealc.cooperation import services as cooperation
from gealc.members.models import Person
from gealc.members.tests.factories import InstitutionFactory, PersonFactory, country

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


@pytest.fixture
def people_shown(cast, assembly) -> dict[str, str]:
    """Pages that show people, each with the name of someone on it who has an e-mail and a phone."""
    ana = PersonFactory(
        name="Ana Pérez", email="ana@agesic.gub.uy", phone="+598 2901 1234", country=country("URY")
    )
    assembly.delegations.get(country__iso3="URY").representatives.add(ana)
    expert = cooperation.expert_offer(
        actor=cast.brazil_delegate,
        country=country("BRA"),
        name="Beatriz Especialista",
        email="beatriz@gov.br",
        areas=["interoperability"],
        languages=["pt"],
        original_language="pt",
        consent_public=True,
    )
    cooperation.expert_validate(actor=cast.secretariat, expert=expert)
    Person.objects.filter(pk=expert.person_id).update(phone="+55 61 2020 5678")
    return {f"/meetings/{assembly.pk}/": "Ana Pérez", "/cooperation/experts/": "Beatriz Especialista"}


CONTACT_DATA = ["ana@agesic.gub.uy", "+598 2901 1234", "beatriz@gov.br", "+55 61 2020 5678"]


@pytest.mark.parametrize("viewer", [None, "uruguay_delegate"])
def test_pages_that_show_people_show_their_names_and_never_their_contact_data(cast, people_shown, viewer):
    client = Client()
    if viewer:
        client.force_login(getattr(cast, viewer))

    for url, name in people_shown.items():
        html = client.get(url).content.decode()
        assert name in html, url
        assert not [data for data in CONTACT_DATA if data in html], url


@pytest.mark.parametrize(
    "url", ["/", "/countries/", "/subregions/caribbean/", "/institutions/", "/countries/URY/"]
)
def test_pages_take_the_same_queries_whatever_the_number_of_rows(client: Client, url: str):
    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for iso3 in ["URY", "JAM", "BRA", "HTI", "CAN"]:
        for _ in range(4):
            InstitutionFactory(country=country(iso3))

    assert count() == before
