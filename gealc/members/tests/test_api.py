import pytest
from django.test import Client

from gealc.core.testing import queries_for
from gealc.members.models import Country
from gealc.members.tests.factories import InstitutionFactory, country

pytestmark = pytest.mark.usefixtures("reference")


def test_subregions_list_their_seats_and_countries(client: Client):
    response = client.get("/api/v1/subregions")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4
    assert [item["code"] for item in body["items"]] == ["mercosur", "andean", "mesoamerica", "caribbean"]
    assert body["items"][0] == {
        "code": "mercosur",
        "name": "Mercosur",
        "seats": 2,
        "countries": ["ARG", "BRA", "CHL", "PRY", "URY"],
    }


def test_countries_come_in_the_standard_envelope_and_can_be_filtered(client: Client):
    everything = client.get("/api/v1/countries").json()
    andean = client.get("/api/v1/countries", {"subregion": "andean"}).json()
    observers = client.get("/api/v1/countries", {"status": "observer"}).json()

    assert everything["count"] == 36
    assert [c["iso3"] for c in andean["items"]] == ["BOL", "COL", "ECU", "PER", "VEN"]
    assert {c["iso3"] for c in observers["items"]} == {"AND", "ESP", "PRT"}
    assert andean["items"][0] == {
        "iso2": "BO",
        "iso3": "BOL",
        "name": "Bolivia",
        "subregion": "andean",
        "status": "member",
        "joined": None,
    }


def test_limit_and_offset_page_through_the_countries(client: Client):
    first = client.get("/api/v1/countries", {"limit": 10}).json()
    last = client.get("/api/v1/countries", {"limit": 10, "offset": 30}).json()

    assert first["count"] == last["count"] == 36
    assert len(first["items"]) == 10
    assert [c["iso3"] for c in last["items"]] == ["SLV", "SUR", "TTO", "URY", "VCT", "VEN"]


def test_names_follow_the_lang_parameter_or_accept_language(client: Client):
    by_parameter = client.get("/api/v1/countries/KNA", {"lang": "es"}).json()
    by_header = client.get("/api/v1/countries/KNA", headers={"accept-language": "fr"}).json()
    subregions = client.get("/api/v1/subregions", {"lang": "pt"}).json()

    assert by_parameter["name"] == "San Cristóbal y Nieves"
    assert by_header["name"] == "Saint-Christophe-et-Niévès"
    assert subregions["items"][0]["name"] == "Mercosul"


def test_a_country_is_found_by_its_code_in_any_case(client: Client):
    response = client.get("/api/v1/countries/ury")

    assert response.status_code == 200
    body = response.json()
    assert (body["iso3"], body["subregion_name"], body["authority"]["acronym"]) == (
        "URY",
        "Mercosur",
        "AGESIC",
    )


def test_an_unknown_country_code_is_a_404_with_a_detail(client: Client):
    response = client.get("/api/v1/countries/XYZ")

    assert response.status_code == 404
    assert response.json() == {"detail": "No country with code 'XYZ'"}


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 10000}, "limit"),
        ({"status": "friend"}, "status"),
        ({"offset": -1}, "offset"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(client: Client, query: dict[str, str | int], parameter: str):
    response = client.get("/api/v1/countries", query)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_institutions_can_be_filtered_by_country(client: Client):
    InstitutionFactory(name="Ministerio de Industria", acronym="MIEM", country=country("URY"))
    InstitutionFactory(name="Ministério da Gestão", acronym="MGI", country=country("BRA"))

    body = client.get("/api/v1/institutions", {"country": "ury"}).json()

    assert body["count"] == 2
    assert [item["acronym"] for item in body["items"]] == ["AGESIC", "MIEM"]
    assert body["items"][1]["country"] == "URY"
    assert "email" not in body["items"][0]


def test_list_endpoints_take_the_same_queries_whatever_the_number_of_rows(
    client: Client, django_assert_max_num_queries
):
    urls = ["/api/v1/subregions", "/api/v1/countries", "/api/v1/institutions"]
    before = {url: queries_for(client, url, {"limit": 200}) for url in urls}
    for index in range(20):
        InstitutionFactory(country=Country.objects.order_by("iso3")[index])

    for url in urls:
        with django_assert_max_num_queries(before[url]):
            client.get(url, {"limit": 200})
    assert max(before.values()) <= 3
