"""The API's expert and request lists page by cursor: ``next`` leads from the first page to the last,
each row once and in the list's order, every page in the same few queries however deep."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from gealc.cooperation.models import CooperationRequest, Expert, RequestState
from gealc.core.testing import queries_for
from gealc.members.models import Country, Person


def _roster(count: int) -> None:
    """``count`` validated, public experts; names repeat, so the order needs its tie-break."""
    countries = list(Country.objects.members().order_by("iso3")[:5])
    people = Person.objects.bulk_create(
        [
            Person(
                name=f"Expert {number % 7:02d}",
                email=f"expert{number}@example.org",
                country=countries[number % 5],
            )
            for number in range(count)
        ]
    )
    Expert.objects.bulk_create(
        [
            Expert(
                person=person,
                country=person.country,
                bio_en="Works on digital government.",
                original_language="en",
                consent_public=True,
                status=Expert.Status.VALIDATED,
                validated_at=timezone.now(),
            )
            for person in people
        ]
    )


def _requests(call: Any, actor: Any, count: int) -> None:
    """``count`` approved requests; several were recorded at the same instant."""
    uruguay = Country.objects.get(iso3="URY")
    start = timezone.localdate()
    created = CooperationRequest.objects.bulk_create(
        [
            CooperationRequest(
                call=call,
                country=uruguay,
                title_en=f"Request {number}",
                problem_en="A problem.",
                outputs_en="Outputs.",
                original_language="en",
                languages=["es"],
                modality="remote",
                window_start=start,
                window_end=start + datetime.timedelta(days=30),
                state=RequestState.APPROVED,
                created_by=actor,
            )
            for number in range(count)
        ]
    )
    instant = timezone.now() - datetime.timedelta(days=1)
    CooperationRequest.objects.filter(pk__in=[r.pk for r in created[::3]]).update(created_at=instant)


def _follow(client: Client, url: str) -> tuple[list[dict[str, Any]], list[int], int]:
    """Every item met following ``next`` from ``url``, the queries of each page, and the count."""
    items: list[dict[str, Any]] = []
    queries: list[int] = []
    count = -1
    while url:
        parts = urlsplit(url)
        path = f"{parts.path}?{parts.query}" if parts.query else parts.path
        queries.append(queries_for(client, path))
        page = client.get(path).json()
        count = page["count"]
        items += page["items"]
        url = page["next"]
    return items, queries, count


def test_following_next_through_the_roster_gives_every_expert_once_in_order(client, fund):
    _roster(53)
    everyone = client.get("/api/v1/cooperation/experts", {"limit": 200}).json()

    items, queries, count = _follow(client, "/api/v1/cooperation/experts?limit=10")

    assert [item["id"] for item in items] == [item["id"] for item in everyone["items"]]
    assert len({item["id"] for item in items}) == len(items) == count == everyone["count"]
    assert everyone["next"] is None
    assert len(queries) == 6 and len(set(queries)) == 1  # every page, the last too, in as many queries
    assert "person_id" not in items[0]


def test_following_next_through_the_requests_gives_every_request_once_newest_first(client, fund):
    _requests(fund.call, fund.cast.secretariat, 41)
    everyone = client.get("/api/v1/cooperation/requests", {"limit": 200}).json()

    items, queries, count = _follow(client, "/api/v1/cooperation/requests?limit=7")

    assert [item["id"] for item in items] == [item["id"] for item in everyone["items"]]
    assert len({item["id"] for item in items}) == len(items) == count == 41
    times = [item["created_at"] for item in items]
    assert times == sorted(times, reverse=True)
    assert len(set(queries)) == 1


def test_next_keeps_the_filters_and_the_page_size(client, fund):
    _roster(30)
    page = client.get("/api/v1/cooperation/experts", {"limit": 5, "country": "ARG"}).json()

    query = urlsplit(page["next"]).query
    assert "limit=5" in query and "country=ARG" in query and "after=" in query
    following = client.get(f"/api/v1/cooperation/experts?{query}").json()
    assert {item["country"] for item in following["items"]} == {"ARG"}


def test_a_page_by_offset_still_answers_and_leads_on_by_cursor(client, fund):
    _roster(25)
    everyone = client.get("/api/v1/cooperation/experts", {"limit": 200}).json()["items"]

    page = client.get("/api/v1/cooperation/experts", {"limit": 5, "offset": 10}).json()
    following = client.get(page["next"].removeprefix("http://testserver")).json()

    assert [item["id"] for item in page["items"]] == [item["id"] for item in everyone[10:15]]
    assert [item["id"] for item in following["items"]] == [item["id"] for item in everyone[15:20]]


def test_a_deep_page_takes_the_queries_of_the_first(client, fund):
    _roster(60)
    last = client.get("/api/v1/cooperation/experts", {"limit": 50}).json()["next"]

    first = queries_for(client, "/api/v1/cooperation/experts?limit=50")
    deep = queries_for(client, last.removeprefix("http://testserver"))

    assert deep == first


@pytest.mark.parametrize("cursor", ["nonsense", "WzFd", "WyJhIiwiYiJd", "eyJhIjoxfQ", "WyJhIixudWxsXQ"])
def test_a_cursor_the_list_did_not_give_answers_that_the_page_does_not_exist(client, fund, cursor):
    response = client.get("/api/v1/cooperation/experts", {"after": cursor})

    assert response.status_code == 404
    assert response.json()["field"] == "after"


def test_a_request_cursor_that_is_not_a_time_answers_that_the_page_does_not_exist(client, fund):
    response = client.get("/api/v1/cooperation/requests", {"after": "WyJ5ZXN0ZXJkYXkiLDFd"})

    assert response.status_code == 404
    assert response.json()["field"] == "after"
