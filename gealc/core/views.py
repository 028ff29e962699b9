from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.views import defaults

from gealc.core import audit, opendata
from gealc.core.errors import require
from gealc.core.pages import kept_for_visitors


@kept_for_visitors
def open_data(request: HttpRequest) -> HttpResponse:
    try:
        anchor = audit.read_anchor()
    except audit.AnchorError:
        # A file that fails its own HMAC is not shown as if it vouched for the log.
        anchor = None
    return render(request, "core/open_data.html", {"datasets": opendata.datasets(), "anchor": anchor})


@login_required
def record_history(request: HttpRequest, app_label: str, model_name: str, pk: int) -> HttpResponse:
    """Every recorded change of one record: who, when, what changed. For the Secretariat."""
    require(request.user, "core.view_history")
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404("No such kind of record") from None
    if not model.__module__.startswith("gealc.") or not hasattr(model, "history"):
        raise Http404("This kind of record keeps no history")
    record = model._default_manager.filter(pk=pk).first()
    versions = list(
        model.history.filter(id=pk).select_related("history_user").order_by("-history_date", "-history_id")
    )
    if record is None and not versions:
        raise Http404("No such record")
    entries: list[dict[str, Any]] = []
    for index, version in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        changes = []
        if older is not None:
            delta = version.diff_against(older)
            changes = [
                {
                    "field": model._meta.get_field(change.field).verbose_name,
                    "old": change.old,
                    "new": change.new,
                }
                for change in delta.changes
            ]
        entries.append({"version": version, "changes": changes})
    return render(
        request,
        "core/record_history.html",
        {"record": record or versions[0], "model": model, "entries": entries},
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's answer to a request it refused (``handler400``); a body over the size limit is a 413.

    ``RequestDataTooBig`` is raised wherever the body is first read (a middleware, a form, the API), so
    this one place answers it for all of them: JSON with a ``detail`` on the API, the site's page
    elsewhere.
    """
    if isinstance(exception, RequestDataTooBig):
        return request_too_large(request)
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]


def request_too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    detail = gettext("The request is larger than the %(size)s accepted.") % {"size": filesizeformat(limit)}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=413)
    if not hasattr(request, "user"):
        request.user = AnonymousUser()  # raised before the session's user was read
    return render(request, "core/413.html", {"detail": detail}, status=413)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler403``: the site's page, JSON on the API."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("You are not allowed to do this.")}, status=403)
    return defaults.permission_denied(request, exception, template_name="core/403.html")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """``handler404``: the site's page, JSON on the API."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found")}, status=404)
    return defaults.page_not_found(request, exception, template_name="core/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a page drawn from the layout alone, without a request context, so that it still
    renders when the database or a context processor is what failed."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Server error")}, status=500)
    return defaults.server_error(request, template_name="core/500.html")
