"""The coverage graph: each national document of the reference data in each of the 34
provinces, and the provincial targets matched to national ones (``graph.analysis.coverage``),
written as one named graph after every ingest that changed the store, so that SPARQL users can
ask which provinces carry a document out and with which targets.

Cost: the lineage graph of the documents and one target-gap run over the store, reading the
targets without their quotes (a third of the cost of the query with them): 1.7–2.1 s at 10^4
tasks, measured on a loaded 2-core machine (the ingest of those 205 plans took 37 s there).
"""

from __future__ import annotations

from graph.analysis.coverage import coverage_facts
from graph.build.coverage import coverage_triples
from graph.build.ids import COVERAGE_GRAPH
from graph.store.protocol import GraphStore


def refresh_coverage(store: GraphStore) -> int:
    """Rewrite the coverage graph from what the store holds now; its triple count."""
    facts, uptakes = coverage_facts(store)
    data = coverage_triples(facts, uptakes).ntriples()
    return store.replace_graph(COVERAGE_GRAPH, data, format="application/n-triples")
