"""Multilingual text, declared once.

A translated field is declared once on its model with :func:`translated`; django-translated-fields turns
it into one column per language of ``settings.LANGUAGES`` (``title_en``, ``title_es``, ...). Reading the
attribute (``meeting.title``) gives the text in the active language, falling back to the record's
original language. Everything else that deals with the languages is derived from that declaration through
the registry below: admin fieldsets, API schemas and answers, reference-file columns, the writes of the
services. Nothing outside this module spells the languages out.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from translated_fields import TranslatedField

from gealc.core.errors import ServiceError


def current_language() -> str:
    """The active language among the network's languages (English when none is active)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()
    return code if code in settings.LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized_column(base: str, language: str | None = None) -> str:
    """The column that holds ``base`` in ``language`` (the active one by default), e.g. ``name_es``."""
    return f"{base}_{language or current_language()}"


def fallback_order(obj: Any, language: str) -> list[str]:
    """The languages to try for a record's text: the one asked for, the record's original language (its
    ``original_language`` attribute, when it has one), English, then any other."""
    order = [language, getattr(obj, "original_language", "") or settings.LANGUAGE_CODE, "en"]
    return list(dict.fromkeys(order + list(settings.LANGUAGE_CODES)))


def text_in(obj: Any, name: str, language: str) -> str:
    """``obj``'s ``name`` in ``language``, or the first translation of it in the fallback order, so a
    text is never shown empty while some translation of it exists."""
    for code in fallback_order(obj, language):
        text = getattr(obj, localized_column(name, code), "")
        if text:
            return str(text)
    return ""


def _fallback_getter(name: str, field: TranslatedField) -> Any:
    return lambda obj: text_in(obj, name, current_language())


def translated(field: models.Field[Any, Any], *, required: Iterable[str] = ()) -> TranslatedField:
    """One column per network language for ``field``, read with the fallback.

    Every column is optional unless its language is in ``required`` (reference data keeps an English
    name, for instance). Records that users write have an ``original_language`` instead, and
    :func:`original_text_required` makes the database hold the text in that language.
    """
    field.blank = True
    base_name = field.verbose_name
    specific: dict[str, dict[str, Any]] = {}
    for code, language_name in settings.LANGUAGES:
        specific[code] = {"verbose_name": format_lazy("{} ({})", base_name, language_name)}
        if code in required:
            specific[code]["blank"] = False
    return TranslatedField(field, specific, attrgetter=_fallback_getter)


def original_language_field() -> models.CharField[str, str]:
    """The language a record's texts were first written in: the fallback when a translation is missing."""
    return models.CharField(
        gettext_lazy("original language"), max_length=5, choices=settings.LANGUAGES, default="en"
    )


# The registry ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextField:
    """A translated field of a model, as the registry knows it."""

    name: str
    verbose_name: Any
    max_length: int | None
    required: tuple[str, ...]

    @property
    def columns(self) -> list[str]:
        return [localized_column(self.name, code) for code in settings.LANGUAGE_CODES]


def translated_fields(model: type[models.Model] | models.Model) -> dict[str, TextField]:
    """The translated fields of ``model`` in the order they are declared (read once per model: lists
    ask for their columns on every request)."""
    return dict(_translated_fields(model if isinstance(model, type) else type(model)))


@functools.cache
def _translated_fields(cls: type[models.Model]) -> dict[str, TextField]:
    found: dict[str, TextField] = {}
    for klass in reversed(cls.__mro__):
        for name, value in vars(klass).items():
            if isinstance(value, TranslatedField):
                first = cls._meta.get_field(localized_column(name, settings.LANGUAGE_CODES[0]))
                found[name] = TextField(
                    name=name,
                    verbose_name=value.short_description,
                    max_length=getattr(first, "max_length", None),
                    required=tuple(
                        code
                        for code in settings.LANGUAGE_CODES
                        if not getattr(cls._meta.get_field(localized_column(name, code)), "blank", True)
                    ),
                )
    return found


def text_field(model: type[models.Model] | models.Model, name: str) -> TextField:
    return translated_fields(model)[name]


def columns(model: type[models.Model], *names: str) -> list[str]:
    """The columns of the translated fields ``names`` (all of the model's when none is named)."""
    fields = translated_fields(model)
    return [column for name in (names or fields) for column in fields[name].columns]


def search_columns(model: type[models.Model], *names: str, prefix: str = "") -> tuple[str, ...]:
    """Admin ``search_fields`` that look for ``names`` in every language (through ``prefix``, a relation
    such as ``"country__"``)."""
    return tuple(f"{prefix}{column}" for column in columns(model, *names))


def text_fieldsets(model: type[models.Model], *names: str) -> list[Any]:
    """Admin fieldsets: one per translated field, its languages one under the other."""
    fields = translated_fields(model)
    return [(fields[name].verbose_name, {"fields": fields[name].columns}) for name in (names or fields)]


def translations(obj: Any, name: str) -> dict[str, str]:
    """Every translation of ``obj``'s ``name`` that is present, by language code."""
    found = {code: getattr(obj, localized_column(name, code), "") for code in settings.LANGUAGE_CODES}
    return {code: str(text) for code, text in found.items() if text}


def texts(obj: Any, *names: str) -> dict[str, Any]:
    """What the API answers for translated fields: ``name`` in the request's language (with the
    fallback) and ``name_translations`` with every language present."""
    answer: dict[str, Any] = {}
    for name in names:
        answer[name] = text_in(obj, name, current_language())
        answer[f"{name}_translations"] = translations(obj, name)
    return answer


def original_text_required(model_name: str, name: str) -> models.CheckConstraint:
    """A database check that a record holds ``name`` in its own ``original_language``."""
    condition = Q()
    for code in settings.LANGUAGE_CODES:
        condition |= Q(original_language=code) & ~Q(**{localized_column(name, code): ""})
    return models.CheckConstraint(condition=condition, name=f"{model_name}_{name}_in_original_language")


# Writes -------------------------------------------------------------------------------------------------


def language_code(value: str | None, *, field: str = "original_language") -> str:
    """A network language code, or ServiceError naming ``field``."""
    code = (value or "").strip().lower()
    if code not in settings.LANGUAGE_CODES:
        raise ServiceError(
            _("The language must be one of %(codes)s.") % {"codes": ", ".join(settings.LANGUAGE_CODES)},
            field=field,
        )
    return code


def clean_texts(
    model: type[models.Model],
    values: Mapping[str, Mapping[str, str] | None],
    *,
    original_language: str | None,
    required: Iterable[str] = (),
) -> dict[str, str]:
    """Check user-written translations and give the columns to write.

    ``values`` maps a translated field to its texts by language, any subset of the languages
    (``{"title": {"es": "…", "en": "…"}}``). The fields in ``required`` must have a text in the original
    language. Texts are stripped; a language that is not the network's, a text too long for its column, or
    a missing original is a ServiceError naming the field and language (``title.es``). Only the languages
    given are returned, so an update leaves the others as they are.
    """
    original = language_code(original_language)
    fields = translated_fields(model)
    written: dict[str, str] = {}
    for name, given in values.items():
        spec = fields[name]
        for code, raw in (given or {}).items():
            where = f"{name}.{code}"
            language_code(code, field=where)
            text = (raw or "").strip()
            if spec.max_length is not None and len(text) > spec.max_length:
                raise ServiceError(
                    _("At most %(max)d characters (this one has %(length)d).")
                    % {"max": spec.max_length, "length": len(text)},
                    field=where,
                )
            written[localized_column(name, code.lower())] = text
    for name in required:
        if not written.get(localized_column(name, original)):
            raise ServiceError(
                _("Give the %(field)s in the original language (%(language)s).")
                % {"field": fields[name].verbose_name, "language": dict(settings.LANGUAGES)[original]},
                field=f"{name}.{original}",
            )
    return written


def in_every_language(make: Callable[[], str]) -> dict[str, str]:
    """``make()`` with each network language active in turn: a text of the interface's catalogues (a
    default label, say) as translations to store."""
    made: dict[str, str] = {}
    for code in settings.LANGUAGE_CODES:
        with translation.override(code):
            made[code] = str(make())
    return made


def texts_in_every_language(name: str, make: Callable[[], str]) -> dict[str, str]:
    """The columns of ``name`` filled by :func:`in_every_language`."""
    return {localized_column(name, code): text for code, text in in_every_language(make).items()}


def from_columns(row: Mapping[str, Any], model: type[models.Model], *names: str) -> dict[str, dict[str, str]]:
    """``{"title": {"en": row["title_en"], ...}}`` from a mapping keyed by columns (reference files)."""
    fields = translated_fields(model)
    return {
        name: {
            code: str(row.get(localized_column(name, code)) or "")
            for code in settings.LANGUAGE_CODES
            if row.get(localized_column(name, code))
        }
        for name in (names or fields)
    }


def text_expression(
    name: str, *, prefix: str = "", original: str | None = "original_language", language: str | None = None
) -> Any:
    """A database expression for ``name`` in ``language`` (the active one by default) with the fallback of
    :func:`text_in`: the language asked for, the record's original language (the column ``original``,
    None for a model without one), English, then any other; empty when no translation exists. For lists
    that read one text per field instead of every translation (``.values(name=text_expression(...))``)."""
    from django.db.models import Case, F, Value, When
    from django.db.models.functions import Coalesce, NullIf

    def present(code: str) -> Any:
        return NullIf(
            F(f"{prefix}{localized_column(name, code)}"), Value(""), output_field=models.TextField()
        )

    asked = language or current_language()
    candidates: list[Any] = [present(asked)]
    if original is not None:
        candidates.append(
            Case(
                *(
                    When(**{f"{prefix}{original}": code}, then=present(code))
                    for code in settings.LANGUAGE_CODES
                ),
                output_field=models.TextField(),
            )
        )
    candidates += [present(code) for code in dict.fromkeys(["en", *settings.LANGUAGE_CODES]) if code != asked]
    return Coalesce(*candidates, Value(""), output_field=models.TextField())
