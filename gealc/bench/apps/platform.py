"""The project's own endpoints: the API's description and the open-data page."""

from __future__ import annotations

import random

from gealc.bench.registry import Contribution, Endpoint, Plan, Progress


def generate(scale: int, rng: random.Random, progress: Progress) -> dict[str, int]:
    return {}


def plan(rng: random.Random, plan: Plan) -> None:
    plan.endpoints += [
        Endpoint("open data page", "page", ["/open-data/"]),
        Endpoint("API schema", "api", ["/api/v1/openapi.json"]),
    ]


CONTRIBUTION = Contribution("platform", generate, plan)
