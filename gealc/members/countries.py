"""Country codes and names from ISO 3166-1 (pycountry), in the network's languages."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.conf import settings


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def iso_country(code: str) -> tuple[str, str, dict[str, str]] | None:
    """``(alpha2, alpha3, {language: name})`` for an alpha-2 or alpha-3 code, or None if unknown.

    The common name is preferred ("Bolivia" rather than "Bolivia, Plurinational State of").
    """
    code = code.strip().upper()
    if len(code) not in (2, 3) or not code.isalpha():
        return None
    record = (
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    )
    if record is None:
        return None
    english = getattr(record, "common_name", None) or record.name
    names = {language: _catalog(language).gettext(english) for language in settings.LANGUAGE_CODES}
    return record.alpha_2, record.alpha_3, names
