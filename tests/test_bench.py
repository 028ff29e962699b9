"""The benchmark's quick mode (scale 1, a second of load per endpoint) runs with the suite, so that the
harness never rots: it must generate, serve, drive, export and write its JSON without a single error.
It does not judge speed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def database_under_test() -> tuple[str, dict[str, str]]:
    """PostgreSQL when the suite runs on it (in a database of the benchmark's own), SQLite otherwise."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        own = urlsplit(url)._replace(path=f"/gealc_bench_{os.getpid()}").geturl()
        return "postgres", {"BENCH_DATABASE_URL": own}
    return "sqlite", {}


def drop(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


@pytest.mark.bench
def test_the_quick_benchmark_runs_without_errors_and_writes_its_results(tmp_path, request):
    database, extra = database_under_test()
    if database == "postgres":
        request.addfinalizer(lambda: drop(extra["BENCH_DATABASE_URL"]))
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"} | extra
    finished = subprocess.run(
        [
            sys.executable, "-m", "gealc.bench",
            "--scales", "1", "--databases", database, "--seconds", "0.3", "--mix-seconds", "3",
            "--clients", "4", "--port", str(free_port()), "--out", str(tmp_path),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert finished.returncode == 0, finished.stdout[-4000:] + finished.stderr[-4000:]
    result = json.loads((tmp_path / f"bench-scale1-{database}.json").read_text())
    assert result["scale"] == 1
    assert result["cores"] == os.cpu_count()
    assert result["commit"]
    assert not result["warm_up_errors"]
    endpoints = result["endpoints"]
    for name in (
        "home",
        "API countries",
        "API experts",
        "meeting page",
        "floor countries",
        "API solutions",
        "solutions catalogue",
        "solution page",
        "floor solutions",
    ):
        assert endpoints[name]["requests"] > 0
        assert endpoints[name]["errors"] == 0
    assert all(row["errors"] == 0 for row in result["mix"].values())
    assert result["export"]["errors"] == 0
    # Scale 1 is the real network: the reference data's countries, no synthetic one.
    reference = (ROOT / "data" / "reference" / "countries.csv").read_text().strip().splitlines()
    assert result["export"]["rows"]["/api/v1/countries"] == len(reference) - 1
    assert "| API countries |" in finished.stdout
