"""A refusal reaches the person in their language, on a page and in the API."""

from __future__ import annotations

import datetime
import html

from django.test import Client
from django.utils import timezone

from gealc.members.models import Institution


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_delegate_reads_on_the_page_in_spanish_why_a_request_is_refused(cast):
    delegate = as_user(cast.uruguay_delegate)

    response = delegate.post(
        "/cooperation/requests/new/",
        {
            "country": cast.uruguay_delegate.person.memberships.get().country_id,
            "title": "Respuesta a incidentes",
            "problem": "No hay un CSIRT nacional.",
            "outputs": "Un plan de CSIRT.",
            "language": "es",
            "areas": ["cybersecurity"],
            "languages": ["es"],
            "modality": "remote",
            "window_start": in_days(15),
            "window_end": in_days(45),
        },
        headers={"accept-language": "es"},
    )

    assert response.status_code == 200
    assert "Hoy no hay ninguna convocatoria del Fondo abierta." in html.unescape(response.content.decode())


def test_an_api_client_reads_the_refusal_in_the_language_it_asks_for(cast):
    agesic = Institution.objects.get(acronym="AGESIC")
    delegate = as_user(cast.uruguay_delegate)

    def rename(language: str) -> dict:
        return delegate.patch(
            f"/api/v1/institutions/{agesic.pk}",
            {"name": " "},
            content_type="application/json",
            headers={"accept-language": language},
        ).json()

    assert rename("es") == {"detail": "El nombre no puede estar vacío.", "field": "name"}
    assert rename("pt") == {"detail": "O nome não pode ficar vazio.", "field": "name"}
    assert rename("fr") == {"detail": "Le nom ne peut pas être vide.", "field": "name"}
    assert rename("en") == {"detail": "The name cannot be empty.", "field": "name"}
