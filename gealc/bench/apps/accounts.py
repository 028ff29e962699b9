"""The accounts' part: the people who write in the write mix, with their roles, through the services."""

from __future__ import annotations

import random

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from gealc.accounts.models import User
from gealc.accounts.services import role_grant, token_create, user_create
from gealc.bench.registry import EMAIL_DOMAIN, MARK, Contribution, Plan, Progress
from gealc.members.models import Country


def head_email(iso3: str) -> str:
    return f"head.{iso3.lower()}@{EMAIL_DOMAIN}"


def delegate_email(iso3: str) -> str:
    return f"delegate.{iso3.lower()}@{EMAIL_DOMAIN}"


SECRETARIAT_EMAIL = f"officer@{EMAIL_DOMAIN}"


def _user(email: str, name: str, role: str, country: Country | None, *, mfa: bool) -> User:
    user = user_create(email=email, name=f"{MARK} {name}", verified=True).user
    role_grant(actor=None, user=user, role=role, country=country)
    if mfa:
        TOTP.activate(user, generate_totp_secret())
    return user


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    """A head of delegation (with two-factor authentication, which the role requires) and a delegate for
    every member country, and a Secretariat officer: a few dozen, whatever the scale."""
    _user(SECRETARIAT_EMAIL, "Officer", "secretariat", None, mfa=True)
    members = list(Country.objects.members().order_by("iso3"))
    for country in members:
        _user(head_email(country.iso3), f"Head {country.iso3}", "head_of_delegation", country, mfa=True)
        _user(delegate_email(country.iso3), f"Delegate {country.iso3}", "delegate", country, mfa=False)
    progress(f"accounts: {2 * len(members) + 1} users with roles")
    return {"users": 2 * len(members) + 1}


def bearer(email: str) -> dict[str, str]:
    """The header of a fresh personal token of the user with ``email``."""
    _token, raw = token_create(user=User.objects.get(email=email), days=1, name="benchmark")
    return {"Authorization": f"Bearer {raw}"}


def plan(rng: random.Random, plan: Plan) -> None:
    return None


CONTRIBUTION = Contribution("accounts", generate, plan)
