"""Parallel ingest: the same store as a sequential ingest, per-file errors kept per file, and
SHACL run in the workers."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.synth.corpus import Size, write_corpus
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "data" / "samples"


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated plans, the three sample plans and two files that cannot be read."""
    folder = tmp_path_factory.mktemp("mixed")
    write_corpus(folder / "synthetic", Size(provinces=2, plans_per_province=2, tasks_per_plan=12), seed=3)
    (folder / "synthetic" / "manifest.json").unlink()
    for sample in SAMPLES.glob("*.txt"):
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    return folder


def _ingest(folder: Path, path: Path, jobs: int, validate: bool = False) -> tuple[bytes, list[tuple[str, bool]]]:
    with PolicyStore.open(path) as store:
        reports = ingest(store, [folder], validate=validate, jobs=jobs)
        # the time each file was ingested differs from one store to the other
        quads = b"\n".join(q for q in store.dump("application/n-quads").splitlines() if b"#ingestedAt>" not in q)
        return quads, [(r.path.name, r.ok) for r in reports]


def test_parallel_and_sequential_ingest_give_the_same_store(mixed_folder: Path, tmp_path: Path) -> None:
    sequential, seq_reports = _ingest(mixed_folder, tmp_path / "one", jobs=1)
    parallel, par_reports = _ingest(mixed_folder, tmp_path / "two", jobs=2)
    assert par_reports == seq_reports
    assert dict(par_reports) == {
        **{name: True for name, _ in seq_reports if name not in {"empty.txt", "binary.txt"}},
        "empty.txt": False,
        "binary.txt": False,
    }
    assert len(par_reports) == 9
    # blank nodes get fresh labels on every write; compare everything else
    assert _without_blank_nodes(parallel) == _without_blank_nodes(sequential)


def _without_blank_nodes(nquads: bytes) -> set[bytes]:
    return {line for line in nquads.splitlines() if b"_:" not in line}


def test_a_failed_file_in_a_parallel_ingest_says_why_and_the_others_are_written(
    mixed_folder: Path, tmp_path: Path
) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        reports = ingest(store, [mixed_folder], validate=False, jobs=2)
        graphs = store.graph_iris()
    failed = {r.path.name: r.error for r in reports if not r.ok}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert "empty" in (failed["empty.txt"] or "") and "binary" in (failed["binary.txt"] or "")
    written = [r.graph_iri for r in reports if r.ok]
    assert len(written) == 7 and set(written) <= set(graphs)


def test_shacl_runs_in_the_workers_and_reports_per_file(mixed_folder: Path, tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        reports = ingest(store, [mixed_folder / "synthetic"], validate=True, jobs=2)
    assert len(reports) == 4 and all(r.ok for r in reports)
    assert all(r.violations == [] for r in reports)
    assert all(r.cpu_seconds > 0 and r.triples > 500 for r in reports)


def test_reingesting_in_parallel_replaces_graphs_without_growing_the_store(mixed_folder: Path, tmp_path: Path) -> None:
    with PolicyStore.open(tmp_path / "store") as store:
        ingest(store, [mixed_folder], validate=False, jobs=2)
        before = store.triple_count()
        again = ingest(store, [mixed_folder], validate=False, jobs=2)
        assert store.triple_count() == before
    assert sum(r.ok for r in again) == 7


def test_jobs_below_one_is_refused(tmp_path: Path) -> None:
    with PolicyStore.open(None) as store, pytest.raises(ValueError, match="at least 1"):
        ingest(store, [SAMPLES], jobs=0)
