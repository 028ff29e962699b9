from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


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
