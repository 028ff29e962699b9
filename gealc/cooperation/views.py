"""The fund's pages: the public overview, roster and dashboards; a delegate's work space; the Secretariat's
queue and matching; request and mission pages with the actions their state and the viewer's role allow.

Views only read input and call services; refusals come back as messages or form errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gealc.accounts.roles import countries_for, has_role
from gealc.cooperation import forms, selectors, services
from gealc.cooperation.matching import rank_experts
from gealc.cooperation.models import (
    Call,
    CooperationRequest,
    Expert,
    ExpertiseArea,
    ExpertProposal,
    Mission,
    MissionReport,
)
from gealc.cooperation.rules import ACTING_ROLES
from gealc.cooperation.workflow import MISSION_STEPS, OPEN_REQUEST_STATES, REQUEST_STEPS
from gealc.core import charts
from gealc.core.errors import ServiceError, require
from gealc.core.figures import figures
from gealc.core.forms import add_service_error, text_fields_initial
from gealc.core.i18n import localized_column
from gealc.core.languages import language_name
from gealc.core.pages import kept_for_visitors
from gealc.core.workflow import action_list, take_step
from gealc.members.models import Country, Role

# Public pages -----------------------------------------------------------------------------------------


@kept_for_visitors
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    missions = Paginator(selectors.completed_missions(), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/home.html",
        {
            "open_requests": selectors.open_requests()[:50],
            "missions": missions,
            "baselines": selectors.baselines(),
            "works_for_a_country": bool(countries_for(user, *ACTING_ROLES)) or has_role(user, Role.EXPERT),
            "is_secretariat": has_role(user, Role.SECRETARIAT),
        },
    )


@kept_for_visitors
def expert_list(request: HttpRequest) -> HttpResponse:
    area = request.GET.get("area", "").strip().lower()
    country = request.GET.get("country", "").strip().upper()
    roster = selectors.experts(
        request.user, area=area or None, country=country if len(country) == 3 else None
    )
    page = Paginator(roster, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cooperation/expert_list.html",
        {
            "page": page,
            "areas": ExpertiseArea.objects.order_by("position", "code"),
            # Only countries that have someone on the list this visitor may see.
            "countries": Country.objects.filter(
                pk__in=selectors.experts(request.user, area=None, country=None).values("country")
            ).by_name(),
            "area": area,
            "country": country,
        },
    )


# The dashboards show the largest flows between countries; the API lists them all.
DASHBOARD_FLOWS = 20


@kept_for_visitors
def dashboards(request: HttpRequest) -> HttpResponse:
    flows, flows_count = selectors.largest_flows(DASHBOARD_FLOWS)
    return render(
        request,
        "cooperation/dashboards.html",
        {
            "per_year": selectors.missions_per_year(),
            "exchanges": selectors.exchanges_per_country(),
            "flows": flows,
            "flows_count": flows_count,
            "calls": list(Call.objects.order_by("-year", "-opens_on", "-pk")),
            "baselines": selectors.baselines(),
        },
    )


CHARTS = ("missions-per-year", "exchanges", "flows", "budget")


@kept_for_visitors
def chart(request: HttpRequest, name: str) -> HttpResponse:
    """A chart of the dashboards, drawn once per language and kept with the fund's figures."""
    if name not in CHARTS:
        raise Http404("No such chart")
    svg = figures(selectors.FIGURES, f"chart:{name}:{get_language()}", lambda: _chart_svg(name))
    return charts.svg_response(svg)


def _chart_svg(name: str) -> bytes:
    if name == "missions-per-year":
        rows = selectors.missions_per_year()
        svg = charts.bar_chart(
            _("Missions per year"),
            [str(row["year"]) for row in rows],
            [(_("Missions"), [row["missions"] for row in rows])],
        )
    elif name == "exchanges":
        exchanges = selectors.exchanges_per_country()
        svg = charts.bar_chart(
            _("Experts given and received per country"),
            [row.country.name for row in exchanges],
            [
                (_("Given"), [row.given for row in exchanges]),
                (_("Received"), [row.received for row in exchanges]),
            ],
            horizontal=True,
        )
    elif name == "flows":
        flows, _count = selectors.largest_flows(DASHBOARD_FLOWS)
        svg = charts.bar_chart(
            _("Missions from one country to another"),
            [f"{flow.provider.name} → {flow.recipient.name}" for flow in flows],
            [(_("Missions"), [flow.missions for flow in flows])],
            horizontal=True,
        )
    elif name == "budget":
        calls = list(Call.objects.order_by("year", "opens_on", "pk"))
        svg = charts.bar_chart(
            _("Budget execution per call"),
            [f"{call.name} ({call.currency})" for call in calls],
            [
                (_("Spent"), [float(call.spent) for call in calls]),
                (_("Committed"), [float(call.committed) for call in calls]),
                (_("Available"), [float(call.available) for call in calls]),
            ],
            horizontal=True,
            stacked=True,
        )
    else:
        raise ValueError(name)
    return svg


# Calls ------------------------------------------------------------------------------------------------


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "cooperation.change_call")
    page = Paginator(selectors.calls(), 25).get_page(request.GET.get("page"))
    return render(request, "cooperation/call_list.html", {"page": page})


def _call_or_404(pk: int) -> Call:
    call = selectors.calls().filter(pk=pk).first()
    if call is None:
        raise Http404("No such call")
    return call


def _call_form(request: HttpRequest, call: Call | None) -> HttpResponse:
    """Open a call (``call`` None) or edit one, with its rules and per-diem rates in one form."""
    if call is None:
        initial: dict[str, Any] = {"year": timezone.localdate().year, "currency": "USD"}
        rates: list[dict[str, Any]] = []
    else:
        initial = {
            **{name: getattr(call, name) for name in forms.CallForm.base_fields},
            **text_fields_initial(call, "title"),
        }
        rates = [{"country": rate.country.iso3, "amount": rate.amount} for rate in call.per_diem_rates.all()]
    data = request.POST if request.method == "POST" else None
    form = forms.CallForm(data, initial=initial)
    formset = cast(
        forms.BasePerDiemRateFormSet, forms.PerDiemRateFormSet(data, initial=rates, prefix="rates")
    )
    if data is not None and form.is_valid() and formset.is_valid():
        try:
            if call is None:
                saved = services.call_create(
                    actor=request.user, per_diem_rates=formset.rates(), **form.service_input()
                )
                done = _("The call is open to requests from its opening date.")
            else:
                saved = services.call_update(
                    actor=request.user, call=call, per_diem_rates=formset.rates(), **form.service_input()
                )
                done = _("The call is changed.")
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(f"{reverse('cooperation:call_list')}#call-{saved.pk}")
    return render(request, "cooperation/call_form.html", {"form": form, "formset": formset, "call": call})


@login_required
def call_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "cooperation.add_call")
    return _call_form(request, None)


@login_required
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call_or_404(pk)
    require(request.user, "cooperation.change_call", call)
    if call.closed_at is not None:
        messages.error(
            request, _("The call “%(call)s” is closed: it cannot be changed any more.") % {"call": call.title}
        )
        return redirect("cooperation:call_list")
    return _call_form(request, call)


@login_required
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that says what closing means, and the button that closes."""
    call = _call_or_404(pk)
    require(request.user, "cooperation.change_call", call)
    if request.method == "POST":
        _run(request, lambda: services.call_close(actor=request.user, call=call), _("The call is closed."))
        return redirect("cooperation:call_list")
    return render(
        request,
        "cooperation/call_close.html",
        {"call": call, "pending": call.requests.filter(state__in=["draft", "submitted"]).count()},
    )


# Requests ---------------------------------------------------------------------------------------------


def _request_or_404(request: HttpRequest, pk: int) -> CooperationRequest:
    found = selectors.request_for(request.user, pk)
    if found is None:
        raise Http404("No such request")
    return found


def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    coop = _request_or_404(request, pk)
    user = request.user
    follows = user.has_perm("cooperation.follow_request", coop)
    # A draft whose call has closed can no longer be submitted: the page says so rather than offer it.
    call_closed = coop.state == "draft" and not coop.call.is_open_on(timezone.localdate())
    return render(
        request,
        "cooperation/request_detail.html",
        {
            "coop": coop,
            "call_closed": call_closed,
            "actions": action_list(
                user, REQUEST_STEPS, coop, state=coop.state, url_name="cooperation:request_action"
            ),
            "follows": follows,
            "editable": coop.state == "draft"
            and not call_closed
            and user.has_perm("cooperation.edit_request", coop),
            "history": list(selectors.request_history(coop)) if follows else [],
            "missions": list(selectors.missions_of(coop)) if follows else [],
            "matches": list(coop.matches.select_related("expert__person", "expert__country"))
            if follows
            else [],
        },
    )


def _acting_countries(request: HttpRequest) -> list[Country]:
    return [
        country
        for country in Country.objects.filter(iso3__in=countries_for(request.user, *ACTING_ROLES))
        if country.is_member
    ]


def _request_input(data: dict[str, Any]) -> dict[str, Any]:
    """What the request form gives the services: its texts in the language they were written in."""
    language = data["language"]
    return {
        "title": {language: data["title"]},
        "problem": {language: data["problem"]},
        "outputs": {language: data["outputs"]},
        "original_language": language,
        "areas": [area.code for area in data["areas"]],
        "languages": data["languages"],
        "modality": data["modality"],
        "window_start": data["window_start"],
        "window_end": data["window_end"],
        "host_institution": data["host_institution"],
    }


@login_required
def request_new(request: HttpRequest) -> HttpResponse:
    countries = _acting_countries(request)
    if not countries:
        raise PermissionDenied("Only delegates of a member country draft requests.")
    form = forms.RequestForm(request.POST or None, countries=countries)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            coop = services.request_draft(actor=request.user, country=data["country"], **_request_input(data))
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The request is saved as a draft. Submit it when it is ready."))
            return redirect("cooperation:request_detail", coop.pk)
    return render(
        request,
        "cooperation/request_form.html",
        {"form": form, "open_call": services.open_call(), "call": services.call_for_drafts()},
    )


@login_required
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The requesting country changes its draft; once submitted, a request no longer changes."""
    coop = _request_or_404(request, pk)
    require(request.user, "cooperation.edit_request", coop)
    if coop.state != "draft":
        messages.error(
            request,
            _("The request is in the state “%(state)s”: only a draft is edited.")
            % {"state": coop.get_state_display()},
        )
        return redirect("cooperation:request_detail", coop.pk)
    language = coop.original_language
    initial = {
        "language": language,
        "title": getattr(coop, localized_column("title", language)),
        "problem": getattr(coop, localized_column("problem", language)),
        "outputs": getattr(coop, localized_column("outputs", language)),
        "areas": list(coop.areas.all()),
        "languages": coop.languages,
        "modality": coop.modality,
        "window_start": coop.window_start,
        "window_end": coop.window_end,
        "host_institution": coop.host_institution_id,
    }
    form = forms.RequestForm(request.POST or None, countries=[coop.country], initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(actor=request.user, request=coop, **_request_input(form.cleaned_data))
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
            return redirect("cooperation:request_detail", coop.pk)
    return render(request, "cooperation/request_form.html", {"form": form, "coop": coop, "call": coop.call})


def _run(request: HttpRequest, action: Callable[[], object], success: str) -> None:
    try:
        action()
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)


def _form_error(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))


@login_required
@require_POST
def request_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the request's steps (``workflow.REQUEST_STEPS``) from its form on the request's page."""
    coop = _request_or_404(request, pk)
    take_step(request, REQUEST_STEPS, action, coop)
    return redirect("cooperation:request_detail", coop.pk)


@login_required
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    coop = _request_or_404(request, pk)
    require(request.user, "cooperation.match_request", coop)
    if coop.state not in OPEN_REQUEST_STATES:
        messages.error(
            request,
            _("The request is in the state “%(state)s”: experts are proposed once it is approved.")
            % {"state": coop.get_state_display()},
        )
        return redirect("cooperation:request_detail", coop.pk)
    proposals = rank_experts(coop)
    already = set(coop.matches.values_list("expert_id", flat=True))
    form = forms.MatchForm(
        request.POST or None, proposals=[p for p in proposals if p.expert.pk not in already]
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.request_match(
                actor=request.user,
                request=coop,
                experts=[int(pk) for pk in form.cleaned_data["experts"]],
                override_reason=form.cleaned_data["override_reason"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The experts were matched with the request."))
            return redirect("cooperation:request_detail", coop.pk)
    return render(
        request,
        "cooperation/matching.html",
        {"coop": coop, "proposals": proposals, "already": already, "form": form},
    )


# Missions ---------------------------------------------------------------------------------------------


@login_required
def mission_new(request: HttpRequest, pk: int) -> HttpResponse:
    coop = _request_or_404(request, pk)
    require(request.user, "cooperation.plan_mission", coop)
    experts = (
        Expert.objects.filter(pk__in=coop.matches.values("expert"))
        .select_related("person")
        .order_by("person__name")
    )
    initial = {
        "start_date": coop.window_start,
        "end_date": coop.window_end,
        "modality": coop.modality,
        "destination": coop.country_id,
        "travel_cost": 0,
        "other_cost": 0,
    }
    form = forms.MissionForm(request.POST or None, experts=experts, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mission = services.mission_plan(actor=request.user, request=coop, **data)
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The mission is planned. Approve it to commit its cost."))
            return redirect("cooperation:mission_detail", mission.pk)
    return render(request, "cooperation/mission_form.html", {"coop": coop, "form": form})


def _mission_or_404(request: HttpRequest, pk: int) -> Mission:
    found = selectors.mission_for(request.user, pk)
    if found is None:
        raise Http404("No such mission")
    return found


def mission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mission = _mission_or_404(request, pk)
    user = request.user
    details = user.has_perm("cooperation.view_mission_details", mission)
    reports = {report.kind: report for report in mission.reports.all()} if details else {}
    completed = mission.state == "completed"
    starts_later = mission.state == "approved" and timezone.localdate() < mission.start_date
    return render(
        request,
        "cooperation/mission_detail.html",
        {
            "mission": mission,
            "details": details,
            "show_expert": details or mission.expert.consent_public,
            "starts_later": starts_later,
            "actions": action_list(
                user, MISSION_STEPS, mission, state=mission.state, url_name="cooperation:mission_action"
            ),
            "expert_report": reports.get(MissionReport.Kind.EXPERT),
            "host_report": reports.get(MissionReport.Kind.HOST),
            "expert_report_form": forms.ExpertReportForm()
            if completed
            and "expert" not in reports
            and user.has_perm("cooperation.report_as_expert", mission)
            else None,
            "host_report_form": forms.HostReportForm()
            if completed and "host" not in reports and user.has_perm("cooperation.report_as_host", mission)
            else None,
        },
    )


@login_required
@require_POST
def mission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Take one of the mission's steps (``workflow.MISSION_STEPS``) from its form on the mission's page."""
    mission = _mission_or_404(request, pk)
    take_step(request, MISSION_STEPS, action, mission)
    return redirect("cooperation:mission_detail", mission.pk)


@login_required
@require_POST
def mission_report(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    mission = _mission_or_404(request, pk)
    if kind not in MissionReport.Kind.values:
        raise Http404("No such report")
    form: Any = (
        forms.ExpertReportForm(request.POST) if kind == "expert" else forms.HostReportForm(request.POST)
    )
    if form.is_valid():
        _run(
            request,
            lambda: services.mission_report(
                actor=request.user, mission=mission, kind=kind, **form.cleaned_data
            ),
            _("Thank you: the report is in."),
        )
    else:
        _form_error(request, form)
    return redirect("cooperation:mission_detail", mission.pk)


# Work lists -------------------------------------------------------------------------------------------


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "cooperation/workspace.html",
        {"work": selectors.workspace(request.user), "offered_label": Expert.Status.OFFERED.label},
    )


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "cooperation.decide_request")
    return render(request, "cooperation/queue.html", {"queue": selectors.secretariat_queue()})


@login_required
def expert_offer(request: HttpRequest) -> HttpResponse:
    user = request.user
    countries = Country.objects.members().by_name()
    if not has_role(user, Role.SECRETARIAT):
        countries = countries.filter(iso3__in=countries_for(user, *ACTING_ROLES))
    if not countries.exists():
        raise PermissionDenied("Only delegates of a member country and the Secretariat offer experts.")
    again = _declined_offer(request.GET.get("again"), countries)
    form = forms.ExpertOfferForm(
        request.POST or None, countries=countries, initial=_offer_again(again) if again else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.expert_offer(
                actor=user,
                country=data["country"],
                name=data["name"],
                email=data["email"],
                institution=data["institution"],
                areas=[area.code for area in data["areas"]],
                languages=data["languages"],
                bio={data["language"]: data["bio"]},
                original_language=data["language"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                consent_public=data["consent_public"],
            )
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, services.offer_received())
            return redirect("cooperation:workspace")
    return render(request, "cooperation/expert_form.html", {"form": form, "again": again})


def _declined_offer(pk: str | None, countries: Any) -> Expert | None:
    """The declined expert that the viewer's country (one of ``countries``) offers again, if any."""
    if not pk or not pk.isdigit():
        return None
    return (
        Expert.objects.select_related("person")
        .prefetch_related("areas")
        .filter(pk=int(pk), status=Expert.Status.DECLINED, country__in=countries)
        .first()
    )


def _offer_again(expert: Expert) -> dict[str, Any]:
    """The offer form filled in with the declined offer, to be completed. Not the e-mail: the person's
    address may have changed since, and it is theirs (the country types the one it knows)."""
    language = expert.original_language or get_language()
    return {
        "country": expert.country_id,
        "name": expert.person.name,
        "institution": expert.person.institution_id,
        "areas": [area.code for area in expert.areas.all()],
        "languages": list(expert.person.languages or []),
        "language": language,
        "bio": getattr(expert, localized_column("bio", language), ""),
        "available_from": expert.available_from,
        "available_until": expert.available_until,
        "consent_public": expert.consent_public,
    }


def _expert_to_review(pk: int) -> Expert:
    expert = (
        Expert.objects.select_related("person__institution", "person__country", "country")
        .prefetch_related("areas")
        .filter(pk=pk)
        .first()
    )
    if expert is None:
        raise Http404("No such expert")
    return expert


def _expert_review(
    request: HttpRequest, expert: Expert, decline_form: forms.ExpertDeclineForm | None = None
) -> HttpResponse:
    bios = [
        (language_name(code), getattr(expert, localized_column("bio", code)))
        for code in settings.LANGUAGE_CODES
        if getattr(expert, localized_column("bio", code))
    ]
    return render(
        request,
        "cooperation/expert_validate.html",
        {
            "expert": expert,
            "bios": bios,
            "decline_form": decline_form or forms.ExpertDeclineForm(auto_id="decline-%s"),
        },
    )


@login_required
def expert_validate(request: HttpRequest, pk: int) -> HttpResponse:
    """What the Secretariat reads before validating an offered expert, and the buttons that validate it or
    decline it with a reason."""
    require(request.user, "cooperation.validate_expert")
    expert = _expert_to_review(pk)
    if request.method == "POST":
        _run(
            request,
            lambda: services.expert_validate(actor=request.user, expert=expert),
            _("The expert is validated."),
        )
        return redirect("cooperation:queue")
    return _expert_review(request, expert)


@login_required
@require_POST
def expert_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline an offered expert; without a reason, the page again with the error next to the field."""
    require(request.user, "cooperation.validate_expert")
    expert = _expert_to_review(pk)
    form = forms.ExpertDeclineForm(request.POST, auto_id="decline-%s")
    if form.is_valid():
        try:
            services.expert_decline(actor=request.user, expert=expert, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, _("The offer is declined; the offering country will read the reason."))
            return redirect("cooperation:queue")
    return _expert_review(request, expert, form)


@login_required
@require_POST
def expert_proposal_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    """Confirm (optionally recording the person for the offering country) or decline a proposal."""
    proposal = ExpertProposal.objects.filter(pk=pk).first()
    if proposal is None or decision not in ("confirm", "decline"):
        raise Http404("No such proposal")
    if decision == "confirm":
        _run(
            request,
            lambda: services.expert_proposal_confirm(
                actor=request.user,
                proposal=proposal,
                person_country=request.POST.get("person_country") == "on",
            ),
            _("The proposal is confirmed: the expert now waits for validation."),
        )
    else:
        _run(
            request,
            lambda: services.expert_proposal_decline(actor=request.user, proposal=proposal),
            _("The proposal is declined."),
        )
    return redirect("cooperation:queue")
