"""The procedures of elections and motions as data: each step declared once (see ``gealc.core.workflow``).

The services check the state of the record against these tables; the API's step operations and the
Secretariat's buttons on the election and motion pages are derived from them. Casting a vote or a ballot
is no step: it does not change the record's state, and has its own pages and operations.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gealc.core.workflow import Step, step, steps
from gealc.governance.models import Election, Motion

SERVICES = "gealc.governance.services"


def _election(name: str, sources: set[str], target: str | None, **declaration: Any) -> Step:
    return step(
        name, sources, target, "governance.manage",
        record="election", service=f"{SERVICES}.election_{name}", **declaration,
    )  # fmt: skip


def _needs_runoff(election: Election) -> bool:
    """Some contest ended without a result, and its runoff is not prepared yet."""
    contests = (election.results or {}).get("contests", [])
    return any(result["status"] == "runoff" for result in contests) and not election.runoffs.exists()


def _has_a_result(election: Election) -> bool:
    """The count had a quorum and the turnout the rules ask for: there is a result to certify."""
    results = election.results or {}
    return bool(results.get("quorum", {}).get("met")) and bool(results.get("turnout", {}).get("met", True))


E = Election.Status
ELECTION_STEPS: dict[str, Step] = steps(
    _election(
        "open",
        {E.DRAFT},
        E.OPEN,
        label=_("open the voting"),
        past=_("opened"),
        success=_("The voting is open: the heads of delegation present may cast their ballots."),
        operation="open_election",
    ),
    _election(
        "close",
        {E.OPEN},
        E.CLOSED,
        label=_("close the voting"),
        past=_("closed"),
        style="outline-danger",
        success=_("The voting is closed and the ballots are counted."),
        operation="close_election",
    ),
    _election(
        "certify",
        {E.CLOSED},
        E.CERTIFIED,
        label=_("certify the results"),
        past=_("certified"),
        success=_("The results are certified: the elected countries take their seats."),
        operation="certify_election",
        offered=_has_a_result,
    ),
    # A runoff is a new election; this one keeps its state.
    _election(
        "runoff",
        {E.CLOSED, E.CERTIFIED},
        None,
        label=_("prepare a runoff"),
        past=_("given a runoff"),
        style="outline-secondary",
        offered=_needs_runoff,
        success=_("The runoff is prepared with the contests that had no result."),
        operation="create_runoff",
        description="A second round for the contests that ended without a majority or in a tie.",
        status=201,
    ),
)

MOTION_STEPS: dict[str, Step] = steps(
    step(
        "close",
        {Motion.Status.OPEN},
        Motion.Status.CLOSED,
        "governance.manage",
        record="motion",
        service=f"{SERVICES}.motion_close",
        label=_("close the voting"),
        past=_("closed"),
        success=_("The voting is closed and the motion's result recorded."),
        operation="close_motion",
    ),
)
