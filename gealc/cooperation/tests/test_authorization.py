"""Who may take each step of the fund, for every role of the cast. The table is the specification:
loosening a rule makes a row fail. DENY is a 403, or a 404 for a record the role may not even see;
REFUSED a 409 or 422 that the role is allowed to read. Whatever the answer, no step changes a person's
or an institution's existing record: those are shared by every app and country."""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from itertools import count
from typing import Any

import pytest
from django.test import Client

from gealc.cooperation import services
from gealc.cooperation.models import Call, Expert, ExpertProposal, Mission
from gealc.cooperation.tests.conftest import Fund, days, offer, on_the_day
from gealc.members.models import Institution, Person
from gealc.members.tests.factories import PersonFactory, country

ALLOW, DENY, LOGIN, REFUSED = "allow", "deny", "login", "refused"
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
# Brazil's delegate gets the same answer as for anyone new: the offer waits for the Secretariat.
OFFER_FOR_BRAZIL = [LOGIN, DENY, ALLOW, DENY, DENY, ALLOW, DENY, DENY, DENY]

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
    "offer a Brazilian expert": OFFER_FOR_BRAZIL,
    "offer as Brazilian an expert with the e-mail of a person of another country": OFFER_FOR_BRAZIL,
    "offer as Brazilian an expert with the e-mail of a person without a country": OFFER_FOR_BRAZIL,
    "offer as Brazilian an expert with the e-mail of someone already on the roster": [
        LOGIN,
        DENY,
        REFUSED,  # the Secretariat may know it
        DENY,
        DENY,
        ALLOW,
        DENY,
        DENY,
        DENY,
    ],
    "confirm a proposal naming a known person": ONLY_SECRETARIAT,
    "decline a proposal naming a known person": ONLY_SECRETARIAT,
    "validate an offered expert": ONLY_SECRETARIAT,
    "decline an offered expert": ONLY_SECRETARIAT,
    "offer again an expert the Secretariat declined": [
        LOGIN,
        DENY,
        ALLOW,
        ALLOW,
        ALLOW,
        DENY,
        DENY,
        DENY,
        DENY,
    ],
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


def offer_to_brazil(fund: Fund, person: Any) -> dict[str, Any]:
    return {
        "country": "BRA",
        "name": "Someone",
        "email": person.email.upper(),
        "areas": ["open-data"],
        "languages": ["pt"],
        "original_language": "pt",
        "consent_public": True,
    }


def on_the_roster(fund: Fund, n: int) -> Person:
    expert = offer(fund.cast.secretariat, "URY", f"Uma {n}", f"uma{n}@agesic.gub.uy", ["open-data"], ["es"])
    return services.expert_validate(actor=fund.cast.secretariat, expert=expert).person


def declined(fund: Fund, n: int) -> Expert:
    expert = offer(
        fund.cast.uruguay_delegate, "URY", f"Uriel {n}", f"uriel{n}@agesic.gub.uy", ["open-data"], ["es"]
    )
    return services.expert_decline(actor=fund.cast.secretariat, expert=expert, reason="No project is named.")


def proposal(fund: Fund, n: int) -> ExpertProposal:
    person = Person.objects.create(name=f"Olga {n}", email=f"olga{n}@agesic.gub.uy", country=country("URY"))
    services.expert_offer(
        actor=fund.cast.brazil_delegate,
        country=country("BRA"),
        name="Someone",
        email=person.email,
        areas=["open-data"],
        languages=["pt"],
        original_language="pt",
    )
    return ExpertProposal.objects.get(person=person)


def proposal_is(status: str) -> Callable[[Any], bool]:
    def check(record: Any) -> bool:
        record.refresh_from_db()
        return bool(record.status == status)

    return check


def proposed_by_brazil(person: Person) -> bool:
    return ExpertProposal.objects.filter(person=person, country__iso3="BRA").exists()


def kept_for_the_secretariat(person: Person) -> bool:
    """A country's offer is a proposal; the Secretariat's own puts the person on the roster."""
    return (
        Expert.objects.filter(person=person).exists() or ExpertProposal.objects.filter(person=person).exists()
    )


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
    "offer as Brazilian an expert with the e-mail of a person of another country": Action(
        lambda fund, n: PersonFactory(name=f"Olga {n}", country=country("URY")),
        lambda _: "/api/v1/cooperation/experts",
        offer_to_brazil,
        kept_for_the_secretariat,
    ),
    "offer as Brazilian an expert with the e-mail of a person without a country": Action(
        lambda fund, n: PersonFactory(name=f"Nadie {n}"),
        lambda _: "/api/v1/cooperation/experts",
        offer_to_brazil,
        kept_for_the_secretariat,
    ),
    "offer as Brazilian an expert with the e-mail of someone already on the roster": Action(
        on_the_roster,
        lambda _: "/api/v1/cooperation/experts",
        offer_to_brazil,
        proposed_by_brazil,
    ),
    "confirm a proposal naming a known person": Action(
        proposal,
        lambda p: f"/api/v1/cooperation/experts/proposals/{p.pk}/confirm",
        lambda f, p: {},
        proposal_is("confirmed"),
    ),
    "decline a proposal naming a known person": Action(
        proposal,
        lambda p: f"/api/v1/cooperation/experts/proposals/{p.pk}/decline",
        lambda f, p: {},
        proposal_is("declined"),
    ),
    "validate an offered expert": Action(
        lambda fund, n: offer(
            fund.cast.secretariat, "ARG", f"Ana {n}", f"ana{n}@argentina.gob.ar", ["open-data"], ["es"]
        ),
        lambda e: f"/api/v1/cooperation/experts/{e.pk}/validate",
        lambda f, e: {},
        lambda e: Expert.objects.get(pk=e.pk).status == "validated",
    ),
    "decline an offered expert": Action(
        lambda fund, n: offer(
            fund.cast.secretariat, "ARG", f"Ana {n}", f"ana{n}@argentina.gob.ar", ["open-data"], ["es"]
        ),
        lambda e: f"/api/v1/cooperation/experts/{e.pk}/decline",
        lambda f, e: {"reason": "No project is named."},
        lambda e: Expert.objects.get(pk=e.pk).status == "declined",
    ),
    "offer again an expert the Secretariat declined": Action(
        declined,
        lambda _: "/api/v1/cooperation/experts",
        lambda f, e: {
            "country": "URY",
            "name": e.person.name,
            "email": e.person.email,
            "areas": ["open-data"],
            "languages": ["es"],
            "original_language": "es",
        },
        lambda e: Expert.objects.get(pk=e.pk).status == "offered",
    ),
    "open a call": Action(
        nothing,
        lambda _: "/api/v1/cooperation/calls",
        lambda f, _: {
            "year": 2027,
            "title": {"en": f"Call {Call.objects.count()}"},
            "original_language": "en",
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


def shared_records() -> dict[str, list[dict[str, Any]]]:
    return {
        "people": [dict(row) for row in Person.objects.order_by("pk").values()],
        "institutions": [dict(row) for row in Institution.objects.order_by("pk").values()],
    }


def attempt(client: Client, action: Action, fund: Fund, target: Any) -> str:
    url = action.url(target)
    body = action.body(fund, target)
    before = shared_records()
    # A mission's steps are tried on its first day, when starting it is allowed.
    with on_the_day(target.start_date) if isinstance(target, Mission) else contextlib.nullcontext():
        if url.endswith("/matches") and not body:
            response = client.get(url)
        else:
            response = client.post(url, body, content_type="application/json")
    after = shared_records()
    # New people may be created (an offer of someone unknown); no existing one changes.
    assert [p for p in after["people"] if p["id"] <= max(q["id"] for q in before["people"])] == before[
        "people"
    ], f"{url} changed a person's record"
    assert after["institutions"] == before["institutions"], f"{url} changed an institution"
    if response.status_code in (200, 201, 202):
        assert action.done(target), f"{url} answered {response.status_code} but nothing changed"
        return ALLOW
    if response.status_code in (409, 422):
        return REFUSED
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
