"""The catalogue's rules and pages: who may change what, the reuse figures, the filters and facets,
the reference data, and flat query counts on the lists."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from gealc.core.api import shaped_as
from gealc.core.testing import queries_for
from gealc.software import selectors
from gealc.software.models import Adoption, Software
from gealc.software.schemas import SoftwareOut, software_out
from gealc.software.tests.conftest import import_as, publiccode

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def uruguayan(client, cast, token_for):
    """Tramites, Uruguay's software, imported by its delegate."""
    answer = import_as(client, token_for(cast.uruguay_delegate), publiccode())
    assert answer.status_code == 201, answer.json()
    assert answer.json()["country"] == "URY"
    return Software.objects.get(slug="tramites")


def test_a_delegate_imports_for_their_own_country_only(client, cast, token_for):
    answer = import_as(client, token_for(cast.brazil_delegate), publiccode(), country="URY")

    assert answer.status_code == 403
    assert not Software.objects.filter(url__contains="tramites").exists()


def test_a_delegate_cannot_update_another_countrys_software(client, cast, token_for, uruguayan):
    brazil = token_for(cast.brazil_delegate)

    reimport = import_as(client, brazil, publiccode(status="beta"))
    patch = client.patch(
        "/api/v1/software/tramites", {"institution": None}, content_type="application/json", headers=brazil
    )

    assert (reimport.status_code, patch.status_code) == (403, 403)
    assert Software.objects.get(slug="tramites").development_status == "stable"


def test_only_the_secretariat_moves_a_software_to_another_country(client, cast, token_for, uruguayan):
    body = {"country": "BRA"}

    by_delegate = client.patch(
        "/api/v1/software/tramites",
        body,
        content_type="application/json",
        headers=token_for(cast.uruguay_delegate),
    )
    by_officer = client.patch(
        "/api/v1/software/tramites",
        body,
        content_type="application/json",
        headers=token_for(cast.secretariat),
    )

    assert by_delegate.status_code == 403
    assert by_officer.status_code == 200
    assert by_officer.json()["country"] == "BRA"


def test_a_delegate_records_adoptions_and_contributions_of_their_own_country_only(
    client, cast, token_for, uruguayan
):
    brazil = token_for(cast.brazil_delegate)
    adoption = {"country": "BRA", "status": "piloting", "since": "2024-03-01", "version": "1.0"}

    own = client.post(
        "/api/v1/software/tramites/adoptions", adoption, content_type="application/json", headers=brazil
    )
    other = client.post(
        "/api/v1/software/tramites/adoptions",
        {**adoption, "country": "PER"},
        content_type="application/json",
        headers=brazil,
    )
    contribution = client.post(
        "/api/v1/software/tramites/contributions",
        {"country": "URY", "what": {"en": "Forms"}, "original_language": "en"},
        content_type="application/json",
        headers=brazil,
    )

    assert (own.status_code, other.status_code, contribution.status_code) == (201, 403, 403)
    assert own.json()["status"] == "piloting"


def test_recording_an_adoption_again_updates_it(client, cast, token_for, uruguayan):
    brazil = token_for(cast.brazil_delegate)
    url = "/api/v1/software/tramites/adoptions"

    client.post(
        url, {"country": "BRA", "status": "piloting"}, content_type="application/json", headers=brazil
    )
    again = client.post(
        url, {"country": "BRA", "status": "in_production"}, content_type="application/json", headers=brazil
    )

    assert again.status_code == 200
    assert list(Adoption.objects.filter(software=uruguayan).values_list("status", flat=True)) == [
        "in_production"
    ]


def test_a_bad_adoption_is_refused_naming_the_field(client, cast, token_for, uruguayan):
    answer = client.post(
        "/api/v1/software/tramites/adoptions",
        {"country": "BRA", "status": "piloting", "evidence_url": "ftp://example.org/x"},
        content_type="application/json",
        headers=token_for(cast.brazil_delegate),
    )

    assert answer.status_code == 422
    assert answer.json()["field"] == "evidence_url"


def test_the_reuse_figures_count_adopting_and_contributing_countries(client, cast, token_for, uruguayan):
    officer = token_for(cast.secretariat)
    for country, status in (("BRA", "in_production"), ("PER", "abandoned"), ("CHL", "evaluating")):
        client.post(
            "/api/v1/software/tramites/adoptions",
            {"country": country, "status": status},
            content_type="application/json",
            headers=officer,
        )
    client.post(
        "/api/v1/software/tramites/contributions",
        {
            "country": "BRA",
            "what": {"pt": "Tradução"},
            "original_language": "pt",
            "contributed_on": "2024-05-01",
        },
        content_type="application/json",
        headers=officer,
    )

    answer = client.get("/api/v1/software/tramites").json()
    figures = client.get("/software/figures/").content.decode()
    country_page = client.get("/countries/BRA/").content.decode()

    assert answer["adopting_countries"] == ["BRA", "CHL"]  # an abandoned adoption is no reuse
    assert answer["contributing_countries"] == ["BRA"]
    cells = '<td class="text-end">{}</td>' * 4
    # Brazil: shares none, reuses one, contributed to one; Uruguay's one software has two adopters and it
    # also reuses and contributed to Simple-Lat (the reference data).
    assert '<a href="/software/?country=BRA">Brazil</a></th>' + cells.format(0, 1, 1, 0) in figures
    assert '<a href="/software/?country=URY">Uruguay</a></th>' + cells.format(1, 1, 1, 2) in figures
    assert "In the public-software catalogue" in country_page
    assert "Tramites" in country_page
    assert client.get("/software/charts/reuse.svg").status_code == 200


def test_a_country_page_counts_the_other_countries_using_its_software(client, cast, token_for, uruguayan):
    officer = token_for(cast.secretariat)
    for country in ("BRA", "CHL"):
        client.post(
            "/api/v1/software/tramites/adoptions",
            {"country": country, "status": "piloting"},
            content_type="application/json",
            headers=officer,
        )

    page = client.get("/countries/URY/").content.decode()

    assert (
        '<span class="figure-value">2</span> <span class="figure-label">other countries using its software'
        in page
    )


def test_the_reference_data_holds_simple_lat_with_its_adopters_and_lineage(client, cast):
    answer = client.get("/api/v1/software/simple-lat").json()
    page = client.get("/software/simple-lat/", headers={"accept-language": "es"}).content.decode()

    assert answer["country"] == "CHL"
    assert answer["adopting_countries"] == ["MEX", "PRY", "URY"]
    assert answer["contributing_countries"] == ["MEX", "PRY", "URY"]
    assert answer["is_based_on"] == ["urn:x-redgealc:software:simple"]
    assert "Formularios" in page  # the description in the visitor's language
    assert '<a href="/software/simple/">SIMPLE</a>' in page  # the lineage, from its origin
    assert '<strong aria-current="page">Simple-Lat</strong>' in page


def test_loading_the_reference_data_twice_changes_nothing(cast):
    adoptions = list(Adoption.objects.order_by("pk").values())

    call_command("load_reference", verbosity=0)

    assert Software.objects.get(slug="simple-lat").revisions.count() == 1
    assert list(Adoption.objects.order_by("pk").values()) == adoptions


def test_the_catalogue_filters_and_counts_its_facets(client, cast, token_for):
    officer = token_for(cast.secretariat)
    import_as(client, officer, publiccode("Alpha", category="survey"), country="URY")
    import_as(client, officer, publiccode("Beta", category="survey", status="beta"), country="BRA")

    listed = client.get("/api/v1/software", {"category": "survey"}).json()
    searched = client.get("/api/v1/software", {"q": "BPM"}).json()
    page = client.get("/software/", {"category": "survey"}).content.decode()

    assert [item["slug"] for item in listed["items"]] == ["alpha", "beta"]
    assert {item["slug"] for item in searched["items"]} == {"simple", "simple-lat"}
    assert "Uruguay (1)" in page and "Brazil (1)" in page
    assert page.count("Chile (") == 0  # no Chilean software in the survey category
    assert "Survey (2)" in page
    assert client.get("/software/").content.decode().count("Chile (2)") == 1  # one line per country


@pytest.mark.parametrize(
    "parameter,value", [("country", "XX"), ("category", "games"), ("status", "finished")]
)
def test_a_bad_filter_is_a_422_naming_the_parameter(client, cast, parameter, value):
    answer = client.get("/api/v1/software", {parameter: value})

    assert answer.status_code == 422
    assert [error["loc"] for error in answer.json()["detail"]] == [["query", parameter]]
    page = client.get("/software/", {parameter: value})
    assert page.status_code == 422
    assert "alert-danger" in page.content.decode()


def test_a_country_code_of_no_country_lists_no_software(client, cast):
    assert client.get("/api/v1/software", {"country": "XXX"}).json() == {"count": 0, "items": []}


def test_the_catalogue_and_the_api_list_take_as_many_queries_for_many_software(client, cast, token_for):
    officer = token_for(cast.secretariat)
    brazil = token_for(cast.brazil_delegate)

    def add(number: int) -> None:
        name = f"Soft {number}"
        import_as(client, officer, publiccode(name, category="survey"), country="URY")
        client.post(
            f"/api/v1/software/soft-{number}/adoptions",
            {"country": "BRA", "status": "piloting"},
            content_type="application/json",
            headers=brazil,
        )

    add(1)
    few = (queries_for(client, "/software/"), queries_for(client, "/api/v1/software"))
    for number in range(2, 8):
        add(number)
    many = (queries_for(client, "/software/"), queries_for(client, "/api/v1/software"))

    assert many == few


def test_the_api_lists_rows_are_what_its_schema_answers(client, cast, token_for, uruguayan):
    client.post(
        "/api/v1/software/tramites/adoptions",
        {"country": "BRA", "status": "piloting", "since": "2024-03-01", "version": "2.1"},
        content_type="application/json",
        headers=token_for(cast.brazil_delegate),
    )
    client.post(
        "/api/v1/software/tramites/contributions",
        {"country": "BRA", "what": {"pt": "Tradução"}, "original_language": "pt"},
        content_type="application/json",
        headers=token_for(cast.brazil_delegate),
    )

    rows = [software_out(software) for software in selectors.with_related(Software.objects.all())]
    listed = client.get("/api/v1/software").json()["items"]

    assert {row["slug"] for row in rows} == {"simple", "simple-lat", "tramites"}
    assert next(row for row in listed if row["slug"] == "tramites")["adoptions"][0]["since"] == "2024-03-01"
    assert all(shaped_as(SoftwareOut, row) for row in rows)


def test_the_import_page_shows_each_problem_next_to_its_line(cast):
    client = signed_in(cast.uruguay_delegate)
    text = publiccode().replace("developmentStatus: stable", "developmentStatus: finished")
    line = text.split("\n").index("developmentStatus: finished") + 1

    refused = client.post("/software/import/", {"text": text})

    body = refused.content.decode()
    assert refused.status_code == 422
    assert f'id="line-{line}"' in body
    listing = body.split(f'id="line-{line}"', 1)[1].split('class="code-line', 1)[0]
    assert "developmentStatus: finished" in listing
    assert "<code>developmentStatus</code>" in listing
    assert not Software.objects.filter(slug="tramites").exists()

    fixed = client.post("/software/import/", {"text": publiccode()})
    assert fixed.status_code == 302
    assert Software.objects.get(slug="tramites").country.iso3 == "URY"


def test_the_import_page_is_for_delegates_and_the_secretariat(client, cast):
    assert signed_in(cast.nobody).get("/software/import/").status_code == 403
    assert client.get("/software/import/").status_code == 302
    assert signed_in(cast.brazil_delegate).get("/software/import/").status_code == 200


def test_a_delegate_records_an_adoption_on_its_page(cast, uruguayan):
    client = signed_in(cast.brazil_delegate)

    refused = client.post("/software/tramites/adoptions/new/", {"country": "URY", "status": "piloting"})
    recorded = client.post(
        "/software/tramites/adoptions/new/",
        {"country": cast_country("BRA"), "status": "piloting", "since": "2024-01-10"},
    )

    assert refused.status_code == 422  # Uruguay is not among Brazil's delegate's choices
    assert recorded.status_code == 302
    page = client.get("/software/tramites/").content.decode()
    assert "Brazil" in page and "Piloting" in page


def cast_country(iso3: str) -> int:
    from gealc.members.models import Country

    return Country.objects.get(iso3=iso3).pk


def test_the_workspace_lists_a_delegates_country_software(cast, uruguayan):
    page = signed_in(cast.uruguay_delegate).get("/workspace/").content.decode()

    assert "Your country&#x27;s public software" in page or "Your country's public software" in page
    assert "Tramites" in page


def test_the_import_page_preselects_the_country_of_a_delegate_of_one_country(cast):
    uruguay = cast_country("URY")

    delegate = signed_in(cast.uruguay_delegate).get("/software/import/").content.decode()
    officer = signed_in(cast.secretariat).get("/software/import/").content.decode()

    assert f'<option value="{uruguay}" selected>Uruguay</option>' in delegate
    assert f'<option value="{uruguay}">Uruguay</option>' in officer  # the Secretariat chooses
    assert '<option value="" selected>' in officer.split('name="country"', 1)[1]


def adopt(client, headers, slug: str, country: str, status: str) -> None:
    answer = client.post(
        f"/api/v1/software/{slug}/adoptions",
        {"country": country, "status": status},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code in (200, 201), answer.json()


def test_the_figures_list_the_most_reused_software_by_the_countries_using_it(
    client, cast, token_for, uruguayan
):
    officer = token_for(cast.secretariat)
    import_as(client, officer, publiccode("Alpha"), country="BRA")
    for country, status in (
        ("BRA", "in_production"),
        ("CHL", "piloting"),
        ("PER", "evaluating"),  # not yet reuse
        ("URY", "in_production"),  # its own country
    ):
        adopt(client, officer, "tramites", country, status)
    adopt(client, officer, "alpha", "PER", "abandoned")
    client.post(
        "/api/v1/software/tramites/contributions",
        {"country": "BRA", "what": {"en": "Forms"}, "original_language": "en"},
        content_type="application/json",
        headers=officer,
    )

    page = client.get("/software/figures/").content.decode()

    table = page.split("Most reused software</caption>", 1)[1].split("</table>", 1)[0]
    rows = [row.split("</tr>", 1)[0] for row in table.split("<tbody>", 1)[1].split("<tr>")[1:]]
    assert rows == [
        '<th scope="row"><a href="/software/simple-lat/">Simple-Lat</a></th><td>Chile</td>'
        '<td class="text-end">3</td><td class="text-end">3</td>',
        '<th scope="row"><a href="/software/tramites/">Tramites</a></th><td>Uruguay</td>'
        '<td class="text-end">2</td><td class="text-end">1</td>',
    ]  # Alpha, abandoned by its one adopter, is not reused


def test_the_figures_page_takes_as_many_queries_for_many_software(
    client, cast, token_for, django_capture_on_commit_callbacks
):
    officer = token_for(cast.secretariat)

    def add(number: int) -> None:
        # Each write drops the cached figures once it commits: the page computes them again.
        with django_capture_on_commit_callbacks(execute=True):
            import_as(client, officer, publiccode(f"Soft {number}"), country="URY")
            adopt(client, officer, f"soft-{number}", "BRA", "piloting")
            adopt(client, officer, f"soft-{number}", "CHL", "in_production")

    add(1)
    few = queries_for(client, "/software/figures/")
    for number in range(2, 8):
        add(number)
    many = queries_for(client, "/software/figures/")

    assert many == few
    assert client.get("/software/figures/").content.decode().count('<a href="/software/soft-') == 7
