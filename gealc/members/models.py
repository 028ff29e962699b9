"""The member registry: subregions, countries, institutions, people and their memberships.

People and memberships follow the Popolo data specification (person, organization, post, membership).
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from gealc.core.i18n import localized_column, translated


class Role(models.TextChoices):
    """The roles a person holds in the network, through a membership with dates.

    A role held for a country (every one but ``secretariat``) is scoped to that country.
    """

    SECRETARIAT = "secretariat", _("Secretariat officer")
    HEAD_OF_DELEGATION = "head_of_delegation", _("Head of delegation")
    DELEGATE = "delegate", _("Country delegate")
    EXPERT = "expert", _("Expert")
    JUROR = "juror", _("Juror")
    GROUP_MEMBER = "group_member", _("Working-group member")
    STAFF = "staff", _("Staff member")


NETWORK_WIDE_ROLES = frozenset({Role.SECRETARIAT.value})
# Roles that only exist for a country (the person acts on its behalf).
COUNTRY_ROLES = frozenset({Role.HEAD_OF_DELEGATION.value, Role.DELEGATE.value, Role.JUROR.value})


class Subregion(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = translated(models.CharField(_("name"), max_length=100), required=["en"])
    seats = models.PositiveSmallIntegerField(
        _("Executive Committee seats"), default=2, help_text=_("Seats of this subregion on the Committee.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["position", "code"]
        verbose_name = _("subregion")
        verbose_name_plural = _("subregions")

    def __str__(self) -> str:
        return self.name


class CountryQuerySet(models.QuerySet["Country"]):
    def members(self) -> CountryQuerySet:
        return self.filter(status=Country.Status.MEMBER)

    def by_name(self) -> CountryQuerySet:
        return self.order_by(localized_column("name"))


class Country(models.Model):
    class Status(models.TextChoices):
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")
        PARTNER = "partner", _("Partner")

    iso2 = models.CharField(_("ISO 3166-1 alpha-2 code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO 3166-1 alpha-3 code"), max_length=3, unique=True)
    name = translated(models.CharField(_("name"), max_length=100), required=settings.LANGUAGE_CODES)
    subregion = models.ForeignKey(
        Subregion,
        verbose_name=_("subregion"),
        on_delete=models.PROTECT,
        related_name="countries",
        null=True,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.MEMBER)
    joined = models.DateField(_("date joined"), null=True, blank=True)
    authority = models.ForeignKey(
        "Institution",
        verbose_name=_("national digital-government authority"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints: ClassVar = [
            models.CheckConstraint(condition=Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_upper"),
            models.CheckConstraint(condition=Q(iso3__regex=r"^[A-Z]{3}$"), name="country_iso3_upper"),
            models.CheckConstraint(
                condition=Q(status__in=["member", "observer", "partner"]), name="country_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER


class Institution(models.Model):
    class Kind(models.TextChoices):
        NATIONAL_AUTHORITY = "national_authority", _("National digital-government authority")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Government agency")
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        INTERNATIONAL = "international_organisation", _("International organisation")
        DEVELOPMENT_AGENCY = "development_agency", _("Development cooperation agency")
        ACADEMIA = "academia", _("Academia")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE = "private_sector", _("Private sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="institutions",
        null=True,
        blank=True,
        help_text=_("Empty for an international organisation."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.AGENCY)
    website = models.URLField(_("website"), blank=True)
    is_partner = models.BooleanField(
        _("partner of the network"),
        default=False,
        help_text=_("Supports the network (funding, secretariat)."),
    )
    partner_role = models.CharField(_("role in the network"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["name", "country"], name="institution_unique_name_per_country"),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(country__isnull=True),
                name="institution_unique_international_name",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Person(models.Model):
    """A person known to the network. Contact data (e-mail, phone) is never public."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    languages = models.JSONField(
        _("languages spoken"), default=list, blank=True, help_text=_("ISO 639-1 codes, e.g. es, en.")
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.SET_NULL,
        related_name="people",
        null=True,
        blank=True,
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="people",
        null=True,
        blank=True,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        related_name="person",
        null=True,
        blank=True,
    )
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["email", "phone"])

    class Meta:
        ordering: ClassVar = ["name"]
        # Lists of people and of experts read in the order of names, a page at a time.
        indexes: ClassVar = [models.Index(fields=["name", "id"], name="person_name_idx")]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name


class Post(models.Model):
    """A position in an organisation that exists whoever holds it (Popolo Post)."""

    label = models.CharField(_("label"), max_length=200)
    institution = models.ForeignKey(
        Institution, verbose_name=_("institution"), on_delete=models.CASCADE, related_name="posts"
    )

    class Meta:
        ordering: ClassVar = ["label"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["institution", "label"], name="post_unique_label_per_institution")
        ]

    def __str__(self) -> str:
        return f"{self.label}, {self.institution}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    """The one definition of when a membership is in force: every reader of roles and dates uses it."""

    def in_force(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships in force on the day ``on`` (today in the site's time zone when not given).

        A membership is in force from its start date to its end date, both included; one without a start
        date has always been, one without an end date goes on.
        """
        day = on if on is not None else timezone.localdate()
        started = Q(start_date__isnull=True) | Q(start_date__lte=day)
        not_ended = Q(end_date__isnull=True) | Q(end_date__gte=day)
        return self.filter(started, not_ended)

    def in_force_during(self, *, start: datetime.date, end: datetime.date | None) -> MembershipQuerySet:
        """Memberships in force on at least one day from ``start`` to ``end`` (both included; no end:
        from ``start`` on)."""
        memberships = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if end is not None:
            memberships = memberships.filter(Q(start_date__isnull=True) | Q(start_date__lte=end))
        return memberships


class Membership(models.Model):
    """A person's membership of an organisation or a post, with a role and dates (Popolo Membership).

    ``country`` is the country on whose behalf the person acts; roles held for a country are scoped to it.
    """

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    post = models.ForeignKey(
        Post,
        verbose_name=_("post"),
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    label = models.CharField(_("label"), max_length=200, blank=True, help_text=_("e.g. Director of AGESIC"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["-start_date", "pk"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role__in=sorted(NETWORK_WIDE_ROLES), country__isnull=True)
                | Q(role__in=sorted(COUNTRY_ROLES), country__isnull=False)
                | Q(role__in=["expert", "group_member", "staff"]),
                name="membership_country_matches_role",
            ),
            # One head of delegation per country at a time: overlapping dated terms are refused by the
            # service; the database refuses two open-ended ones.
            models.UniqueConstraint(
                fields=["country"],
                condition=Q(role="head_of_delegation", end_date__isnull=True),
                name="membership_one_open_head_of_delegation_per_country",
            ),
        ]

    def __str__(self) -> str:
        where = self.post or self.institution or self.country or ""
        return f"{self.person} — {self.role} {where}".strip()
