"""The jurors' and the delegations' pages of an award edition: a juror's evaluations, the scoring page
of one submission (with the declaration of a conflict of interest), the download of a submission's
attachments, and a head of delegation's final vote with its receipts.

Views read input, check the rule and call the service; its refusals come back on the page (next to the
field they name, or at the top). A head of delegation acts only with two-factor authentication, which
``RequireMfaMiddleware`` asks for before any of these pages, as for the elections' ballots.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gealc.awards import edition_selectors, jury_selectors
from gealc.awards import edition_services as services
from gealc.awards.jury_forms import ConflictForm, ScoresForm, VoteForm, score_field_name
from gealc.awards.models import Assignment, Edition, Phase
from gealc.core.errors import Forbidden, ServiceError
from gealc.core.forms import add_service_error
from gealc.core.uploads import StoredUpload, serve_upload
from gealc.members.models import Country

# The juror's pages ------------------------------------------------------------------------------------


@login_required
def evaluations(request: HttpRequest) -> HttpResponse:
    """The juror's assignments across editions, grouped by edition."""
    if not request.user.has_perm("awards.judge"):
        raise PermissionDenied
    groups: dict[int, dict[str, Any]] = {}
    for assignment in jury_selectors.juror_assignments(request.user):
        edition = assignment.submission.edition
        group = groups.setdefault(edition.pk, {"edition": edition, "assignments": [], "to_score": 0})
        group["assignments"].append(assignment)
        group["to_score"] += assignment.scored_at is None
    return render(request, "awards/editions/jury/evaluations.html", {"groups": list(groups.values())})


def _assignment_or_404(request: HttpRequest, pk: int) -> Assignment:
    found = jury_selectors.juror_assignment(request.user, pk)
    if found is None:
        raise Http404("No such assignment")
    if not request.user.has_perm("awards.score_submission", found):
        raise PermissionDenied
    return found


def _scores_form(assignment: Assignment, data: Any = None) -> ScoresForm:
    criteria = list(assignment.submission.edition.criteria.all())
    saved = {score.criterion_id: score.value for score in assignment.scores.all()}
    initial: dict[str, Any] = {"comment": assignment.comment}
    for criterion in criteria:
        if criterion.pk in saved:
            initial[score_field_name(criterion)] = saved[criterion.pk]
    return ScoresForm(data, criteria=criteria, initial=initial)


@login_required
def evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the submission, score it (or change the scores while the evaluation is open), or declare a
    conflict of interest with it. A juror sees their own scores only."""
    assignment = _assignment_or_404(request, pk)
    submission = assignment.submission
    edition = submission.edition
    posted = request.POST.get("form") if request.method == "POST" else None
    scores_form = _scores_form(assignment, request.POST if posted == "scores" else None)
    conflict_form = ConflictForm(request.POST if posted == "conflict" else None, prefix="conflict")
    if posted == "scores" and scores_form.is_valid():
        try:
            services.scores_save(
                actor=request.user,
                assignment=assignment,
                scores=scores_form.scores(),
                comment=scores_form.cleaned_data["comment"],
            )
        except ServiceError as exc:
            add_service_error(scores_form, exc)
        except Forbidden as exc:
            # The conflict rule is checked again at each save: a role or a declaration since the
            # assignment stops the scores, and the service says why, rather than a bare 403.
            if services.conflict_of(request.user, submission) is None:
                raise
            scores_form.add_error(None, str(exc))
        else:
            messages.success(
                request, _("Your scores are saved. You can change them while the evaluation is open.")
            )
            return redirect("awards:evaluation", assignment.pk)
    if posted == "conflict" and conflict_form.is_valid():
        try:
            services.conflict_declare(
                actor=request.user, submission=submission, reason=conflict_form.cleaned_data["reason"]
            )
        except ServiceError as exc:
            add_service_error(conflict_form, exc)
        else:
            messages.success(
                request,
                _(
                    "Your conflict of interest with “%(solution)s” is recorded: it is no longer "
                    "assigned to you."
                )
                % {"solution": submission.solution.name},
            )
            return redirect("awards:evaluations")
    return render(
        request,
        "awards/editions/jury/evaluation.html",
        {
            "assignment": assignment,
            "submission": submission,
            "edition": edition,
            "solution": submission.solution,
            "answers": jury_selectors.answers_of(submission),
            "attachments": list(submission.attachments.all()),
            "scores": sorted(assignment.scores.all(), key=lambda score: score.criterion.position),
            # A role granted or a conflict declared since the assignment: said before the juror scores.
            "conflict": services.conflict_of(request.user, submission),
            "scoring_open": edition.phase == Phase.EVALUATION,
            "conflicts_open": edition.phase in {Phase.SCREENING, Phase.EVALUATION},
            "evaluation_phase": Phase.EVALUATION.label,
            "scores_form": scores_form,
            "conflict_form": conflict_form,
        },
    )


@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """A submission's attachment, for those who may read the submission: the jurors assigned to it, the
    submitting country's delegates and head, the Secretariat."""
    found = jury_selectors.attachment_for(pk)
    if found is None:
        raise Http404("No such attachment")
    if not request.user.has_perm("awards.read_submission", found.submission):
        raise PermissionDenied
    return serve_upload(
        StoredUpload(
            name=found.file,
            original_name=found.original_name,
            content_type=found.content_type,
            size=found.size,
            sha256=found.sha256,
        )
    )


# The head of delegation's final vote ------------------------------------------------------------------


def _edition_or_404(request: HttpRequest, pk: int) -> Edition:
    found = edition_selectors.edition_for(request.user, pk)
    if found is None or found.historical:
        raise Http404("No such edition")
    return found


def _voter(request: HttpRequest, countries: list[Country]) -> Country:
    """The country the head votes for: the one asked for among those they head, else the first."""
    asked = (request.POST.get("country") or request.GET.get("country") or "").upper()
    return next((country for country in countries if country.iso3 == asked), countries[0])


@login_required
def final_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of delegation votes once per category for one finalist, never their own country's, and
    checks the choice on a confirmation page before casting it; a category already voted shows the
    receipt instead of the form."""
    edition = _edition_or_404(request, pk)
    countries = jury_selectors.voting_countries(request.user)
    if not countries or not request.user.has_perm("awards.cast_final_vote", edition):
        raise PermissionDenied
    voter = _voter(request, countries)
    sheet = jury_selectors.vote_sheet(edition, voter)
    posted = request.POST.get("category") if request.method == "POST" else None
    refused: dict[int, str] = {}
    rows = []
    for entry in sheet:
        data = request.POST if posted == entry.category.code else None
        form = VoteForm(data, finalists=entry.finalists, own=entry.own, prefix=entry.category.code)
        if data is not None and form.is_valid():
            chosen = next(f for f in entry.finalists if f.pk == form.cleaned_data["submission"])
            if request.POST.get("step") != "confirm":
                # Check before casting, as the elections' ballots are: a vote is final.
                return render(
                    request,
                    "awards/editions/jury/vote_confirm.html",
                    {
                        "edition": edition,
                        "voter": voter,
                        "category": entry.category,
                        "chosen": chosen,
                        "field_name": form["submission"].html_name,
                        "back": _vote_url(edition, voter, countries),
                    },
                )
            try:
                vote = services.final_vote_cast(
                    actor=request.user, category=entry.category, submission=chosen, country=voter
                )
            except ServiceError as exc:
                if exc.field == "submission":
                    add_service_error(form, exc)
                else:
                    refused[entry.category.pk] = exc.message
            else:
                messages.success(
                    request,
                    _("The vote of %(country)s in “%(category)s” is recorded. Your receipt: %(receipt)s")
                    % {"country": voter.name, "category": entry.category.name, "receipt": vote.receipt},
                )
                return redirect(_vote_url(edition, voter, countries))
        rows.append({"entry": entry, "form": form, "refused": refused.get(entry.category.pk, "")})
    return render(
        request,
        "awards/editions/jury/vote.html",
        {
            "edition": edition,
            "voter": voter,
            "countries": countries if len(countries) > 1 else [],
            "rows": rows,
            "voting": jury_selectors.is_voting(edition),
            "voting_phase": Phase.VOTING.label,
            "voted": sum(1 for entry in sheet if entry.vote is not None),
        },
    )


def _vote_url(edition: Edition, voter: Country, countries: list[Country]) -> str:
    url = reverse("awards:final_vote", args=[edition.pk])
    return f"{url}?country={voter.iso3}" if len(countries) > 1 else url
