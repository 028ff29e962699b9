"""The public-software catalogue: software described by its publiccode.yml, the versions of that file
that were imported, and what the network adds: the owning country and institution, who adopted it and
who contributed to it, and the solutions of the catalogue (``gealc.awards``) that use it.

A record holds the normalised document (``document``) as ``gealc.software.publiccode`` reads it, and the
columns the catalogue filters and shows, taken from it on every import. The description is kept per
language as the file has it (any BCP 47 tag), in ``SoftwareDescription``; ``description_for`` picks the
visitor's language with a fallback. The categories and the ``isBasedOn`` addresses are rows too, so the
facets and the lineage are read in the database.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gealc.awards.models import Solution
from gealc.core.i18n import original_language_field, original_text_required, translated
from gealc.groups.models import WorkingGroup
from gealc.members.models import Country, Institution
from gealc.software.labels import category_label, software_type_label
from gealc.software.publiccode import DEVELOPMENT_STATUSES, MAINTENANCE_TYPES, SOFTWARE_TYPES

DEVELOPMENT_STATUS_LABELS = {
    "concept": pgettext_lazy("development status", "Concept"),
    "development": pgettext_lazy("development status", "In development"),
    "beta": pgettext_lazy("development status", "Beta"),
    "stable": pgettext_lazy("development status", "Stable"),
    "obsolete": pgettext_lazy("development status", "Obsolete"),
}
MAINTENANCE_LABELS = {
    "internal": pgettext_lazy("maintenance", "Internal"),
    "contract": pgettext_lazy("maintenance", "Under contract"),
    "community": pgettext_lazy("maintenance", "Community"),
    "none": pgettext_lazy("maintenance", "Not maintained"),
}


class Software(models.Model):
    """One piece of public software, identified by its code repository (``url``)."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = models.CharField(_("code repository"), max_length=500, unique=True)
    landing_url = models.CharField(_("landing page"), max_length=500, blank=True)
    software_version = models.CharField(_("version"), max_length=100, blank=True)
    release_date = models.DateField(_("release date"), null=True, blank=True)
    platforms = models.JSONField(_("platforms"), default=list, blank=True)
    development_status = models.CharField(
        _("development status"),
        max_length=20,
        choices=[(code, DEVELOPMENT_STATUS_LABELS[code]) for code in DEVELOPMENT_STATUSES],
    )
    software_type = models.CharField(
        _("software type"), max_length=40, choices=[(code, code) for code in SOFTWARE_TYPES]
    )
    license = models.CharField(_("licence (SPDX expression)"), max_length=300)
    main_copyright_owner = models.CharField(_("main copyright owner"), max_length=300, blank=True)
    maintenance_type = models.CharField(
        _("maintenance"),
        max_length=20,
        choices=[(code, MAINTENANCE_LABELS[code]) for code in MAINTENANCE_TYPES],
    )
    localisation_ready = models.BooleanField(_("ready for localisation"), default=False)
    available_languages = models.JSONField(_("available languages"), default=list, blank=True)
    original_language = models.CharField(
        _("language of the first description"), max_length=35, blank=True, editable=False
    )
    document = models.JSONField(_("publiccode.yml document"), default=dict, editable=False)
    country = models.ForeignKey(
        Country, verbose_name=_("owning country"), on_delete=models.PROTECT, related_name="software"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("owning institution"),
        on_delete=models.SET_NULL,
        related_name="software",
        null=True,
        blank=True,
    )
    # The network's working group the software belongs to: the network's data, which publiccode.yml has
    # no key for, so that an import never changes it.
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        related_name="software",
        null=True,
        blank=True,
    )
    # The solutions of the catalogue built on this software: chosen by the owning country or the
    # Secretariat; pages and answers show only the published ones.
    solutions = models.ManyToManyField(
        Solution, verbose_name=_("related solutions"), related_name="software", blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["name", "pk"]
        verbose_name = _("software")
        verbose_name_plural = _("software")
        indexes: ClassVar = [
            models.Index(fields=["development_status"], name="software_status_idx"),
            models.Index(fields=["country", "name"], name="software_country_name_idx"),
            # The catalogue's order: a page's ids are read from the index, however deep the page.
            models.Index(fields=["name", "id"], name="software_name_idx"),
        ]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(development_status__in=DEVELOPMENT_STATUSES), name="software_status_valid"
            ),
            models.CheckConstraint(condition=Q(software_type__in=SOFTWARE_TYPES), name="software_type_valid"),
            models.CheckConstraint(
                condition=Q(maintenance_type__in=MAINTENANCE_TYPES), name="software_maintenance_valid"
            ),
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(url="") & ~Q(license=""), name="software_required"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def description_for(self, language: str) -> SoftwareDescription | None:
        """The description in ``language`` (``es`` also takes ``es-CL``), else in the language of the
        first description, else English, else any. Reads the prefetched ``descriptions``."""
        found = list(self.descriptions.all())
        if not found:
            return None
        wanted = language.lower()
        for candidate in (wanted, (self.original_language or "").lower(), "en"):
            for description in found:
                if description.language.lower() == candidate:
                    return description
            for description in found:
                if description.language.lower().split("-")[0] == candidate.split("-")[0] and candidate:
                    return description
        return found[0]

    @property
    def maintenance(self) -> dict[str, Any]:
        return dict(self.document.get("maintenance") or {})

    @property
    def software_type_label(self) -> str:
        return software_type_label(self.software_type)

    @property
    def intended_audience(self) -> dict[str, Any]:
        return dict(self.document.get("intendedAudience") or {})

    @property
    def depends_on(self) -> dict[str, Any]:
        return dict(self.document.get("dependsOn") or {})

    @property
    def is_based_on(self) -> list[str]:
        return list(self.document.get("isBasedOn") or [])


class SoftwareDescription(models.Model):
    """The description of a software in one language, as its publiccode.yml gives it."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="descriptions")
    language = models.CharField(_("language"), max_length=35)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    localised_name = models.CharField(_("localised name"), max_length=200, blank=True)
    short_description = models.CharField(_("short description"), max_length=300)
    long_description = models.TextField(_("long description"), blank=True)
    features = models.JSONField(_("features"), default=list, blank=True)
    screenshots = models.JSONField(_("screenshots"), default=list, blank=True)
    videos = models.JSONField(_("videos"), default=list, blank=True)

    class Meta:
        ordering: ClassVar = ["software", "position"]
        verbose_name = _("description")
        verbose_name_plural = _("descriptions")
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["software", "language"], name="software_description_unique_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.software_id} ({self.language})"

    @property
    def language_name(self) -> str:
        """The name of its language in the active one ("Spanish" for ``es``), or the code if unknown."""
        try:
            return str(get_language_info(self.language.lower())["name_translated"])
        except KeyError:
            return self.language


class SoftwareCategory(models.Model):
    """One category of a software (from the standard's list), so the catalogue counts them in SQL."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="category_rows")
    code = models.CharField(_("category"), max_length=60)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["software", "code"], name="software_category_unique")
        ]
        indexes: ClassVar = [models.Index(fields=["code"], name="software_category_code_idx")]

    def __str__(self) -> str:
        return self.code

    @property
    def label(self) -> str:
        return category_label(self.code)


class SoftwareBase(models.Model):
    """One ``isBasedOn`` address of a software: its lineage joins these to the catalogue's ``url``."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="base_rows")
    url = models.CharField(_("based on"), max_length=500)

    class Meta:
        verbose_name = _("origin")
        verbose_name_plural = _("origins")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["software", "url"], name="software_base_unique")
        ]
        indexes: ClassVar = [models.Index(fields=["url"], name="software_base_url_idx")]

    def __str__(self) -> str:
        return self.url


class SoftwareRevision(models.Model):
    """One imported version of a software's publiccode.yml: the history of the record."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    digest = models.CharField(_("digest of the document"), max_length=64)
    text = models.TextField(_("file as imported"))
    document = models.JSONField(_("document"))
    software_version = models.CharField(_("version"), max_length=100, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["software", "-number"]
        verbose_name = _("imported version")
        verbose_name_plural = _("imported versions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["software", "number"], name="software_revision_unique_number"),
            models.CheckConstraint(condition=Q(number__gte=1), name="software_revision_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.software_id} #{self.number}"


# The parts of the adoptions that kept pages read by (``gealc.core.pages``): one software's, those of a
# country as the adopter, those of the software a country owns. An adoption recorded changes these
# three, and the other software's and countries' kept pages stay as they are.
def adoptions_of(software_id: int) -> str:
    return f"software:{software_id}"


def adoptions_by(country_id: int) -> str:
    return f"adopter:{country_id}"


def adoptions_from(country_id: int) -> str:
    return f"owner:{country_id}"


class AdoptionStatus(models.TextChoices):
    EVALUATING = "evaluating", pgettext_lazy("adoption", "Evaluating")
    PILOTING = "piloting", pgettext_lazy("adoption", "Piloting")
    IN_PRODUCTION = "in_production", pgettext_lazy("adoption", "In production")
    ABANDONED = "abandoned", pgettext_lazy("adoption", "Abandoned")


class Adoption(models.Model):
    """A country (or one of its institutions) using a software: since when, which version, how far."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="adoptions")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="software_adoptions"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="software_adoptions",
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=20, choices=AdoptionStatus.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    version = models.CharField(_("version"), max_length=100, blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["software", "country__name_en", "pk"]
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(status__in=[code for code, _label in AdoptionStatus.choices]),
                name="adoption_status_valid",
            ),
            models.UniqueConstraint(
                fields=["software", "country"],
                condition=Q(institution__isnull=True),
                name="adoption_unique_per_country",
            ),
            models.UniqueConstraint(
                fields=["software", "institution"],
                condition=Q(institution__isnull=False),
                name="adoption_unique_per_institution",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.software_id} in {self.country_id}"


class Contribution(models.Model):
    """What a country (or one of its institutions) contributed to a software, and when."""

    software = models.ForeignKey(Software, on_delete=models.CASCADE, related_name="contributions")
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="software_contributions"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="software_contributions",
        null=True,
        blank=True,
    )
    what = translated(models.CharField(_("what was contributed"), max_length=500))
    original_language = original_language_field()
    contributed_on = models.DateField(_("when"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering: ClassVar = ["software", "contributed_on", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints: ClassVar = [original_text_required("contribution", "what")]

    def __str__(self) -> str:
        return f"{self.software_id} by {self.country_id}"
