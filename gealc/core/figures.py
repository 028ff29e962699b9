"""Computed figures (dashboards, charts, flows) kept in Django's cache until the records they count change.

Each set of figures belongs to a namespace with a version number in the cache. A reader looks for the
figures under the current version and computes them only when they are missing; the services that change
the records behind a namespace call ``changed(namespace)`` inside their transaction, which bumps the
version once the transaction commits, so the next read recomputes and a change is visible at once.

With ``REDIS_URL`` the cache, and so the version, is shared by every app server. Without it each process
keeps its own local-memory cache and sees only the changes made through it: figures there also expire
after ``FIGURES_TIMEOUT`` seconds, so another process's change shows within that time.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

T = TypeVar("T")

# How long computed figures are kept, at most, in seconds.
FIGURES_TIMEOUT = 300


def _version_key(namespace: str) -> str:
    return f"figures:{namespace}:version"


def version(namespace: str) -> int:
    """The current version of the namespace's figures (1 until the first change)."""
    current = cache.get(_version_key(namespace))
    if current is None:
        cache.add(_version_key(namespace), 1, timeout=None)
        current = cache.get(_version_key(namespace), 1)
    return int(current)


# The version keys read while a public page is being kept (``gealc.core.pages``): the page depends on
# them as on the tables it read, since figures found in the cache read no table.
_reading = threading.local()


def recording() -> dict[str, Any] | None:
    """The version keys read in this thread with the version each had, if a page is being kept."""
    return getattr(_reading, "keys", None)


def record(keys: dict[str, Any] | None) -> None:
    _reading.keys = keys


def figures(namespace: str, name: str, compute: Callable[[], T]) -> T:
    """The figures ``name`` of ``namespace``, from the cache or computed by ``compute`` and kept."""
    current = version(namespace)
    recorded = recording()
    if recorded is not None:
        recorded.setdefault(_version_key(namespace), current)
    key = f"figures:{namespace}:{current}:{name}"
    found: T | None = cache.get(key)
    if found is not None:
        return found
    value = compute()
    cache.set(key, value, timeout=FIGURES_TIMEOUT)
    return value


def _bump(namespace: str) -> None:
    try:
        cache.incr(_version_key(namespace))
    except ValueError:  # not in the cache (evicted, or never read): start past any kept figures
        cache.set(_version_key(namespace), version(namespace) + 1, timeout=None)


def changed(namespace: str, *, at_once: bool = False) -> None:
    """The records behind the namespace's figures change: recompute them after the transaction commits
    (at once outside a transaction; never if it rolls back). With ``at_once`` the version is also bumped
    now, so that reads later in the same transaction see the change; the bump at commit then discards
    what another process computed meanwhile from the records as they were."""
    if at_once:
        _bump(namespace)
    transaction.on_commit(lambda: _bump(namespace))
