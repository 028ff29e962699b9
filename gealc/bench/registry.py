"""What each app contributes to the benchmark: its synthetic data, its endpoints and its writes."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Every synthetic name carries this mark, and every synthetic e-mail address ends in this domain (a
# reserved top-level domain, RFC 2606): synthetic rows never pass for reference data, and the benchmark
# only ever writes them into its own database.
MARK = "[synthetic]"
EMAIL_DOMAIN = "synthetic.invalid"

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Endpoint:
    """A read that the load drives: ``paths`` are concrete URLs, picked at random by each client.

    ``floor`` names the raw-SQL view that serves the same rows (``gealc.bench.floor``), if any;
    ``paginated`` lists must keep their cost whatever the number of rows."""

    name: str
    kind: str  # "page" or "api"
    paths: list[str]
    floor: str | None = None
    paginated: bool = False


@dataclass(frozen=True)
class Write:
    """One write of the write mix: a request ready to send (each is sent at most once)."""

    name: str
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class Plan:
    endpoints: list[Endpoint] = field(default_factory=list)
    writes: list[Write] = field(default_factory=list)
    # Public API lists that the open-data export pages through to their end.
    exports: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Contribution:
    """An app's part: ``generate(scale, rng, progress)`` writes its synthetic rows (after the apps
    before it in CONTRIBUTIONS); ``plan(rng, plan)`` adds its endpoints, writes and exports."""

    app: str
    generate: Callable[[int, random.Random, Progress], dict[str, int]]
    plan: Callable[[random.Random, Plan], None]
