"""The normalised text of each ingested file, as the loaders read it: what the source reader
shows, with the line numbers every source span counts in.

The text is one literal on the file's named graph node (``<G> pol:sourceText "…"``), so it is
replaced with the graph when the file is ingested again and removed with it. A quote is found
from the graph its span (or its document) was written in, never from the file name.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.build.ids import local, node
from graph.queries.named import run_named
from graph.read.cache.memo import memoized
from graph.store.protocol import GraphStore


@dataclass(frozen=True)
class SourceFile:
    graph: str  # local id of the named graph
    document: str  # local id of the document read from the file
    file: str  # the file name, as the spans name it


def source_files(store: GraphStore) -> list[SourceFile]:
    """Every ingested file whose text the store keeps (kept until the store changes)."""

    def compute() -> list[SourceFile]:
        found = {
            (local(str(row["g"])), local(str(row["document"])), str(row["file"]))
            for row in run_named(store, "source_graphs")
        }
        return [SourceFile(*item) for item in sorted(found)]

    return memoized(store, "source_files", compute)


def graph_of_document(store: GraphStore, document_id: str) -> str | None:
    """The graph holding the text the document was read from."""
    return next((f.graph for f in source_files(store) if f.document == document_id), None)


def graph_of_span(store: GraphStore, span_id: str) -> str | None:
    rows = run_named(store, "span_graph", span=node(span_id))
    return local(str(rows[0]["g"])) if rows else None


def graph_of_file(store: GraphStore, file: str) -> str | None:
    """The graph of a file named ``file``, when exactly one ingested file has that name."""
    graphs = {f.graph for f in source_files(store) if f.file == file}
    return graphs.pop() if len(graphs) == 1 else None


def source_text(store: GraphStore, graph_id: str) -> str | None:
    """The text of the file whose named graph is ``graph_id``; None when it keeps none."""
    rows = run_named(store, "source_text", g=node(graph_id))
    return str(rows[0]["text"]) if rows else None


def page_starts(store: GraphStore, graph_id: str) -> list[int]:
    """The lines the pages of a paged file begin on (page n at ``[n - 1]``); [] for a file
    without pages."""
    return [int(str(row["start"])) for row in run_named(store, "source_pages", g=node(graph_id))]


def source_lines(text: str) -> list[str]:
    """The text's lines; line n is ``lines[n - 1]``."""
    return text.split("\n")
