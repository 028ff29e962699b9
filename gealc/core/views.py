from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gealc.core import audit, opendata
from gealc.core.errors import require


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
