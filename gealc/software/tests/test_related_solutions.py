"""The solutions of the catalogue that use a software: picked by the owning country or the Secretariat,
shown on the software's page and in its answer, and on the solution's page."""

from __future__ import annotations

import pytest
from django.test import Client

from gealc.awards.models import Solution
from gealc.awards.tests.conftest import draft, published
from gealc.core.testing import queries_for
from gealc.software import services
from gealc.software.models import Software
from gealc.software.tests.conftest import import_as, publiccode

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def tramites(client, cast, token_for) -> Software:
    """Tramites, Uruguay's software, imported by its delegate."""
    answer = import_as(client, token_for(cast.uruguay_delegate), publiccode())
    assert answer.status_code == 201, answer.json()
    return Software.objects.get(slug="tramites")


@pytest.fixture
def portal(cast) -> Solution:
    return published(cast, "BRA", "Portal de serviços", original_language="pt")


def test_the_owning_countrys_delegate_links_a_solution_shown_on_both_pages(client, cast, tramites, portal):
    form = signed_in(cast.uruguay_delegate).get("/software/tramites/edit/").content.decode()
    saved = signed_in(cast.uruguay_delegate).post("/software/tramites/edit/", {"solutions": [portal.pk]})

    assert "Portal de serviços — Brazil" in form  # a solution of any country may be picked
    assert saved.status_code == 302
    software_page = client.get("/software/tramites/").content.decode()
    section = software_page.split('id="solutions-heading"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="/solutions/{portal.pk}/">Portal de serviços</a> — Brazil' in section
    solution_page = client.get(f"/solutions/{portal.pk}/").content.decode()
    assert "Public software it uses" in solution_page
    assert '<a href="/software/tramites/">Tramites</a> — Uruguay' in solution_page


def test_a_solution_page_without_software_has_no_software_section(client, cast, tramites, portal):
    assert "Public software it uses" not in client.get(f"/solutions/{portal.pk}/").content.decode()


def test_the_api_answers_the_published_solutions_and_the_secretariat_replaces_them(
    client, cast, token_for, tramites, portal
):
    other = published(cast, "URY", "Expediente electrónico")

    patched = client.patch(
        "/api/v1/software/tramites",
        {"solutions": [portal.pk, other.pk]},
        content_type="application/json",
        headers=token_for(cast.secretariat),
    )
    Solution.objects.filter(pk=other.pk).update(state="draft")  # taken out of the catalogue
    answer = client.get("/api/v1/software/tramites").json()

    assert patched.status_code == 200
    assert [item["id"] for item in patched.json()["solutions"]] == [other.pk, portal.pk]
    assert answer["solutions"] == [
        {
            "id": portal.pk,
            "name": "Portal de serviços",
            "country": "BRA",
            "country_name": "Brazil",
            "url": f"/solutions/{portal.pk}/",
        }
    ]
    assert set(tramites.solutions.values_list("pk", flat=True)) == {portal.pk, other.pk}  # the link stays


def test_a_draft_solution_cannot_be_linked_and_the_refusal_names_the_field(client, cast, token_for, tramites):
    unpublished = draft(cast.uruguay_delegate, name="Borrador")

    answer = client.patch(
        "/api/v1/software/tramites",
        {"solutions": [unpublished.pk]},
        content_type="application/json",
        headers=token_for(cast.uruguay_delegate),
    )
    page = signed_in(cast.uruguay_delegate).post("/software/tramites/edit/", {"solutions": [unpublished.pk]})

    assert answer.status_code == 422
    assert answer.json()["field"] == "solutions"
    assert page.status_code == 422
    assert "is-invalid" in page.content.decode()
    assert not tramites.solutions.exists()


def test_an_unknown_solution_id_is_refused_naming_the_field(client, cast, token_for, tramites):
    answer = client.patch(
        "/api/v1/software/tramites",
        {"solutions": [999999]},
        content_type="application/json",
        headers=token_for(cast.uruguay_delegate),
    )

    assert (answer.status_code, answer.json()["field"]) == (422, "solutions")


def test_another_countrys_delegate_cannot_pick_the_solutions(client, cast, token_for, tramites, portal):
    page = signed_in(cast.brazil_delegate).post("/software/tramites/edit/", {"solutions": [portal.pk]})
    answer = client.patch(
        "/api/v1/software/tramites",
        {"solutions": [portal.pk]},
        content_type="application/json",
        headers=token_for(cast.brazil_delegate),
    )

    assert (page.status_code, answer.status_code) == (403, 403)
    assert not tramites.solutions.exists()
    assert "Edit the institution and the solutions" not in (
        signed_in(cast.brazil_delegate).get("/software/tramites/").content.decode()
    )


def test_a_solution_taken_out_of_the_catalogue_keeps_its_link_when_the_form_is_saved(cast, tramites, portal):
    services.software_update(actor=cast.secretariat, software=tramites, solutions=[portal])
    Solution.objects.filter(pk=portal.pk).update(state="draft")
    client = signed_in(cast.uruguay_delegate)

    saved = client.post("/software/tramites/edit/", {"solutions": [portal.pk]})

    assert saved.status_code == 302
    assert list(tramites.solutions.all()) == [portal]
    assert "Portal de serviços" not in client.get("/software/tramites/").content.decode()


def test_the_catalogue_and_the_api_list_take_as_many_queries_with_linked_solutions(
    client, cast, token_for, django_assert_max_num_queries
):
    officer = token_for(cast.secretariat)
    solutions = [published(cast, "URY", f"Solución {number}") for number in range(3)]

    def add(number: int) -> None:
        import_as(client, officer, publiccode(f"Soft {number}"), country="URY")
        services.software_update(
            actor=cast.secretariat, software=Software.objects.get(slug=f"soft-{number}"), solutions=solutions
        )

    add(1)
    before = {url: queries_for(client, url) for url in ("/software/", "/api/v1/software")}
    for number in range(2, 8):
        add(number)

    for url, count in before.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200
    assert len(client.get("/api/v1/software", {"q": "Soft 7"}).json()["items"][0]["solutions"]) == 3
