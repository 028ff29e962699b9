"""Reads of the Horizontal Cooperation Fund that pages and the API share.

Who sees what: the public sees requests from their approval on (never drafts, submissions awaiting a
decision, rejections or withdrawals), and experts who validated and consented; a country's delegates see
every request of their country; the Secretariat sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Expression, OuterRef, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import get_language

from gealc.accounts.roles import countries_for, has_role
from gealc.cooperation.models import (
    Baseline,
    Call,
    CooperationRequest,
    Expert,
    ExpertProposal,
    Mission,
    MissionReport,
    MissionState,
    RequestState,
    StateChange,
)
from gealc.cooperation.rules import ACTING_ROLES
from gealc.cooperation.workflow import OPEN_REQUEST_STATES, PUBLIC_REQUEST_STATES
from gealc.core.figures import figures
from gealc.core.i18n import columns, texts
from gealc.members.models import Country, Role

# What a mission page needs to know about its mission, in one query.
MISSION_RELATED = (
    "request__country",
    "request__call",
    "expert__person",
    "expert__country",
    "provider",
    "recipient",
    "destination",
    "call",
)


def calls() -> QuerySet[Call]:
    return Call.objects.prefetch_related("per_diem_rates__country").order_by("-year", "-opens_on", "-pk")


def _requests() -> QuerySet[CooperationRequest]:
    return CooperationRequest.objects.select_related("country", "call", "host_institution").prefetch_related(
        "areas"
    )


def visible_requests(viewer: Any) -> QuerySet[CooperationRequest]:
    requests = _requests()
    if has_role(viewer, Role.SECRETARIAT):
        return requests
    visible = Q(state__in=PUBLIC_REQUEST_STATES)
    own = countries_for(viewer, *ACTING_ROLES)
    if own:
        visible |= Q(country__iso3__in=own)
    return requests.filter(visible)


def request_list(
    viewer: Any, *, state: str | None = None, country: str | None = None
) -> QuerySet[CooperationRequest]:
    requests = visible_requests(viewer)
    if state:
        requests = requests.filter(state=state)
    if country:
        requests = requests.filter(country__iso3=country.upper())
    return requests.order_by(*REQUEST_KEYS)


# The order of the request list, newest first: a unique key, which the index on (created_at, id) serves,
# so that a page after a given request is read from the index (``gealc.core.api.Keyset``).
REQUEST_KEYS = ("-created_at", "-pk")


def request_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["created_at"], row["id"])


def request_rows(page: QuerySet[CooperationRequest]) -> list[dict[str, Any]]:
    """The API's answers for a page of requests (``RequestOut``): the columns it shows, and the page's
    areas in one query, in the areas' order."""
    requests = list(
        page.prefetch_related(None).only(
            "pk", "call_id", "original_language", "languages", "modality", "window_start", "window_end",
            "state", "rejection_reason", "created_at",
            *columns(CooperationRequest, "title", "problem", "outputs"),
            "country__iso3", *(f"country__{column}" for column in columns(Country, "name")),
            "host_institution__name", "host_institution__acronym",
        )
    )  # fmt: skip
    areas: dict[int, list[str]] = {}
    for request_id, code in (
        CooperationRequest.areas.through.objects.filter(cooperationrequest_id__in=[r.pk for r in requests])
        .order_by("expertisearea__position", "expertisearea__code")
        .values_list("cooperationrequest_id", "expertisearea__code")
    ):
        areas.setdefault(request_id, []).append(code)
    return [
        {
            "id": request.pk,
            "call": request.call_id,
            "country": request.country.iso3,
            "country_name": request.country.name,
            "host_institution": str(request.host_institution) if request.host_institution else None,
            **texts(request, "title", "problem", "outputs"),
            "original_language": request.original_language,
            "areas": areas.get(request.pk, []),
            "languages": request.languages,
            "modality": request.modality,
            "window_start": request.window_start,
            "window_end": request.window_end,
            "state": request.state,
            "rejection_reason": request.rejection_reason,
            "created_at": request.created_at,
        }
        for request in requests
    ]


def request_for(viewer: Any, pk: int) -> CooperationRequest | None:
    """The request if the viewer may see it; None otherwise (so that its existence does not leak)."""
    return visible_requests(viewer).filter(pk=pk).first()


def open_requests() -> QuerySet[CooperationRequest]:
    return _requests().filter(state__in=OPEN_REQUEST_STATES).order_by("window_start", "pk")


def request_history(request: CooperationRequest) -> QuerySet[StateChange]:
    return request.changes.select_related("actor", "mission").order_by("at", "pk")


def experts(
    viewer: Any, *, area: str | None = None, country: str | None = None, status: str | None = None
) -> QuerySet[Expert]:
    """The public roster (validated, consenting); the whole roster for the Secretariat.

    In the order of the experts' names, then of their people's ids (one expert per person), which the
    index ``person_name_idx`` serves: a page is read without sorting the whole roster."""
    roster = Expert.objects.select_related("person__institution", "country").prefetch_related("areas")
    if not viewer.has_perm("cooperation.view_roster"):
        roster = roster.filter(status=Expert.Status.VALIDATED, consent_public=True)
    elif status:
        roster = roster.filter(status=status)
    if area:
        roster = roster.filter(
            Exists(Expert.areas.through.objects.filter(expert=OuterRef("pk"), expertisearea__code=area))
        )
    if country:
        roster = roster.filter(country__iso3=country.upper())
    return roster.order_by(*EXPERT_KEYS)


# The roster's order, a unique key (one expert per person) that the index ``person_name_idx`` serves.
EXPERT_KEYS = ("person__name", "person_id")


def expert_key(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["name"], row["person_id"])


def expert_rows(page: QuerySet[Expert]) -> list[dict[str, Any]]:
    """The API's answers for a page of the roster (``ExpertOut``): the columns it shows, and the page's
    areas in one query, in the areas' order."""
    experts = list(
        page.prefetch_related(None).only(
            "pk", "original_language", "available_from", "available_until", "status", "decline_reason",
            *columns(Expert, "bio"),
            "country__iso3", "person__name", "person__languages", "person__institution__name",
            "person__institution__acronym",
        )
    )  # fmt: skip
    areas: dict[int, list[str]] = {}
    for expert_id, code in (
        Expert.areas.through.objects.filter(expert_id__in=[expert.pk for expert in experts])
        .order_by("expertisearea__position", "expertisearea__code")
        .values_list("expert_id", "expertisearea__code")
    ):
        areas.setdefault(expert_id, []).append(code)
    return [
        {
            "id": expert.pk,
            "name": expert.person.name,
            "person_id": expert.person_id,  # for the page's cursor (``expert_key``), not answered
            "country": expert.country.iso3,
            "institution": str(expert.person.institution) if expert.person.institution else None,
            "areas": areas.get(expert.pk, []),
            "languages": list(expert.person.languages or []),
            **texts(expert, "bio"),
            "original_language": expert.original_language,
            "available_from": expert.available_from,
            "available_until": expert.available_until,
            "status": expert.status,
            "decline_reason": expert.decline_reason,
        }
        for expert in experts
    ]


def offered_by(countries: set[str]) -> QuerySet[Expert]:
    return (
        Expert.objects.filter(country__iso3__in=countries)
        .select_related("person", "country")
        .prefetch_related("areas")
        .order_by("person__name", "pk")
    )


def mission_for(viewer: Any, pk: int) -> Mission | None:
    """The mission if the viewer may see it: anyone when its request is public and it is not cancelled;
    the Secretariat, its expert and both countries' delegates always."""
    mission = Mission.objects.select_related(*MISSION_RELATED).filter(pk=pk).first()
    if mission is None:
        return None
    public = mission.state != MissionState.CANCELLED and mission.request.state in PUBLIC_REQUEST_STATES
    return mission if public or viewer.has_perm("cooperation.view_mission_details", mission) else None


def missions_of(request: CooperationRequest) -> QuerySet[Mission]:
    return (
        Mission.objects.filter(request=request)
        .select_related("expert__person", "provider", "destination")
        .order_by("start_date", "pk")
    )


def completed_missions() -> QuerySet[Mission]:
    return (
        Mission.objects.filter(state__in=[MissionState.COMPLETED, MissionState.CLOSED])
        .select_related("request", "provider", "recipient")
        .prefetch_related("request__areas")
        .order_by("-end_date", "-pk")
    )


# Work lists -------------------------------------------------------------------------------------------


def _lacking(kind: str) -> Expression:
    """Missions without a report of ``kind``."""
    return ~Exists(MissionReport.objects.filter(mission=OuterRef("pk"), kind=kind))


@dataclass
class Queue:
    """What waits for the Secretariat."""

    to_decide: list[CooperationRequest]
    to_match: list[CooperationRequest]
    to_approve: list[Mission]
    to_close: list[Mission]
    to_confirm: list[ExpertProposal]
    to_validate: list[Expert]


def pending_expert_proposals() -> QuerySet[ExpertProposal]:
    """Offers naming a known person, oldest first, with the person's own record beside them."""
    return (
        ExpertProposal.objects.filter(status=ExpertProposal.Status.PENDING)
        .select_related(
            "country", "institution", "person__country", "person__institution", "person__expert_profile"
        )
        .prefetch_related("areas")
        .order_by("proposed_at", "pk")
    )


def secretariat_queue() -> Queue:
    missions = Mission.objects.select_related("request", "provider", "recipient", "expert__person")
    return Queue(
        to_decide=list(_requests().filter(state=RequestState.SUBMITTED).order_by("created_at", "pk")),
        to_match=list(
            _requests()
            .filter(state__in=[RequestState.APPROVED, RequestState.MATCHED])
            .annotate(match_count=Count("matches"))
            .order_by("window_start", "pk")
        ),
        to_approve=list(missions.filter(state=MissionState.PLANNED).order_by("start_date", "pk")),
        to_close=list(
            missions.filter(state=MissionState.COMPLETED)
            .annotate(report_count=Count("reports"))
            .order_by("end_date", "pk")
        ),
        to_confirm=list(pending_expert_proposals()),
        to_validate=list(
            Expert.objects.filter(status=Expert.Status.OFFERED)
            .select_related("person", "country")
            .prefetch_related("areas")
            .order_by("offered_at", "pk")
        ),
    )


@dataclass
class Workspace:
    """What a delegate and an expert have to do or follow."""

    countries: list[Country]
    requests: list[CooperationRequest]
    host_reports_due: list[Mission]
    experts: list[Expert]
    # The country's offers of people already known, as the country wrote them: shown like any other
    # offer awaiting the Secretariat, so that the list never tells which e-mails were known.
    proposals: list[ExpertProposal]
    my_missions: list[Mission]


def workspace(user: Any) -> Workspace:
    codes = countries_for(user, *ACTING_ROLES)
    missions = Mission.objects.select_related("request", "provider", "recipient", "expert__person")
    return Workspace(
        countries=list(Country.objects.filter(iso3__in=codes).order_by("iso3")),
        requests=list(request_list(user).filter(country__iso3__in=codes)) if codes else [],
        host_reports_due=list(
            missions.filter(recipient__iso3__in=codes, state=MissionState.COMPLETED).filter(
                _lacking(MissionReport.Kind.HOST)
            )
        )
        if codes
        else [],
        experts=list(offered_by(codes)) if codes else [],
        proposals=list(
            ExpertProposal.objects.filter(country__iso3__in=codes, status=ExpertProposal.Status.PENDING)
            .select_related("country")
            .prefetch_related("areas")
            .order_by("name", "pk")
        )
        if codes
        else [],
        my_missions=list(
            missions.filter(expert__person__user=user)
            .exclude(state=MissionState.CANCELLED)
            .annotate(expert_report_due=_lacking(MissionReport.Kind.EXPERT))
            .order_by("-start_date", "pk")
        )
        if has_role(user, Role.EXPERT)
        else [],
    )


# Dashboards -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flow:
    provider: Country
    recipient: Country
    missions: int


def _countries(codes: set[str]) -> dict[str, Country]:
    return {country.iso3: country for country in Country.objects.filter(iso3__in=codes)}


# The namespace of the fund's computed figures in ``gealc.core.figures``: the services that change what they
# count (missions, experts, calls) mark it changed. Requests count in none of them.
FIGURES = "cooperation"


def flows(*, year: int | None = None) -> list[Flow]:
    """Missions carried out from each providing country to each receiving country, most first."""
    return figures(FIGURES, f"flows:{year or 'all'}", lambda: _flows(year))


def largest_flows(limit: int) -> tuple[list[Flow], int]:
    """The ``limit`` largest flows, and how many flows there are in all (the dashboards show the first)."""

    def compute() -> tuple[list[Flow], int]:
        every = flows()
        return every[:limit], len(every)

    return figures(FIGURES, f"largest-flows:{limit}", compute)


def flow_rows(*, year: int | None = None) -> list[dict[str, Any]]:
    """The API's answers for the flows (``FlowOut``), with the countries' names in the active language."""
    return figures(
        FIGURES,
        f"flow-rows:{year or 'all'}:{get_language()}",
        lambda: [
            {
                "provider": flow.provider.iso3,
                "provider_name": flow.provider.name,
                "recipient": flow.recipient.iso3,
                "recipient_name": flow.recipient.name,
                "missions": flow.missions,
            }
            for flow in flows(year=year)
        ],
    )


def _flows(year: int | None) -> list[Flow]:
    missions = Mission.objects.carried_out()
    if year:
        missions = missions.filter(start_date__year=year)
    rows = list(
        missions.values("provider__iso3", "recipient__iso3")
        .annotate(count=Count("pk"))
        .order_by("-count", "provider__iso3", "recipient__iso3")
    )
    names = _countries({row["provider__iso3"] for row in rows} | {row["recipient__iso3"] for row in rows})
    return [Flow(names[row["provider__iso3"]], names[row["recipient__iso3"]], row["count"]) for row in rows]


def missions_per_year() -> list[dict[str, Any]]:
    """Missions carried out and distinct experts on them, per year of start."""
    return figures(FIGURES, "missions-per-year", _missions_per_year)


def _missions_per_year() -> list[dict[str, Any]]:
    rows = (
        Mission.objects.carried_out()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(missions=Count("pk"), experts=Count("expert", distinct=True))
        .order_by("year")
    )
    return [dict(row) for row in rows]


@dataclass(frozen=True)
class Exchange:
    country: Country
    given: int
    received: int


def exchanges_per_country() -> list[Exchange]:
    """Experts each country gave (sent on missions) and received, from missions carried out."""
    return figures(FIGURES, "exchanges", _exchanges_per_country)


def _exchanges_per_country() -> list[Exchange]:
    missions = Mission.objects.carried_out()
    given = dict(
        missions.values_list("provider__iso3")
        .annotate(n=Count("expert", distinct=True))
        .values_list("provider__iso3", "n")
    )
    received = dict(
        missions.values_list("recipient__iso3")
        .annotate(n=Count("expert", distinct=True))
        .values_list("recipient__iso3", "n")
    )
    names = _countries(set(given) | set(received))
    rows = [Exchange(names[code], given.get(code, 0), received.get(code, 0)) for code in names]
    return sorted(rows, key=lambda row: (-(row.given + row.received), row.country.iso3))


@dataclass(frozen=True)
class BaselineRow:
    baseline: Baseline
    recorded: int


def _recorded() -> dict[str, int]:
    carried_out = Mission.objects.carried_out()
    return {
        str(Baseline.Measure.EXPERTS_EXCHANGED): carried_out.values("expert").distinct().count(),
        str(Baseline.Measure.PROVIDER_COUNTRIES): carried_out.values("provider").distinct().count(),
        str(Baseline.Measure.ROSTER_SIZE): Expert.objects.filter(status=Expert.Status.VALIDATED).count(),
    }


def baselines() -> list[BaselineRow]:
    """The historical totals from public sources beside what the platform counts from its records."""
    recorded = figures(FIGURES, "recorded", _recorded)
    return [BaselineRow(baseline, recorded[str(baseline.measure)]) for baseline in Baseline.objects.all()]
