"""The Django side of the benchmark, run in its own process against the benchmark's database:
``prepare`` builds the schema, the reference data and the synthetic network; ``plan`` writes the
endpoints, writes and export lists that the load drives."""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gealc.bench.registry import Plan


def say(message: str) -> None:
    print(f"  {message}", flush=True)


def prepare(scale: int, seed: int) -> dict[str, int]:
    from django.core.management import call_command
    from django.db import transaction

    from gealc.bench.apps import CONTRIBUTIONS

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    say(f"schema ready ({time.monotonic() - started:.0f} s)")
    call_command("load_reference", verbosity=0)
    say("reference data loaded")
    call_command("collectstatic", interactive=False, verbosity=0)
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    for contribution in CONTRIBUTIONS:
        begun = time.monotonic()
        with transaction.atomic():
            made = contribution.generate(scale, rng, say)
        counts.update({f"{contribution.app}.{key}": value for key, value in made.items()})
        say(f"{contribution.app} done in {time.monotonic() - begun:.1f} s")
    # Bulk rows leave the planner's statistics behind; a live database has them (autovacuum).
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"scale {scale} generated in {time.monotonic() - started:.0f} s")
    return counts


def plan(seed: int) -> Plan:
    from gealc.bench.apps import CONTRIBUTIONS
    from gealc.bench.registry import Plan

    rng = random.Random(seed)
    result = Plan()
    for contribution in CONTRIBUTIONS:
        contribution.plan(rng, result)
    return result


def main(argv: list[str]) -> None:
    import django

    django.setup()
    command, scale, seed, out = argv[0], int(argv[1]), int(argv[2]), Path(argv[3])
    if command == "prepare":
        out.write_text(json.dumps(prepare(scale, seed)))
    elif command == "plan":
        out.write_text(json.dumps(asdict(plan(seed))))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
