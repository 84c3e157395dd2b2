"""``Triples``: the triples of one document's graph while it is built and validated.

An insertion-ordered set of rdflib terms with only what those steps need. rdflib's
``Graph`` indexes each triple three ways and fires events as it is added, which made graph
building the costliest step of an ingest after extraction; this keeps one dict and writes
N-Triples itself. ``to_graph`` gives an rdflib ``Graph`` where a full one is wanted.

Writing N-Quads by hand, each distinct term written once: 8–11 ms a plan of 2,600 quads;
making pyoxigraph ``Quad`` objects for ``pyoxigraph.serialize`` took 10–13 ms on the same
plans, on top of slower building and validation (``graph.build.terms`` has the figures).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Node) -> str:
    """The N-Triples form of one term.

    >>> nt_term(Literal('say "hi"', lang="vi"))
    '"say \\\\"hi\\\\""@vi'
    """
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


class Triples:
    """A set of triples that keeps the order they were added in."""

    def __init__(self, triples: Iterable[Triple] = ()) -> None:
        self._items: dict[Triple, None] = dict.fromkeys(triples)

    def add(self, triple: Triple) -> Triples:
        self._items[triple] = None
        return self

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, triple: object) -> bool:
        return triple in self._items

    def to_graph(self) -> Graph:
        graph = Graph()
        for triple in self._items:
            graph.add(triple)
        return graph

    def ntriples(self) -> bytes:
        """The triples as N-Triples, UTF-8, one per line in the order they were added."""
        return self._lines(" .\n")

    def nquads(self, graph_iri: str) -> bytes:
        """The triples as N-Quads in the named graph ``graph_iri``."""
        return self._lines(f" {nt_term(URIRef(graph_iri))} .\n")

    def _lines(self, end: str) -> bytes:
        forms: dict[Node, str] = {}

        def form(term: Node) -> str:
            text = forms.get(term)
            if text is None:
                text = forms[term] = nt_term(term)
            return text

        lines = [f"{form(s)} {form(p)} {form(o)}{end}" for s, p, o in self._items]
        return "".join(lines).encode("utf-8")
