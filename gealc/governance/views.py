from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.accounts.roles import countries_for
from gealc.core.errors import ServiceError
from gealc.core.workflow import action_list, take_step
from gealc.governance import services
from gealc.governance.charts import contest_chart
from gealc.governance.forms import BallotForm, ProgressForm, VoteForm
from gealc.governance.models import Activity, Delegation, Election, Motion, NetworkRules, WorkPlan
from gealc.governance.selectors import (
    ballots_withheld,
    changes_since_last_meeting,
    committee_history,
    committee_view,
    country_has_voted,
    election_view,
    meeting_detail,
    meeting_list,
    motion_view,
    published_ballots,
    published_receipts,
    receipt_counted,
    workplan_view,
)
from gealc.governance.services import quorum
from gealc.governance.workflow import ELECTION_STEPS, MOTION_STEPS
from gealc.members.models import Country, Role


def meeting_list_page(request: HttpRequest) -> HttpResponse:
    return render(request, "governance/meeting_list.html", {"meetings": meeting_list()})


def meeting_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_detail(pk)
    if meeting is None:
        raise Http404("No such meeting")
    delegations = sorted(meeting.delegations.all(), key=lambda d: d.country.name)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "members_present": [d for d in delegations if d.country.is_member],
            "others_present": [d for d in delegations if not d.country.is_member],
            "quorum": quorum(meeting),
        },
    )


def _voting_country(request: HttpRequest, meeting_id: int) -> Country | None:
    """The member country present at the meeting whose delegation the user heads, if any."""
    codes = countries_for(request.user, Role.HEAD_OF_DELEGATION)
    if not codes:
        return None
    delegation = (
        Delegation.objects.filter(
            meeting_id=meeting_id, country__iso3__in=codes, country__status=Country.Status.MEMBER
        )
        .select_related("country")
        .order_by("country__iso3")
        .first()
    )
    return delegation.country if delegation else None


def motion_page(request: HttpRequest, pk: int) -> HttpResponse:
    motion = get_object_or_404(Motion.objects.select_related("meeting"), pk=pk)
    voter = _voting_country(request, motion.meeting_id) if request.user.is_authenticated else None
    already = voter is not None and motion.votes.filter(country=voter).exists()
    form = VoteForm(request.POST or None)
    if request.method == "POST":
        if voter is None:
            raise Http404("Only a head of delegation present at the meeting votes")
        if form.is_valid():
            try:
                services.vote_cast(
                    actor=request.user, motion=motion, option=form.cleaned_data["option"], country=voter.iso3
                )
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("The vote of %(country)s was recorded.") % {"country": voter.name}
                )
            return redirect("governance:motion", pk=motion.pk)
    view = motion_view(motion)
    return render(
        request,
        "governance/motion_detail.html",
        {
            "motion": motion,
            "view": view,
            "voter": voter,
            "can_vote": voter is not None and not already and motion.status == Motion.Status.OPEN,
            "form": form,
            "actions": action_list(
                request.user, MOTION_STEPS, motion, state=motion.status, url_name="governance:motion_step"
            ),
        },
    )


def election_page(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("meeting", "runoff_of"), pk=pk)
    voter = _voting_country(request, election.meeting_id) if request.user.is_authenticated else None
    view = election_view(election)
    return render(
        request,
        "governance/election_detail.html",
        {
            "election": election,
            "view": view,
            "voter": voter,
            "has_voted": voter is not None and country_has_voted(election, voter),
            "actions": action_list(
                request.user,
                ELECTION_STEPS,
                election,
                state=election.status,
                url_name="governance:election_step",
            ),
        },
    )


@login_required
@require_POST
def election_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the election's steps (``workflow.ELECTION_STEPS``) from its button on the election's
    page; a runoff leads to the new election."""
    election = get_object_or_404(Election, pk=pk)
    result = take_step(request, ELECTION_STEPS, action, election)
    return redirect("governance:election", pk=result.pk if isinstance(result, Election) else election.pk)


@login_required
@require_POST
def motion_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the motion's steps (``workflow.MOTION_STEPS``) from its button on the motion's page."""
    motion = get_object_or_404(Motion, pk=pk)
    take_step(request, MOTION_STEPS, action, motion)
    return redirect("governance:motion", pk=motion.pk)


@login_required
def ballot_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The head of delegation fills in the ballot, checks it on a confirmation page, then casts it."""
    election = get_object_or_404(Election.objects.select_related("meeting"), pk=pk)
    voter = _voting_country(request, election.meeting_id)
    if voter is None:
        raise Http404("Only a head of delegation present at the meeting votes")
    view = election_view(election)
    if country_has_voted(election, voter):
        messages.info(request, _("%(country)s has already voted in this election.") % {"country": voter.name})
        return redirect("governance:election", pk=election.pk)
    form = BallotForm(request.POST or None, contests=view["contests"])
    if request.method == "POST" and form.is_valid():
        chosen = form.choices()
        names = {c.iso3: c.name for contest in view["contests"] for c in contest["candidate_countries"]}
        summary = [
            (contest["label"], [names[code] for code in chosen[contest["key"]]])
            for contest in view["contests"]
        ]
        if request.POST.get("step") != "confirm":
            return render(
                request,
                "governance/ballot_confirm.html",
                {"election": election, "voter": voter, "form": form, "summary": summary},
            )
        try:
            ballot = services.ballot_cast(
                actor=request.user, election=election, choices=chosen, country=voter.iso3
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("governance:election", pk=election.pk)
        return render(
            request,
            "governance/ballot_receipt.html",
            {"election": election, "voter": voter, "receipt": ballot.receipt, "summary": summary},
        )
    return render(
        request, "governance/ballot_form.html", {"election": election, "voter": voter, "form": form}
    )


def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("meeting"), pk=pk)
    if election.status not in (Election.Status.CLOSED, Election.Status.CERTIFIED):
        raise Http404("Results are published when voting closes")
    names = dict(Country.objects.values_list("iso3", "name_en"))
    localized = {country.iso3: country.name for country in Country.objects.all()}
    contests = []
    for result in election.results.get("contests", []):
        top = max((row["votes"] for row in result["counts"]), default=0) or 1
        contests.append(
            {
                **result,
                "rows": [
                    {**row, "name": localized.get(row["country"], names.get(row["country"])), "max": top}
                    for row in result["counts"]
                ],
                "elected_names": [localized.get(code, code) for code in result["elected"]],
                "runoff_names": [localized.get(code, code) for code in result["runoff"]],
            }
        )
    # A receipt looked up answers only whether its ballot was counted, never which ballot it is.
    lookup = request.GET.get("receipt", "").strip()[:40]
    return render(
        request,
        "governance/election_results.html",
        {
            "election": election,
            "results": election.results,
            "contests": contests,
            "withheld": ballots_withheld(election),
            "min_ballots_published": NetworkRules.current().min_ballots_published,
            "ballots": published_ballots(election),
            "receipts": published_receipts(election)
            if election.ballot_type == Election.BallotType.SECRET
            else [],
            "lookup": lookup,
            "counted": receipt_counted(election, lookup) if lookup else None,
        },
    )


def results_chart(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    if election.status not in (Election.Status.CLOSED, Election.Status.CERTIFIED):
        raise Http404("Results are published when voting closes")
    contest = next((c for c in election.results.get("contests", []) if c["key"] == key), None)
    if contest is None:
        raise Http404("No such contest")
    names = {country.iso3: country.name for country in Country.objects.all()}
    response = HttpResponse(contest_chart(contest, names), content_type="image/svg+xml")
    # An SVG image may style itself, but never run anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


def committee_page(request: HttpRequest) -> HttpResponse:
    try:
        day = (
            datetime.date.fromisoformat(request.GET["date"])
            if request.GET.get("date")
            else timezone.localdate()
        )
    except ValueError:
        messages.error(request, _("The date must be written as YYYY-MM-DD."))
        day = timezone.localdate()
    return render(
        request,
        "governance/committee.html",
        {"committee": committee_view(day), "history": committee_history(), "day": day},
    )


def workplan_current(request: HttpRequest) -> HttpResponse:
    plan = WorkPlan.objects.filter(year__lte=timezone.localdate().year).order_by("-year").first()
    plan = plan or WorkPlan.objects.order_by("-year").first()
    if plan is None:
        return render(request, "governance/workplan.html", {"view": None, "years": []})
    return redirect("governance:workplan", year=plan.year)


def workplan_page(request: HttpRequest, year: int) -> HttpResponse:
    view = workplan_view(year)
    if view is None:
        raise Http404("No work plan for that year")
    last_meeting, updates = changes_since_last_meeting(year)
    leads: set[int] = set()
    if request.user.is_authenticated:
        activities = Activity.objects.filter(axis__workplan__year=year).select_related("lead_country")
        leads = {a.pk for a in activities if request.user.has_perm("governance.report_progress", a)}
    return render(
        request,
        "governance/workplan.html",
        {
            "view": view,
            "years": list(WorkPlan.objects.order_by("-year").values_list("year", flat=True)),
            "last_meeting": last_meeting,
            "updates": updates,
            "leads": leads,
            "form": ProgressForm(),
        },
    )


@login_required
def progress_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("axis__workplan", "lead_country"), pk=pk)
    form = ProgressForm(request.POST or None, initial={"progress": activity.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report(actor=request.user, activity=activity, **form.cleaned_data)
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("governance:workplan", year=activity.axis.workplan.year)
    return render(request, "governance/progress_form.html", {"activity": activity, "form": form})
