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


class RefusingEmailBackend:
    """An e-mail backend whose server is down: every send raises, as smtplib does when it cannot connect.

    Use it with ``settings.EMAIL_BACKEND = "gealc.core.testing.RefusingEmailBackend"``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def open(self) -> bool:
        return True

    def close(self) -> None:
        pass

    def send_messages(self, messages: Any) -> int:
        import smtplib

        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
