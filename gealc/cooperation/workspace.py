"""The fund's panels on the workspace: the Secretariat's queue, a country's requests and what changed in
them, and an expert's missions. They reuse the work lists of ``selectors`` (the fund's own queue and work
space pages show the same lists in full)."""

from __future__ import annotations

from collections.abc import Sequence

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gealc.accounts.roles import countries_for, has_role
from gealc.cooperation import selectors
from gealc.cooperation.models import CooperationRequest, MissionState, RequestState, StateChange
from gealc.cooperation.rules import ACTING_ROLES
from gealc.core.workspace import Item, Panel, Visit, panel
from gealc.members.models import Role


def _request_item(request: CooperationRequest) -> Item:
    return Item(
        label=f"{request.title} — {request.country.name}",
        url=reverse("cooperation:request_detail", args=[request.pk]),
        date=request.created_at,
        status=request.get_state_display(),
    )


def _secretariat(visit: Visit) -> list[Panel]:
    queue = selectors.secretariat_queue()
    url = reverse("cooperation:queue")
    role = Role.SECRETARIAT.value
    return [
        panel(
            "fund-requests-to-screen",
            _("Fund requests to screen"),
            [_request_item(request) for request in queue.to_decide],
            role=role,
            url=url,
            empty=_("No request waits for a decision."),
        ),
        panel(
            "experts-to-validate",
            _("Experts to validate"),
            [
                Item(
                    label=f"{expert.person.name} — {expert.country.name}",
                    url=url,
                    date=expert.offered_at,
                    status=expert.get_status_display(),
                )
                for expert in queue.to_validate
            ]
            + [
                Item(
                    label=f"{proposal.name} — {proposal.country.name}",
                    url=url,
                    date=proposal.proposed_at,
                    status=proposal.get_status_display(),
                )
                for proposal in queue.to_confirm
            ],
            role=role,
            url=url,
            empty=_("No expert waits for validation."),
        ),
        panel(
            "missions-to-approve",
            _("Missions to approve"),
            [
                Item(
                    label=f"{mission.request.title} — {mission.provider.name} → {mission.recipient.name}",
                    url=reverse("cooperation:mission_detail", args=[mission.pk]),
                    date=mission.start_date,
                    status=mission.get_state_display(),
                )
                for mission in queue.to_approve
            ],
            role=role,
            url=url,
            empty=_("No mission waits for approval."),
        ),
        panel(
            "mission-reports-due",
            _("Completed missions: reports due and closing"),
            [
                Item(
                    label=f"{mission.request.title} — {mission.provider.name} → {mission.recipient.name}",
                    url=reverse("cooperation:mission_detail", args=[mission.pk]),
                    date=mission.end_date,
                    status=_("%(reports)s of 2 reports in")
                    % {"reports": getattr(mission, "report_count", 0)},
                )
                for mission in queue.to_close
            ],
            role=role,
            url=url,
            empty=_("No completed mission waits to be closed."),
        ),
    ]


def _country(visit: Visit, work: selectors.Workspace) -> list[Panel]:
    codes = {country.iso3 for country in work.countries}
    role = (
        Role.HEAD_OF_DELEGATION.value
        if countries_for(visit.user, Role.HEAD_OF_DELEGATION)
        else Role.DELEGATE.value
    )
    url = reverse("cooperation:workspace")
    drafts = [request for request in work.requests if request.state == RequestState.DRAFT]
    under_way = [
        request
        for request in work.requests
        if request.state not in {RequestState.DRAFT, RequestState.CLOSED, RequestState.REJECTED}
        and request.state != RequestState.WITHDRAWN
    ]
    panels = [
        panel(
            "country-drafts",
            _("Your country's draft requests"),
            [_request_item(request) for request in drafts],
            role=role,
            url=url,
            empty=_("Your country has no draft request."),
        ),
        panel(
            "country-requests",
            _("Your country's requests under way"),
            [_request_item(request) for request in under_way],
            role=role,
            url=url,
            empty=_("Your country has no request under way."),
        ),
        panel(
            "country-host-reports-due",
            _("Missions waiting for your country's report"),
            [
                Item(
                    label=f"{mission.request.title} — {mission.provider.name}",
                    url=reverse("cooperation:mission_detail", args=[mission.pk]),
                    date=mission.end_date,
                    status=_("Report due"),
                )
                for mission in work.host_reports_due
            ],
            role=role,
            url=url,
            empty=_("No report is due."),
        ),
    ]
    if visit.since is not None:
        changes = list(
            StateChange.objects.filter(request__country__iso3__in=codes, at__gt=visit.since)
            .exclude(actor=visit.user)
            .select_related("request__country", "mission")
            .order_by("-at", "-pk")
        )
        panels.append(
            panel(
                "country-fund-changes",
                _("Changed in the fund since your last visit"),
                [
                    Item(
                        label=f"{change.request.title} — {change.action_label}",
                        url=reverse("cooperation:mission_detail", args=[change.mission_id])
                        if change.mission_id
                        else reverse("cooperation:request_detail", args=[change.request_id]),
                        date=change.at,
                        status=change.to_label,
                    )
                    for change in changes
                ],
                role=role,
                url=url,
                empty=_("Nothing changed in your country's requests."),
            )
        )
    return panels


def _expert(work: selectors.Workspace) -> list[Panel]:
    return [
        panel(
            "expert-missions",
            _("Your missions as an expert"),
            [
                Item(
                    label=f"{mission.request.title} — {mission.recipient.name}",
                    url=reverse("cooperation:mission_detail", args=[mission.pk]),
                    date=mission.start_date,
                    status=(
                        _("Your report is due")
                        if getattr(mission, "expert_report_due", False)
                        and mission.state == MissionState.COMPLETED
                        else mission.get_state_display()
                    ),
                )
                for mission in work.my_missions
            ],
            role=Role.EXPERT.value,
            url=reverse("cooperation:workspace"),
            empty=_("You have no mission."),
        )
    ]


def panels(visit: Visit) -> Sequence[Panel]:
    user = visit.user
    found: list[Panel] = []
    if has_role(user, Role.SECRETARIAT):
        found += _secretariat(visit)
    acts_for_a_country = bool(countries_for(user, *ACTING_ROLES))
    is_expert = has_role(user, Role.EXPERT)
    if acts_for_a_country or is_expert:
        work = selectors.workspace(user)
        if acts_for_a_country:
            found += _country(visit, work)
        if is_expert:
            found += _expert(work)
    return found
