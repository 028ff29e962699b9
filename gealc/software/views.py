"""The catalogue's pages: the catalogue with its facets, a software's page, the reuse figures, and the
delegates' import, adoption and contribution forms. Views read input and call the services."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gealc.accounts.roles import countries_for, has_role
from gealc.core import charts
from gealc.core.errors import ServiceError
from gealc.core.figures import figures
from gealc.core.forms import add_service_error
from gealc.core.i18n import current_language
from gealc.core.pages import kept_for_visitors
from gealc.members.models import Country, Role
from gealc.software import forms, selectors, services
from gealc.software.models import AdoptionStatus, Software
from gealc.software.publiccode import dump

ACTING_ROLES = (Role.DELEGATE, Role.HEAD_OF_DELEGATION)
PER_PAGE = 20


def _acting_countries(user: Any) -> QuerySet[Country]:
    """The countries a person may act for here: every one for the Secretariat, else their own."""
    if has_role(user, Role.SECRETARIAT):
        return Country.objects.by_name()
    return Country.objects.filter(iso3__in=countries_for(user, *ACTING_ROLES)).by_name()


def may_act(user: Any) -> bool:
    return has_role(user, Role.SECRETARIAT) or bool(countries_for(user, *ACTING_ROLES))


# Public pages -----------------------------------------------------------------------------------------


@kept_for_visitors
def catalogue(request: HttpRequest) -> HttpResponse:
    try:
        filters = selectors.check_filters(
            q=request.GET.get("q"),
            country=request.GET.get("country"),
            category=request.GET.get("category"),
            status=request.GET.get("status"),
        )
        refused = ""
    except ServiceError as exc:
        filters, refused = selectors.Filters(), exc.message
    # The page's ids first (through the index of the order), then their rows with what they show.
    page = Paginator(selectors.catalogue(filters).values_list("pk", flat=True), PER_PAGE).get_page(
        request.GET.get("page")
    )
    software = selectors.with_related(Software.objects.filter(pk__in=list(page.object_list)))
    software.sort(key=lambda row: (row.name, row.pk))
    language = current_language()
    rows = [
        {
            "software": row,
            "description": row.description_for(language),
            # An abandoned adoption is no use any more: the card counts those in use.
            "adoptions": sum(a.status != AdoptionStatus.ABANDONED for a in row.adoptions.all()),
        }
        for row in software
    ]
    query = {
        key: value
        for key, value in (
            ("q", filters.q),
            ("country", filters.country.iso3 if filters.country else ""),
            ("category", filters.category),
            ("status", filters.status),
        )
        if value
    }
    return render(
        request,
        "software/catalogue.html",
        {
            "page": page,
            "rows": rows,
            "facets": selectors.facets(filters),
            "filters": filters,
            "query": query,
            "refused": refused,
            "may_import": may_act(request.user),
        },
        status=422 if refused else 200,
    )


def _contractors(maintenance: dict[str, Any]) -> list[dict[str, Any]]:
    """The maintenance contractors, with the date of ``until`` for the page to show in its language."""
    found = []
    for contractor in maintenance.get("contractors") or []:
        until = contractor.get("until")
        try:
            day = datetime.date.fromisoformat(str(until)) if until else None
        except ValueError:  # the parser checked it; an older record may hold another form
            day = None
        found.append({**contractor, "until": day or until})
    return found


@kept_for_visitors
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    software = selectors.software_by_slug(slug)
    if software is None:
        raise Http404("No such software")
    tree, outside = selectors.lineage(software)
    user = request.user
    return render(
        request,
        "software/detail.html",
        {
            "software": software,
            "description": software.description_for(current_language()),
            "maintenance": software.maintenance,
            "contractors": _contractors(software.maintenance),
            "adopting": selectors.adopting_countries(software),
            "contributing": selectors.contributing_countries(software),
            "solutions": selectors.published_solutions(software),
            "map": selectors.adopters_map(software),
            "tree": tree,
            "outside": outside,
            "revisions": list(
                software.revisions.order_by("-number").only("number", "software_version", "imported_at")
            ),
            "may_edit": user.has_perm("software.change_software", software),
            "may_record": may_act(user),
        },
    )


def export(request: HttpRequest, slug: str) -> HttpResponse:
    software = Software.objects.filter(slug=slug).only("slug", "document").first()
    if software is None:
        raise Http404("No such software")
    response = HttpResponse(dump(software.document), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{software.slug}.publiccode.yml"'
    return response


@kept_for_visitors
def figures_page(request: HttpRequest) -> HttpResponse:
    rows = selectors.reuse_per_country()
    return render(
        request,
        "software/figures.html",
        {"rows": rows, "map": selectors.reuse_map(rows), "most_reused": selectors.most_reused()},
    )


@kept_for_visitors
def reuse_chart(request: HttpRequest) -> HttpResponse:
    def draw() -> bytes:
        # A horizontal chart draws its first label at the bottom: reversed, it reads as the table does.
        rows = selectors.reuse_per_country()[:20][::-1]
        return charts.bar_chart(
            _("Public software shared, reused and contributed to, per country"),
            [str(row.country.name) for row in rows],
            [
                (_("Shared"), [row.shared for row in rows]),
                (_("Reused"), [row.reused for row in rows]),
                (_("Contributed to"), [row.contributed for row in rows]),
            ],
            horizontal=True,
        )

    return charts.svg_response(figures(services.FIGURES, f"chart:reuse:{get_language()}", draw))


# Delegates' pages ---------------------------------------------------------------------------------------


def _shown(problem: dict[str, Any], *, warning: bool = False) -> dict[str, Any]:
    """A problem as the import page shows it: its key, then its message without the key that the
    reference validator repeats at its start ("url must be a valid URL" under the key ``url``)."""
    message = str(problem["message"])
    key = str(problem["key"] or "")
    for name in (key, key.rsplit(".", 1)[-1]):
        if name and message.startswith(name + " "):
            message = message[len(name) + 1 :]
            break
    return {**problem, "rest": message, "warning": warning}


def _numbered(text: str, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file's lines, each with the problems found on it."""
    by_line: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for problem in problems:
        by_line[problem["line"]].append(problem)
    return [
        {"number": number, "text": line, "problems": by_line.get(number, [])}
        for number, line in enumerate(text.split("\n"), start=1)
    ]


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    if not may_act(request.user):
        raise PermissionDenied
    countries = _acting_countries(request.user)
    form = forms.ImportForm(request.POST or None, request.FILES or None, countries=countries)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        content = form.cleaned_data["content"]
        try:
            outcome = services.software_import(
                actor=request.user,
                text=content,
                country=form.cleaned_data.get("country"),
                institution=form.cleaned_data.get("institution"),
            )
        except services.InvalidFile as exc:
            errors = [_shown(problem) for problem in exc.extra["errors"]]  # type: ignore[attr-defined]
            warnings = [
                _shown(problem, warning=True)
                for problem in exc.extra["warnings"]  # type: ignore[attr-defined]
            ]
            context.update(
                {
                    "refused": exc.message,
                    "problems": errors,
                    "lines": _numbered(content, [*errors, *warnings]),
                }
            )
            return render(request, "software/import.html", context, status=422)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            software = outcome.software
            if outcome.created:
                messages.success(request, _("%(name)s is now in the catalogue.") % {"name": software.name})
            elif outcome.changed:
                messages.success(
                    request,
                    _("%(name)s was updated; the earlier version is kept in its history.")
                    % {"name": software.name},
                )
            else:
                messages.info(request, _("This file is the version already imported: nothing changed."))
            if outcome.warnings:
                # One alert listing them all, rendered here: the template escapes the file's text.
                shown = [_shown(services.problem_out(warning), warning=True) for warning in outcome.warnings]
                messages.warning(
                    request, render_to_string("software/_import_warnings.html", {"warnings": shown}, request)
                )
            return redirect("software:detail", slug=software.slug)
    return render(request, "software/import.html", context, status=422 if form.errors else 200)


def _software_or_404(slug: str) -> Software:
    software = selectors.software_by_slug(slug)
    if software is None:
        raise Http404("No such software")
    return software


@login_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The network's data of a software (its institution, the solutions that use it): for the owning
    country's delegates and the Secretariat."""
    software = _software_or_404(slug)
    if not request.user.has_perm("software.change_software", software):
        raise PermissionDenied
    # Nothing chosen is an answer too (no institution, no solution): the form is bound on any POST.
    form = forms.SoftwareForm(request.POST if request.method == "POST" else None, software=software)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.software_update(
                actor=request.user,
                software=software,
                institution=data.get("institution"),
                clear_institution=data.get("institution") is None,
                solutions=list(data.get("solutions") or []),
                working_group=data.get("working_group"),
                clear_working_group=data.get("working_group") is None,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The changes to %(name)s are saved.") % {"name": software.name})
            return redirect("software:detail", slug=software.slug)
    return render(
        request,
        "software/edit.html",
        {"software": software, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def adoption_new(request: HttpRequest, slug: str) -> HttpResponse:
    software = _software_or_404(slug)
    if not may_act(request.user):
        raise PermissionDenied
    form = forms.AdoptionForm(request.POST or None, countries=_acting_countries(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _adoption, created = services.adoption_record(
                actor=request.user,
                software=software,
                country=data["country"],
                institution=data.get("institution"),
                status=data["status"],
                since=data.get("since"),
                version=data.get("version") or "",
                evidence_url=data.get("evidence_url") or "",
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                (
                    _("The adoption by %(country)s is recorded.")
                    if created
                    else _("The adoption by %(country)s is updated.")
                )
                % {"country": data["country"].name},
            )
            return redirect(reverse("software:detail", args=[software.slug]) + "#adoptions")
    return render(
        request,
        "software/adoption_form.html",
        {"software": software, "form": form},
        status=422 if form.errors else 200,
    )


@login_required
def contribution_new(request: HttpRequest, slug: str) -> HttpResponse:
    software = _software_or_404(slug)
    if not may_act(request.user):
        raise PermissionDenied
    form = forms.ContributionForm(request.POST or None, countries=_acting_countries(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        language = data["language"]
        try:
            services.contribution_record(
                actor=request.user,
                software=software,
                country=data["country"],
                institution=data.get("institution"),
                what={language: data["what"]},
                original_language=language,
                contributed_on=data.get("contributed_on"),
            )
        except ServiceError as exc:
            if exc.field and exc.field.startswith("what"):
                exc.field = "what"
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The contribution of %(country)s is recorded.") % {"country": data["country"].name}
            )
            return redirect(reverse("software:detail", args=[software.slug]) + "#contributions")
    return render(
        request,
        "software/contribution_form.html",
        {"software": software, "form": form},
        status=422 if form.errors else 200,
    )
