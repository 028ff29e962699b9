"""The catalogue's API: the list with its filters and their refusals, drafting and changing a solution,
the review's steps, and the contact that no public answer holds."""

import pytest
from django.test import Client

from gealc.awards.models import Solution
from gealc.awards.tests.conftest import draft, published
from gealc.core.testing import queries_for

pytestmark = pytest.mark.django_db

BODY = {
    "country": "URY",
    "name": {"es": "Agenda digital", "en": "Digital agenda"},
    "description": {"es": "La agenda del país."},
    "original_language": "es",
    "theme": "public-management",
    "goals": [16],
    "year_started": 2011,
    "contact_name": "Ana Contacto",
    "contact_email": "ana@agesic.gub.uy",
}


def test_a_delegate_drafts_changes_and_submits_a_solution_through_the_api(cast, token_for):
    client = Client(headers=token_for(cast.uruguay_delegate))

    created = client.post("/api/v1/solutions", BODY, content_type="application/json")
    assert created.status_code == 201, created.json()
    answer = created.json()
    assert answer["state"] == "draft" and answer["name"] == "Digital agenda"
    assert answer["contact"] == {"name": "Ana Contacto", "email": "ana@agesic.gub.uy"}

    url = f"/api/v1/solutions/{answer['id']}"
    patched = client.patch(
        url, {"results": {"es": "Cien servicios."}, "status": "pilot"}, content_type="application/json"
    )
    assert patched.status_code == 200
    assert patched.json()["results"] == "Cien servicios." and patched.json()["status"] == "pilot"
    assert patched.json()["name_translations"] == {"es": "Agenda digital", "en": "Digital agenda"}

    submitted = client.post(f"{url}/submit")
    assert submitted.status_code == 200 and submitted.json()["state"] == "in_review"
    assert client.post(f"{url}/publish").status_code == 403


def test_the_secretariat_returns_and_publishes_through_the_api(cast, token_for, uruguayan_draft):
    from gealc.awards import services

    services.solution_submit(actor=cast.uruguay_delegate, solution=uruguayan_draft)
    officer = Client(headers=token_for(cast.secretariat))
    url = f"/api/v1/solutions/{uruguayan_draft.pk}"

    missing = officer.post(f"{url}/return", {}, content_type="application/json")
    assert missing.status_code == 422
    returned = officer.post(f"{url}/return", {"comment": "Say who uses it."}, content_type="application/json")
    assert returned.json()["state"] == "returned" and returned.json()["review_comment"] == "Say who uses it."
    again = officer.post(f"{url}/publish")
    assert again.status_code == 409

    delegate = Client(headers=token_for(cast.uruguay_delegate))
    assert delegate.post(f"{url}/submit").status_code == 200
    assert officer.post(f"{url}/publish").json()["state"] == "published"


def test_a_delegate_cannot_draft_or_change_another_countrys_solution(cast, token_for, uruguayan_draft):
    brazil = Client(headers=token_for(cast.brazil_delegate))

    assert brazil.post("/api/v1/solutions", BODY, content_type="application/json").status_code == 403
    # A draft of another country does not exist for Brazil's delegate.
    patch = brazil.patch(
        f"/api/v1/solutions/{uruguayan_draft.pk}", {"url": "https://x.org"}, content_type="application/json"
    )
    assert patch.status_code == 404
    assert Solution.objects.get().url == ""


def test_the_public_list_shows_only_published_solutions_and_never_a_contact(cast, client):
    published(cast, contact_name="Ana Contacto", contact_email="ana@agesic.gub.uy")
    draft(cast.uruguay_delegate, name="Borrador")

    response = client.get("/api/v1/solutions")
    assert response.json()["count"] == 1
    assert "ana@agesic.gub.uy" not in response.content.decode()
    assert "Ana Contacto" not in response.content.decode()
    one = client.get(f"/api/v1/solutions/{response.json()['items'][0]['id']}").json()
    assert one["contact"] is None


def test_the_list_filters_on_every_facet(cast, client):
    first = published(
        cast, "URY", "Identidad digital", theme="digital-identity", goals=[16], year_started=2012
    )
    published(
        cast, "BRA", "Gov.br", theme="digital-services", goals=[9, 16], year_started=2019, status="pilot"
    )
    published(cast, "CHL", "ChileAtiende", theme="digital-services", goals=[10], year_started=2012)

    def ids(**query):
        response = client.get("/api/v1/solutions", query)
        assert response.status_code == 200, response.json()
        return sorted(item["name"] for item in response.json()["items"])

    assert ids(country="ury") == ["Identidad digital"]
    assert ids(subregion="mercosur") == ["ChileAtiende", "Gov.br", "Identidad digital"]
    assert ids(theme="digital-services") == ["ChileAtiende", "Gov.br"]
    assert ids(sdg=16) == ["Gov.br", "Identidad digital"]
    assert ids(year=2012) == ["ChileAtiende", "Identidad digital"]
    assert ids(status="pilot") == ["Gov.br"]
    assert ids(q="IDENTIDAD") == ["Identidad digital"]
    assert ids(q="todos tramites") == ["ChileAtiende", "Gov.br", "Identidad digital"]
    assert ids(q="nothing like it") == []
    assert ids(country="XXX") == [] and ids(theme="unknown") == []
    assert client.get("/api/v1/solutions", {"country": "URY"}).json()["items"][0]["id"] == first.pk


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"country": "URUGUAY"}, "country"),
        ({"theme": "Not a code!"}, "theme"),
        ({"sdg": "18"}, "sdg"),
        ({"sdg": "one"}, "sdg"),
        ({"year": "1800"}, "year"),
        ({"status": "dead"}, "status"),
        ({"q": "x" * 201}, "q"),
    ],
)
def test_a_bad_filter_is_refused_naming_the_parameter(client, reference, query, parameter):
    response = client.get("/api/v1/solutions", query)

    assert response.status_code == 422
    body = response.json()
    named = body.get("field") or [entry["loc"][-1] for entry in body["detail"]]
    assert parameter in named


def test_the_list_takes_the_same_number_of_queries_for_few_and_many_solutions(cast, client):
    published(cast, "URY", "Uno", goals=[1, 2])
    few = queries_for(client, "/api/v1/solutions")
    for number in range(12):
        published(cast, "BRA", f"Solução {number}", goals=[3, 4, 5], tags=["x"])
    assert queries_for(client, "/api/v1/solutions") == few
    assert queries_for(client, "/api/v1/solutions", {"sdg": 3, "q": "solucao"}) <= few + 1


def test_the_themes_are_listed_with_names_in_the_requests_language(client, reference):
    response = client.get("/api/v1/solutions/themes", {"lang": "es"}, headers={"accept-language": "es"})
    assert {"code": "open-data", "name": "Datos abiertos"} in response.json()["items"]
