"""Notifications: what the platform told a person, readable on the site beside the e-mail.

``mail_queue`` (``gealc.core.mail``) calls ``notifications_for_mail``, so every message to a person with
an account is also a notification; the person's list marks them read one by one or all at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from gealc.core.models import Notification

if TYPE_CHECKING:
    from gealc.core.mail import Mail

TEXT_MAX_LENGTH = 300
_URL = re.compile(r"https?://[^\s<>\"“”]+")
# A greeting ends with a comma in English, French and Portuguese, with a colon in Spanish ("Estimado/a X:").
_GREETING = re.compile(r"[,:]\s*$")


def site_path(url: str) -> str:
    """``url`` as a path on this site, or "" when it points anywhere else."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url[:500]
    site = urlsplit(settings.SITE_URL)
    parts = urlsplit(url)
    if parts.scheme in {"http", "https"} and parts.netloc == site.netloc:
        path = parts.path or "/"
        return (path + (f"?{parts.query}" if parts.query else ""))[:500]
    return ""


def short_text(body: str) -> str:
    """The message's first paragraph after its greeting, on one line and cut at a word."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", body or "")]
    paragraphs = [part for part in paragraphs if part]
    if len(paragraphs) > 1 and _GREETING.search(paragraphs[0]) and len(paragraphs[0]) < 80:
        paragraphs = paragraphs[1:]
    text = _URL.sub("", paragraphs[0]).strip() if paragraphs else ""
    if len(text) <= TEXT_MAX_LENGTH:
        return text
    return text[: TEXT_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip() + "…"


def notifications_for_mail(messages: Iterable[tuple[Mail, str]]) -> list[Notification]:
    """One notification for each message (with its final subject) whose recipient has an account.

    The link is the message's own (``Mail.url``) or the first link of its body on this site.
    """
    pending = list(messages)
    if not pending:
        return []
    addresses = {mail.to.strip().lower() for mail, _subject in pending}
    users = {
        email.lower(): pk
        for pk, email in get_user_model()
        .objects.filter(email__in=addresses, is_active=True)
        .values_list("pk", "email")
    }
    rows = []
    for mail, subject in pending:
        user_id = users.get(mail.to.strip().lower())
        if user_id is None:
            continue
        found = _URL.search(mail.body or "")
        url = site_path(mail.url) if mail.url else site_path(found.group(0) if found else "")
        text = mail.text if mail.text else short_text(mail.body)
        rows.append(Notification(user_id=user_id, subject=subject, text=text[:TEXT_MAX_LENGTH], url=url))
    return Notification.objects.bulk_create(rows)


def notifications_of(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def unread_count(user: Any) -> int:
    """How many notifications the user has not read (0 for the anonymous visitor)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    cached = getattr(user, "_gealc_unread", None)
    if cached is None:
        cached = Notification.objects.filter(user=user, read_at=None).count()
        user._gealc_unread = cached
    return int(cached)


def notification_mark_read(*, user: Any, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications read; None when it is not theirs (or does not exist)."""
    notification = Notification.objects.filter(user=user, pk=notification_id).first()
    if notification is None:
        return None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
