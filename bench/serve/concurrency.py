"""The API under concurrent clients: requests/s, p50/p95/p99 and errors per route and for a
mix of routes, at several numbers of connections, with wrk on loopback.

    python -m bench.serve.concurrency --store /tmp/policykg-scale/store-10200 [--connections 1 4 16 64]
    python -m bench.serve.concurrency --tasks 10000        # generate and ingest a corpus first
    python -m bench.serve.concurrency --store ... --workers 2   # try several uvicorn workers

The server is a real uvicorn (``api.app:app_factory``) over the store; wrk (``/usr/bin/wrk``)
reports the percentiles through a small Lua script.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

from bench.measure import REPO, fmt_ms, markdown_table, serve, uvicorn_args
from bench.processes import free_port
from bench.usecases import USE_CASES, pick_ids
from graph.store.embedded import PolicyStore

RESULTS = REPO / "bench" / "results"
WRK = shutil.which("wrk") or "/usr/bin/wrk"

_LUA = r"""
local paths = {%s}
local index = 0
request = function()
  index = index %% #paths + 1
  return wrk.format("GET", paths[index])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%.3f %%.3f %%.3f\n", summary.requests,
    e.connect + e.read + e.write + e.timeout, e.status, summary.duration,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
"""


def wrk(base: str, paths: list[str], connections: int, seconds: int, work: Path) -> dict[str, Any]:
    script = work / "paths.lua"
    quoted = ", ".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script.write_text(_LUA % quoted, encoding="utf-8")
    threads = max(1, min(connections, 2))
    done = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s", "-s", str(script), base],
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", done.stdout)
    if match is None:
        raise RuntimeError(f"wrk printed no result: {done.stdout}\n{done.stderr}")
    requests, socket_errors, status_errors, micros = (int(match.group(i)) for i in range(1, 5))
    if requests == 0:
        nan = float("nan")
        return {"requests": 0, "rps": 0.0, "errors": socket_errors + status_errors, "p50": nan, "p95": nan, "p99": nan}
    return {
        "requests": requests,
        "rps": requests / (micros / 1e6),
        "errors": socket_errors + status_errors,
        "p50": float(match.group(5)),
        "p95": float(match.group(6)),
        "p99": float(match.group(7)),
    }


def prepare_store(tasks: int, work: Path, seed: int) -> Path:
    from bench.synth.corpus import size_for, write_corpus
    from graph.ingest.run import default_jobs, ingest

    corpus = work / "corpus"
    write_corpus(corpus, size_for(tasks), seed)
    store_path = work / "store"
    with PolicyStore.open(store_path) as store:
        ingest(store, [corpus], validate=False, jobs=default_jobs())
    return store_path


def try_workers(store_path: Path, workers: int, work: Path) -> str:
    """What happens with several uvicorn workers over one store directory."""
    port = free_port()
    env = {"POLICYKG_STORE": str(store_path), "POLICYKG_WARM": "false"}
    codes: list[int] = []
    failure = ""
    try:
        with serve(uvicorn_args(port, workers), port=port, env=env, ready_path="/plans?limit=1",
                   timeout_s=120, log=work / "workers.log") as api:  # fmt: skip
            time.sleep(3)
            with httpx.Client(timeout=30) as client:
                for _ in range(40):
                    try:
                        codes.append(client.get(api.url("/plans?limit=1")).status_code)
                    except httpx.HTTPError as error:
                        codes.append(0)
                        failure = f"; then: {error}"
            log = api.log.read_text(errors="replace")
    except RuntimeError as error:
        return f"{workers} workers: the server did not come up: {error}"
    lock_lines = [line for line in log.splitlines() if "open in another" in line.lower()]
    summary = f"{workers} workers: {codes.count(200)}/40 requests answered 200{failure}"
    if lock_lines:
        summary += f"; worker log: {lock_lines[-1].strip()[:300]}"
    stopped = [line for line in log.splitlines() if "stopping the parent" in line.lower()]
    if stopped:
        summary += f"; {stopped[-1].strip()}"
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=None, help="an existing store directory")
    parser.add_argument("--tasks", type=int, default=None, help="else generate and ingest a corpus of this size")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 4, 16, 64])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1, help="also try this many uvicorn workers (> 1)")
    parser.add_argument("--skip", nargs="*", default=[], help="use cases not to load (e.g. overlaps at scale)")
    parser.add_argument("--out", type=Path, default=RESULTS / "concurrency.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.store is not None:
            store_path = args.store
        elif args.tasks is not None:
            store_path = prepare_store(args.tasks, work, args.seed)
        else:
            raise SystemExit("give --store or --tasks")
        with PolicyStore.open(store_path) as store:
            ids = pick_ids(store)
            triples = store.triple_count()
        paths = {c.name: c.path(ids) for c in USE_CASES if c.route and c.name not in args.skip}
        port = free_port()
        env = {"POLICYKG_STORE": str(store_path), "POLICYKG_WARM": "false"}
        rows = []
        with serve(uvicorn_args(port), port=port, env=env, ready_path="/plans?limit=1", log=work / "api.log") as api:
            with httpx.Client(timeout=120) as client:
                present = {name: path for name, path in paths.items() if path and _exists(client, api.url(path))}
            peak = api.rss
            targets = [(name, [path]) for name, path in present.items()] + [("mix of all", list(present.values()))]
            for name, route_paths in targets:
                for connections in args.connections:
                    _drain(api.url("/plans?limit=1"))
                    figures = wrk(api.base, route_paths, connections, args.seconds, work)
                    peak = max(peak, api.rss)
                    rows.append([name, connections, f"{figures['rps']:.1f}", fmt_ms(figures["p50"]),
                                 fmt_ms(figures["p95"]), fmt_ms(figures["p99"]), figures["errors"]])  # fmt: skip
                    print(" | ".join(str(c) for c in rows[-1]), flush=True)
            absent = sorted(set(paths) - set(present))
        table = markdown_table(["route", "connections", "requests/s", "p50 ms", "p95 ms", "p99 ms", "errors"], rows)
        text = (
            f"Store: {store_path} ({triples} triples); one uvicorn worker; wrk {args.seconds} s per row.\n\n"
            + table
            + f"\n\nAbsent routes: {', '.join(absent) or 'none'}. Not loaded: {', '.join(args.skip) or 'none'}."
            f" Peak resident memory of the API"
            f" (server and query workers): {peak / 1e6:.0f} MB.\n"
        )
        if args.workers > 1:
            text += "\n" + try_workers(store_path, args.workers, work) + "\n"
    print("\n" + text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        "# The API under concurrent clients\n\nWritten by `python -m bench.serve.concurrency`.\n\n" + text
    )


def _drain(url: str, limit_s: float = 180.0) -> None:
    """Wait until the server answers a cheap route quickly again: requests that wrk gave up on
    are still being worked off by the server."""
    deadline = time.monotonic() + limit_s
    quick = 0
    with httpx.Client(timeout=5) as client:
        while quick < 2 and time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                client.get(url)
                quick = quick + 1 if time.perf_counter() - started < 0.2 else 0
            except httpx.HTTPError:
                quick = 0
            time.sleep(0.2)


def _exists(client: httpx.Client, url: str) -> bool:
    """False for a 404 "Not Found" from the router (no such route), True otherwise."""
    response = client.get(url)
    return not (response.status_code == 404 and '"Not Found"' in response.text[:200])


if __name__ == "__main__":
    main()
