"""The catalogue's part: about 400 solutions per unit of scale (the network counts more than 350), most of
them published, with their goals; its endpoints are the catalogue with filters, a solution's page and the
API list (with its raw-SQL floor). Rows are written in bulk with the search document the services keep.

The Excellence Award's part: 220 candidacies per unit of scale (the 2018 count) in announced editions,
one per unit of scale up to 50 (an edition's year is unique and plausible, so they take the free years
from 2100 down), each in two categories, three jurors' scores on three criteria for every candidacy,
finalists, winners and the delegations' final votes; its endpoints are the editions, an edition's page
and its results, and their API answers."""

from __future__ import annotations

import random
from datetime import date
from statistics import mean

from django.utils import timezone

from gealc.accounts.services import role_grant, user_create
from gealc.awards.models import (
    Assignment,
    Category,
    Criterion,
    Edition,
    Eligibility,
    FinalVote,
    Goal,
    Phase,
    Score,
    Solution,
    SolutionState,
    SolutionStatus,
    Submission,
    Theme,
)
from gealc.awards.services import name_key, search_document
from gealc.bench.registry import EMAIL_DOMAIN, MARK, Contribution, Endpoint, Plan, Progress
from gealc.members.models import Country

SOLUTIONS_PER_SCALE = 400
WORDS = ["procedures", "identity", "health", "taxes", "open data", "schools", "procurement", "signature"]


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    countries = list(Country.objects.members().order_by("iso3"))
    themes = list(Theme.objects.all())
    goals = list(Goal.objects.all())
    statuses = SolutionStatus.values
    now = timezone.now()
    solutions = []
    for number in range(SOLUTIONS_PER_SCALE * scale):
        word = rng.choice(WORDS)
        solution = Solution(
            country=rng.choice(countries),
            theme=rng.choice(themes),
            name_en=f"{MARK} Solution {number:06d} for {word}",
            description_en=f"{MARK} A platform for {word} that serves the whole country.",
            problem_en=f"{MARK} Citizens queued for {word}.",
            results_en=f"{MARK} Fewer queues.",
            original_language="en",
            year_started=rng.randint(2000, 2024),
            status=rng.choice(statuses),
            tags=[word],
            languages=["es"],
            state=SolutionState.IN_REVIEW if number % 10 == 0 else SolutionState.PUBLISHED,
            published_at=now,
            imported=True,
        )
        solution.name_key = name_key(f"{MARK} Solution {number:06d} for {word}")
        solution.search_text = search_document(solution)
        solutions.append(solution)
    solutions = Solution.objects.bulk_create(solutions, batch_size=2000)
    through = Solution.goals.through
    through.objects.bulk_create(
        [
            through(solution_id=solution.pk, goal_id=goal.pk)
            for solution in solutions
            for goal in rng.sample(goals, rng.randint(1, 3))
        ],
        batch_size=10000,
    )
    progress(f"awards: {len(solutions)} solutions")
    made = _editions(scale, rng, progress, [s for s in solutions if s.state == SolutionState.PUBLISHED])
    return {"solutions": len(solutions), **made}


CANDIDACIES = 220  # per unit of scale, as in 2018
MAX_EDITIONS = 50
JURORS = 9
WEIGHTS = (40, 30, 30)


def _editions(
    scale: int, rng: random.Random, progress: Progress, published: list[Solution]
) -> dict[str, int]:
    countries = list(Country.objects.members().order_by("iso3"))
    jurors = []
    for number in range(JURORS):
        juror = user_create(
            email=f"juror.{number}@{EMAIL_DOMAIN}", name=f"{MARK} Juror {number}", verified=True
        ).user
        role_grant(actor=None, user=juror, role="juror", country=countries[number % len(countries)])
        jurors.append(juror)
    now = timezone.now()
    totals = {"editions": 0, "candidacies": 0, "scores": 0, "final votes": 0}
    taken = set(Edition.objects.values_list("year", flat=True))
    years = [year for year in range(2100, 2000, -1) if year not in taken][: min(scale, MAX_EDITIONS)]
    per_edition = CANDIDACIES * scale // len(years)
    for number, year in enumerate(years):
        edition = Edition.objects.create(
            year=year,
            title_en=f"{MARK} Excellence Award {number + 1}",
            description_en=f"{MARK} An edition of the award for the benchmark.",
            phase=Phase.ANNOUNCED,
            announced_at=now,
        )
        categories = [
            Category.objects.create(
                edition=edition, code=f"c{index}", name_en=f"{MARK} Category {index}", position=index
            )
            for index in range(2)
        ]
        criteria = [
            Criterion.objects.create(
                edition=edition,
                code=f"k{index}",
                name_en=f"{MARK} Criterion {index}",
                position=index,
                weight=weight,
            )
            for index, weight in enumerate(WEIGHTS)
        ]
        submissions = Submission.objects.bulk_create(
            [
                Submission(
                    edition=edition,
                    category=categories[index % 2],
                    solution=solution,
                    country_id=solution.country_id,
                    in_operation_since=date(2020, 1, 1),
                    eligibility=Eligibility.ELIGIBLE,
                    screened_at=now,
                )
                for index, solution in enumerate(rng.sample(published, min(per_edition, len(published))))
            ]
        )
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(submission=submission, juror=juror, scored_at=now)
                for submission in submissions
                for juror in rng.sample(jurors, 3)
            ]
        )
        values = {assignment.pk: [rng.randint(3, 10) for _ in criteria] for assignment in assignments}
        Score.objects.bulk_create(
            [
                Score(assignment=assignment, criterion=criterion, value=value)
                for assignment in assignments
                for criterion, value in zip(criteria, values[assignment.pk], strict=True)
            ],
            batch_size=5000,
        )
        marks: dict[int, list[float]] = {}
        for assignment in assignments:
            weighted = sum(v * w for v, w in zip(values[assignment.pk], WEIGHTS, strict=True)) / 100
            marks.setdefault(assignment.submission_id, []).append(weighted)
        votes = []
        for category in categories:
            ranked = sorted(
                (s for s in submissions if s.category_id == category.pk), key=lambda s: -mean(marks[s.pk])
            )
            finalists = ranked[: edition.finalists_per_category]
            Submission.objects.filter(pk__in=[s.pk for s in finalists]).update(finalist=True)
            Submission.objects.filter(pk=finalists[0].pk).update(winner=True)
            for country in countries:
                choice = next((s for s in finalists if s.country_id != country.pk), None)
                if choice is not None:
                    votes.append(FinalVote(category=category, country=country, submission=choice))
        FinalVote.objects.bulk_create(votes)
        totals["editions"] += 1
        totals["candidacies"] += len(submissions)
        totals["scores"] += len(assignments) * len(criteria)
        totals["final votes"] += len(votes)
    progress(f"awards: {totals['editions']} editions, {totals['candidacies']} candidacies, "
             f"{totals['scores']} scores, {totals['final votes']} final votes")  # fmt: skip
    return totals


def plan(rng: random.Random, plan: Plan) -> None:
    published = Solution.objects.published()
    ids = list(published.order_by("pk").values_list("pk", flat=True))
    themes = list(Theme.objects.values_list("code", flat=True))
    pages = [f"?offset={offset}" for offset in range(0, len(ids), 50)]
    plan.endpoints += [
        Endpoint(
            "solutions catalogue",
            "page",
            [
                "/solutions/",
                "/solutions/?sdg=16",
                "/solutions/?subregion=mercosur&sort=year",
                *(f"/solutions/?theme={code}" for code in themes[:5]),
                "/solutions/?q=identity",
                "/solutions/?page=3",
            ],
            paginated=True,
        ),
        Endpoint("solution page", "page", [f"/solutions/{pk}/" for pk in rng.sample(ids, min(20, len(ids)))]),
        Endpoint(
            "API solutions",
            "api",
            [f"/api/v1/solutions{page}" for page in rng.sample(pages, min(20, len(pages)))],
            floor="solutions",
            paginated=True,
        ),
        Endpoint("API solutions filtered", "api", ["/api/v1/solutions?sdg=16", "/api/v1/solutions?q=health"]),
    ]
    plan.exports += ["/api/v1/solutions", "/api/v1/solutions/themes"]
    editions = list(Edition.objects.filter(historical=False).order_by("pk").values_list("pk", flat=True))
    picked = rng.sample(editions, min(10, len(editions)))
    plan.endpoints += [
        Endpoint("award editions", "page", ["/solutions/awards/"]),
        Endpoint("award edition", "page", [f"/solutions/awards/{pk}/" for pk in picked]),
        Endpoint("award results", "page", [f"/solutions/awards/{pk}/results/" for pk in picked]),
        Endpoint("API awards", "api", ["/api/v1/awards"]),
        Endpoint("API award results", "api", [f"/api/v1/awards/{pk}/results" for pk in picked]),
    ]


CONTRIBUTION = Contribution("awards", generate, plan)
