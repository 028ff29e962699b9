"""The Horizontal Cooperation Fund: calls and their ledger, requests, the expert roster, matches,
missions and their reports, and the historical baselines.

Money is kept as decimals in the currency of the call. A call's ``committed`` and ``spent`` totals are
kept on its row, next to the ledger that explains every movement, so that the database itself refuses
a total above the budget (``call_within_budget``) even if a writer forgot the lock.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gealc.core.i18n import original_language_field, original_text_required, translated
from gealc.members.models import Country, Institution, Person

ZERO = Decimal("0.00")


class ExpertiseArea(models.Model):
    """One entry of the controlled taxonomy of expertise, kept by the Secretariat in four languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = translated(models.CharField(_("name"), max_length=120), required=["en"])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name = _("expertise area")
        verbose_name_plural = _("expertise areas")

    def __str__(self) -> str:
        return self.name


CALL_STATUS_LABELS = {
    "upcoming": _("Not open yet"),
    "open": pgettext_lazy("call status", "Open"),
    "over": _("Its closing date has passed"),
    "closed": pgettext_lazy("call status", "Closed"),
}


class CallQuerySet(models.QuerySet["Call"]):
    def open_on(self, day: datetime.date) -> CallQuerySet:
        """The calls open on ``day``: within their period and not closed early by the Secretariat."""
        return self.filter(opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True)


class Call(models.Model):
    """A call of the fund for one period, with its budget and its rules for missions."""

    year = models.PositiveSmallIntegerField(_("year"))
    title = translated(models.CharField(_("title"), max_length=200))
    original_language = original_language_field()
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", help_text=_("ISO 4217 code, e.g. USD.")
    )
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2)
    committed = models.DecimalField(
        _("committed"), max_digits=14, decimal_places=2, default=ZERO, editable=False
    )
    spent = models.DecimalField(_("spent"), max_digits=14, decimal_places=2, default=ZERO, editable=False)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    max_days_per_mission = models.PositiveSmallIntegerField(_("maximum days per mission"))
    max_cost_per_mission = models.DecimalField(_("maximum cost per mission"), max_digits=14, decimal_places=2)
    default_per_diem = models.DecimalField(
        _("default per diem"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Daily rate for a destination without a rate of its own."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    closed_at = models.DateTimeField(
        _("closed early"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the Secretariat closed the call before its closing date."),
    )

    history = HistoricalRecords(excluded_fields=["committed", "spent"])

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-year", "-opens_on", "pk"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints: ClassVar = [
            original_text_required("call", "title"),
            # Two calls of one year never share a title, in whichever language people read it.
            *(
                models.UniqueConstraint(
                    fields=["year", f"title_{code}"],
                    condition=~Q(**{f"title_{code}": ""}),
                    name=f"call_unique_title_{code}_per_year",
                )
                for code in settings.LANGUAGE_CODES
            ),
            models.CheckConstraint(condition=Q(currency__regex=r"^[A-Z]{3}$"), name="call_currency_iso4217"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0, committed__gte=0, spent__gte=0), name="call_amounts_not_negative"
            ),
            # Amounts have two decimals; the half-cent margin only absorbs SQLite's floating-point sums
            # (on PostgreSQL numeric is exact and the check is strictly "within the budget").
            models.CheckConstraint(
                condition=Q(budget__gte=F("committed") + F("spent") - Decimal("0.005")),
                name="call_within_budget",
            ),
            models.CheckConstraint(
                condition=Q(
                    max_days_per_mission__gte=1, max_cost_per_mission__gte=0, default_per_diem__gte=0
                ),
                name="call_rules_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The call as people read it: its title, followed by its year unless the title says it already."""
        title = str(self.title)
        if re.search(rf"(?<!\d){self.year}(?!\d)", title):
            return title
        return f"{title} ({self.year})"

    @property
    def available(self) -> Decimal:
        return self.budget - self.committed - self.spent

    def clean(self) -> None:
        # The admin may change the budget; never below what is already committed and spent.
        if self.budget is not None and self.budget < self.committed + self.spent:
            raise ValidationError(
                {
                    "budget": _("The budget cannot be less than what is committed and spent (%(total)s).")
                    % {"total": self.committed + self.spent}
                }
            )

    def is_open_on(self, day: datetime.date) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    def status_on(self, day: datetime.date) -> str:
        """``closed`` (by the Secretariat), ``upcoming``, ``open`` or ``over`` (its closing date passed)."""
        if self.closed_at is not None:
            return "closed"
        if day < self.opens_on:
            return "upcoming"
        return "open" if day <= self.closes_on else "over"

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    @property
    def status_label(self) -> str:
        return str(CALL_STATUS_LABELS[self.status])

    def per_diem_for(self, country: Country) -> Decimal:
        """The call's daily rate for a destination, or its default rate."""
        rate = self.per_diem_rates.filter(country=country).first()
        return rate.amount if rate is not None else self.default_per_diem


class PerDiemRate(models.Model):
    call = models.ForeignKey(
        Call, verbose_name=_("call"), on_delete=models.CASCADE, related_name="per_diem_rates"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("destination"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("daily rate"), max_digits=14, decimal_places=2)

    class Meta:
        ordering: ClassVar = ["call", "country__iso3"]
        verbose_name = _("per-diem rate")
        verbose_name_plural = _("per-diem rates")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["call", "country"], name="per_diem_unique_per_destination"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="per_diem_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.country_id}: {self.amount}"


class Modality(models.TextChoices):
    ON_SITE = "on_site", _("On site")
    REMOTE = "remote", _("Remote")
    MIXED = "mixed", _("Mixed")


class Expert(models.Model):
    """A person on the fund's roster, offered by a country and validated or declined by the Secretariat.

    A declined offer keeps its row (one per person) with the Secretariat's reason, which the offering
    country reads; offering the person again reopens that row with the new offer, the reason cleared.

    Languages and institution are the person's own (``Person.languages``, ``Person.institution``).
    ``country`` is the country that offers the expert: experts never advise that country through the fund.
    """

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered, awaiting validation")
        VALIDATED = "validated", _("Validated")
        RETIRED = "retired", _("Retired from the roster")
        DECLINED = "declined", _("Declined by the Secretariat")

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="expert_profile"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("offered by"), on_delete=models.PROTECT, related_name="experts"
    )
    areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), related_name="experts")
    bio = translated(models.TextField(_("short bio"), max_length=2000))
    original_language = original_language_field()
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    consent_public = models.BooleanField(
        _("listed publicly"),
        default=False,
        help_text=_("The expert agreed to appear in the public roster (never with contact details)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OFFERED)
    offered_at = models.DateTimeField(_("offered"), default=timezone.now, editable=False)
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True, editable=False)
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        help_text=_("Why the Secretariat declined the offer; the offering country reads it."),
    )
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["person__name", "person_id"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=["offered", "validated", "retired", "declined"]),
                name="expert_status_valid",
            ),
            # A declined offer says why, and only a declined one keeps a reason.
            models.CheckConstraint(
                condition=(Q(status="declined") & ~Q(decline_reason="") & Q(declined_at__isnull=False))
                | (~Q(status="declined") & Q(decline_reason="") & Q(declined_at__isnull=True)),
                name="expert_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(available_from__isnull=True)
                | Q(available_until__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="expert_availability_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.person.name


class ExpertProposal(models.Model):
    """An offer that names a person the platform already knows (by e-mail), kept apart from the roster
    until the Secretariat confirms or declines it.

    A country's offer never changes a person's record: what it wrote (name, languages, institution) is
    kept here for the Secretariat to compare with the person's own record. Confirming puts the person
    on the roster for the offering country, waiting for validation like any other offer.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting the Secretariat's confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="expert_proposals"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("offered by"), on_delete=models.PROTECT, related_name="expert_proposals"
    )
    name = models.CharField(_("name as offered"), max_length=200)
    languages = models.JSONField(_("languages as offered"), default=list, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution as offered"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), related_name="+")
    bio = translated(models.TextField(_("short bio"), max_length=2000))
    original_language = original_language_field()
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    consent_public = models.BooleanField(_("listed publicly"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    proposed_at = models.DateTimeField(_("offered"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["proposed_at", "pk"]
        verbose_name = _("expert proposal")
        verbose_name_plural = _("expert proposals")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=["pending", "confirmed", "declined"]),
                name="expert_proposal_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="expert_proposal_decided_when_not_pending",
            ),
            # A country repeating its offer adds nothing to the Secretariat's queue.
            models.UniqueConstraint(
                fields=["person", "country"],
                condition=Q(status="pending"),
                name="expert_proposal_one_pending_per_country",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country_id})"


class RequestState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", pgettext_lazy("request state", "Submitted")
    APPROVED = "approved", pgettext_lazy("request state", "Approved")
    REJECTED = "rejected", _("Rejected")
    MATCHED = "matched", _("Matched with experts")
    MISSION_PLANNED = "mission_planned", _("Mission planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CooperationRequest(models.Model):
    """A country's request for expertise. Texts are kept per language, shown with a fallback to the
    language they were written in (``original_language``)."""

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="requests")
    country = models.ForeignKey(
        Country, verbose_name=_("requesting country"), on_delete=models.PROTECT, related_name="+"
    )
    host_institution = models.ForeignKey(
        Institution,
        verbose_name=_("host institution"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    title = translated(models.CharField(_("title"), max_length=200))
    problem = translated(models.TextField(_("problem and objectives"), max_length=10000))
    outputs = translated(models.TextField(_("expected outputs"), max_length=10000))
    original_language = original_language_field()
    areas = models.ManyToManyField(ExpertiseArea, verbose_name=_("expertise areas"), related_name="+")
    languages = models.JSONField(
        _("preferred languages"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. es, en.")
    )
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    window_start = models.DateField(_("earliest start"))
    window_end = models.DateField(_("latest end"))
    state = models.CharField(
        _("state"), max_length=20, choices=RequestState.choices, default=RequestState.DRAFT
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["-created_at", "-pk"]
        verbose_name = _("cooperation request")
        verbose_name_plural = _("cooperation requests")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(window_end__gte=F("window_start")), name="request_window_ordered"
            ),
            models.CheckConstraint(condition=Q(state__in=RequestState.values), name="request_state_valid"),
            models.CheckConstraint(condition=Q(modality__in=Modality.values), name="request_modality_valid"),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(rejection_reason=""), name="request_rejection_has_reason"
            ),
        ]
        indexes: ClassVar = [
            models.Index(fields=["state", "country"], name="request_state_country_idx"),
            # The lists of requests, newest first, read a page without sorting every request.
            models.Index(fields=["created_at", "id"], name="request_created_idx"),
        ]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


class Match(models.Model):
    """An expert the Secretariat picked for a request, with the score and reasons seen when picking."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="matches"
    )
    expert = models.ForeignKey(Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(
        _("rank"), null=True, blank=True, help_text=_("Empty when the expert was not among the proposals.")
    )
    score = models.IntegerField(_("score"), default=0)
    reasons = models.JSONField(_("reasons"), default=list)
    override_reason = models.TextField(_("reason for overriding the ranking"), blank=True)
    chosen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chosen by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    chosen_at = models.DateTimeField(_("chosen"), default=timezone.now)

    class Meta:
        ordering: ClassVar = ["request", "rank", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["request", "expert"], name="match_unique_expert_per_request")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} ← {self.expert_id}"


class MissionState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("mission state", "Planned")
    APPROVED = "approved", pgettext_lazy("mission state", "Approved")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class MissionQuerySet(models.QuerySet["Mission"]):
    def carried_out(self) -> MissionQuerySet:
        """Missions that took place or are taking place (what the dashboards count)."""
        return self.filter(state__in=[MissionState.IN_PROGRESS, MissionState.COMPLETED, MissionState.CLOSED])

    def active(self) -> MissionQuerySet:
        return self.exclude(state__in=[MissionState.CANCELLED, MissionState.CLOSED])


class Mission(models.Model):
    """An expert's mission for a request, charged to the request's call.

    ``committed`` is what the call's ledger holds for the mission right now: the planned cost from
    approval until the mission is closed (actual costs replace it) or cancelled (released).
    """

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="missions"
    )
    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="missions")
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="missions"
    )
    provider = models.ForeignKey(
        Country, verbose_name=_("providing country"), on_delete=models.PROTECT, related_name="+"
    )
    recipient = models.ForeignKey(
        Country, verbose_name=_("receiving country"), on_delete=models.PROTECT, related_name="+"
    )
    destination = models.ForeignKey(
        Country, verbose_name=_("destination"), on_delete=models.PROTECT, related_name="+"
    )
    modality = models.CharField(_("modality"), max_length=10, choices=Modality.choices)
    start_date = models.DateField(pgettext_lazy("first day", "start"))
    end_date = models.DateField(pgettext_lazy("last day", "end"))
    days = models.PositiveSmallIntegerField(_("days at the destination"), default=0)
    per_diem_rate = models.DecimalField(_("per-diem rate"), max_digits=14, decimal_places=2)
    travel_cost = models.DecimalField(_("travel"), max_digits=14, decimal_places=2, default=ZERO)
    other_cost = models.DecimalField(_("other costs"), max_digits=14, decimal_places=2, default=ZERO)
    other_description = models.CharField(_("other costs are for"), max_length=300, blank=True)
    committed = models.DecimalField(
        _("committed"), max_digits=14, decimal_places=2, default=ZERO, editable=False
    )
    actual_travel_cost = models.DecimalField(
        _("actual travel"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual_days = models.PositiveSmallIntegerField(_("actual days at the destination"), null=True, blank=True)
    actual_other_cost = models.DecimalField(
        _("actual other costs"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MissionState.choices, default=MissionState.PLANNED
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-start_date", "-pk"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mission_dates_ordered"),
            models.CheckConstraint(condition=Q(state__in=MissionState.values), name="mission_state_valid"),
            models.CheckConstraint(condition=Q(modality__in=Modality.values), name="mission_modality_valid"),
            models.CheckConstraint(
                condition=~Q(provider=F("recipient")), name="mission_expert_from_another_country"
            ),
            models.CheckConstraint(
                condition=Q(per_diem_rate__gte=0, travel_cost__gte=0, other_cost__gte=0, committed__gte=0)
                & (Q(actual_travel_cost__isnull=True) | Q(actual_travel_cost__gte=0))
                & (Q(actual_other_cost__isnull=True) | Q(actual_other_cost__gte=0)),
                name="mission_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.provider_id} → {self.recipient_id} ({self.start_date})"

    @property
    def duration(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def per_diem_cost(self) -> Decimal:
        return self.per_diem_rate * self.days

    @property
    def planned_cost(self) -> Decimal:
        return self.travel_cost + self.per_diem_cost + self.other_cost

    @property
    def actual_per_diem_cost(self) -> Decimal | None:
        return None if self.actual_days is None else self.per_diem_rate * self.actual_days

    @property
    def actual_cost(self) -> Decimal | None:
        if self.actual_travel_cost is None or self.actual_days is None or self.actual_other_cost is None:
            return None
        return self.actual_travel_cost + self.per_diem_rate * self.actual_days + self.actual_other_cost


class MissionReport(models.Model):
    """The expert's report (outputs, recommendations) or the host country's (results and a rating)."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("Expert's report")
        HOST = "host", _("Host country's report")

    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="reports"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    outputs = models.TextField(_("outputs"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    results = models.TextField(_("results"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        ordering: ClassVar = ["mission", "kind"]
        verbose_name = _("mission report")
        verbose_name_plural = _("mission reports")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["mission", "kind"], name="report_one_of_each_kind_per_mission"),
            models.CheckConstraint(
                condition=Q(kind="expert", rating__isnull=True)
                | Q(kind="host", rating__gte=1, rating__lte=5),
                name="report_rating_from_host_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.mission_id}"


# How the history of a request names each recorded step.
STEP_LABELS = {
    "draft": _("drafted"),
    "edit": _("draft edited"),
    "submit": _("submitted"),
    "withdraw": _("withdrawn"),
    "approve": _("approved"),
    "reject": _("rejected"),
    "match": _("matched with experts"),
    "plan": _("mission planned"),
    "replan": _("back to matching"),
    "cancel": _("cancelled"),
    "start": _("started"),
    "complete": _("completed"),
    "report": _("reported"),
    "report_expert": _("expert's report added"),
    "report_host": _("host country's report added"),
    "close": _("closed"),
}


class StateChange(models.Model):
    """Who moved a request or one of its missions from one state to another, and when."""

    request = models.ForeignKey(
        CooperationRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="changes"
    )
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        related_name="changes",
        null=True,
        blank=True,
    )
    action = models.CharField(_("action"), max_length=30)
    from_state = models.CharField(pgettext_lazy("state before the change", "from"), max_length=20, blank=True)
    to_state = models.CharField(pgettext_lazy("state after the change", "to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering: ClassVar = ["at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_state} → {self.to_state}"

    def _label(self, state: str) -> str:
        labels = dict(MissionState.choices if self.mission_id else RequestState.choices)
        return str(labels.get(state, state))

    @property
    def action_label(self) -> str:
        return str(STEP_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return self._label(self.from_state) if self.from_state else ""

    @property
    def to_label(self) -> str:
        return self._label(self.to_state)


class LedgerEntry(models.Model):
    """One movement of a call's money. ``commit`` and ``release`` move the committed total; ``spend``
    moves the spent total. Entries are never changed: a correction is a new entry."""

    class Kind(models.TextChoices):
        COMMIT = "commit", _("Commitment")
        RELEASE = "release", _("Release of a commitment")
        SPEND = "spend", _("Actual cost")

    call = models.ForeignKey(Call, verbose_name=_("call"), on_delete=models.PROTECT, related_name="ledger")
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("mission"),
        on_delete=models.PROTECT,
        related_name="ledger",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering: ClassVar = ["call", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="ledger_amount_not_negative"),
            models.CheckConstraint(
                condition=Q(kind__in=["commit", "release", "spend"]), name="ledger_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount}"


class Baseline(models.Model):
    """A historical total from a public source, shown beside what the platform counts from its records."""

    class Measure(models.TextChoices):
        EXPERTS_EXCHANGED = "experts_exchanged", _("Experts sent on missions")
        PROVIDER_COUNTRIES = "provider_countries", _("Countries that sent experts")
        ROSTER_SIZE = "roster_size", _("Experts on the roster")

    class Qualifier(models.TextChoices):
        EXACT = "exact", _("exactly")
        MORE_THAN = "more_than", _("more than")
        ABOUT = "about", _("about")

    code = models.SlugField(_("code"), max_length=60, unique=True)
    label = translated(models.CharField(_("label"), max_length=200), required=["en"])
    measure = models.CharField(
        _("measure"),
        max_length=30,
        choices=Measure.choices,
        help_text=_("What the platform counts from its own records, shown beside the baseline."),
    )
    value = models.PositiveIntegerField(_("value"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    as_of = models.PositiveSmallIntegerField(_("as of (year)"), null=True, blank=True)
    source = translated(models.CharField(_("source"), max_length=300), required=["en"])
    source_url = models.URLField(_("source address"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name = _("historical baseline")
        verbose_name_plural = _("historical baselines")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(measure__in=["experts_exchanged", "provider_countries", "roster_size"]),
                name="baseline_measure_valid",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=["exact", "more_than", "about"]), name="baseline_qualifier_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.label
