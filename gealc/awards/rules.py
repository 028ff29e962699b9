# mypy: disable-error-code="attr-defined,no-untyped-call"
"""Who may do what in the solutions catalogue.

A member country's delegates and head of delegation draft, edit and submit their own country's
solutions; the Secretariat reviews, publishes, returns, imports and may correct any solution. Everyone
reads what is published; the contact is for the Secretariat and the solution's country only.
"""

from __future__ import annotations

from typing import Any

import rules

from gealc.accounts.roles import countries_for
from gealc.accounts.rules import is_secretariat
from gealc.awards.models import Solution, SolutionState
from gealc.members.models import Country, Role

ACTING_ROLES = (Role.DELEGATE, Role.HEAD_OF_DELEGATION)


def _acts_for(user: Any, country: Country | None) -> bool:
    return country is not None and country.iso3 in countries_for(user, *ACTING_ROLES)


@rules.predicate
def acts_for_member_country(user: Any, country: Any) -> bool:
    return isinstance(country, Country) and country.is_member and _acts_for(user, country)


@rules.predicate
def acts_for_solution_country(user: Any, solution: Any) -> bool:
    return isinstance(solution, Solution) and _acts_for(user, solution.country)


@rules.predicate
def is_published(user: Any, solution: Any) -> bool:
    return isinstance(solution, Solution) and solution.state == SolutionState.PUBLISHED


rules.add_perm("awards.draft_solution", is_secretariat | acts_for_member_country)
rules.add_perm("awards.edit_solution", is_secretariat | acts_for_solution_country)
rules.add_perm("awards.submit_solution", acts_for_solution_country)
rules.add_perm("awards.review_solution", is_secretariat)
rules.add_perm("awards.import_solutions", is_secretariat)
rules.add_perm("awards.read_solution", is_published | is_secretariat | acts_for_solution_country)
rules.add_perm("awards.view_solution_contact", is_secretariat | acts_for_solution_country)

# The admin: the Secretariat keeps the reference lists and reads the solutions (states change only
# through the services).
for _model in ("theme", "goal"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"awards.{_action}_{_model}", is_secretariat)
for _model in ("solution", "solutionchange"):
    rules.add_perm(f"awards.view_{_model}", is_secretariat)
