"""What the home page shows of the network's governance: meetings counted, the presidency and the
Executive Committee, an election or a vote that is open, the next meeting (``gealc.core.highlights``)."""

from __future__ import annotations

from django.db.models import Max
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gealc.core.highlights import Entry, Figure, Highlights, Panel
from gealc.governance.models import CommitteeMembership, Election, Meeting, Motion
from gealc.governance.services import committee_at


def _seat(membership: CommitteeMembership, tag: str) -> Entry:
    country = membership.country
    return Entry(
        title=country.name,
        url=reverse("members:country_detail", args=[country.iso3]),
        detail=str(membership.institution) if membership.institution else "",
        tag=membership.subregion.name if membership.subregion else tag,
    )


def committee_panel() -> Panel:
    """The presidency and the Committee today, or the last ones recorded when no term runs today."""
    today = timezone.localdate()
    committee = committee_at(today)
    note: str | Promise = ""
    if committee.president is None and not committee.members:
        latest = CommitteeMembership.objects.filter(start_date__lte=today).aggregate(day=Max("start_date"))
        if latest["day"] is not None:
            committee = committee_at(latest["day"])
            note = _("No term is recorded for today; these are the last ones recorded.")
    entries: list[Entry] = []
    if committee.president is not None:
        president = _seat(committee.president, "")
        entries.append(
            Entry(
                title=president.title,
                url=president.url,
                detail=president.detail,
                tag=_("Presidency"),
                date=committee.president.start_date,
                date_label=_("Since"),
            )
        )
    entries.extend(_seat(member, str(_("Member"))) for member in committee.members)
    return Panel(
        key="committee",
        title=_("Presidency and Executive Committee"),
        entries=entries,
        link_label=_("The Executive Committee over time"),
        link_url=reverse("governance:committee"),
        empty=_("No member of the Committee is recorded yet."),
        note=note,
        order=10,
    )


def highlights(request: HttpRequest) -> Highlights:
    today = timezone.localdate()
    meetings = Meeting.objects.count()
    open_now: list[Entry] = []
    for election in Election.objects.filter(status=Election.Status.OPEN).select_related("meeting")[:3]:
        open_now.append(
            Entry(
                title=election.title,
                url=reverse("governance:election", args=[election.pk]),
                detail=election.meeting.title,
                tag=_("Election in progress"),
            )
        )
    for motion in Motion.objects.filter(status=Motion.Status.OPEN).select_related("meeting")[:3]:
        open_now.append(
            Entry(
                title=motion.title,
                url=reverse("governance:motion", args=[motion.pk]),
                detail=motion.meeting.title,
                tag=_("Open vote"),
            )
        )
    upcoming = (
        Meeting.objects.filter(end_date__gte=today)
        .select_related("host_country")
        .order_by("start_date")
        .first()
    )
    if upcoming is not None:
        open_now.append(
            Entry(
                title=upcoming.title,
                url=reverse("governance:meeting", args=[upcoming.pk]),
                detail=f"{upcoming.city}, {upcoming.host_country.name}",
                tag=_("Next meeting"),
                date=upcoming.start_date,
                date_label=_("Starts on"),
            )
        )
    committee = committee_panel()
    return Highlights(
        figures=[
            Figure(
                label=ngettext("meeting of the network", "meetings of the network", meetings),
                value=meetings,
                url=reverse("governance:meeting_list"),
                order=50,
            )
        ],
        panels=[committee],
        open_now=open_now,
    )


def register() -> None:
    """Plug the network's governance into the home page (called from the AppConfig)."""
    from gealc.core.highlights import register as register_highlights

    register_highlights("governance", highlights, order=20)
