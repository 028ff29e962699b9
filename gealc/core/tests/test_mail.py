"""E-mail leaves through the outbox: subjects are one line, a refused message waits for a retry, and a
change that is rolled back announces nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from gealc.core.mail import Mail, mail_queue, subject_line
from gealc.core.models import OutboxMessage


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("A\nBcc: x@evil.example", "A Bcc: x@evil.example"),
        ("  Two\r\n\r\nlines\t ", "Two lines"),
        ("Next\x85line\u2028and\u2029paragraph", "Next line and paragraph"),
        ("Bell\x07 and\x00 nul", "Bell and nul"),
    ],
)
def test_a_subject_is_one_line_of_single_spaces(text, line):
    assert subject_line(text) == line


def test_a_long_subject_is_cut_at_a_word_with_an_ellipsis():
    subject = subject_line("word " * 100)

    assert len(subject) <= 200
    assert subject.endswith("word…")


def test_a_message_refused_twice_stays_pending_and_the_command_says_so(
    db, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "gealc.core.testing.RefusingEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        mail_queue([Mail(to="ana@agesic.gub.uy", subject="Hello", body="Hi.", language="es")])

    out = StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("send_mail", stdout=out)

    assert exit_code.value.code == 1
    assert out.getvalue().strip() == "0 sent, 1 failed, 1 pending."
    message = OutboxMessage.objects.get()
    assert (message.attempts, message.sent_at, message.subject) == (2, None, "[RED GEALC] Hello")
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"


def test_a_change_rolled_back_leaves_no_message(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        mail_queue([Mail(to="ana@agesic.gub.uy", subject="Hello", body="Hi.")])
        raise RuntimeError

    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []
