"""A SHACL Core validator for the constraint components ``ontology/shapes.ttl`` uses.

The shapes file stays the one statement of the rules; this module reads it into plain Python
objects once and checks data against them with dictionary look-ups. It exists because a
general-purpose engine spends most of a second on each plan (it re-reads the reference
graphs every time), which would make validation the slowest step of an ingest by far.

Supported: ``sh:targetClass`` (with ``rdfs:subClassOf``), predicate and sequence paths, and
the components ``class``, ``datatype``, ``nodeKind``, ``minCount``, ``maxCount``,
``minInclusive``, ``lessThanOrEquals``, ``hasValue``, ``in``, ``languageIn``, ``uniqueLang``,
``node``, ``property``, ``or`` and ``and``. A shape using anything else is refused when the
shapes are read, so a rule added to the file can never be skipped silently.
``tests/ontology`` runs the shape tests with this validator and with pySHACL side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

Index = dict[Node, dict[Node, list[Node]]]
_TYPE = RDF.type
_IRI_KIND = SH.IRI
_LANG_STRING = RDF.langString
_STRING = XSD.string

# predicates of a shape that document it and take no part in validation
_DOCUMENTATION = {SH.message, SH.name, SH.description, RDFS.comment, RDFS.label, RDF.type, SH.order}
_PARAMETERS = {
    SH.path,
    SH.targetClass,
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH.minCount,
    SH.maxCount,
    SH.minInclusive,
    SH.lessThanOrEquals,
    SH.hasValue,
    SH["in"],
    SH.languageIn,
    SH.uniqueLang,
    SH.node,
    SH.property,
    SH["or"],
    SH["and"],
}


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this validator does not implement."""


@dataclass(frozen=True)
class Result:
    focus: Node
    path: Node | None
    message: str
    value: Node | None = None


@dataclass
class Shape:
    node: Node
    path: tuple[URIRef, ...] | None = None
    path_node: Node | None = None  # the path as written in the shapes graph, for reports
    message: str | None = None
    targets: list[URIRef] = field(default_factory=list)
    classes: list[URIRef] = field(default_factory=list)
    datatype: URIRef | None = None
    node_kind: URIRef | None = None
    min_count: int | None = None
    max_count: int | None = None
    min_inclusive: Literal | None = None
    less_or_equal: list[URIRef] = field(default_factory=list)
    has_value: list[Node] = field(default_factory=list)
    one_of: frozenset[Node] | None = None
    languages: list[str] | None = None
    unique_lang: bool = False
    nodes: list[Shape] = field(default_factory=list)
    properties: list[Shape] = field(default_factory=list)
    any_of: list[list[Shape]] = field(default_factory=list)
    all_of: list[list[Shape]] = field(default_factory=list)

    @cached_property
    def checks_values(self) -> bool:
        """Whether the shape has a constraint on each value (not only on their number)."""
        return bool(
            self.classes
            or self.datatype is not None
            or self.node_kind is not None
            or self.min_inclusive is not None
            or self.less_or_equal
            or self.one_of is not None
            or self.languages is not None
            or self.nodes
            or self.any_of
            or self.all_of
        )


class _Reader:
    """Reads the shapes graph into ``Shape`` objects (each shape node read once)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.read: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if node in self.read:
            return self.read[node]
        g = self.graph
        shape = self.read[node] = Shape(node)
        for predicate in set(g.predicates(node)):
            if predicate not in _PARAMETERS and predicate not in _DOCUMENTATION:
                raise UnsupportedShape(f"shape {node}: {predicate} is not supported")
        path = g.value(node, SH.path)
        if path is not None:
            shape.path_node = path
            shape.path = self._path(node, path)
        message = g.value(node, SH.message)
        shape.message = str(message) if message is not None else None
        shape.targets = [t for t in g.objects(node, SH.targetClass) if isinstance(t, URIRef)]
        shape.classes = [c for c in g.objects(node, SH["class"]) if isinstance(c, URIRef)]
        datatype = g.value(node, SH.datatype)
        shape.datatype = datatype if isinstance(datatype, URIRef) else None
        kind = g.value(node, SH.nodeKind)
        if kind is not None and kind != SH.IRI:
            raise UnsupportedShape(f"shape {node}: sh:nodeKind {kind} is not supported")
        shape.node_kind = kind if isinstance(kind, URIRef) else None
        shape.min_count = _integer(g.value(node, SH.minCount))
        shape.max_count = _integer(g.value(node, SH.maxCount))
        low = g.value(node, SH.minInclusive)
        shape.min_inclusive = low if isinstance(low, Literal) else None
        shape.less_or_equal = [p for p in g.objects(node, SH.lessThanOrEquals) if isinstance(p, URIRef)]
        shape.has_value = list(g.objects(node, SH.hasValue))
        listed = g.value(node, SH["in"])
        shape.one_of = frozenset(Collection(g, listed)) if listed is not None else None
        languages = g.value(node, SH.languageIn)
        shape.languages = [str(x).lower() for x in Collection(g, languages)] if languages is not None else None
        shape.unique_lang = g.value(node, SH.uniqueLang) == Literal(True)
        shape.nodes = [self.shape(n) for n in g.objects(node, SH.node)]
        shape.properties = [self.shape(p) for p in g.objects(node, SH.property)]
        shape.any_of = [[self.shape(m) for m in Collection(g, items)] for items in g.objects(node, SH["or"])]
        shape.all_of = [[self.shape(m) for m in Collection(g, items)] for items in g.objects(node, SH["and"])]
        return shape

    def _path(self, shape: Node, path: Node) -> tuple[URIRef, ...]:
        if isinstance(path, URIRef):
            return (path,)
        steps = list(Collection(self.graph, path)) if self.graph.value(path, RDF.first) is not None else []
        if steps and all(isinstance(step, URIRef) for step in steps):
            return tuple(step for step in steps if isinstance(step, URIRef))
        raise UnsupportedShape(f"shape {shape}: only predicate and sequence paths are supported")


def _integer(value: Node | None) -> int | None:
    return int(value) if isinstance(value, Literal) else None


def index_triples(triples: Iterable[tuple[Node, Node, Node]]) -> Index:
    """Subject → predicate → objects, for a set of triples (no triple twice)."""
    index: Index = {}
    for s, p, o in triples:
        by_predicate = index.get(s)
        if by_predicate is None:
            by_predicate = index[s] = {}
        objects = by_predicate.get(p)
        if objects is None:
            by_predicate[p] = [o]
        else:
            objects.append(o)
    return index


class _Data:
    """The data being validated: the document's index over a fixed background index (the
    reference graphs and the ontology), read as their union."""

    def __init__(self, own: Index, background: Index, superclasses: Mapping[Node, frozenset[Node]]) -> None:
        self.own = own
        self.background = background
        self.superclasses = superclasses
        self._classes: dict[Node, frozenset[Node]] = {}

    def values(self, subject: Node, predicate: Node) -> list[Node]:
        mine = self.own.get(subject, {}).get(predicate, [])
        theirs = self.background.get(subject, {}).get(predicate, [])
        if not theirs:
            return mine
        if not mine:
            return theirs
        seen = set(mine)
        return mine + [x for x in theirs if x not in seen]

    def follow(self, focus: Node, path: tuple[URIRef, ...]) -> list[Node]:
        """The values reached from ``focus`` along ``path``, each once, in the order first
        reached (a dict keeps them: one pass, however many values a property has)."""
        current = [focus]
        for step in path:
            reached: dict[Node, None] = {}
            for node in current:
                for value in self.values(node, step):
                    reached.setdefault(value, None)
            current = list(reached)
        return current

    def classes(self, node: Node) -> frozenset[Node]:
        """The classes ``node`` is an instance of, with their superclasses."""
        found = self._classes.get(node)
        if found is None:
            found = frozenset()
            for cls in self.values(node, _TYPE):
                found |= self.superclasses.get(cls, frozenset((cls,)))
            self._classes[node] = found
        return found


def superclass_closure(index: Index) -> dict[Node, frozenset[Node]]:
    """Each class with every class it is a subclass of, itself included."""
    direct = {s: set(p.get(RDFS.subClassOf, [])) for s, p in index.items() if RDFS.subClassOf in p}
    closure: dict[Node, frozenset[Node]] = {}
    for cls in direct:
        seen: set[Node] = {cls}
        pending = list(direct[cls])
        while pending:
            parent = pending.pop()
            if parent not in seen:
                seen.add(parent)
                pending.extend(direct.get(parent, ()))
        closure[cls] = frozenset(seen)
    return closure


def _datatype_ok(value: Node, datatype: URIRef) -> bool:
    if not isinstance(value, Literal) or getattr(value, "ill_typed", False):
        return False
    if datatype == _LANG_STRING:
        return bool(value.language)
    if datatype == _STRING:
        return not value.language and value.datatype in (None, _STRING)
    return value.datatype == datatype


def _comparable(value: Node) -> object | None:
    if not isinstance(value, Literal) or getattr(value, "ill_typed", False):
        return None
    python = value.toPython()
    if isinstance(python, bool) or not isinstance(python, int | float | Decimal):
        return python if not isinstance(python, Literal) else None
    return Decimal(str(python))


def _less_or_equal(left: Node, right: Node) -> bool:
    a, b = _comparable(left), _comparable(right)
    try:
        return a is not None and b is not None and a <= b  # type: ignore[operator]
    except TypeError:
        return False


class Validator:
    """Shapes read once; ``check`` validates one data graph over the background graphs."""

    def __init__(self, shapes: Graph, background: Iterable[tuple[Node, Node, Node]] = ()) -> None:
        reader = _Reader(shapes)
        targeted = {s for s in shapes.subjects(SH.targetClass)}
        self.shapes = [reader.shape(node) for node in sorted(targeted, key=str)]
        self.background = index_triples(background)
        self.superclasses = superclass_closure(self.background)

    def check(self, triples: Iterable[tuple[Node, Node, Node]], *, focus_in_data_only: bool = False) -> list[Result]:
        """Violations of the data (read together with the background graphs). With
        ``focus_in_data_only`` only nodes that are subjects of the data are validated: the
        background alone is validated once, by ``check([])``."""
        own = index_triples(triples)
        closure = self.superclasses
        if any(RDFS.subClassOf in predicates for predicates in own.values()):
            closure = superclass_closure({**self.background, **own})
        data = _Data(own, self.background, closure)
        candidates: Iterable[Node] = own if focus_in_data_only else set(own) | set(self.background)
        results: list[Result] = []
        for focus in candidates:
            classes = data.classes(focus)
            if not classes:
                continue
            for shape in self.shapes:
                if not classes.isdisjoint(shape.targets):
                    results.extend(self._shape(shape, focus, data))
        return results

    def _conforms(self, shape: Shape, focus: Node, data: _Data) -> bool:
        return not self._shape(shape, focus, data, first_only=True)

    def _shape(self, shape: Shape, focus: Node, data: _Data, first_only: bool = False) -> list[Result]:
        results: list[Result] = []
        values = data.follow(focus, shape.path) if shape.path is not None else [focus]
        path = shape.path_node

        def fail(default: str, value: Node | None = None) -> bool:
            results.append(Result(focus, path, shape.message or default, value))
            return first_only

        if (
            shape.min_count is not None
            and len(values) < shape.min_count
            and fail(f"fewer than {shape.min_count} values")
        ):
            return results
        if (
            shape.max_count is not None
            and len(values) > shape.max_count
            and fail(f"more than {shape.max_count} values")
        ):
            return results
        present = set(values) if shape.has_value else set()
        for member in shape.has_value:
            if member not in present and fail(f"no value {member}"):
                return results
        if shape.unique_lang:
            tags = [v.language.lower() for v in values if isinstance(v, Literal) and v.language]
            if len(tags) != len(set(tags)) and fail("two values share a language tag"):
                return results
        for value in values if shape.checks_values else ():
            for message in self._value_problems(shape, focus, value, data):
                if fail(message, value):
                    return results
        for nested in shape.properties:
            for value in values:
                found = self._shape(nested, value, data, first_only)
                results.extend(found)
                if found and first_only:
                    return results
        return results

    def _value_problems(self, shape: Shape, focus: Node, value: Node, data: _Data) -> Iterable[str]:
        for cls in shape.classes:
            if cls not in data.classes(value):
                yield f"value is not a {cls}"
        if shape.datatype is not None and not _datatype_ok(value, shape.datatype):
            yield f"value is not of datatype {shape.datatype}"
        if shape.node_kind == _IRI_KIND and not isinstance(value, URIRef):
            yield "value is not an IRI"
        if shape.min_inclusive is not None and not _less_or_equal(shape.min_inclusive, value):
            yield f"value is less than {shape.min_inclusive}"
        for other in shape.less_or_equal:
            if any(not _less_or_equal(value, bound) for bound in data.values(focus, other)):
                yield f"value is greater than a value of {other}"
        if shape.one_of is not None and value not in shape.one_of:
            yield "value is not one of the allowed values"
        if shape.languages is not None:
            tag = value.language.lower() if isinstance(value, Literal) and value.language else None
            if tag is None or not any(tag == want or tag.startswith(want + "-") for want in shape.languages):
                yield "value has none of the allowed language tags"
        for nested in shape.nodes:
            if not self._conforms(nested, value, data):
                yield f"value does not conform to {nested.node}"
        for members in shape.any_of:
            if not any(self._conforms(member, value, data) for member in members):
                yield "value conforms to none of the alternatives"
        for members in shape.all_of:
            if not all(self._conforms(member, value, data) for member in members):
                yield "value does not conform to all of the shapes"
