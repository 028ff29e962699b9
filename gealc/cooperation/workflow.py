"""The procedure of the fund as data: each step of a request or a mission, declared once.

A step says from which states it leads to which, who may take it (a permission rule), which service takes
it, what it asks for (a form on the pages, a schema in the API), and what people read about it: the
button, the message once done, the e-mail to those concerned, the refusal. The pages, the API and the
e-mails are derived from these tables (see ``gealc.core.workflow``), so this file is the whole procedure.

A step whose permission is None is never taken by a person directly: the request follows its missions
(see ``services._follow_missions``), and the person's right was checked on the mission's step.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gealc.cooperation import forms
from gealc.cooperation.models import Mission, MissionState, RequestState
from gealc.cooperation.schemas import CloseIn, OptionalReasonIn, ReasonIn
from gealc.core.workflow import Step, record_step, step, steps

# The verb, not the start date: the context keeps their translations apart.
START = pgettext_lazy("procedure step", "start")

SERVICES = "gealc.cooperation.services"


def _call_is_open(request: Any) -> bool:
    """A draft is submitted while its call is open (the service refuses it otherwise)."""
    return bool(request.call.is_open_on(timezone.localdate()))


_request = record_step("request", SERVICES)
_mission = record_step("mission", SERVICES)


def _actual_costs(mission: Mission) -> dict[str, Any]:
    """What the close form proposes: the planned costs, to be corrected."""
    return {
        "actual_travel_cost": mission.travel_cost,
        "actual_days": mission.days,
        "actual_other_cost": mission.other_cost,
    }


R = RequestState
REQUEST_STEPS: dict[str, Step] = steps(
    # The requesting country's delegates and head of delegation.
    _request(
        "submit",
        {R.DRAFT},
        R.SUBMITTED,
        "cooperation.submit_request",
        label=_("submit"),
        past=_("submitted"),
        success=_("The request was submitted to the Secretariat."),
        notice=_("submitted to the Secretariat"),
        offered=_call_is_open,
        summary="Submit a draft",
        description="For the requesting country, while the call is open.",
    ),
    _request(
        "withdraw",
        {R.DRAFT, R.SUBMITTED, R.APPROVED, R.MATCHED},
        R.WITHDRAWN,
        "cooperation.withdraw_request",
        label=_("withdraw"),
        past=_("withdrawn"),
        form=forms.WithdrawForm,
        schema=OptionalReasonIn,
        schema_required=False,
        style="outline-secondary",
        success=_("The request was withdrawn."),
        notice=_("withdrawn by the country"),
        summary="Withdraw a request",
        description="For the requesting country, until a mission is planned.",
    ),
    # The Secretariat.
    _request(
        "approve",
        {R.SUBMITTED},
        R.APPROVED,
        "cooperation.decide_request",
        label=_("approve"),
        past=_("approved"),
        success=_("The request was approved."),
        notice=_("approved by the Secretariat"),
        summary="Approve a request",
        description="For the Secretariat.",
    ),
    _request(
        "reject",
        {R.SUBMITTED},
        R.REJECTED,
        "cooperation.decide_request",
        label=_("reject"),
        past=_("rejected"),
        form=forms.RejectForm,
        schema=ReasonIn,
        style="outline-danger",
        success=_("The request was rejected; the country will read the reason."),
        notice=_("rejected by the Secretariat"),
        summary="Reject a request",
        description="For the Secretariat, with the reason the country will read.",
    ),
    # Taken on pages of their own (and API operations that create the matches and the missions).
    _request(
        "match",
        {R.APPROVED, R.MATCHED},
        R.MATCHED,
        "cooperation.match_request",
        label=_("match with experts"),
        past=_("matched"),
        page="cooperation:matching",
        notice=_("matched with experts"),
    ),
    step(
        "plan",
        {R.MATCHED, R.MISSION_PLANNED},
        R.MISSION_PLANNED,
        "cooperation.plan_mission",
        label=_("plan a mission"),
        past=_("given a mission"),
        page="cooperation:mission_new",
        record="request",
        service=f"{SERVICES}.mission_plan",
        notice=_("a mission is planned"),
    ),
    # Followed from the missions.
    step(
        "replan",
        {R.MISSION_PLANNED},
        R.MATCHED,
        None,
        label=_("return to matching"),
        past=_("returned to matching"),
    ),
    step("start", {R.MISSION_PLANNED}, R.IN_PROGRESS, None, label=START, past=_("started")),
    step("complete", {R.IN_PROGRESS}, R.COMPLETED, None, label=_("complete"), past=_("completed")),
    step("report", {R.COMPLETED}, R.REPORTED, None, label=_("report"), past=_("reported on")),
    step("close", {R.REPORTED}, R.CLOSED, None, label=_("close"), past=_("closed")),
)

M = MissionState
MISSION_STEPS: dict[str, Step] = steps(
    _mission(
        "approve",
        {M.PLANNED},
        M.APPROVED,
        "cooperation.approve_mission",
        label=_("approve"),
        past=_("approved"),
        success=_("The mission is approved and its cost committed."),
        notice=_("the mission is approved and its cost committed"),
        summary="Approve a mission and commit its cost",
        description="For the Secretariat. Refused with the figures when the call has not enough available.",
    ),
    _mission(
        "cancel",
        {M.PLANNED, M.APPROVED},
        M.CANCELLED,
        "cooperation.approve_mission",
        label=_("cancel"),
        past=_("cancelled"),
        form=forms.CancelForm,
        schema=ReasonIn,
        style="outline-danger",
        success=_("The mission is cancelled; its commitment is released."),
        notice=_("the mission is cancelled"),
        summary="Cancel a mission",
        description="For the Secretariat, before the mission starts; its commitment is released.",
    ),
    _mission(
        "start",
        {M.APPROVED},
        M.IN_PROGRESS,
        "cooperation.run_mission",
        label=START,
        past=_("started"),
        offered=lambda mission: timezone.localdate() >= mission.start_date,
        success=_("The mission has started."),
        notice=_("the mission has started"),
        summary="Start a mission",
        description="For the Secretariat or the mission's expert, from the mission's start date on.",
    ),
    _mission(
        "complete",
        {M.IN_PROGRESS},
        M.COMPLETED,
        "cooperation.run_mission",
        label=_("complete"),
        past=_("completed"),
        success=_("The mission is completed: both reports are now due."),
        notice=_("the mission is completed: reports are due"),
        summary="Complete a mission",
        description="For the Secretariat or the mission's expert.",
    ),
    _mission(
        "close",
        {M.COMPLETED},
        M.CLOSED,
        "cooperation.close_mission",
        label=_("close"),
        past=_("closed"),
        button=_("Close with these actual costs"),
        form=forms.CloseForm,
        initial=_actual_costs,
        schema=CloseIn,
        success=_("The mission is closed; its actual costs replace its commitment."),
        notice=_("the mission is closed"),
        summary="Close a mission with its actual costs",
        description="For the Secretariat, once both reports are in. The actual costs replace the commitment.",
    ),
)

# The order in which a request passes through the states its missions drive.
REQUEST_PROGRESS = [R.MATCHED, R.MISSION_PLANNED, R.IN_PROGRESS, R.COMPLETED, R.REPORTED, R.CLOSED]

PUBLIC_REQUEST_STATES = frozenset(REQUEST_PROGRESS) | {R.APPROVED}
OPEN_REQUEST_STATES = frozenset({R.APPROVED, R.MATCHED})
