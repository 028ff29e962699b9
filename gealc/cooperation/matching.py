"""Proposing experts for a request: a score made of named parts, each explained in a sentence.

The weights below are the whole policy. Experts from the requesting country are never proposed, nor
experts who share no expertise area with the request, nor experts the Secretariat has not validated.
Ties are broken by name, then by record, so the same data always gives the same ranking.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from gealc.cooperation.models import (
    CooperationRequest,
    Expert,
    ExpertiseArea,
    Mission,
    MissionReport,
    MissionState,
)
from gealc.core.languages import language_list

# Points for each expertise area the expert shares with the request.
SHARED_AREA_POINTS = 25
# Points when the expert speaks at least one of the request's preferred languages.
COMMON_LANGUAGE_POINTS = 20
# Points when the expert is free during the request's window.
AVAILABILITY_POINTS = 15
# Points per star of the average rating above (or below) the middle of the scale, 3 out of 5.
RATING_POINTS_PER_STAR = 4
RATING_MIDDLE = 3
# The gentle preference for spreading missions: a country that provides no mission under the call yet
# earns SPREAD_POINTS; each mission it already provides takes SPREAD_STEP away, down to nothing.
SPREAD_POINTS = 10
SPREAD_STEP = 2

# Missions that hold an expert's time.
BUSY_STATES = (MissionState.PLANNED, MissionState.APPROVED, MissionState.IN_PROGRESS)


@dataclass(frozen=True)
class Reason:
    points: int
    text: str


@dataclass
class Proposal:
    expert: Expert
    reasons: list[Reason] = field(default_factory=list)
    rank: int = 0

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


def _points(points: int) -> str:
    return f"{points:+d}"


def _area_reason(shared: list[ExpertiseArea]) -> Reason:
    points = SHARED_AREA_POINTS * len(shared)
    names = ", ".join(area.name for area in shared)
    text = ngettext(
        "Shares %(count)d expertise area with the request (%(areas)s): %(points)s points.",
        "Shares %(count)d expertise areas with the request (%(areas)s): %(points)s points.",
        len(shared),
    ) % {"count": len(shared), "areas": names, "points": _points(points)}
    return Reason(points, text)


def _language_reason(expert: Expert, wanted: list[str]) -> Reason:
    if not wanted:
        return Reason(0, gettext("The request states no preferred language: 0 points."))
    common = [code for code in wanted if code in (expert.person.languages or [])]
    if common:
        return Reason(
            COMMON_LANGUAGE_POINTS,
            gettext("Speaks %(languages)s, as the request prefers: %(points)s points.")
            % {"languages": language_list(common), "points": _points(COMMON_LANGUAGE_POINTS)},
        )
    return Reason(
        0,
        gettext("Speaks none of the request's preferred languages (%(languages)s): 0 points.")
        % {"languages": language_list(wanted)},
    )


def _availability_reason(expert: Expert, request: CooperationRequest, busy: bool) -> Reason:
    window = {
        "start": date_format(request.window_start, "SHORT_DATE_FORMAT"),
        "end": date_format(request.window_end, "SHORT_DATE_FORMAT"),
    }
    outside = (expert.available_from is not None and expert.available_from > request.window_end) or (
        expert.available_until is not None and expert.available_until < request.window_start
    )
    if outside:
        return Reason(
            0,
            gettext("Not available between %(start)s and %(end)s, the request's window: 0 points.") % window,
        )
    if busy:
        return Reason(
            0,
            gettext(
                "Another mission of theirs overlaps the request's window (%(start)s to %(end)s): 0 points."
            )
            % window,
        )
    return Reason(
        AVAILABILITY_POINTS,
        gettext("Available during the request's window (%(start)s to %(end)s): %(points)s points.")
        % {**window, "points": _points(AVAILABILITY_POINTS)},
    )


def _rating_reason(average: float | None, count: int) -> Reason:
    if not count or average is None:
        return Reason(0, gettext("No past mission rated yet: 0 points."))
    points = round(RATING_POINTS_PER_STAR * (float(average) - RATING_MIDDLE))
    text = ngettext(
        "Rated %(average).1f out of 5 by the host of %(count)d past mission: %(points)s points.",
        "Rated %(average).1f out of 5 on average by the hosts of %(count)d past missions: %(points)s points.",
        count,
    ) % {"average": float(average), "count": count, "points": _points(points)}
    return Reason(points, text)


def _spread_reason(expert: Expert, provided: int) -> Reason:
    points = max(SPREAD_POINTS - SPREAD_STEP * provided, 0)
    if not provided:
        text = gettext(
            "%(country)s provides no mission under this call yet, and missions are spread across "
            "countries: %(points)s points."
        ) % {"country": expert.country.name, "points": _points(points)}
    else:
        text = ngettext(
            "%(country)s already provides %(count)d mission under this call, and missions are spread "
            "across countries: %(points)s points.",
            "%(country)s already provides %(count)d missions under this call, and missions are spread "
            "across countries: %(points)s points.",
            provided,
        ) % {"country": expert.country.name, "count": provided, "points": _points(points)}
    return Reason(points, text)


def candidates(request: CooperationRequest) -> list[Expert]:
    """Validated experts from other countries who share an area with the request, with what scoring
    needs loaded: a fixed number of queries whatever the size of the roster."""
    area_ids = [area.pk for area in request.areas.all()]
    overlapping = Mission.objects.filter(
        expert=OuterRef("pk"),
        state__in=BUSY_STATES,
        start_date__lte=request.window_end,
        end_date__gte=request.window_start,
    ).exclude(request=request)
    shares_area = Expert.areas.through.objects.filter(expert=OuterRef("pk"), expertisearea__in=area_ids)
    host_reports = Q(missions__reports__kind=MissionReport.Kind.HOST)
    return list(
        Expert.objects.filter(Exists(shares_area), status=Expert.Status.VALIDATED)
        .exclude(country=request.country_id)
        .exclude(person__country=request.country_id)
        .select_related("person", "person__institution", "country")
        .prefetch_related("areas")
        .annotate(
            busy=Exists(overlapping),
            average_rating=Avg("missions__reports__rating", filter=host_reports),
            rated_missions=Count("missions__reports", filter=host_reports),
        )
    )


def rank_experts(request: CooperationRequest) -> list[Proposal]:
    """The proposals for ``request``, best first, each with its reasons."""
    wanted_areas = {area.pk: area for area in request.areas.all()}
    provided = dict(
        Mission.objects.filter(call=request.call_id)
        .exclude(state=MissionState.CANCELLED)
        .values_list("provider")
        .annotate(count=Count("pk"))
        .values_list("provider", "count")
    )
    proposals = []
    for expert in candidates(request):
        shared = [area for area in expert.areas.all() if area.pk in wanted_areas]
        proposals.append(
            Proposal(
                expert=expert,
                reasons=[
                    _area_reason(shared),
                    _language_reason(expert, request.languages or []),
                    _availability_reason(expert, request, expert.busy),  # type: ignore[attr-defined]
                    _rating_reason(expert.average_rating, expert.rated_missions),  # type: ignore[attr-defined]
                    _spread_reason(expert, provided.get(expert.country_id, 0)),
                ],
            )
        )
    proposals.sort(key=lambda proposal: (-proposal.score, proposal.expert.person.name, proposal.expert.pk))
    for rank, proposal in enumerate(proposals, start=1):
        proposal.rank = rank
    return proposals
