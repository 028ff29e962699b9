"""Writes on the member registry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from gealc.core.errors import ServiceError, require
from gealc.members.models import Institution

EDITABLE_INSTITUTION_FIELDS = ("name", "acronym", "website")


def institution_update(*, actor: Any, institution: Institution, changes: dict[str, str]) -> Institution:
    """Change an institution's name, acronym or website.

    Allowed to the Secretariat and to the delegates of the institution's country (permission rules).
    """
    require(actor, "members.change_institution", institution)
    unknown = set(changes) - set(EDITABLE_INSTITUTION_FIELDS)
    if unknown:
        raise ServiceError(
            _("%(fields)s cannot be changed here.") % {"fields": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    cleaned = {key: (value or "").strip() for key, value in changes.items()}
    if "name" in cleaned:
        if not cleaned["name"]:
            raise ServiceError(_("The name cannot be empty."), field="name")
        clash = Institution.objects.filter(name=cleaned["name"], country=institution.country).exclude(
            pk=institution.pk
        )
        if clash.exists():
            raise ServiceError(
                _("Another institution of this country is named “%(name)s”.") % {"name": cleaned["name"]},
                field="name",
            )
    if cleaned.get("website"):
        try:
            URLValidator(schemes=["http", "https"])(cleaned["website"])
        except ValidationError:
            raise ServiceError(
                _("“%(website)s” is not a web address.") % {"website": cleaned["website"]}, field="website"
            ) from None
    changed = [key for key, value in cleaned.items() if getattr(institution, key) != value]
    if changed:
        with transaction.atomic():
            for key in changed:
                setattr(institution, key, cleaned[key])
            institution._change_reason = f"changed {', '.join(changed)}"  # type: ignore[attr-defined]
            institution.save(update_fields=changed)
    return institution
