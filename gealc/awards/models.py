"""The solutions catalogue: the e-government solutions the member countries identified, with their
themes and the Sustainable Development Goals they serve. Award editions, their jury and the final vote
are built on these records (a solution is what a country submits to an edition).

A solution's texts are kept per language with the fallback to the language they were first written in.
``search_text`` holds every text of the solution, lower-cased and without accents, so that the catalogue
finds a word in any language with one ``LIKE`` on SQLite and PostgreSQL alike; the services keep it.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gealc.cooperation.models import Mission
from gealc.core.i18n import original_language_field, original_text_required, translated
from gealc.governance.models import new_receipt
from gealc.members.models import Country, Institution


class Theme(models.Model):
    """One entry of the reference list of themes of digital government, in four languages."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = translated(models.CharField(_("name"), max_length=120), required=settings.LANGUAGE_CODES)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Goal(models.Model):
    """One of the 17 Sustainable Development Goals of the 2030 Agenda, with its official short name."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = translated(models.CharField(_("name"), max_length=120), required=settings.LANGUAGE_CODES)

    class Meta:
        ordering: ClassVar = ["number"]
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=17), name="goal_number_1_to_17"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class SolutionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned with a comment")
    PUBLISHED = "published", _("Published")


class SolutionStatus(models.TextChoices):
    PILOT = "pilot", _("Pilot")
    OPERATION = "operation", _("In operation")
    RETIRED = "retired", pgettext_lazy("solution status", "Retired")


class SolutionQuerySet(models.QuerySet["Solution"]):
    def published(self) -> SolutionQuerySet:
        return self.filter(state=SolutionState.PUBLISHED)


class Solution(models.Model):
    """A country's e-government solution, as the catalogue shows it once the Secretariat publishes it.

    ``name_key`` is the name in the original language, lower-cased: with the country it is the natural
    key of the catalogue (the import matches on it, and a country never has two solutions of one name).
    ``reference`` is an optional identifier from another catalogue (the historical one), unique when
    given. The contact is for the Secretariat and the country only: no public page, answer or export
    shows it.
    """

    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="solutions"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="solutions",
        null=True,
        blank=True,
    )
    name = translated(models.CharField(_("name"), max_length=200))
    problem = translated(models.TextField(_("problem addressed"), max_length=5000))
    description = translated(models.TextField(_("what it does"), max_length=5000))
    results = translated(models.TextField(_("results and impact"), max_length=5000))
    original_language = original_language_field()
    figures = models.JSONField(
        _("figures"),
        default=list,
        blank=True,
        help_text=_("Results in figures: a list of {label, value, unit}."),
    )
    theme = models.ForeignKey(Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="+")
    goals = models.ManyToManyField(
        Goal, verbose_name=_("Sustainable Development Goals"), related_name="solutions", blank=True
    )
    url = models.URLField(_("address"), max_length=500, blank=True)
    year_started = models.PositiveSmallIntegerField(_("year started"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SolutionStatus.choices, default=SolutionStatus.OPERATION
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. es, en.")
    )
    missions = models.ManyToManyField(
        Mission, verbose_name=_("related cooperation missions"), related_name="solutions", blank=True
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SolutionState.choices, default=SolutionState.DRAFT
    )
    review_comment = models.TextField(
        _("comment of the Secretariat"), max_length=2000, blank=True, editable=False
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    imported = models.BooleanField(_("imported from the historical catalogue"), default=False, editable=False)
    name_key = models.CharField(max_length=200, editable=False)
    search_text = models.TextField(editable=False, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_text", "contact_email", "contact_name"])
    objects = SolutionQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name_key", "pk"]
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")
        indexes: ClassVar = [
            models.Index(fields=["state", "name_key", "id"], name="solution_state_name_idx"),
            models.Index(fields=["state", "-published_at", "-id"], name="solution_state_newest_idx"),
        ]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["country", "name_key"], name="solution_unique_name_per_country"),
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="solution_unique_reference"
            ),
            models.CheckConstraint(condition=Q(state__in=SolutionState.values), name="solution_state_valid"),
            models.CheckConstraint(
                condition=Q(status__in=SolutionStatus.values), name="solution_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(year_started__isnull=True) | Q(year_started__gte=1990, year_started__lte=2100),
                name="solution_year_started_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(state=SolutionState.PUBLISHED) | Q(published_at__isnull=False),
                name="solution_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(name_key=""), name="solution_name_key_not_empty"),
            original_text_required("solution", "name"),
            original_text_required("solution", "description"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return self.state == SolutionState.PUBLISHED


class SolutionChange(models.Model):
    """A step in a solution's life: who took it, when, and the Secretariat's comment when it returned it."""

    solution = models.ForeignKey(
        Solution, verbose_name=_("solution"), on_delete=models.CASCADE, related_name="changes"
    )
    action = models.CharField(_("action"), max_length=20)
    from_state = models.CharField(_("from"), max_length=10, blank=True)
    to_state = models.CharField(_("to"), max_length=10)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering: ClassVar = ["at", "pk"]
        verbose_name = _("solution change")
        verbose_name_plural = _("solution changes")

    def __str__(self) -> str:
        return f"{self.solution_id}: {self.action}"


# Award editions ---------------------------------------------------------------------------------------


class Phase(models.TextChoices):
    """The phases of an edition, in their order; only the Secretariat moves an edition to the next."""

    SETUP = "setup", _("Being set up")
    CALL_OPEN = "call_open", _("Call open")
    SUBMISSIONS_CLOSED = "closed", _("Submissions closed")
    SCREENING = "screening", _("Screening")
    EVALUATION = "evaluation", _("Jury evaluation")
    FINALISTS = "finalists", _("Finalists")
    VOTING = "voting", _("Delegations' vote")
    ANNOUNCED = "announced", _("Winners announced")


PHASE_ORDER: tuple[str, ...] = tuple(Phase.values)
# From the finalists on, an edition's marks, finalists and eligible candidacies are public.
PUBLIC_RESULT_PHASES: tuple[str, ...] = (Phase.FINALISTS, Phase.VOTING, Phase.ANNOUNCED)


class Edition(models.Model):
    """An edition of the Excellence Award in e-government: its categories, criteria, eligibility rules,
    the finalists it keeps per category and its prizes.

    ``historical`` marks the editions of the reference data (2007 to 2018), known by their year and
    categories only: they have no submissions on the platform and never change phase.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    number = models.PositiveSmallIntegerField(_("edition number"), null=True, blank=True)
    title = translated(models.CharField(_("title"), max_length=200))
    description = translated(models.TextField(_("description"), max_length=5000))
    original_language = original_language_field()
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices, default=Phase.SETUP)
    min_months_in_operation = models.PositiveSmallIntegerField(
        _("months in operation at least"),
        default=6,
        help_text=_("A solution must have been in operation this long when it is submitted."),
    )
    max_per_country_category = models.PositiveSmallIntegerField(
        _("submissions per country and category at most"), default=2
    )
    finalists_per_category = models.PositiveSmallIntegerField(_("finalists per category"), default=3)
    historical = models.BooleanField(_("historical edition"), default=False, editable=False)
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    announced_at = models.DateTimeField(_("winners announced"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["-year"]
        verbose_name = _("award edition")
        verbose_name_plural = _("award editions")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(phase__in=Phase.values), name="edition_phase_valid"),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100), name="edition_year_plausible"
            ),
            models.CheckConstraint(
                condition=Q(max_per_country_category__gte=1), name="edition_max_at_least_1"
            ),
            models.CheckConstraint(
                condition=Q(finalists_per_category__gte=1), name="edition_finalists_at_least_1"
            ),
            models.CheckConstraint(
                condition=~Q(phase=Phase.ANNOUNCED) | Q(announced_at__isnull=False) | Q(historical=True),
                name="edition_announced_has_date",
            ),
            original_text_required("edition", "title"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return self.historical or self.phase != Phase.SETUP

    @property
    def phase_index(self) -> int:
        return PHASE_ORDER.index(self.phase)


class EditionPart(models.Model):
    """What an edition declares in rows of its own (categories, criteria, questions, prizes): a code
    unique in the edition, a name in the edition's languages and a position."""

    code = models.SlugField(_("code"), max_length=40)
    name = translated(models.CharField(_("name"), max_length=200))
    original_language = original_language_field()
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering: ClassVar = ["position", "pk"]

    def __str__(self) -> str:
        return self.name


class Category(EditionPart):
    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="categories"
    )

    class Meta(EditionPart.Meta):
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["edition", "code"], name="category_code_unique_in_edition"),
            original_text_required("category", "name"),
        ]


class Criterion(EditionPart):
    """A criterion the jury scores from 0 to 10; the weights of an edition's criteria sum to 100."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="criteria"
    )
    weight = models.PositiveSmallIntegerField(_("weight"))

    class Meta(EditionPart.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["edition", "code"], name="criterion_code_unique_in_edition"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="criterion_weight_1_to_100"
            ),
            original_text_required("criterion", "name"),
        ]


class Question(EditionPart):
    """A question every submission answers (the name is the question)."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="questions"
    )

    class Meta(EditionPart.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["edition", "code"], name="question_code_unique_in_edition"),
            original_text_required("question", "name"),
        ]


class Prize(EditionPart):
    """A prize for the winner of a category (all categories when none is given); a prize that is a
    training mission links to the fund's mission once it exists."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="prizes"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="prizes",
    )
    mission = models.ForeignKey(
        Mission,
        verbose_name=_("training mission"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prizes",
    )

    class Meta(EditionPart.Meta):
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["edition", "code"], name="prize_code_unique_in_edition"),
            original_text_required("prize", "name"),
        ]


class Eligibility(models.TextChoices):
    PENDING = "pending", _("Not screened yet")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")


class Submission(models.Model):
    """A country's candidacy: one of its published solutions, in one category of an edition.

    ``country`` repeats the solution's so that the database holds the rules that depend on it; the
    Secretariat's screening says whether it is eligible, with the reason the country reads.
    ``finalist`` and ``winner`` are written when the edition enters its finalists phase and when the
    winners are announced."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="submissions"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="submissions"
    )
    solution = models.ForeignKey(
        Solution, verbose_name=_("solution"), on_delete=models.PROTECT, related_name="submissions"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="award_submissions"
    )
    in_operation_since = models.DateField(_("in operation since"))
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    eligibility = models.CharField(
        _("eligibility"), max_length=10, choices=Eligibility.choices, default=Eligibility.PENDING
    )
    screening_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    screened_at = models.DateTimeField(_("screened"), null=True, blank=True, editable=False)
    finalist = models.BooleanField(_("finalist"), default=False, editable=False)
    winner = models.BooleanField(_("winner"), default=False, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["category__position", "pk"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["edition", "solution"], name="submission_solution_once_per_edition"
            ),
            models.CheckConstraint(
                condition=Q(eligibility__in=Eligibility.values), name="submission_eligibility_valid"
            ),
            models.CheckConstraint(
                condition=~Q(eligibility=Eligibility.INELIGIBLE) | ~Q(screening_reason=""),
                name="submission_ineligible_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(finalist=False) | Q(eligibility=Eligibility.ELIGIBLE),
                name="submission_finalist_is_eligible",
            ),
            models.CheckConstraint(
                condition=Q(winner=False) | Q(finalist=True), name="submission_winner_is_finalist"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.solution} ({self.country_id})"


class Attachment(models.Model):
    """A file a country attached to its submission, stored by the upload helper."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.CharField(_("file"), max_length=300, editable=False)
    original_name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class ConflictOfInterest(models.Model):
    """A juror's declaration that they cannot judge a submission impartially."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="conflicts"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juror"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"), max_length=2000)
    declared_at = models.DateTimeField(_("declared"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["submission", "juror"], name="conflict_once_per_juror"),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} on {self.submission_id}"


class Assignment(models.Model):
    """A juror assigned to evaluate a submission; ``scored_at`` once every criterion has its score."""

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="assignments"
    )
    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("juror"), on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(_("comment"), max_length=5000, blank=True)
    scored_at = models.DateTimeField(_("scored"), null=True, blank=True, editable=False)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["submission", "pk"]
        verbose_name = _("jury assignment")
        verbose_name_plural = _("jury assignments")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["submission", "juror"], name="assignment_once_per_juror"),
        ]

    def __str__(self) -> str:
        return f"{self.juror_id} → {self.submission_id}"


class Score(models.Model):
    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(condition=Q(value__gte=0, value__lte=10), name="score_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.value}"


class TieDecision(models.Model):
    """The Secretariat's decision between submissions tied at a boundary: which of them enter the
    finalists (``stage`` finalists) or which one wins (``stage`` winner), and why."""

    class Stage(models.TextChoices):
        FINALISTS = "finalists", _("Finalists")
        WINNER = "winner", _("Winner")

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="tie_decisions"
    )
    stage = models.CharField(_("stage"), max_length=10, choices=Stage.choices)
    tied = models.JSONField(_("tied submissions"))
    chosen = models.JSONField(_("chosen submissions"))
    reason = models.TextField(_("reason"), max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("tie decision")
        verbose_name_plural = _("tie decisions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["category", "stage"], name="tie_decision_once_per_stage"),
            models.CheckConstraint(
                condition=Q(stage__in=["finalists", "winner"]), name="tie_decision_stage_valid"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="tie_decision_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.category_id} {self.stage}"


class FinalVote(models.Model):
    """A member country's vote, cast by its head of delegation, for one finalist of a category.

    One country, one vote per category; never for its own submission (the service refuses it). The
    receipt lets the country find its vote on the results page."""

    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="final_votes"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    submission = models.ForeignKey(
        Submission, verbose_name=_("finalist"), on_delete=models.PROTECT, related_name="final_votes"
    )
    receipt = models.CharField(_("receipt"), max_length=20, unique=True, default=new_receipt)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    cast_at = models.DateTimeField(_("cast"), default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["category", "country"]
        verbose_name = _("final vote")
        verbose_name_plural = _("final votes")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["category", "country"], name="final_vote_one_per_country"),
        ]

    def __str__(self) -> str:
        return self.receipt
