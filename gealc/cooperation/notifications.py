"""E-mail to the people concerned after a request or mission changes, sent once the change is committed.

Each person gets the message in their own language. Recipients are worked out and the messages stored in
the core outbox inside the transaction (what the change makes true); they leave only after it commits,
so a refused or rolled-back change never announces anything, and a mail server that is down leaves them
pending for ``gealc send_mail`` instead of turning the saved change into an error.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gealc.accounts.models import User
from gealc.cooperation.models import CooperationRequest, Expert, Mission, MissionState
from gealc.cooperation.workflow import MISSION_STEPS, REQUEST_STEPS
from gealc.core.mail import Mail, mail_queue
from gealc.members.models import Membership, Role

# What the e-mail's subject says happened, by event: a request's step by its name, a mission's step as
# ``mission_<name>``, from the steps' own declarations; a report is no step (the mission's state stays).
EVENTS: dict[str, str | Promise] = {
    **{name: step.notice for name, step in REQUEST_STEPS.items() if step.notice},
    **{f"mission_{name}": step.notice for name, step in MISSION_STEPS.items() if step.notice},
    "mission_report_expert": _("the expert's report was added"),
    "mission_report_host": _("the host country's report was added"),
}
# The report an event is about, which its summary names.
REPORTS = {"mission_report_expert": "expert", "mission_report_host": "host"}


def concerned(request: CooperationRequest, *, secretariat: bool = True) -> list[User]:
    """The requesting country's delegates and head of delegation, the experts of its missions and,
    unless told otherwise, the Secretariat's officers."""
    roles = Q(role__in=[Role.DELEGATE, Role.HEAD_OF_DELEGATION], country=request.country_id)
    if secretariat:
        roles |= Q(role=Role.SECRETARIAT)
    memberships = Membership.objects.in_force().filter(roles)
    experts = (
        Mission.objects.filter(request=request).exclude(state=MissionState.CANCELLED).values("expert__person")
    )
    return list(
        User.objects.filter(Q(person__memberships__in=memberships) | Q(person__in=experts), is_active=True)
        .distinct()
        .order_by("pk")
    )


def announce(
    *,
    request: CooperationRequest,
    actor: Any,
    event: str,
    mission: Mission | None = None,
    note: str = "",
    secretariat: bool = True,
) -> None:
    """Queue the e-mail about ``event`` (an action name) to everyone concerned but the actor. A step
    that declares no ``notice`` is not announced."""
    if event not in EVENTS:
        return
    actor_id = getattr(actor, "pk", None)
    recipients = [user for user in concerned(request, secretariat=secretariat) if user.pk != actor_id]
    if not recipients:
        return
    path = (
        reverse("cooperation:mission_detail", args=[mission.pk])
        if mission is not None
        else reverse("cooperation:request_detail", args=[request.pk])
    )
    context = {
        "request": request,
        "mission": mission,
        "report": REPORTS.get(event, ""),
        "event_label": EVENTS[event],
        "note": note,
        "link": settings.SITE_URL + path,
        "site_name": settings.SITE_NAME,
    }
    messages = []
    for user in recipients:
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = render_to_string("cooperation/email/change_subject.txt", context)
            summary = render_to_string("cooperation/email/change_summary.txt", context)
            body = render_to_string(
                "cooperation/email/change_body.txt", {**context, "summary": summary, "user": user}
            )
        # The notification says what changed (the summary), never the greeting that opens the e-mail.
        messages.append(
            Mail(
                to=user.email,
                subject=subject,
                body=body,
                language=language,
                url=path,
                text=" ".join(summary.split()),
            )
        )
    # Stored with the change, sent once it commits; a mail server that refuses them leaves them pending.
    mail_queue(messages)


def country_delegates(country_id: int) -> list[User]:
    """The country's delegates and head of delegation today, with an active account."""
    memberships = Membership.objects.in_force().filter(
        role__in=[Role.DELEGATE, Role.HEAD_OF_DELEGATION], country=country_id
    )
    return list(
        User.objects.filter(person__memberships__in=memberships, is_active=True).distinct().order_by("pk")
    )


def announce_expert_declined(*, expert: Expert, actor: Any) -> None:
    """Queue the e-mail telling the offering country's delegates that the Secretariat declined their
    offer of ``expert``, with the reason, each in their own language. The notification beside it names
    the expert and the reason, and leads to the country's work space, where the offer can be made again."""
    actor_id = getattr(actor, "pk", None)
    recipients = [user for user in country_delegates(expert.country_id) if user.pk != actor_id]
    path = reverse("cooperation:workspace")
    context = {
        "expert": expert,
        "name": expert.person.name,
        "country": expert.country,
        "reason": expert.decline_reason,
        "link": settings.SITE_URL + path,
        "site_name": settings.SITE_NAME,
    }
    messages = []
    for user in recipients:
        language = user.language or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = render_to_string("cooperation/email/expert_declined_subject.txt", context)
            body = render_to_string("cooperation/email/expert_declined_body.txt", {**context, "user": user})
            text = gettext(
                "The Secretariat declined the offer of %(name)s as an expert. Reason: %(reason)s"
            ) % {
                "name": expert.person.name,
                "reason": expert.decline_reason,
            }
        messages.append(
            Mail(to=user.email, subject=subject, body=body, language=language, url=path, text=text)
        )
    mail_queue(messages)
