"""Writes of the Horizontal Cooperation Fund: calls, requests, the roster, matches, missions, reports.

Every step of the procedure (``workflow``) has one service here. Each checks the actor's permission,
locks what it changes, checks that the current state allows the step (else ``Conflict`` naming the
state), writes in one transaction with a row in the history of states, appends decisions to the
decision log, and announces the change by e-mail once the transaction commits.

Locks are always taken in the same order, call → request → mission, so that two services never wait for
each other in a circle. Money only moves with the call's row locked: the check of what is available and
the commitment happen under that lock, so two approvals that fit alone but not together cannot both pass.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gealc.accounts.services import check_email
from gealc.cooperation.matching import BUSY_STATES, rank_experts
from gealc.cooperation.models import (
    ZERO,
    Call,
    CooperationRequest,
    Expert,
    ExpertiseArea,
    ExpertProposal,
    LedgerEntry,
    Match,
    Mission,
    MissionReport,
    MissionState,
    Modality,
    PerDiemRate,
    RequestState,
    StateChange,
)
from gealc.cooperation.notifications import announce, announce_expert_declined
from gealc.cooperation.selectors import FIGURES
from gealc.cooperation.workflow import MISSION_STEPS, PUBLIC_REQUEST_STATES, REQUEST_PROGRESS, REQUEST_STEPS
from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.figures import changed
from gealc.core.i18n import clean_texts, columns, language_code
from gealc.core.languages import language_codes
from gealc.core.pages import writes_unseen
from gealc.core.workflow import check_step
from gealc.members.models import Country, Institution, Membership, Person, Role

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")


# Checking input ---------------------------------------------------------------------------------------


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(value: str | None, field: str, *, max_length: int | None = None, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServiceError(_("%(field)s cannot be empty.") % {"field": field}, field=field)
    if max_length is not None and len(text) > max_length:
        raise ServiceError(
            _("%(field)s is longer than %(max)d characters.") % {"field": field, "max": max_length},
            field=field,
        )
    return text


def _amount(value: Any, field: str) -> Decimal:
    """An amount of money: not negative, at most two decimals."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ServiceError(
            _("%(field)s must be an amount of money.") % {"field": field}, field=field
        ) from None
    if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT or amount != amount.quantize(CENT):
        raise ServiceError(
            _("%(field)s must be an amount between 0 and %(max)s with at most two decimals.")
            % {"field": field, "max": MAX_AMOUNT},
            field=field,
        )
    return amount.quantize(CENT)


def money(amount: Decimal, currency: str) -> str:
    return f"{number_format(amount, decimal_pos=2, use_l10n=True, force_grouping=True)} {currency}"


def _areas(codes: Iterable[str]) -> list[ExpertiseArea]:
    wanted = list(dict.fromkeys((code or "").strip().lower() for code in codes))
    if not wanted:
        raise ServiceError(_("Choose at least one expertise area."), field="areas")
    found = {area.code: area for area in ExpertiseArea.objects.filter(code__in=wanted)}
    unknown = [code for code in wanted if code not in found]
    if unknown:
        raise ServiceError(
            _("Unknown expertise area(s): %(codes)s.") % {"codes": ", ".join(unknown)}, field="areas"
        )
    return [found[code] for code in wanted]


def _day(value: datetime.date) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def open_call(day: datetime.date | None = None) -> Call | None:
    """The call open on ``day`` (today by default); the most recently opened one if several are."""
    day = day or timezone.localdate()
    return Call.objects.open_on(day).order_by("-opens_on", "-pk").first()


# Calls ------------------------------------------------------------------------------------------------


def next_call(day: datetime.date | None = None) -> Call | None:
    """The first call announced to open after ``day`` (today by default), if any."""
    day = day or timezone.localdate()
    return Call.objects.filter(opens_on__gt=day, closed_at__isnull=True).order_by("opens_on", "pk").first()


def _call_title(title: str | Mapping[str, str], original_language: str) -> dict[str, str]:
    """The checked columns of a call's title: in any of the languages, at least in the original one (a
    title given as one text is the original language's)."""
    if isinstance(title, str):
        title = {language_code(original_language): title}
    return clean_texts(Call, {"title": title}, original_language=original_language, required=["title"])


def _call_fields(
    *,
    year: int,
    title: str | Mapping[str, str],
    original_language: str,
    budget: Decimal,
    opens_on: datetime.date,
    closes_on: datetime.date,
    max_days_per_mission: int,
    max_cost_per_mission: Decimal,
    default_per_diem: Decimal,
    currency: str,
    per_diem_rates: Mapping[str, Decimal] | None,
    call: Call | None = None,
) -> tuple[dict[str, Any], dict[str, Country], dict[str, Decimal]]:
    """A call's fields checked as opening and editing both check them: the fields, the destinations of
    the per-diem rates by alpha-3 code, and the rates."""
    titles = _call_title(title, original_language)
    currency = (currency or "").strip().upper()
    if len(currency) != 3 or pycountry.currencies.get(alpha_3=currency) is None:
        raise ServiceError(
            _("%(code)r is not an ISO 4217 currency code.") % {"code": currency}, field="currency"
        )
    if not 2000 <= year <= 2100:
        raise ServiceError(_("The year must be between 2000 and 2100."), field="year")
    if closes_on < opens_on:
        raise ServiceError(_("The call cannot close before it opens."), field="closes_on")
    if max_days_per_mission < 1:
        raise ServiceError(_("A mission lasts at least one day."), field="max_days_per_mission")
    amounts = {
        "budget": _amount(budget, "budget"),
        "max_cost_per_mission": _amount(max_cost_per_mission, "max_cost_per_mission"),
        "default_per_diem": _amount(default_per_diem, "default_per_diem"),
    }
    rates = {
        code.strip().upper(): _amount(amount, "per_diem_rates")
        for code, amount in (per_diem_rates or {}).items()
    }
    countries = {country.iso3: country for country in Country.objects.filter(iso3__in=rates)}
    unknown = sorted(set(rates) - set(countries))
    if unknown:
        raise ServiceError(
            _("Unknown destination(s) in the per-diem rates: %(codes)s.") % {"codes": ", ".join(unknown)},
            field="per_diem_rates",
        )
    # In every language given (the database holds each one unique in its year, too).
    for column, text in titles.items():
        same_title = Call.objects.filter(year=year, **{column: text}).exclude(**{column: ""})
        if call is not None:
            same_title = same_title.exclude(pk=call.pk)
        if text and same_title.exists():
            raise ServiceError(
                _("A call of %(year)d is already named %(title)r.") % {"year": year, "title": text},
                field=f"title.{column.rsplit('_', 1)[1]}",
            )
    fields = {
        "year": year,
        "original_language": original_language,
        **titles,
        "currency": currency,
        "opens_on": opens_on,
        "closes_on": closes_on,
        "max_days_per_mission": max_days_per_mission,
        **amounts,
    }
    return fields, countries, rates


def call_create(
    *,
    actor: Any,
    year: int,
    title: str | Mapping[str, str],
    budget: Decimal,
    opens_on: datetime.date,
    closes_on: datetime.date,
    max_days_per_mission: int,
    max_cost_per_mission: Decimal,
    default_per_diem: Decimal,
    currency: str = "USD",
    per_diem_rates: dict[str, Decimal] | None = None,
    original_language: str = "en",
) -> Call:
    """Open a call with its budget and rules. ``per_diem_rates`` maps alpha-3 codes to daily rates."""
    require(actor, "cooperation.add_call")
    fields, countries, rates = _call_fields(
        year=year,
        title=title,
        original_language=original_language,
        budget=budget,
        opens_on=opens_on,
        closes_on=closes_on,
        max_days_per_mission=max_days_per_mission,
        max_cost_per_mission=max_cost_per_mission,
        default_per_diem=default_per_diem,
        currency=currency,
        per_diem_rates=per_diem_rates,
    )
    with transaction.atomic():
        changed(FIGURES)
        call = Call.objects.create(**fields)
        PerDiemRate.objects.bulk_create(
            PerDiemRate(call=call, country=countries[code], amount=amount) for code, amount in rates.items()
        )
        record_decision(
            actor=actor,
            action="cooperation.call.open",
            target=call,
            payload={
                "year": fields["year"],
                "currency": fields["currency"],
                **{name: fields[name] for name in ("budget", "max_cost_per_mission", "default_per_diem")},
                "per_diem_rates": rates,
            },
        )
    return call


def call_update(
    *,
    actor: Any,
    call: Call,
    year: int,
    title: str | Mapping[str, str],
    budget: Decimal,
    opens_on: datetime.date,
    closes_on: datetime.date,
    max_days_per_mission: int,
    max_cost_per_mission: Decimal,
    default_per_diem: Decimal,
    currency: str = "USD",
    per_diem_rates: dict[str, Decimal] | None = None,
    original_language: str = "en",
) -> Call:
    """Change a call's period, budget and rules; ``per_diem_rates`` replaces its rates by destination.

    Checked as when the call was opened, and under the call's lock: the budget never drops below what is
    committed and spent, and the currency is fixed once money has moved. Missions already planned keep
    the rate they were planned with. A closed call is not edited any more."""
    require(actor, "cooperation.change_call", call)
    fields, countries, rates = _call_fields(
        year=year,
        title=title,
        original_language=original_language,
        budget=budget,
        opens_on=opens_on,
        closes_on=closes_on,
        max_days_per_mission=max_days_per_mission,
        max_cost_per_mission=max_cost_per_mission,
        default_per_diem=default_per_diem,
        currency=currency,
        per_diem_rates=per_diem_rates,
        call=call,
    )
    with transaction.atomic():
        changed(FIGURES)
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.closed_at is not None:
            raise Conflict(
                _("The call “%(call)s” is closed: it cannot be changed any more.") % {"call": locked.title}
            )
        used = locked.committed + locked.spent
        if fields["budget"] < used:
            raise ServiceError(
                _("The budget cannot be less than what is committed and spent (%(total)s).")
                % {"total": money(used, locked.currency)},
                field="budget",
            )
        if fields["currency"] != locked.currency and locked.ledger.exists():
            raise ServiceError(
                _("Money has moved on this call in %(currency)s: its currency cannot change.")
                % {"currency": locked.currency},
                field="currency",
            )
        before = {name: getattr(locked, name) for name in fields}
        old_rates = {
            rate.country.iso3: rate.amount for rate in locked.per_diem_rates.select_related("country")
        }
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()  # the call's history keeps the version before
        locked.per_diem_rates.all().delete()
        PerDiemRate.objects.bulk_create(
            PerDiemRate(call=locked, country=countries[code], amount=amount) for code, amount in rates.items()
        )
        changes = {name: [before[name], value] for name, value in fields.items() if before[name] != value}
        if old_rates != rates:
            changes["per_diem_rates"] = [old_rates, rates]
        if changes:
            record_decision(
                actor=actor, action="cooperation.call.update", target=locked, payload={"changes": changes}
            )
    return locked


def call_close(*, actor: Any, call: Call) -> Call:
    """Close a call now: it takes no more requests (drafts or submissions). What was approved under it
    goes on: its missions run, close and move its money as before."""
    require(actor, "cooperation.change_call", call)
    with transaction.atomic():
        changed(FIGURES)
        locked = Call.objects.select_for_update().get(pk=call.pk)
        if locked.closed_at is not None:
            raise Conflict(_("The call “%(call)s” is closed already.") % {"call": locked.title})
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        record_decision(
            actor=actor,
            action="cooperation.call.close",
            target=locked,
            payload={
                "closes_on": locked.closes_on,
                "available": locked.available,
                "currency": locked.currency,
            },
        )
    return locked


# Requests ---------------------------------------------------------------------------------------------


def _request_fields(
    *,
    country: Country,
    title: Mapping[str, str],
    problem: Mapping[str, str],
    outputs: Mapping[str, str],
    original_language: str,
    areas: Iterable[str],
    modality: str,
    window_start: datetime.date,
    window_end: datetime.date,
    languages: Iterable[str],
    host_institution: Institution | None,
) -> tuple[dict[str, Any], list[ExpertiseArea]]:
    """A request's fields checked as drafting and editing both check them, and its expertise areas."""
    texts = clean_texts(
        CooperationRequest,
        {"title": title, "problem": problem, "outputs": outputs},
        original_language=original_language,
        required=["title", "problem", "outputs"],
    )
    chosen_areas = _areas(areas)
    spoken = language_codes(languages)
    if modality not in Modality.values:
        raise ServiceError(
            _("The modality must be one of %(values)s.") % {"values": ", ".join(Modality.values)},
            field="modality",
        )
    if window_end < window_start:
        raise ServiceError(_("The latest end comes before the earliest start."), field="window_end")
    if window_end < timezone.localdate():
        raise ServiceError(_("The window of dates is already over."), field="window_end")
    if host_institution is not None and host_institution.country_id != country.pk:
        raise ServiceError(
            _("The host institution must be an institution of %(country)s.") % {"country": country.name},
            field="host_institution",
        )
    fields = {
        "host_institution": host_institution,
        "original_language": original_language,
        "languages": spoken,
        "modality": modality,
        "window_start": window_start,
        "window_end": window_end,
        **texts,
    }
    return fields, chosen_areas


def call_for_drafts(day: datetime.date | None = None) -> Call | None:
    """The call a new draft goes under: the one open today, else the next one announced."""
    return open_call(day) or next_call(day)


def request_draft(
    *,
    actor: Any,
    country: Country,
    title: Mapping[str, str],
    problem: Mapping[str, str],
    outputs: Mapping[str, str],
    original_language: str,
    areas: Iterable[str],
    modality: str,
    window_start: datetime.date,
    window_end: datetime.date,
    languages: Iterable[str] = (),
    host_institution: Institution | None = None,
    call: Call | None = None,
) -> CooperationRequest:
    """A delegate or head of delegation of ``country`` (a member) drafts a request under a call (by
    default the call open today, else the next one announced: the draft is submitted once it opens).
    Its texts come in any of the languages, at least the original."""
    require(actor, "cooperation.draft_request", country)
    fields, chosen_areas = _request_fields(
        country=country,
        title=title,
        problem=problem,
        outputs=outputs,
        original_language=original_language,
        areas=areas,
        modality=modality,
        window_start=window_start,
        window_end=window_end,
        languages=languages,
        host_institution=host_institution,
    )
    call = call or call_for_drafts()
    if call is None:
        raise ServiceError(_("No call of the fund is open today."), field="call")
    if call.closed_at is not None:
        raise ServiceError(
            _("The call “%(call)s” is closed: it takes no more requests.") % {"call": call.title},
            field="call",
        )
    with transaction.atomic():
        with writes_unseen(*DRAFT_TABLES):
            request = CooperationRequest.objects.create(
                call=call, country=country, created_by=_user(actor), **fields
            )
            request.areas.set(chosen_areas)
        StateChange.objects.create(
            request=request, action="draft", to_state=request.state, actor=_user(actor)
        )
    return request


def request_update(
    *,
    actor: Any,
    request: CooperationRequest,
    title: Mapping[str, str],
    problem: Mapping[str, str],
    outputs: Mapping[str, str],
    original_language: str,
    areas: Iterable[str],
    modality: str,
    window_start: datetime.date,
    window_end: datetime.date,
    languages: Iterable[str] = (),
    host_institution: Institution | None = None,
) -> CooperationRequest:
    """The requesting country's delegates and head of delegation change their draft, checked as when it
    was drafted; texts in languages not given stay as they are. Only a draft changes: once submitted,
    the Secretariat decides on what it received."""
    require(actor, "cooperation.edit_request", request)
    fields, chosen_areas = _request_fields(
        country=request.country,
        title=title,
        problem=problem,
        outputs=outputs,
        original_language=original_language,
        areas=areas,
        modality=modality,
        window_start=window_start,
        window_end=window_end,
        languages=languages,
        host_institution=host_institution,
    )
    with transaction.atomic():
        locked = _lock_request(request.pk)
        if locked.state != RequestState.DRAFT:
            raise Conflict(
                _("The request is in the state “%(state)s”: only a draft is edited.")
                % {"state": locked.get_state_display()}
            )
        for name, value in fields.items():
            setattr(locked, name, value)
        with writes_unseen(*DRAFT_TABLES):
            locked.save(update_fields=list(fields))
            locked.areas.set(chosen_areas)
        StateChange.objects.create(
            request=locked, action="edit", from_state=locked.state, to_state=locked.state, actor=_user(actor)
        )
    return locked


# What a request that visitors do not see yet (a draft, a request before the Secretariat approves it)
# writes: no page a visitor sees reads those rows (``gealc.core.pages.writes_unseen``).
DRAFT_TABLES = (CooperationRequest, CooperationRequest.areas.through)


def _lock_request(pk: int) -> CooperationRequest:
    return (
        CooperationRequest.objects.select_for_update(of=("self",))
        .select_related("country", "call")
        .get(pk=pk)
    )


def _move_request(request: CooperationRequest, action: str, *, actor: Any, note: str = "") -> None:
    """Move a locked request one step and record who did it; Conflict if its state does not allow it."""
    step = check_step(
        REQUEST_STEPS, action, state=request.state, state_label=request.get_state_display(), what=_("request")
    )
    assert step.target is not None  # every step of a request moves it
    previous = request.state
    request.state = step.target
    unseen = previous not in PUBLIC_REQUEST_STATES and step.target not in PUBLIC_REQUEST_STATES
    with writes_unseen(*DRAFT_TABLES) if unseen else nullcontext():
        request.save(update_fields=["state", "rejection_reason"])
    StateChange.objects.create(
        request=request,
        action=action,
        from_state=previous,
        to_state=step.target,
        actor=_user(actor),
        note=note,
    )


def _request_step(
    request: CooperationRequest,
    action: str,
    *,
    actor: Any,
    note: str = "",
    check: Callable[[CooperationRequest], None] | None = None,
    decision: bool = False,
) -> CooperationRequest:
    step = REQUEST_STEPS[action]
    assert step.permission is not None
    require(actor, step.permission, request)
    with transaction.atomic():
        locked = _lock_request(request.pk)
        check_step(
            REQUEST_STEPS,
            action,
            state=locked.state,
            state_label=locked.get_state_display(),
            what=_("request"),
        )
        if check is not None:
            check(locked)
        _move_request(locked, action, actor=actor, note=note)
        if decision:
            record_decision(
                actor=actor,
                action=f"cooperation.request.{action}",
                target=locked,
                payload={"country": locked.country.iso3, "call": locked.call_id},
            )
        announce(request=locked, actor=actor, event=action, note=note)
    return locked


def request_submit(*, actor: Any, request: CooperationRequest) -> CooperationRequest:
    """The requesting country sends its draft to the Secretariat, while the request's call is open."""

    def call_is_open(locked: CooperationRequest) -> None:
        call = locked.call
        if call.closed_at is not None:
            raise Conflict(
                _("The call “%(call)s” is closed: it takes no more requests.") % {"call": call.title}
            )
        if not call.is_open_on(timezone.localdate()):
            raise Conflict(
                _("The call “%(call)s” takes requests from %(opens)s to %(closes)s: it is not open today.")
                % {"call": call.title, "opens": _day(call.opens_on), "closes": _day(call.closes_on)}
            )

    return _request_step(request, "submit", actor=actor, check=call_is_open)


def request_approve(*, actor: Any, request: CooperationRequest) -> CooperationRequest:
    return _request_step(request, "approve", actor=actor, decision=True)


def request_reject(*, actor: Any, request: CooperationRequest, reason: str) -> CooperationRequest:
    reason = _text(reason, "reason")

    def keep_reason(locked: CooperationRequest) -> None:
        locked.rejection_reason = reason

    return _request_step(request, "reject", actor=actor, note=reason, check=keep_reason, decision=True)


def request_withdraw(*, actor: Any, request: CooperationRequest, reason: str = "") -> CooperationRequest:
    return _request_step(request, "withdraw", actor=actor, note=_text(reason, "reason", required=False))


def request_match(
    *, actor: Any, request: CooperationRequest, experts: Iterable[int], override_reason: str = ""
) -> list[Match]:
    """The Secretariat picks one or several experts for an approved request.

    Picking exactly the best-ranked proposals needs no reason; anything else (a lower-ranked expert, or
    a validated expert who was not proposed) is an override and needs one. Experts from the requesting
    country are refused whatever the reason: the fund exists for countries to advise each other.
    """
    require(actor, "cooperation.match_request", request)
    expert_ids = list(dict.fromkeys(experts))
    override_reason = (override_reason or "").strip()
    if not expert_ids:
        raise ServiceError(_("Pick at least one expert."), field="experts")
    with transaction.atomic():
        locked = _lock_request(request.pk)
        check_step(
            REQUEST_STEPS,
            "match",
            state=locked.state,
            state_label=locked.get_state_display(),
            what=_("request"),
        )
        chosen = {
            expert.pk: expert
            for expert in Expert.objects.select_related("person", "person__institution", "country").filter(
                pk__in=expert_ids
            )
        }
        missing = [str(pk) for pk in expert_ids if pk not in chosen]
        if missing:
            raise ServiceError(_("No expert with id %(ids)s.") % {"ids": ", ".join(missing)}, field="experts")
        for expert in chosen.values():
            if locked.country_id in (expert.country_id, expert.person.country_id):
                raise ServiceError(
                    _(
                        "%(name)s is offered by %(country)s, the requesting country: the fund sends experts "
                        "from other countries."
                    )
                    % {"name": expert.person.name, "country": expert.country.name},
                    field="experts",
                )
            if expert.status != Expert.Status.VALIDATED:
                raise ServiceError(
                    _("%(name)s is not validated by the Secretariat yet.") % {"name": expert.person.name},
                    field="experts",
                )
        already = set(locked.matches.values_list("expert_id", flat=True))
        new = [pk for pk in expert_ids if pk not in already]
        if not new:
            raise ServiceError(_("These experts are already matched with the request."), field="experts")
        ranking = [proposal for proposal in rank_experts(locked) if proposal.expert.pk not in already]
        best = {proposal.expert.pk for proposal in ranking[: len(new)]}
        override = set(new) != best
        if override and not override_reason:
            raise ServiceError(
                _("Picking other experts than the %(count)d best-ranked needs a reason.")
                % {"count": len(new)},
                field="override_reason",
            )
        by_expert = {proposal.expert.pk: proposal for proposal in ranking}
        matches = []
        for pk in new:
            proposal = by_expert.get(pk)
            matches.append(
                Match.objects.create(
                    request=locked,
                    expert=chosen[pk],
                    rank=proposal.rank if proposal else None,
                    score=proposal.score if proposal else 0,
                    reasons=[{"points": r.points, "text": r.text} for r in proposal.reasons]
                    if proposal
                    else [],
                    override_reason=override_reason if override else "",
                    chosen_by=_user(actor),
                )
            )
        _move_request(locked, "match", actor=actor, note=override_reason if override else "")
        record_decision(
            actor=actor,
            action="cooperation.request.match",
            target=locked,
            payload={
                "matches": [match.pk for match in matches],
                "experts": new,
                "ranks": [match.rank for match in matches],
                "override": override,
            },
        )
        announce(request=locked, actor=actor, event="match", secretariat=False)
    return matches


# Missions ---------------------------------------------------------------------------------------------


def mission_plan(
    *,
    actor: Any,
    request: CooperationRequest,
    expert: Expert,
    start_date: datetime.date,
    end_date: datetime.date,
    modality: str | None = None,
    destination: Country | None = None,
    days: int | None = None,
    travel_cost: Decimal = ZERO,
    other_cost: Decimal = ZERO,
    other_description: str = "",
) -> Mission:
    """The Secretariat plans a mission of a matched expert with its budget lines (nothing is committed
    until the mission is approved). Per diem is ``days`` times the call's rate for the destination; ``days``
    defaults to the whole mission on site and to none for remote work."""
    require(actor, "cooperation.plan_mission", request)
    travel = _amount(travel_cost, "travel_cost")
    other = _amount(other_cost, "other_cost")
    other_description = _text(other_description, "other_description", max_length=300, required=False)
    modality = modality or request.modality
    if modality not in Modality.values:
        raise ServiceError(
            _("The modality must be one of %(values)s.") % {"values": ", ".join(Modality.values)},
            field="modality",
        )
    if end_date < start_date:
        raise ServiceError(_("The mission cannot end before it starts."), field="end_date")
    with transaction.atomic():
        changed(FIGURES)
        locked = _lock_request(request.pk)
        check_step(
            REQUEST_STEPS,
            "plan",
            state=locked.state,
            state_label=locked.get_state_display(),
            what=_("request"),
        )
        call = locked.call
        if not locked.matches.filter(expert=expert).exists():
            raise ServiceError(
                _("The expert is not matched with this request: match them first."), field="expert"
            )
        if start_date < locked.window_start or end_date > locked.window_end:
            raise ServiceError(
                _("The mission must take place within the request's window, %(start)s to %(end)s.")
                % {"start": _day(locked.window_start), "end": _day(locked.window_end)},
                field="start_date" if start_date < locked.window_start else "end_date",
            )
        duration = (end_date - start_date).days + 1
        if duration > call.max_days_per_mission:
            raise ServiceError(
                _("A mission of this call lasts at most %(max)d days; this one lasts %(days)d days.")
                % {"max": call.max_days_per_mission, "days": duration},
                field="end_date",
            )
        if days is None:
            days = 0 if modality == Modality.REMOTE else duration
        if modality == Modality.REMOTE and (days or travel):
            raise ServiceError(
                _("A remote mission has no travel and no days at the destination."),
                field="days" if days else "travel_cost",
            )
        if not 0 <= days <= duration:
            raise ServiceError(_days_beyond(duration), field="days")
        busy = Mission.objects.filter(
            expert=expert, state__in=BUSY_STATES, start_date__lte=end_date, end_date__gte=start_date
        ).first()
        if busy is not None:
            raise ServiceError(
                _("The expert has another mission from %(start)s to %(end)s.")
                % {"start": _day(busy.start_date), "end": _day(busy.end_date)},
                field="start_date",
            )
        destination = destination or locked.country
        mission = Mission(
            request=locked,
            call=call,
            expert=expert,
            provider_id=expert.country_id,
            recipient=locked.country,
            destination=destination,
            modality=modality,
            start_date=start_date,
            end_date=end_date,
            days=days,
            per_diem_rate=call.per_diem_for(destination),
            travel_cost=travel,
            other_cost=other,
            other_description=other_description,
        )
        if mission.planned_cost > call.max_cost_per_mission:
            raise ServiceError(
                _("The mission would cost %(cost)s; a mission of this call costs at most %(max)s.")
                % {
                    "cost": money(mission.planned_cost, call.currency),
                    "max": money(call.max_cost_per_mission, call.currency),
                },
                field="total_cost",
            )
        mission.save()
        StateChange.objects.create(
            request=locked, mission=mission, action="plan", to_state=mission.state, actor=_user(actor)
        )
        _move_request(locked, "plan", actor=actor)
        announce(request=locked, actor=actor, event="plan", mission=mission)
    return mission


MoneyStep = Callable[[Call, Mission], None]


def _days_beyond(duration: int) -> str:
    return ngettext(
        "Days at the destination must be between 0 and the mission's %(days)d day.",
        "Days at the destination must be between 0 and the mission's %(days)d days.",
        duration,
    ) % {"days": duration}


def _mission_step(
    mission: Mission,
    action: str,
    *,
    actor: Any,
    before: MoneyStep | None = None,
    note: str = "",
) -> Mission:
    """Take a mission step with the call, the request and the mission locked in that order."""
    step = MISSION_STEPS[action]
    assert step.permission is not None
    require(actor, step.permission, mission)
    with transaction.atomic():
        changed(FIGURES)
        call = Call.objects.select_for_update().get(pk=mission.call_id)
        request = _lock_request(mission.request_id)
        locked = (
            Mission.objects.select_for_update(of=("self",))
            .select_related("expert__person", "recipient", "provider", "destination")
            .get(pk=mission.pk)
        )
        check_step(
            MISSION_STEPS,
            action,
            state=locked.state,
            state_label=locked.get_state_display(),
            what=_("mission"),
        )
        if before is not None:
            before(call, locked)
        assert step.target is not None  # every step of a mission moves it
        previous = locked.state
        locked.state = step.target
        locked.save()
        StateChange.objects.create(
            request=request, mission=locked, action=action, from_state=previous, to_state=step.target,
            actor=_user(actor), note=note,
        )  # fmt: skip
        _follow_missions(request, actor=actor)
        announce(request=request, actor=actor, event=f"mission_{action}", mission=locked, note=note)
    return locked


def _ledger(call: Call, mission: Mission, kind: str, amount: Decimal, actor: Any) -> None:
    LedgerEntry.objects.create(call=call, mission=mission, kind=kind, amount=amount, actor=_user(actor))


def _refuse_overspend(call: Call, increase: Decimal, what: str) -> None:
    if increase > call.available:
        raise Conflict(
            _(
                "%(what)s needs %(needed)s but the call “%(call)s” has only %(available)s available "
                "(budget %(budget)s, committed %(committed)s, spent %(spent)s)."
            )
            % {
                "what": what,
                "needed": money(increase, call.currency),
                "call": call.title,
                "available": money(call.available, call.currency),
                "budget": money(call.budget, call.currency),
                "committed": money(call.committed, call.currency),
                "spent": money(call.spent, call.currency),
            },
            field="total_cost",
        )


def _set_totals(call: Call, **totals: Decimal) -> None:
    """Write a call's committed and spent totals, computed here in exact decimals.

    The caller holds the lock on the call. Adding in SQL (F("committed") + cost) would add in floating
    point on SQLite, where a few cents of rounding error soon break the budget checks.
    """
    for name, value in totals.items():
        setattr(call, name, value.quantize(CENT))
    Call.objects.filter(pk=call.pk).update(**{name: getattr(call, name) for name in totals})


def mission_approve(*, actor: Any, mission: Mission) -> Mission:
    """The Secretariat approves a planned mission: its cost is committed on the call, if available."""

    def commit(call: Call, locked: Mission) -> None:
        cost = locked.planned_cost
        if cost > call.max_cost_per_mission:
            raise ServiceError(
                _("The mission costs %(cost)s; a mission of this call costs at most %(max)s.")
                % {
                    "cost": money(cost, call.currency),
                    "max": money(call.max_cost_per_mission, call.currency),
                },
                field="total_cost",
            )
        _refuse_overspend(call, cost, _("The mission"))
        _set_totals(call, committed=call.committed + cost)
        locked.committed = cost
        _ledger(call, locked, LedgerEntry.Kind.COMMIT, cost, actor)
        record_decision(
            actor=actor,
            action="cooperation.mission.approve",
            target=locked,
            payload={
                "call": call.pk,
                "committed": cost,
                "currency": call.currency,
                "available_before": call.available,
            },
        )

    return _mission_step(mission, "approve", actor=actor, before=commit)


def mission_cancel(*, actor: Any, mission: Mission, reason: str) -> Mission:
    """The Secretariat cancels a mission before it starts; what it had committed is released."""
    reason = _text(reason, "reason")

    def release(call: Call, locked: Mission) -> None:
        if locked.committed:
            _set_totals(call, committed=call.committed - locked.committed)
            _ledger(call, locked, LedgerEntry.Kind.RELEASE, locked.committed, actor)
        record_decision(
            actor=actor,
            action="cooperation.mission.cancel",
            target=locked,
            payload={"call": call.pk, "released": locked.committed},
        )
        locked.committed = ZERO

    return _mission_step(mission, "cancel", actor=actor, before=release, note=reason)


def mission_start(*, actor: Any, mission: Mission) -> Mission:
    """The Secretariat or the mission's expert starts an approved mission, on its start date or later."""

    def on_its_dates(call: Call, locked: Mission) -> None:
        if timezone.localdate() < locked.start_date:
            raise Conflict(
                _("The mission starts on %(date)s: it cannot be started before that day.")
                % {"date": _day(locked.start_date)},
                field="start_date",
            )

    return _mission_step(mission, "start", actor=actor, before=on_its_dates)


def mission_complete(*, actor: Any, mission: Mission) -> Mission:
    return _mission_step(mission, "complete", actor=actor)


def mission_close(
    *, actor: Any, mission: Mission, actual_travel_cost: Decimal, actual_days: int, actual_other_cost: Decimal
) -> Mission:
    """The Secretariat closes a completed mission whose two reports are in, with its actual costs.

    The actual costs replace the commitment: the call's committed total drops by the commitment and its
    spent total rises by the actual cost, so whatever was not spent becomes available again.
    """
    travel = _amount(actual_travel_cost, "actual_travel_cost")
    other = _amount(actual_other_cost, "actual_other_cost")
    if actual_days < 0:
        raise ServiceError(_("Days cannot be negative."), field="actual_days")

    def settle(call: Call, locked: Mission) -> None:
        kinds = set(locked.reports.values_list("kind", flat=True))
        missing = [label for kind, label in MissionReport.Kind.choices if kind not in kinds]
        if missing:
            raise Conflict(
                _("The mission closes once both reports are in; missing: %(missing)s.")
                % {"missing": ", ".join(str(label) for label in missing)}
            )
        if actual_days > locked.duration:
            raise ServiceError(_days_beyond(locked.duration), field="actual_days")
        locked.actual_travel_cost, locked.actual_days, locked.actual_other_cost = travel, actual_days, other
        actual = locked.actual_cost
        assert actual is not None
        _refuse_overspend(call, actual - locked.committed, _("The actual cost above the commitment"))
        _set_totals(call, committed=call.committed - locked.committed, spent=call.spent + actual)
        _ledger(call, locked, LedgerEntry.Kind.RELEASE, locked.committed, actor)
        _ledger(call, locked, LedgerEntry.Kind.SPEND, actual, actor)
        record_decision(
            actor=actor,
            action="cooperation.mission.close",
            target=locked,
            payload={
                "call": call.pk,
                "released": locked.committed,
                "spent": actual,
                "currency": call.currency,
            },
        )
        locked.committed = ZERO

    return _mission_step(mission, "close", actor=actor, before=settle)


def mission_report(
    *,
    actor: Any,
    mission: Mission,
    kind: str,
    outputs: str = "",
    recommendations: str = "",
    results: str = "",
    rating: int | None = None,
    language: str = "en",
) -> MissionReport:
    """The expert reports outputs and recommendations; the host country rates the mission (1 to 5) and
    reports results. Each once, after the mission is completed."""
    if kind == MissionReport.Kind.EXPERT:
        require(actor, "cooperation.report_as_expert", mission)
        fields = {
            "outputs": _text(outputs, "outputs"),
            "recommendations": _text(recommendations, "recommendations"),
        }
    elif kind == MissionReport.Kind.HOST:
        require(actor, "cooperation.report_as_host", mission)
        if rating is None or not 1 <= rating <= 5:
            raise ServiceError(_("The rating is a whole number from 1 to 5."), field="rating")
        fields = {"results": _text(results, "results"), "rating": rating}  # type: ignore[dict-item]
    else:
        raise ServiceError(_("A report is from the expert or from the host country."), field="kind")
    language = language_code(language, field="language")
    with transaction.atomic():
        changed(FIGURES)
        request = _lock_request(mission.request_id)
        locked = (
            Mission.objects.select_for_update(of=("self",))
            .select_related("expert__person")
            .get(pk=mission.pk)
        )
        if locked.state != MissionState.COMPLETED:
            raise Conflict(
                _("The mission is in the state “%(state)s”: reports are written once it is completed.")
                % {"state": locked.get_state_display()}
            )
        if locked.reports.filter(kind=kind).exists():
            raise Conflict(_("This report was already submitted."))
        report = MissionReport.objects.create(
            mission=locked, kind=kind, language=language, submitted_by=_user(actor), **fields
        )
        StateChange.objects.create(
            request=request, mission=locked, action=f"report_{kind}", from_state=locked.state,
            to_state=locked.state, actor=_user(actor),
        )  # fmt: skip
        _follow_missions(request, actor=actor)
        announce(request=request, actor=actor, event=f"mission_report_{kind}", mission=locked)
    return report


# The request follows its missions.
_STAGE = {
    MissionState.PLANNED: RequestState.MISSION_PLANNED,
    MissionState.APPROVED: RequestState.MISSION_PLANNED,
    MissionState.IN_PROGRESS: RequestState.IN_PROGRESS,
    MissionState.COMPLETED: RequestState.COMPLETED,
    MissionState.CLOSED: RequestState.CLOSED,
}
_NEXT = {
    RequestState.IN_PROGRESS: ("complete", RequestState.COMPLETED),
    RequestState.COMPLETED: ("report", RequestState.REPORTED),
    RequestState.REPORTED: ("close", RequestState.CLOSED),
}


def _follow_missions(request: CooperationRequest, *, actor: Any) -> None:
    """Move a locked request as far as its missions allow: in progress once one has started, then
    completed, reported and closed once all have (cancelled missions do not count)."""
    missions = list(
        Mission.objects.filter(request=request)
        .exclude(state=MissionState.CANCELLED)
        .annotate(report_count=Count("reports"))
        .values_list("state", "report_count")
    )
    if not missions:
        if request.state == RequestState.MISSION_PLANNED:
            _move_request(request, "replan", actor=actor)
        return
    order = REQUEST_PROGRESS.index
    stages = []
    for state, report_count in missions:
        stage = _STAGE[MissionState(state)]
        if stage == RequestState.COMPLETED and report_count >= len(MissionReport.Kind.values):
            stage = RequestState.REPORTED
        stages.append(order(stage))
    if request.state == RequestState.MISSION_PLANNED and max(stages) >= order(RequestState.IN_PROGRESS):
        _move_request(request, "start", actor=actor)
    while request.state in _NEXT and min(stages) >= order(_NEXT[RequestState(request.state)][1]):
        _move_request(request, _NEXT[RequestState(request.state)][0], actor=actor)


# The expert roster ------------------------------------------------------------------------------------


def offer_received() -> str:
    """What the offering country reads after every offer, whatever became of it."""
    return _(
        "The offer is received. The Secretariat checks every offer before the expert is listed or proposed."
    )


def expert_offer(
    *,
    actor: Any,
    country: Country,
    name: str,
    email: str,
    areas: Iterable[str],
    languages: Iterable[str],
    original_language: str,
    bio: Mapping[str, str] | None = None,
    institution: Institution | None = None,
    available_from: datetime.date | None = None,
    available_until: datetime.date | None = None,
    consent_public: bool = False,
) -> Expert | ExpertProposal:
    """A member country (its delegates or head of delegation) or the Secretariat offers an expert.

    An e-mail nobody has: the person is created for the offering country and the expert waits for the
    Secretariat's validation. An e-mail of a person already known (of any country or none, on the
    roster or not): nothing of that person changes; a country's offer becomes an ``ExpertProposal``
    waiting for the Secretariat to confirm, and callers answer both the same way, so that an offer
    never tells a country whether an e-mail is known (``offer_received``). The Secretariat's own offer
    of a known person puts them on the roster at once, their record unchanged.
    """
    require(actor, "cooperation.offer_expert", country)
    name = _text(name, "name", max_length=200)
    email = check_email(email)
    chosen_areas = _areas(areas)
    spoken = language_codes(languages)
    if not spoken:
        raise ServiceError(_("Give at least one language the expert works in."), field="languages")
    texts = clean_texts(Expert, {"bio": bio}, original_language=original_language)
    if institution is not None and institution.country_id != country.pk:
        raise ServiceError(
            _("The institution must be an institution of %(country)s.") % {"country": country.name},
            field="institution",
        )
    if available_from and available_until and available_until < available_from:
        raise ServiceError(_("The availability ends before it starts."), field="available_until")
    details: dict[str, Any] = {
        "original_language": original_language,
        "available_from": available_from,
        "available_until": available_until,
        "consent_public": consent_public,
        **texts,
    }
    with transaction.atomic():
        person = Person.objects.select_for_update().filter(email__iexact=email).first()
        declined = (
            Expert.objects.select_for_update().filter(person=person, status=Expert.Status.DECLINED).first()
            if person is not None
            else None
        )
        if declined is not None and (
            declined.country_id == country.pk or actor.has_perm("cooperation.validate_expert")
        ):
            # The offer the Secretariat declined, made again: the same record waits for validation once
            # more, with what the new offer says. The country knew the person already (it offered them).
            return _expert_reopen(declined, country=country, areas=chosen_areas, details=details)
        if person is not None and actor.has_perm("cooperation.validate_expert"):
            # The Secretariat, which confirms proposals, puts a known person on the roster itself; the
            # person's record stays as it is (the Secretariat edits it on its own, not through an offer).
            if Expert.objects.filter(person=person).exists():
                raise ServiceError(_("This person is already on the roster."), field="email")
        elif person is not None:
            return _expert_propose(
                person=person,
                country=country,
                areas=chosen_areas,
                name=name,
                languages=spoken,
                institution=institution,
                **details,
            )
        else:
            person = Person.objects.create(
                name=name, email=email, languages=spoken, country=country, institution=institution
            )
        expert = Expert.objects.create(person=person, country=country, **details)
        expert.areas.set(chosen_areas)
    return expert


def _expert_reopen(
    expert: Expert, *, country: Country, areas: list[ExpertiseArea], details: Mapping[str, Any]
) -> Expert:
    """A locked, declined expert offered again: offered anew by ``country`` with the offer's details
    (every language of the bio replaced), the Secretariat's earlier reason cleared."""
    for column in columns(Expert, "bio"):
        setattr(expert, column, "")
    for field, value in details.items():
        setattr(expert, field, value)
    expert.country = country
    expert.status = Expert.Status.OFFERED
    expert.offered_at = timezone.now()
    expert.decline_reason = ""
    expert.declined_at = None
    expert.save()
    expert.areas.set(areas)
    return expert


def _expert_propose(
    *, person: Person, country: Country, areas: list[ExpertiseArea], **fields: Any
) -> ExpertProposal:
    """Keep an offer naming a known person for the Secretariat; a repeated one adds nothing."""
    pending = ExpertProposal.objects.filter(
        person=person, country=country, status=ExpertProposal.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    proposal = ExpertProposal.objects.create(person=person, country=country, **fields)
    proposal.areas.set(areas)
    return proposal


def _lock_pending(proposal: ExpertProposal) -> ExpertProposal:
    locked = (
        ExpertProposal.objects.select_for_update(of=("self",))
        .select_related("person", "country")
        .get(pk=proposal.pk)
    )
    if locked.status != ExpertProposal.Status.PENDING:
        raise Conflict(
            _("The proposal is %(status)s already.") % {"status": locked.get_status_display().lower()}
        )
    return locked


def expert_proposal_confirm(*, actor: Any, proposal: ExpertProposal, person_country: bool = False) -> Expert:
    """The Secretariat confirms that the person of a proposal is the one the country meant: the person is
    put on the roster for the offering country, as an offered expert still to validate.

    The person's record keeps its own name, languages and institution; its country becomes the offering
    country only when ``person_country`` says so (the Secretariat decides it, never the offer). Someone
    already on the roster cannot be offered twice: that proposal is declined instead.
    """
    require(actor, "cooperation.validate_expert", proposal)
    with transaction.atomic():
        changed(FIGURES)
        locked = _lock_pending(proposal)
        person = Person.objects.select_for_update().get(pk=locked.person_id)
        details = {
            "original_language": locked.original_language,
            "available_from": locked.available_from,
            "available_until": locked.available_until,
            "consent_public": locked.consent_public,
            **{column: getattr(locked, column) for column in columns(ExpertProposal, "bio")},
        }
        existing = Expert.objects.select_for_update().filter(person=person).first()
        if existing is not None and existing.status != Expert.Status.DECLINED:
            raise Conflict(_("This person is already on the roster: decline the proposal."))
        if existing is not None:
            expert = _expert_reopen(
                existing, country=locked.country, areas=list(locked.areas.all()), details=details
            )
        else:
            expert = Expert.objects.create(person=person, country=locked.country, **details)
            expert.areas.set(locked.areas.all())
        previous_country = person.country.iso3 if person.country else None
        if person_country and person.country_id != locked.country_id:
            person.country = locked.country
            person.save(update_fields=["country"])
        locked.status = ExpertProposal.Status.CONFIRMED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        record_decision(
            actor=actor,
            action="cooperation.expert.proposal.confirm",
            target=locked,
            payload={
                "country": locked.country.iso3,
                "expert": expert.pk,
                "person_country": [previous_country, locked.country.iso3] if person_country else None,
            },
        )
    return expert


def expert_proposal_decline(*, actor: Any, proposal: ExpertProposal) -> ExpertProposal:
    """The Secretariat declines a proposal: nothing of the person changes, nobody joins the roster."""
    require(actor, "cooperation.validate_expert", proposal)
    with transaction.atomic():
        locked = _lock_pending(proposal)
        locked.status = ExpertProposal.Status.DECLINED
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_at"])
        record_decision(
            actor=actor,
            action="cooperation.expert.proposal.decline",
            target=locked,
            payload={"country": locked.country.iso3},
        )
    return locked


def expert_validate(*, actor: Any, expert: Expert) -> Expert:
    """The Secretariat validates an offered expert, who from then on holds the expert role for the
    offering country (so that they can report on their missions)."""
    require(actor, "cooperation.validate_expert", expert)
    with transaction.atomic():
        changed(FIGURES)
        locked = (
            Expert.objects.select_for_update(of=("self",))
            .select_related("person", "country")
            .get(pk=expert.pk)
        )
        if locked.status != Expert.Status.OFFERED:
            raise Conflict(
                _("The expert is %(status)s: only an offered expert is validated.")
                % {"status": locked.get_status_display()}
            )
        locked.status = Expert.Status.VALIDATED
        locked.validated_at = timezone.now()
        locked.save(update_fields=["status", "validated_at"])
        today = timezone.localdate()
        membership = (
            Membership.objects.in_force(today)
            .filter(person=locked.person, role=Role.EXPERT, country=locked.country)
            .first()
        )
        if membership is None:
            membership = Membership.objects.create(
                person=locked.person, role=Role.EXPERT, country=locked.country, start_date=today
            )
        record_decision(
            actor=actor,
            action="cooperation.expert.validate",
            target=locked,
            payload={"country": locked.country.iso3, "membership": membership.pk},
        )
    return locked


def expert_decline(*, actor: Any, expert: Expert, reason: str) -> Expert:
    """The Secretariat declines an offered expert, saying why: the offering country's delegates are told
    the reason, and the country may offer the person again (``expert_offer`` reopens the record)."""
    require(actor, "cooperation.validate_expert", expert)
    reason = _text(reason, "reason", max_length=5000)
    with transaction.atomic():
        locked = (
            Expert.objects.select_for_update(of=("self",))
            .select_related("person", "country")
            .get(pk=expert.pk)
        )
        if locked.status != Expert.Status.OFFERED:
            raise Conflict(
                _("The expert is %(status)s: only an offered expert is declined.")
                % {"status": locked.get_status_display()}
            )
        locked.status = Expert.Status.DECLINED
        locked.decline_reason = reason
        locked.declined_at = timezone.now()
        locked.save(update_fields=["status", "decline_reason", "declined_at"])
        # The reason is the country's to read, not the log's: it may say things about the person.
        record_decision(
            actor=actor,
            action="cooperation.expert.decline",
            target=locked,
            payload={"country": locked.country.iso3},
        )
        announce_expert_declined(expert=locked, actor=actor)
    return locked
