"""What visitors' kept pages do when a request moves: a request they cannot see yet (a draft, one
submitted or rejected) renders none of them again; once approved it shows on the next view.

Outside a test transaction (``transaction=True``), as the platform serves: inside one nothing is kept."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from gealc.cooperation import services

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ("/", "/countries/URY/", "/cooperation/", "/api/v1/cooperation/requests")


def test_a_request_visitors_cannot_see_yet_keeps_their_pages_and_its_approval_shows(
    fund: Any, django_assert_num_queries: Any
) -> None:
    visitor = Client()
    for path in PAGES:
        assert visitor.get(path).status_code == 200

    request = fund.draft()
    services.request_submit(actor=fund.cast.uruguay_delegate, request=request)
    rejected = services.request_reject(
        actor=fund.cast.secretariat,
        request=services.request_submit(actor=fund.cast.uruguay_delegate, request=fund.draft()),
        reason="Out of scope.",
    )

    with django_assert_num_queries(0):
        for path in PAGES:
            assert visitor.get(path).status_code == 200

    services.request_approve(actor=fund.cast.secretariat, request=request)

    listed = [item["id"] for item in visitor.get("/api/v1/cooperation/requests").json()["items"]]
    assert request.pk in listed
    assert rejected.pk not in listed
