"""The delegates' import page: what it says of a refused file and of a file imported with warnings."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gealc.members.models import Country, Institution
from gealc.software.models import Software
from gealc.software.tests.conftest import publiccode

pytestmark = pytest.mark.django_db


def signed_in(user, language: str = "en") -> Client:
    client = Client(headers={"accept-language": language})
    client.force_login(user)
    return client


BROKEN = (
    publiccode()
    .replace('url: "https://example.org/tramites.git"', 'url: "not a url"')
    .replace("developmentStatus: stable", "developmentStatus: finished")
)


def test_a_refused_file_shows_each_key_once_before_its_message(cast):
    body = signed_in(cast.uruguay_delegate).post("/software/import/", {"text": BROKEN}).content.decode()

    summary = body.split('id="problems"', 1)[1].split("</div>", 1)[0]
    assert '<code class="text-reset">url</code> <span lang="en">must be a valid URL</span>' in summary
    assert (
        '<code class="text-reset">developmentStatus</code> <span lang="en">must be one of the following'
        in summary
    )
    listing = body.split('id="line-3"', 1)[1].split('class="code-line', 1)[0]
    assert '<code>url</code> <span lang="en">must be a valid URL</span>' in listing
    assert "url url" not in body


def test_a_refused_file_says_once_in_the_visitors_language_that_the_messages_are_in_english(cast):
    note = (
        "Los mensajes del validador están en inglés, tal como los redacta el validador de referencia "
        "del estándar."
    )

    spanish = signed_in(cast.uruguay_delegate, "es").post("/software/import/", {"text": BROKEN})
    english = signed_in(cast.uruguay_delegate).post("/software/import/", {"text": BROKEN})

    body = spanish.content.decode()
    assert body.count(note) == 1
    assert body.index(note) < body.index('<span lang="en">must be a valid URL</span>')
    # In English it goes without saying.
    assert "The validator's messages are in English" not in english.content.decode()


def test_the_warnings_of_an_imported_file_are_one_message_listing_them(cast):
    client = signed_in(cast.uruguay_delegate)
    text = publiccode().replace("platforms:", "logo: img/logo.png\nplatforms:")

    answer = client.post("/software/import/", {"text": text}, follow=True)

    body = answer.content.decode()
    assert answer.redirect_chain[-1][0] == "/software/tramites/"
    assert body.count("alert-warning") == 1
    alert = body.split("alert-warning", 1)[1].split("</div>", 1)[0]
    assert "The file has 2 warnings; it was imported all the same:" in alert
    assert alert.count("<li>") == 2
    assert 'Line 3: <code class="text-reset">url</code>' in alert
    assert 'Line 4: <code class="text-reset">logo</code>' in alert
    assert "(line " not in body


def test_the_page_refuses_a_file_older_than_the_record_naming_both_versions(cast):
    client = signed_in(cast.uruguay_delegate)
    newer = publiccode(extra='softwareVersion: "2.0"\nreleaseDate: "2024-05-01"\n')
    older = publiccode(extra='softwareVersion: "1.9"\nreleaseDate: "2023-11-20"\n', status="beta")
    assert client.post("/software/import/", {"text": newer}).status_code == 302

    refused = client.post("/software/import/", {"text": older})

    body = refused.content.decode()
    assert refused.status_code == 422
    assert (
        "This file is older than the catalogue&#x27;s record: it describes version 1.9 of 20 Nov 2023, the "
        "catalogue has version 2.0 of 1 May 2024. Nothing was imported" in body
    )
    assert "1.9" in body.split('name="text"', 1)[1]  # the pasted text is kept
    software = Software.objects.get(slug="tramites")
    assert (software.software_version, software.development_status, software.revisions.count()) == (
        "2.0",
        "stable",
        1,
    )


def test_a_file_and_a_pasted_text_together_are_refused_on_the_text(cast):
    client = signed_in(cast.uruguay_delegate)
    upload = SimpleUploadedFile(
        "publiccode.yml", publiccode("Alpha").encode(), content_type="application/yaml"
    )

    refused = client.post("/software/import/", {"file": upload, "text": publiccode("Beta")})

    body = refused.content.decode()
    assert refused.status_code == 422
    text_field = body.split('name="text"', 1)[1].split("</textarea>", 2)[1]
    assert "Give either the file or its pasted text, not both: clear the text or the file." in text_field
    assert not Software.objects.filter(slug__in=["alpha", "beta"]).exists()


def test_the_import_page_takes_the_owning_institution_of_a_new_software(cast):
    uruguay, brazil = Country.objects.get(iso3="URY"), Country.objects.get(iso3="BRA")
    agesic = Institution.objects.create(name="AGESIC", country=uruguay)
    serpro = Institution.objects.create(name="Serpro", country=brazil)
    delegate, officer = signed_in(cast.uruguay_delegate), signed_in(cast.secretariat)

    offered = delegate.get("/software/import/").content.decode().split('name="institution"', 1)[1]
    mismatched = officer.post(
        "/software/import/", {"text": publiccode("Beta"), "country": uruguay.pk, "institution": serpro.pk}
    )
    imported = delegate.post("/software/import/", {"text": publiccode(), "institution": agesic.pk})

    assert "AGESIC — Uruguay" in offered.split("</select>", 1)[0]
    assert "Serpro" not in offered  # only the delegate's own country's institutions
    assert mismatched.status_code == 422
    assert "The institution Serpro is not of Uruguay." in mismatched.content.decode()
    assert imported.status_code == 302
    assert Software.objects.get(slug="tramites").institution == agesic
    assert "AGESIC" in delegate.get("/software/tramites/").content.decode()
