"""The network's working groups: what each is for, which country leads it, who takes part in it on
behalf of which country (with dates: ending a membership keeps it, with its last day), and what it
produces.

Some groups are known only from the network's sources (``historical``: the brief names five), with no
member records; ``source`` says where each comes from. A group is active while it has no end date or
its end date has not passed (it is still active on its last day).
"""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from gealc.core.i18n import localized_column, original_language_field, original_text_required, translated
from gealc.members.models import Country, Person


def _today(on: datetime.date | None) -> datetime.date:
    return on if on is not None else timezone.localdate()


class WorkingGroupQuerySet(models.QuerySet["WorkingGroup"]):
    def active(self, on: datetime.date | None = None) -> WorkingGroupQuerySet:
        """Groups without an end date, or whose end date is ``on`` (today by default) or later."""
        day = _today(on)
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day))

    def past(self, on: datetime.date | None = None) -> WorkingGroupQuerySet:
        """Groups whose end date has passed."""
        return self.filter(end_date__lt=_today(on))

    def by_name(self) -> WorkingGroupQuerySet:
        return self.order_by(localized_column("name"), "pk")


class WorkingGroup(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = translated(models.CharField(_("name"), max_length=200), required=["en"])
    mandate = translated(models.TextField(_("mandate"), max_length=5000))
    lead_country = models.ForeignKey(
        Country,
        verbose_name=_("lead country"),
        on_delete=models.PROTECT,
        related_name="led_working_groups",
        null=True,
        blank=True,
        help_text=_("The country that coordinates the group."),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    historical = models.BooleanField(
        _("known from the network's sources"),
        default=False,
        editable=False,
        help_text=_("A group of the reference data, without member records."),
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["name_en", "pk"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="working_group_ends_after_start",
            ),
            models.CheckConstraint(condition=~Q(name_en=""), name="working_group_name_en_required"),
        ]

    def __str__(self) -> str:
        return self.name

    def is_active(self, on: datetime.date | None = None) -> bool:
        return self.end_date is None or self.end_date >= _today(on)


class GroupRole(models.TextChoices):
    COORDINATOR = "coordinator", pgettext_lazy("working group", "Coordinator")
    MEMBER = "member", pgettext_lazy("working group", "Member")


class GroupMembershipQuerySet(models.QuerySet["GroupMembership"]):
    def in_force(self, on: datetime.date | None = None) -> GroupMembershipQuerySet:
        """Memberships in force on ``on`` (today by default): started, and not ended before it (the end
        date is the last day of the membership)."""
        day = _today(on)
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))

    def ended(self, on: datetime.date | None = None) -> GroupMembershipQuerySet:
        return self.filter(end_date__lt=_today(on))


class GroupMembership(models.Model):
    """A person taking part in a working group, for a country (or for none), as its coordinator or as a
    member, from ``start_date`` to ``end_date`` (its last day; open while empty)."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="group_memberships"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="group_memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role in the group"), max_length=20, choices=GroupRole.choices)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        ordering: ClassVar = ["group", "start_date", "pk"]
        verbose_name = _("working-group membership")
        verbose_name_plural = _("working-group memberships")
        indexes: ClassVar = [models.Index(fields=["person", "end_date"], name="group_member_person_idx")]
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="group_membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(role__in=GroupRole.values), name="group_membership_role_valid"
            ),
            # Ending a membership keeps its row: only one may be open per person and group.
            models.UniqueConstraint(
                fields=["group", "person"],
                condition=Q(end_date__isnull=True),
                name="group_membership_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.role} ({self.group_id})"


class DeliverableKind(models.TextChoices):
    REPORT = "report", pgettext_lazy("deliverable", "Report")
    STUDY = "study", pgettext_lazy("deliverable", "Study")
    STANDARD = "standard", pgettext_lazy("deliverable", "Standard or profile")
    GUIDE = "guide", pgettext_lazy("deliverable", "Guide")
    SOFTWARE = "software", pgettext_lazy("deliverable", "Software")
    OTHER = "other", pgettext_lazy("deliverable", "Other")


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("deliverable", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("deliverable", "In progress")
    DELIVERED = "delivered", pgettext_lazy("deliverable", "Delivered")


class Deliverable(models.Model):
    """What a group produces: a report, a study, a standard or profile, a guide, software...; ``date`` is
    when it is due (planned, in progress) or when it was delivered."""

    group = models.ForeignKey(
        WorkingGroup, verbose_name=_("working group"), on_delete=models.CASCADE, related_name="deliverables"
    )
    title = translated(models.CharField(_("title"), max_length=300))
    summary = translated(models.TextField(_("summary"), max_length=5000))
    original_language = original_language_field()
    kind = models.CharField(_("kind"), max_length=20, choices=DeliverableKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=DeliverableStatus.choices)
    date = models.DateField(_("due or delivered on"), null=True, blank=True)
    url = models.URLField(_("link to the document"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering: ClassVar = ["group", "-date", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints: ClassVar = [
            models.CheckConstraint(
                condition=Q(kind__in=DeliverableKind.values), name="deliverable_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=DeliverableStatus.values), name="deliverable_status_valid"
            ),
            original_text_required("deliverable", "title"),
        ]

    def __str__(self) -> str:
        return self.title
