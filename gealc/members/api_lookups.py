"""The countries and institutions that an API request names, for every app's API.

A code or id that names nothing is the caller's mistake in one field of what they sent, not a missing
page: a ServiceError naming that field (422), never a 404.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from gealc.core.errors import ServiceError
from gealc.members.models import Country, Institution


def country_by_iso3(code: str, *, field: str = "country") -> Country:
    """The country of the ISO 3166-1 alpha-3 ``code``, in any case."""
    country = Country.objects.filter(iso3=code.upper()).first()
    if country is None:
        raise ServiceError(_("No country with code %(code)r.") % {"code": code}, field=field)
    return country


def country_or_none(code: str | None, *, field: str = "country") -> Country | None:
    """As :func:`country_by_iso3`, and None when no code is given (None or empty)."""
    return country_by_iso3(code, field=field) if code else None


def institution_or_none(institution_id: int | None, *, field: str = "institution") -> Institution | None:
    """The institution of ``institution_id``; None when no id is given."""
    if institution_id is None:
        return None
    institution = Institution.objects.filter(pk=institution_id).first()
    if institution is None:
        raise ServiceError(_("No institution with id %(id)d.") % {"id": institution_id}, field=field)
    return institution
