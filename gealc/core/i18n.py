"""Multilingual fields: one column per network language, read in the active language with a fallback."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import get_language


def current_language() -> str:
    """The active language among the network's languages (English when none is active)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized_column(base: str, language: str | None = None) -> str:
    """The column that holds ``base`` in ``language`` (the active one by default), e.g. ``name_es``."""
    return f"{base}_{language or current_language()}"


class Translated:
    """Reads ``<base>_<lang>`` in the active language.

    Falls back to the record's original language (its ``original_language`` attribute, when it has one),
    then to English, then to any language that has a value, so a text is never shown empty while some
    translation of it exists.
    """

    def __init__(self, base: str) -> None:
        self.base = base

    def __set_name__(self, owner: type, name: str) -> None:
        self.attribute = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return self.value(obj, current_language())

    def value(self, obj: Any, language: str) -> str:
        order = [language, getattr(obj, "original_language", "") or settings.LANGUAGE_CODE, "en"]
        order += [code for code in settings.LANGUAGE_CODES if code not in order]
        for code in order:
            text = getattr(obj, f"{self.base}_{code}", "")
            if text:
                return str(text)
        return ""
