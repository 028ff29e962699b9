"""Shared pieces of the API: the error shapes every endpoint documents and the list envelope."""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import hashlib
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from django.conf import settings as django_settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language, gettext
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.parser import Parser
from ninja.renderers import JSONRenderer
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import BeforeValidator

from gealc.core.errors import ServiceError
from gealc.core.figures import figures
from gealc.core.i18n import text_field, translations

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date_only(value: Any) -> Any:
    """Dates in the API are written YYYY-MM-DD; pydantic would also take a number as a timestamp."""
    if isinstance(value, datetime.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]


# Multilingual text -------------------------------------------------------------------------------------
#
# One contract for every text that users write in several languages. A write takes each translated field
# as an object of texts by language code, any subset of the network's languages, and the language it was
# first written in, whose text is required:
#     {"title": {"es": "Reunión anual", "en": "Annual meeting"}, "original_language": "es"}
# A read answers the field in the request's language (``?lang=`` or Accept-Language), falling back to the
# original language when that translation is missing, and every translation present:
#     {"title": "Annual meeting", "title_translations": {"es": "Reunión anual", "en": "Annual meeting"}}

TEXTS_CONTRACT = (
    "Texts by language code, any of " + ", ".join(django_settings.LANGUAGE_CODES) + "; the text in "
    "`original_language` is required."
)

if TYPE_CHECKING:
    LanguageCode = str
else:
    LanguageCode = Literal[tuple(django_settings.LANGUAGE_CODES)]

Texts = dict[LanguageCode, str]


def texts_in(model: Any, name: str, *, required: bool = True) -> Any:
    """The API field for writing ``model``'s translated field ``name``."""
    spec = text_field(model, name)
    limit = f" At most {spec.max_length} characters each." if spec.max_length else ""
    description = f"{str(spec.verbose_name).capitalize()}: {TEXTS_CONTRACT}{limit}"
    return Field(... if required else None, description=description)


def original_language_in() -> Any:
    return Field(..., description="The language the texts were first written in (its text is required)")


def texts_out(name: str) -> Any:
    return Field(..., description=f"The {name} in the request's language, or in its original language")


def translations_out(name: str) -> Any:
    return Field(..., description=f"Every translation of the {name} present, by language code")


def resolve_translations(name: str) -> Any:
    """A schema's ``resolve_<name>_translations``, for answers read from records or from dicts."""

    def resolve(obj: Any) -> dict[str, str]:
        return obj[f"{name}_translations"] if isinstance(obj, dict) else translations(obj, name)

    return staticmethod(resolve)


class ErrorOut(Schema):
    """An error: ``detail`` says what went wrong."""

    detail: str


class ValidationErrorOut(Schema):
    """Input that failed validation: each entry of ``detail`` names the parameter in ``loc``."""

    detail: list[dict[str, Any]]


class ServiceErrorOut(Schema):
    """A refused action: ``detail`` says why; ``field`` names the field at fault, when there is one."""

    detail: str
    field: str | None = None


# A 422 is either input that failed validation (detail: a list naming each parameter) or an action a
# service refused (detail: a sentence, field: the field at fault).
Refused = ValidationErrorOut | ServiceErrorOut

# Any input may be refused by the shared checks too (a NUL character, named in ``field``), hence Refused.
NOT_FOUND: dict[int, Any] = {404: ErrorOut, 422: Refused}
BAD_INPUT: dict[int, Any] = {422: Refused}
UNAUTHORIZED: dict[int, Any] = {401: ErrorOut}
FORBIDDEN: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}


MAX_OFFSET = 1_000_000
M = TypeVar("M", bound=Model)


def page_first(page: QuerySet[M]) -> QuerySet[M]:
    """A page (a slice) of a list read in two steps within one query: the page's ids through the index
    of its order, then their rows with the joins and the annotations. Sorted and joined at once, the
    database computes every row's joined and annotated columns to keep a page of them (solutions: 21
    ms against 1 ms for a page 1,000 rows in, 4,000 solutions; software: a latest-revision subquery per
    row of 20,000 before the offset, 1.3 s on SQLite)."""
    return page.model._default_manager.filter(pk__in=page.values("pk")).order_by(*page.query.order_by)


class Rows:
    """A list endpoint's answer that reads only the page asked for, for ninja's pagination: it counts in
    the database and turns the page's slice of ``queryset`` into answers with ``shape``, which reads
    the columns the list shows (and whatever belongs to the page's rows in one query more), instead of
    model objects for every joined row and a prefetch queryset per item."""

    def __init__(self, queryset: QuerySet[Any], shape: Callable[[QuerySet[Any]], list[dict[str, Any]]]):
        self.queryset = queryset
        self.shape = shape

    def all(self) -> Rows:
        return self

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return self.shape(self.queryset[window])


class Pagination(LimitOffsetPagination):
    """``limit`` (1 to 200) and ``offset``; answers ``{"count": N, "items": [...]}`` for every list."""

    class Input(Schema):
        limit: int = Field(
            django_settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=django_settings.NINJA_PAGINATION_MAX_LIMIT,
            description="How many items to return (1 to 200)",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip")


# Keyset pages ------------------------------------------------------------------------------------------
#
# A page by offset walks (and drops) every row before it, so the deeper the page, the dearer. A list
# whose order is a unique key (the roster by name and person, requests newest first) also answers
# ``?after=<cursor>``: the rows after the one the cursor names, which the database finds through the
# key's index whatever their number. Every page answers ``next``, the address of the following page
# (or null at the end); the cursor is opaque to clients, and ``offset`` is still accepted.


def _key_field(model: type[Model], path: str) -> Any:
    """The model field at the end of a lookup path such as ``person__name`` or ``pk``."""
    *relations, last = path.split("__")
    for name in relations:
        model = model._meta.get_field(name).related_model  # type: ignore[assignment]
    return model._meta.pk if last == "pk" else model._meta.get_field(last)


def _after_key(keys: Sequence[str], values: Sequence[Any]) -> Q:
    """The rows strictly after ``values`` in the order of ``keys`` (``-`` for descending). The first
    key's bound stands alone as well, so that the database starts its index scan there."""
    lookups = [(key.lstrip("-"), "lt" if key.startswith("-") else "gt") for key in keys]
    first, direction = lookups[0]
    after = Q()
    for position, (name, lookup) in enumerate(lookups):
        equal = {lookups[i][0]: values[i] for i in range(position)}
        after |= Q(**equal, **{f"{name}__{lookup}": values[position]})
    return Q(**{f"{first}__{direction}e": values[0]}) & after


class UnknownCursor(ServiceError):
    """A cursor that names no position of the list: the page it would address does not exist (404)."""

    status = 404


class Keyset(Rows):
    """A list endpoint's answer in the order of a unique key, for ``KeysetPagination``.

    ``keys`` are the lookups the queryset is ordered by (its ``order_by``), ``key`` reads their values
    from a shaped row: the cursor of a page's last row is where the next page starts."""

    def __init__(
        self,
        queryset: QuerySet[Any],
        shape: Callable[[QuerySet[Any]], list[dict[str, Any]]],
        *,
        keys: Sequence[str],
        key: Callable[[dict[str, Any]], Sequence[Any]],
    ):
        super().__init__(queryset.order_by(*keys), shape)
        self.keys = tuple(keys)
        self.key = key

    def cursor(self, row: dict[str, Any]) -> str:
        values = [value.isoformat() if hasattr(value, "isoformat") else value for value in self.key(row)]
        return (
            base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")
        )

    def after(self, cursor: str) -> Keyset:
        """The rows after the one ``cursor`` names; UnknownCursor (404, naming ``after``) for a cursor
        that this list did not give."""
        refused = UnknownCursor(
            gettext("This cursor is not one this list gave: follow “next”."), field="after"
        )
        try:
            values = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4)))
        except (ValueError, binascii.Error, UnicodeError):
            raise refused from None
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise refused
        try:
            fields = [_key_field(self.queryset.model, key.lstrip("-")) for key in self.keys]
            values = [field.to_python(value) for field, value in zip(fields, values, strict=True)]
        except (ValidationError, FieldDoesNotExist, TypeError, ValueError):
            raise refused from None
        if any(value is None or isinstance(value, (dict, list, bool)) for value in values):
            raise refused
        page = Keyset(
            self.queryset.filter(_after_key(self.keys, values)), self.shape, keys=self.keys, key=self.key
        )
        return page


class KeysetPagination(Pagination):
    """``limit``, and either ``after`` (a cursor from ``next``) or ``offset``; answers
    ``{"count": N, "next": URL or null, "items": [...]}``. ``count`` is the whole list's."""

    class Input(Schema):
        limit: int = Field(
            django_settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=django_settings.NINJA_PAGINATION_MAX_LIMIT,
            description="How many items to return (1 to 200)",
        )
        after: str | None = Field(
            None,
            max_length=1000,
            pattern=r"^[A-Za-z0-9_-]+$",
            description="Start after the item this cursor names: the cursor of the `next` address. "
            "A page by cursor costs what the first page does, however deep.",
        )
        offset: int = Field(
            0, ge=0, le=MAX_OFFSET, description="How many items to skip (ignored with `after`)"
        )

    class Output(Schema):
        count: int
        next: str | None = Field(..., description="The address of the following page; null at the end")
        items: list[Any]

    def paginate_queryset(  # type: ignore[override]
        self, queryset: Keyset, pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        limit = min(pagination.limit, self.max_limit)
        count = queryset.count()
        if pagination.after:
            page = queryset.after(pagination.after)
            rows = page[0 : limit + 1]
        else:
            rows = queryset[pagination.offset : pagination.offset + limit + 1]
        following = None
        if len(rows) > limit:
            rows = rows[:limit]
            query: QueryDict = request.GET.copy()
            query.pop("offset", None)
            query["after"] = queryset.cursor(rows[-1])
            following = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
        return {"count": count, "next": following, "items": rows}


# For list endpoints that answer a ``Keyset``: ``@paginate_by_key`` instead of ``@paginate``.
paginate_by_key = paginate(KeysetPagination)


# Small reference lists, answered from the cache --------------------------------------------------------
#
# A list such as the countries changes a few times a year and is read on every client's start: reading
# its rows, building a model object and validating an answer for each, and writing the JSON cost several
# times the query. ``@answered_from_cache`` keeps the whole body of each page (per language and
# parameters) in the cache under a ``gealc.core.figures`` namespace, which the writes behind it bump.

_renderer = JSONRenderer()


def _parameters(kwargs: dict[str, Any]) -> str:
    values = {name: value.model_dump(mode="json") if hasattr(value, "model_dump") else value
              for name, value in kwargs.items()}  # fmt: skip
    return json.dumps(values, sort_keys=True, default=str)


def answered_from_cache(
    namespace: str, item: type[Schema], *, when: Callable[[HttpRequest], bool] | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """For a list endpoint under ``@paginate`` (put it between the route and ``@paginate``): the body of
    each page, the same bytes ninja would answer with ``item`` for each row, kept until ``namespace``
    changes (``gealc.core.figures.changed``). Only what answers everyone alike may be kept so: with
    ``when``, only the answers to the requests for which it is true (those of the viewers who all see
    the same list); the others are answered afresh. The view may also be ``@answered_as_shaped``."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def answer(request: HttpRequest, **kwargs: Any) -> Any:
            if when is not None and not when(request):
                return view(request, **kwargs)

            def body() -> str:
                page = view(request, **kwargs)
                if isinstance(page, HttpResponse):
                    return page.content.decode()
                items = [item.model_validate(row, context={"request": request}).model_dump()
                         for row in page["items"]]  # fmt: skip
                return str(
                    _renderer.render(request, {"items": items, "count": page["count"]}, response_status=200)
                )

            name = f"{view.__module__}.{view.__qualname__}:{get_language()}:{_parameters(kwargs)}"
            key = hashlib.sha256(name.encode()).hexdigest()
            content = figures(namespace, f"answer:{key}", body)
            return HttpResponse(content, content_type=f"{_renderer.media_type}; charset={_renderer.charset}")

        return answer

    return decorate


# Lists whose rows are already their answers -----------------------------------------------------------
#
# A selector that shapes a page into dicts of exactly the item schema's fields and types (``Rows``) makes
# ninja's validation of every item (pydantic, then its dump) pure cost: on a page of 50 wide items it
# cost more than the query. ``@answered_as_shaped`` writes the page as it is; the schema still documents
# the answer in the OpenAPI, and the list's tests check that the shaped rows validate to themselves
# (``shaped_as``).


def answered_as_shaped(view: Callable[..., Any]) -> Callable[..., Any]:
    """For a list endpoint under ``@paginate`` (put it between the route and ``@paginate``) whose page is
    a ``Rows``: its ``{"items": [...], "count": N}`` rendered as JSON without validating each item."""

    @functools.wraps(view)
    def answer(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        page = view(request, **kwargs)
        content = _renderer.render(
            request, {"items": page["items"], "count": page["count"]}, response_status=200
        )
        return HttpResponse(content, content_type=f"{_renderer.media_type}; charset={_renderer.charset}")

    return answer


def shaped_as(item: type[Schema], row: dict[str, Any]) -> bool:
    """Whether ``row`` is what validating it against ``item`` would answer (the same fields and values)."""
    return bool(item.model_validate(row).model_dump() == row)


# Who an API request acts as is always ``request.user``: the session's user, or the owner of a personal
# token, whom the accounts app puts there before the view runs (``accounts.middleware.ApiTokenMiddleware``
# calls ``identify``). Routers therefore read ``request.user`` and need nothing from accounts; the classes
# below only say which endpoints require someone, and document the two ways in the OpenAPI.
_IDENTIFIED_BY_TOKEN = "_gealc_identified_by_token"  # noqa: S105 (an attribute name)


def identify(request: HttpRequest, user: Any) -> None:
    """Make ``user`` the one the request acts as, identified by a token in a header (not by a cookie)."""
    request.user = user
    setattr(request, _IDENTIFIED_BY_TOKEN, True)


class TokenAuth(HttpBearer):
    """A personal API token (``Authorization: Bearer ...``); it acts with its owner's roles."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # A token that was not valid left the request as it was: the session may still identify it.
        if getattr(request, _IDENTIFIED_BY_TOKEN, False):
            return request.user
        return None


class SessionAuth(APIKeyCookie):
    """The browser's signed-in session. Writes pass Django's CSRF check; a token needs none, as browsers
    never send one on their own."""

    param_name = django_settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # Without a signed-in session a forged request has nobody to act as: it gets the 401 of a request
        # without credentials, not the CSRF check's 403. A session that signs someone in is checked.
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


# For the endpoints that require a signed-in user: 401 without one.
signed_in = [TokenAuth(), SessionAuth()]


# Input that no text column can hold -------------------------------------------------------------------
#
# PostgreSQL refuses a NUL character in any text, so a "\u0000" in a JSON body or a query parameter would
# fail in the database as a server error. The API's parser refuses it first, for every endpoint, with the
# path of the value at fault as ``field`` ("title.es", "areas.1", "country").


def _nul_path(value: Any, path: tuple[str, ...] = ()) -> str | None:
    """The dotted path of the first text (or key) in ``value`` holding a NUL character, if any."""
    if isinstance(value, str):
        return ".".join(path) or "body" if "\x00" in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            if "\x00" in str(key):
                return ".".join((*path, str(key).replace("\x00", "")))
            found = _nul_path(item, (*path, str(key)))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _nul_path(item, (*path, str(index)))
            if found:
                return found
    return None


def refuse_nul(value: Any, *, where: tuple[str, ...] = ()) -> None:
    """Raise ServiceError (422) naming the field when a text in ``value`` holds a NUL character."""
    field = _nul_path(value, where)
    if field is not None:
        raise ServiceError(
            gettext("This text contains a NUL character (\\u0000), which cannot be stored."), field=field
        )


class InputParser(Parser):
    """ninja's JSON parser, refusing NUL characters in bodies and query parameters."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = super().parse_body(request)
        refuse_nul(data)  # ninja wraps it in a 400 HttpError; the API's handler answers its cause
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        refuse_nul(parsed)
        return parsed
