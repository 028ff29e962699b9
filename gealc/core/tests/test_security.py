import os
import re
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from gealc.core.errors import ServiceError
from gealc.core.text import render_rich_text, sanitize_html
from gealc.core.uploads import serve_upload, store_upload

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 40


def test_production_settings_pass_the_deployment_checks_without_a_warning(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"GEALC_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DEBUG="false",
        SECRET_KEY="k" * 30 + "-production-secret-" + "z" * 30,
        AUDIT_KEY="a" * 30 + "-production-audit-key-" + "b" * 30,
        ALLOWED_HOSTS="redgealc.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )
    result = subprocess.run(
        [sys.executable, "-m", "gealc", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize("url", ["/", "/countries/", "/countries/URY/", "/accounts/login/", "/api/v1/docs"])
def test_pages_send_a_content_security_policy_and_contain_no_inline_script(reference, url):
    response = Client().get(url)

    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    inline_scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", response.content.decode()
    )
    assert inline_scripts == []
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_rich_text_keeps_formatting_and_drops_anything_that_could_run():
    dirty = (
        '<p onclick="steal()">Hello <strong>delegates</strong></p><script>alert(1)</script>'
        '<a href="javascript:alert(1)">bad</a><a href="https://redgealc.org">good</a>'
        "<img src=x onerror=alert(1)>"
    )

    clean = sanitize_html(dirty)

    assert "<strong>delegates</strong>" in clean
    assert (
        "script" not in clean
        and "onclick" not in clean
        and "onerror" not in clean
        and "javascript" not in clean
    )
    assert '<a href="https://redgealc.org" rel="noopener noreferrer nofollow">good</a>' in clean
    assert str(render_rich_text("<script>x</script>ok")) == "ok"


def test_an_upload_is_recognised_by_its_content_and_stored_under_a_generated_name(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    stored = store_upload(SimpleUploadedFile("informe final.pdf", PDF), folder="documents")

    assert stored.content_type == "application/pdf"
    assert stored.original_name == "informe final.pdf"
    assert re.fullmatch(r"documents/[0-9a-f]{32}\.pdf", stored.name)
    assert (tmp_path / stored.name).read_bytes() == PDF


def test_a_file_whose_content_does_not_match_an_allowed_type_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    disguised = SimpleUploadedFile("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100)

    with pytest.raises(ServiceError, match="not accepted") as caught:
        store_upload(disguised, folder="documents", field="attachment")

    assert caught.value.field == "attachment"
    assert list(tmp_path.iterdir()) == []


def test_a_png_named_pdf_is_stored_as_the_png_it_is(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    stored = store_upload(SimpleUploadedFile("logo.pdf", PNG), folder="images")

    assert stored.content_type == "image/png"
    assert stored.name.endswith(".png")


def test_a_file_too_large_is_refused(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    with pytest.raises(ServiceError, match=r"big\.pdf is .*; at most 10.bytes are accepted"):
        store_upload(SimpleUploadedFile("big.pdf", PDF), folder="documents", max_bytes=10)


def test_an_upload_refusal_is_said_in_the_user_s_language_and_names_the_file(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    disguised = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100)

    with translation.override("es"), pytest.raises(ServiceError) as caught:
        store_upload(disguised, folder="documents")
    with translation.override("es"), pytest.raises(ServiceError) as empty:
        store_upload(SimpleUploadedFile("vacío.pdf", b""), folder="documents")

    assert caught.value.message.startswith("El archivo informe.pdf es de un tipo que no se acepta")
    assert "pdf" in caught.value.message
    assert empty.value.message == "El archivo vacío.pdf está vacío."


@pytest.mark.django_db
def test_uploads_are_served_as_downloads_that_never_run(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stored = store_upload(
        SimpleUploadedFile("notes.txt", b"<script>alert(1)</script> plain words"), folder="x"
    )

    response = serve_upload(stored)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    response.close()
