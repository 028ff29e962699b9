"""The permission rules of the platform: the one place that says who may do what.

Views, API handlers and services ask ``user.has_perm(name, obj)``; the ``rules`` backend answers from
the predicates below. Object-level rules take the record the action is about.
"""

from __future__ import annotations

from typing import Any

import rules
from django.conf import settings

from gealc.accounts.roles import countries_for, has_role
from gealc.members.models import Country, Role


@rules.predicate
def is_secretariat(user: Any) -> bool:
    return has_role(user, Role.SECRETARIAT)


@rules.predicate
def is_head_of_delegation(user: Any) -> bool:
    return bool(countries_for(user, Role.HEAD_OF_DELEGATION))


def country_of(obj: Any) -> str | None:
    """The alpha-3 code of the country a record belongs to (a country, or a record with one)."""
    if obj is None:
        return None
    if isinstance(obj, Country):
        return obj.iso3
    country = getattr(obj, "country", None)
    return country.iso3 if isinstance(country, Country) else None


@rules.predicate
def acts_for_country_of(user: Any, obj: Any) -> bool:
    """A delegate or head of delegation of the country the record belongs to."""
    code = country_of(obj)
    return code is not None and code in countries_for(user, Role.DELEGATE, Role.HEAD_OF_DELEGATION)


@rules.predicate
def votes_for(user: Any, country: Any) -> bool:
    """The head of delegation of a member country (observers and partners hold no vote)."""
    return (
        isinstance(country, Country)
        and country.is_member
        and country.iso3 in countries_for(user, Role.HEAD_OF_DELEGATION)
    )


@rules.predicate
def must_set_up_mfa(user: Any) -> bool:
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(has_role(user, role) for role in settings.MFA_REQUIRED_ROLES)


# The admin and record history: Secretariat officers (and superusers, through Django).
rules.add_perm("core.access_admin", is_secretariat)
rules.add_perm("core.view_history", is_secretariat)
rules.add_perm("core.view_decisionevent", is_secretariat)

# The member registry.
for model in ("subregion", "country", "person", "post", "membership"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"members.{action}_{model}", is_secretariat)
rules.add_perm("members.view_institution", is_secretariat)
rules.add_perm("members.add_institution", is_secretariat | acts_for_country_of)
rules.add_perm("members.change_institution", is_secretariat | acts_for_country_of)
rules.add_perm("members.delete_institution", is_secretariat)
rules.add_perm("members.view_contact_data", is_secretariat)

# Accounts.
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"accounts.{action}_user", is_secretariat)
rules.add_perm("accounts.view_apitoken", is_secretariat)
rules.add_perm("accounts.delete_apitoken", is_secretariat)
rules.add_perm("accounts.view_erasurerequest", is_secretariat)
rules.add_perm("accounts.change_erasurerequest", is_secretariat)
rules.add_perm("accounts.grant_role", is_secretariat)
# Who holds which role: the Secretariat for the network, a head of delegation for their own country.
rules.add_perm("accounts.view_people", is_secretariat | is_head_of_delegation)

# Votes of the network: cast by the head of delegation of a member country.
rules.add_perm("members.vote_for_country", votes_for)
