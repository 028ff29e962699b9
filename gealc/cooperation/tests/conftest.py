"""The fund's test world: an open call, a small roster of experts and a helper that walks a request of
Uruguay's to any state of the procedure through the services, as the people of the cast would."""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from gealc.cooperation import services
from gealc.cooperation.models import Call, CooperationRequest, Expert, Mission, MissionReport
from gealc.members.models import Country, Person


def country(iso3: str) -> Country:
    return Country.objects.get(iso3=iso3)


def days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@contextlib.contextmanager
def on_the_day(day: datetime.date) -> Iterator[None]:
    """Today is ``day`` for what runs inside (a mission is started on its first day, not before)."""
    with mock.patch.object(timezone, "localdate", return_value=day):
        yield


@pytest.fixture
def call(cast: Any) -> Call:
    return services.call_create(
        actor=cast.secretariat,
        year=timezone.localdate().year,
        title="Horizontal cooperation call",
        budget=Decimal("20000.00"),
        opens_on=days(-30),
        closes_on=days(60),
        max_days_per_mission=10,
        max_cost_per_mission=Decimal("5000.00"),
        default_per_diem=Decimal("200.00"),
        per_diem_rates={"URY": Decimal("250.00")},
    )


def offer(
    actor: Any, iso3: str, name: str, email: str, areas: list[str], languages: list[str], **extra: Any
) -> Expert:
    """An expert offered by ``actor``; a ``bio`` is in English."""
    if isinstance(extra.get("bio"), str):
        extra["bio"] = {"en": extra["bio"]}
    expert = services.expert_offer(
        actor=actor,
        country=country(iso3),
        name=name,
        email=email,
        areas=areas,
        languages=languages,
        **{"original_language": "en", **extra},
    )
    assert isinstance(expert, Expert), "an e-mail already known makes a proposal, not an expert"
    return expert


@dataclass
class Roster:
    chile: Expert  # the cast's Carla Expert: interoperability and digital identity, Spanish and English
    brazil: Expert  # interoperability, Portuguese and English, not listed publicly
    uruguay: Expert  # from the requesting country: never proposed to Uruguay
    argentina: Expert  # offered, not validated yet


@pytest.fixture
def roster(cast: Any) -> Roster:
    def validated(expert: Expert) -> Expert:
        return services.expert_validate(actor=cast.secretariat, expert=expert)

    # Carla's own record says what she speaks and where she is from: an offer never writes it.
    Person.objects.filter(user=cast.chile_expert).update(languages=["es", "en"], country=country("CHL"))

    return Roster(
        chile=validated(
            offer(
                cast.secretariat,
                "CHL",
                "Carla Expert",
                "expert@digital.gob.cl",
                ["interoperability", "digital-identity"],
                ["es", "en"],
                bio="Led Chile's interoperability platform.",
                consent_public=True,
            )
        ),
        brazil=validated(
            offer(
                cast.brazil_delegate,
                "BRA",
                "Beatriz Especialista",
                "beatriz@gov.br",
                ["interoperability"],
                ["pt", "en"],
            )
        ),
        uruguay=validated(
            offer(
                cast.uruguay_delegate,
                "URY",
                "Ulises Experto",
                "ulises@agesic.gub.uy",
                ["interoperability", "open-data"],
                ["es"],
                consent_public=True,
            )
        ),
        argentina=offer(
            cast.secretariat, "ARG", "Ana Pendiente", "ana@argentina.gob.ar", ["interoperability"], ["es"]
        ),
    )


@dataclass
class Fund:
    """Walks one request of Uruguay's through the procedure, each step taken by the role that may."""

    cast: Any
    call: Call
    roster: Roster

    def draft(self, **changes: Any) -> CooperationRequest:
        values: dict[str, Any] = {
            "country": country("URY"),
            "title": {"en": "Interoperability of the civil registry"},
            "problem": {"en": "Registries cannot exchange data."},
            "outputs": {"en": "A roadmap for a national interoperability platform."},
            "areas": ["interoperability", "digital-identity"],
            "languages": ["es"],
            "modality": "on_site",
            "window_start": days(10),
            "window_end": days(40),
            "original_language": "en",
        }
        values.update(changes)
        for name in ("title", "problem", "outputs"):
            if isinstance(values[name], str):
                values[name] = {values["original_language"]: values[name]}
        return services.request_draft(actor=self.cast.uruguay_delegate, **values)

    def request_in(self, state: str, *, slot: int = 0) -> CooperationRequest:
        """A request in ``state`` (one of the request states). Requests built side by side take different
        ``slot``s, so that their missions do not overlap (the expert cannot be in two places)."""
        request = self.draft()
        if state == "draft":
            return request
        if state == "withdrawn":
            return services.request_withdraw(actor=self.cast.uruguay_delegate, request=request)
        request = services.request_submit(actor=self.cast.uruguay_delegate, request=request)
        if state == "submitted":
            return request
        if state == "rejected":
            return services.request_reject(
                actor=self.cast.secretariat, request=request, reason="Out of scope."
            )
        request = services.request_approve(actor=self.cast.secretariat, request=request)
        if state == "approved":
            return request
        services.request_match(actor=self.cast.secretariat, request=request, experts=[self.roster.chile.pk])
        if state == "matched":
            return CooperationRequest.objects.get(pk=request.pk)
        mission_state = {
            "mission_planned": "planned",
            "in_progress": "in_progress",
            "completed": "completed",
            "reported": "reported",
            "closed": "closed",
        }[state]
        start = days(10 + 6 * slot)
        return self.mission_in(
            mission_state, request=request, start_date=start, end_date=start + datetime.timedelta(days=4)
        ).request

    def mission_in(self, state: str, *, request: CooperationRequest | None = None, **plan: Any) -> Mission:
        """A mission (of the Chilean expert, 5 days in Uruguay, 1,000 of travel) in ``state``; "reported"
        is a completed mission with both reports in."""
        if request is None:
            request = self.request_in("matched")
        secretariat = self.cast.secretariat
        values: dict[str, Any] = {
            "expert": self.roster.chile,
            "start_date": days(12),
            "end_date": days(16),
            "travel_cost": Decimal("1000.00"),
        }
        values.update(plan)
        mission = services.mission_plan(actor=secretariat, request=request, **values)
        if state == "planned":
            return Mission.objects.get(pk=mission.pk)
        if state == "cancelled":
            return services.mission_cancel(actor=secretariat, mission=mission, reason="The host postponed.")
        mission = services.mission_approve(actor=secretariat, mission=mission)
        if state == "approved":
            return mission
        with on_the_day(mission.start_date):
            mission = services.mission_start(actor=self.cast.chile_expert, mission=mission)
        if state == "in_progress":
            return mission
        mission = services.mission_complete(actor=self.cast.chile_expert, mission=mission)
        if state == "completed":
            return mission
        self.report(mission, "expert")
        self.report(mission, "host")
        if state == "reported":
            return Mission.objects.get(pk=mission.pk)
        return services.mission_close(
            actor=secretariat,
            mission=mission,
            actual_travel_cost=Decimal("900.00"),
            actual_days=4,
            actual_other_cost=Decimal("0"),
        )

    def report(self, mission: Mission, kind: str) -> MissionReport:
        if kind == "expert":
            return services.mission_report(
                actor=self.cast.chile_expert,
                mission=mission,
                kind="expert",
                outputs="A roadmap.",
                recommendations="Adopt a shared data catalogue.",
            )
        return services.mission_report(
            actor=self.cast.uruguay_head,
            mission=mission,
            kind="host",
            results="The roadmap was adopted.",
            rating=5,
        )


@pytest.fixture
def fund(cast: Any, call: Call, roster: Roster) -> Fund:
    return Fund(cast, call, roster)
