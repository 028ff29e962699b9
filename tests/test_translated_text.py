"""Translated text is declared once per field: its columns, admin, API contract, reference-file columns and
database check all come from that declaration."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import translation

from gealc.cooperation.models import CooperationRequest, Expert
from gealc.core.i18n import columns, translated_fields
from gealc.core.refdata import ReferenceDataError, load_reference
from gealc.governance.models import Meeting
from gealc.members.models import Country, Subregion

CITY = {"host_country": "GTM", "city": "Antigua Guatemala"}


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def create_meeting(user, **body) -> object:
    payload = {"start_date": "2027-10-20", "end_date": "2027-10-21", "kind": "extraordinary", **CITY, **body}
    return as_user(user).post("/api/v1/meetings", payload, content_type="application/json")


def test_a_translated_field_has_one_column_per_network_language():
    assert columns(Meeting, "title") == [f"title_{code}" for code in settings.LANGUAGE_CODES]
    assert list(translated_fields(CooperationRequest)) == ["title", "problem", "outputs"]
    assert translated_fields(Country)["name"].required == tuple(settings.LANGUAGE_CODES)
    assert translated_fields(Subregion)["name"].required == ("en",)
    assert translated_fields(Expert)["bio"].max_length == 2000


def test_a_record_reads_its_text_in_the_active_language_or_its_original_one(reference):
    meeting = Meeting(
        title_es="Reunión extraordinaria", title_fr="Réunion extraordinaire", original_language="es"
    )

    with translation.override("fr"):
        french = meeting.title
    with translation.override("pt"):
        portuguese = meeting.title

    assert (french, portuguese) == ("Réunion extraordinaire", "Reunión extraordinaria")


def test_a_meeting_written_in_spanish_is_read_in_english_with_every_translation(cast):
    created = create_meeting(cast.secretariat, title={"es": "Reunión extraordinaria"}, original_language="es")
    meeting_id = created.json()["id"]
    as_user(cast.secretariat).post(
        f"/api/v1/meetings/{meeting_id}/motions",
        {
            "title": {"es": "Aprobar el plan", "pt": "Aprovar o plano"},
            "original_language": "es",
            "rule": "consensus",
        },
        content_type="application/json",
    )

    english = Client().get(f"/api/v1/meetings/{meeting_id}", {"lang": "en"}).json()
    listed = Client().get("/api/v1/meetings", {"lang": "en"}).json()["items"]
    motion = Client().get(f"/api/v1/motions/{english['motions'][0]['id']}", {"lang": "pt"}).json()

    assert created.status_code == 201, created.content
    assert (english["title"], english["title_translations"]) == (
        "Reunión extraordinaria",
        {"es": "Reunión extraordinaria"},
    )
    assert [item["title_translations"] for item in listed if item["id"] == meeting_id] == [
        {"es": "Reunión extraordinaria"}
    ]
    assert (motion["title"], motion["title_translations"], motion["original_language"]) == (
        "Aprovar o plano",
        {"es": "Aprobar el plan", "pt": "Aprovar o plano"},
        "es",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": {"en": "Extraordinary meeting"}, "original_language": "es"}, "title.es"),
        ({"title": {"es": "   "}, "original_language": "es"}, "title.es"),
        ({"title": {"es": "R" * 201}, "original_language": "es"}, "title.es"),
    ],
)
def test_a_text_missing_in_its_original_language_or_too_long_is_refused_naming_it(cast, body, field):
    answer = create_meeting(cast.secretariat, **body)

    assert (answer.status_code, answer.json()["field"]) == (422, field)
    assert not Meeting.objects.filter(kind="extraordinary").exists()


def test_a_language_that_is_not_the_networks_is_refused_by_the_schema(cast):
    answer = create_meeting(cast.secretariat, title={"de": "Sitzung"}, original_language="de")

    assert answer.status_code == 422
    assert {tuple(error["loc"][-2:]) for error in answer.json()["detail"]} >= {
        ("payload", "original_language")
    }


def test_the_refusal_comes_in_the_language_of_the_request(cast):
    answer = as_user(cast.secretariat).post(
        "/api/v1/meetings",
        {
            "title": {"en": "Extraordinary meeting"},
            "original_language": "es",
            "start_date": "2027-10-20",
            "end_date": "2027-10-21",
            **CITY,
        },
        content_type="application/json",
        headers={"accept-language": "es"},
    )

    assert answer.json()["detail"] == "Se requiere «título» en el idioma original (Español)."


def test_the_database_keeps_a_records_text_in_its_original_language(reference):
    guatemala = Country.objects.get(iso3="GTM")
    day = datetime.date(2027, 1, 1)

    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(
            title_en="Only in English",
            original_language="es",
            start_date=day,
            end_date=day,
            host_country=guatemala,
        )


def test_the_admin_shows_each_translated_field_with_all_its_languages():
    fieldsets = admin.site._registry[CooperationRequest].get_fieldsets(None)  # type: ignore[arg-type]

    shown = [fields["fields"] for _name, fields in fieldsets]

    assert shown[1:] == [columns(CooperationRequest, name) for name in ("title", "problem", "outputs")]


def test_a_reference_file_takes_the_columns_of_the_translated_fields(db, tmp_path: Path):
    source = Path(settings.REFERENCE_DATA_DIR)
    for path in source.glob("*.csv"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    subregions = tmp_path / "subregions.csv"
    header, *rows = subregions.read_text(encoding="utf-8").splitlines()
    subregions.write_text(
        "\n".join([header + ",name_de", *(row + "," for row in rows)]) + "\n", encoding="utf-8"
    )

    with pytest.raises(ReferenceDataError, match="unknown column"):
        load_reference(tmp_path)

    subregions.write_text("\n".join([header, *rows]).replace("name_en", "title_en") + "\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"missing column.*name_en"):
        load_reference(tmp_path)
