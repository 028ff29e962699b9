"""Reads of the jury's and the delegations' pages of an edition: a juror's assignments with their own
scores (never another juror's), the submission a juror reads, and the final vote as a head of delegation
sees it (the finalists of each category and the votes their country cast)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from gealc.accounts.roles import countries_for
from gealc.awards.models import (
    Assignment,
    Attachment,
    Category,
    Edition,
    FinalVote,
    Phase,
    Score,
    Submission,
)
from gealc.members.models import Country, Role


def juror_assignments(juror: Any) -> QuerySet[Assignment]:
    """The juror's assignments, newest edition first, with what the list of evaluations shows."""
    return (
        Assignment.objects.filter(juror=juror)
        .select_related(
            "submission__edition",
            "submission__category",
            "submission__country",
            "submission__solution",
        )
        .order_by("-submission__edition__year", "submission__category__position", "submission__pk")
    )


def juror_assignment(juror: Any, pk: int) -> Assignment | None:
    """One of the juror's own assignments with the submission it is about, its attachments and the
    juror's own scores; None for an assignment that is another juror's (it does not exist for them)."""
    if not getattr(juror, "is_authenticated", False):
        return None
    return (
        Assignment.objects.filter(juror=juror, pk=pk)
        .select_related(
            "submission__edition",
            "submission__category",
            "submission__country",
            "submission__solution__institution",
        )
        .prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion")),
            Prefetch("submission__attachments", queryset=Attachment.objects.order_by("pk")),
        )
        .first()
    )


def answers_of(submission: Submission) -> list[tuple[str, str]]:
    """The edition's questions, in their order, with the submission's answer to each."""
    given = submission.answers or {}
    return [(question.name, given.get(question.code, "")) for question in submission.edition.questions.all()]


def attachment_for(pk: int) -> Attachment | None:
    return (
        Attachment.objects.filter(pk=pk)
        .select_related("submission__country", "submission__edition")
        .prefetch_related("submission__assignments")
        .first()
    )


# The final vote ---------------------------------------------------------------------------------------


def voting_countries(user: Any) -> list[Country]:
    """The member countries whose head of delegation the user is today, by name."""
    codes = countries_for(user, Role.HEAD_OF_DELEGATION)
    if not codes:
        return []
    return sorted(Country.objects.members().filter(iso3__in=codes), key=lambda country: country.name)


@dataclass
class CategoryVote:
    """A category of the final vote as one country sees it: the finalists, the country's own among them
    (shown, never selectable), and the country's vote once cast."""

    category: Category
    finalists: list[Submission]
    own: list[Submission] = field(default_factory=list)
    vote: FinalVote | None = None

    @property
    def choices(self) -> list[Submission]:
        return [finalist for finalist in self.finalists if finalist not in self.own]


def vote_sheet(edition: Edition, country: Country) -> list[CategoryVote]:
    """Per category of the edition, its finalists and the vote ``country`` cast in it (if any)."""
    finalists = (
        Submission.objects.filter(edition=edition, finalist=True)
        .select_related("solution", "country")
        .order_by("pk")
    )
    votes = {
        vote.category_id: vote
        for vote in FinalVote.objects.filter(category__edition=edition, country=country).select_related(
            "submission__solution", "submission__country"
        )
    }
    by_category: dict[int, list[Submission]] = {}
    for finalist in finalists:
        by_category.setdefault(finalist.category_id, []).append(finalist)
    sheet = []
    for category in edition.categories.all():
        listed = by_category.get(category.pk, [])
        sheet.append(
            CategoryVote(
                category=category,
                finalists=listed,
                own=[finalist for finalist in listed if finalist.country_id == country.pk],
                vote=votes.get(category.pk),
            )
        )
    return sheet


def is_voting(edition: Edition) -> bool:
    return edition.phase == Phase.VOTING and not edition.historical
