"""Reads of the catalogue: the filtered list (pages, API, CSV), its facets with counts, a solution with
what its page shows, and the work lists of the countries and the Secretariat.

Every read makes a fixed number of queries whatever the number of solutions: the facets are one
``GROUP BY`` each over the filtered list, a page's goals are one query for the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy

from gealc.accounts.roles import countries_for
from gealc.awards import search
from gealc.awards.models import (
    PUBLIC_RESULT_PHASES,
    Eligibility,
    Goal,
    Solution,
    SolutionState,
    SolutionStatus,
    Submission,
    Theme,
)
from gealc.awards.rules import ACTING_ROLES
from gealc.core.api import page_first
from gealc.core.i18n import localized_column, text_expression, texts
from gealc.members.models import Subregion

SORTS = {
    "name": ("name_key", "pk"),
    "year": ("-year_started", "name_key", "pk"),
    "newest": ("-published_at", "-pk"),
}


@dataclass
class Filters:
    """What the catalogue is filtered on; every value already checked (None: not filtered)."""

    country: str | None = None
    subregion: str | None = None
    theme: str | None = None
    sdg: int | None = None
    year: int | None = None
    status: str | None = None
    award: str | None = None
    state: str | None = None
    q: str = ""

    def query(self) -> dict[str, Any]:
        """The filters as query parameters (for the links of pages, facets and the CSV)."""
        return {name: value for name, value in vars(self).items() if value not in (None, "")}


# The namespace of what the cache keeps of the public catalogue (the API list's pages for the viewers who
# see only published solutions, ``gealc.core.api.answered_from_cache``): every write of a solution, its
# goals and missions, or of what its rows show (country, subregion, theme, institution) bumps it
# (``apps.py``).
CATALOGUE = "awards:catalogue"


class AwardResult(models.TextChoices):
    """A solution's best result in the Excellence Award, as far as the editions' results are public."""

    WINNER = "winner", gettext_lazy("Winner")
    FINALIST = "finalist", gettext_lazy("Finalist")
    CANDIDATE = "candidate", gettext_lazy("Eligible candidacy")


def award_result() -> Case:
    """The expression of a solution's best award result (empty when it has none): winners once the edition
    is announced, finalists once its marks are public, eligible candidacies of those same editions."""
    public = Submission.objects.filter(
        solution=OuterRef("pk"), edition__phase__in=PUBLIC_RESULT_PHASES, eligibility=Eligibility.ELIGIBLE
    )
    return Case(
        When(Exists(public.filter(winner=True)), then=Value(AwardResult.WINNER.value)),
        When(Exists(public.filter(finalist=True)), then=Value(AwardResult.FINALIST.value)),
        When(Exists(public), then=Value(AwardResult.CANDIDATE.value)),
        default=Value(""),
        output_field=models.CharField(),
    )


def sees_only_published(viewer: Any) -> bool:
    """Whether ``viewer`` sees the public catalogue (no drafts of its own, not the Secretariat)."""
    return not viewer.has_perm("awards.review_solution") and not countries_for(viewer, *ACTING_ROLES)


def visible(viewer: Any) -> QuerySet[Solution]:
    """Published solutions; also its own country's for a delegate; every one for the Secretariat."""
    solutions = Solution.objects.all()
    if viewer.has_perm("awards.review_solution"):
        return solutions
    own = countries_for(viewer, *ACTING_ROLES)
    if own:
        return solutions.filter(Q(state=SolutionState.PUBLISHED) | Q(country__iso3__in=own))
    return solutions.published()


def solutions(
    viewer: Any, filters: Filters, *, sort: str = "name", public: bool = False
) -> QuerySet[Solution]:
    """The solutions ``viewer`` may see that match ``filters``, in the order ``sort``. ``public``: only
    the published ones (the catalogue and its CSV), whoever looks."""
    found = Solution.objects.published() if public else visible(viewer)
    if filters.state:
        found = found.filter(state=filters.state)
    if filters.country:
        found = found.filter(country__iso3=filters.country.upper())
    if filters.subregion:
        found = found.filter(country__subregion__code=filters.subregion)
    if filters.theme:
        found = found.filter(theme__code=filters.theme)
    if filters.sdg:
        found = found.filter(
            Exists(Solution.goals.through.objects.filter(solution=OuterRef("pk"), goal__number=filters.sdg))
        )
    if filters.year:
        found = found.filter(year_started=filters.year)
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.award:
        found = found.alias(award_result=award_result()).filter(award_result=filters.award)
    if filters.q:
        found = found.filter(search.matching(filters.q))
    return found.order_by(*SORTS.get(sort, SORTS["name"]))


# Facets ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class Facet:
    name: str
    values: list[FacetValue] = field(default_factory=list)


def facets(found: QuerySet[Solution]) -> list[Facet]:
    """The values of each facet among ``found``, with how many solutions have each: one query a facet."""
    ids = found.order_by().values("pk")
    name = localized_column("name")
    base = Solution.objects.filter(pk__in=ids).order_by()
    country = [
        FacetValue(row["country__iso3"], row[f"country__{name}"], row["n"])
        for row in base.values("country__iso3", f"country__{name}").annotate(n=Count("pk"))
    ]
    subregion = [
        FacetValue(row["country__subregion__code"], row[f"country__subregion__{name}"], row["n"])
        for row in base.filter(country__subregion__isnull=False)
        .values("country__subregion__code", f"country__subregion__{name}", "country__subregion__position")
        .annotate(n=Count("pk"))
        .order_by("country__subregion__position")
    ]
    theme = [
        FacetValue(row["theme__code"], row[f"theme__{name}"], row["n"])
        for row in base.values("theme__code", f"theme__{name}", "theme__position")
        .annotate(n=Count("pk"))
        .order_by("theme__position", "theme__code")
    ]
    goals = [
        FacetValue(str(row["goal__number"]), f"{row['goal__number']}. {row[f'goal__{name}']}", row["n"])
        for row in Solution.goals.through.objects.filter(solution_id__in=ids)
        .values("goal__number", f"goal__{name}")
        .annotate(n=Count("solution_id"))
        .order_by("goal__number")
    ]
    years = [
        FacetValue(str(row["year_started"]), str(row["year_started"]), row["n"])
        for row in base.filter(year_started__isnull=False)
        .values("year_started")
        .annotate(n=Count("pk"))
        .order_by("-year_started")
    ]
    labels = dict(SolutionStatus.choices)
    status = [
        FacetValue(row["status"], str(labels[row["status"]]), row["n"])
        for row in base.values("status").annotate(n=Count("pk")).order_by("status")
    ]
    results = {
        row["award_result"]: row["n"]
        for row in base.annotate(award_result=award_result())
        .exclude(award_result="")
        .values("award_result")
        .annotate(n=Count("pk"))
    }
    award = [
        FacetValue(value, str(label), results[value])
        for value, label in AwardResult.choices
        if value in results
    ]
    return [
        Facet("country", sorted(country, key=lambda each: each.label)),
        Facet("subregion", subregion),
        Facet("theme", theme),
        Facet("sdg", goals),
        Facet("year", years),
        Facet("status", status),
        Facet("award", award),
    ]


# Rows --------------------------------------------------------------------------------------------------

LIST_COLUMNS = (
    "original_language", "figures", "url", "year_started", "status", "tags", "languages", "state",
    "review_comment", "imported", "published_at",
)  # fmt: skip
LIST_TEXTS = ("name", "problem", "description", "results")


def _related(ids: list[int]) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    goals: dict[int, list[int]] = {}
    for solution_id, number in (
        Solution.goals.through.objects.filter(solution_id__in=ids)
        .order_by("goal__number")
        .values_list("solution_id", "goal__number")
    ):
        goals.setdefault(solution_id, []).append(number)
    missions: dict[int, list[int]] = {}
    for solution_id, mission_id in (
        Solution.missions.through.objects.filter(solution_id__in=ids)
        .order_by("mission_id")
        .values_list("solution_id", "mission_id")
    ):
        missions.setdefault(solution_id, []).append(mission_id)
    return goals, missions


def solution_rows(page: QuerySet[Solution]) -> list[dict[str, Any]]:
    """The list's answers for a page of solutions (``SolutionOut``, the API and the CSV): each text in
    the request's language with the fallback, chosen by the database, so that a row carries one text per
    field instead of every translation (those are on a solution's own answer); then the page's goals and
    missions in one query each. Never the contact."""
    found = list(
        page_first(page).values(
            "id",
            *LIST_COLUMNS,
            country_code=F("country__iso3"),
            subregion=F("country__subregion__code"),
            theme_code=F("theme__code"),
            institution_name=F("institution__name"),
            institution_acronym=F("institution__acronym"),
            country_name=text_expression("name", prefix="country__", original=None),
            **{name: text_expression(name) for name in LIST_TEXTS},
        )
    )
    goals, missions = _related([row["id"] for row in found])
    rows = []
    for row in found:
        name, acronym = row.pop("institution_name"), row.pop("institution_acronym")
        row["country"] = row.pop("country_code")
        row["theme"] = row.pop("theme_code")
        row["institution"] = (f"{name} ({acronym})" if acronym else name) if name is not None else None
        row["goals"] = goals.get(row["id"], [])
        row["missions"] = missions.get(row["id"], [])
        rows.append(row)
    return rows


def solution_answer(solution: Solution, goals: list[int], missions: list[int]) -> dict[str, Any]:
    country = solution.country
    return {
        "id": solution.pk,
        "country": country.iso3,
        "country_name": country.name,
        "subregion": country.subregion.code if country.subregion is not None else None,
        "institution": str(solution.institution) if solution.institution_id else None,
        **texts(solution, "name", "problem", "description", "results"),
        "original_language": solution.original_language,
        "figures": solution.figures,
        "theme": solution.theme.code,
        "goals": goals,
        "url": solution.url,
        "year_started": solution.year_started,
        "status": solution.status,
        "tags": solution.tags,
        "languages": solution.languages,
        "missions": missions,
        "state": solution.state,
        "review_comment": solution.review_comment,
        "imported": solution.imported,
        "published_at": solution.published_at,
    }


def solution_for(viewer: Any, pk: int) -> Solution | None:
    """The solution if ``viewer`` may see it (None otherwise, so that its existence does not leak)."""
    return (
        visible(viewer)
        .select_related("country", "country__subregion", "theme", "institution")
        .prefetch_related("goals")
        .filter(pk=pk)
        .first()
    )


def detail_answer(viewer: Any, solution: Solution) -> dict[str, Any]:
    goals, missions = _related([solution.pk])
    answer = solution_answer(solution, goals.get(solution.pk, []), missions.get(solution.pk, []))
    answer["contact"] = (
        {"name": solution.contact_name, "email": solution.contact_email}
        if viewer.has_perm("awards.view_solution_contact", solution)
        else None
    )
    return answer


def public_missions(solution: Solution) -> list[Any]:
    """The solution's related missions that the fund shows publicly."""
    from gealc.cooperation.workflow import PUBLIC_REQUEST_STATES

    return list(
        solution.missions.carried_out()
        .filter(request__state__in=PUBLIC_REQUEST_STATES)
        .select_related("request", "provider", "recipient")
        .order_by("-start_date", "pk")
    )


def goals_of(solution: Solution) -> list[Goal]:
    return list(solution.goals.all())


# Work lists --------------------------------------------------------------------------------------------


def country_solutions(viewer: Any) -> QuerySet[Solution]:
    """The solutions of the countries ``viewer`` acts for, in every state; returned ones first."""
    own = countries_for(viewer, *ACTING_ROLES)
    return (
        Solution.objects.filter(country__iso3__in=own)
        .select_related("country", "theme")
        .order_by("state", "name_key", "pk")
    )


def review_queue() -> QuerySet[Solution]:
    return (
        Solution.objects.filter(state=SolutionState.IN_REVIEW)
        .select_related("country", "theme")
        .order_by("created_at", "pk")
    )


def themes() -> QuerySet[Theme]:
    return Theme.objects.order_by("position", "code")


def subregions() -> QuerySet[Subregion]:
    return Subregion.objects.order_by("position", "code")
