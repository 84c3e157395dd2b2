"""A real ``policykg serve`` on a free loopback port, started as the user starts it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.processes import free_port, stop

REPO_ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 90.0


def policykg_command() -> list[str]:
    """The ``policykg`` console script of this environment (``python -m api.cli.main`` without one)."""
    script = Path(sys.executable).with_name("policykg")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "api.cli.main"]


@dataclass
class PolicykgServer:
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path
    started_s: float
    """Seconds from the start of the process until it first answered."""

    @property
    def sparql_url(self) -> str:
        return self.base_url + "/sparql"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")


def environment(extra: Mapping[str, str]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("POLICYKG_")}
    env.update(extra)
    return env


@contextmanager
def policykg_serve(store: str, log: Path, env: Mapping[str, str] | None = None) -> Iterator[PolicykgServer]:
    """``policykg serve --store STORE`` until the block ends; ready once ``GET /sparql`` answers."""
    port = free_port()
    command = [*policykg_command(), "serve", "--store", store, "--host", "127.0.0.1", "--port", str(port)]
    started = time.monotonic()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, env=environment(env or {}), stdout=sink, stderr=subprocess.STDOUT
        )
    server = PolicykgServer(f"http://127.0.0.1:{port}", process, log, 0.0)
    try:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"policykg serve exited with {process.returncode}: {server.log_text()}")
            try:
                if httpx.get(server.sparql_url, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() - started > START_TIMEOUT_S:
                raise AssertionError(f"policykg serve did not answer in {START_TIMEOUT_S:g} s: {server.log_text()}")
            time.sleep(0.05)
        server.started_s = time.monotonic() - started
        yield server
    finally:
        stop(process)
