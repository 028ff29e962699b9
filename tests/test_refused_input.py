"""Input that no database column can hold, or that is too large to read, is refused with an answer that
names what is wrong, on the API and on the pages alike, never with a server error."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gealc.cooperation.models import CooperationRequest

NUL = "\u0000"
TOO_LARGE = "x" * 3_000_000  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)


def request_body(**changes: object) -> str:
    body = {
        "country": "URY",
        "title": {"en": "Registry"},
        "problem": {"en": "Registries cannot exchange data."},
        "outputs": {"en": "A roadmap."},
        "areas": ["interoperability"],
        "languages": ["es"],
        "modality": "remote",
        "original_language": "en",
        **changes,
    }
    return json.dumps(body)  # writes the NUL as the escape \u0000, as a client would


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": {"en": f"Regis{NUL}try"}}, "title.en"),
        ({"title": {"en": "Registry", "es": f"{NUL}"}}, "title.es"),
        ({"areas": ["interoperability", f"open{NUL}data"]}, "areas.1"),
        ({"country": f"URY{NUL}"}, "country"),
        ({"title": {f"e{NUL}n": "Registry"}}, "title.en"),
    ],
)
def test_a_nul_character_in_any_text_of_an_api_body_is_a_422_naming_the_field(
    cast, token_for, changes, field
):
    response = Client().post(
        "/api/v1/cooperation/requests",
        request_body(**changes),
        content_type="application/json",
        headers=token_for(cast.uruguay_delegate),
    )

    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    assert "NUL" in response.json()["detail"]
    assert not CooperationRequest.objects.exists()


def test_a_nul_character_in_an_api_query_parameter_is_a_422_naming_it(cast):
    response = Client().get("/api/v1/countries", {"subregion": f"mercosur{NUL}"})

    assert response.status_code == 422
    assert response.json()["field"] == "subregion"


def test_a_nul_character_typed_into_a_page_form_is_refused_naming_the_field(cast):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.post(
        "/cooperation/requests/new/",
        {"title": f"Regis{NUL}try", "problem": "No registry.", "outputs": "A plan.", "language": "en"},
    )

    assert response.status_code == 400
    assert "“title” contains a NUL character" in response.content.decode()
    assert not CooperationRequest.objects.exists()


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/cooperation/experts/", "area"),
        ("/institutions/", "country"),
        ("/admin/governance/motion/", "q"),
    ],
)
def test_a_nul_character_in_a_pages_filter_is_refused_naming_it(cast, url, field):
    client = Client()
    client.force_login(cast.secretariat)

    response = client.get(url, {field: f"x{NUL}"})

    assert response.status_code == 400
    assert f"“{field}” contains a NUL character" in response.content.decode()


def test_django_forms_refuse_a_nul_character_on_their_own_too():
    from django import forms

    field = forms.CharField()

    with pytest.raises(forms.ValidationError, match=r"Null characters are not allowed\."):
        field.clean(f"a{NUL}b")


def test_a_body_over_the_size_limit_is_a_413_with_a_detail_on_the_api(cast, token_for):
    response = Client().post(
        "/api/v1/cooperation/requests",
        request_body(title={"en": TOO_LARGE}),
        content_type="application/json",
        headers=token_for(cast.uruguay_delegate),
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request is larger than the 2.5\xa0MB accepted."}


def test_a_body_over_the_size_limit_is_a_413_page_for_a_signed_in_person(cast):
    client = Client()
    client.force_login(cast.uruguay_delegate)

    response = client.post("/cooperation/requests/new/", {"title": TOO_LARGE})

    assert response.status_code == 413
    page = response.content.decode()
    assert "<h1>Too large</h1>" in page and "larger than the 2.5\xa0MB accepted" in page
    assert not CooperationRequest.objects.exists()


def test_a_nul_character_in_an_address_is_refused_on_the_api_and_on_the_pages(cast):
    api = Client().get("/api/v1/countries/UR%00Y")
    page = Client().get("/countries/UR%00Y/")

    assert api.status_code == 422
    assert api.json()["field"] == "path"
    assert page.status_code == 400
    assert "“address” contains a NUL character" in page.content.decode()
