from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from gealc.core.api import (
    LanguageCode,
    Texts,
    original_language_in,
    resolve_translations,
    texts_in,
    texts_out,
    translations_out,
)
from gealc.governance.models import Contest, Election, Meeting, Motion

Option = Literal["yes", "no", "abstain"]


class MeetingIn(Schema):
    kind: Literal["annual", "ministerial", "extraordinary", "executive_committee"] = "annual"
    ordinal: int | None = Field(None, ge=1, le=500, description="e.g. 9 for the IX Annual Meeting")
    title: Texts = texts_in(Meeting, "title")
    original_language: LanguageCode = original_language_in()
    start_date: datetime.date
    end_date: datetime.date
    host_country: str = Field(..., min_length=2, max_length=3, description="ISO 3166-1 code")
    city: str = Field(..., min_length=1, max_length=100)


class MeetingOut(Schema):
    id: int
    kind: str
    ordinal: int | None
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    start_date: datetime.date
    end_date: datetime.date
    host_country: str = Field(..., description="ISO 3166-1 alpha-3 code")
    city: str

    resolve_title_translations = resolve_translations("title")

    @staticmethod
    def resolve_host_country(obj: Any) -> str:
        return obj["host_country"] if isinstance(obj, dict) else obj.host_country.iso3


class ParticipantOut(Schema):
    country: str
    name: str
    status: str
    representatives: list[str]


class QuorumOut(Schema):
    present: int = Field(..., description="Member countries present")
    members: int = Field(..., description="Member countries of the network")
    required: int
    met: bool


class TurnoutOut(Schema):
    voted: int = Field(..., description="Member countries present that voted")
    present: int = Field(..., description="Member countries present")
    required: int = Field(..., description="Votes needed for a result under the network's minimum turnout")
    met: bool = Field(
        ..., description="False: the vote or election has no result (turnout below the minimum)"
    )
    complete: bool = Field(..., description="Every member country present voted")


class MotionSummary(Schema):
    id: int
    title: str
    rule: str
    status: str
    result: str


class ElectionSummary(Schema):
    id: int
    title: str
    ballot: str
    status: str


class AgendaItemOut(Schema):
    position: int
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")


class DocumentOut(Schema):
    title: str
    url: str
    language: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    documents: list[DocumentOut]
    participants: list[ParticipantOut]
    quorum: QuorumOut
    motions: list[MotionSummary]
    elections: list[ElectionSummary]


class ParticipantsIn(Schema):
    countries: list[str] = Field(..., max_length=300, description="Names (en, es, pt, fr) or ISO codes")


class ParticipantsRefused(Schema):
    detail: str
    field: str | None = None
    duplicates: list[str] = []
    unknown: list[str] = []


class MotionIn(Schema):
    title: Texts = texts_in(Motion, "title")
    text: Texts | None = texts_in(Motion, "text", required=False)
    original_language: LanguageCode = original_language_in()
    rule: Literal["simple_majority", "two_thirds", "consensus"]


class CountOut(Schema):
    option: Option
    value: int


class VoteOut(Schema):
    voter_id: str = Field(..., description="The country (ISO 3166-1 alpha-3) whose vote this is")
    option: Option


class VoteEventOut(Schema):
    """Popolo VoteEvent."""

    id: str
    motion_id: str
    start_date: datetime.date
    result: str
    counts: list[CountOut]
    votes: list[VoteOut]


class MotionOut(Schema):
    id: int
    meeting: int
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    text: str = texts_out("text")
    text_translations: dict[str, str] = translations_out("text")
    original_language: str
    rule: str
    status: str
    result: str = Field(
        ...,
        description=(
            "pass, fail, no_quorum or low_turnout (no result: turnout below the network's minimum); "
            "while open, the result so far"
        ),
    )
    result_label: str = Field(..., description="The result in words, in the language asked for")
    quorum: QuorumOut
    turnout: TurnoutOut
    vote_event: VoteEventOut


class VoteIn(Schema):
    option: Option
    country: str | None = Field(
        None, max_length=3, description="Only for someone heading several delegations"
    )


class ContestIn(Schema):
    key: str = Field(..., pattern=r"^[a-z0-9-]{1,50}$")
    label: Texts = texts_in(Contest, "label")
    original_language: LanguageCode = original_language_in()
    seats: int = Field(..., ge=1, le=50)
    subregion: str | None = Field(None, max_length=40)
    kind: Literal["presidency", "committee", "other"] = "other"


class ElectionIn(Schema):
    meeting: int
    title: Texts = texts_in(Election, "title")
    original_language: LanguageCode = original_language_in()
    ballot: Literal["open", "secret"] = "secret"
    contests: list[ContestIn] | None = Field(
        None, max_length=30, description="Default: the presidency and one contest per subregion"
    )


class ContestOut(Schema):
    key: str
    label: str = texts_out("label")
    label_translations: dict[str, str] = translations_out("label")
    kind: str
    seats: int
    subregion: str | None
    candidates: list[str]


class ElectionOut(Schema):
    id: int
    meeting: int
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    original_language: str
    ballot: str
    status: str
    runoff_of: int | None
    contests: list[ContestOut]
    voted: list[str] = Field(
        ...,
        description=(
            "Countries that have cast their ballot (never what they chose); empty in a secret election "
            "while fewer ballots than the network's minimum are cast (see voted_withheld)"
        ),
    )
    voted_withheld: bool = Field(
        ..., description="The countries that voted are not published: too few ballots in a secret election"
    )
    turnout: TurnoutOut
    outcome: Literal["counted", "no_quorum", "low_turnout"] | None = Field(
        ...,
        description=(
            "Once closed: counted, no_quorum, or low_turnout (no result: turnout below the network's "
            "minimum, nobody elected); null before"
        ),
    )
    outcome_label: str | None = Field(..., description="The outcome in words, in the language asked for")
    min_ballots_published: int = Field(
        ...,
        description="Fewest ballots with which a secret election publishes ballots and turnout by country",
    )


class CandidateIn(Schema):
    contest: str = Field(..., max_length=50)
    country: str = Field(..., max_length=3)


class BallotIn(Schema):
    choices: dict[str, list[str]] = Field(..., description="contest key → ISO 3166-1 alpha-3 codes")
    country: str | None = Field(None, max_length=3)


class ReceiptOut(Schema):
    receipt: str


class PublishedBallotOut(Schema):
    receipt: str | None = Field(
        None, description="Open ballots only: secret ballots are published apart from their receipts"
    )
    country: str | None = Field(None, description="Open ballots only")
    choices: dict[str, list[str]]


class ReceiptStatusOut(Schema):
    receipt: str
    status: Literal["counted"] = Field(..., description="The ballot with this receipt was counted")


class ResultsOut(Schema):
    election: int
    status: str
    ballots: int
    quorum: QuorumOut
    turnout: TurnoutOut | None = Field(
        None,
        description=(
            "Below the network's minimum turnout (met false) every contest has the status low_turnout "
            "and nobody is elected: no result"
        ),
    )
    contests: list[dict[str, Any]]


class SeatOut(Schema):
    country: str
    name: str
    subregion: str | None
    institution: str | None
    start: datetime.date
    end: datetime.date | None


class CommitteeOut(Schema):
    date: datetime.date
    president: SeatOut | None
    members: list[SeatOut]


class ActivityOut(Schema):
    id: int
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    lead: str
    lead_label: str
    start: datetime.date | None
    end: datetime.date | None
    status: str
    progress: int
    evidence: list[str]


class AxisOut(Schema):
    code: str
    title: str = texts_out("title")
    title_translations: dict[str, str] = translations_out("title")
    progress: int
    activities: list[ActivityOut]


class WorkPlanOut(Schema):
    year: int
    status: str
    approved_by: int | None
    progress: int
    axes: list[AxisOut]


class ProgressIn(Schema):
    progress: int = Field(..., ge=0, le=100)
    status: Literal["planned", "in_progress", "done", "cancelled"] | None = None
    note: str = Field("", max_length=5000)
    evidence: str = Field("", max_length=500)
