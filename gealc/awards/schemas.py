"""What the catalogue's API reads and answers. No answer ever holds a solution's contact except the
one of a single solution asked by the Secretariat or the solution's country."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema

from gealc.awards.models import Solution
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

REFUSED: dict[int, Any] = {409: ServiceErrorOut, 422: ServiceErrorOut | ValidationErrorOut}
MAX_ID = 2**63 - 1

CountryCode = Annotated[str, Field(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")]
Code = Annotated[str, Field(pattern=r"^[a-z0-9_-]{1,40}$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-zA-Z]{2}$", description="ISO 639-1 code")]
Goal = Annotated[int, Field(ge=1, le=17, description="A Sustainable Development Goal, 1 to 17")]
Year = Annotated[int, Field(ge=1990, le=2100)]
StatusCode = Literal["pilot", "operation", "retired"]
StateCode = Literal["draft", "in_review", "returned", "published"]
AwardCode = Literal["winner", "finalist", "candidate"]
Tag = Annotated[str, Field(min_length=1, max_length=40)]


class CommentIn(Schema):
    comment: str = Field(..., min_length=1, max_length=2000, description="What the country should change")


class FigureIn(Schema):
    label: str = Field(..., min_length=1, max_length=120)
    value: float | int | str = Field(..., description="A number")
    unit: str = Field("", max_length=30)


class FigureOut(Schema):
    label: str
    value: str
    unit: str


class SolutionIn(Schema):
    country: CountryCode
    name: Texts = texts_in(Solution, "name")
    description: Texts = texts_in(Solution, "description")
    problem: Texts = texts_in(Solution, "problem", required=False)
    results: Texts = texts_in(Solution, "results", required=False)
    original_language: TextLanguage = original_language_in()
    theme: Code = Field(..., description="Code of a theme (GET /solutions/themes)")
    figures: list[FigureIn] = Field(default_factory=list, max_length=10)
    goals: list[Goal] = Field(default_factory=list, max_length=17)
    url: str = Field("", max_length=500)
    year_started: Year | None = None
    status: StatusCode = "operation"
    tags: list[Tag] = Field(default_factory=list, max_length=20)
    languages: list[LanguageCode] = Field(default_factory=list, max_length=10)
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    missions: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(default_factory=list, max_length=50)
    contact_name: str = Field("", max_length=200, description="Never public")
    contact_email: str = Field("", max_length=254, description="Never public")


class SolutionPatch(Schema):
    """Any of the fields of a solution; texts in the languages not given stay as they are."""

    name: Texts | None = None
    description: Texts | None = None
    problem: Texts | None = None
    results: Texts | None = None
    original_language: TextLanguage | None = None
    theme: Code | None = None
    figures: list[FigureIn] | None = Field(None, max_length=10)
    goals: list[Goal] | None = Field(None, max_length=17)
    url: str | None = Field(None, max_length=500)
    year_started: Year | None = None
    status: StatusCode | None = None
    tags: list[Tag] | None = Field(None, max_length=20)
    languages: list[LanguageCode] | None = Field(None, max_length=10)
    institution: int | None = Field(None, ge=1, le=MAX_ID)
    missions: list[Annotated[int, Field(ge=1, le=MAX_ID)]] | None = Field(None, max_length=50)
    contact_name: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)


class SolutionFilters(Schema):
    country: CountryCode | None = None
    subregion: Code | None = None
    theme: Code | None = None
    sdg: Goal | None = None
    year: Year | None = Field(None, description="The year the solution started")
    status: StatusCode | None = None
    award: AwardCode | None = Field(
        None, description="The best result in the Excellence Award: winner, finalist or eligible candidacy"
    )
    state: StateCode | None = Field(None, description="For the Secretariat and the countries: their own")
    q: str | None = Field(None, max_length=200, description="Words to find in the solution's texts")


class ThemeOut(Schema):
    code: str
    name: str


class SolutionOut(Schema):
    """A solution in the list: each text in the request's language, or in its original language
    (every translation is on the solution's own answer, ``GET /solutions/{id}``)."""

    id: int
    country: str = Field(..., description="ISO 3166-1 alpha-3 code")
    country_name: str
    subregion: str | None
    institution: str | None
    name: str = texts_out("name")
    problem: str = texts_out("problem")
    description: str = texts_out("description")
    results: str = texts_out("results")
    original_language: str
    figures: list[FigureOut]
    theme: str
    goals: list[int]
    url: str
    year_started: int | None
    status: StatusCode
    tags: list[str]
    languages: list[str]
    missions: list[int]
    state: StateCode
    review_comment: str = Field(..., description="The Secretariat's comment when it returned the solution")
    imported: bool
    published_at: datetime.datetime | None


class ContactOut(Schema):
    name: str
    email: str


class SolutionDetailOut(SolutionOut):
    """A solution, with every translation of its texts."""

    name_translations: dict[str, str] = translations_out("name")
    problem_translations: dict[str, str] = translations_out("problem")
    description_translations: dict[str, str] = translations_out("description")
    results_translations: dict[str, str] = translations_out("results")
    contact: ContactOut | None = Field(
        None, description="Only for the Secretariat and the solution's country; never public"
    )

    resolve_name_translations = resolve_translations("name")
    resolve_problem_translations = resolve_translations("problem")
    resolve_description_translations = resolve_translations("description")
    resolve_results_translations = resolve_translations("results")
