"""An ingest killed (SIGKILL) at any point leaves a store that, once opened again, answers as
after a clean ingest of the plans it holds: the derived graphs (agencies, 2025 successions)
are re-derived from the plan graphs, and the opening says so."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from graph.ingest.derived import JOURNAL_FILE
from graph.ingest.opening import open_repaired
from graph.ingest.run import ingest
from graph.read.mandates import find_agencies, mandates
from graph.store.bulk import PENDING_FILE
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"
FILES = [str(path) for path in sorted(SAMPLES.glob("*.txt"))]
POL = "https://w3id.org/policykg/ontology#"

# A real ingest in a child process that kills itself with SIGKILL at one point of the run: no
# handler runs, nothing is flushed, as when the machine stops or the process is killed -9.
DRIVER = """
import os, signal, sys
import graph.ingest.run as ingest_module
import graph.store.embedded as store_module
from graph.store.embedded import PolicyStore

point, location, files = sys.argv[1], sys.argv[2], sys.argv[3:]


armed = False


def die(*args, **kwargs):
    if armed:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_refresh(*args, **kwargs) if point == "before-agencies" else real_compact(*args, **kwargs)


real_refresh, real_compact = ingest_module.refresh_succession, PolicyStore.compact


progress = None
if point.startswith("after-file-"):
    count = int(point.rsplit("-", 1)[1])
    progress = lambda index, total, report: os.kill(os.getpid(), signal.SIGKILL) if armed and index >= count else None
elif point == "before-agencies":
    ingest_module.refresh_succession = die
elif point == "before-compact":
    PolicyStore.compact = die
elif point == "mid-bulk-load":
    loader = store_module.bulk_load_graphs

    def half_then_die(store, where, data, graphs):
        if not armed:
            return loader(store, where, data, graphs)
        lines = data.splitlines(keepends=True)
        loader(store, where, b"".join(lines[: len(lines) // 2]), graphs)
        (where / "policykg-pending-graphs.txt").write_text("\\n".join(graphs) + "\\n")
        os.kill(os.getpid(), signal.SIGKILL)

    store_module.bulk_load_graphs = half_then_die
elif point == "mid-agencies":
    real = store_module.PolicyStore.replace_graph

    def replace_then_die(self, graph_iri, data, format="application/n-quads"):
        if armed and graph_iri.endswith("graph-agencies"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, graph_iri, data, format)

    store_module.PolicyStore.replace_graph = replace_then_die
with PolicyStore.open(location) as store:
    ingest_module.ingest(store, files[:1], jobs=1)  # a first plan, ingested whole
    armed = True
    ingest_module.ingest(store, files[1:], progress=progress, jobs=1)
print("finished")
"""

POINTS = ["after-file-1", "mid-bulk-load", "before-agencies", "mid-agencies", "before-compact"]


def _answers(store: PolicyStore) -> dict[str, int]:
    """What `mandates` answers for Sở Công Thương of each province a plan of the store is in."""
    provinces = {"ha tinh": "ha-tinh", "dong thap": "dong-thap", "an giang": "an-giang"}
    plans = {str(r["plan"]) for r in store.select(f"SELECT ?plan WHERE {{ ?plan a <{POL}Plan> }}")}
    found = {}
    for name, part in provinces.items():
        if any(f"-{part}-" in plan for plan in plans):
            found[name] = sum(len(mandates(store, m.id)) for m in find_agencies(store, "so cong thuong", name))
    return found


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    with PolicyStore.open(tmp_path_factory.mktemp("clean") / "store") as store:
        assert all(r.ok for r in ingest(store, FILES))
        answers = _answers(store)
    assert answers == {"ha tinh": 15, "dong thap": answers["dong thap"], "an giang": answers["an giang"]}
    assert min(answers.values()) > 0
    return answers


@pytest.mark.parametrize("point", POINTS)
def test_a_killed_ingest_is_repaired_when_the_store_is_opened(
    point: str, tmp_path: Path, clean: dict[str, int]
) -> None:
    location = tmp_path / "store"
    run = subprocess.run(
        [sys.executable, "-c", DRIVER, point, str(location), *FILES],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == -9, (run.returncode, run.stdout, run.stderr[-2000:])
    opened = open_repaired(location)
    with opened.store as store:
        answers = _answers(store)
        said = (opened.repaired or "") + " ".join(store.recovered)
    assert answers, "some plan should have been written before the kill"
    assert answers == {name: clean[name] for name in answers}, (point, said)
    assert "repaired" in said, point
    assert not (location / JOURNAL_FILE).exists() and not (location / PENDING_FILE).exists()
