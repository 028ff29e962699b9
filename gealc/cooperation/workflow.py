"""The procedure of the fund as data: which step leads from which states to which, and who may take it.

Every service that moves a request or a mission looks its step up here, so this file is the whole
procedure. A step whose permission is None is never taken by a person directly: the request follows its
missions (see ``services._follow_missions``), and the person's right was checked on the mission's step.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gealc.cooperation.models import MissionState, RequestState
from gealc.core.errors import Conflict


@dataclass(frozen=True)
class Step:
    sources: frozenset[str]
    target: str
    permission: str | None
    label: str | Promise


def _step(sources: set[str], target: str, permission: str | None, label: str | Promise) -> Step:
    return Step(frozenset(sources), target, permission, label)


# The verb, not the start date: the context keeps their translations apart.
START = pgettext_lazy("procedure step", "start")

R = RequestState
REQUEST_STEPS: dict[str, Step] = {
    # The requesting country's delegates and head of delegation.
    "submit": _step({R.DRAFT}, R.SUBMITTED, "cooperation.submit_request", _("submit")),
    "withdraw": _step(
        {R.DRAFT, R.SUBMITTED, R.APPROVED, R.MATCHED},
        R.WITHDRAWN,
        "cooperation.withdraw_request",
        _("withdraw"),
    ),
    # The Secretariat.
    "approve": _step({R.SUBMITTED}, R.APPROVED, "cooperation.decide_request", _("approve")),
    "reject": _step({R.SUBMITTED}, R.REJECTED, "cooperation.decide_request", _("reject")),
    "match": _step({R.APPROVED, R.MATCHED}, R.MATCHED, "cooperation.match_request", _("match with experts")),
    "plan": _step(
        {R.MATCHED, R.MISSION_PLANNED}, R.MISSION_PLANNED, "cooperation.plan_mission", _("plan a mission")
    ),
    # Followed from the missions.
    "replan": _step({R.MISSION_PLANNED}, R.MATCHED, None, _("return to matching")),
    "start": _step({R.MISSION_PLANNED}, R.IN_PROGRESS, None, START),
    "complete": _step({R.IN_PROGRESS}, R.COMPLETED, None, _("complete")),
    "report": _step({R.COMPLETED}, R.REPORTED, None, _("report")),
    "close": _step({R.REPORTED}, R.CLOSED, None, _("close")),
}

M = MissionState
MISSION_STEPS: dict[str, Step] = {
    "approve": _step({M.PLANNED}, M.APPROVED, "cooperation.approve_mission", _("approve")),
    "cancel": _step({M.PLANNED, M.APPROVED}, M.CANCELLED, "cooperation.approve_mission", _("cancel")),
    "start": _step(
        {M.APPROVED}, M.IN_PROGRESS, "cooperation.run_mission", pgettext_lazy("procedure step", "start")
    ),
    "complete": _step({M.IN_PROGRESS}, M.COMPLETED, "cooperation.run_mission", _("complete")),
    "close": _step({M.COMPLETED}, M.CLOSED, "cooperation.close_mission", _("close")),
}

# The order in which a request passes through the states its missions drive.
REQUEST_PROGRESS = [R.MATCHED, R.MISSION_PLANNED, R.IN_PROGRESS, R.COMPLETED, R.REPORTED, R.CLOSED]

PUBLIC_REQUEST_STATES = frozenset(REQUEST_PROGRESS) | {R.APPROVED}
OPEN_REQUEST_STATES = frozenset({R.APPROVED, R.MATCHED})


def allowed(steps: dict[str, Step], state: str) -> list[str]:
    """The actions that the state allows, in the order of the table."""
    return [action for action, step in steps.items() if state in step.sources and step.permission]


def check_step(steps: dict[str, Step], action: str, *, state: str, state_label: str, what: str) -> Step:
    """The step for ``action``, or Conflict naming the current state when that state does not allow it."""
    step = steps[action]
    if state not in step.sources:
        raise Conflict(
            gettext("The %(what)s is in the state “%(state)s”: it cannot be %(action)s now.")
            % {"what": what, "state": state_label, "action": _past(action)}
        )
    return step


_PAST = {
    "submit": _("submitted"),
    "withdraw": _("withdrawn"),
    "approve": _("approved"),
    "reject": _("rejected"),
    "match": _("matched"),
    "plan": _("given a mission"),
    "cancel": _("cancelled"),
    "start": _("started"),
    "complete": _("completed"),
    "close": _("closed"),
    "report": _("reported on"),
    "replan": _("returned to matching"),
}


def _past(action: str) -> str:
    return str(_PAST.get(action, action))
