"""The fund's API under /api/v1/cooperation/. Reads are public where the records are; writes need a
token or a signed-in session and the role the step asks for."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import P, PathEx, Query, Router, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.accounts.api_auth import actor_of, authenticated
from gealc.cooperation import selectors, services
from gealc.cooperation.matching import rank_experts
from gealc.cooperation.models import (
    Call,
    CooperationRequest,
    Expert,
    ExpertiseArea,
    ExpertProposal,
    Mission,
    MissionReport,
)
from gealc.cooperation.schemas import (
    MAX_ID,
    REFUSED,
    AreaOut,
    CallIn,
    CallOut,
    ExpertFilters,
    ExpertIn,
    ExpertOfferOut,
    ExpertOut,
    ExpertProposalConfirmIn,
    ExpertProposalOut,
    FlowFilters,
    FlowOut,
    MatchIn,
    MatchOut,
    MissionIn,
    MissionOut,
    ProposalOut,
    ReasonIn,
    ReportIn,
    ReportOut,
    RequestDetailOut,
    RequestFilters,
    RequestIn,
    RequestOut,
    mission_out,
)
from gealc.cooperation.workflow import MISSION_STEPS, OPEN_REQUEST_STATES, REQUEST_STEPS
from gealc.core.api import BAD_INPUT, FORBIDDEN, NOT_FOUND, Keyset, ServiceErrorOut, paginate_by_key
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.workflow import add_step_endpoints
from gealc.members.api_lookups import country_by_iso3, country_or_none, institution_or_none

router = Router()


Id = PathEx[int, P(ge=1, le=MAX_ID)]


def _request(request: HttpRequest, request_id: int) -> CooperationRequest:
    found = selectors.request_for(actor_of(request), request_id)
    if found is None:
        raise HttpError(404, f"No request with id {request_id}")
    return found


def _mission(request: HttpRequest, mission_id: int) -> Mission:
    found = selectors.mission_for(actor_of(request), mission_id)
    if found is None:
        raise HttpError(404, f"No mission with id {mission_id}")
    return found


# Taxonomy and calls -----------------------------------------------------------------------------------


@router.get("/areas", response={200: list[AreaOut], **BAD_INPUT}, summary="The expertise areas")
@paginate
def list_areas(request: HttpRequest) -> QuerySet[ExpertiseArea]:
    return ExpertiseArea.objects.order_by("position", "code")


@router.get("/calls", response={200: list[CallOut], **BAD_INPUT}, summary="List calls with their budgets")
@paginate
def list_calls(request: HttpRequest) -> QuerySet[Call]:
    return selectors.calls()


@router.post(
    "/calls", response={201: CallOut, **FORBIDDEN, **REFUSED}, auth=authenticated, summary="Open a call"
)
def create_call(request: HttpRequest, payload: CallIn) -> Status[Call]:
    """For the Secretariat."""
    data = payload.dict()
    rates = {rate["country"]: rate["amount"] for rate in data.pop("per_diem_rates")}
    call = services.call_create(actor=actor_of(request), per_diem_rates=rates, **data)
    return Status(201, selectors.calls().get(pk=call.pk))


@router.get("/calls/{call_id}", response={200: CallOut, **NOT_FOUND, **BAD_INPUT}, summary="One call")
def get_call(request: HttpRequest, call_id: Id) -> Call:
    call = selectors.calls().filter(pk=call_id).first()
    if call is None:
        raise HttpError(404, f"No call with id {call_id}")
    return call


def _call(call_id: int) -> Call:
    call = Call.objects.filter(pk=call_id).first()
    if call is None:
        raise HttpError(404, f"No call with id {call_id}")
    return call


@router.put(
    "/calls/{call_id}",
    response={200: CallOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Change a call's period, budget, rules and per-diem rates",
)
def update_call(request: HttpRequest, call_id: Id, payload: CallIn) -> Call:
    """For the Secretariat, until the call is closed. The per-diem rates given replace the call's."""
    data = payload.dict()
    rates = {rate["country"]: rate["amount"] for rate in data.pop("per_diem_rates")}
    call = services.call_update(actor=actor_of(request), call=_call(call_id), per_diem_rates=rates, **data)
    return selectors.calls().get(pk=call.pk)


@router.post(
    "/calls/{call_id}/close",
    response={200: CallOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Close a call: it takes no more requests",
)
def close_call(request: HttpRequest, call_id: Id) -> Call:
    """For the Secretariat. Missions already approved under the call go on."""
    call = services.call_close(actor=actor_of(request), call=_call(call_id))
    return selectors.calls().get(pk=call.pk)


# Requests ---------------------------------------------------------------------------------------------


@router.get("/requests", response={200: list[RequestOut], **NOT_FOUND}, summary="List requests")
@paginate_by_key
def list_requests(request: HttpRequest, filters: Query[RequestFilters]) -> Keyset:
    """The public sees requests from their approval on; delegates also their own country's; the
    Secretariat all. Newest first; ``next`` pages on after the last request."""
    requests = selectors.request_list(actor_of(request), state=filters.state, country=filters.country)
    return Keyset(requests, selectors.request_rows, keys=selectors.REQUEST_KEYS, key=selectors.request_key)


@router.post(
    "/requests",
    response={201: RequestOut, **FORBIDDEN, **REFUSED},
    auth=authenticated,
    summary="Draft a request",
)
def create_request(request: HttpRequest, payload: RequestIn) -> Status[CooperationRequest]:
    """For a delegate or the head of delegation of the requesting country (a member)."""
    data = payload.dict()
    country = country_by_iso3(data.pop("country"))
    call_id = data.pop("call")
    call = None
    if call_id is not None:
        call = Call.objects.filter(pk=call_id).first()
        if call is None:
            raise ServiceError(_("No call with id %(id)d.") % {"id": call_id}, field="call")
    host = institution_or_none(data.pop("host_institution"), field="host_institution")
    created = services.request_draft(
        actor=actor_of(request), country=country, call=call, host_institution=host, **data
    )
    return Status(201, _request(request, created.pk))


@router.get(
    "/requests/{request_id}",
    response={200: RequestDetailOut, **NOT_FOUND, **BAD_INPUT},
    summary="One request, with its history",
)
def get_request(request: HttpRequest, request_id: Id) -> CooperationRequest:
    return _request(request, request_id)


# The request's steps, one operation each: POST /requests/{request_id}/<step>, from workflow.REQUEST_STEPS.
add_step_endpoints(
    router,
    REQUEST_STEPS,
    path="/requests/{request_id}",
    id_name="request_id",
    id_type=Id,
    find=_request,
    answer=lambda request, request_id, _result: _request(request, request_id),
    out=RequestOut,
    errors={**FORBIDDEN, **NOT_FOUND, **REFUSED},
    actor=actor_of,
    auth=authenticated,
    module=__name__,
)


# Matching ---------------------------------------------------------------------------------------------


@router.get(
    "/requests/{request_id}/matches",
    response={200: list[ProposalOut], **FORBIDDEN, **NOT_FOUND, **BAD_INPUT, 409: ServiceErrorOut},
    auth=authenticated,
    summary="Experts proposed for a request, with their scores and reasons",
)
@paginate
def list_matches(request: HttpRequest, request_id: Id) -> list[Any]:
    """For the Secretariat, once the request is approved. Experts from the requesting country are
    never proposed."""
    coop = _request(request, request_id)
    require(actor_of(request), "cooperation.match_request", coop)
    if coop.state not in OPEN_REQUEST_STATES:
        raise Conflict(
            _("The request is in the state “%(state)s”: experts are proposed once it is approved.")
            % {"state": coop.get_state_display()}
        )
    return rank_experts(coop)


@router.post(
    "/requests/{request_id}/matches",
    response={201: list[MatchOut], **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Pick experts for a request",
)
def create_matches(request: HttpRequest, request_id: Id, payload: MatchIn) -> Status[list[Any]]:
    """For the Secretariat. A pick other than the best-ranked proposals needs ``override_reason``."""
    matches = services.request_match(
        actor=actor_of(request),
        request=_request(request, request_id),
        experts=payload.experts,
        override_reason=payload.override_reason,
    )
    return Status(201, matches)


# Experts ----------------------------------------------------------------------------------------------


@router.get("/experts", response={200: list[ExpertOut], **NOT_FOUND}, summary="The expert roster")
@paginate_by_key
def list_experts(request: HttpRequest, filters: Query[ExpertFilters]) -> Keyset:
    """Experts who are validated and agreed to be listed, never with contact details. The Secretariat
    sees the whole roster and may filter it by ``status``. In the order of the experts' names (ties in
    the order the people were recorded); ``next`` pages on after the last expert."""
    roster = selectors.experts(
        actor_of(request), area=filters.area, country=filters.country, status=filters.status
    )
    return Keyset(roster, selectors.expert_rows, keys=selectors.EXPERT_KEYS, key=selectors.expert_key)


@router.post(
    "/experts",
    response={202: ExpertOfferOut, **FORBIDDEN, **REFUSED},
    auth=authenticated,
    summary="Offer an expert",
)
def create_expert(request: HttpRequest, payload: ExpertIn) -> Status[dict[str, str]]:
    """For the offering country's delegates and head of delegation (a member), or the Secretariat.

    Every accepted offer gets the same answer: an e-mail the platform already knows becomes a proposal
    for the Secretariat to confirm (``/experts/proposals``), and the answer never says which it was.
    """
    data = payload.dict()
    country = country_by_iso3(data.pop("country"))
    institution = institution_or_none(data.pop("institution"))
    services.expert_offer(actor=actor_of(request), country=country, institution=institution, **data)
    return Status(202, {"status": "received", "message": services.offer_received()})


@router.get(
    "/experts/proposals",
    response={200: list[ExpertProposalOut], **FORBIDDEN},
    auth=authenticated,
    summary="Offers naming a known person, for the Secretariat to confirm",
)
@paginate
def list_expert_proposals(request: HttpRequest) -> QuerySet[ExpertProposal]:
    """For the Secretariat: the proposals still waiting."""
    require(actor_of(request), "cooperation.validate_expert")
    return selectors.pending_expert_proposals()


def _proposal(proposal_id: int) -> ExpertProposal:
    proposal = ExpertProposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        raise HttpError(404, f"No proposal with id {proposal_id}")
    return proposal


@router.post(
    "/experts/proposals/{proposal_id}/confirm",
    response={200: ExpertOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Confirm a proposal: the person joins the roster as an offered expert",
)
def confirm_expert_proposal(
    request: HttpRequest, proposal_id: Id, payload: ExpertProposalConfirmIn | None = None
) -> Expert:
    """For the Secretariat. The person's country changes only with ``person_country``."""
    return services.expert_proposal_confirm(
        actor=actor_of(request),
        proposal=_proposal(proposal_id),
        person_country=bool(payload and payload.person_country),
    )


@router.post(
    "/experts/proposals/{proposal_id}/decline",
    response={200: ExpertProposalOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Decline a proposal",
)
def decline_expert_proposal(request: HttpRequest, proposal_id: Id) -> ExpertProposal:
    """For the Secretariat."""
    return services.expert_proposal_decline(actor=actor_of(request), proposal=_proposal(proposal_id))


@router.post(
    "/experts/{expert_id}/validate",
    response={200: ExpertOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Validate an offered expert",
)
def validate_expert(request: HttpRequest, expert_id: Id) -> Expert:
    """For the Secretariat."""
    expert = Expert.objects.filter(pk=expert_id).first()
    if expert is None:
        raise HttpError(404, f"No expert with id {expert_id}")
    return services.expert_validate(actor=actor_of(request), expert=expert)


@router.post(
    "/experts/{expert_id}/decline",
    response={200: ExpertOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Decline an offered expert, with the reason the offering country reads",
)
def decline_expert(request: HttpRequest, expert_id: Id, payload: ReasonIn) -> Expert:
    """For the Secretariat. The offering country's delegates are told the reason; the country may offer
    the person again, which puts the same expert back among the offers to validate."""
    expert = Expert.objects.filter(pk=expert_id).first()
    if expert is None:
        raise HttpError(404, f"No expert with id {expert_id}")
    return services.expert_decline(actor=actor_of(request), expert=expert, reason=payload.reason)


# Missions ---------------------------------------------------------------------------------------------


def _mission_answer(request: HttpRequest, mission_id: int) -> dict[str, Any]:
    mission = _mission(request, mission_id)
    details = actor_of(request).has_perm("cooperation.view_mission_details", mission)
    reports = sorted(MissionReport.objects.filter(mission=mission).values_list("kind", flat=True))
    return mission_out(
        mission, details=details, show_expert=details or mission.expert.consent_public, reports=reports
    )


@router.post(
    "/requests/{request_id}/missions",
    response={201: MissionOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Plan a mission",
)
def create_mission(request: HttpRequest, request_id: Id, payload: MissionIn) -> Status[dict[str, Any]]:
    """For the Secretariat: a matched expert, dates and budget lines. Nothing is committed until the
    mission is approved."""
    coop = _request(request, request_id)
    data = payload.dict()
    expert = Expert.objects.filter(pk=data.pop("expert")).first()
    if expert is None:
        raise ServiceError(_("No expert with id %(id)d.") % {"id": payload.expert}, field="expert")
    destination_code = data.pop("destination")
    destination = country_or_none(destination_code, field="destination")
    mission = services.mission_plan(
        actor=actor_of(request), request=coop, expert=expert, destination=destination, **data
    )
    return Status(201, _mission_answer(request, mission.pk))


@router.get(
    "/missions/{mission_id}",
    response={200: MissionOut, **NOT_FOUND, **BAD_INPUT},
    summary="One mission, with its budget",
)
def get_mission(request: HttpRequest, mission_id: Id) -> dict[str, Any]:
    return _mission_answer(request, mission_id)


# The mission's steps, one operation each: POST /missions/{mission_id}/<step>, from workflow.MISSION_STEPS.
add_step_endpoints(
    router,
    MISSION_STEPS,
    path="/missions/{mission_id}",
    id_name="mission_id",
    id_type=Id,
    find=_mission,
    answer=lambda request, mission_id, _result: _mission_answer(request, mission_id),
    out=MissionOut,
    errors={**FORBIDDEN, **NOT_FOUND, **REFUSED},
    actor=actor_of,
    auth=authenticated,
    module=__name__,
)


@router.post(
    "/missions/{mission_id}/reports",
    response={201: ReportOut, **FORBIDDEN, **NOT_FOUND, **REFUSED},
    auth=authenticated,
    summary="Report on a completed mission",
)
def create_report(request: HttpRequest, mission_id: Id, payload: ReportIn) -> Status[MissionReport]:
    """``kind`` "expert" (outputs, recommendations) for the mission's expert; "host" (results, rating
    1 to 5) for the requesting country's delegates and head of delegation."""
    report = services.mission_report(
        actor=actor_of(request), mission=_mission(request, mission_id), **payload.dict()
    )
    return Status(201, report)


# Flows ------------------------------------------------------------------------------------------------


@router.get(
    "/flows",
    response={200: list[FlowOut], **BAD_INPUT},
    summary="Missions from providing to receiving countries",
)
@paginate
def list_flows(request: HttpRequest, filters: Query[FlowFilters]) -> list[dict[str, Any]]:
    return selectors.flow_rows(year=filters.year)
