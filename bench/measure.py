"""Measuring helpers for the benchmarks: percentiles, repeated timing, resident memory of a
process tree, servers started as subprocesses on loopback, HTTP timing."""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

from bench.processes import stop

REPO = Path(__file__).resolve().parents[1]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation between closest ranks."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Timing:
    """Latencies in milliseconds of repeated calls, and what the calls returned."""

    samples: list[float] = field(default_factory=list)
    rows: int | None = None
    status: int | None = None
    note: str = ""
    cold_ms: float | None = None  # the first call, when it is kept apart

    @property
    def p50(self) -> float:
        return percentile(self.samples, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def mean(self) -> float:
        return statistics.fmean(self.samples) if self.samples else float("nan")


def repeat(call: Callable[[], int | None], times: int, *, warmup: int = 1, budget_s: float = 60.0) -> Timing:
    """Time ``call`` ``times`` times after ``warmup`` untimed calls; stop early once the timed
    calls have used ``budget_s`` (a slow engine then gets fewer samples, noted)."""
    timing = Timing()
    for _ in range(warmup):
        started = time.perf_counter()
        timing.rows = call()
        if time.perf_counter() - started > budget_s:
            timing.samples.append((time.perf_counter() - started) * 1000)
            timing.note = "1 run (over budget)"
            return timing
    spent = 0.0
    for _ in range(times):
        started = time.perf_counter()
        timing.rows = call()
        elapsed = time.perf_counter() - started
        timing.samples.append(elapsed * 1000)
        spent += elapsed
        if spent > budget_s and len(timing.samples) < times:
            timing.note = f"{len(timing.samples)} runs (budget {budget_s:.0f} s)"
            break
    return timing


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            total += process.memory_info().rss
    return total


class PeakMemory:
    """Samples the resident memory of a process tree every ``interval`` seconds in a thread;
    ``peak`` is the largest sum seen."""

    def __init__(self, pid: int | None = None, interval: float = 0.1):
        self.pid = os.getpid() if pid is None else pid
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(self.pid))


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def rss(self) -> int:
        return tree_rss(self.process.pid)


@contextlib.contextmanager
def serve(
    args: Sequence[str],
    *,
    port: int,
    env: Mapping[str, str] | None = None,
    ready_path: str = "/",
    timeout_s: float = 600.0,
    log: Path,
) -> Iterator[Server]:
    """Run ``args`` (a server listening on ``port``) until it answers ``ready_path``; stop it
    (SIGTERM, then SIGKILL) on exit."""
    full_env = {**os.environ, **(env or {})}
    full_env.setdefault("PYTHONPATH", str(REPO))
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        process = subprocess.Popen(list(args), cwd=REPO, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    server = Server(process, base, log)
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                raise RuntimeError(
                    f"server exited with {process.returncode}: {log.read_text(errors='replace')[-2000:]}"
                )
            try:
                httpx.get(base + ready_path, timeout=5.0)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not answer within {timeout_s:.0f} s") from None
                time.sleep(0.2)
        yield server
    finally:
        stop(process)


def uvicorn_args(port: int, workers: int = 1) -> list[str]:
    """The PolicyKG API under uvicorn (settings from POLICYKG_* in the environment)."""
    args = [sys.executable, "-m", "uvicorn", "api.app:app_factory", "--factory", "--host", "127.0.0.1"]
    args += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    if workers > 1:
        args += ["--workers", str(workers)]
    return args


def fmt_ms(value: float) -> str:
    if value != value:  # NaN
        return "–"
    return f"{value:.1f}" if value < 100 else f"{value:.0f}"


def fmt_ratio(slow: float, fast: float) -> str:
    if fast != fast or slow != slow or fast <= 0:
        return "–"
    return f"{slow / fast:.1f}×"


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


JSON_RESULTS = "application/sparql-results+json"


def _http(client: httpx.Client, url: str, **kwargs: Any) -> tuple[int, int | None, str]:
    response = client.get(url, **kwargs)
    rows: int | None = None
    if response.status_code == 200 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        if isinstance(body, dict) and "results" in body:
            rows = len(body["results"]["bindings"])
        elif isinstance(body, dict) and isinstance(body.get("items"), list):
            rows = len(body["items"])
    return response.status_code, rows, response.text[:200]


def time_route(client: httpx.Client, url: str, times: int, budget: float) -> Timing:
    """Repeated requests; the first one (before any cache of the server is warm) is kept
    apart as ``cold_ms``."""
    started = time.perf_counter()
    try:
        status, _rows, text = _http(client, url)
    except httpx.TimeoutException:
        return Timing(note=f"no answer in {client.timeout.read:.0f} s")
    cold_ms = (time.perf_counter() - started) * 1000
    if status == 404 and '"Not Found"' in text:
        return Timing(status=404, note="absent")

    def call() -> int | None:
        code, rows, _ = _http(client, url)
        if code != status:
            raise RuntimeError(f"{url}: {code} after {status}")
        return rows

    timing = repeat(call, times, warmup=0, budget_s=budget)
    timing.status = status
    timing.cold_ms = cold_ms
    return timing


def time_sparql(client: httpx.Client, url: str, text: str, times: int, budget: float, *, warmup: int = 1) -> Timing:
    """p50/p95 of a query over HTTP after ``warmup`` untimed calls (one per query worker: the
    server hands requests to its idle workers in turn, each with its own caches)."""

    def call() -> int | None:
        code, rows, body = _http(client, url, params={"query": text}, headers={"Accept": JSON_RESULTS})
        if code != 200:
            raise RuntimeError(f"{url}: {code} {body}")
        return rows

    return repeat(call, times, warmup=warmup, budget_s=budget)
