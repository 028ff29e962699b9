from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from gealc.accounts.forms import ErasureForm, TokenForm
from gealc.accounts.mfa import has_mfa
from gealc.accounts.models import ApiToken, ErasureRequest, User
from gealc.accounts.roles import roles_of
from gealc.accounts.services import erasure_request, personal_data, token_create, token_revoke
from gealc.core.errors import ServiceError
from gealc.core.notifications import (
    notification_mark_read,
    notifications_mark_all_read,
    notifications_of,
    unread_count,
)
from gealc.core.workspace import Visit, panels_for
from gealc.members.models import Country, Person, Role


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch, which also remembers the choice on a signed-in user's account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if (
        request.method == "POST"
        and user.is_authenticated
        and language in dict(User._meta.get_field("language").choices or [])
    ):
        User.objects.filter(pk=user.pk).update(language=language)
    return response


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    grants = sorted(roles_of(user))
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in={g.country for g in grants if g.country})}
    labels = dict(Role.choices)
    return render(
        request,
        "accounts/overview.html",
        {
            "person": Person.objects.select_related("institution", "country").filter(user=user).first(),
            "roles": [(labels.get(g.role, g.role), countries.get(g.country or "")) for g in grants],
            "has_mfa": has_mfa(user),
            "tokens": ApiToken.objects.filter(user=user),
            "token_form": TokenForm(),
            "pending_erasure": ErasureRequest.objects.filter(user=user, carried_out_at__isnull=True).first(),
        },
    )


@login_required
@require_POST
def token_new(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The token was not created: check the number of days."))
        return redirect("accounts:overview")
    try:
        token, raw = token_create(
            user=_user(request), days=form.cleaned_data["days"], name=form.cleaned_data["name"]
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("accounts:overview")
    return render(request, "accounts/token_created.html", {"token": token, "raw": raw})


@login_required
@require_POST
def token_delete(request: HttpRequest, token_id: int) -> HttpResponse:
    if token_revoke(user=_user(request), token_id=token_id):
        messages.success(request, _("The token was revoked."))
    return redirect("accounts:overview")


@login_required
def data_export(request: HttpRequest) -> HttpResponse:
    body = json.dumps(personal_data(_user(request)), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@login_required
def erasure(request: HttpRequest) -> HttpResponse:
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request(user=_user(request), reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your request was sent to the Secretariat, which will carry it out."))
        return redirect("accounts:overview")
    return render(request, "accounts/erasure.html", {"form": form})


# The workspace --------------------------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """Where a person lands after signing in: per role held, what waits for them and what changed since
    their previous visit (whose time is then moved to now)."""
    user = _user(request)
    since = user.workspace_visited_at
    panels = panels_for(Visit(user=user, since=since))
    User.objects.filter(pk=user.pk).update(workspace_visited_at=timezone.now())
    grants = sorted(roles_of(user))
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in={g.country for g in grants if g.country})}
    labels = dict(Role.choices)
    sections = []
    for role in dict.fromkeys(g.role for g in grants):
        where = [countries[g.country].name for g in grants if g.role == role and g.country in countries]
        sections.append(
            {
                "role": role,
                "label": labels.get(role, role),
                "countries": where,
                "panels": [p for p in panels if p.role == role],
            }
        )
    return render(
        request,
        "accounts/workspace.html",
        {
            "sections": sections,
            "general": [p for p in panels if not p.role or p.role not in {g.role for g in grants}],
            "since": since,
            "notifications": list(notifications_of(user).filter(read_at=None)[:5]),
            "unread": unread_count(user),
            "may_list_people": user.has_perm("accounts.view_people"),
        },
    )


# Notifications -------------------------------------------------------------------------------------------


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    only_unread = request.GET.get("show") == "unread"
    rows = notifications_of(user)
    if only_unread:
        rows = rows.filter(read_at=None)
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/notifications.html",
        {"page": page, "only_unread": only_unread, "unread": unread_count(user)},
    )


def _back_to_notifications(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("accounts:notifications")


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notification = notification_mark_read(user=_user(request), notification_id=notification_id)
    if notification is None:
        raise Http404("No such notification")
    if request.POST.get("open") and notification.url:
        return redirect(notification.url)
    return _back_to_notifications(request)


@login_required
@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    count = notifications_mark_all_read(user=_user(request))
    if count:
        messages.success(request, _("Every notification is marked as read."))
    return _back_to_notifications(request)
