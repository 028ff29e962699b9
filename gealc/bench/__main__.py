"""`python -m gealc.bench` (what `make bench` runs): for each scale and each database, generate the
synthetic network, serve it with gunicorn, drive the load, export the open data and print the tables.

Options come from the command line or from the environment that `make bench` passes on (SCALE, SCALES,
BENCH_DATABASES, BENCH_SECONDS, ...); see README "Performance"."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from gealc.bench.load import Call, Sample, drive, send, summary

ROOT = Path(__file__).resolve().parent.parent.parent
VAR = ROOT / "var" / "bench"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/gealc_bench"
FLOORS = {
    "countries": "/__floor__/countries",
    "institutions": "/__floor__/institutions",
    "solutions": "/__floor__/solutions",
}
TARGET_P95_MS = {"page": 100.0, "api": 100.0, "search": 150.0, "write": 200.0}
WRITE_SHARE = 0.05


def log(message: str) -> None:
    print(message, flush=True)


def options(argv: list[str]) -> argparse.Namespace:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m gealc.bench", description=__doc__)
    parser.add_argument("--scales", default=env("SCALES") or env("SCALE") or "100")
    parser.add_argument("--databases", default=env("BENCH_DATABASES", "postgres sqlite"))
    parser.add_argument("--postgres-url", default=env("BENCH_DATABASE_URL", DEFAULT_POSTGRES))
    parser.add_argument("--seconds", type=float, default=float(env("BENCH_SECONDS", "10")))
    parser.add_argument("--mix-seconds", type=float, default=float(env("BENCH_MIX_SECONDS", "30")))
    parser.add_argument("--clients", type=int, default=int(env("BENCH_CLIENTS", "10")))
    parser.add_argument("--workers", type=int, default=int(env("BENCH_WORKERS", "2")))
    parser.add_argument("--seed", type=int, default=int(env("BENCH_SEED", "1")))
    parser.add_argument("--port", type=int, default=int(env("BENCH_PORT", "8765")))
    parser.add_argument("--out", type=Path, default=Path(env("BENCH_OUT", str(VAR))))
    parser.add_argument("--conn-max-age", default=env("BENCH_DB_CONN_MAX_AGE"))
    return parser.parse_args(argv)


# Databases ----------------------------------------------------------------------------------------------


def fresh_postgres(url: str) -> str:
    """Drop and create the benchmark's own database (never the platform's, never the tests')."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name in {"postgres", "test", "gealc"}:
        raise SystemExit(f"the benchmark needs a database of its own, not {name!r}")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def fresh_sqlite(out: Path) -> str:
    path = out / "gealc-bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return f"sqlite:///{path}"


def environment(database_url: str, out: Path, conn_max_age: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"GEALC_TESTING", "DEBUG"}}
    env.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        SECRET_KEY=env.get("SECRET_KEY") or "benchmark-only-secret-key-" + "x" * 40,
        AUDIT_KEY=env.get("AUDIT_KEY") or "benchmark-only-audit-key",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        EMAIL_URL="dummy://",
        LOG_LEVEL="WARNING",
        VAR_DIR=str(out / "var"),
        DJANGO_SETTINGS_MODULE="gealc.settings",
    )
    if conn_max_age is not None:
        env["DB_CONN_MAX_AGE"] = conn_max_age
    return env


def django_step(command: str, scale: int, seed: int, env: dict[str, str], out: Path) -> Any:
    result = out / f"{command}.json"
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gealc.bench.data", command, str(scale), str(seed), str(result)],
        env=env,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.read_text())


# Serving ------------------------------------------------------------------------------------------------


class Server:
    """gunicorn serving the platform and the floor, in its own process group."""

    def __init__(self, env: dict[str, str], port: int, workers: int, log_file: Path) -> None:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.port = port
        self.log = log_file.open("w")
        self.process = subprocess.Popen(  # noqa: S603
            [
                str(gunicorn),
                "gealc.bench.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{port}",
                "--timeout=120",
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if send("127.0.0.1", port, Call("ready", "GET", FLOORS["countries"]))[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"gunicorn did not answer on port {port}: see {log_file}")

    def workers_peak_mb(self) -> float:
        """The largest resident memory any worker reached (VmHWM), in MB."""
        peak = 0
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split() if children.exists() else []:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        return round(peak / 1024, 1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


# One run ------------------------------------------------------------------------------------------------


def export(port: int, lists: list[str], folder: Path) -> dict[str, Any]:
    """Every public list paged through to its end (until the open-data app exports the CSV files and
    the DCAT-AP catalogue), written as JSON lines."""
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    rows: dict[str, int] = {}
    errors = 0
    for path in lists:
        name = path.removeprefix("/api/v1/").replace("/", "-")
        offset, total, written = 0, 1, 0
        following: str | None = f"{path}?limit=200&offset=0"
        with (folder / f"{name}.jsonl").open("w") as out:
            while following is not None:
                status, body, _queries = send("127.0.0.1", port, Call("export", "GET", following))
                if status != 200:
                    errors += 1
                    break
                page = json.loads(body)
                total = page["count"]
                for item in page["items"]:
                    out.write(json.dumps(item) + "\n")
                written += len(page["items"])
                offset += 200
                # A list that pages by cursor says where its next page is; the others go by offset.
                if "next" in page:
                    following = urlsplit(page["next"])._replace(scheme="", netloc="").geturl() or None
                else:
                    following = f"{path}?limit=200&offset={offset}" if offset < total else None
        rows[path] = written
    return {"seconds": round(time.monotonic() - started, 1), "rows": rows, "errors": errors}


def run_one(database: str, scale: int, args: argparse.Namespace) -> dict[str, Any]:
    folder = args.out / f"scale-{scale}" / database
    folder.mkdir(parents=True, exist_ok=True)
    log(f"\n== scale {scale}, {database} ==")
    url = fresh_postgres(args.postgres_url) if database == "postgres" else fresh_sqlite(folder)
    env = environment(url, folder, args.conn_max_age)
    started = time.monotonic()
    counts = django_step("prepare", scale, args.seed, env, folder)
    generated = time.monotonic() - started
    plan = django_step("plan", scale, args.seed, env, folder)
    endpoints = [*plan["endpoints"]]
    endpoints += [
        {"name": f"floor {name}", "kind": "floor", "paths": [path], "floor": None, "paginated": True}
        for name, path in FLOORS.items()
    ]
    server = Server(env, args.port, args.workers, folder / "gunicorn.log")
    try:
        log("warming up: every path once")
        warm_errors = []
        for endpoint in endpoints:
            for path in endpoint["paths"]:
                status = send("127.0.0.1", args.port, Call(endpoint["name"], "GET", path))[0]
                if status != 200:
                    warm_errors.append(f"{status} {path}")
        results: dict[str, Any] = {}
        for endpoint in endpoints:
            paths = endpoint["paths"]

            def choose(
                rng: random.Random, endpoint: dict[str, Any] = endpoint, paths: list[str] = paths
            ) -> Call:
                return Call(endpoint["name"], "GET", rng.choice(paths))

            samples = drive(
                "127.0.0.1", args.port, choose, clients=args.clients, seconds=args.seconds, seed=args.seed
            )
            row = summary(samples, args.seconds)[endpoint["name"]]
            row.update(kind=endpoint["kind"], floor=endpoint["floor"], paginated=endpoint["paginated"])
            results[endpoint["name"]] = row
            log(
                f"  {endpoint['name']:<22} p95 {row['p95_ms']:>7.1f} ms  {row['rps']:>6.1f} req/s  "
                f"errors {row['errors']}"
            )
        mix = mixed(endpoints, plan["writes"], args)
        for name, row in mix.items():
            row["kind"] = "write" if name in {write["name"] for write in plan["writes"]} else "mix"
        exported = export(args.port, plan["exports"], folder / "export")
        exported["peak_worker_mb"] = server.workers_peak_mb()
        log(f"  export: {exported['seconds']} s, peak worker memory {exported['peak_worker_mb']} MB")
    finally:
        server.stop()
    return {
        "database": database,
        "scale": scale,
        "generated": counts,
        "generation_seconds": round(generated, 1),
        "warm_up_errors": warm_errors,
        "endpoints": results,
        "mix": mix,
        "export": exported,
    }


def mixed(
    endpoints: list[dict[str, Any]], writes: list[dict[str, Any]], args: argparse.Namespace
) -> dict[str, Any]:
    """Every endpoint at once, with one request in twenty a write (WRITE_SHARE). The kinds of write take
    turns (a ballot, a request draft, ...), and each write is sent at most once."""
    reads = [endpoint for endpoint in endpoints if endpoint["kind"] != "floor"]
    kinds: dict[str, list[dict[str, Any]]] = {}
    for write in writes:
        kinds.setdefault(write["name"], []).append(write)
    queues = [list(reversed(queue)) for queue in kinds.values()]
    pending = [queue.pop() for _ in range(max(map(len, queues), default=0)) for queue in queues if queue]
    pending.reverse()
    lock = threading.Lock()
    every = round(1 / WRITE_SHARE)
    sent: dict[int, int] = {}

    def choose(rng: random.Random) -> Call:
        # Each client writes once in `every` requests, at a place of its own in the cycle.
        count = sent[id(rng)] = sent.get(id(rng), rng.randrange(every)) + 1
        if count % every == 0:
            with lock:
                write = pending.pop() if pending else None
            if write is not None:
                return Call(write["name"], write["method"], write["path"], write["headers"], write["body"])
        endpoint = rng.choice(reads)
        return Call("mix reads", "GET", rng.choice(endpoint["paths"]))

    samples = drive(
        "127.0.0.1", args.port, choose, clients=args.clients, seconds=args.mix_seconds, seed=args.seed + 1
    )
    result = summary(samples, args.mix_seconds)
    every_request = [Sample("mix (all requests)", s.seconds, s.status, s.queries) for s in samples]
    return result | summary(every_request, args.mix_seconds)


# Tables -------------------------------------------------------------------------------------------------


def table(run: dict[str, Any]) -> str:
    rows = run["endpoints"]
    lines = [
        f"scale {run['scale']}, {run['database']}: generated in {run['generation_seconds']} s",
        "| endpoint | p50 ms | p95 ms | p99 ms | req/s | errors | queries | p95 / floor | target |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in {**rows, **{k: v for k, v in run["mix"].items() if "p95_ms" in v}}.items():
        floor = rows.get(f"floor {row.get('floor') or 'countries'}")
        ratio = (
            f"{row['p95_ms'] / floor['p95_ms']:.1f}"
            if floor and floor["p95_ms"] and row.get("kind") != "floor"
            else ""
        )
        limit = TARGET_P95_MS.get(row.get("kind", ""))
        target = (
            "" if limit is None else ("met" if row["p95_ms"] <= limit and not row["errors"] else "MISSED")
        )
        queries = "" if row["queries"] is None else f"{row['queries']:g}"
        lines.append(
            f"| {name} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['rps']} "
            f"| {row['errors']} | {queries} | {ratio} | {target} |"
        )
    export = run["export"]
    lines.append(
        f"\nexport: {sum(export['rows'].values())} rows in {export['seconds']} s, errors {export['errors']}, "
        f"peak worker memory {export['peak_worker_mb']} MB"
    )
    return "\n".join(lines)


def growth(runs: list[dict[str, Any]]) -> str:
    scales = sorted({run["scale"] for run in runs})
    lines = []
    for database in dict.fromkeys(run["database"] for run in runs):
        mine = {run["scale"]: run for run in runs if run["database"] == database}
        names = list(mine[scales[0]]["endpoints"])
        header = " | ".join(f"p95 @{s}" for s in scales) + " | " + " | ".join(f"q @{s}" for s in scales)
        lines += [
            f"\ngrowth, {database}",
            f"| endpoint | {header} | p95 @{scales[-1]} / @{scales[0]} | queries flat |",
        ]
        lines.append("|---|" + "---:|" * (2 * len(scales) + 1) + "---|")
        for name in names:
            got = [mine[s]["endpoints"].get(name) for s in scales]
            if any(row is None for row in got):
                continue
            p95 = [row["p95_ms"] for row in got]
            queries = [row["queries"] for row in got]
            ratio = p95[-1] / p95[0] if p95[0] else 0
            flat = "yes" if len(set(queries)) == 1 else "NO"
            lines.append(
                f"| {name} | "
                + " | ".join(map(str, p95))
                + " | "
                + " | ".join(str(q) for q in queries)
                + f" | {ratio:.2f} | {flat} |"
            )
    return "\n".join(lines)


def commit() -> str:
    """The commit measured: ``BENCH_COMMIT`` when the tree is a copy without its repository."""
    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]

    def git(*arguments: str) -> str:
        return subprocess.run(  # noqa: S603
            ["git", *arguments],  # noqa: S607
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        ).stdout.strip()

    try:
        return git("rev-parse", "--short", "HEAD") + ("-dirty" if git("status", "--porcelain") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: list[str]) -> int:
    args = options(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    scales = [int(scale) for scale in args.scales.split()]
    databases = args.databases.split()
    meta = {
        "commit": commit(),
        "cores": os.cpu_count(),
        "load_average_at_start": os.getloadavg(),
        "clients": args.clients,
        "workers": args.workers,
        "seconds_per_endpoint": args.seconds,
        "mix_seconds": args.mix_seconds,
        "seed": args.seed,
    }
    runs = []
    for scale in scales:
        for database in databases:
            run = run_one(database, scale, args)
            runs.append(run)
            (args.out / f"bench-scale{scale}-{database}.json").write_text(
                json.dumps({**meta, **run}, indent=2)
            )
            log("\n" + table(run))
    if len(scales) > 1:
        text = growth(runs)
        log(text)
        (args.out / "growth.json").write_text(json.dumps({**meta, "runs": runs}, indent=2))
    failures = sum(
        run["export"]["errors"]
        + sum(r.get("errors", 0) for r in [*run["endpoints"].values(), *run["mix"].values()])
        for run in runs
    )
    failures += sum(len(run["warm_up_errors"]) for run in runs)
    log(f"\nresults under {args.out} (commit {meta['commit']}, {meta['cores']} cores); errors: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
