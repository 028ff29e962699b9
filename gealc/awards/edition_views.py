"""The Excellence Award's pages: the editions, an edition with its rules and phase (and the Secretariat's
buttons for the next phase), and an edition's public results. Views read input and call services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.accounts.roles import countries_for
from gealc.awards import edition_selectors as selectors
from gealc.awards import edition_services as services
from gealc.awards.edition_forms import SubmissionForm
from gealc.awards.models import (
    PHASE_ORDER,
    Edition,
    Phase,
    Solution,
    SolutionState,
    SolutionStatus,
    Submission,
)
from gealc.awards.rules import ACTING_ROLES
from gealc.awards.workflow import EDITION_STEPS
from gealc.core.errors import ServiceError
from gealc.core.forms import add_service_error
from gealc.core.pages import kept_for_visitors
from gealc.core.workflow import action_list, take_step
from gealc.members.models import Country


def _edition_or_404(request: HttpRequest, pk: int) -> Edition:
    found = selectors.edition_for(request.user, pk)
    if found is None:
        raise Http404("No such edition")
    return found


@kept_for_visitors
def editions(request: HttpRequest) -> HttpResponse:
    found = list(selectors.visible_editions(request.user))
    return render(
        request,
        "awards/editions/list.html",
        {
            "current": [edition for edition in found if not edition.historical],
            "historical": [edition for edition in found if edition.historical],
        },
    )


def _timeline(edition: Edition) -> list[dict[str, Any]]:
    return [
        {"label": Phase(phase).label, "done": index < edition.phase_index, "current": phase == edition.phase}
        for index, phase in enumerate(PHASE_ORDER)
    ]


@kept_for_visitors
def edition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition_or_404(request, pk)
    return render(
        request,
        "awards/editions/detail.html",
        {
            "edition": edition,
            "timeline": _timeline(edition),
            "actions": action_list(
                request.user, EDITION_STEPS, edition, state=edition.phase, url_name="awards:edition_action"
            ),
            "submissions": Submission.objects.filter(edition=edition).count(),
            "results_public": selectors.marks_public(edition) and not edition.historical,
            "may_submit": edition.phase == Phase.CALL_OPEN and bool(_solutions_to_submit(request, edition)),
            "own_submissions": _own_submissions(request, edition),
            "office": _office_links(request, edition),
        },
    )


def _office_links(request: HttpRequest, edition: Edition) -> dict[str, bool] | None:
    """Which of the Secretariat's pages (``office_views``) the edition's page links to."""
    if edition.historical or not request.user.has_perm("awards.run_edition"):
        return None
    return {
        "screening": edition.phase_index >= PHASE_ORDER.index(Phase.SUBMISSIONS_CLOSED),
        "ranking": edition.phase_index >= PHASE_ORDER.index(Phase.EVALUATION),
    }


def _solutions_to_submit(request: HttpRequest, edition: Edition) -> list[Solution]:
    """The viewer's member countries' published solutions not yet submitted to the edition."""
    codes = countries_for(request.user, *ACTING_ROLES)
    if not codes:
        return []
    return list(
        Solution.objects.filter(
            country__iso3__in=codes,
            country__status=Country.Status.MEMBER,
            state=SolutionState.PUBLISHED,
            status=SolutionStatus.OPERATION,
        )
        .exclude(submissions__edition=edition)
        .select_related("country")
        .order_by("name_key")
    )


def _own_submissions(request: HttpRequest, edition: Edition) -> list[Submission]:
    codes = countries_for(request.user, *ACTING_ROLES)
    if not codes:
        return []
    return list(
        Submission.objects.filter(edition=edition, country__iso3__in=codes).select_related(
            "solution", "category", "country"
        )
    )


@login_required
def submission_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A delegate submits one of the country's published solutions while the call is open."""
    edition = _edition_or_404(request, pk)
    solutions = _solutions_to_submit(request, edition)
    if not countries_for(request.user, *ACTING_ROLES):
        raise PermissionDenied
    form = SubmissionForm(request.POST or None, request.FILES or None, edition=edition, solutions=solutions)
    if request.method == "POST" and form.is_valid():
        solution = next(s for s in solutions if s.pk == form.cleaned_data["solution"])
        try:
            services.submission_create(
                actor=request.user,
                edition=edition,
                solution=solution,
                category=edition.categories.get(code=form.cleaned_data["category"]),
                **form.service_input(),
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The solution is submitted to the award."))
            return redirect("awards:edition", edition.pk)
    return render(
        request,
        "awards/editions/submit.html",
        {
            "edition": edition,
            "form": form,
            "call_open": edition.phase == Phase.CALL_OPEN,
            "solutions": solutions,
        },
    )


@login_required
@require_POST
def edition_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take the Secretariat's step to the edition's next phase (``workflow.EDITION_STEPS``)."""
    take_step(request, EDITION_STEPS, action, _edition_or_404(request, pk))
    return redirect("awards:edition", pk)


@kept_for_visitors
def edition_results(request: HttpRequest, pk: int) -> HttpResponse:
    edition = _edition_or_404(request, pk)
    if not selectors.marks_public(edition) or edition.historical:
        raise Http404("No results yet")
    return render(
        request,
        "awards/editions/results.html",
        {"edition": edition, "results": selectors.results_answer(edition)},
    )


def award_history(solution: Any) -> dict[str, Any]:
    """The solution page's section: the editions it was submitted to, from their finalists on."""
    rows = list(
        Submission.objects.filter(
            solution=solution, edition__phase__in=[Phase.FINALISTS, Phase.VOTING, Phase.ANNOUNCED]
        ).select_related("edition", "category")
    )
    return {"shown": bool(rows), "award_rows": rows}
