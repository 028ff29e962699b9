"""The catalogue's part: about 400 solutions per unit of scale (the network counts more than 350), most of
them published, with their goals; its endpoints are the catalogue with filters, a solution's page and the
API list (with its raw-SQL floor). Rows are written in bulk with the search document the services keep."""

from __future__ import annotations

import random

from django.utils import timezone

from gealc.awards.models import Goal, Solution, SolutionState, SolutionStatus, Theme
from gealc.awards.services import name_key, search_document
from gealc.bench.registry import MARK, Contribution, Endpoint, Plan, Progress
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
    return {"solutions": len(solutions)}


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


CONTRIBUTION = Contribution("awards", generate, plan)
