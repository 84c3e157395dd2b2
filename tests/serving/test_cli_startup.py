"""The command line starts quickly: ``policykg --help`` and ``policykg query`` import only what
they need, and each costs well under half a second of CPU."""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

import pytest

from graph.store.embedded import PolicyStore
from tests.serving.policykg_server import REPO_ROOT, policykg_command

CPU_LIMIT_S = 0.5
HEAVY = ("graph.ingest.run", "loaders", "pyshacl", "networkx", "rdflib", "openpyxl", "scipy", "fastapi", "pydantic")


def child_cpu(command: list[str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert done.returncode == 0, done.stderr
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, done.stdout


def test_the_command_line_module_imports_no_reader_store_or_analysis() -> None:
    probe = "import sys, api.cli.main; print(' '.join(sorted(m for m in sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, check=True)
    modules = loaded.stdout.split()
    assert "api.cli.main" in modules
    assert [m for m in modules if m.startswith(HEAVY) or m == "pyoxigraph"] == []


@pytest.mark.parametrize("command", ["help", "query"])
def test_start_up_costs_well_under_half_a_second_of_cpu(tmp_path: Path, command: str) -> None:
    PolicyStore.open(tmp_path / "store").close()
    args = ["--help"] if command == "help" else ["query", "ASK {}", "--store", str(tmp_path / "store")]
    cheapest, output = min(child_cpu([*policykg_command(), *args]) for _ in range(3))
    print(f"\npolicykg {' '.join(args[:2])}: {cheapest * 1000:.0f} ms of CPU")
    assert ("usage: policykg" in output) if command == "help" else (output.strip() == "true")
    assert cheapest < CPU_LIMIT_S
