"""Reads of the Excellence Award: editions as the public and the Secretariat see them, the ranking of
each category with the jury's marks, and the results (finalists, marks, votes, winners, prizes).

Jurors' marks stay with the Secretariat until the evaluation closes; from the finalists phase on, the
aggregates are public (each juror's own scores never are)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from gealc.awards import edition_services, ranking
from gealc.awards.models import (
    PUBLIC_RESULT_PHASES,
    Category,
    Edition,
    FinalVote,
    Phase,
    Submission,
    TieDecision,
)
from gealc.core.i18n import text_expression, texts


def visible_editions(viewer: Any) -> QuerySet[Edition]:
    found = Edition.objects.all()
    if not viewer.has_perm("awards.run_edition"):
        found = found.exclude(phase=Phase.SETUP, historical=False)
    return found.prefetch_related("categories", "criteria", "questions", "prizes")


def edition_for(viewer: Any, pk: int) -> Edition | None:
    return visible_editions(viewer).filter(pk=pk).first()


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 2)


def edition_answer(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "year": edition.year,
        "number": edition.number,
        **texts(edition, "title", "description"),
        "original_language": edition.original_language,
        "phase": edition.phase,
        "historical": edition.historical,
        "source": edition.source,
        "rules": {
            "min_months_in_operation": edition.min_months_in_operation,
            "max_per_country_category": edition.max_per_country_category,
            "finalists_per_category": edition.finalists_per_category,
        },
        "categories": [{"code": c.code, **texts(c, "name")} for c in edition.categories.all()],
        "criteria": [
            {"code": c.code, "weight": c.weight, **texts(c, "name")} for c in edition.criteria.all()
        ],
        "questions": [{"code": q.code, **texts(q, "name")} for q in edition.questions.all()],
        "prizes": [
            {
                "code": p.code,
                **texts(p, "name"),
                "category": p.category.code if p.category_id and p.category else None,
                "mission": p.mission_id,
            }
            for p in edition.prizes.all()
        ],
    }


def marks_public(edition: Edition) -> bool:
    return edition.phase in PUBLIC_RESULT_PHASES


def category_ranking(edition: Edition, category: Category) -> list[dict[str, Any]]:
    """The category's eligible submissions in ranking order, with their marks; unscored ones last."""
    # Rows of the columns shown, each text in the visitor's language chosen by the database (no model
    # objects, and none of a solution's long texts).
    submissions = {
        row["pk"]: row
        for row in Submission.objects.filter(category=category).values(
            "pk",
            "solution_id",
            "finalist",
            "winner",
            "eligibility",
            solution_name=text_expression("name", prefix="solution__"),
            country_iso3=F("country__iso3"),
            country_name=text_expression("name", prefix="country__", original=None),
        )
    }
    places = ranking.rank(edition_services.category_marks(edition, category))
    ranked = {place.mark.key for place in places}
    rows = [
        {
            "submission": place.mark.key,
            "solution": submissions[place.mark.key]["solution_name"],
            "solution_id": submissions[place.mark.key]["solution_id"],
            "country": submissions[place.mark.key]["country_iso3"],
            "country_name": submissions[place.mark.key]["country_name"],
            "position": place.position,
            "tied": place.tied,
            "mark": _number(place.mark.mean),
            "jurors": place.mark.jurors,
            "spread": _number(place.mark.spread),
            "finalist": submissions[place.mark.key]["finalist"],
            "winner": submissions[place.mark.key]["winner"],
        }
        for place in places
    ]
    rows += [
        {
            "submission": pk, "solution": s["solution_name"], "solution_id": s["solution_id"],
            "country": s["country_iso3"], "country_name": s["country_name"],
            "position": None, "tied": False, "mark": None, "jurors": 0, "spread": None,
            "finalist": s["finalist"], "winner": s["winner"],
        }
        for pk, s in submissions.items()
        if pk not in ranked and s["eligibility"] == "eligible"
    ]  # fmt: skip
    return rows


def ranking_answer(edition: Edition) -> dict[str, Any]:
    categories = []
    for category in edition.categories.all():
        selection = edition_services.category_finalists(edition, category)
        categories.append(
            {
                "code": category.code,
                "name": category.name,
                "rows": category_ranking(edition, category),
                "tied_for_last_place": list(selection.tied),
                "places_left_to_decide": selection.seats_left,
            }
        )
    return {"edition": edition.pk, "phase": edition.phase, "categories": categories}


def results_answer(edition: Edition) -> dict[str, Any]:
    """Per category: the finalists with their marks and votes, the winner, the prizes, the Secretariat's
    tie decisions with their reasons, and the votes by receipt."""
    votes = list(
        FinalVote.objects.filter(category__edition=edition)
        .select_related("category", "submission__solution")
        .order_by("receipt")
    )
    decisions = {
        (decision.category_id, decision.stage): decision
        for decision in TieDecision.objects.filter(category__edition=edition)
    }
    categories = []
    for category in edition.categories.prefetch_related(Prefetch("prizes")).all():
        counted = {pk: 0 for pk in category.submissions.filter(finalist=True).values_list("pk", flat=True)}
        for vote in votes:
            if vote.category_id == category.pk:
                counted[vote.submission_id] = counted.get(vote.submission_id, 0) + 1
        rows = [row for row in category_ranking(edition, category) if row["finalist"]]
        for row in rows:
            row["votes"] = counted.get(row["submission"], 0)
        rows.sort(key=lambda row: (-row["votes"], row["position"] or 0))
        categories.append(
            {
                "code": category.code,
                "name": category.name,
                "finalists": rows,
                "votes_cast": sum(counted.values()),
                "prizes": [texts(prize, "name")["name"] for prize in category.prizes.all()],
                "decisions": [
                    {
                        "stage": stage,
                        "chosen": decision.chosen,
                        "tied": decision.tied,
                        "reason": decision.reason,
                    }
                    for stage in (TieDecision.Stage.FINALISTS, TieDecision.Stage.WINNER)
                    if (decision := decisions.get((category.pk, stage))) is not None
                ],
            }
        )
    return {
        "edition": edition.pk,
        "year": edition.year,
        "phase": edition.phase,
        "announced": edition.phase == Phase.ANNOUNCED,
        "categories": categories,
        "receipts": [
            {
                "receipt": vote.receipt,
                "category": vote.category.code,
                "category_name": vote.category.name,
                "submission": vote.submission_id,
                "solution": vote.submission.solution.name,
            }
            for vote in votes
        ]
        if edition.phase == Phase.ANNOUNCED
        else [],
        "general_prizes": [texts(p, "name")["name"] for p in edition.prizes.all() if p.category_id is None],
    }
