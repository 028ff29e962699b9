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
from gealc.awards.models import Assignment, Edition, Solution, SolutionState, Submission
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


# Award editions: the Secretariat runs them; a member country's delegates and head submit its published
# solutions; jurors score what they are assigned; heads of delegation vote in the final round.


@rules.predicate
def edition_is_public(user: Any, edition: Any) -> bool:
    return isinstance(edition, Edition) and edition.is_public


@rules.predicate
def acts_for_submission_country(user: Any, submission: Any) -> bool:
    return isinstance(submission, Submission) and _acts_for(user, submission.country)


@rules.predicate
def is_a_juror(user: Any) -> bool:
    return bool(countries_for(user, Role.JUROR))


@rules.predicate
def is_the_assigned_juror(user: Any, assignment: Any) -> bool:
    return (
        isinstance(assignment, Assignment)
        and assignment.juror_id == getattr(user, "pk", None)
        and is_a_juror(user)
    )


@rules.predicate
def is_assigned_to_submission(user: Any, submission: Any) -> bool:
    return isinstance(submission, Submission) and any(
        assignment.juror_id == getattr(user, "pk", None) for assignment in submission.assignments.all()
    )


@rules.predicate
def heads_a_member_delegation(user: Any) -> bool:
    return bool(countries_for(user, Role.HEAD_OF_DELEGATION))


rules.add_perm("awards.read_edition", edition_is_public | is_secretariat)
rules.add_perm("awards.run_edition", is_secretariat)
rules.add_perm("awards.submit_candidacy", acts_for_solution_country)
rules.add_perm(
    "awards.read_submission", is_secretariat | acts_for_submission_country | is_assigned_to_submission
)
rules.add_perm("awards.screen_submission", is_secretariat)
rules.add_perm("awards.assign_juror", is_secretariat)
rules.add_perm("awards.judge", is_a_juror)
rules.add_perm("awards.score_submission", is_the_assigned_juror)
rules.add_perm("awards.decide_tie", is_secretariat)
rules.add_perm("awards.cast_final_vote", heads_a_member_delegation)

# The admin: the Secretariat keeps the reference lists and reads the solutions (states change only
# through the services).
for _model in ("theme", "goal"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"awards.{_action}_{_model}", is_secretariat)
for _model in (
    "solution",
    "solutionchange",
    "edition",
    "category",
    "criterion",
    "question",
    "prize",
    "submission",
    "attachment",
    "assignment",
    "conflictofinterest",
    "tiedecision",
):
    rules.add_perm(f"awards.view_{_model}", is_secretariat)
