"""What the fund's API reads and answers. Amounts are decimal strings in the call's currency."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gealc.cooperation.models import Call, CooperationRequest, Expert, ExpertProposal, Mission, MissionState
from gealc.core.api import LanguageCode as TextLanguage
from gealc.core.api import (
    ServiceErrorOut,
    Texts,
    ValidationErrorOut,
    original_language_in,
    resolve_translations,
    texts_in,
    texts_out,
    translations_out,
)

# Refusals a write can meet: a state that does not allow it (409), input that a service or the schema
# refuses (422).
REFUSED: dict[int, Any] = {409: ServiceErrorOut, 422: ServiceErrorOut | ValidationErrorOut}

MAX_ID = 2**63 - 1
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]
AreaCode = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,40}$", description="Code of an expertise area")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-zA-Z]{2}$", description="ISO 639-1 code")]
ModalityCode = Literal["on_site", "remote", "mixed"]
RequestStateCode = Literal[
    "draft", "submitted", "approved", "rejected", "matched", "mission_planned", "in_progress", "completed",
    "reported", "closed", "withdrawn",
]  # fmt: skip
ShortText = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=10000)]


class AreaOut(Schema):
    code: str
    name: str


# Calls ------------------------------------------------------------------------------------------------


class PerDiemIn(Schema):
    country: CountryCode
    amount: Money


class PerDiemOut(Schema):
    country: str
    amount: Decimal

    @staticmethod
    def resolve_country(obj: Any) -> str:
        return str(obj.country.iso3)


class CallIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    title: Texts = texts_in(Call, "title")
    original_language: TextLanguage = original_language_in()
    currency: str = Field("USD", pattern=r"^[A-Za-z]{3}$", description="ISO 4217 code")
    budget: Money
    opens_on: datetime.date
    closes_on: datetime.date
    max_days_per_mission: int = Field(..., ge=1, le=366)
    max_cost_per_mission: Money
    default_per_diem: Money
    per_diem_rates: list[PerDiemIn] = Field(default_factory=list, max_length=300)


class CallOut(Schema):
    id: int
    year: int
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    original_language: str
    currency: str
    budget: Decimal
    committed: Decimal = Field(..., description="Approved costs of missions not yet closed")
    spent: Decimal = Field(..., description="Actual costs of closed missions")
    available: Decimal = Field(..., description="budget - committed - spent")
    opens_on: datetime.date
    closes_on: datetime.date
    max_days_per_mission: int
    max_cost_per_mission: Decimal
    default_per_diem: Decimal
    per_diem_rates: list[PerDiemOut]
    closed_at: datetime.datetime | None = Field(
        None, description="When the Secretariat closed the call; it then takes no more requests"
    )

    resolve_title_translations = resolve_translations("title")

    @staticmethod
    def resolve_per_diem_rates(obj: Call) -> list[Any]:
        return list(obj.per_diem_rates.all())


# Requests ---------------------------------------------------------------------------------------------


class RequestIn(Schema):
    country: CountryCode
    call: int | None = Field(
        None,
        ge=1,
        le=MAX_ID,
        description="The call; by default the one open today, else the next one announced",
    )
    title: Texts = texts_in(CooperationRequest, "title")
    problem: Texts = texts_in(CooperationRequest, "problem")
    outputs: Texts = texts_in(CooperationRequest, "outputs")
    original_language: TextLanguage = original_language_in()
    areas: list[AreaCode] = Field(..., min_length=1, max_length=20)
    languages: list[LanguageCode] = Field(
        default_factory=list, max_length=10, description="Preferred languages"
    )
    modality: ModalityCode
    window_start: datetime.date
    window_end: datetime.date
    host_institution: int | None = Field(None, ge=1, le=MAX_ID)


class RequestFilters(Schema):
    state: RequestStateCode | None = None
    country: CountryCode | None = None


class RequestOut(Schema):
    id: int
    call: int
    country: str = Field(..., description="ISO 3166-1 alpha-3 code of the requesting country")
    country_name: str
    host_institution: str | None
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    problem: str = texts_out("problem")
    problem_translations: dict[str, str] = translations_out("problem")
    outputs: str = texts_out("outputs")
    outputs_translations: dict[str, str] = translations_out("outputs")
    original_language: str
    areas: list[str]
    languages: list[str]
    modality: ModalityCode
    window_start: datetime.date
    window_end: datetime.date
    state: RequestStateCode
    rejection_reason: str
    created_at: datetime.datetime

    resolve_title_translations = resolve_translations("title")
    resolve_problem_translations = resolve_translations("problem")
    resolve_outputs_translations = resolve_translations("outputs")

    # Lists answer rows already shaped (``selectors.request_rows``); single requests are records.
    @staticmethod
    def resolve_call(obj: CooperationRequest | dict[str, Any]) -> int:
        return obj["call"] if isinstance(obj, dict) else obj.call_id

    @staticmethod
    def resolve_country(obj: CooperationRequest | dict[str, Any]) -> str:
        return obj["country"] if isinstance(obj, dict) else obj.country.iso3

    @staticmethod
    def resolve_country_name(obj: CooperationRequest | dict[str, Any]) -> str:
        return obj["country_name"] if isinstance(obj, dict) else obj.country.name

    @staticmethod
    def resolve_host_institution(obj: CooperationRequest | dict[str, Any]) -> str | None:
        if isinstance(obj, dict):
            return obj["host_institution"]
        return str(obj.host_institution) if obj.host_institution else None

    @staticmethod
    def resolve_areas(obj: CooperationRequest | dict[str, Any]) -> list[str]:
        return obj["areas"] if isinstance(obj, dict) else [area.code for area in obj.areas.all()]


class ChangeOut(Schema):
    action: str
    from_state: str
    to_state: str
    at: datetime.datetime
    mission: int | None

    @staticmethod
    def resolve_mission(obj: Any) -> int | None:
        return obj.mission_id


class RequestDetailOut(RequestOut):
    history: list[ChangeOut]
    missions: list[int]

    @staticmethod
    def resolve_history(obj: CooperationRequest) -> list[Any]:
        return list(obj.changes.order_by("at", "pk"))

    @staticmethod
    def resolve_missions(obj: CooperationRequest) -> list[int]:
        return list(obj.missions.order_by("pk").values_list("pk", flat=True))


class ReasonIn(Schema):
    reason: str = Field(..., min_length=1, max_length=5000)


class OptionalReasonIn(Schema):
    reason: str = Field("", max_length=5000)


# Experts and matches ----------------------------------------------------------------------------------


class ExpertBrief(Schema):
    id: int
    name: str
    country: str
    institution: str | None

    # Lists answer rows already shaped (``selectors.expert_rows``); single experts are records.
    @staticmethod
    def resolve_name(obj: Expert | dict[str, Any]) -> str:
        return obj["name"] if isinstance(obj, dict) else obj.person.name

    @staticmethod
    def resolve_country(obj: Expert | dict[str, Any]) -> str:
        return obj["country"] if isinstance(obj, dict) else obj.country.iso3

    @staticmethod
    def resolve_institution(obj: Expert | dict[str, Any]) -> str | None:
        if isinstance(obj, dict):
            return obj["institution"]
        return str(obj.person.institution) if obj.person.institution else None


class ExpertOut(ExpertBrief):
    areas: list[str]
    languages: list[str]
    bio: str = texts_out("bio")
    bio_translations: dict[str, str] = translations_out("bio")
    original_language: str
    available_from: datetime.date | None
    available_until: datetime.date | None
    status: Literal["offered", "validated", "retired", "declined"]
    decline_reason: str = Field("", description="Why the Secretariat declined the offer (declined only)")

    resolve_bio_translations = resolve_translations("bio")

    @staticmethod
    def resolve_areas(obj: Expert | dict[str, Any]) -> list[str]:
        return obj["areas"] if isinstance(obj, dict) else [area.code for area in obj.areas.all()]

    @staticmethod
    def resolve_languages(obj: Expert | dict[str, Any]) -> list[str]:
        return obj["languages"] if isinstance(obj, dict) else list(obj.person.languages or [])


class ExpertFilters(Schema):
    area: AreaCode | None = None
    country: CountryCode | None = None
    status: Literal["offered", "validated", "retired", "declined"] | None = Field(
        None, description="For the Secretariat, which sees the whole roster"
    )


class ExpertIn(Schema):
    country: CountryCode = Field(..., description="The offering country")
    name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., max_length=254, description="Contact address, never published")
    areas: list[AreaCode] = Field(..., min_length=1, max_length=20)
    languages: list[LanguageCode] = Field(..., min_length=1, max_length=10)
    bio: Texts | None = texts_in(Expert, "bio", required=False)
    original_language: TextLanguage = original_language_in()
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    available_from: datetime.date | None = None
    available_until: datetime.date | None = None
    consent_public: bool = False


class ExpertOfferOut(Schema):
    """The one answer to every offer, whether the e-mail was known or not (it is never told)."""

    status: Literal["received"]
    message: str


class ExpertProposalOut(Schema):
    """For the Secretariat: an offer naming a person already known, with what the country wrote."""

    id: int
    status: Literal["pending", "confirmed", "declined"]
    country: str = Field(..., description="The offering country")
    name: str = Field(..., description="The name the country wrote")
    languages: list[str]
    person: int
    person_name: str
    person_country: str | None
    on_roster: bool

    @staticmethod
    def resolve_country(obj: ExpertProposal) -> str:
        return obj.country.iso3

    @staticmethod
    def resolve_person(obj: ExpertProposal) -> int:
        return obj.person_id

    @staticmethod
    def resolve_person_name(obj: ExpertProposal) -> str:
        return obj.person.name

    @staticmethod
    def resolve_person_country(obj: ExpertProposal) -> str | None:
        return obj.person.country.iso3 if obj.person.country else None

    @staticmethod
    def resolve_on_roster(obj: ExpertProposal) -> bool:
        return hasattr(obj.person, "expert_profile")


class ExpertProposalConfirmIn(Schema):
    person_country: bool = Field(
        False,
        description="Also record the person as of the offering country (otherwise their country is kept)",
    )


class ReasonOut(Schema):
    points: int
    text: str


class ProposalOut(Schema):
    rank: int
    expert: ExpertBrief
    score: int
    reasons: list[ReasonOut]


class MatchIn(Schema):
    experts: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(..., min_length=1, max_length=20)
    override_reason: str = Field(
        "", max_length=5000, description="Needed when the pick is not the best-ranked"
    )


class MatchOut(Schema):
    expert: ExpertBrief
    rank: int | None
    score: int
    reasons: list[ReasonOut]
    override_reason: str


# Missions ---------------------------------------------------------------------------------------------


class MissionIn(Schema):
    expert: int = Field(..., ge=1, le=MAX_ID)
    start_date: datetime.date
    end_date: datetime.date
    modality: ModalityCode | None = Field(None, description="By default the request's")
    destination: CountryCode | None = Field(None, description="By default the requesting country")
    days: int | None = Field(
        None, ge=0, le=366, description="Days of per diem; by default the whole mission on site"
    )
    travel_cost: Money = Decimal("0")
    other_cost: Money = Decimal("0")
    other_description: str = Field("", max_length=300)


class BudgetOut(Schema):
    travel: Decimal
    per_diem_rate: Decimal
    days: int
    per_diem: Decimal
    other: Decimal
    other_description: str
    total: Decimal


class MissionOut(Schema):
    id: int
    request: int
    call: int
    currency: str
    expert: ExpertBrief | None = Field(..., description="Empty for the public when the expert is not listed")
    provider: str
    recipient: str
    destination: str
    modality: ModalityCode
    start_date: datetime.date
    end_date: datetime.date
    state: Literal["planned", "approved", "in_progress", "completed", "closed", "cancelled"]
    budget: BudgetOut | None = Field(..., description="For the Secretariat, the expert and both countries")
    committed: Decimal | None = Field(..., description="What the call holds for the mission now")
    actual: BudgetOut | None = Field(..., description="The actual costs, once the mission is closed")
    reports: list[Literal["expert", "host"]]


def mission_out(mission: Mission, *, details: bool, show_expert: bool, reports: list[str]) -> dict[str, Any]:
    """The mission as the API shows it; its money only with ``details``."""

    def budget(travel: Decimal, days: int, other: Decimal) -> dict[str, Any]:
        per_diem = mission.per_diem_rate * days
        return {
            "travel": travel,
            "per_diem_rate": mission.per_diem_rate,
            "days": days,
            "per_diem": per_diem,
            "other": other,
            "other_description": mission.other_description,
            "total": travel + per_diem + other,
        }

    closed = mission.state == MissionState.CLOSED and mission.actual_cost is not None
    return {
        "id": mission.pk,
        "request": mission.request_id,
        "call": mission.call_id,
        "currency": mission.call.currency,
        "expert": mission.expert if show_expert else None,
        "provider": mission.provider.iso3,
        "recipient": mission.recipient.iso3,
        "destination": mission.destination.iso3,
        "modality": mission.modality,
        "start_date": mission.start_date,
        "end_date": mission.end_date,
        "state": mission.state,
        "budget": budget(mission.travel_cost, mission.days, mission.other_cost) if details else None,
        "committed": mission.committed if details else None,
        "actual": budget(mission.actual_travel_cost, mission.actual_days, mission.actual_other_cost)  # type: ignore[arg-type]
        if closed and details
        else None,
        "reports": reports,
    }


class CloseIn(Schema):
    actual_travel_cost: Money
    actual_days: int = Field(..., ge=0, le=366)
    actual_other_cost: Money = Decimal("0")


class ReportIn(Schema):
    kind: Literal["expert", "host"]
    outputs: LongText = Field("", description="Expert: what the mission produced")
    recommendations: LongText = Field("", description="Expert: what the host should do next")
    results: LongText = Field("", description="Host: what the mission changed")
    rating: int | None = Field(None, ge=1, le=5, description="Host: the mission rated from 1 to 5")
    language: TextLanguage = "en"


class ReportOut(Schema):
    id: int
    mission: int
    kind: Literal["expert", "host"]
    submitted_at: datetime.datetime

    @staticmethod
    def resolve_mission(obj: Any) -> int:
        return obj.mission_id


# Flows ------------------------------------------------------------------------------------------------


class FlowFilters(Schema):
    year: int | None = Field(None, ge=2000, le=2100, description="Missions that started in this year")


class FlowOut(Schema):
    provider: str = Field(..., description="ISO 3166-1 alpha-3 code of the country that sent the experts")
    provider_name: str
    recipient: str = Field(..., description="ISO 3166-1 alpha-3 code of the country that received them")
    recipient_name: str
    missions: int
