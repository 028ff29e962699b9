"""What a software's page and the catalogue's cards say of the standard's codes: readable, translated
category and type names, dates and language names in the visitor's language, adoptions in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from gealc.software.labels import category_label
from gealc.software.tests.conftest import import_as, publiccode

pytestmark = pytest.mark.django_db

FULL = (Path(__file__).parent / "valid" / "full.publiccode.yml").read_text()


@pytest.fixture
def ventanilla(client, officer_headers):
    """Uruguay's Ventanilla Única, described in British English and Spanish, maintained under contract
    until 2027-12-31."""
    answer = import_as(client, officer_headers, FULL, country="URY")
    assert answer.status_code == 201, answer.json()
    return answer.json()["slug"]


def test_the_software_page_names_its_categories_and_type_in_words(client, ventanilla):
    page = client.get(f"/software/{ventanilla}/").content.decode()

    assert '<a href="/software/?category=digital-citizenship">Digital citizenship</a>' in page
    assert '<a href="/software/?category=document-management">Document management</a>' in page
    assert "<dd>Web application</dd>" in page
    assert "standalone/web" not in page


def test_the_catalogue_facet_names_the_categories_in_words(client, cast, officer_headers):
    import_as(
        client, officer_headers, publiccode("Alpha", category="business-process-management"), country="URY"
    )

    page = client.get("/software/").content.decode()

    assert 'category=business-process-management">Business process management (3)</a>' in page
    assert category_label("it-security") == "IT security"
    assert category_label("citizen-engagement") == "Citizen engagement"  # a code the table does not know yet


def test_a_contractors_end_date_is_shown_in_the_visitors_format(client, ventanilla):
    english = client.get(f"/software/{ventanilla}/").content.decode()
    spanish = client.get(f"/software/{ventanilla}/", headers={"accept-language": "es"}).content.decode()

    assert "Desarrollos del Sur S.A. (until 31 Dec 2027)" in english
    assert "2027-12-31" not in english
    assert "31 dic 2027" in spanish


def test_the_fallback_notice_names_the_language_of_the_description(client, cast, officer_headers):
    import_as(client, officer_headers, publiccode(), country="URY")  # in English, then Spanish

    page = client.get("/software/tramites/", headers={"accept-language": "pt"}).content.decode()

    notice = page.split('<p class="small text-body-secondary" lang="pt">', 1)[1].split("</p>", 1)[0]
    assert "Inglês" in notice  # English, named in Portuguese
    assert "“en”" not in notice


def test_a_catalogue_card_counts_the_adoptions_in_use_only(client, cast, officer_headers):
    import_as(client, officer_headers, publiccode(), country="URY")
    for country, status in (("BRA", "in_production"), ("PER", "abandoned")):
        client.post(
            "/api/v1/software/tramites/adoptions",
            {"country": country, "status": status},
            content_type="application/json",
            headers=officer_headers,
        )

    card = (
        client.get("/software/")
        .content.decode()
        .split('href="/software/tramites/"', 1)[1]
        .split("</article>")[0]
    )

    assert "· 1 adoption</p>" in card
