"""The Secretariat's pages for people and roles: invite, grant and revoke roles, disable and enable
accounts, and the list of who holds which role per country (which a head of delegation also reads, for
their own country). Every change goes through ``accounts.services``, so it is in the decision log; the
pages are outside ``/accounts/``, so ``RequireMfaMiddleware`` asks for two-factor authentication first."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.accounts import selectors
from gealc.accounts.forms import GrantForm, InviteForm, PeopleFilterForm, RevokeForm
from gealc.accounts.models import User
from gealc.accounts.services import role_grant, role_revoke, user_disable, user_enable, user_invite
from gealc.core.errors import ServiceError, require
from gealc.core.forms import add_service_error
from gealc.members.models import Country, Membership, Person, Role

PER_PAGE = 50


@login_required
def people(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.view_people")
    allowed = selectors.people_countries(request.user)
    countries = Country.objects.by_name()
    if allowed is not None:
        countries = countries.filter(iso3__in=allowed)
    form = PeopleFilterForm(request.GET or None, countries=countries)
    country = role = None
    if form.is_valid():
        country = form.cleaned_data["country"]
        role = form.cleaned_data["role"] or None
    memberships = selectors.role_holders(request.user, country=country, role=role)
    page = Paginator(memberships, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/people.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "manages": request.user.has_perm("accounts.grant_role"),
            "own_countries": list(countries) if allowed is not None else [],
        },
    )


@login_required
def invite(request: HttpRequest) -> HttpResponse:
    require(request.user, "accounts.add_user")
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_invite(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(name)s is invited: an e-mail with a link to choose a password is on its way to "
                    "%(email)s."
                )
                % {"name": user.name, "email": user.email},
            )
            return redirect("people:person", user.pk)
    return render(request, "accounts/invite.html", {"form": form}, status=422 if form.errors else 200)


def _revoke_rows(
    memberships: list[Membership], today: datetime.date, refused: RevokeForm | None
) -> list[tuple[Membership, RevokeForm | None]]:
    """Each role with the form that ends it, when it is in force or to come: the refused form (what was
    typed, and why) on the row it was sent from, a form proposing today on the others."""
    rows: list[tuple[Membership, RevokeForm | None]] = []
    for membership in memberships:
        form = None
        if membership.end_date is None or membership.end_date >= today:
            code = membership.country.iso3 if membership.country else ""
            sent = refused is not None and (refused.data.get("role"), refused.data.get("country", "")) == (
                membership.role,
                code,
            )
            if sent and refused is not None:
                # The ids name the row, so that the summary's links lead to this row's field.
                refused.auto_id = f"revoke-{membership.pk}-%s"
                form, refused = refused, None
            else:
                form = RevokeForm(
                    initial={"role": membership.role, "country": code, "ends_on": today},
                    auto_id=f"revoke-{membership.pk}-%s",
                )
        rows.append((membership, form))
    return rows


def _person_page(
    request: HttpRequest,
    user: User,
    grant_form: GrantForm,
    status: int = 200,
    revoke_form: RevokeForm | None = None,
) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "accounts/person.html",
        {
            "account": user,
            "person": Person.objects.select_related("institution", "country").filter(user=user).first(),
            "roles": _revoke_rows(list(selectors.memberships_of(user)), today, revoke_form),
            "revoke_form": revoke_form,
            "grant_form": grant_form,
            "is_self": user.pk == request.user.pk,
            "today": today,
        },
        status=status,
    )


@login_required
def person(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "accounts.change_user")
    user = get_object_or_404(User, pk=user_id)
    return _person_page(request, user, GrantForm())


@login_required
@require_POST
def grant(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "accounts.grant_role")
    user = get_object_or_404(User, pk=user_id)
    form = GrantForm(request.POST)
    if form.is_valid():
        try:
            membership = role_grant(actor=request.user, user=user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            where = f" — {membership.country.name}" if membership.country else ""
            messages.success(
                request,
                _("%(name)s holds the role %(role)s%(where)s from %(start)s.")
                % {
                    "name": user.name,
                    "role": membership.get_role_display(),
                    "where": where,
                    "start": date_format(membership.start_date) if membership.start_date else "",
                },
            )
            return redirect("people:person", user.pk)
    return _person_page(request, user, form, status=422)


@login_required
@require_POST
def revoke(request: HttpRequest, user_id: int) -> HttpResponse:
    require(request.user, "accounts.grant_role")
    user = get_object_or_404(User, pk=user_id)
    form = RevokeForm(request.POST)
    if form.is_valid():
        role = form.cleaned_data["role"]
        try:
            ended = role_revoke(
                actor=request.user,
                user=user,
                role=role,
                country=form.cleaned_data["country"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            label = dict(Role.choices).get(role, "")
            if ended:
                messages.success(
                    request,
                    _("%(name)s no longer holds the role %(role)s.") % {"name": user.name, "role": label},
                )
            else:
                messages.info(request, _("%(name)s did not hold that role.") % {"name": user.name})
            return redirect("people:person", user.pk)
    if not form.has_error("ends_on"):
        # A role or country that is not on the page: nothing to show next to a field.
        for error in form.errors.values():
            messages.error(request, " ".join(str(each) for each in error))
        return redirect("people:person", user.pk)
    return _person_page(request, user, GrantForm(), status=422, revoke_form=form)


@login_required
@require_POST
def disable(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    require(request.user, "accounts.change_user", user)
    if user.pk == request.user.pk:
        messages.error(request, _("You cannot disable your own account."))
    else:
        user_disable(actor=request.user, user=user)
        messages.success(
            request,
            _("The account of %(name)s is disabled: every session and token ended.") % {"name": user.name},
        )
    return redirect("people:person", user.pk)


@login_required
@require_POST
def enable(request: HttpRequest, user_id: int) -> HttpResponse:
    user = get_object_or_404(User, pk=user_id)
    require(request.user, "accounts.change_user", user)
    user_enable(actor=request.user, user=user)
    messages.success(request, _("The account of %(name)s is enabled again.") % {"name": user.name})
    return redirect("people:person", user.pk)


@login_required
def find(request: HttpRequest) -> HttpResponse:
    """Open a person's page by their e-mail address (someone invited who holds no role yet)."""
    require(request.user, "accounts.change_user")
    email = request.GET.get("email", "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is None:
        messages.error(
            request, _("There is no account with the e-mail address “%(email)s”.") % {"email": email}
        )
        return redirect("people:list")
    return redirect("people:person", user.pk)
