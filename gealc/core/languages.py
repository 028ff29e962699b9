"""Spoken languages as ISO 639-1 codes, named in the reader's language (pycountry's ISO 639 catalogue)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry

from gealc.core.i18n import current_language


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def is_language_code(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and pycountry.languages.get(alpha_2=code.lower()) is not None


def language_name(code: str) -> str:
    """``es`` → "Spanish" (or "espagnol" when the active language is French); unknown codes as they are."""
    record = pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2 else None
    if record is None:
        return code
    return _catalog(current_language()).gettext(record.name)


def language_list(codes: list[str]) -> str:
    return ", ".join(language_name(code) for code in codes)
