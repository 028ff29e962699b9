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
