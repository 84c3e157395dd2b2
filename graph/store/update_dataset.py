"""The dataset of a SPARQL update: the union default graph, and the Protocol's
``using-graph-uri`` / ``using-named-graph-uri``.

The store answers queries over a default graph that is the union of its named graphs (the
service description says ``sd:UnionDefaultGraph``), and the same must hold for updates. But
Oxigraph's ``update`` takes no dataset option (its ``query`` has ``use_default_graph_as_union``
and ``default_graph``; ``update`` only ``base_iri`` and prefixes), so the update text is
rewritten, operation by operation, into one that means the same over the union:

- the ``WHERE`` of a ``DELETE``/``INSERT`` without ``WITH`` or ``USING`` gets one
  ``USING <g>`` per named graph, so that it matches the union (Update §3.1.3: the default
  graph is then the merge of the ``USING`` graphs; the store's blank nodes are its own, so
  the merge is the union). ``DELETE WHERE { P }`` is first written out as its long form
  ``DELETE { P } WHERE { P }`` (Update §3.1.3.3), since ``USING`` has no place in the short one;
- triples a ``DELETE`` template or ``DELETE DATA`` names outside ``GRAPH`` are removed from
  every named graph that holds them (removing a triple from a union means removing it from
  each part): the template is repeated in a ``GRAPH <g>`` block per named graph. Deleting
  an absent triple does nothing, so the repetition changes nothing else;
- triples an ``INSERT`` template or ``INSERT DATA`` writes outside ``GRAPH`` go to the named
  graph :data:`UPDATES_GRAPH`, so that the union stays the whole dataset and the next update
  sees them (a union cannot be written to as such).

With ``WITH <g>`` the operation names its own graph and is left as written. The request's
``using-graph-uri`` / ``using-named-graph-uri`` (Protocol §2.2.3) become ``USING`` / ``USING
NAMED`` clauses of every ``DELETE``/``INSERT`` operation instead of the union's; giving them
together with ``USING`` or ``WITH`` in the text is an error (:class:`DatasetConflict`), as the
Protocol says.

The named graphs are those in the store when the update arrives, plus those the request
names by a full IRI after ``GRAPH``, ``TO`` or ``INTO`` (a graph that one operation creates
under a variable name or a prefixed name is not seen as part of the union by a later operation
of the same request). Every part of the text not rewritten is kept character for character;
tokens are read with the tokenizer of :mod:`graph.store.sparql.lexer`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from graph.store.sparql.lexer import SPARQL_TOKEN

UPDATES_GRAPH = "https://w3id.org/policykg/id/graph-sparql-updates"
OPERATION_WORDS = frozenset({"INSERT", "DELETE", "WITH", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY"})
GRAPH_NAMING_WORDS = frozenset({"GRAPH", "TO", "INTO"})


class DatasetConflict(ValueError):
    """The request names the update's dataset twice: by parameters and in the text."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int
    depth: int
    """Braces open before the token (a ``{`` counts before itself, a ``}`` after)."""

    @property
    def word(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


@dataclass(frozen=True)
class UsingGraphs:
    """The Protocol's ``using-graph-uri`` and ``using-named-graph-uri`` values."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default or self.named)

    def clauses(self) -> str:
        parts = [f"USING <{iri}>" for iri in self.default] + [f"USING NAMED <{iri}>" for iri in self.named]
        return " ".join(parts)


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    depth = 0
    for match in SPARQL_TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        value = match.group()
        if value == "}":
            depth -= 1
        found.append(Token(kind, value, match.start(), match.end(), depth))
        if value == "{":
            depth += 1
    return found


def operations(found: Sequence[Token]) -> list[list[Token]]:
    """The tokens of each operation (split at ``;`` outside braces)."""
    split: list[list[Token]] = [[]]
    for token in found:
        if token.depth == 0 and token.text == ";":
            split.append([])
        else:
            split[-1].append(token)
    return [operation for operation in split if operation]


def names_dataset(text: str) -> bool:
    """Whether the update text has a ``USING`` or ``WITH`` clause."""
    return any(token.depth == 0 and token.word in ("USING", "WITH") for token in tokens(text))


def graphs_named_in(text: str) -> list[str]:
    """Full IRIs written after GRAPH, TO or INTO."""
    found = tokens(text)
    named = []
    for previous, token in pairwise(found):
        if previous.word in GRAPH_NAMING_WORDS and token.kind == "iri" and ":" in token.text:
            named.append(token.text[1:-1])
    return named


def rewrite_update(
    text: str,
    graph_iris: Iterable[str],
    using: UsingGraphs | None = None,
    *,
    union: bool = True,
) -> str:
    """The update ``text`` over the union default graph (see the module text).

    ``union=False`` (a store whose default graph already is what its updates should see)
    only adds ``using``'s clauses.
    """
    using = using or UsingGraphs()
    if using and names_dataset(text):
        raise DatasetConflict(
            "using-graph-uri / using-named-graph-uri cannot be combined with USING or WITH in the update text"
            " (SPARQL 1.1 Protocol, 2.2.3)"
        )
    if not union and not using:
        return text
    existing = list(graph_iris)
    graphs = list(dict.fromkeys([*existing, *graphs_named_in(text)]))
    if using:
        dataset = using.clauses()
    else:
        dataset = " ".join(
            [f"USING <{iri}>" for iri in [*graphs, UPDATES_GRAPH]] + [f"USING NAMED <{iri}>" for iri in graphs]
        )
    spread = list(dict.fromkeys([*graphs, UPDATES_GRAPH])) if union else None
    edits: list[tuple[int, int, str]] = []
    try:
        for operation in operations(tokens(text)):
            edits += _operation_edits(text, operation, dataset, spread)
    except (IndexError, StopIteration):
        return text  # unbalanced braces or a missing block: the engine's parser says where
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _operation_edits(
    text: str, operation: list[Token], dataset: str, spread: list[str] | None
) -> list[tuple[int, int, str]]:
    """The edits of one operation: ``dataset`` (USING clauses) for its WHERE; with ``spread``
    (the union's graphs), its templates rewritten too."""
    top = [(index, token) for index, token in enumerate(operation) if token.depth == 0 and token.kind == "word"]
    first = next((token.word for _, token in top if token.word in OPERATION_WORDS), None)
    if first not in ("INSERT", "DELETE"):
        return []  # WITH names its graph; LOAD, CLEAR, DROP, ... are about whole graphs
    words = [token.word for _, token in top]
    second = words[words.index(first) + 1] if len(words) > words.index(first) + 1 else ""
    edits: list[tuple[int, int, str]] = []
    if second == "DATA":
        if spread is None:
            return []
        start, end = _block(operation, _index_of(top, "DATA"))
        mode = "insert" if first == "INSERT" else "delete"
        edits.append(
            (operation[start].start, operation[end].end, _rewrite_block(text, operation[start : end + 1], mode, spread))
        )
        return edits
    if first == "DELETE" and second == "WHERE":
        start, end = _block(operation, _index_of(top, "WHERE"))
        pattern = text[operation[start].start : operation[end].end]
        template = pattern if spread is None else _rewrite_block(text, operation[start : end + 1], "delete", spread)
        begin = operation[_index_of(top, "DELETE")].start
        edits.append((begin, operation[end].end, f"DELETE {template} {dataset} WHERE {pattern}"))
        return edits
    for keyword, mode in (("DELETE", "delete"), ("INSERT", "insert")):
        if spread is not None and keyword in words:
            start, end = _block(operation, _index_of(top, keyword))
            edits.append(
                (
                    operation[start].start,
                    operation[end].end,
                    _rewrite_block(text, operation[start : end + 1], mode, spread),
                )
            )
    if dataset and "USING" not in words and "WHERE" in words:
        where = operation[_index_of(top, "WHERE")]
        edits.append((where.start, where.start, dataset + " "))
    return edits


def _index_of(top: list[tuple[int, Token]], word: str) -> int:
    return next(index for index, token in top if token.word == word)


def _block(operation: list[Token], keyword_index: int) -> tuple[int, int]:
    """The indexes of the ``{`` following a keyword and of its ``}``."""
    start = keyword_index + 1
    while operation[start].text != "{":
        start += 1
    end = start + 1
    while not (operation[end].text == "}" and operation[end].depth == operation[start].depth):
        end += 1
    return start, end


def _rewrite_block(text: str, block: list[Token], mode: str, graphs: list[str]) -> str:
    """A quad block with its triples outside GRAPH sent to the union's graphs."""
    inner = block[1:-1]
    depth = block[0].depth + 1
    kept: list[str] = []
    loose: list[list[Token]] = [[]]
    index = 0
    while index < len(inner):
        token = inner[index]
        if token.depth == depth and token.word == "GRAPH":
            close = index + 1
            while not (inner[close].text == "}" and inner[close].depth == depth):
                close += 1
            kept.append(text[token.start : inner[close].end])
            loose.append([])
            index = close + 1
            continue
        loose[-1].append(token)
        index += 1
    triples = [_triples_text(text, piece) for piece in loose]
    triples = [piece for piece in triples if piece]
    if not triples:
        return "{ " + " ".join(kept) + " }"
    body = " . ".join(triples)
    if mode == "insert":
        sent = [f"GRAPH <{UPDATES_GRAPH}> {{ {body} }}"]
    else:
        sent = [body] + [f"GRAPH <{iri}> {{ {body} }}" for iri in graphs]
    return "{ " + " ".join(kept + sent) + " }"


def _triples_text(text: str, piece: list[Token]) -> str:
    while piece and piece[0].text == ".":
        piece = piece[1:]
    while piece and piece[-1].text == ".":
        piece = piece[:-1]
    return text[piece[0].start : piece[-1].end] if piece else ""
