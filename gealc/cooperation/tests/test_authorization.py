"""Who may take each step of the fund, for every role of the cast. The table is the specification:
loosening a rule makes a row fail. DENY is a 403, or a 404 for a record the role may not even see."""

from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

import pytest
from django.test import Client

from gealc.cooperation.models import Call, Expert
from gealc.cooperation.tests.conftest import Fund, days, offer

ALLOW, DENY, LOGIN = "allow", "deny", "login"
ROLES = [
    "anonymous",
    "nobody",
    "secretariat",
    "uruguay_head",
    "uruguay_delegate",
    "brazil_delegate",
    "chile_expert",
    "peru_juror",
    "spain_delegate",
]
ONLY_SECRETARIAT = [LOGIN, DENY, ALLOW, DENY, DENY, DENY, DENY, DENY, DENY]
ONLY_URUGUAY = [LOGIN, DENY, DENY, ALLOW, ALLOW, DENY, DENY, DENY, DENY]

MATRIX = {
    "draft a request for Uruguay": ONLY_URUGUAY,
    "draft a request for Spain, an observer": [LOGIN, DENY, DENY, DENY, DENY, DENY, DENY, DENY, DENY],
    "submit Uruguay's draft": ONLY_URUGUAY,
    "withdraw Uruguay's submitted request": ONLY_URUGUAY,
    "approve a submitted request": ONLY_SECRETARIAT,
    "reject a submitted request": ONLY_SECRETARIAT,
    "see the experts proposed for a request": ONLY_SECRETARIAT,
    "pick an expert for a request": ONLY_SECRETARIAT,
    "plan a mission": ONLY_SECRETARIAT,
    "approve a mission": ONLY_SECRETARIAT,
    "start a mission": [LOGIN, DENY, ALLOW, DENY, DENY, DENY, ALLOW, DENY, DENY],
    "write the expert's report": [LOGIN, DENY, DENY, DENY, DENY, DENY, ALLOW, DENY, DENY],
    "write the host country's report": ONLY_URUGUAY,
    "close a mission": ONLY_SECRETARIAT,
    "offer a Brazilian expert": [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY],
    "validate an offered expert": ONLY_SECRETARIAT,
    "open a call": ONLY_SECRETARIAT,
}


@dataclass
class Action:
    build: Callable[[Fund, int], Any]  # the record the action is about, fresh
    url: Callable[[Any], str]
    body: Callable[[Fund, Any], dict[str, Any]]
    done: Callable[[Any], bool]  # whether the action took effect


def request_body(iso3: str) -> Callable[[Fund, Any], dict[str, Any]]:
    def body(fund: Fund, _target: Any) -> dict[str, Any]:
        return {
            "country": iso3,
            "title": {"en": "Open data"},
            "problem": {"en": "x"},
            "outputs": {"en": "y"},
            "original_language": "en",
            "areas": ["open-data"],
            "modality": "remote",
            "window_start": days(5).isoformat(),
            "window_end": days(9).isoformat(),
        }

    return body


def state_is(state: str) -> Callable[[Any], bool]:
    def check(record: Any) -> bool:
        record.refresh_from_db()
        return bool(record.state == state)

    return check


def mission(state: str) -> Callable[[Fund, int], Any]:
    def build(fund: Fund, n: int) -> Any:
        return fund.mission_in(state, start_date=days(10 + 3 * n), end_date=days(11 + 3 * n), travel_cost=0)

    return build


def nothing(fund: Fund, n: int) -> None:
    return None


ACTIONS: dict[str, Action] = {
    "draft a request for Uruguay": Action(
        nothing, lambda _: "/api/v1/cooperation/requests", request_body("URY"), lambda _: True
    ),
    "draft a request for Spain, an observer": Action(
        nothing, lambda _: "/api/v1/cooperation/requests", request_body("ESP"), lambda _: True
    ),
    "submit Uruguay's draft": Action(
        lambda fund, n: fund.request_in("draft"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/submit",
        lambda fund, r: {},
        state_is("submitted"),
    ),
    "withdraw Uruguay's submitted request": Action(
        lambda fund, n: fund.request_in("submitted"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/withdraw",
        lambda fund, r: {},
        state_is("withdrawn"),
    ),
    "approve a submitted request": Action(
        lambda fund, n: fund.request_in("submitted"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/approve",
        lambda fund, r: {},
        state_is("approved"),
    ),
    "reject a submitted request": Action(
        lambda fund, n: fund.request_in("submitted"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/reject",
        lambda fund, r: {"reason": "Out of scope."},
        state_is("rejected"),
    ),
    "see the experts proposed for a request": Action(
        lambda fund, n: fund.request_in("approved"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/matches",
        lambda fund, r: {},  # a GET
        lambda _: True,
    ),
    "pick an expert for a request": Action(
        lambda fund, n: fund.request_in("approved"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/matches",
        lambda fund, r: {"experts": [fund.roster.chile.pk]},
        state_is("matched"),
    ),
    "plan a mission": Action(
        lambda fund, n: fund.request_in("matched"),
        lambda r: f"/api/v1/cooperation/requests/{r.pk}/missions",
        lambda fund, r: {
            "expert": fund.roster.chile.pk,
            "start_date": days(12).isoformat(),
            "end_date": days(13).isoformat(),
        },
        state_is("mission_planned"),
    ),
    "approve a mission": Action(
        mission("planned"),
        lambda m: f"/api/v1/cooperation/missions/{m.pk}/approve",
        lambda f, m: {},
        state_is("approved"),
    ),
    "start a mission": Action(
        mission("approved"),
        lambda m: f"/api/v1/cooperation/missions/{m.pk}/start",
        lambda f, m: {},
        state_is("in_progress"),
    ),
    "write the expert's report": Action(
        mission("completed"),
        lambda m: f"/api/v1/cooperation/missions/{m.pk}/reports",
        lambda f, m: {"kind": "expert", "outputs": "x", "recommendations": "y"},
        lambda m: m.reports.filter(kind="expert").exists(),
    ),
    "write the host country's report": Action(
        mission("completed"),
        lambda m: f"/api/v1/cooperation/missions/{m.pk}/reports",
        lambda f, m: {"kind": "host", "results": "x", "rating": 3},
        lambda m: m.reports.filter(kind="host").exists(),
    ),
    "close a mission": Action(
        mission("reported"),
        lambda m: f"/api/v1/cooperation/missions/{m.pk}/close",
        lambda f, m: {"actual_travel_cost": "0", "actual_days": 1},
        state_is("closed"),
    ),
    "offer a Brazilian expert": Action(
        nothing,
        lambda _: "/api/v1/cooperation/experts",
        lambda f, _: {
            "country": "BRA",
            "name": "B",
            "email": f"b{Expert.objects.count()}@gov.br",
            "areas": ["open-data"],
            "languages": ["pt"],
            "original_language": "pt",
        },
        lambda _: True,
    ),
    "validate an offered expert": Action(
        lambda fund, n: offer(
            fund.cast.secretariat, "ARG", f"Ana {n}", f"ana{n}@argentina.gob.ar", ["open-data"], ["es"]
        ),
        lambda e: f"/api/v1/cooperation/experts/{e.pk}/validate",
        lambda f, e: {},
        lambda e: Expert.objects.get(pk=e.pk).status == "validated",
    ),
    "open a call": Action(
        nothing,
        lambda _: "/api/v1/cooperation/calls",
        lambda f, _: {
            "year": 2027,
            "title": f"Call {Call.objects.count()}",
            "budget": "1",
            "opens_on": "2027-01-01",
            "closes_on": "2027-02-01",
            "max_days_per_mission": 1,
            "max_cost_per_mission": "1",
            "default_per_diem": "1",
        },
        lambda _: True,
    ),
}


def attempt(client: Client, action: Action, fund: Fund, target: Any) -> str:
    url = action.url(target)
    body = action.body(fund, target)
    if url.endswith("/matches") and not body:
        response = client.get(url)
    else:
        response = client.post(url, body, content_type="application/json")
    if response.status_code in (200, 201):
        assert action.done(target), f"{url} answered {response.status_code} but nothing changed"
        return ALLOW
    assert response.status_code in (401, 403, 404), (url, response.status_code, response.content)
    if target is not None and action.done is not None and not url.endswith("/matches"):
        assert not action.done(target) or action.build is nothing
    return {401: LOGIN, 403: DENY, 404: DENY}[response.status_code]


@pytest.mark.parametrize("name", list(MATRIX))
def test_each_role_gets_exactly_what_the_matrix_says(cast, fund, name: str):
    action = ACTIONS[name]
    builds = count()
    target = action.build(fund, next(builds))
    outcomes = {}
    for role, expected in zip(ROLES, MATRIX[name], strict=True):
        client = Client()
        if role != "anonymous":
            client.force_login(getattr(cast, role))
        got = attempt(client, action, fund, target)
        outcomes[role] = (got, expected)
        if got == ALLOW:
            target = action.build(fund, next(builds))
    wrong = {role: got for role, (got, expected) in outcomes.items() if got != expected}
    assert wrong == {}, f"{name}: {wrong}"
