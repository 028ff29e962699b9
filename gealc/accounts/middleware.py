from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from gealc.accounts.mfa import has_mfa
from gealc.accounts.rules import must_set_up_mfa
from gealc.accounts.services import token_authenticate
from gealc.core.api import identify


class UserLanguageMiddleware:
    """A signed-in user's chosen language follows them from device to device.

    ``?lang=`` still wins for a single response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language and "lang" not in request.GET and language in settings.LANGUAGE_CODES:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class ApiTokenMiddleware:
    """An API request with a valid personal token (``Authorization: Bearer ...``) acts as its owner.

    It sets ``request.user``, so that every router reads the acting user from one place, and so that the
    rules that follow (two-factor authentication, below) hold for tokens as for sessions. A token that
    is not valid changes nothing: the request goes on as the session's user or as the anonymous one, so
    an endpoint that needs someone answers 401 and a public read answers what the public sees. Placed
    after ``UserLanguageMiddleware``: a token client's language is the one it asks for.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            scheme, _space, raw = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() == "bearer" and raw:
                user = token_authenticate(raw)
                if user is not None:
                    identify(request, user)
        return self.get_response(request)


# Paths a user who must set up two-factor authentication may still open.
_MFA_SETUP_PATHS = ("/accounts/", "/i18n/", "/static/", "/favicon")


class RequireMfaMiddleware:
    """Secretariat officers and heads of delegation cannot act until two-factor authentication is set up."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_MFA_SETUP_PATHS)
            and must_set_up_mfa(user)
            and not has_mfa(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("Set up two-factor authentication before you act.")}, status=403
                )
            messages.warning(request, _("Your role requires two-factor authentication: set it up to go on."))
            return redirect("mfa_activate_totp")
        return self.get_response(request)
