"""Helpers for every app's tests."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def queries_for(client: Client, url: str, data: dict[str, Any] | None = None, *, status: int = 200) -> int:
    """How many database queries one GET of ``url`` takes; the answer must have ``status``.

    Lists and pages compare this before and after adding rows, so that an N+1 cannot come back silently.
    """
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
        assert response.status_code == status, (url, response.status_code)
    return len(captured.captured_queries)
