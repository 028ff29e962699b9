"""Errors that services raise and that pages and the API turn into clear answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class ServiceError(Exception):
    """Input that a service refuses (422), naming the field when there is one."""

    status = 422

    def __init__(self, message: str, *, field: str | None = None, **extra: object) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra  # further details for API clients, e.g. the names refused


class Conflict(ServiceError):
    """An action that the current state of the record does not allow (409)."""

    status = 409


class Forbidden(PermissionDenied):
    """The actor may not do this (403)."""


def require(user: object, permission: str, obj: object = None) -> None:
    """Raise Forbidden unless ``user`` holds ``permission`` (on ``obj``) under the permission rules."""
    if user is None or not getattr(user, "has_perm", None) or not user.has_perm(permission, obj):  # type: ignore[attr-defined]
        raise Forbidden(f"not allowed: {permission}")
