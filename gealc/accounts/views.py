from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from gealc.accounts.forms import ErasureForm, TokenForm
from gealc.accounts.mfa import has_mfa
from gealc.accounts.models import ApiToken, ErasureRequest, User
from gealc.accounts.roles import roles_of
from gealc.accounts.services import erasure_request, personal_data, token_create, token_revoke
from gealc.core.errors import ServiceError
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
