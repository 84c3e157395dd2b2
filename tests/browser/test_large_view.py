"""A 1,500-node view over a synthetic national corpus (bench/synth) becomes interactive, and
says plainly that it is truncated."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench.synth.corpus import size_for, write_corpus
from graph.analysis.lineage.dag import descendants, lineage_graph
from graph.ingest.run import ingest
from graph.store.embedded import PolicyStore
from graph.visualize.entry_points import implemented_documents
from graph.visualize.view import NODE_CAP
from tests.browser.conftest import SAMPLES, Watched, click_node, wait_until_interactive

pytestmark = pytest.mark.browser


@dataclass
class LargeStore:
    path: Path
    document: str
    lineage_size: int  # nodes in the document's lineage, the document included


@pytest.fixture(scope="module")
def large_store(tmp_path_factory: pytest.TempPathFactory) -> LargeStore:
    corpus = tmp_path_factory.mktemp("corpus")
    write_corpus(corpus, size_for(2000), seed=11)
    (corpus / "manifest.json").unlink()  # the corpus's description, not a plan: ingest would name it as not read
    path = tmp_path_factory.mktemp("large") / "store"
    with PolicyStore.open(path) as store:
        reports = ingest(store, [SAMPLES, corpus], validate=False)
        assert all(report.ok for report in reports)
        document = implemented_documents(store)[0].id
        size = len(descendants(lineage_graph(store), document)) + 1
    return LargeStore(path, document, size)


def test_a_1500_node_lineage_becomes_interactive(
    serve_app: Callable[[Mapping[str, str]], object], large_store: LargeStore, open_page, screenshot
) -> None:
    assert large_store.lineage_size > NODE_CAP
    server = serve_app({"POLICYKG_STORE": str(large_store.path)})
    watched: Watched = open_page()
    page = watched.page
    page.goto(server.url(f"/graph/legal/{large_store.document}"), timeout=180_000)
    ready = wait_until_interactive(page, timeout_ms=180_000)
    screenshot(page, "lineage-1500-nodes")
    assert ready["nodes"] == NODE_CAP
    assert ready["readyBy"] == "afterDrawing"  # laid out beforehand, physics off
    notice = page.locator("#truncated").text_content()
    assert str(NODE_CAP) in notice and str(large_store.lineage_size - NODE_CAP) in notice
    drawn = page.evaluate("policykgGraph.network.body.data.nodes.get().filter(n => n.kind === 'task').map(n => n.id)")
    click_node(page, drawn[0])
    page.wait_for_selector(f"#panel-body[data-node='{drawn[0]}'] .quote")
    assert watched.errors == []
