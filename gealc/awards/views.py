"""The catalogue's pages: the public catalogue with its search, facets and CSV, a solution's page, a
country's solutions and their form, the Secretariat's review queue and its import page.

Views only read input and call services; refusals come back as messages or next to the field."""

from __future__ import annotations

import csv
import hashlib
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.accounts.roles import countries_for
from gealc.awards import forms, selectors, services
from gealc.awards.imports import ImportRefused, solutions_import
from gealc.awards.models import Solution, SolutionState, SolutionStatus, Theme
from gealc.awards.rules import ACTING_ROLES
from gealc.awards.sections import sections_for
from gealc.awards.workflow import EDITABLE_STATES, SOLUTION_STEPS
from gealc.core.api import page_first
from gealc.core.errors import ServiceError, require
from gealc.core.figures import figures
from gealc.core.forms import add_service_error
from gealc.core.i18n import columns
from gealc.core.pages import kept_for_visitors
from gealc.core.workflow import action_list, take_step
from gealc.members.models import Country

PER_PAGE = 20
MAX_UPLOAD = 5 * 1024 * 1024
SORT_LABELS = {
    "name": gettext_lazy("Name"),
    "year": gettext_lazy("Year started"),
    "newest": gettext_lazy("Newest"),
}


def _whole(value: str, low: int, high: int) -> int | None:
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def _filters(request: HttpRequest) -> selectors.Filters:
    """The catalogue's filters from the query; a value that cannot be one is ignored."""
    get = request.GET
    status = get.get("status", "")
    return selectors.Filters(
        country=get.get("country", "").strip().upper()[:3] or None,
        subregion=get.get("subregion", "").strip().lower()[:40] or None,
        theme=get.get("theme", "").strip().lower()[:40] or None,
        sdg=_whole(get.get("sdg", ""), 1, 17),
        year=_whole(get.get("year", ""), 1990, 2100),
        status=status if status in SolutionStatus.values else None,
        award=award if (award := get.get("award", "")) in selectors.AwardResult.values else None,
        q=get.get("q", "").strip()[:200],
    )


def _sort(request: HttpRequest) -> str:
    sort = request.GET.get("sort", "name")
    return sort if sort in selectors.SORTS else "name"


# Public pages -------------------------------------------------------------------------------------------


class _Counted(Paginator[Solution]):
    """A paginator told the list's count (kept in the cache) instead of counting it again."""

    def __init__(self, object_list: Any, per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known = count

    @cached_property
    def count(self) -> int:
        return self._known


def _facets(found: Any, query: dict[str, Any], sort: str) -> list[dict[str, Any]]:
    """The facets of the catalogue with their counts and links, as the page shows them."""
    facets = []
    for facet in selectors.facets(found):
        chosen = str(query.get(facet.name, ""))
        facets.append(
            {
                "name": facet.name,
                "title": str(FACET_TITLES[facet.name]),
                "chosen": chosen,
                "clear": "?"
                + urlencode({k: v for k, v in query.items() if k != facet.name} | {"sort": sort}),
                "values": [
                    {
                        "label": value.label,
                        "count": value.count,
                        "chosen": value.value == chosen,
                        "url": "?" + urlencode(query | {facet.name: value.value, "sort": sort}),
                    }
                    for value in facet.values
                ],
            }
        )
    return facets


# What the catalogue shows of each solution.
SHOWN = (
    "pk", "year_started", "status", "original_language", "name_key", "published_at",
    *columns(Solution, "name", "description"),
    "country__iso3", *(f"country__{column}" for column in columns(Country, "name")),
    "theme__code", *(f"theme__{column}" for column in columns(Theme, "name")),
)  # fmt: skip


@kept_for_visitors
def catalogue(request: HttpRequest) -> HttpResponse:
    """The public catalogue: the same for every viewer, so its count and its facets (six ``GROUP BY``
    queries, then the links of some hundred values, rendered) are kept in the cache per language and
    filters until the catalogue changes (``selectors.CATALOGUE``)."""
    filters = _filters(request)
    sort = _sort(request)
    found = selectors.solutions(request.user, filters, sort=sort, public=True)
    query = filters.query()
    key = hashlib.sha256(f"{get_language()}:{urlencode(query | {'sort': sort})}".encode()).hexdigest()
    count = figures(selectors.CATALOGUE, f"catalogue-count:{key}", found.count)
    page = _Counted(
        found,
        PER_PAGE,
        count,
    ).get_page(request.GET.get("page"))  # fmt: skip
    sliced = cast("QuerySet[Solution]", page.object_list)
    page.object_list = list(page_first(sliced).select_related("country", "theme").only(*SHOWN))
    facets = figures(
        selectors.CATALOGUE,
        f"catalogue-facets:{key}",
        lambda: render_to_string("awards/_facets.html", {"facets": _facets(found, query, sort)}),
    )
    return render(
        request,
        "awards/catalogue.html",
        {
            "page": page,
            "facets": mark_safe(facets),  # noqa: S308 (rendered by the template above, escaped there)
            "filters": filters,
            "sort": sort,
            "sorts": SORT_LABELS,
            "query": urlencode(query | {"sort": sort}),
            "csv_query": urlencode(query | {"sort": sort}),
            "hidden": {k: v for k, v in query.items() if k != "q"},
        },
    )


FACET_TITLES = {
    "country": gettext_lazy("Country"),
    "subregion": gettext_lazy("Subregion"),
    "theme": gettext_lazy("Theme"),
    "sdg": gettext_lazy("Sustainable Development Goal"),
    "year": gettext_lazy("Year started"),
    "status": gettext_lazy("Status"),
    "award": gettext_lazy("Excellence Award"),
}


def catalogue_csv(request: HttpRequest) -> HttpResponse:
    """The filtered catalogue as CSV, texts in the visitor's language; never the contact."""
    found = selectors.solutions(request.user, _filters(request), sort=_sort(request), public=True)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="solutions.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["id", "country", "country_name", "subregion", "name", "theme", "year_started", "status", "sdgs",
         "institution", "url", "tags", "languages", "problem", "description", "results", "published_at"]
    )  # fmt: skip
    for start in range(0, found.count(), 500):
        for row in selectors.solution_rows(found[start : start + 500]):
            writer.writerow(
                [
                    row["id"], row["country"], row["country_name"], row["subregion"] or "", row["name"],
                    row["theme"], row["year_started"] or "", row["status"], ";".join(map(str, row["goals"])),
                    row["institution"] or "", row["url"], ";".join(row["tags"]), ";".join(row["languages"]),
                    row["problem"], row["description"], row["results"],
                    row["published_at"].isoformat() if row["published_at"] else "",
                ]
            )  # fmt: skip
    return response


def _solution_or_404(request: HttpRequest, pk: int) -> Solution:
    found = selectors.solution_for(request.user, pk)
    if found is None:
        raise Http404("No such solution")
    return found


@kept_for_visitors
def solution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    solution = _solution_or_404(request, pk)
    user = request.user
    follows = user.has_perm("awards.view_solution_contact", solution)
    return render(
        request,
        "awards/solution_detail.html",
        {
            "solution": solution,
            "goals": selectors.goals_of(solution),
            "sections": sections_for(solution),
            "actions": action_list(
                user, SOLUTION_STEPS, solution, state=solution.state, url_name="awards:action"
            ),
            "follows": follows,
            "editable": user.has_perm("awards.edit_solution", solution)
            and (solution.state in EDITABLE_STATES or user.has_perm("awards.review_solution")),
            "history": list(solution.changes.select_related("actor").order_by("at", "pk")) if follows else [],
        },
    )


# A country's pages ----------------------------------------------------------------------------------------


def _acting_countries(request: HttpRequest) -> list[Country]:
    return [
        country
        for country in Country.objects.filter(iso3__in=countries_for(request.user, *ACTING_ROLES)).by_name()
        if country.is_member
    ]


@login_required
def country_solutions(request: HttpRequest) -> HttpResponse:
    countries = _acting_countries(request)
    if not countries:
        raise PermissionDenied("Only delegates of a member country keep solutions.")
    found = list(selectors.country_solutions(request.user))
    return render(
        request,
        "awards/mine.html",
        {
            "countries": countries,
            "returned": [s for s in found if s.state == SolutionState.RETURNED],
            "drafts": [s for s in found if s.state == SolutionState.DRAFT],
            "in_review": [s for s in found if s.state == SolutionState.IN_REVIEW],
            "published": [s for s in found if s.state == SolutionState.PUBLISHED],
        },
    )


@login_required
def solution_new(request: HttpRequest) -> HttpResponse:
    countries = _acting_countries(request)
    if not countries and not request.user.has_perm("awards.review_solution"):
        raise PermissionDenied("Only delegates of a member country draft solutions.")
    if not countries:
        countries = list(Country.objects.members().by_name())
    form = forms.SolutionForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        try:
            solution = services.solution_draft(
                actor=request.user, country=form.cleaned_data["country"], **form.service_input()
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The solution is saved as a draft. Submit it for review when it is ready.")
            )
            return redirect("awards:detail", solution.pk)
    return render(request, "awards/solution_form.html", {"form": form, "solution": None})


@login_required
def solution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    solution = _solution_or_404(request, pk)
    require(request.user, "awards.edit_solution", solution)
    if solution.state not in EDITABLE_STATES and not request.user.has_perm("awards.review_solution"):
        messages.error(
            request,
            _("The solution is in the state “%(state)s”: the country edits it as a draft or returned.")
            % {"state": solution.get_state_display()},
        )
        return redirect("awards:detail", solution.pk)
    form = forms.SolutionForm(
        request.POST or None,
        countries=[solution.country],
        editing=True,
        initial=forms.SolutionForm.initial_from(solution),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.solution_update(actor=request.user, solution=solution, changes=form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The solution is saved."))
            return redirect("awards:detail", solution.pk)
    return render(request, "awards/solution_form.html", {"form": form, "solution": solution})


@login_required
@require_POST
def solution_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the review's steps (``workflow.SOLUTION_STEPS``) from its form on the solution's page."""
    solution = _solution_or_404(request, pk)
    take_step(request, SOLUTION_STEPS, action, solution)
    if action in {"publish", "return"}:
        return redirect("awards:review")
    return redirect("awards:detail", solution.pk)


# The Secretariat's pages ----------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "awards.review_solution")
    return render(request, "awards/review.html", {"queue": list(selectors.review_queue())})


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    require(request.user, "awards.import_solutions")
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    errors: list[Any] = []
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 5 MB."))
        else:
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text."))
            else:
                try:
                    result = solutions_import(actor=request.user, text=text)
                except ImportRefused as exc:
                    form.add_error("file", exc.message)
                    errors = exc.errors
    return render(
        request,
        "awards/import.html",
        {"form": form, "errors": errors, "result": result, "columns": IMPORT_COLUMNS},
    )


IMPORT_COLUMNS = [
    ("id", gettext_lazy("optional: the solution's identifier in the historical catalogue (matched first)")),
    ("country", gettext_lazy("ISO 3166-1 alpha-3 code, e.g. URY")),
    ("original_language", gettext_lazy("en, es, pt or fr: the language of the texts first written")),
    ("name_en … name_fr", gettext_lazy("the name in each language; the original language's is required")),
    ("description_en … description_fr", gettext_lazy("what it does; the original language's is required")),
    ("problem_en … problem_fr, results_en … results_fr", gettext_lazy("optional")),
    ("theme", gettext_lazy("code of a theme, e.g. digital-identity")),
    ("institution", gettext_lazy("optional: name or acronym of an institution of the country")),
    (
        "url, year_started, status",
        gettext_lazy("optional; status is pilot, operation (the default) or retired"),
    ),
    ("sdgs, tags, languages", gettext_lazy("optional, separated by semicolons, e.g. 3;16")),
    ("contact_name, contact_email", gettext_lazy("optional; never public")),
]
