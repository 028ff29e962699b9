"""The working groups' pages: the public list and a group's page; the Secretariat's new-group and edit
pages; the members and deliverables pages of the Secretariat and the group's coordinators. Views read
input, check the permission and call the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gealc.core.errors import ServiceError
from gealc.core.forms import add_service_error, text_fields_initial
from gealc.core.pages import kept_for_visitors
from gealc.groups import forms, selectors, services
from gealc.groups.models import Deliverable, GroupMembership, GroupRole, WorkingGroup
from gealc.groups.sections import sections_for

PER_PAGE = 50


def _group_or_404(slug: str) -> WorkingGroup:
    group = selectors.group_by_slug(slug)
    if group is None:
        raise Http404("No such working group")
    return group


# Public pages ---------------------------------------------------------------------------------------


@kept_for_visitors
def group_list_page(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.group_list(), PER_PAGE).get_page(request.GET.get("page"))
    groups = list(page.object_list)
    return render(
        request,
        "groups/list.html",
        {
            "page": page,
            "active": [group for group in groups if getattr(group, "active_now", False)],
            "past": [group for group in groups if not getattr(group, "active_now", False)],
            "may_create": request.user.has_perm("groups.create_group"),
        },
    )


@kept_for_visitors
def group_detail_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_or_404(slug)
    user = request.user
    return render(
        request,
        "groups/detail.html",
        {
            "group": group,
            "members": selectors.members_of(group),
            "deliverables": selectors.deliverables_of(group),
            "sections": sections_for(group),
            "may_edit": user.has_perm("groups.change_group", group),
            "may_manage_members": user.has_perm("groups.manage_members", group),
            "may_manage_deliverables": user.has_perm("groups.manage_deliverables", group),
        },
    )


# The Secretariat's pages ----------------------------------------------------------------------------


@login_required
def group_new_page(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("groups.create_group"):
        raise PermissionDenied
    form = forms.GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The working group “%(name)s” was created.") % {"name": group.name})
            return redirect("groups:detail", slug=group.slug)
    return render(
        request, "groups/group_form.html", {"form": form, "group": None}, status=422 if form.errors else 200
    )


@login_required
def group_edit_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _group_or_404(slug)
    if not request.user.has_perm("groups.change_group", group):
        raise PermissionDenied
    initial = {
        **text_fields_initial(group, "name", "mandate"),
        "lead_country": group.lead_country.iso3 if group.lead_country else None,
        "start_date": group.start_date,
        "end_date": group.end_date,
        "source": group.source,
    }
    form = forms.GroupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The working group was saved."))
            return redirect("groups:detail", slug=group.slug)
    return render(
        request, "groups/group_form.html", {"form": form, "group": group}, status=422 if form.errors else 200
    )


# The members and the deliverables: the Secretariat and the group's coordinators -------------------------


def _managed(request: HttpRequest, slug: str, permission: str) -> WorkingGroup:
    group = _group_or_404(slug)
    if not request.user.has_perm(permission, group):
        raise PermissionDenied
    return group


def _person_choices(group: WorkingGroup, query: str, posted: Any) -> list[int]:
    """The people the add form offers: those found by name, and the one chosen (kept on a refusal)."""
    found = selectors.people_matching(query, group=group)
    if posted and str(posted).isdigit():
        found = [int(posted), *[pk for pk in found if pk != int(posted)]]
    return found


@login_required
def members_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed(request, slug, "groups.manage_members")
    roles = (
        [GroupRole.COORDINATOR.value] if request.user.has_perm("groups.appoint_coordinator", group) else []
    )
    roles.append(GroupRole.MEMBER.value)
    posting = request.method == "POST"
    query = ((request.POST if posting else request.GET).get("q") or "").strip()[:200]
    search = forms.PersonSearchForm(initial={"q": query})
    people = _person_choices(group, query, request.POST.get("person") if posting else None)
    # Its own ids: the search form beside it has a field named q too.
    form = forms.MembershipForm(
        request.POST if posting else None, people=people, roles=roles, initial={"q": query}, auto_id="add_%s"
    )
    if posting and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add(
                actor=request.user,
                group=group,
                person=data["person"],
                role=data["role"],
                country=data.get("country"),
                start_date=data.get("start_date"),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s takes part in the group as %(role)s.")
                % {"person": membership.person.name, "role": membership.get_role_display().lower()},
            )
            return redirect("groups:members", slug=group.slug)
    return render(
        request,
        "groups/members.html",
        {
            "group": group,
            "members": selectors.members_of(group),
            "search": search,
            "query": query,
            "found": bool(people),
            "form": form,
            "may_appoint": GroupRole.COORDINATOR.value in roles,
        },
        status=422 if form.errors else 200,
    )


@login_required
def membership_end_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _managed(request, slug, "groups.manage_members")
    membership = get_object_or_404(
        GroupMembership.objects.select_related("person", "country", "group"), pk=pk, group=group
    )
    if membership.role == GroupRole.COORDINATOR and not request.user.has_perm(
        "groups.appoint_coordinator", group
    ):
        raise PermissionDenied
    form = forms.MembershipEndForm(request.POST or None, initial={"end_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(
                actor=request.user, membership=membership, end_date=form.cleaned_data["end_date"]
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The membership of %(person)s was ended.") % {"person": membership.person.name}
            )
            return redirect("groups:members", slug=group.slug)
    return render(
        request,
        "groups/membership_end.html",
        {"group": group, "membership": membership, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def deliverable_new_page(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed(request, slug, "groups.manage_deliverables")
    form = forms.DeliverableForm(request.POST or None, initial={"original_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            services.deliverable_add(actor=request.user, group=group, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The deliverable was added."))
            return redirect("groups:detail", slug=group.slug)
    return render(
        request,
        "groups/deliverable_form.html",
        {"group": group, "deliverable": None, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def deliverable_edit_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    group = _managed(request, slug, "groups.manage_deliverables")
    deliverable = get_object_or_404(Deliverable, pk=pk, group=group)
    initial: dict[str, Any] = {
        **text_fields_initial(deliverable, "title", "summary"),
        "original_language": deliverable.original_language,
        "kind": deliverable.kind,
        "status": deliverable.status,
        "date": deliverable.date,
        "url": deliverable.url,
    }
    form = forms.DeliverableForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.deliverable_update(actor=request.user, deliverable=deliverable, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The deliverable was saved."))
            return redirect("groups:detail", slug=group.slug)
    return render(
        request,
        "groups/deliverable_form.html",
        {"group": group, "deliverable": deliverable, "form": form},
        status=422 if form.errors else 200,
    )
