from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from gealc.accounts.api_auth import actor_of, authenticated
from gealc.core.api import BAD_INPUT, NOT_FOUND, ErrorOut, IsoDate, Refused, ServiceErrorOut
from gealc.core.i18n import columns, texts
from gealc.core.workflow import add_step_endpoints
from gealc.governance import services
from gealc.governance.models import Activity, Election, Meeting, Motion, NetworkRules
from gealc.governance.schemas import (
    BallotIn,
    CandidateIn,
    CommitteeOut,
    ElectionIn,
    ElectionOut,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MotionIn,
    MotionOut,
    ParticipantOut,
    ParticipantsIn,
    ParticipantsRefused,
    ProgressIn,
    PublishedBallotOut,
    ReceiptOut,
    ReceiptStatusOut,
    ResultsOut,
    VoteIn,
    VoteOut,
    WorkPlanOut,
)
from gealc.governance.selectors import (
    ballots_withheld,
    committee_view,
    election_view,
    meeting_detail,
    meeting_list,
    motion_view,
    published_ballots,
    published_receipts,
    quorum_dict,
    receipt_counted,
    workplan_view,
)
from gealc.governance.services import quorum
from gealc.governance.workflow import ELECTION_STEPS, MOTION_STEPS
from gealc.members.models import Country, Subregion

router = Router()

# Every write answers these besides its success.
WRITE = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ServiceErrorOut, 422: Refused}


def _meeting(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_related("host_country").filter(pk=meeting_id).first()
    if meeting is None:
        raise HttpError(404, f"No meeting with id {meeting_id}")
    return meeting


def _motion(motion_id: int) -> Motion:
    motion = Motion.objects.select_related("meeting").filter(pk=motion_id).first()
    if motion is None:
        raise HttpError(404, f"No motion with id {motion_id}")
    return motion


def _election(election_id: int) -> Election:
    election = Election.objects.select_related("meeting").filter(pk=election_id).first()
    if election is None:
        raise HttpError(404, f"No election with id {election_id}")
    return election


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "ordinal": meeting.ordinal,
        **texts(meeting, "title"),
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "host_country": meeting.host_country.iso3,
        "city": meeting.city,
    }


def _participants(meeting: Meeting) -> list[dict[str, Any]]:
    return [
        {
            "country": delegation.country.iso3,
            "name": delegation.country.name,
            "status": delegation.country.status,
            "representatives": [person.name for person in delegation.representatives.all()],
        }
        for delegation in sorted(meeting.delegations.all(), key=lambda d: d.country.iso3)
    ]


class MeetingFilters(Schema):
    kind: Literal["annual", "ministerial", "extraordinary", "executive_committee"] | None = None
    year: int | None = Field(None, ge=1990, le=2200)


@router.get("/meetings", response={200: list[MeetingOut], **BAD_INPUT}, summary="List meetings")
@paginate
def list_meetings(
    request: HttpRequest, filters: Query[MeetingFilters]
) -> list[dict[str, Any]] | QuerySet[Meeting]:
    meetings = meeting_list()
    if filters.kind:
        meetings = meetings.filter(kind=filters.kind)
    if filters.year:
        meetings = meetings.filter(start_date__year=filters.year)
    return meetings.only(
        "pk", "kind", "ordinal", "original_language", *columns(Meeting, "title"), "start_date", "end_date",
        *columns(Meeting, "city"), "host_country__iso3",
    )  # fmt: skip


@router.post("/meetings", response={201: MeetingOut, **WRITE}, auth=authenticated, summary="Create a meeting")
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    host = Country.objects.filter(iso3=data.pop("host_country").upper()).first()
    if host is None:
        raise HttpError(422, "host_country is not a known ISO 3166-1 alpha-3 code")
    meeting = services.meeting_create(actor=actor_of(request), host_country=host, **data)
    return Status(201, _meeting_out(meeting))


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **NOT_FOUND}, summary="One meeting")
def get_meeting(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    meeting = meeting_detail(meeting_id)
    if meeting is None:
        raise HttpError(404, f"No meeting with id {meeting_id}")
    return {
        **_meeting_out(meeting),
        "agenda": [{"position": item.position, **texts(item, "title")} for item in meeting.agenda.all()],
        "documents": [
            {"title": d.title, "url": d.url, "language": d.language} for d in meeting.documents.all()
        ],
        "participants": _participants(meeting),
        "quorum": quorum_dict(quorum(meeting)),
        "motions": [
            {"id": m.pk, "title": m.title, "rule": m.rule, "status": m.status, "result": m.result}
            for m in meeting.motions.all()
        ],
        "elections": [
            {"id": e.pk, "title": e.title, "ballot": e.ballot_type, "status": e.status}
            for e in meeting.elections.all()
        ],
    }


@router.put(
    "/meetings/{meeting_id}/participants",
    response={
        200: list[ParticipantOut],
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ParticipantsRefused,
    },
    auth=authenticated,
    summary="Record who took part",
)
def put_participants(request: HttpRequest, meeting_id: int, payload: ParticipantsIn) -> list[dict[str, Any]]:
    """Names in any of the four languages or ISO codes. A country named twice or an unknown name is
    refused with the names listed (`duplicates`, `unknown`), and nothing is recorded."""
    meeting = _meeting(meeting_id)
    services.participants_set(actor=actor_of(request), meeting=meeting, names=payload.countries)
    detail = meeting_detail(meeting_id)
    assert detail is not None
    return _participants(detail)


@router.post("/meetings/{meeting_id}/motions", response={201: MotionOut, **WRITE}, auth=authenticated)
def create_motion(request: HttpRequest, meeting_id: int, payload: MotionIn) -> Status[dict[str, Any]]:
    motion = services.motion_create(actor=actor_of(request), meeting=_meeting(meeting_id), **payload.dict())
    return Status(201, motion_view(motion))


@router.get(
    "/motions/{motion_id}", response={200: MotionOut, **NOT_FOUND}, summary="A motion and its roll call"
)
def get_motion(request: HttpRequest, motion_id: int) -> dict[str, Any]:
    return motion_view(_motion(motion_id))


@router.post(
    "/motions/{motion_id}/votes", response={201: VoteOut, **WRITE}, auth=authenticated, summary="Vote"
)
def cast_vote(request: HttpRequest, motion_id: int, payload: VoteIn) -> Status[dict[str, Any]]:
    """Cast by the head of delegation of a member country present at the meeting, once."""
    vote = services.vote_cast(
        actor=actor_of(request),
        motion=_motion(motion_id),
        option=payload.option,
        country=payload.country,
    )
    return Status(201, {"voter_id": vote.country.iso3, "option": vote.option})


# The motion's steps (workflow.MOTION_STEPS): POST /motions/{motion_id}/close.
add_step_endpoints(
    router,
    MOTION_STEPS,
    path="/motions/{motion_id}",
    id_name="motion_id",
    id_type=int,
    find=lambda request, motion_id: _motion(motion_id),
    answer=lambda request, motion_id, motion: motion_view(motion),
    out=MotionOut,
    errors=WRITE,
    actor=actor_of,
    auth=authenticated,
    module=__name__,
)


@router.post(
    "/elections", response={201: ElectionOut, **WRITE}, auth=authenticated, summary="Create an election"
)
def create_election(request: HttpRequest, payload: ElectionIn) -> Status[dict[str, Any]]:
    contests = None
    if payload.contests is not None:
        subregions = {s.code: s for s in Subregion.objects.all()}
        contests = []
        for contest in payload.contests:
            spec = contest.dict()
            code = spec.pop("subregion")
            if code and code not in subregions:
                raise HttpError(422, f"unknown subregion {code!r} in contest {contest.key!r}")
            contests.append({**spec, "subregion": subregions.get(code or "")})
    election = services.election_create(
        actor=actor_of(request),
        meeting=_meeting(payload.meeting),
        title=payload.title,
        original_language=payload.original_language,
        ballot_type=payload.ballot,
        contests=contests,
    )
    return Status(201, election_view(election))


@router.get("/elections/{election_id}", response={200: ElectionOut, **NOT_FOUND}, summary="An election")
def get_election(request: HttpRequest, election_id: int) -> dict[str, Any]:
    return election_view(_election(election_id))


@router.post("/elections/{election_id}/candidates", response={201: ElectionOut, **WRITE}, auth=authenticated)
def add_candidate(request: HttpRequest, election_id: int, payload: CandidateIn) -> Status[dict[str, Any]]:
    election = _election(election_id)
    services.candidacy_add(
        actor=actor_of(request),
        election=election,
        contest_key=payload.contest,
        country_code=payload.country,
    )
    return Status(201, election_view(election))


# The election's steps (workflow.ELECTION_STEPS): POST /elections/{election_id}/open, close, certify and
# runoff, which answers the new election.
add_step_endpoints(
    router,
    ELECTION_STEPS,
    path="/elections/{election_id}",
    id_name="election_id",
    id_type=int,
    find=lambda request, election_id: _election(election_id),
    answer=lambda request, election_id, election: election_view(election),
    out=ElectionOut,
    errors=WRITE,
    actor=actor_of,
    auth=authenticated,
    module=__name__,
)


@router.post("/elections/{election_id}/ballots", response={201: ReceiptOut, **WRITE}, auth=authenticated)
def cast_ballot(request: HttpRequest, election_id: int, payload: BallotIn) -> Status[dict[str, str]]:
    """The head of delegation casts the country's ballot; keep the receipt to find it once published."""
    ballot = services.ballot_cast(
        actor=actor_of(request),
        election=_election(election_id),
        choices=payload.choices,
        country=payload.country,
    )
    return Status(201, {"receipt": ballot.receipt})


def _closed(election: Election) -> None:
    if election.status not in (Election.Status.CLOSED, Election.Status.CERTIFIED):
        raise HttpError(409, "Results and ballots are published when voting closes.")


@router.get("/elections/{election_id}/results", response={200: ResultsOut, **NOT_FOUND, 409: ErrorOut})
def get_results(request: HttpRequest, election_id: int) -> dict[str, Any]:
    election = _election(election_id)
    _closed(election)
    return {"election": election.pk, "status": election.status, **election.results}


def _published(election: Election) -> None:
    _closed(election)
    if ballots_withheld(election):
        raise HttpError(
            409,
            gettext(
                "Fewer than %(minimum)d ballots were cast: they are not published one by one, so that "
                "none can be traced to its country."
            )
            % {"minimum": NetworkRules.current().min_ballots_published},
        )


@router.get(
    "/elections/{election_id}/ballots",
    response={200: list[PublishedBallotOut], **NOT_FOUND, 409: ErrorOut, **BAD_INPUT},
    summary="The published ballots",
)
@paginate
def get_ballots(request: HttpRequest, election_id: int) -> list[dict[str, Any]]:
    """Every ballot with its choices. Open ballots come with their country and receipt; secret ballots
    with neither, in random order (their receipts are at ``/receipts``). 409 while voting is open, or when
    a secret election has fewer ballots than the network publishes."""
    election = _election(election_id)
    _published(election)
    return published_ballots(election)


@router.get(
    "/elections/{election_id}/receipts",
    response={200: list[ReceiptOut], **NOT_FOUND, 409: ErrorOut, **BAD_INPUT},
    summary="The receipts of the counted ballots",
)
@paginate
def get_receipts(request: HttpRequest, election_id: int) -> list[dict[str, str]]:
    """The receipts of every counted ballot, in alphabetical order, apart from the ballots' contents."""
    election = _election(election_id)
    _published(election)
    return [{"receipt": receipt} for receipt in published_receipts(election)]


@router.get(
    "/elections/{election_id}/receipts/{receipt}",
    response={200: ReceiptStatusOut, **NOT_FOUND, 409: ErrorOut},
    summary="Whether the ballot with a receipt was counted",
)
def get_receipt(request: HttpRequest, election_id: int, receipt: str) -> dict[str, str]:
    """``counted``, or 404: never what the ballot says, so a receipt cannot prove a vote to anyone."""
    election = _election(election_id)
    _closed(election)
    if not receipt_counted(election, receipt):
        raise HttpError(404, gettext("No ballot with this receipt was counted in this election."))
    return {"receipt": receipt.strip().upper(), "status": "counted"}


class CommitteeQuery(Schema):
    date: IsoDate | None = Field(None, description="YYYY-MM-DD (default: today)")


@router.get(
    "/committee", response={200: CommitteeOut, **BAD_INPUT}, summary="The Executive Committee on a date"
)
def get_committee(request: HttpRequest, query: Query[CommitteeQuery]) -> dict[str, Any]:
    return committee_view(query.date or timezone.localdate())


@router.get("/workplans/{year}", response={200: WorkPlanOut, **NOT_FOUND}, summary="A year's work plan")
def get_workplan(request: HttpRequest, year: int) -> dict[str, Any]:
    view = workplan_view(year)
    if view is None:
        raise HttpError(404, f"No work plan for {year}")
    return view


@router.post("/activities/{activity_id}/progress", response={201: WorkPlanOut, **WRITE}, auth=authenticated)
def report_progress(request: HttpRequest, activity_id: int, payload: ProgressIn) -> Status[dict[str, Any]]:
    activity = (
        Activity.objects.select_related("axis__workplan", "lead_country").filter(pk=activity_id).first()
    )
    if activity is None:
        raise HttpError(404, f"No activity with id {activity_id}")
    services.progress_report(actor=actor_of(request), activity=activity, **payload.dict())
    view = workplan_view(activity.axis.workplan.year)
    assert view is not None
    return Status(201, view)
