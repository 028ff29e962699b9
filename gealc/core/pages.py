"""Public pages kept rendered for visitors who are not signed in, until anything they could show changes.

Most requests to a network's site are visitors reading its catalogues and results: they all see the same
page in the same language. ``@kept_for_visitors`` keeps the page each visitor would get (per address with
its parameters, language and htmx request) in Django's cache under the namespace ``PAGES`` of
``gealc.core.figures``, and answers the next visitor from there.

What keeps it right:

- *Any write bumps the namespace.* A hook on every database connection (``watch_writes``) sees each
  ``INSERT``, ``UPDATE`` and ``DELETE`` the platform sends, whether from a service, a bulk query, a
  migration or the admin, and bumps the version once the transaction commits (at once in autocommit).
  Only the tables no page shows are left out (``UNSEEN_TABLES``: sessions, sign-in attempts).
- *Only what is alike for everyone is kept.* Signed-in people (their header, their drafts and their
  actions differ), requests carrying messages for the visitor, answers other than 200 and answers that
  set a cookie are always rendered afresh. The form token (CSRF) differs per visitor: the kept page holds
  a marker where the token goes, and each answer writes the visitor's own token there.
- *Nothing is kept or read inside a transaction*, where the page could show rows not yet committed (and
  the test suite, whose tests each run in one, always sees pages as rendered).
- *Time passes*: a call closes on its last day and a meeting becomes past without any write, so a kept
  page is read again after ``PAGE_CACHE_SECONDS`` (60 by default; 0 keeps nothing).

Without ``REDIS_URL`` each process has its own cache and sees only the writes made through it, so another
process's change shows within ``PAGE_CACHE_SECONDS``; with Redis every app server sees it at once.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from gealc.core import figures

PAGES = "pages"
# Where a kept page's form token goes: replaced by each visitor's own (``csrf_marker``).
CSRF_MARKER = "gealc-kept-page-csrf-token"
# Tables whose rows no page shows: a sign-in writes them, and it changes no public page.
UNSEEN_TABLES = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})

_KEEPING = "_gealc_keeping_page"


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _keepable(request: HttpRequest) -> bool:
    if request.method != "GET" or _seconds() <= 0 or connection.in_atomic_block:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # Messages waiting for this visitor (after signing out, say) belong to their page only.
    return not len(get_messages(request))  # len() reads them without marking them shown


def _key(request: HttpRequest) -> str:
    htmx = "htmx" if request.headers.get("HX-Request") else "page"
    name = f"{get_language()}|{htmx}|{request.get_full_path()}"
    return f"page:{hashlib.sha256(name.encode()).hexdigest()}"


def _answer(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    content: bytes = kept["content"]
    marker = CSRF_MARKER.encode()
    if marker in content:
        content = content.replace(marker, get_token(request).encode())
    response = HttpResponse(content, status=200)
    for header, value in kept["headers"]:
        response[header] = value
    return response


def kept_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer visitors who are not signed in from the kept page (see the module's description)."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _keepable(request):
            return view(request, *args, **kwargs)
        key = f"figures:{PAGES}:{figures.version(PAGES)}:{_key(request)}"
        kept = cache.get(key)
        if kept is not None:
            return _answer(request, kept)
        setattr(request, _KEEPING, True)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response.render()
        finally:
            setattr(request, _KEEPING, False)
        if response.streaming:
            return response
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        kept = {"content": response.content, "headers": headers}
        if response.status_code != 200 or response.cookies:
            # Not kept; written as any page (the marker, if the page has a form, becomes the token).
            if CSRF_MARKER.encode() in response.content:
                response.content = response.content.replace(CSRF_MARKER.encode(), get_token(request).encode())
            return response
        cache.set(key, kept, timeout=_seconds())
        return _answer(request, kept)

    return answer


def csrf_marker(request: HttpRequest) -> dict[str, Any]:
    """A context processor: while a page is being kept, its form token is the marker (after Django's own
    ``csrf`` processor, which it overrides for that page only)."""
    return {"csrf_token": CSRF_MARKER} if getattr(request, _KEEPING, False) else {}


# Every write bumps the namespace -----------------------------------------------------------------------

_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE
)
_pending = threading.local()


def _bump_after_commit(wrapper: BaseDatabaseWrapper) -> None:
    if not wrapper.in_atomic_block:
        figures._bump(PAGES)
        return
    # One bump per transaction: the list of callbacks is a new one after each commit or rollback (and
    # after rolling back to a savepoint that dropped ours), so registering again is then needed.
    if getattr(_pending, "callbacks", None) is wrapper.run_on_commit:
        return
    transaction.on_commit(lambda: figures._bump(PAGES), using=wrapper.alias)
    _pending.callbacks = wrapper.run_on_commit


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    found = _WRITE.match(sql) if isinstance(sql, str) else None
    if found is not None and found.group(1).split(".")[-1] not in UNSEEN_TABLES:
        _bump_after_commit(context["connection"])
    return result


def watch_writes(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On each new database connection (``connection_created``): watch what it writes."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def kept_api(urls: tuple[list[Any], str, str]) -> tuple[list[Any], str, str]:
    """The API's routes (``NinjaAPI.urls``) with every anonymous ``GET`` kept as a page is: the public
    lists and records answer every client alike (a token's or a session's requests are never kept)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = kept_for_visitors(pattern.callback)
    return patterns, app_name, namespace
