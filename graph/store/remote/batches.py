"""A graph's content as SPARQL updates small enough for a server to take.

:meth:`graph.store.remote.store.RemoteStore.replace_graph` writes a graph in batches of
INSERT DATA, each below a number of triples and of bytes (a server bounds what one request
may hold). A blank node label names one node only within one update, so the triples that
blank nodes link stay in one batch.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import BlankNode, DefaultGraph, NamedNode, RdfFormat, parse

from graph.store.errors import StoreError

Statement = tuple[str, frozenset[str]]


def statements(graph: NamedNode, data: bytes | str, fmt: RdfFormat, graph_iri: str) -> list[Statement]:
    """The distinct triples of the payload as N-Triples statements, with their blank nodes."""
    try:
        quads = list(parse(data, format=fmt))
    except SyntaxError as error:
        raise StoreError(f"cannot parse the data for {graph_iri}: {error}") from error
    seen: dict[str, frozenset[str]] = {}
    for quad in quads:
        if not isinstance(quad.graph_name, DefaultGraph) and quad.graph_name != graph:
            raise StoreError(f"the data for {graph_iri} has a quad in another graph: {quad.graph_name}")
        text = f"{quad.subject} {quad.predicate} {quad.object} ."
        blanks = frozenset(str(term) for term in (quad.subject, quad.object) if isinstance(term, BlankNode))
        seen.setdefault(text, blanks)
    return list(seen.items())


def batches(items: list[Statement], max_triples: int, max_bytes: int) -> Iterator[list[Statement]]:
    """Statements in batches; statements linked by blank nodes stay in one batch (a blank
    node label means one node only within one INSERT DATA).

    >>> linked = [("_:a <p> _:b .", frozenset({"_:a", "_:b"})), ("_:b <p> <o> .", frozenset({"_:b"}))]
    >>> plain = [("<s> <p> <o> .", frozenset())]
    >>> [len(batch) for batch in batches(linked + plain, max_triples=2, max_bytes=10_000)]
    [2, 1]
    """
    groups: dict[str, list[Statement]] = {}
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    for _text, blanks in items:
        labels = sorted(blanks)
        for other in labels[1:]:
            parent[root(other)] = root(labels[0])
    plain: list[list[Statement]] = []
    for statement in items:
        if statement[1]:
            groups.setdefault(root(min(statement[1])), []).append(statement)
        else:
            plain.append([statement])
    batch: list[Statement] = []
    size = 0
    for group in [*groups.values(), *plain]:
        group_size = sum(len(text) for text, _ in group)
        if batch and (len(batch) + len(group) > max_triples or size + group_size > max_bytes):
            yield batch
            batch, size = [], 0
        batch += group
        size += group_size
    if batch:
        yield batch


def insert(graph: NamedNode, batch: list[Statement]) -> str:
    """One batch as an update. Blank nodes go through ``INSERT {...} WHERE {}``, which makes
    fresh nodes for the template's labels (some servers refuse blank nodes in INSERT DATA).

    >>> print(insert(NamedNode("urn:g"), [("<urn:s> <urn:p> 1 .", frozenset())]))
    INSERT DATA { GRAPH <urn:g> {
    <urn:s> <urn:p> 1 .
    } }
    """
    body = "\n".join(text for text, _blanks in batch)
    if any(blanks for _text, blanks in batch):
        return f"INSERT {{ GRAPH {graph} {{\n{body}\n}} }} WHERE {{ }}"
    return f"INSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}"


__all__ = ["Statement", "batches", "insert", "statements"]
