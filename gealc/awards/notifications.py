"""E-mail (and the notification beside it) to the people an award edition's decisions concern: the
submitting country's delegates and head of delegation when their submission is screened, a juror when a
submission is given to them.

The services call these inside the transaction of the change: ``mail_queue`` stores the messages there
and sends them once it commits, so a refused or rolled-back change announces nothing. Each person reads
the message in their own language.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from gealc.accounts.models import User
from gealc.awards.models import Assignment, Submission
from gealc.core.mail import Mail, mail_queue
from gealc.members.models import Membership, Role


def _country_people(submission: Submission) -> list[User]:
    """The delegates and heads of delegation of the submission's country, today."""
    memberships = Membership.objects.in_force().filter(
        role__in=[Role.DELEGATE, Role.HEAD_OF_DELEGATION], country=submission.country_id
    )
    return list(
        User.objects.filter(person__memberships__in=memberships, is_active=True).distinct().order_by("pk")
    )


def _send(recipients: list[User], *, template: str, context: dict[str, Any], path: str) -> None:
    context = {**context, "link": settings.SITE_URL + path, "site_name": settings.SITE_NAME}
    messages = []
    for user in recipients:
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = render_to_string(f"awards/email/{template}_subject.txt", context)
            body = render_to_string(f"awards/email/{template}_body.txt", {**context, "user": user})
        messages.append(Mail(to=user.email, subject=subject, body=body, language=language, url=path))
    mail_queue(messages)


def screening_announce(*, submission: Submission, actor: Any) -> None:
    """Tell the submitting country's delegates and head whether their submission is eligible, and why."""
    actor_id = getattr(actor, "pk", None)
    recipients = [user for user in _country_people(submission) if user.pk != actor_id]
    if recipients:
        _send(
            recipients,
            template="screened",
            context={"submission": submission, "edition": submission.edition},
            path=reverse("awards:edition", args=[submission.edition_id]),
        )


def assignment_announce(*, assignment: Assignment, actor: Any) -> None:
    """Tell the juror a submission was given to them to score."""
    juror = assignment.juror
    if juror.pk == getattr(actor, "pk", None) or not juror.is_active:
        return
    submission = assignment.submission
    _send(
        [juror],
        template="assigned",
        context={"submission": submission, "edition": submission.edition},
        path=reverse("awards:evaluation", args=[assignment.pk]),
    )
