"""The fund's part: a call with its ledger, the expert roster, requests and their missions, and the
fund's pages and API. The call opens through its service; the rows below it are written in bulk with
the totals the services would keep (the call's committed amount is the sum of its ledger)."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from gealc.accounts.models import User
from gealc.bench.apps.accounts import SECRETARIAT_EMAIL, bearer, delegate_email
from gealc.bench.registry import EMAIL_DOMAIN, MARK, Contribution, Endpoint, Plan, Progress, Write
from gealc.cooperation import selectors, services
from gealc.cooperation.models import (
    Call,
    CooperationRequest,
    Expert,
    ExpertiseArea,
    LedgerEntry,
    Mission,
    MissionState,
    RequestState,
    StateChange,
)
from gealc.core.api import Keyset
from gealc.members.models import Country, Person

EXPERTS_PER_SCALE = 300
MISSIONS_PER_SCALE = 150
MISSION_COST = Decimal("1000.00")


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    officer = User.objects.get(email=SECRETARIAT_EMAIL)
    today = timezone.localdate()
    missions_count = MISSIONS_PER_SCALE * scale
    call = services.call_create(
        actor=officer,
        year=today.year,
        title=f"{MARK} Call {today.year}",
        budget=MISSION_COST * missions_count * 2,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=365),
        max_days_per_mission=10,
        max_cost_per_mission=Decimal("5000.00"),
        default_per_diem=Decimal("200.00"),
    )
    countries = list(Country.objects.members().order_by("iso3"))
    areas = list(ExpertiseArea.objects.all())
    count = EXPERTS_PER_SCALE * scale
    people = Person.objects.bulk_create(
        [
            Person(
                name=f"{MARK} Expert {number:06d}",
                email=f"expert{number}@{EMAIL_DOMAIN}",
                languages=rng.sample(["es", "en", "pt", "fr"], rng.randint(1, 3)),
                country=rng.choice(countries),
            )
            for number in range(count)
        ],
        batch_size=5000,
    )
    experts = Expert.objects.bulk_create(
        [
            Expert(
                person=person,
                country=person.country,
                bio_en=f"{MARK} Works on digital government.",
                original_language="en",
                consent_public=rng.random() < 0.8,
                status=Expert.Status.VALIDATED,
                validated_at=timezone.now(),
            )
            for person in people
        ],
        batch_size=5000,
    )
    through = Expert.areas.through
    through.objects.bulk_create(
        [
            through(expert_id=expert.pk, expertisearea_id=area.pk)
            for expert in experts
            for area in rng.sample(areas, min(len(areas), rng.randint(1, 3)))
        ],
        batch_size=10000,
    )
    progress(f"cooperation: {len(experts)} experts")

    requests = []
    for number in range(missions_count):
        start = today + datetime.timedelta(days=rng.randint(-700, 300))
        requests.append(
            CooperationRequest(
                call=call,
                country=rng.choice(countries),
                title_en=f"{MARK} Request {number}",
                problem_en=f"{MARK} A problem to solve.",
                outputs_en=f"{MARK} What the mission leaves.",
                original_language="en",
                languages=["es"],
                modality="remote",
                window_start=start,
                window_end=start + datetime.timedelta(days=60),
                state=RequestState.COMPLETED if number % 2 else RequestState.MISSION_PLANNED,
                created_by=officer,
            )
        )
    requests = CooperationRequest.objects.bulk_create(requests, batch_size=5000)
    request_areas = CooperationRequest.areas.through
    request_areas.objects.bulk_create(
        [request_areas(cooperationrequest_id=r.pk, expertisearea_id=rng.choice(areas).pk) for r in requests],
        batch_size=10000,
    )
    missions = []
    for request in requests:
        expert = rng.choice(experts)
        while expert.country_id == request.country_id:
            expert = rng.choice(experts)
        missions.append(
            Mission(
                request=request,
                call=call,
                expert=expert,
                provider_id=expert.country_id,
                recipient_id=request.country_id,
                destination_id=request.country_id,
                modality="remote",
                start_date=request.window_start,
                end_date=request.window_start + datetime.timedelta(days=4),
                days=5,
                per_diem_rate=Decimal("200.00"),
                committed=MISSION_COST,
                state=MissionState.COMPLETED
                if request.state == RequestState.COMPLETED
                else MissionState.APPROVED,
            )
        )
    missions = Mission.objects.bulk_create(missions, batch_size=5000)
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(call=call, mission=mission, kind="commit", amount=MISSION_COST, actor=officer)
            for mission in missions
        ],
        batch_size=5000,
    )
    StateChange.objects.bulk_create(
        [
            StateChange(request=request, action="draft", to_state="draft", actor=officer)
            for request in requests
        ],
        batch_size=5000,
    )
    Call.objects.filter(pk=call.pk).update(committed=MISSION_COST * len(missions))
    progress(f"cooperation: {len(requests)} requests with {len(missions)} missions")
    return {"experts": len(experts), "requests": len(requests), "missions": len(missions)}


def _cursors(
    queryset: QuerySet[Any], keys: tuple[str, ...], rng: random.Random, count: int = 20
) -> list[str]:
    """Pages as a client following ``next`` asks for them: the first, and ``after`` the cursors of
    rows drawn at random through the list (each the last row of some page)."""
    total = queryset.count()
    starts = rng.sample(range(1, total), min(count - 1, max(0, total - 1)))
    pages = [""]
    for start in sorted(starts):
        values = queryset.values_list(*(key.lstrip("-") for key in keys))[start - 1]
        cursor = Keyset(queryset, lambda page: [], keys=keys, key=lambda row: row["key"]).cursor(
            {"key": values}
        )
        pages.append(f"?after={cursor}")
    return pages


def plan(rng: random.Random, plan: Plan) -> None:
    public = AnonymousUser()
    expert_pages = _cursors(selectors.experts(public).prefetch_related(None), selectors.EXPERT_KEYS, rng)
    request_pages = _cursors(
        selectors.request_list(public).prefetch_related(None), selectors.REQUEST_KEYS, rng
    )
    plan.endpoints += [
        Endpoint("cooperation", "page", ["/cooperation/"]),
        Endpoint("fund dashboards", "page", ["/cooperation/dashboards/"]),
        Endpoint("experts page", "page", ["/cooperation/experts/"], paginated=True),
        Endpoint("API areas", "api", ["/api/v1/cooperation/areas"], paginated=True),
        Endpoint("API calls", "api", ["/api/v1/cooperation/calls"], paginated=True),
        Endpoint(
            "API requests",
            "api",
            [f"/api/v1/cooperation/requests{p}" for p in request_pages],
            paginated=True,
        ),
        Endpoint(
            "API experts",
            "api",
            [f"/api/v1/cooperation/experts{p}" for p in expert_pages],
            paginated=True,
        ),
        Endpoint("API flows", "api", ["/api/v1/cooperation/flows"]),
    ]
    plan.exports += [
        "/api/v1/cooperation/areas",
        "/api/v1/cooperation/calls",
        "/api/v1/cooperation/requests",
        "/api/v1/cooperation/experts",
    ]
    today = timezone.localdate()
    area = ExpertiseArea.objects.order_by("position", "code").values_list("code", flat=True).first()
    for iso3 in Country.objects.members().order_by("iso3").values_list("iso3", flat=True)[:10]:
        body = {
            "country": iso3,
            "title": {"en": f"{MARK} Drafted request"},
            "problem": {"en": "A problem."},
            "outputs": {"en": "Outputs."},
            "original_language": "en",
            "areas": [area],
            "modality": "remote",
            "window_start": str(today + datetime.timedelta(days=30)),
            "window_end": str(today + datetime.timedelta(days=90)),
        }
        headers = bearer(delegate_email(iso3))
        plan.writes += [Write("request draft", "POST", "/api/v1/cooperation/requests", headers, body)] * 200


CONTRIBUTION = Contribution("cooperation", generate, plan)
