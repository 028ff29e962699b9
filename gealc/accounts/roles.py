"""Which roles a user holds today. Read once per request and kept on the user object."""

from __future__ import annotations

from dataclasses import dataclass
from functools import total_ordering
from typing import Any

from gealc.members.models import Membership

_CACHE_ATTRIBUTE = "_gealc_roles"


@total_ordering
@dataclass(frozen=True)
class Grant:
    role: str
    country: str | None  # ISO 3166-1 alpha-3, or None for a network-wide role

    def __lt__(self, other: object) -> bool:
        # By role, the network-wide grant before the countries: a role held both ways (secretariat for
        # the network, expert for Chile and for nowhere) must still sort, and None does not compare.
        if not isinstance(other, Grant):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def _sort_key(self) -> tuple[str, bool, str]:
        return (self.role, self.country is not None, self.country or "")


def roles_of(user: Any) -> frozenset[Grant]:
    """The roles the user's person holds today; empty for anonymous or disabled accounts."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        rows = (
            Membership.objects.in_force()
            .filter(person__user=user)
            .values_list("role", "country__iso3")
            .distinct()
        )
        cached = frozenset(Grant(role, country) for role, country in rows)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget_roles(user: Any) -> None:
    """Drop the cached roles (after a grant or revocation in the same request)."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def has_role(user: Any, role: str, country: str | None = None) -> bool:
    """Whether the user holds ``role`` (for ``country`` when given)."""
    return any(g.role == role and (country is None or g.country == country) for g in roles_of(user))


def countries_for(user: Any, *roles: str) -> set[str]:
    """The countries for which the user holds any of ``roles``."""
    return {g.country for g in roles_of(user) if g.role in roles and g.country}
