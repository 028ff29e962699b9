"""Public pages kept rendered for visitors who are not signed in, until anything they show changes.

Most requests to a network's site are visitors reading its catalogues and results: they all see the same
page in the same language. ``@kept_for_visitors`` keeps the page each visitor would get (per address with
its parameters, language and htmx request) in Django's cache, and answers the next visitor from there.

What keeps it right:

- *A page is kept with what it read.* While it is rendered, every table its queries read is recorded,
  and every set of figures it took from the cache (``gealc.core.figures``), each with its version. The
  kept page is answered only while all those versions are the same.
- *Any write bumps the version of its table.* A hook on every database connection (``watch_writes``)
  sees each ``INSERT``, ``UPDATE`` and ``DELETE`` the platform sends, whether from a service, a bulk
  query, a migration or the admin, and bumps the table's version once the transaction commits (at once
  in autocommit). A ballot cast thus renders again the pages that read ballots, not the software
  catalogue.
- *A write may say it touches only part of a table*, when visitors' pages read a table by parts (the
  ballots of one election): what runs ``with writes_parts(Ballot, parts=["election:7"])`` bumps those
  parts' versions besides the table's, and a page that reads only some parts says so while it reads
  them (``with reads_parts(Ballot, parts=["election:7"])``): it depends on those parts, and on every
  write to the table that named no part, not on the table's version. Writes of rows no visitor sees in
  any page or count (a draft) run ``with writes_unseen(CooperationRequest)`` and bump nothing. Both
  say so of the statements inside the block only; any other write names no part.
- *Only what is alike for everyone is kept.* Signed-in people (their header, their drafts and their
  actions differ), requests carrying messages for the visitor, answers other than 200 and answers that
  set a cookie are always rendered afresh. The form token (CSRF) differs per visitor: the kept page holds
  a marker where the token goes, and each answer writes the visitor's own token there.
- *Nothing is kept or read inside a transaction*, where the page could show rows not yet committed (and
  the test suite, whose tests each run in one, always sees pages as rendered).
- *Time passes*: a call closes on its last day and a meeting becomes past without any write, so a kept
  page is read again after ``PAGE_CACHE_SECONDS`` (60 by default; 0 keeps nothing).

Without ``REDIS_URL`` each process has its own cache and sees only the writes made through it, so another
process's change shows within ``PAGE_CACHE_SECONDS``; with Redis every app server sees it at once. A
version lost from the cache starts again at the current time in nanoseconds, never at a value a kept page
may hold.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from gealc.core import figures

# Where a kept page's form token goes: replaced by each visitor's own (``csrf_marker``).
CSRF_MARKER = "gealc-kept-page-csrf-token"
# Tables whose rows no page shows: a sign-in writes them, and it changes no public page.
UNSEEN_TABLES = frozenset({"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"})

_KEEPING = "_gealc_keeping_page"


def _seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def table_key(table: str) -> str:
    """The cache key of a table's version."""
    return f"pages:table:{table}:version"


def part_key(table: str, part: str) -> str:
    """The cache key of the version of a part of a table (see ``writes_parts``)."""
    return f"pages:table:{table}:part:{part}"


def unparted_key(table: str) -> str:
    """The cache key bumped by every write to a table that named no part of it."""
    return f"pages:table:{table}:unparted"


def _table(model: type[models.Model] | str) -> str:
    return model if isinstance(model, str) else model._meta.db_table


def _versions(keys: Iterable[str]) -> dict[str, Any]:
    """The current version of each key; those not in the cache start at the current time, all written
    at once (a page reading 200 parts for the first time makes one round trip, not 400). Two readers
    starting the same key, or a write bumping it meanwhile, can leave a kept page holding a version that
    is no longer current: it is rendered again, never answered stale."""
    keys = list(keys)
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        now = time.time_ns()
        started = {key: now for key in missing}
        cache.set_many(started, timeout=None)
        found.update(started)
    return found


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache: start past any version a kept page may hold
        cache.set(key, time.time_ns(), timeout=None)


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
    return f"pages:page:{hashlib.sha256(name.encode()).hexdigest()}"


def _answer(request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
    content: bytes = kept["content"]
    marker = CSRF_MARKER.encode()
    if marker in content:
        content = content.replace(marker, get_token(request).encode())
    response = HttpResponse(content, status=200)
    for header, value in kept["headers"]:
        response[header] = value
    return response


def _render(view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    """The view's answer, with the version of each table and set of figures it read."""
    read: dict[str, Any] = {}
    figures.record(read)
    setattr(request, _KEEPING, True)
    try:
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
    finally:
        figures.record(None)
        setattr(request, _KEEPING, False)
    return response, read


def kept_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer visitors who are not signed in from the kept page (see the module's description)."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _keepable(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None and _versions(kept["read"]) == kept["read"]:
            return _answer(request, kept)
        response, read = _render(view, request, *args, **kwargs)
        if response.streaming:
            return response
        if response.status_code != 200 or response.cookies:
            # Not kept; written as any page (the marker, if the page has a form, becomes the token).
            if CSRF_MARKER.encode() in response.content:
                response.content = response.content.replace(CSRF_MARKER.encode(), get_token(request).encode())
            return response
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        kept = {"content": response.content, "headers": headers, "read": read}
        cache.set(key, kept, timeout=_seconds())
        return _answer(request, kept)

    return answer


def csrf_marker(request: HttpRequest) -> dict[str, Any]:
    """A context processor: while a page is being kept, its form token is the marker (after Django's own
    ``csrf`` processor, which it overrides for that page only)."""
    return {"csrf_token": CSRF_MARKER} if getattr(request, _KEEPING, False) else {}


def kept_api(urls: tuple[list[Any], str, str]) -> tuple[list[Any], str, str]:
    """The API's routes (``NinjaAPI.urls``) with every anonymous ``GET`` kept as a page is: the public
    lists and records answer every client alike (a token's or a session's requests are never kept)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = kept_for_visitors(pattern.callback)
    return patterns, app_name, namespace


# What a page reads, what a write changes ---------------------------------------------------------------

# The tables read by parts in the block running in this thread (``reads_parts``).
_parted = threading.local()


@contextmanager
def reads_parts(*tables: type[models.Model] | str, parts: Iterable[str]) -> Iterator[None]:
    """While the page being kept runs the block, its queries read only ``parts`` of these tables (every
    row they read belongs to one of them): the page depends on those parts' versions, and on writes to
    the tables that named no part, instead of on every write to the tables. Elsewhere it changes
    nothing. Queries of the block that read other tables depend on them as always."""
    read = figures.recording()
    if read is None:
        yield
        return
    names = {_table(table) for table in tables}
    keys = [part_key(name, part) for name in sorted(names) for part in parts]
    keys += [unparted_key(name) for name in sorted(names)]
    read.update(_versions([key for key in keys if key not in read]))
    before: frozenset[str] = getattr(_parted, "tables", frozenset())
    _parted.tables = before | names
    try:
        yield
    finally:
        _parted.tables = before


# What the block running in this thread says of its writes (``writes_parts``, ``writes_unseen``).
_writing = threading.local()


@contextmanager
def writes_parts(*tables: type[models.Model] | str, parts: Iterable[str]) -> Iterator[None]:
    """What the block writes to these tables belongs to ``parts`` only: a page that reads other parts of
    them stays as it is (``reads_parts``). Writes to them outside the block name no part."""
    before: dict[str, frozenset[str]] = getattr(_writing, "parts", {})
    named = frozenset(parts)
    _writing.parts = {
        **before,
        **{_table(table): before.get(_table(table), frozenset()) | named for table in tables},
    }
    try:
        yield
    finally:
        _writing.parts = before


@contextmanager
def writes_unseen(*tables: type[models.Model] | str) -> Iterator[None]:
    """What the block writes to these tables is nothing a visitor sees, on any page or in any count (a
    draft, before it is submitted): no kept page is read again for it. Only for such rows."""
    before: frozenset[str] = getattr(_writing, "unseen", frozenset())
    _writing.unseen = before | {_table(table) for table in tables}
    try:
        yield
    finally:
        _writing.unseen = before


_WRITE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE
)
# Every table a query reads: Django quotes their names after FROM and JOIN, subqueries included.
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
_pending = threading.local()
# Written without naming a part: bumps the table's version for pages that read it by parts too.
_UNPARTED = ""


def _transaction_state(wrapper: BaseDatabaseWrapper) -> dict[str, set[str]]:
    """The tables the running transaction wrote, each with the parts its writes named (``_UNPARTED``
    for writes that named none), bumped by one callback once it commits.

    The list of callbacks is a new one after each commit or rollback (and after rolling back to a
    savepoint that dropped ours), so a new transaction registers again."""
    if getattr(_pending, "callbacks", None) is not wrapper.run_on_commit:
        written: dict[str, set[str]] = {}
        _pending.callbacks, _pending.written = wrapper.run_on_commit, written

        def bump_written() -> None:
            for name, parts in sorted(written.items()):
                _bump_table(name, parts)

        transaction.on_commit(bump_written, using=wrapper.alias)
    written_now: dict[str, set[str]] = _pending.written
    return written_now


def _bump_table(table: str, parts: Iterable[str]) -> None:
    _bump(table_key(table))
    for part in sorted(parts):
        _bump(unparted_key(table) if part == _UNPARTED else part_key(table, part))


def _bump_after_commit(wrapper: BaseDatabaseWrapper, table: str) -> None:
    if table in getattr(_writing, "unseen", frozenset()):
        return
    parts = getattr(_writing, "parts", {}).get(table) or {_UNPARTED}
    if wrapper.in_atomic_block:
        _transaction_state(wrapper).setdefault(table, set()).update(parts)
    else:
        _bump_table(table, parts)


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    if isinstance(sql, str):
        read = figures.recording()
        if read is not None:
            # Each table's version before the query reads its rows: a write committed meanwhile makes
            # the page stale at once, never kept as current.
            parted: frozenset[str] = getattr(_parted, "tables", frozenset())
            tables = [table_key(table) for table in _READ.findall(sql) if table not in parted]
            new = [key for key in dict.fromkeys(tables) if key not in read]
            if new:
                read.update(_versions(new))
        written = _WRITE.match(sql)
        if written is not None:
            table = written.group(1).split(".")[-1]
            if table not in UNSEEN_TABLES:
                result = execute(sql, params, many, context)
                _bump_after_commit(context["connection"], table)
                return result
    return execute(sql, params, many, context)


def watch_writes(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On each new database connection (``connection_created``): watch what it reads and writes."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)
