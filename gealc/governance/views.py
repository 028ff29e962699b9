from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from gealc.accounts.roles import countries_for
from gealc.core.errors import ServiceError
from gealc.core.forms import add_service_error, text_fields_initial, texts_from
from gealc.core.pages import kept_for_visitors, reads_parts
from gealc.core.uploads import StoredUpload, serve_upload
from gealc.core.workflow import action_list, take_step
from gealc.governance import forms, services
from gealc.governance.charts import contest_chart
from gealc.governance.counting import Turnout
from gealc.governance.models import (
    BALLOT_TABLES,
    Activity,
    AgendaItem,
    Contest,
    DecisionRule,
    Delegation,
    Election,
    Meeting,
    MeetingDocument,
    Motion,
    NetworkRules,
    WorkPlan,
    ballots_part,
)
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
    seats_to_give,
    workplan_view,
)
from gealc.governance.services import quorum
from gealc.governance.workflow import ELECTION_STEPS, MOTION_STEPS
from gealc.members.models import Country, Role

MEETINGS_PER_PAGE = 20


@kept_for_visitors
def meeting_list_page(request: HttpRequest) -> HttpResponse:
    """The meetings, newest first, a page at a time; ``?country=ISO3`` keeps those the country attended."""
    country = None
    code = request.GET.get("country", "").strip().upper()
    if code:
        country = Country.objects.filter(iso3=code).first()
        if country is None:
            raise Http404("No such country")
    page = Paginator(meeting_list(country=country), MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/meeting_list.html",
        {"page": page, "country": country, "query": f"country={country.iso3}" if country else ""},
    )


@kept_for_visitors
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


@kept_for_visitors
def motion_page(request: HttpRequest, pk: int) -> HttpResponse:
    motion = get_object_or_404(Motion.objects.select_related("meeting"), pk=pk)
    voter = _voting_country(request, motion.meeting_id) if request.user.is_authenticated else None
    already = voter is not None and motion.votes.filter(country=voter).exists()
    form = forms.VoteForm(request.POST or None)
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


@kept_for_visitors
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
            "voted_names": [c.name for c in Country.objects.filter(iso3__in=view["voted"]).by_name()],
            "actions": action_list(
                request.user,
                ELECTION_STEPS,
                election,
                state=election.status,
                url_name="governance:election_step",
            ),
        },
    )


def _check_close(request: HttpRequest, record: Election | Motion, turnout: Turnout) -> HttpResponse | None:
    """Closing shows the turnout first: the button leads to this page, which closes only once confirmed
    (and says what closing below the network's minimum turnout gives: no result). None: confirmed."""
    form = forms.CloseForm(request.POST if request.POST.get("step") == "confirm" else None)
    if form.is_bound and form.is_valid():
        return None
    return render(
        request,
        "governance/close_confirm.html",
        {
            "record": record,
            "is_election": isinstance(record, Election),
            "turnout": turnout,
            "minimum": NetworkRules.current().min_turnout_fraction,
            "form": form,
        },
    )


def _check_certify(request: HttpRequest, election: Election) -> HttpResponse | None:
    """Certifying seats countries on the Committee, which no page undoes: the button leads to this page,
    which names who takes which seat for which term, and certifies only once confirmed. None: confirmed."""
    form = forms.CertifyForm(request.POST if request.POST.get("step") == "confirm" else None)
    if form.is_bound and form.is_valid():
        return None
    return render(
        request,
        "governance/certify_confirm.html",
        {"election": election, "seats": seats_to_give(election, start=timezone.localdate()), "form": form},
    )


@login_required
@require_POST
def election_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the election's steps (``workflow.ELECTION_STEPS``) from its button on the election's
    page; a runoff leads to the new election."""
    election = get_object_or_404(Election.objects.select_related("meeting"), pk=pk)
    if action == "close" and request.user.has_perm("governance.manage"):
        refused = _check_close(request, election, services.election_turnout(election))
        if refused is not None:
            return refused
    if action == "certify" and request.user.has_perm("governance.manage"):
        refused = _check_certify(request, election)
        if refused is not None:
            return refused
    result = take_step(request, ELECTION_STEPS, action, election)
    return redirect("governance:election", pk=result.pk if isinstance(result, Election) else election.pk)


@login_required
@require_POST
def motion_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the motion's steps (``workflow.MOTION_STEPS``) from its button on the motion's page."""
    motion = get_object_or_404(Motion.objects.select_related("meeting"), pk=pk)
    if action == "close" and request.user.has_perm("governance.manage"):
        refused = _check_close(request, motion, services.motion_turnout(motion))
        if refused is not None:
            return refused
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
    form = forms.BallotForm(request.POST or None, contests=view["contests"])
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


@kept_for_visitors
def results_page(request: HttpRequest, pk: int) -> HttpResponse:
    # Every ballot, choice and participation the page reads is one of this election's.
    with reads_parts(*BALLOT_TABLES, parts=[ballots_part(pk)]):
        return _results_page(request, pk)


def _results_page(request: HttpRequest, pk: int) -> HttpResponse:
    election = get_object_or_404(Election.objects.select_related("meeting"), pk=pk)
    if election.status not in (Election.Status.CLOSED, Election.Status.CERTIFIED):
        raise Http404("Results are published when voting closes")
    names = dict(Country.objects.values_list("iso3", "name_en"))
    localized = {country.iso3: country.name for country in Country.objects.all()}
    # The results keep each contest's label as it read when counted; the page names it in the reader's
    # language, as the published ballots below do.
    labels = {
        contest.key: contest.label
        for contest in Contest.objects.filter(election=election).order_by("position")
    }
    contests = []
    for result in election.results.get("contests", []):
        top = max((row["votes"] for row in result["counts"]), default=0) or 1
        contests.append(
            {
                **result,
                "label": labels.get(result["key"], result.get("label", result["key"])),
                "rows": [
                    {**row, "name": localized.get(row["country"], names.get(row["country"])), "max": top}
                    for row in result["counts"]
                ],
                "elected_names": [localized.get(code, code) for code in result["elected"]],
                "runoff_names": [localized.get(code, code) for code in result["runoff"]],
            }
        )
    # Published ballots read with the contests' labels and the countries' names, not their keys.
    ballots = [
        {
            **ballot,
            "country_name": localized.get(ballot["country"], ballot["country"])
            if ballot["country"]
            else None,
            "choice_list": [
                (labels.get(key, key), [localized.get(code, code) for code in codes])
                for key, codes in ballot["choices"].items()
            ],
        }
        for ballot in published_ballots(election)
    ]
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
            "ballots": ballots,
            "turnout": election.results.get("turnout"),
            "receipts": published_receipts(election)
            if election.ballot_type == Election.BallotType.SECRET
            else [],
            "lookup": lookup,
            "counted": receipt_counted(election, lookup) if lookup else None,
        },
    )


@kept_for_visitors
def results_chart(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    election = get_object_or_404(Election, pk=pk)
    if election.status not in (Election.Status.CLOSED, Election.Status.CERTIFIED):
        raise Http404("Results are published when voting closes")
    contest = next((c for c in election.results.get("contests", []) if c["key"] == key), None)
    if contest is None:
        raise Http404("No such contest")
    names = {country.iso3: country.name for country in Country.objects.all()}
    label = Contest.objects.filter(election=election, key=key).first()
    if label is not None:
        contest = {**contest, "label": label.label}
    response = HttpResponse(contest_chart(contest, names), content_type="image/svg+xml")
    # An SVG image may style itself, but never run anything.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@kept_for_visitors
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


@kept_for_visitors
def workplan_current(request: HttpRequest) -> HttpResponse:
    plan = WorkPlan.objects.filter(year__lte=timezone.localdate().year).order_by("-year").first()
    plan = plan or WorkPlan.objects.order_by("-year").first()
    if plan is None:
        return render(request, "governance/workplan.html", {"view": None, "years": []})
    return redirect("governance:workplan", year=plan.year)


@kept_for_visitors
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
            "form": forms.ProgressForm(),
        },
    )


@login_required
def progress_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("axis__workplan", "lead_country"), pk=pk)
    form = forms.ProgressForm(request.POST or None, initial={"progress": activity.progress})
    if request.method == "POST" and form.is_valid():
        try:
            services.progress_report(actor=request.user, activity=activity, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect("governance:workplan", year=activity.axis.workplan.year)
    return render(request, "governance/progress_form.html", {"activity": activity, "form": form})


# The Secretariat's pages: each form calls the service the API calls; the refusals come back next to
# the field they name. Permission: the rule ``governance.manage`` as in the services (403 otherwise);
# two-factor authentication is required before any of these by ``RequireMfaMiddleware``.


def secretariat_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("governance.manage"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return checked


@secretariat_page
def manage_page(request: HttpRequest) -> HttpResponse:
    """The Secretariat's entry to the network's governance: meetings, votes under way, work plans, rules."""
    meetings = Paginator(meeting_list(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/manage.html",
        {
            "meetings": meetings,
            "open_elections": Election.objects.exclude(status=Election.Status.CERTIFIED)
            .select_related("meeting")
            .order_by("-meeting__start_date", "pk")[:20],
            "open_motions": Motion.objects.filter(status=Motion.Status.OPEN)
            .select_related("meeting")
            .order_by("-meeting__start_date", "pk")[:20],
            "workplans": WorkPlan.objects.order_by("-year")[:10],
            "rules": NetworkRules.current(),
        },
    )


def _meeting_or_404(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("host_country"), pk=pk)


@secretariat_page
def meeting_new_page(request: HttpRequest) -> HttpResponse:
    form = forms.MeetingForm(request.POST or None, initial={"original_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting “%(title)s” was created.") % {"title": meeting.title})
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": None})


@secretariat_page
def meeting_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    initial = {
        "kind": meeting.kind,
        "ordinal": meeting.ordinal,
        "original_language": meeting.original_language,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "host_country": meeting.host_country.iso3,
        **text_fields_initial(meeting, "title", "city"),
    }
    form = forms.MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_edit(actor=request.user, meeting=meeting, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("governance:meeting", pk=meeting.pk)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@secretariat_page
def attendance_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Which countries are present: the same list, and the same refusals, as the API's participants."""
    meeting = _meeting_or_404(pk)
    present = list(meeting.delegations.values_list("country__iso3", flat=True))
    form = forms.AttendanceForm(request.POST or None, initial={"countries": present})
    if request.method == "POST" and form.is_valid():
        try:
            delegations = services.participants_set(actor=request.user, meeting=meeting, names=form.names())
        except ServiceError as exc:
            form.add_error("countries", exc.message)
        else:
            messages.success(
                request,
                ngettext(
                    "The attendance was recorded: %(count)d country present.",
                    "The attendance was recorded: %(count)d countries present.",
                    len(delegations),
                )
                % {"count": len(delegations)},
            )
            return redirect("governance:meeting", pk=meeting.pk)
    return render(
        request,
        "governance/attendance_form.html",
        {"form": form, "meeting": meeting, "quorum": quorum(meeting)},
    )


@secretariat_page
def agenda_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The agenda in order: add an item, or remove one."""
    meeting = _meeting_or_404(pk)
    form = forms.AgendaItemForm(request.POST if request.POST.get("add") else None)
    if request.method == "POST":
        if request.POST.get("remove"):
            item = get_object_or_404(AgendaItem, pk=request.POST["remove"], meeting=meeting)
            services.agenda_item_remove(actor=request.user, item=item)
            messages.success(request, _("The item was removed from the agenda."))
            return redirect("governance:agenda", pk=meeting.pk)
        if form.is_valid():
            try:
                services.agenda_item_add(
                    actor=request.user,
                    meeting=meeting,
                    title=texts_from(form.cleaned_data, "title"),
                    position=form.cleaned_data["position"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The item was added to the agenda."))
                return redirect("governance:agenda", pk=meeting.pk)
    return render(
        request,
        "governance/agenda.html",
        {"meeting": meeting, "items": meeting.agenda.order_by("position", "pk"), "form": form},
    )


@secretariat_page
def agenda_item_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    initial = {"position": item.position, **text_fields_initial(item, "title")}
    form = forms.AgendaItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_edit(
                actor=request.user,
                item=item,
                title=texts_from(form.cleaned_data, "title"),
                position=form.cleaned_data["position"]
                if form.cleaned_data["position"] is not None
                else item.position,
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The agenda item was saved."))
            return redirect("governance:agenda", pk=item.meeting_id)
    return render(request, "governance/agenda_item_form.html", {"item": item, "form": form})


@secretariat_page
def documents_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    form = forms.DocumentForm(
        request.POST if request.POST.get("add") else None,
        request.FILES if request.POST.get("add") else None,
        initial={"language": meeting.original_language},
    )
    if request.method == "POST":
        if request.POST.get("remove"):
            document = get_object_or_404(MeetingDocument, pk=request.POST["remove"], meeting=meeting)
            services.meeting_document_remove(actor=request.user, document=document)
            messages.success(request, _("The document was removed."))
            return redirect("governance:documents", pk=meeting.pk)
        if form.is_valid():
            try:
                services.meeting_document_add(
                    actor=request.user,
                    meeting=meeting,
                    title=form.cleaned_data["title"],
                    language=form.cleaned_data["language"],
                    url=form.cleaned_data["url"],
                    upload=form.cleaned_data["upload"],
                )
            except ServiceError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The document was added."))
                return redirect("governance:documents", pk=meeting.pk)
    return render(
        request,
        "governance/documents.html",
        {"meeting": meeting, "documents": meeting.documents.all(), "form": form},
    )


def document_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An uploaded document of a meeting, public like the meeting's page."""
    document = get_object_or_404(MeetingDocument.objects.exclude(file_path=""), pk=pk)
    return serve_upload(
        StoredUpload(
            name=document.file_path,
            original_name=document.file_label,
            content_type=document.file_content_type,
            size=document.file_size,
            sha256=document.file_sha256,
        ),
        inline=document.file_content_type == "application/pdf",
    )


@secretariat_page
def election_new_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    defaults = services.default_contests()
    form = forms.ElectionForm(
        request.POST or None,
        contests=defaults,
        initial={
            "original_language": request.LANGUAGE_CODE,
            "ballot_type": Election.BallotType.SECRET,
            "contests": [spec["key"] for spec in defaults],
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            election = services.election_create(actor=request.user, meeting=meeting, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request, _("The election was created: nominate its candidates, then open the voting.")
            )
            return redirect("governance:candidates", pk=election.pk)
    return render(request, "governance/election_form.html", {"form": form, "meeting": meeting})


@secretariat_page
def candidates_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Nominate the member countries that stand in each contest (while the election is prepared)."""
    election = get_object_or_404(Election.objects.select_related("meeting"), pk=pk)
    view = election_view(election)
    form = forms.CandidacyForm(request.POST or None, contests=view["contests"])
    if request.method == "POST" and form.is_valid():
        try:
            candidacy = services.candidacy_add(
                actor=request.user,
                election=election,
                contest_key=form.cleaned_data["contest"],
                country_code=form.cleaned_data["country"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("%(country)s stands in “%(contest)s”.")
                % {"country": candidacy.country.name, "contest": candidacy.contest.label},
            )
            return redirect("governance:candidates", pk=election.pk)
    return render(request, "governance/candidates.html", {"election": election, "view": view, "form": form})


@secretariat_page
def motion_new_page(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    form = forms.MotionForm(
        request.POST or None,
        initial={"original_language": request.LANGUAGE_CODE, "rule": DecisionRule.SIMPLE_MAJORITY},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motion = services.motion_create(
                actor=request.user,
                meeting=meeting,
                rule=data["rule"],
                original_language=data["original_language"],
                title=texts_from(data, "title"),
                text=texts_from(data, "text"),
                note=data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The resolution was put to the meeting: voting is open."))
            return redirect("governance:motion", pk=motion.pk)
    return render(request, "governance/motion_form.html", {"form": form, "meeting": meeting, "motion": None})


@secretariat_page
def motion_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a motion's texts; once votes are cast, what was voted on stays (the service refuses)."""
    motion = get_object_or_404(Motion.objects.select_related("meeting"), pk=pk)
    initial = {
        "original_language": motion.original_language,
        "note": motion.note,
        **text_fields_initial(motion, "title", "text"),
    }
    form = forms.MotionForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.motion_edit(
                actor=request.user,
                motion=motion,
                original_language=data["original_language"],
                title=texts_from(data, "title"),
                text=texts_from(data, "text"),
                note=data["note"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The resolution was saved."))
            return redirect("governance:motion", pk=motion.pk)
    return render(
        request,
        "governance/motion_form.html",
        {"form": form, "meeting": motion.meeting, "motion": motion, "has_votes": motion.votes.exists()},
    )


@secretariat_page
def workplan_new_page(request: HttpRequest) -> HttpResponse:
    form = forms.WorkPlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.workplan_create(actor=request.user, year=form.cleaned_data["year"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(
                request,
                _("The work plan for %(year)s was created with its axes: add its activities.")
                % {"year": plan.year},
            )
            return redirect("governance:workplan", year=plan.year)
    return render(request, "governance/workplan_form.html", {"form": form})


@secretariat_page
def activity_new_page(request: HttpRequest, year: int) -> HttpResponse:
    plan = get_object_or_404(WorkPlan, year=year)
    axes = list(plan.axes.order_by("position", "pk"))
    form = forms.ActivityForm(request.POST or None, axes=axes, initial={"lead": Activity.Lead.SECRETARIAT})
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_add(actor=request.user, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The activity was added to the work plan."))
            return redirect("governance:workplan", year=plan.year)
    return render(request, "governance/activity_form.html", {"form": form, "plan": plan, "activity": None})


@secretariat_page
def activity_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related("axis__workplan", "lead_country"), pk=pk)
    plan = activity.axis.workplan
    initial = {
        "axis": str(activity.axis_id),
        "lead": activity.lead,
        "lead_country": activity.lead_country.iso3 if activity.lead_country else None,
        "lead_group": activity.lead_group,
        "start_date": activity.start_date,
        "end_date": activity.end_date,
        **text_fields_initial(activity, "title"),
    }
    form = forms.ActivityForm(
        request.POST or None, axes=list(plan.axes.order_by("position", "pk")), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_edit(actor=request.user, activity=activity, **form.service_input())
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("governance:workplan", year=plan.year)
    return render(
        request, "governance/activity_form.html", {"form": form, "plan": plan, "activity": activity}
    )


@secretariat_page
def workplan_approve_page(request: HttpRequest, year: int) -> HttpResponse:
    plan = get_object_or_404(WorkPlan, year=year)
    form = forms.ApproveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.workplan_approve(actor=request.user, plan=plan, motion=form.cleaned_data["motion"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The work plan for %(year)s is approved.") % {"year": plan.year})
            return redirect("governance:workplan", year=plan.year)
    return render(request, "governance/workplan_approve.html", {"form": form, "plan": plan})


@secretariat_page
def rules_page(request: HttpRequest) -> HttpResponse:
    """The network's rules, and every earlier version with who changed it and when."""
    rules = NetworkRules.current()
    fields = ("quorum_fraction", "min_turnout_fraction", "committee_term_months", "min_ballots_published")
    form = forms.NetworkRulesForm(
        request.POST or None, initial={name: getattr(rules, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_rules_update(actor=request.user, **form.cleaned_data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The network's rules were saved."))
            return redirect("governance:rules")
    history = rules.history.select_related("history_user").order_by("-history_date")[:50]
    return render(request, "governance/rules.html", {"form": form, "rules": rules, "history": history})
