"""Spoken languages as ISO 639-1 codes, named in the reader's language (pycountry's ISO 639 catalogue)."""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from functools import cache

import pycountry
from django.utils.translation import gettext as _

from gealc.core.errors import ServiceError
from gealc.core.i18n import current_language


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True)


def is_language_code(code: str) -> bool:
    return len(code) == 2 and code.isalpha() and pycountry.languages.get(alpha_2=code.lower()) is not None


def language_codes(codes: Iterable[str], *, field: str = "languages") -> list[str]:
    """The ISO 639-1 codes given, in lower case, each once and in the order given; a ServiceError naming
    ``field`` for the first that is none."""
    cleaned: list[str] = []
    for raw in codes:
        code = (raw or "").strip().lower()
        if not is_language_code(code):
            raise ServiceError(
                _("%(code)r is not an ISO 639-1 language code (such as es, en, pt, fr).") % {"code": raw},
                field=field,
            )
        if code not in cleaned:
            cleaned.append(code)
    return cleaned


def language_name(code: str) -> str:
    """``es`` → "Spanish" (or "espagnol" when the active language is French); unknown codes as they are."""
    record = pycountry.languages.get(alpha_2=code.lower()) if len(code) == 2 else None
    if record is None:
        return code
    return _catalog(current_language()).gettext(record.name)


def language_list(codes: list[str]) -> str:
    return ", ".join(language_name(code) for code in codes)
