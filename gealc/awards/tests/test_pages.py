"""The catalogue's pages: search, facets with their counts, sort, pagination and CSV; a solution's page;
a country's pages and the Secretariat's queue; the contact shown only to those who may read it."""

import csv
import io

import pytest

from gealc.awards import services
from gealc.awards.selectors import Filters, facets, solutions
from gealc.awards.tests.conftest import draft, published
from gealc.cooperation.tests.conftest import call, fund, roster  # noqa: F401 (fixtures)
from gealc.core.testing import queries_for

pytestmark = pytest.mark.django_db

CONTACT = ["ana@agesic.gub.uy", "Ana Contacto"]


@pytest.fixture
def catalogue(cast):
    return [
        published(cast, "URY", "Identidad digital", theme="digital-identity", goals=[16],
                  year_started=2012, contact_name="Ana Contacto", contact_email="ana@agesic.gub.uy"),
        published(cast, "BRA", "Gov.br", theme="digital-services", goals=[9, 16], year_started=2019,
                  status="pilot"),
        published(cast, "CHL", "ChileAtiende", theme="digital-services", goals=[10], year_started=2012),
        published(cast, "PAN", "Panamá Digital", theme="digital-services", goals=[16], year_started=2015),
    ]  # fmt: skip


def test_the_facets_count_the_solutions_of_each_value(cast, catalogue):
    draft(cast.uruguay_delegate, name="Borrador", theme="digital-services")  # not published: not counted
    found = solutions(cast.nobody, Filters(), public=True)

    counted = {facet.name: {value.value: value.count for value in facet.values} for facet in facets(found)}

    assert counted["country"] == {"URY": 1, "BRA": 1, "CHL": 1, "PAN": 1}
    assert counted["subregion"] == {"mercosur": 3, "mesoamerica": 1}
    assert counted["theme"] == {"digital-identity": 1, "digital-services": 3}
    assert counted["sdg"] == {"9": 1, "10": 1, "16": 3}
    assert counted["year"] == {"2019": 1, "2015": 1, "2012": 2}
    assert counted["status"] == {"operation": 3, "pilot": 1}

    filtered = facets(solutions(cast.nobody, Filters(theme="digital-services", sdg=16), public=True))
    assert {value.value: value.count for value in filtered[0].values} == {"BRA": 1, "PAN": 1}


def test_a_visitor_searches_filters_and_sorts_the_catalogue(client, catalogue):
    html = client.get("/solutions/", {"q": "identidad"}).content.decode()
    assert "Identidad digital" in html and "Gov.br" not in html
    assert "1 solution" in html

    html = client.get("/solutions/", {"theme": "digital-services", "sort": "year"}).content.decode()
    assert html.index("Gov.br") < html.index("Panamá Digital") < html.index("ChileAtiende")
    assert "Identidad digital" not in html
    assert "Digital public services (3)" in html

    html = client.get("/solutions/", {"sdg": "16", "status": "operation"}).content.decode()
    assert "Identidad digital" in html and "Panamá Digital" in html and "Gov.br" not in html


def test_the_catalogue_pages_through_its_solutions(cast, client):
    for number in range(25):
        published(cast, "BRA", f"Solução {number:02d}")
    first = client.get("/solutions/").content.decode()
    second = client.get("/solutions/", {"page": 2}).content.decode()
    assert "Solução 00" in first and "Solução 19" in first and "Solução 20" not in first
    assert "Solução 20" in second and "2 / 2" in second


def test_the_catalogue_takes_the_same_number_of_queries_for_few_and_many_solutions(cast, client):
    published(cast, "URY", "Uno", goals=[1])
    few = queries_for(client, "/solutions/")
    for number in range(15):
        published(cast, "BRA", f"Solução {number}", goals=[3, 4], year_started=2000 + number)
    assert queries_for(client, "/solutions/") == few
    assert queries_for(client, "/solutions/", {"q": "solucao", "sdg": "3"}) == few
    assert queries_for(client, "/solutions/solutions.csv") <= 8


def test_the_csv_lists_the_filtered_solutions_without_contact(client, catalogue):
    response = client.get("/solutions/solutions.csv", {"theme": "digital-identity"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == ["Identidad digital"]
    assert rows[0]["country"] == "URY" and rows[0]["sdgs"] == "16"
    assert not [data for data in CONTACT if data in response.content.decode()]
    assert "contact" not in ",".join(rows[0])


@pytest.mark.parametrize("viewer", [None, "nobody", "brazil_delegate"])
def test_no_public_page_shows_the_contact(cast, client, catalogue, viewer):
    if viewer:
        client.force_login(getattr(cast, viewer))
    for url in ["/solutions/", f"/solutions/{catalogue[0].pk}/", "/countries/URY/", "/"]:
        html = client.get(url).content.decode()
        assert not [data for data in CONTACT if data in html], url
    assert "Identidad digital" in client.get("/countries/URY/").content.decode()


def test_the_country_and_the_secretariat_read_the_contact(cast, client, catalogue):
    for user in (cast.uruguay_delegate, cast.secretariat):
        client.force_login(user)
        assert "ana@agesic.gub.uy" in client.get(f"/solutions/{catalogue[0].pk}/").content.decode()


def test_a_draft_is_seen_only_by_its_country_and_the_secretariat(cast, client, uruguayan_draft):
    url = f"/solutions/{uruguayan_draft.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(cast.brazil_delegate)
    assert client.get(url).status_code == 404
    client.force_login(cast.uruguay_head)
    assert client.get(url).status_code == 200
    client.force_login(cast.secretariat)
    assert client.get(url).status_code == 200


def test_a_delegate_adds_a_solution_on_the_form_with_texts_in_several_languages(cast, client):
    client.force_login(cast.uruguay_delegate)
    assert client.get("/solutions/new/").status_code == 200

    response = client.post(
        "/solutions/new/",
        {
            "country": "URY", "original_language": "es", "name_es": "Agenda digital",
            "name_en": "Digital agenda",
            "description_es": "La agenda del país.", "theme": "public-management", "goals": ["16", "17"],
            "status": "operation", "tags": "strategy, agenda", "figures": "Goals met | 40 | %",
        },
    )  # fmt: skip

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Digital agenda" in page and "40 %" in page and "Submit for review" in page


def test_the_form_keeps_what_was_typed_and_names_the_missing_original_text(cast, client):
    client.force_login(cast.uruguay_delegate)

    response = client.post(
        "/solutions/new/",
        {"country": "URY", "original_language": "es", "name_en": "Digital agenda", "description_es": "Algo.",
         "theme": "public-management", "status": "operation"},
    )  # fmt: skip

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Digital agenda"' in html
    assert "original language (Spanish)" in html


def test_a_delegate_cannot_open_another_countrys_draft_to_edit_it(cast, client, uruguayan_draft):
    client.force_login(cast.brazil_delegate)
    assert client.get(f"/solutions/{uruguayan_draft.pk}/edit/").status_code == 404
    assert client.post(f"/solutions/{uruguayan_draft.pk}/submit/").status_code == 404


def test_the_country_reads_the_comment_of_a_returned_solution_on_its_pages(cast, client, uruguayan_draft):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    services.solution_return(actor=cast.secretariat, solution=uruguayan_draft, comment="Add the figures.")
    client.force_login(cast.uruguay_delegate)

    assert "Add the figures." in client.get("/solutions/mine/").content.decode()
    assert "Add the figures." in client.get(f"/solutions/{uruguayan_draft.pk}/").content.decode()
    assert "Add the figures." in client.get("/workspace/").content.decode()


def test_the_secretariat_reviews_from_its_queue(cast, client, uruguayan_draft):
    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    client.force_login(cast.secretariat)
    assert "Trámites en línea" in client.get("/solutions/review/").content.decode()
    assert "Solutions to review" in client.get("/workspace/").content.decode()

    client.post(f"/solutions/{uruguayan_draft.pk}/return/", {"comment": ""})
    uruguayan_draft.refresh_from_db()
    assert uruguayan_draft.state == "in_review"

    response = client.post(f"/solutions/{uruguayan_draft.pk}/publish/", follow=True)
    assert "The solution is published in the catalogue." in response.content.decode()
    uruguayan_draft.refresh_from_db()
    assert uruguayan_draft.state == "published"
    client.force_login(cast.uruguay_delegate)
    assert client.get("/solutions/review/").status_code == 403


def test_the_home_page_counts_the_published_solutions(cast, client, catalogue):
    figures = {str(figure.label): figure.value for figure in client.get("/").context["figures"]}
    assert figures["solutions in the catalogue"] == 4


def test_a_solution_page_shows_its_related_missions(cast, client, fund):  # noqa: F811
    mission = fund.mission_in("completed")
    solution = published(cast, "BRA" if mission.recipient.iso3 == "BRA" else "URY")
    services.solution_update(actor=cast.secretariat, solution=solution, changes={"missions": [mission.pk]})
    html = client.get(f"/solutions/{solution.pk}/").content.decode()
    assert "Related cooperation missions" in html
    assert mission.request.title in html


def test_a_second_view_of_the_catalogue_reads_only_its_page(cast, client):
    published(cast, "URY", "Uno", goals=[1])
    client.get("/solutions/", {"sdg": "1"})
    assert queries_for(client, "/solutions/", {"sdg": "1"}) == 1
    again = client.get("/solutions/", {"sdg": "1"}).content.decode()
    assert "Uno" in again and "1 solution" in again and "Uruguay</a> (1)" in again
    spanish = client.get("/solutions/", {"sdg": "1"}, headers={"accept-language": "es"}).content.decode()
    assert "Uno" in spanish and '<summary class="fw-semibold">País</summary>' in spanish


def test_a_newly_published_solution_shows_in_the_kept_counts_at_once(cast, client):
    published(cast, "URY", "Uno", theme="digital-services")
    assert "Digital public services</a> (1)" in client.get("/solutions/").content.decode()

    published(cast, "BRA", "Dos", theme="digital-services")
    html = client.get("/solutions/").content.decode()
    assert "Digital public services</a> (2)" in html and "2 solutions" in html and "Dos" in html
