"""A text that users write never breaks the e-mail about it, and a mail server that is down never breaks
the change: the step is saved, the page answers as usual, and the message waits for ``gealc send_mail``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from gealc.cooperation.models import CooperationRequest
from gealc.core.models import OutboxMessage

HEADER_INJECTION = "A\nBcc: x@evil.example"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def assert_one_line_without_bcc(message) -> None:
    assert "\n" not in message.subject and "\r" not in message.subject
    headers = message.message()
    assert headers["Bcc"] is None
    assert message.bcc == []
    assert "x@evil.example" not in message.recipients()
    assert len(headers.get_all("Subject")) == 1


def test_a_request_titled_with_a_line_break_is_submitted_and_approved_with_one_line_subjects(
    cast, fund, django_capture_on_commit_callbacks
):
    draft = fund.draft(title=HEADER_INJECTION)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = as_user(cast.uruguay_delegate).post(f"/cooperation/requests/{draft.pk}/submit/")
    with django_capture_on_commit_callbacks(execute=True):
        approved = as_user(cast.secretariat).post(f"/cooperation/requests/{draft.pk}/approve/")

    assert submitted.status_code == 302 and approved.status_code == 302
    assert CooperationRequest.objects.get(pk=draft.pk).state == "approved"
    assert mail.outbox, "the people concerned hear of both steps"
    for message in mail.outbox:
        assert message.subject.startswith("[RED GEALC] Cooperation request “A Bcc: x@evil.example”")
        assert_one_line_without_bcc(message)
    assert not OutboxMessage.objects.filter(sent_at=None).exists()


def test_the_api_takes_the_same_steps_with_such_a_title(cast, fund, django_capture_on_commit_callbacks):
    draft = fund.draft(title=HEADER_INJECTION)

    with django_capture_on_commit_callbacks(execute=True):
        submitted = as_user(cast.uruguay_delegate).post(f"/api/v1/cooperation/requests/{draft.pk}/submit")
    with django_capture_on_commit_callbacks(execute=True):
        approved = as_user(cast.secretariat).post(f"/api/v1/cooperation/requests/{draft.pk}/approve")

    assert submitted.status_code == 200, submitted.content
    assert approved.status_code == 200, approved.content
    assert len(mail.outbox) >= 2
    for message in mail.outbox:
        assert_one_line_without_bcc(message)


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "A\r\nBcc: x@evil.example"),
        ("es", "A\rBcc: x@evil.example"),
        ("pt", "A\u2028Bcc: x@evil.example"),  # a Unicode line separator
        ("fr", "A\x85\x0b\x0c\tBcc: x@evil.example"),  # next line, vertical tab, form feed, tab
        ("en", "A\x1b\x7fBcc: x@evil.example"),  # escape, delete
    ],
)
def test_every_line_breaking_character_in_a_title_in_any_language_leaves_the_subject_one_line(
    cast, fund, language, title, django_capture_on_commit_callbacks
):
    draft = fund.draft(title=title, problem="Registries.", outputs="A roadmap.", original_language=language)

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(cast.uruguay_delegate).post(f"/cooperation/requests/{draft.pk}/submit/")

    assert response.status_code == 302
    assert mail.outbox
    for message in mail.outbox:
        assert_one_line_without_bcc(message)
        assert "“A Bcc: x@evil.example”" in message.subject


def test_a_mail_server_that_is_down_leaves_the_step_saved_and_the_message_pending_until_it_is_retried(
    cast, fund, settings, django_capture_on_commit_callbacks
):
    draft = fund.request_in("draft")
    settings.EMAIL_BACKEND = "gealc.core.testing.RefusingEmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(cast.uruguay_delegate).post(
            f"/cooperation/requests/{draft.pk}/submit/", follow=True
        )

    assert response.status_code == 200
    assert "The request was submitted to the Secretariat." in response.content.decode()
    assert CooperationRequest.objects.get(pk=draft.pk).state == "submitted"
    pending = list(OutboxMessage.objects.filter(sent_at=None))
    assert {m.recipient for m in pending} == {"officer@oas.org", "head@agesic.gub.uy"}
    assert all(m.attempts == 1 and "Connection unexpectedly closed" in m.last_error for m in pending)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    call_command("send_mail", stdout=out)

    assert out.getvalue().strip() == "2 sent, 0 failed, 0 pending."
    assert {m.to[0] for m in mail.outbox} == {"officer@oas.org", "head@agesic.gub.uy"}
    assert not OutboxMessage.objects.filter(sent_at=None).exists()
