"""Writes of the working groups: the groups themselves (the Secretariat's), their memberships and their
deliverables (the Secretariat's or the group's coordinators').

Each service checks the actor's permission (``gealc.groups.rules``), validates, and writes in one
transaction; the records keep their history (django-simple-history). Adding or ending a membership is a
role change: it goes to the decision log, and the person is told by e-mail (and on the site) once it
commits. Refusals name the field at fault.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from gealc.core.audit import record_decision
from gealc.core.errors import Conflict, ServiceError, require
from gealc.core.i18n import clean_texts, language_code
from gealc.groups.models import (
    Deliverable,
    DeliverableKind,
    DeliverableStatus,
    GroupMembership,
    GroupRole,
    WorkingGroup,
)
from gealc.groups.notifications import membership_announce
from gealc.groups.rules import forget_coordination
from gealc.members.models import Country, Person

# Paths of the pages next to a group's own (``/groups/<slug>/``) that a slug must not take.
RESERVED_SLUGS = frozenset({"new"})


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# Groups ----------------------------------------------------------------------------------------------


def _dates(start: datetime.date | None, end: datetime.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ServiceError(_("The end date is before the start date."), field="end_date")


def _group_texts(
    name: Mapping[str, str], mandate: Mapping[str, str] | None, *, group: WorkingGroup | None
) -> dict[str, str]:
    """The columns of the name and mandate; the English name is required and no other group has it."""
    written = clean_texts(
        WorkingGroup, {"name": name, "mandate": mandate or {}}, original_language="en", required=[]
    )
    english = written.get("name_en", "")
    if not english:
        raise ServiceError(
            _("Give the group's name in English; the other languages are its translations."), field="name.en"
        )
    clash = WorkingGroup.objects.filter(name_en__iexact=english)
    if group is not None:
        clash = clash.exclude(pk=group.pk)
    if clash.exists():
        raise ServiceError(
            _("Another working group is named “%(name)s”.") % {"name": english}, field="name.en"
        )
    return written


def _source(source: str) -> str:
    source = (source or "").strip()
    if len(source) > 300:
        raise ServiceError(_("The source is longer than 300 characters."), field="source")
    return source


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "group")[:70].strip("-") or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug, number = base, 1
    while WorkingGroup.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def group_create(
    *,
    actor: Any,
    name: Mapping[str, str],
    mandate: Mapping[str, str] | None = None,
    lead_country: Country | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    source: str = "",
) -> WorkingGroup:
    """A new working group, for the Secretariat. Its address (slug) comes from its English name."""
    require(actor, "groups.create_group")
    texts = _group_texts(name, mandate, group=None)
    _dates(start_date, end_date)
    source = _source(source)
    with transaction.atomic():
        group = WorkingGroup.objects.create(
            slug=_unique_slug(texts["name_en"]),
            lead_country=lead_country,
            start_date=start_date,
            end_date=end_date,
            source=source,
            **texts,
        )
    return group


def group_update(
    *,
    actor: Any,
    group: WorkingGroup,
    name: Mapping[str, str],
    mandate: Mapping[str, str] | None = None,
    lead_country: Country | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    source: str = "",
) -> WorkingGroup:
    """Change a group's names, mandate, lead country, dates and source (the Secretariat). Its address
    stays. A group cannot end before a membership of it started."""
    require(actor, "groups.change_group", group)
    texts = _group_texts(name, mandate, group=group)
    _dates(start_date, end_date)
    source = _source(source)
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
        if end_date is not None:
            later = group.memberships.filter(start_date__gt=end_date).order_by("start_date").first()
            if later is not None:
                raise ServiceError(
                    _("A membership of this group starts on %(date)s, after this end date.")
                    % {"date": date_format(later.start_date)},
                    field="end_date",
                )
        values: dict[str, Any] = {
            **texts,
            "lead_country": lead_country,
            "start_date": start_date,
            "end_date": end_date,
            "source": source,
        }
        changed = [key for key, value in values.items() if getattr(group, key) != value]
        if changed:
            for key in changed:
                setattr(group, key, values[key])
            group.save()
    return group


# Memberships -----------------------------------------------------------------------------------------


def _payload(membership: GroupMembership) -> dict[str, Any]:
    """What the decision log keeps of a membership: ids and codes, never a name."""
    return {
        "group": membership.group.slug,
        "person": membership.person_id,
        "role": membership.role,
        "country": membership.country.iso3 if membership.country else None,
        "start": membership.start_date.isoformat(),
        "end": membership.end_date.isoformat() if membership.end_date else None,
    }


def membership_add(
    *,
    actor: Any,
    group: WorkingGroup,
    person: Person,
    role: str = GroupRole.MEMBER,
    country: Country | None = None,
    start_date: datetime.date | None = None,
) -> GroupMembership:
    """``person`` joins ``group`` as ``role`` on behalf of ``country`` (or of none) from ``start_date``
    (today by default).

    The Secretariat or a coordinator of the group adds members; only the Secretariat appoints a
    coordinator. A person who is a member already (a membership that has not ended by ``start_date``)
    is refused: end that membership first. The group's row is locked, so two additions of the same
    person wait for each other; the database refuses a second open membership anyway."""
    require(actor, "groups.manage_members", group)
    if role not in GroupRole.values:
        raise ServiceError(
            _("The role must be one of %(codes)s.") % {"codes": ", ".join(GroupRole.values)}, field="role"
        )
    if role == GroupRole.COORDINATOR:
        require(actor, "groups.appoint_coordinator", group)
    if person.erased_at is not None:
        raise ServiceError(_("This person's data was erased: they cannot join a group."), field="person")
    start = start_date or timezone.localdate()
    with transaction.atomic():
        group = WorkingGroup.objects.select_for_update(of=("self",)).get(pk=group.pk)
        if group.end_date is not None and start > group.end_date:
            raise ServiceError(
                _("The group ended on %(date)s: a membership cannot start after that.")
                % {"date": date_format(group.end_date)},
                field="start_date",
            )
        if group.start_date is not None and start < group.start_date:
            raise ServiceError(
                _("The group started on %(date)s: a membership cannot start before that.")
                % {"date": date_format(group.start_date)},
                field="start_date",
            )
        current = (
            GroupMembership.objects.filter(group=group, person=person)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .order_by("start_date")
            .first()
        )
        if current is not None:
            raise Conflict(
                _("%(person)s is already a member of this group (since %(date)s): end that membership first.")
                % {"person": person.name, "date": date_format(current.start_date)},
                field="person",
            )
        membership = GroupMembership.objects.create(
            group=group,
            person=person,
            country=country,
            role=role,
            start_date=start,
            recorded_by=_user(actor),
        )
        record_decision(
            actor=_user(actor), action="group.membership.add", target=membership, payload=_payload(membership)
        )
        membership_announce(membership=membership, actor=actor, event="added")
    forget_coordination(actor)
    return membership


def membership_end(
    *, actor: Any, membership: GroupMembership, end_date: datetime.date | None = None
) -> GroupMembership:
    """End ``membership`` on ``end_date`` (its last day; today by default). The row stays, with its
    dates. The Secretariat or a coordinator of the group ends a member's membership; only the Secretariat
    ends a coordinator's."""
    group = membership.group
    require(actor, "groups.manage_members", group)
    if membership.role == GroupRole.COORDINATOR:
        require(actor, "groups.appoint_coordinator", group)
    end = end_date or timezone.localdate()
    with transaction.atomic():
        membership = (
            GroupMembership.objects.select_for_update(of=("self",))
            .select_related("group", "person", "country")
            .get(pk=membership.pk)
        )
        if membership.end_date is not None:
            raise Conflict(
                _("This membership already ended on %(date)s.") % {"date": date_format(membership.end_date)},
                field="end_date",
            )
        if end < membership.start_date:
            raise ServiceError(
                _("The membership started on %(date)s: it cannot end before that.")
                % {"date": date_format(membership.start_date)},
                field="end_date",
            )
        membership.end_date = end
        membership.save(update_fields=["end_date"])
        record_decision(
            actor=_user(actor), action="group.membership.end", target=membership, payload=_payload(membership)
        )
        membership_announce(membership=membership, actor=actor, event="ended")
    forget_coordination(actor)
    return membership


# Deliverables ----------------------------------------------------------------------------------------

_URL = URLValidator(schemes=["http", "https"])


def _link(value: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) > 500:
        raise ServiceError(_("The link is longer than 500 characters."), field="url")
    try:
        _URL(value)
    except ValidationError:
        raise ServiceError(_("The link must be an http or https address."), field="url") from None
    return value


def _deliverable_values(
    *,
    title: Mapping[str, str],
    summary: Mapping[str, str] | None,
    original_language: str,
    kind: str,
    status: str,
    date: datetime.date | None,
    url: str,
) -> dict[str, Any]:
    if kind not in DeliverableKind.values:
        raise ServiceError(
            _("The kind must be one of %(codes)s.") % {"codes": ", ".join(DeliverableKind.values)},
            field="kind",
        )
    if status not in DeliverableStatus.values:
        raise ServiceError(
            _("The status must be one of %(codes)s.") % {"codes": ", ".join(DeliverableStatus.values)},
            field="status",
        )
    if status == DeliverableStatus.DELIVERED and date is not None and date > timezone.localdate():
        raise ServiceError(
            _("A delivered deliverable's date is the day it was delivered: it cannot be in the future."),
            field="date",
        )
    texts = clean_texts(
        Deliverable,
        {"title": title, "summary": summary or {}},
        original_language=original_language,
        required=["title"],
    )
    return {
        **texts,
        "original_language": language_code(original_language),
        "kind": kind,
        "status": status,
        "date": date,
        "url": _link(url),
    }


def deliverable_add(
    *,
    actor: Any,
    group: WorkingGroup,
    title: Mapping[str, str],
    original_language: str,
    kind: str,
    status: str,
    summary: Mapping[str, str] | None = None,
    date: datetime.date | None = None,
    url: str = "",
) -> Deliverable:
    """A deliverable of ``group``, for the Secretariat or a coordinator of the group. ``date`` is when it
    is due, or when it was delivered; ``url`` links to the document."""
    require(actor, "groups.manage_deliverables", group)
    values = _deliverable_values(
        title=title,
        summary=summary,
        original_language=original_language,
        kind=kind,
        status=status,
        date=date,
        url=url,
    )
    with transaction.atomic():
        return Deliverable.objects.create(group=group, **values)


def deliverable_update(
    *,
    actor: Any,
    deliverable: Deliverable,
    title: Mapping[str, str],
    original_language: str,
    kind: str,
    status: str,
    summary: Mapping[str, str] | None = None,
    date: datetime.date | None = None,
    url: str = "",
) -> Deliverable:
    """Change a deliverable (its texts in the languages given, its kind, status, date and link)."""
    require(actor, "groups.manage_deliverables", deliverable.group)
    values = _deliverable_values(
        title=title,
        summary=summary,
        original_language=original_language,
        kind=kind,
        status=status,
        date=date,
        url=url,
    )
    with transaction.atomic():
        deliverable = Deliverable.objects.select_for_update(of=("self",)).get(pk=deliverable.pk)
        changed = [key for key, value in values.items() if getattr(deliverable, key) != value]
        if changed:
            for key in changed:
                setattr(deliverable, key, values[key])
            deliverable.save()
    return deliverable
