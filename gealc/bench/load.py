"""The load generator: concurrent clients (threads) over plain HTTP, each with its own seeded random
choices, for a fixed duration. Standard library only, so it needs nothing of the platform."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

QUERIES_HEADER = "X-Bench-Queries"


@dataclass(frozen=True)
class Call:
    name: str
    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None


@dataclass
class Sample:
    name: str
    seconds: float
    status: int
    queries: int | None


def send(host: str, port: int, call: Call, timeout: float = 30.0) -> tuple[int, bytes, int | None]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        body = None if call.body is None else json.dumps(call.body).encode()
        headers = {"Accept-Language": "en", **call.headers}
        if body is not None:
            headers["Content-Type"] = "application/json"
        connection.request(call.method, call.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        queries = response.getheader(QUERIES_HEADER)
        return response.status, data, int(queries) if queries is not None else None
    finally:
        connection.close()


def ok(call: Call, status: int) -> bool:
    return status in ((201,) if call.method == "POST" else (200,))


def drive(
    host: str,
    port: int,
    choose: Callable[[random.Random], Call],
    *,
    clients: int,
    seconds: float,
    seed: int,
) -> list[Sample]:
    """``clients`` threads send what ``choose`` picks, one request after another, for ``seconds``."""
    samples: list[Sample] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        mine: list[Sample] = []
        while time.monotonic() < deadline:
            call = choose(rng)
            started = time.perf_counter()
            try:
                status, _data, queries = send(host, port, call)
            except OSError:
                status, queries = 0, None
            mine.append(
                Sample(
                    call.name, time.perf_counter() - started, status if ok(call, status) else -status, queries
                )
            )
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return samples


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary(samples: list[Sample], seconds: float) -> dict[str, dict[str, Any]]:
    """Per name: p50, p95, p99 (ms), requests per second, errors, SQL queries per request."""
    names: dict[str, list[Sample]] = {}
    for sample in samples:
        names.setdefault(sample.name, []).append(sample)
    result = {}
    for name, group in names.items():
        latencies = [sample.seconds * 1000 for sample in group]
        counted = [sample.queries for sample in group if sample.queries is not None]
        result[name] = {
            "requests": len(group),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "rps": round(len(group) / seconds, 1),
            "errors": sum(1 for sample in group if sample.status <= 0),
            "error_statuses": sorted({-sample.status for sample in group if sample.status <= 0}),
            "queries": round(sum(counted) / len(counted), 1) if counted else None,
            "queries_max": max(counted) if counted else None,
        }
    return result
