# mypy: disable-error-code="attr-defined,no-untyped-call"
"""Who may do what in the Horizontal Cooperation Fund.

Delegates and heads of delegation act for their own country, which must be a member (observers and
partners neither request nor offer). The Secretariat decides, matches, plans and pays. An expert runs
and reports on their own missions. Records passed to the predicates come with their countries (and a
mission with its expert's person) already loaded by the selectors.
"""

from __future__ import annotations

from typing import Any

import rules

from gealc.accounts.roles import countries_for, has_role
from gealc.accounts.rules import is_secretariat
from gealc.cooperation.models import CooperationRequest, Expert, Mission
from gealc.cooperation.workflow import PUBLIC_REQUEST_STATES
from gealc.members.models import Country, Role

ACTING_ROLES = (Role.DELEGATE, Role.HEAD_OF_DELEGATION)


def _acts_for(user: Any, country: Country | None) -> bool:
    return country is not None and country.iso3 in countries_for(user, *ACTING_ROLES)


@rules.predicate
def acts_for_member_country(user: Any, country: Any) -> bool:
    """A delegate or head of delegation of ``country``, a member of the network."""
    return isinstance(country, Country) and country.is_member and _acts_for(user, country)


@rules.predicate
def acts_for_requesting_country(user: Any, obj: Any) -> bool:
    """A delegate or head of delegation of the country that asked (for a request or one of its missions)."""
    if isinstance(obj, CooperationRequest):
        return _acts_for(user, obj.country)
    if isinstance(obj, Mission):
        return _acts_for(user, obj.recipient)
    return False


@rules.predicate
def acts_for_providing_country(user: Any, obj: Any) -> bool:
    if isinstance(obj, Mission):
        return _acts_for(user, obj.provider)
    if isinstance(obj, Expert):
        return _acts_for(user, obj.country)
    return False


@rules.predicate
def is_mission_expert(user: Any, mission: Any) -> bool:
    """The expert of the mission, holding the expert role today."""
    return (
        isinstance(mission, Mission)
        and getattr(user, "is_authenticated", False)
        and mission.expert.person.user_id == user.pk
        and has_role(user, Role.EXPERT)
    )


@rules.predicate
def is_public_request(user: Any, obj: Any) -> bool:
    return isinstance(obj, CooperationRequest) and obj.state in PUBLIC_REQUEST_STATES


# Calls and their ledger.
rules.add_perm("cooperation.add_call", is_secretariat)
rules.add_perm("cooperation.view_ledger", is_secretariat)

# Requests.
rules.add_perm("cooperation.draft_request", acts_for_member_country)
rules.add_perm("cooperation.edit_request", acts_for_requesting_country)
rules.add_perm("cooperation.submit_request", acts_for_requesting_country)
rules.add_perm("cooperation.withdraw_request", acts_for_requesting_country)
rules.add_perm("cooperation.view_request", is_secretariat | acts_for_requesting_country | is_public_request)
rules.add_perm("cooperation.follow_request", is_secretariat | acts_for_requesting_country)
rules.add_perm("cooperation.decide_request", is_secretariat)
rules.add_perm("cooperation.match_request", is_secretariat)

# Missions.
rules.add_perm("cooperation.plan_mission", is_secretariat)
rules.add_perm("cooperation.approve_mission", is_secretariat)
rules.add_perm("cooperation.close_mission", is_secretariat)
rules.add_perm("cooperation.run_mission", is_secretariat | is_mission_expert)
rules.add_perm("cooperation.report_as_expert", is_mission_expert)
rules.add_perm("cooperation.report_as_host", acts_for_requesting_country)
rules.add_perm(
    "cooperation.view_mission_details",
    is_secretariat | is_mission_expert | acts_for_requesting_country | acts_for_providing_country,
)

# The expert roster.
rules.add_perm("cooperation.offer_expert", is_secretariat | acts_for_member_country)
rules.add_perm("cooperation.validate_expert", is_secretariat)
rules.add_perm("cooperation.view_roster", is_secretariat)

# The admin: the Secretariat keeps the taxonomy and the baselines, adds translations of requests and
# bios and reads everything else; money and states only change through the services.
# Per-diem rates too: a mission keeps the rate it was planned with, so changing one moves no money.
for _model in ("expertisearea", "baseline", "perdiemrate"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"cooperation.{_action}_{_model}", is_secretariat)
for _model in ("call", "cooperationrequest", "expert"):
    rules.add_perm(f"cooperation.view_{_model}", is_secretariat)
    rules.add_perm(f"cooperation.change_{_model}", is_secretariat)
for _model in ("mission", "missionreport", "match", "statechange", "ledgerentry"):
    rules.add_perm(f"cooperation.view_{_model}", is_secretariat)
