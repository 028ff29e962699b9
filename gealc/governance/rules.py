"""Who may do what in the network's governance (see gealc.accounts.rules for the shared predicates)."""

from __future__ import annotations

from typing import Any

import rules

from gealc.accounts.roles import countries_for
from gealc.accounts.rules import acts_for_country_of, is_secretariat
from gealc.members.models import Role


@rules.predicate
def leads_activity(user: Any, activity: Any) -> bool:
    """A delegate or head of delegation of the country that leads the activity."""
    if activity is None or activity.lead != "country" or activity.lead_country is None:
        return False
    return activity.lead_country.iso3 in countries_for(user, Role.DELEGATE, Role.HEAD_OF_DELEGATION)


# Meetings, motions, elections, the Committee and the work plan are administered by the Secretariat.
rules.add_perm("governance.manage", is_secretariat)
# A member country is nominated by the Secretariat or by its own delegation.
rules.add_perm("governance.nominate", is_secretariat | acts_for_country_of)
# Progress is reported by the activity's lead (the Secretariat may always).
rules.add_perm("governance.report_progress", is_secretariat | leads_activity)
for model in (
    "meeting", "agendaitem", "meetingdocument", "delegation", "motion", "vote", "election", "contest",
    "candidacy", "committeemembership", "workplan", "axis", "activity", "progressupdate", "networkrules",
):  # fmt: skip
    rules.add_perm(f"governance.view_{model}", is_secretariat)
    for action in ("add", "change", "delete"):
        if model not in {"vote"}:
            rules.add_perm(f"governance.{action}_{model}", is_secretariat)
