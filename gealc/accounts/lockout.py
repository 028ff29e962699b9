from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.base.forms import AuthenticateForm, BaseAuthenticateForm, ReauthenticateForm
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import ngettext


def username_from_credentials(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The e-mail a sign-in was attempted for, lower-cased, whichever form or backend sent it."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        value = request.POST.get("login") or request.POST.get("username") or request.POST.get("email")
    return str(value or "").strip().lower()


def client_address(request: HttpRequest) -> str | None:
    """The client's address, read as allauth reads it for its own limits (``ALLAUTH_TRUSTED_PROXY_COUNT``).

    One reader for both, so that axes locks and allauth limits the same address: the client's, never the
    proxy's, and never one a client wrote into X-Forwarded-For when no proxy of ours is in front. A request
    with no address at all (a sign-in made in code, as ``Client.force_login`` does) has none.
    """
    try:
        return get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


# Second-factor codes ----------------------------------------------------------------------------------
#
# Whoever reaches the code step already holds the password, so wrong codes are counted per account, from
# whatever addresses they come: after AXES_FAILURE_LIMIT of them the account's code step is locked for
# AXES_COOLOFF_MINUTES and even the right code is refused. (allauth's own per-address limit still applies;
# its per-account one cannot be kept, as the same setting would also lock a delegate's e-mail from
# anywhere after wrong passwords.) The counts live in the cache, shared by every app server with Redis.


def _second_factor_keys(user: Any) -> tuple[str, str]:
    return f"gealc:second-factor:failures:{user.pk}", f"gealc:second-factor:locked:{user.pk}"


def _cool_off_seconds() -> int:
    return int(float(settings.AXES_COOLOFF_TIME) * 3600)


def second_factor_locked(user: Any) -> bool:
    """Whether the account's code step is locked after too many wrong codes."""
    return bool(cache.get(_second_factor_keys(user)[1]))


def second_factor_failed(user: Any) -> None:
    """Count a wrong code for the account; lock its code step once the limit is reached."""
    failures, locked = _second_factor_keys(user)
    cache.add(failures, 0, _cool_off_seconds())
    try:
        count = cache.incr(failures)
    except ValueError:  # expired between the two calls
        cache.add(failures, 1, _cool_off_seconds())
        count = 1
    if count >= settings.AXES_FAILURE_LIMIT:
        cache.set(locked, True, _cool_off_seconds())
        cache.delete(failures)


def second_factor_passed(user: Any) -> None:
    """The right code, while not locked, forgets the wrong ones, as a right password does."""
    cache.delete(_second_factor_keys(user)[0])


class _CountedCodes(BaseAuthenticateForm):
    def clean_code(self) -> str:
        if second_factor_locked(self.user):
            minutes = max(1, round(_cool_off_seconds() / 60))
            raise forms.ValidationError(
                ngettext(
                    "Too many wrong codes for this account: try again in %(minutes)d minute.",
                    "Too many wrong codes for this account: try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="second_factor_locked",
            )
        try:
            code: str = super().clean_code()
        except forms.ValidationError as error:
            if error.code == "incorrect_code":
                second_factor_failed(self.user)
            raise
        second_factor_passed(self.user)
        return code


class SecondFactorForm(_CountedCodes, AuthenticateForm):
    """allauth's code step at sign-in (``MFA_FORMS["authenticate"]``), with the per-account lock."""


class SecondFactorReauthenticationForm(_CountedCodes, ReauthenticateForm):
    """allauth's code step to confirm a sensitive change (``MFA_FORMS["reauthenticate"]``), likewise."""
