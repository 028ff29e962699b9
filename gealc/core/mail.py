"""E-mail that every app sends: one-line subjects, and an outbox that outlives a failing mail server.

An app renders each message in its recipient's language and calls ``mail_queue`` inside the transaction
of the change it announces. The message is stored in that transaction (so a rolled-back change announces
nothing) and sent once it commits; a failure to send never reaches the person who made the change. What
could not be sent stays pending, with its error, until ``gealc send_mail`` sends it.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from gealc.core.models import OutboxMessage
from gealc.core.notifications import notifications_for_mail

logger = logging.getLogger(__name__)

SUBJECT_MAX_LENGTH = 200
_SPACES = re.compile(r"\s+")


def subject_line(text: str, *, max_length: int = SUBJECT_MAX_LENGTH) -> str:
    """``text`` as an e-mail subject: one line, whatever the user wrote into it.

    Line breaks, tabs and every other control or separator character become a single space (so a title
    can never start a header of its own), spaces are collapsed, and a subject longer than ``max_length``
    is cut at a word with an ellipsis.
    """
    chars = (" " if unicodedata.category(c)[0] in "CZ" else c for c in str(text))
    line = _SPACES.sub(" ", "".join(chars)).strip()
    if len(line) <= max_length:
        return line
    cut = line[: max_length - 1]
    if " " in cut[max_length // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


@dataclass(frozen=True)
class Mail:
    """A message rendered for one recipient, in their language."""

    to: str
    subject: str
    body: str
    language: str = ""
    # The notification beside the message: the page of the record concerned and a short text. Without
    # them, the first link of the body on this site and the body's first paragraph are used.
    url: str = ""
    text: str = ""


def mail_queue(messages: Iterable[Mail]) -> list[OutboxMessage]:
    """Store ``messages`` in the current transaction and send them once it commits.

    The subjects go through ``subject_line`` here, so no app can hand a multi-line subject to the mail
    server. Outside a transaction the messages are stored and sent at once. Each message to a person with
    an account is also a notification on the site, written in the same transaction.
    """
    prefix = f"[{settings.SITE_NAME}] "
    mails = list(messages)
    rows = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            recipient=mail.to,
            subject=subject_line(prefix + subject_line(mail.subject), max_length=255),
            body=mail.body,
            language=mail.language,
        )
        for mail in mails
    )
    notifications_for_mail((mail, subject_line(mail.subject, max_length=255)) for mail in mails)
    ids = [row.pk for row in rows]
    if ids:
        transaction.on_commit(lambda: outbox_send(ids=ids))
    return rows


@dataclass(frozen=True)
class Delivery:
    sent: int
    failed: int


def outbox_send(*, ids: Iterable[int] | None = None, limit: int | None = None) -> Delivery:
    """Send the pending messages (those of ``ids``, or all of them, oldest first, at most ``limit``).

    Each message is locked while it is sent, so two senders running at once never send it twice (on
    PostgreSQL; SQLite has one writer anyway). A message that fails keeps its error and one more
    attempt, and stays pending; nothing raised by the mail server leaves this function.
    """
    pending = OutboxMessage.objects.filter(sent_at=None).order_by("pk")
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    candidates = list(
        pending.values_list("pk", flat=True)[:limit] if limit else pending.values_list("pk", flat=True)
    )
    sent = failed = 0
    connection = get_connection(fail_silently=False)
    for pk in candidates:
        with transaction.atomic():
            message = (
                OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=pk, sent_at=None).first()
            )
            if message is None:
                continue  # sent meanwhile, or being sent by another process
            message.attempts += 1
            try:
                EmailMessage(
                    message.subject, message.body, to=[message.recipient], connection=connection
                ).send()
            except Exception as error:  # whatever the server says, the message waits for a retry
                message.last_error = f"{type(error).__name__}: {error}"[:2000]
                message.save(update_fields=["attempts", "last_error"])
                logger.warning("could not send e-mail #%s to %s: %s", message.pk, message.recipient, error)
                failed += 1
            else:
                message.sent_at = timezone.now()
                message.save(update_fields=["attempts", "sent_at"])
                sent += 1
    return Delivery(sent=sent, failed=failed)
