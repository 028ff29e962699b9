"""The benchmark's WSGI application: the platform, plus the raw-SQL floor under ``/__floor__/``, with
the number of SQL queries of each platform request in an ``X-Bench-Queries`` header. Only the
benchmark serves it (``gunicorn gealc.bench.wsgi:application``); production serves ``gealc.wsgi``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection

from gealc.bench import floor
from gealc.wsgi import application as platform

QUERIES_HEADER = "X-Bench-Queries"


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("PATH_INFO", "").startswith(floor.PREFIX):
        return floor.application(environ, start_response)
    queries = [0]

    def count(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        queries[0] += 1
        return execute(sql, params, many, context)

    def start(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
        return start_response(status, [*headers, (QUERIES_HEADER, str(queries[0]))], exc_info)

    with connection.execute_wrapper(count):
        return platform(environ, start)
