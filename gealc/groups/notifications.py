"""E-mail (and the notification beside it) to a person who joins or leaves a working group.

The services call ``membership_announce`` inside the transaction of the change: ``mail_queue`` stores
the message there and sends it once it commits, so a refused or rolled-back change announces nothing.
The person reads it in their own language; a person without an account, or the person who made the
change, gets none.
"""

from __future__ import annotations

from typing import Any, Literal

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gealc.core.mail import Mail, mail_queue
from gealc.groups.models import GroupMembership


def membership_announce(*, membership: GroupMembership, actor: Any, event: Literal["added", "ended"]) -> None:
    user = membership.person.user
    if user is None or not user.is_active or user.pk == getattr(actor, "pk", None):
        return
    path = reverse("groups:detail", args=[membership.group.slug])
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "user": user,
            "group": membership.group,
            "membership": membership,
            "link": settings.SITE_URL + path,
            "site_name": settings.SITE_NAME,
        }
        subject = render_to_string(f"groups/email/membership_{event}_subject.txt", context)
        body = render_to_string(f"groups/email/membership_{event}_body.txt", context)
    mail_queue([Mail(to=user.email, subject=subject, body=body, language=language, url=path)])
