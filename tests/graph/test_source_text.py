"""The text each ingested file was read as, kept on its named graph: every span's quote stands
on its lines, the text goes with the graph when the file is ingested again, and a span leads
to its file's text."""

from __future__ import annotations

from pathlib import Path

from graph.build.ids import local, node
from graph.ingest.run import ingest
from graph.queries.named import run_named
from graph.read.source_text import (
    graph_of_document,
    graph_of_file,
    graph_of_span,
    source_files,
    source_lines,
    source_text,
)
from graph.store.embedded import PolicyStore
from loaders.extract import load_plan

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
DONG_THAP = SAMPLES / "dong-thap_kh-sxtdbv-2023.txt"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_task_quote_stands_on_the_lines_of_the_kept_text(tmp_path: Path) -> None:
    record = load_plan(DONG_THAP)
    assert record.source_text.split("\n")[0].strip()
    with PolicyStore.open(tmp_path / "store") as store:
        assert all(report.ok for report in ingest(store, [SAMPLES]))
        files = source_files(store)
        assert {f.file for f in files} == {path.name for path in SAMPLES.iterdir()}
        document = next(f.document for f in files if f.file == DONG_THAP.name)
        graph = graph_of_document(store, document)
        assert graph is not None and graph_of_file(store, DONG_THAP.name) == graph
        text = source_text(store, graph)
        assert text == record.source_text
        lines = source_lines(text)
        for task in record.tasks:
            quoted = _flat(" ".join(lines[task.span.start_line - 1 : task.span.end_line]))
            assert _flat(task.span.quote).rstrip("…")[:80] in quoted
        rows = run_named(store, "visual_node_sources", node=node(document))
        span = local(str(rows[0]["span"]))
        assert graph_of_span(store, span) == graph
        # ingesting the file again keeps one text, the same
        assert all(report.ok for report in ingest(store, [DONG_THAP]))
        assert source_text(store, graph) == record.source_text
        assert len(run_named(store, "source_text", g=node(graph))) == 1
