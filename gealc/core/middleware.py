from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext


class LanguageParameterMiddleware:
    """``?lang=es`` selects the language of one response (API clients, shared links).

    Placed before LocaleMiddleware, which otherwise takes the session's choice or Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.GET.get("lang", "").split("-")[0].lower()
        if code in settings.LANGUAGE_CODES:
            translation.activate(code)
            request.LANGUAGE_CODE = code
            request.META["HTTP_ACCEPT_LANGUAGE"] = code
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy of settings.CONTENT_SECURITY_POLICY unless a view set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class NulCharacterMiddleware:
    """Pages refuse a NUL character (``\\x00``) in a query parameter or a form field, naming it.

    PostgreSQL cannot hold one in any text, so a filter or a form value carrying it would fail in the
    database as a server error. One check here covers every page and the admin, and the address of every
    request; the API refuses it in bodies and parameters with its own 422 (``gealc.core.api.InputParser``).
    Uploaded files are not looked at.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:  # a code in the address (/countries/%00/, /api/v1/countries/%00)
            if request.path.startswith("/api/"):
                detail = gettext("The address contains a NUL character (\\u0000), which cannot be used.")
                return JsonResponse({"detail": detail, "field": "path"}, status=422)
            return _refuse_nul(request, gettext("address"))
        if not request.path.startswith("/api/"):
            sources = [request.GET]
            if request.method == "POST":
                sources.append(request.POST)
            for data in sources:
                for key, values in data.lists():
                    if "\x00" in key or any("\x00" in value for value in values):
                        return _refuse_nul(request, key.replace("\x00", ""))
        return self.get_response(request)


def _refuse_nul(request: HttpRequest, field: str) -> HttpResponse:
    detail = gettext("“%(field)s” contains a NUL character (\\u0000), which cannot be used.") % {
        "field": field
    }
    return render(request, "core/400.html", {"detail": detail}, status=400)
