"""Reads of the Secretariat's pages of an award edition: the submissions to screen, the jury with each
juror's completion, the ranking with its ties and the catalogue of candidacies. Each list is read in a
fixed number of queries, however many submissions the edition has."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q

from gealc.awards import edition_selectors, edition_services
from gealc.awards.models import (
    Assignment,
    Edition,
    Eligibility,
    FinalVote,
    Phase,
    Submission,
    TieDecision,
)
from gealc.governance import counting
from gealc.members.models import Membership, Role


def submissions_to_screen(edition: Edition) -> list[Submission]:
    """Every submission of the edition with what the screening reads: solution, country, category,
    institution and the names of its attachments; the answers are paired with their questions as
    ``answer_rows``."""
    questions = list(edition.questions.all())
    found = list(
        Submission.objects.filter(edition=edition)
        .select_related("solution__institution", "country", "category")
        .prefetch_related("attachments")
        .order_by("category__position", "country__iso3", "pk")
    )
    for submission in found:
        submission.answer_rows = [  # type: ignore[attr-defined]
            (question.name, submission.answers.get(question.code, "")) for question in questions
        ]
    return found


@dataclass(frozen=True)
class Juror:
    pk: int
    name: str
    email: str
    countries: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.name} ({', '.join(self.countries)})" if self.countries else self.name


def jurors() -> list[Juror]:
    """The active people holding the juror role today, by name, with the countries they are jurors for."""
    found: dict[int, Juror] = {}
    memberships = (
        Membership.objects.in_force()
        .filter(role=Role.JUROR, person__user__isnull=False, person__user__is_active=True)
        .select_related("person__user", "country")
        .order_by("person__user__name", "pk")
    )
    for membership in memberships:
        user = membership.person.user
        if user is None:
            continue
        country = (membership.country.name,) if membership.country else ()
        known = found.get(user.pk)
        found[user.pk] = Juror(
            pk=user.pk,
            name=user.name,
            email=user.email,
            countries=(known.countries if known else ()) + country,
        )
    return list(found.values())


def jury_submissions(edition: Edition) -> list[Submission]:
    """The eligible submissions with their assignments (jurors, scored or not) and declared conflicts."""
    return list(
        Submission.objects.filter(edition=edition, eligibility=Eligibility.ELIGIBLE)
        .select_related("solution", "country", "category")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("juror").order_by("pk")),
            "conflicts__juror",
        )
        .order_by("category__position", "country__iso3", "pk")
    )


def completion(edition: Edition, jurors: list[Juror]) -> list[dict[str, Any]]:
    """Per juror (everyone holding the role today, and whoever has assignments in the edition):
    assigned, scored and outstanding evaluations."""
    rows = {
        row["juror"]: row
        for row in Assignment.objects.filter(submission__edition=edition)
        .values("juror", "juror__name")
        .annotate(assigned=Count("pk"), scored=Count("pk", filter=Q(scored_at__isnull=False)))
        .order_by()
    }
    names = {juror.pk: juror.name for juror in jurors}
    names.update({pk: row["juror__name"] for pk, row in rows.items() if pk not in names})
    found = []
    for pk, name in sorted(names.items(), key=lambda item: (item[1].lower(), item[0])):
        assigned = rows[pk]["assigned"] if pk in rows else 0
        scored = rows[pk]["scored"] if pk in rows else 0
        found.append({"name": name, "assigned": assigned, "scored": scored, "outstanding": assigned - scored})
    return found


def ranking_view(edition: Edition) -> list[dict[str, Any]]:
    """Per category: its ranking with the marks, the finalists (or those the marks make finalists
    while the evaluation runs), the submissions tied across the last finalist's place with the places
    left, the final vote's count once it runs, and the Secretariat's decisions with their reasons."""
    decisions = {
        (decision.category_id, decision.stage): decision
        for decision in TieDecision.objects.filter(category__edition=edition).select_related("decided_by")
    }
    counted = edition.phase in {Phase.VOTING, Phase.ANNOUNCED}
    votes: dict[int, int] = {}
    if counted:
        for counted_row in (
            FinalVote.objects.filter(category__edition=edition).values("submission").annotate(n=Count("pk"))
        ):
            votes[counted_row["submission"]] = counted_row["n"]
    categories = []
    for category in edition.categories.all():
        rows = edition_selectors.category_ranking(edition, category)
        selection = edition_services.category_finalists(edition, category)
        names = {row["submission"]: f"{row['solution']} — {row['country_name']}" for row in rows}
        provisional = set(selection.chosen)
        for row in rows:
            row["votes"] = votes.get(row["submission"], 0)
            row["provisional"] = row["submission"] in provisional
        runoff: list[int] = []
        runoff_seats = 0
        status = ""
        if counted:
            count = edition_services.category_count(edition, category)
            status = count.status
            if count.status == counting.Status.RUNOFF:
                runoff = sorted(int(key) for key in count.runoff)
                runoff_seats = count.runoff_seats
        categories.append(
            {
                "category": category,
                "rows": rows,
                "finalists": [row for row in rows if row["finalist"]],
                "tied": [(pk, names.get(pk, str(pk))) for pk in selection.tied],
                "seats_left": selection.seats_left,
                "finalists_decision": decisions.get((category.pk, TieDecision.Stage.FINALISTS)),
                "vote_status": status,
                "runoff": [(pk, names.get(pk, str(pk))) for pk in runoff],
                "runoff_seats": runoff_seats,
                "winner_decision": decisions.get((category.pk, TieDecision.Stage.WINNER)),
                "decided_names": names,
            }
        )
    return categories


CANDIDACY_COLUMNS = (
    "edition", "category", "country", "country_name", "solution_id", "solution", "institution",
    "eligibility", "finalist", "winner", "mark",
)  # fmt: skip


def candidacy_rows(edition: Edition) -> list[list[Any]]:
    """One row per submission, as in ``CANDIDACY_COLUMNS``; the mark only once marks are public."""
    marks: dict[int, float | None] = {}
    if edition_selectors.marks_public(edition):
        for category in edition.categories.all():
            for row in edition_selectors.category_ranking(edition, category):
                marks[row["submission"]] = row["mark"]
    found = (
        Submission.objects.filter(edition=edition)
        .select_related("category", "country", "solution__institution")
        .order_by("category__position", "country__iso3", "pk")
    )
    return [
        [
            edition.year,
            submission.category.name,
            submission.country.iso3,
            submission.country.name,
            submission.solution_id,
            submission.solution.name,
            submission.solution.institution.name if submission.solution.institution else "",
            submission.eligibility,
            "yes" if submission.finalist else "no",
            "yes" if submission.winner else "no",
            "" if marks.get(submission.pk) is None else f"{marks[submission.pk]:.2f}",
        ]
        for submission in found
    ]
