"""Shared pieces of the API: the error shapes every endpoint documents and the list envelope."""

from __future__ import annotations

from typing import Any

from django.conf import settings as django_settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination


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


NOT_FOUND: dict[int, Any] = {404: ErrorOut}
BAD_INPUT: dict[int, Any] = {422: ValidationErrorOut}
UNAUTHORIZED: dict[int, Any] = {401: ErrorOut}
FORBIDDEN: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}


MAX_OFFSET = 1_000_000


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
