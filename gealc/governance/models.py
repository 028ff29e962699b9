"""How the network governs itself: meetings and attendance, motions and roll-call votes, elections
with subregional seats, the Executive Committee over time, and the annual work plan."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gealc.core.i18n import original_language_field, original_text_required, translated
from gealc.members.models import Country, Institution, Person, Subregion


def roman(number: int) -> str:
    """I, II, ... for meeting ordinals."""
    numerals = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    result = ""
    for value, letters in numerals:
        while number >= value:
            result += letters
            number -= value
    return result


class NetworkRules(models.Model):
    """Rules of the network's governance that its statutes set (one row)."""

    quorum_fraction = models.DecimalField(
        _("quorum"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.5"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Share of the member countries that must be present: more than this (0.5 = more than half)."
        ),
    )
    committee_term_months = models.PositiveSmallIntegerField(_("term of the Committee (months)"), default=12)
    min_ballots_published = models.PositiveSmallIntegerField(
        _("fewest ballots published"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "In a secret election with fewer ballots than this, neither the ballots one by one nor the "
            "countries that voted are published, so that no ballot can be traced to its country."
        ),
    )

    min_turnout_fraction = models.DecimalField(
        _("minimum turnout"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Share of the member countries present that must vote for a vote or an election to have a "
            "result (0 = no minimum, 0.5 = at least half). Below it, closing gives no result."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("network rules")
        verbose_name_plural = _("network rules")

    def __str__(self) -> str:
        return str(_("Network rules"))

    @classmethod
    def current(cls) -> NetworkRules:
        rules = cls.objects.order_by("pk").first()
        return rules if rules is not None else cls.objects.create()


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual meeting")
        MINISTERIAL = "ministerial", _("Ministerial meeting")
        EXTRAORDINARY = "extraordinary", _("Extraordinary meeting")
        EXECUTIVE_COMMITTEE = "executive_committee", _("Executive Committee meeting")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.ANNUAL)
    ordinal = models.PositiveSmallIntegerField(
        _("number"), null=True, blank=True, help_text=_("e.g. 9 for the IX")
    )
    title = translated(models.CharField(_("title"), max_length=200))
    original_language = original_language_field()
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    host_country = models.ForeignKey(
        Country, verbose_name=_("host country"), on_delete=models.PROTECT, related_name="hosted_meetings"
    )
    city = translated(models.CharField(_("city"), max_length=100))
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-start_date"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(fields=["kind", "ordinal"], name="meeting_unique_ordinal_per_kind"),
            original_text_required("meeting", "title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ordinal_roman(self) -> str:
        return roman(self.ordinal) if self.ordinal else ""


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = translated(models.CharField(_("title"), max_length=300), required=["en"])

    class Meta:
        ordering: ClassVar = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda")

    def __str__(self) -> str:
        return self.title


class MeetingDocument(models.Model):
    """A document of a meeting: a link to where it is published, or a file uploaded here (stored through
    ``gealc.core.uploads`` under a generated name)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="es")
    file_path = models.CharField(max_length=300, blank=True, editable=False)
    file_label = models.CharField(max_length=200, blank=True, editable=False)
    file_content_type = models.CharField(max_length=150, blank=True, editable=False)
    file_size = models.PositiveIntegerField(default=0, editable=False)
    file_sha256 = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering: ClassVar = ["meeting", "title"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(file_path=""), name="meeting_document_link_or_file"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Delegation(models.Model):
    """A country's participation in a meeting, and who represented it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="delegations")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    representatives = models.ManyToManyField(
        Person, verbose_name=_("representatives"), blank=True, related_name="+"
    )
    note = translated(models.CharField(_("note"), max_length=300, blank=True))

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["meeting", "country__name_en"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["meeting", "country"], name="delegation_one_per_country")
        ]

    def __str__(self) -> str:
        return f"{self.country} @ {self.meeting}"


class DecisionRule(models.TextChoices):
    SIMPLE_MAJORITY = "simple_majority", _("Simple majority of votes cast")
    TWO_THIRDS = "two_thirds", _("Two-thirds of votes cast")
    CONSENSUS = "consensus", _("Consensus (no vote against)")


class Motion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open for voting")
        CLOSED = "closed", _("Closed")

    class Result(models.TextChoices):
        PASS = "pass", _("Passed")
        FAIL = "fail", _("Failed")
        NO_QUORUM = "no_quorum", _("No quorum")
        LOW_TURNOUT = "low_turnout", _("No result: turnout below the minimum")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="motions"
    )
    title = translated(models.CharField(_("title"), max_length=300))
    text = translated(models.TextField(_("text")))
    original_language = original_language_field()
    rule = models.CharField(_("decision rule"), max_length=20, choices=DecisionRule.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    result = models.CharField(_("result"), max_length=20, choices=Result.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. that the roll call of a past meeting was not kept"),
    )
    quorum = models.JSONField(_("quorum when closed"), default=dict, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["meeting", "pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status="open", result="") | Q(status="closed") & ~Q(result=""),
                name="motion_result_only_when_closed",
            ),
            original_text_required("motion", "title"),
        ]

    def __str__(self) -> str:
        return self.title


class VoteOption(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class Vote(models.Model):
    """One member country's vote on a motion, cast by its head of delegation. Votes are public."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    option = models.CharField(_("vote"), max_length=10, choices=VoteOption.choices)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField(_("cast"))

    class Meta:
        ordering: ClassVar = ["motion", "country__iso3"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["motion", "country"], name="vote_one_per_country"),
            models.CheckConstraint(
                condition=Q(option__in=["yes", "no", "abstain"]), name="vote_option_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3}: {self.option}"


class Election(models.Model):
    class BallotType(models.TextChoices):
        OPEN = "open", _("Open (roll call published after closing)")
        SECRET = "secret", _("Secret")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Preparing")
        OPEN = "open", _("Voting open")
        CLOSED = "closed", _("Voting closed")
        CERTIFIED = "certified", _("Results certified")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="elections"
    )
    title = translated(models.CharField(_("title"), max_length=200))
    original_language = original_language_field()
    ballot_type = models.CharField(
        _("ballot"), max_length=10, choices=BallotType.choices, default=BallotType.SECRET
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    runoff_of = models.ForeignKey(
        "self",
        verbose_name=_("runoff of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="runoffs",
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    certified_at = models.DateTimeField(null=True, blank=True)
    results = models.JSONField(_("results"), default=dict, blank=True, help_text=_("Set when voting closes."))

    history = HistoricalRecords(excluded_fields=["results"])

    class Meta:
        ordering: ClassVar = ["-meeting__start_date", "pk"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints: ClassVar = [original_text_required("election", "title")]

    def __str__(self) -> str:
        return self.title


class Contest(models.Model):
    class Kind(models.TextChoices):
        PRESIDENCY = "presidency", _("Presidency")
        COMMITTEE = "committee", _("Executive Committee seats")
        OTHER = "other", _("Other office")

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="contests")
    key = models.SlugField(_("key"), max_length=50)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    label = translated(models.CharField(_("label"), max_length=200))
    original_language = original_language_field()
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    subregion = models.ForeignKey(
        Subregion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering: ClassVar = ["election", "position", "pk"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["election", "key"], name="contest_unique_key"),
            models.CheckConstraint(condition=Q(seats__gte=1), name="contest_has_seats"),
            models.CheckConstraint(
                condition=~Q(kind="presidency") | Q(seats=1), name="contest_presidency_one_seat"
            ),
            original_text_required("contest", "label"),
        ]

    def __str__(self) -> str:
        return self.label


class Candidacy(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="candidacies")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    nominated_at = models.DateTimeField(_("nominated"))

    class Meta:
        ordering: ClassVar = ["contest", "country__iso3"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["contest", "country"], name="candidacy_once_per_contest")
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} — {self.contest}"


def new_receipt() -> str:
    return secrets.token_hex(6).upper()


class Ballot(models.Model):
    """A ballot's content. In a secret election nothing links it to a country: the key is random, no
    time is stored, participation is recorded apart (``BallotParticipation``), and every cast and the
    closing write the election's ballots again in random order. The receipt is published apart from the
    ballots, so it proves that a ballot was counted, never what it says."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="ballots")
    receipt = models.CharField(_("receipt"), max_length=20, unique=True, default=new_receipt)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Open ballots only."),
    )

    class Meta:
        ordering: ClassVar = ["election", "receipt"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["election", "country"], name="ballot_open_one_per_country")
        ]

    def __str__(self) -> str:
        return self.receipt


class BallotChoice(models.Model):
    # A random key, like the ballot's: sequential ids would reveal the order in which ballots were cast.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    contest = models.ForeignKey(Contest, on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("ballot choice")
        verbose_name_plural = _("ballot choices")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["ballot", "contest", "country"], name="ballot_choice_once")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.contest_id} → {self.country_id}"


class BallotParticipation(models.Model):
    """That a country voted in an election (and who cast its ballot), never what it chose."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="participations")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["election", "country__iso3"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["election", "country"], name="participation_one_ballot_per_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} voted in {self.election}"


# The tables of what a country voted, and the part of them that one election's rows are: a ballot cast
# in one election leaves the kept results pages of the others as they are (``gealc.core.pages``).
BALLOT_TABLES = (Ballot, BallotChoice, BallotParticipation)


def ballots_part(election_id: int) -> str:
    return f"election:{election_id}"


class CommitteeMembership(models.Model):
    """A country's seat on the Executive Committee, or its presidency, for a term."""

    class Seat(models.TextChoices):
        PRESIDENT = "president", _("Presidency")
        MEMBER = "member", _("Member")

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    seat = models.CharField(_("seat"), max_length=10, choices=Seat.choices)
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"), null=True, blank=True)
    election = models.ForeignKey(
        Election, on_delete=models.PROTECT, null=True, blank=True, related_name="seats"
    )
    source = translated(models.CharField(_("source"), max_length=300, blank=True))

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-start_date", "seat", "subregion__position", "country__iso3"]
        verbose_name = _("Committee membership")
        verbose_name_plural = _("Committee memberships")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="committee_term_ordered",
            ),
            models.UniqueConstraint(
                fields=["country", "seat", "start_date"], name="committee_membership_unique_term"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country.iso3} {self.seat} {self.start_date}"


class WorkPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(
        Motion,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-year"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")

    def __str__(self) -> str:
        return f"{_('Work plan')} {self.year}"


class Axis(models.Model):
    workplan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="axes")
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    title = translated(models.CharField(_("title"), max_length=200), required=["en"])

    class Meta:
        ordering: ClassVar = ["workplan", "position", "pk"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["workplan", "code"], name="axis_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    class Lead(models.TextChoices):
        COUNTRY = "country", _("A country")
        GROUP = "group", _("A working group")
        SECRETARIAT = "secretariat", _("The Secretariat")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    axis = models.ForeignKey(
        Axis, verbose_name=_("axis"), on_delete=models.CASCADE, related_name="activities"
    )
    title = translated(models.CharField(_("title"), max_length=300), required=["en"])
    lead = models.CharField(_("lead"), max_length=15, choices=Lead.choices)
    lead_country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lead_group = models.CharField(_("lead working group"), max_length=200, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    evidence = models.JSONField(_("evidence links"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["axis", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="activity_progress_percent"),
            models.CheckConstraint(
                condition=Q(lead="country", lead_country__isnull=False)
                | Q(lead="group") & ~Q(lead_group="")
                | Q(lead="secretariat"),
                name="activity_lead_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lead_label(self) -> str:
        if self.lead == self.Lead.COUNTRY and self.lead_country:
            return self.lead_country.name
        if self.lead == self.Lead.GROUP:
            return self.lead_group
        return str(_("The Secretariat"))


class ProgressUpdate(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="updates")
    date = models.DateField(_("date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    status = models.CharField(_("status"), max_length=15, choices=Activity.Status.choices)
    note = models.TextField(_("note"), blank=True)
    evidence = models.URLField(_("evidence"), blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField()

    class Meta:
        ordering: ClassVar = ["activity", "-date", "-pk"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_percent")
        ]

    def __str__(self) -> str:
        return f"{self.activity} {self.progress}% {self.date}"
