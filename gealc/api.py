"""The API under /api/v1/. Each app contributes a router; errors are JSON with a `detail` field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.openapi.schema import OpenAPISchema

from gealc.accounts.api import router as accounts_router
from gealc.awards.api import router as awards_router
from gealc.awards.edition_api import router as award_editions_router
from gealc.cooperation.api import router as cooperation_router
from gealc.core.api import InputParser
from gealc.core.errors import ServiceError
from gealc.core.views import request_too_large
from gealc.governance.api import router as governance_router
from gealc.groups.api import router as groups_router
from gealc.members.api import router as members_router
from gealc.software.api import router as software_router


class API(NinjaAPI):
    """ninja's API, building its OpenAPI description once per process and language instead of on every
    request to /api/v1/openapi.json (some 300 ms of CPU each): the routes never change while it runs."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._schemas: dict[tuple[str | None, str, str | None], OpenAPISchema] = {}

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        key = (path_prefix, repr(sorted((path_params or {}).items())), get_language())
        schema = self._schemas.get(key)
        if schema is None:
            schema = self._schemas[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return schema


api = API(
    title="RED GEALC API",
    version="1",
    description=(
        "Open data of RED GEALC, the network of the national digital-government authorities of Latin "
        'America and the Caribbean. Every list answers `{"count": N, "items": [...]}` and takes '
        "`limit` (1 to 200) and `offset`; the expert and request lists also answer `next`, the address of "
        "the following page (null at the end), whose cursor (`after`) costs what the first page does "
        "however deep. Names come in the language of `?lang=` (en, es, pt, fr) or of "
        "the Accept-Language header. Errors are JSON with a `detail` field. Writes need a personal token "
        "(`Authorization: Bearer ...`) or a signed-in session. Text that people write in several languages "
        'is written as `{"title": {"es": "…", "en": "…"}, "original_language": "es"}` (any of the '
        "languages; the original one is required) and read as `title`, in the request's language or else "
        "the original one, with `title_translations` holding every translation present."
    ),
    urls_namespace="api",
    parser=InputParser(),
)
api.add_router("/", accounts_router, tags=["Accounts"])
api.add_router("/", members_router, tags=["Members"])
api.add_router("/", governance_router, tags=["Governance"])
api.add_router("/cooperation/", cooperation_router, tags=["Cooperation"])
api.add_router("/", awards_router, tags=["Solutions"])
api.add_router("/", award_editions_router, tags=["Excellence Award"])
api.add_router("/", software_router, tags=["Software"])
api.add_router("/", groups_router, tags=["Working groups"])


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": gettext("You are not allowed to do this.")}, status=403)


@api.exception_handler(ServiceError)
def refused(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return api.create_response(
        request, {"detail": exc.message, "field": exc.field, **exc.extra}, status=exc.status
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja answers any failure to read the body as "Cannot parse request body" (400); two of them
    # have a better answer: a refused text (422 naming the field) and a body over the limit (413).
    cause = exc.__cause__
    if isinstance(cause, ServiceError):
        return refused(request, cause)
    if isinstance(cause, RequestDataTooBig):
        return request_too_large(request)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
