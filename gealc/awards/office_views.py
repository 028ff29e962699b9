"""The Secretariat's pages of an award edition: its set-up, the screening of the submissions, the jury
(assignments and each juror's completion), the ranking with the ties to decide, the catalogue of
candidacies as CSV and the charts of the results page. Views read input, call the services and render;
every refusal of a service is shown beside what it names."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.awards import edition_selectors, office_selectors
from gealc.awards import edition_services as services
from gealc.awards.models import Assignment, Edition, Phase, Submission
from gealc.awards.office_forms import AssignmentForm, EditionSetup, ScreeningForm, TieForm
from gealc.cooperation.models import Mission
from gealc.core import charts
from gealc.core.errors import ServiceError
from gealc.core.forms import add_service_error


def _office_edition(request: HttpRequest, pk: int, permission: str) -> Edition:
    """The edition for a page of the Secretariat: 403 for anyone else, whatever the edition."""
    if not request.user.has_perm(permission):
        raise PermissionDenied
    found = edition_selectors.edition_for(request.user, pk)
    if found is None:
        raise Http404("No such edition")
    return found


# The edition's set-up ---------------------------------------------------------------------------------


def _missions() -> list[tuple[int, str]]:
    """The fund's missions a prize may be, newest first, named without a query per row."""
    return [
        (pk, f"#{pk} {provider} → {recipient} ({start.isoformat()})")
        for pk, provider, recipient, start in Mission.objects.order_by("-start_date", "-pk").values_list(
            "pk", "provider__iso3", "recipient__iso3", "start_date"
        )
    ]


def _setup_page(request: HttpRequest, edition: Edition | None) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    more = request.POST.get("more", "") if data is not None else ""
    setup = EditionSetup(
        data,
        edition=edition,
        declared=services.parts_declared(edition) if edition is not None else {},
        missions=_missions(),
        more=more,
    )
    if data is not None and not more and setup.is_valid():
        try:
            if edition is None:
                saved = services.edition_create(actor=request.user, **setup.service_input())
                done = _("The edition is created. Open its call once it is ready.")
            else:
                saved = services.edition_update(actor=request.user, edition=edition, **setup.service_input())
                done = _("The edition is saved.")
        except ServiceError as exc:
            setup.add_service_error(exc)
        else:
            messages.success(request, done)
            return redirect("awards:edition", saved.pk)
    return render(
        request,
        "awards/editions/office/setup.html",
        {
            "edition": edition,
            "setup": setup,
            "form": setup.form,
            "structure_fixed": edition is not None and edition.phase != Phase.SETUP,
        },
    )


@login_required
def edition_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("awards.run_edition"):
        raise PermissionDenied
    return _setup_page(request, None)


@login_required
def edition_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _setup_page(request, _office_edition(request, pk, "awards.run_edition"))


# Screening --------------------------------------------------------------------------------------------


def _screening_initial(submission: Submission) -> dict[str, Any]:
    if submission.eligibility == "pending":
        return {}
    return {"eligible": "yes" if submission.eligibility == "eligible" else "no",
            "reason": submission.screening_reason}  # fmt: skip


@login_required
def screening(request: HttpRequest, pk: int) -> HttpResponse:
    """Each submission with what the screening reads and, in the screening phase, the choice
    eligible / not eligible with the reason the country reads."""
    edition = _office_edition(request, pk, "awards.screen_submission")
    submissions = office_selectors.submissions_to_screen(edition)
    open_now = edition.phase == Phase.SCREENING
    posted = request.POST.get("submission", "") if request.method == "POST" else ""
    forms: dict[int, ScreeningForm] = {}
    for submission in submissions:
        bound = posted == str(submission.pk)
        forms[submission.pk] = ScreeningForm(
            request.POST if bound else None,
            prefix=f"s{submission.pk}",
            initial=_screening_initial(submission),
        )
        if bound and forms[submission.pk].is_valid():
            form = forms[submission.pk]
            try:
                screened = services.submission_screen(
                    actor=request.user,
                    submission=submission,
                    eligible=form.cleaned_data["eligible"],
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("“%(solution)s” is screened: %(result)s.")
                    % {"solution": submission.solution.name, "result": screened.get_eligibility_display()},
                )
                page = reverse("awards:edition_screening", args=[edition.pk])
                return redirect(f"{page}#submission-{submission.pk}")
    if posted and not any(posted == str(submission.pk) for submission in submissions):
        messages.error(request, _("The submission is not one of this edition's."))
    pending = sum(1 for submission in submissions if submission.eligibility == "pending")
    return render(
        request,
        "awards/editions/office/screening.html",
        {
            "edition": edition,
            "rows": [(submission, forms[submission.pk]) for submission in submissions],
            "open_now": open_now,
            "pending": pending,
        },
    )


# The jury ---------------------------------------------------------------------------------------------


def _assignment_form(
    data: Any, jurors: list[office_selectors.Juror], submissions: list[Submission]
) -> AssignmentForm:
    return AssignmentForm(
        data,
        jurors=[(juror.pk, juror.label) for juror in jurors],
        submissions=[
            (s.pk, f"{s.solution.name} — {s.country.name} ({s.category.name})") for s in submissions
        ],
    )


@login_required
def jury(request: HttpRequest, pk: int) -> HttpResponse:
    """The eligible submissions with their jurors, a form to assign one, and each juror's completion."""
    edition = _office_edition(request, pk, "awards.assign_juror")
    submissions = office_selectors.jury_submissions(edition)
    jurors = office_selectors.jurors()
    form = _assignment_form(request.POST if request.method == "POST" else None, jurors, submissions)
    if request.method == "POST" and form.is_valid():
        submission = next(s for s in submissions if s.pk == form.cleaned_data["submission"])
        juror = get_user_model().objects.filter(pk=form.cleaned_data["juror"]).first()
        try:
            services.assignment_create(
                actor=request.user, edition=edition, juror=juror, submission=submission
            )
        except ServiceError as exc:
            # A refusal that names no field (the phase) is about this juror's assignment too.
            form.add_error(exc.field if exc.field in form.fields else "juror", exc.message)
        else:
            messages.success(
                request,
                _("%(juror)s is assigned to “%(solution)s”.")
                % {"juror": juror.name if juror else "", "solution": submission.solution.name},
            )
            return redirect("awards:edition_jury", edition.pk)
    return render(
        request,
        "awards/editions/office/jury.html",
        {
            "edition": edition,
            "submissions": submissions,
            "form": form,
            "open_now": edition.phase in {Phase.SCREENING, Phase.EVALUATION},
            "completion": office_selectors.completion(edition, jurors),
            "jurors": jurors,
        },
    )


@login_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int, assignment: int) -> HttpResponse:
    edition = _office_edition(request, pk, "awards.assign_juror")
    found = get_object_or_404(
        Assignment.objects.select_related("submission__edition", "submission__solution", "juror"),
        pk=assignment,
        submission__edition=edition,
    )
    try:
        services.assignment_remove(actor=request.user, assignment=found)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("%(juror)s no longer evaluates “%(solution)s”.")
            % {"juror": found.juror.name, "solution": found.submission.solution.name},
        )
    return redirect("awards:edition_jury", edition.pk)


# The ranking ------------------------------------------------------------------------------------------


@login_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    """Per category the jury's marks and positions (shared when tied), the finalists, and the ties the
    Secretariat decides with a recorded reason: for the last finalist's place, and in the vote."""
    edition = _office_edition(request, pk, "awards.decide_tie")
    started = edition.phase_index >= Phase.values.index(Phase.EVALUATION) and not edition.historical
    categories = office_selectors.ranking_view(edition) if started else []
    deciding = edition.phase in {Phase.FINALISTS, Phase.VOTING}
    posted = request.POST.get("category", "") if request.method == "POST" else ""
    for entry in categories:
        category = entry["category"]
        finalists_stage = edition.phase == Phase.FINALISTS
        choices = entry["tied"] if finalists_stage else entry["runoff"]
        entry["seats"] = entry["seats_left"] if finalists_stage else entry["runoff_seats"]
        entry["form"] = None
        if not deciding or not choices:
            continue
        bound = posted == category.code
        form = TieForm(request.POST if bound else None, tied=choices, prefix=category.code)
        entry["form"] = form
        if bound and form.is_valid():
            try:
                services.tie_decide(
                    actor=request.user,
                    category=category,
                    chosen=form.cleaned_data["chosen"],
                    reason=form.cleaned_data["reason"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The tie is decided; the reason is published with the result."))
                page = reverse("awards:edition_ranking", args=[edition.pk])
                return redirect(f"{page}#category-{category.code}")
    return render(
        request,
        "awards/editions/office/ranking.html",
        {"edition": edition, "started": started, "categories": categories, "deciding": deciding},
    )


# The catalogue of candidacies and the results' charts -------------------------------------------------


def candidacies_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Every submission of the edition, one a row: public for an edition held on the platform once its
    marks are public; the Secretariat's at any time."""
    edition = edition_selectors.edition_for(request.user, pk)
    if edition is None:
        raise Http404("No such edition")
    public = not edition.historical and edition_selectors.marks_public(edition)
    if not public and not request.user.has_perm("awards.run_edition"):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="award-{edition.year}-candidacies.csv"'
    writer = csv.writer(response)
    writer.writerow(office_selectors.CANDIDACY_COLUMNS)
    writer.writerows(office_selectors.candidacy_rows(edition))
    return response


CHARTS = ("marks", "votes")


def results_chart(request: HttpRequest, pk: int, category: str, kind: str) -> HttpResponse:
    """A chart of the results page: the finalists' marks of a category, or their votes once announced."""
    edition = edition_selectors.edition_for(request.user, pk)
    if edition is None or edition.historical or not edition_selectors.marks_public(edition):
        raise Http404("No results yet")
    if kind not in CHARTS or (kind == "votes" and edition.phase != Phase.ANNOUNCED):
        raise Http404("No such chart")
    results = edition_selectors.results_answer(edition)
    found = next((entry for entry in results["categories"] if entry["code"] == category), None)
    if found is None:
        raise Http404("No such category")
    # A horizontal chart draws its first bar at the bottom: reversed, it reads as the table beside it.
    rows = list(reversed(found["finalists"]))
    labels = [row["solution"] for row in rows]
    if kind == "marks":
        svg = charts.bar_chart(
            _("Jury's mark (0 to 10): %(category)s") % {"category": found["name"]},
            labels,
            [(_("Mark"), [float(row["mark"] or 0) for row in rows])],
            horizontal=True,
            width=600,
            maximum=10,
        )
    else:
        svg = charts.bar_chart(
            _("Votes of the delegations: %(category)s") % {"category": found["name"]},
            labels,
            [(_("Votes"), [int(row["votes"]) for row in rows])],
            horizontal=True,
            width=600,
        )
    return charts.svg_response(svg)
