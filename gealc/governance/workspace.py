"""The governance panels on the workspace: the elections and motions the Secretariat runs, the votes a
country has open, the work-plan activities it reports on, and the results published since the last visit."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gealc.accounts.roles import countries_for, has_role
from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.governance.models import (
    Activity,
    BallotParticipation,
    Delegation,
    Election,
    Motion,
    Vote,
    WorkPlan,
)
from gealc.members.models import Role

# What the Secretariat does next with an election in each status.
NEXT_STEP = {
    Election.Status.DRAFT: _("Open the voting"),
    Election.Status.OPEN: _("Close the voting"),
    Election.Status.CLOSED: _("Certify the results"),
}


def _secretariat() -> list[Panel]:
    elections = list(
        Election.objects.filter(status__in=list(NEXT_STEP))
        .select_related("meeting")
        .order_by("-meeting__start_date", "pk")
    )
    motions = list(
        Motion.objects.filter(status=Motion.Status.OPEN).select_related("meeting").order_by("meeting", "pk")
    )
    return [
        panel(
            "elections-to-run",
            _("Elections to run"),
            [
                Item(
                    label=f"{election.title} — {election.meeting.title}",
                    url=reverse("governance:election", args=[election.pk]),
                    date=election.opened_at or election.meeting.start_date,
                    status=NEXT_STEP[Election.Status(election.status)],
                )
                for election in elections
            ],
            role=Role.SECRETARIAT.value,
            empty=_("No election waits for a step."),
        ),
        panel(
            "motions-to-close",
            _("Motions open for voting"),
            [
                Item(
                    label=str(motion.title),
                    url=reverse("governance:motion", args=[motion.pk]),
                    date=motion.meeting.start_date,
                    status=motion.get_status_display(),
                )
                for motion in motions
            ],
            role=Role.SECRETARIAT.value,
            empty=_("No motion is open for voting."),
        ),
    ]


def _country(visit: Visit, codes: set[str], role: str) -> list[Panel]:
    """Votes open at the meetings the country attends, its activities to report on, recent results."""
    attending = Delegation.objects.filter(country__iso3__in=codes).values("meeting")
    elections = list(
        Election.objects.filter(status=Election.Status.OPEN, meeting__in=attending)
        .select_related("meeting")
        .order_by("opened_at", "pk")
    )
    motions = list(
        Motion.objects.filter(status=Motion.Status.OPEN, meeting__in=attending)
        .select_related("meeting")
        .order_by("meeting", "pk")
    )
    voted_in = set(
        BallotParticipation.objects.filter(
            election__in=[e.pk for e in elections], country__iso3__in=codes
        ).values_list("election_id", flat=True)
    )
    voted_on = set(
        Vote.objects.filter(motion__in=[m.pk for m in motions], country__iso3__in=codes).values_list(
            "motion_id", flat=True
        )
    )
    votes = [
        Item(
            label=election.title,
            url=reverse("governance:election", args=[election.pk]),
            date=election.opened_at,
            status=_("Your country has voted") if election.pk in voted_in else _("Not voted yet"),
        )
        for election in elections
    ] + [
        Item(
            label=str(motion.title),
            url=reverse("governance:motion", args=[motion.pk]),
            date=motion.meeting.start_date,
            status=_("Your country has voted") if motion.pk in voted_on else _("Not voted yet"),
        )
        for motion in motions
    ]
    year = timezone.localdate().year
    activities = list(
        Activity.objects.filter(
            lead=Activity.Lead.COUNTRY,
            lead_country__iso3__in=codes,
            axis__workplan__year=year,
            axis__workplan__status=WorkPlan.Status.APPROVED,
            status__in=[Activity.Status.PLANNED, Activity.Status.IN_PROGRESS],
        )
        .select_related("lead_country")
        .order_by("end_date", "pk")
    )
    panels = [
        panel(
            "country-votes-open",
            _("Votes open"),
            votes,
            role=role,
            empty=_("No vote is open at a meeting your country attends."),
        ),
        panel(
            "country-progress-due",
            _("Work-plan activities your country reports on"),
            [
                Item(
                    label=str(activity.title),
                    url=reverse("governance:progress", args=[activity.pk]),
                    date=activity.end_date,
                    status=f"{activity.get_status_display()} ({activity.progress} %)",
                )
                for activity in activities
            ],
            role=role,
            empty=_("Your country leads no activity of this year's work plan."),
        ),
    ]
    if visit.since is not None:
        since = visit.since
        decided = list(
            Election.objects.filter(
                Q(closed_at__gt=since) | Q(certified_at__gt=since), meeting__in=attending
            ).order_by("-closed_at", "pk")
        )
        closed = list(
            Motion.objects.filter(closed_at__gt=since, meeting__in=attending).order_by("-closed_at", "pk")
        )
        panels.append(
            panel(
                "country-governance-changes",
                _("Results since your last visit"),
                [
                    Item(
                        label=election.title,
                        url=reverse("governance:results", args=[election.pk]),
                        date=election.certified_at or election.closed_at,
                        status=election.get_status_display(),
                    )
                    for election in decided
                ]
                + [
                    Item(
                        label=str(motion.title),
                        url=reverse("governance:motion", args=[motion.pk]),
                        date=motion.closed_at,
                        status=motion.get_result_display(),
                    )
                    for motion in closed
                ],
                role=role,
                empty=_("No result was published."),
            )
        )
    return panels


def panels(visit: Visit) -> Sequence[Panel]:
    user = visit.user
    found: list[Panel] = []
    if has_role(user, Role.SECRETARIAT):
        found += _secretariat()
    codes = countries_for(user, Role.DELEGATE, Role.HEAD_OF_DELEGATION)
    if codes:
        role = (
            Role.HEAD_OF_DELEGATION.value
            if countries_for(user, Role.HEAD_OF_DELEGATION)
            else Role.DELEGATE.value
        )
        found += _country(visit, codes, role)
    return found
